"""Maps that work offline: the 12 regions' boundaries and the figures drawn on them.

Only plotly's map traces (``Choroplethmap``, ``Scattermap``) on the "white-bg" style are
used: that style has no tiles, and the boundaries are our own GeoJSON
(geo/regions.geojson, package data). Plotly's ``geo`` subplots are avoided because they fetch a
topojson from a CDN at draw time. Map traces are kept to filled areas, lines and circle
markers: text labels and non-circle symbols would make MapLibre fetch glyphs or sprites
from the style's font server, so labels live in the hover and the legend instead.
No Streamlit here: tables in, figures out.
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sequential

from indicators.analysis.dataset import OBSERVED, Dataset
from indicators.render.charts import FONT, PALETTE, esc, hover_text, legend_start
from indicators.render.formats import (
    compact,
    date_text,
    plotly_separators,
    present,
    value_text,
)
from indicators.render.i18n import label, t

GEOJSON_FILE = Path(__file__).resolve().parent / "geo" / "regions.geojson"
MAP_STYLE = "white-bg"
HEIGHT = 620
# Light end of "Blues" dropped: the palest blues are hard to tell from the white
# background and from the no-data grey.
COLOURSCALE = sequential.Blues[2:]
LAND_COLOUR = "#f4f4f2"
BORDER_COLOUR = "#9e9e9e"
PARK_COLOUR = PALETTE[5]  # vermillion: apart from the blue bubbles for colour-blind eyes
OTHER_CITY_COLOUR = "#666666"
BUBBLE_MIN, BUBBLE_MAX = 9, 42  # marker diameters in pixels


@functools.lru_cache(maxsize=4)
def _load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def regions_geojson(path: str | Path | None = None) -> dict:
    """The 12 regions' boundaries (read once). Features are keyed by HCP code ("01".."12").
    The dict is shared between callers: read it, never change it."""
    return _load(str(path or GEOJSON_FILE))


def subset(geojson: dict, codes) -> dict:
    """A FeatureCollection of only the features with these codes: each trace carries only
    the polygons it draws, so a figure ships every boundary once."""
    wanted = set(codes)
    return {
        "type": "FeatureCollection",
        "features": [f for f in geojson["features"] if f["id"] in wanted],
    }


def fit_view(geojson: dict, height: int = HEIGHT, width: int | None = None) -> dict:
    """Centre and zoom that show every feature (the southern provinces included) in a map
    ``height`` pixels tall (and ``width`` wide when known: else assumed at least as wide)."""
    xs, ys = [], []
    for feature in geojson["features"]:
        for ring in feature["geometry"]["coordinates"]:
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)

    def mercator(lat):  # web maps stretch latitudes: fit on the projected span
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    def unmercator(y):
        return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)

    top, bottom = mercator(max(ys)), mercator(min(ys))
    span_x, span_y = max(xs) - min(xs), top - bottom
    usable = 0.92  # a little air around the country
    # MapLibre's world is 512 px wide at zoom 0 (not 256 as for raster tiles).
    zoom_y = math.log2(height * usable * 360 / (512 * span_y))
    zoom_x = math.log2((width or height) * usable * 360 / (512 * span_x))
    return {
        "center": {"lat": round(unmercator((top + bottom) / 2), 3), "lon": (max(xs) + min(xs)) / 2},
        "zoom": round(min(zoom_x, zoom_y), 2),
    }


def _outlines(geojson: dict, codes, fill: str = LAND_COLOUR) -> go.Choroplethmap:
    """Regions as a quiet background: land in light grey, borders in mid grey, no hover."""
    codes = list(codes)
    return go.Choroplethmap(
        geojson=subset(geojson, codes),
        locations=codes,
        z=[0] * len(codes),
        colorscale=[[0, fill], [1, fill]],
        showscale=False,
        marker={"line": {"color": BORDER_COLOUR, "width": 0.8}},
        hoverinfo="skip",
        showlegend=False,
        meta={"role": "outlines"},
    )


def _colour_axis(values: list[float], lang: str, unit: str | None) -> dict:
    """Linear colours from zero, or logarithmic ones when the figures span more than a
    factor of 20 (press figures run from "< 300" jobs in one region to 30,000 in
    another: on a linear scale every small region would look empty)."""
    positive = [v for v in values if v > 0]
    top = max(values) if values and max(values) > 0 else 1
    if len(positive) == len(values) and len(values) > 1 and top / min(positive) > 20:
        low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(top))
        powers = list(range(low, high + 1))
        return {
            "z": [math.log10(v) for v in values],
            "zmin": low,
            "zmax": high,
            "ticks": {
                "tickvals": powers,
                "ticktext": [compact(10**p, lang, unit) for p in powers],
            },
        }
    return {"z": values, "zmin": 0, "zmax": top, "ticks": {}}


def _latest(rows: pd.DataFrame) -> pd.DataFrame:
    """Per place, its latest figure (then its largest, for a stable choice on ties)."""
    ordered = rows.sort_values(["period_end", "value"], ascending=[False, False])
    return ordered.drop_duplicates("geo", keep="first")


def _bubble_sizes(values, largest: float) -> list[float]:
    # Area, not diameter, proportional to the value: sqrt.
    return [
        BUBBLE_MIN + (BUBBLE_MAX - BUBBLE_MIN) * math.sqrt(max(v, 0) / largest)
        if largest
        else BUBBLE_MIN
        for v in values
    ]


def city_indicators(dataset: Dataset, statuses=OBSERVED) -> list[str]:
    """Indicators with a figure for a city or a park, the most places first."""
    obs = dataset.observations
    obs = obs[obs["geo_kind"].isin(["city", "park"]) & obs["status"].isin(statuses)]
    counts = obs.groupby("indicator")["geo"].nunique()
    return sorted(counts.index, key=lambda i: (-counts[i], i))


def city_map(
    dataset: Dataset,
    indicator: str | None,
    lang: str,
    *,
    geojson: dict | None = None,
    center: dict | None = None,
    zoom: float | None = None,
    style: str = MAP_STYLE,
    height: int = HEIGHT,
    statuses=OBSERVED,
    routes_shown: bool = True,
) -> go.Figure:
    """Cities sized by their latest figure for ``indicator`` (bound in the hover), the
    other cities the data names as small markers, business parks in their own colour,
    and each road-show's route through its stops (thin and light, under the bubbles;
    none when ``routes_shown`` is false), over the regions' outlines. The legend sits
    below the map."""
    geojson = geojson or regions_geojson()
    geo = dataset.geography
    obs, ms = dataset.observations, dataset.milestones
    indicator_name = dataset.indicator_label(indicator, lang) if indicator else ""
    figures = obs[(obs["indicator"] == indicator) & obs["status"].isin(statuses)]
    city_figures = _latest(figures[figures["geo_kind"] == "city"])
    park_figures = _latest(figures[figures["geo_kind"] == "park"])
    claims = figures.groupby("geo").size().to_dict()
    largest = max([*city_figures["value"], *park_figures["value"], 0])

    fig = go.Figure()
    fig.add_trace(_outlines(geojson, [f["id"] for f in geojson["features"]]))

    # Routes first so that the markers sit on top of the lines. The latest route is
    # shown; older ones wait in the legend, a click away, to keep the map readable.
    routes = ms[ms["route"].map(len) > 0].sort_values("start_date")
    # Stop numbers go in the hover of the city's own marker: points on the same spot
    # compete for the hover (the smallest marker wins), so the route's points take none
    # and every stop gets a city marker below.
    stops_at: dict[str, list[str]] = {}
    for index, row in enumerate(routes.to_dict("records")):
        name = t("maps.route", lang, year=str(row["start"])[:4])
        # Numbered by their place in the route as curated, like the list on the page.
        stops = [(c, geo.point(f"city:{c}")) for c in row["route"]]
        stops = [(c, p) for c, p in stops if p is not None]
        for n, c in enumerate(row["route"], start=1):
            stops_at.setdefault(c, []).append(t("maps.stop_in", lang, route=name, n=n))
        if not stops or not routes_shown:
            continue
        colour = PALETTE[(2 + index) % len(PALETTE)]
        fig.add_trace(
            go.Scattermap(
                lat=[p[0] for _, p in stops],
                lon=[p[1] for _, p in stops],
                mode="lines+markers",
                line={"color": colour, "width": 1.5},
                marker={"size": 5, "color": colour},
                opacity=0.55,
                name=name,
                hoverinfo="skip",
                visible=True if index == len(routes) - 1 else "legendonly",
                meta={"role": "route", "milestone": row["id"]},
            )
        )

    parks_in: dict[str, list[str]] = {}
    for park in dataset.parks.to_dict("records"):
        parks_in.setdefault(park["city"], []).append(park["name"])

    def about(city: str) -> list[str]:
        """What a city's hover adds: its parks and its road-show stops."""
        lines = []
        if city in parks_in:
            names = ", ".join(esc(n) for n in parks_in[city])
            lines.append(f"{label('maps.parks_here', lang)} {names}")
        return lines + stops_at.get(city, [])

    sized = set(city_figures["city"])
    named = set(obs["city"].dropna()) | set(ms["city"].dropna()) | set(stops_at) | set(parks_in)
    mentioned = sorted(
        named - sized,
        key=lambda c: geo.label(f"city:{c}", lang),
    )
    mentioned = [c for c in mentioned if geo.point(f"city:{c}")]
    if mentioned:
        fig.add_trace(
            go.Scattermap(
                lat=[geo.point(f"city:{c}")[0] for c in mentioned],
                lon=[geo.point(f"city:{c}")[1] for c in mentioned],
                mode="markers",
                marker={"size": 7, "color": OTHER_CITY_COLOUR},
                name=t("maps.other_cities", lang),
                hovertext=[
                    "<br>".join(
                        [
                            f"<b>{esc(geo.label(f'city:{c}', lang))}</b>",
                            t(
                                "maps.counts",
                                lang,
                                figures=int((obs["city"] == c).sum()),
                                milestones=int((ms["city"] == c).sum()),
                            ),
                            *about(c),
                        ]
                    )
                    for c in mentioned
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "cities"},
            )
        )

    if len(city_figures):
        rows = city_figures.to_dict("records")
        fig.add_trace(
            go.Scattermap(
                lat=[geo.point(r["geo"])[0] for r in rows],
                lon=[geo.point(r["geo"])[1] for r in rows],
                mode="markers",
                marker={
                    "size": _bubble_sizes([r["value"] for r in rows], largest),
                    "color": PALETTE[0],
                    "opacity": 0.75,
                },
                name=esc(indicator_name),
                hovertext=[
                    "<br>".join(
                        [
                            f"<b>{esc(geo.label(r['geo'], lang))}</b>",
                            _figure_hover(r, lang, claims.get(r["geo"], 1)),
                            *about(r["city"]),
                        ]
                    )
                    for r in rows
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "bubbles"},
            )
        )

    parks = dataset.parks.dropna(subset=["lat", "lon"]).to_dict("records")
    if parks:
        by_park = {r["geo"]: r for r in park_figures.to_dict("records")}
        sizes, hovers = [], []
        for park in parks:
            figure = by_park.get(f"park:{park['id']}")
            sizes.append(_bubble_sizes([figure["value"]], largest)[0] if figure else 10)
            lines = [
                f"<b>{esc(park['name'])}</b> ({t('scope.park', lang)})",
                esc(geo.label(f"city:{park['city']}", lang)),
            ]
            own = geo.parks[park["id"]]
            if own.lat is None or own.lon is None:
                lines.append(t("maps.park_at_city", lang))
            if figure:
                lines.append(_figure_hover(figure, lang, claims.get(figure["geo"], 1)))
            lines.append(
                t(
                    "maps.counts",
                    lang,
                    figures=int((obs["geo"] == f"park:{park['id']}").sum()),
                    milestones=int((ms["geo"] == f"park:{park['id']}").sum()),
                )
            )
            hovers.append("<br>".join(lines))
        fig.add_trace(
            go.Scattermap(
                lat=[p["lat"] for p in parks],
                lon=[p["lon"] for p in parks],
                mode="markers",
                marker={"size": sizes, "color": PARK_COLOUR, "opacity": 0.85},
                name=t("maps.parks", lang),
                hovertext=hovers,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "parks"},
            )
        )
    return _on_plane(fig, geojson, lang, height)


# --- the city map on a plane --------------------------------------------------------------
# A map subplot (MapLibre) would fetch a glyph font from the internet to write a label:
# the city map is drawn on a plain plotly plane instead (longitude, latitude, with the
# latitude's scale), where labels are SVG text and need nothing from outside.
MID_LATITUDE = 32.0
PADDING_DEGREES = 0.8


def _rings(geojson: dict) -> tuple[list, list]:
    xs, ys = [], []
    for feature in geojson["features"]:
        for ring in feature["geometry"]["coordinates"]:
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return xs, ys


def _extent(fig: go.Figure, geojson: dict) -> tuple[list[float], list[float]]:
    """The longitudes and latitudes to show: every place drawn, with some air, within the
    country (the north when that is where all the places are)."""
    lons = [v for t in fig.data if isinstance(t, go.Scattermap) for v in (t.lon or []) if v]
    lats = [v for t in fig.data if isinstance(t, go.Scattermap) for v in (t.lat or []) if v]
    all_x, all_y = _rings(geojson)
    all_x, all_y = [v for v in all_x if v is not None], [v for v in all_y if v is not None]
    if not lons:
        return [min(all_x), max(all_x)], [min(all_y), max(all_y)]
    x = [max(min(lons) - PADDING_DEGREES, min(all_x)), min(max(lons) + PADDING_DEGREES, max(all_x))]
    y = [max(min(lats) - PADDING_DEGREES, min(all_y)), min(max(lats) + PADDING_DEGREES, max(all_y))]
    return x, y


def _on_plane(fig: go.Figure, geojson: dict, lang: str, height: int) -> go.Figure:
    """The map's traces redrawn on a plane: outlines as filled lines, every point trace as
    a scatter with the same marker, hover and role; the bubbles and parks labelled."""
    x_range, y_range = _extent(fig, geojson)
    plane = go.Figure()
    xs, ys = _rings(geojson)
    plane.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=LAND_COLOUR,
            line={"color": BORDER_COLOUR, "width": 0.8},
            hoverinfo="skip",
            showlegend=False,
            meta={"role": "outlines"},
        )
    )
    for old in fig.data:
        if not isinstance(old, go.Scattermap):
            continue
        role = (old.meta or {}).get("role")
        # Cities are named on the map; parks (on or beside their city) in their hover.
        labelled = role in ("bubbles", "cities")
        new = go.Scatter(
            x=old.lon,
            y=old.lat,
            mode=old.mode + ("+text" if labelled else ""),
            marker=old.marker.to_plotly_json(),
            name=old.name,
            hovertext=old.hovertext,
            hovertemplate=old.hovertemplate,
            hoverinfo=old.hoverinfo,
            visible=old.visible,
            opacity=old.opacity,
            meta=old.meta,
            cliponaxis=False,
        )
        if old.line is not None and "lines" in (old.mode or ""):
            new.line = old.line.to_plotly_json()
        if labelled:
            new.text = [_label_of(h) for h in old.hovertext or []]
            # Bubbles named above, other cities below: Rabat and Salé do not collide.
            new.textposition = "top center" if role == "bubbles" else "bottom center"
            new.textfont = {
                "size": 12 if role == "bubbles" else 10,
                "color": "#222222" if role == "bubbles" else "#666666",
            }
        plane.add_trace(new)
    plane.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT, "size": 13},
        height=height + 90,
        margin={"l": 0, "r": 0, "t": 0, "b": 90},
        plot_bgcolor="white",
        # The legend below the map: on a phone it no longer covers Tanger and Rabat.
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, **legend_start(lang)},
        hoverlabel={"align": "left"},
        uirevision="map",
        dragmode="pan",
    )
    plane.update_xaxes(visible=False, range=x_range, constrain="domain")
    plane.update_yaxes(
        visible=False,
        range=y_range,
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(MID_LATITUDE)),
        constrain="domain",
    )
    return plane


def _label_of(hover: str) -> str:
    """A point's label: the name its hover starts with ("<b>Agadir</b>...")."""
    first = str(hover).split("<br>")[0]
    bold = re.search(r"<b>(.*?)</b>", first)
    return bold.group(1) if bold else first


def city_figures_drawn(dataset: Dataset, indicator: str, statuses=OBSERVED) -> pd.DataFrame:
    """The figures the city map sizes its bubbles by: each city's and park's latest."""
    obs = dataset.observations
    figures = obs[(obs["indicator"] == indicator) & obs["status"].isin(statuses)]
    return _latest(figures[figures["geo_kind"].isin(["city", "park"])])


def city_size_legend(dataset: Dataset, indicator: str, lang: str, statuses=OBSERVED) -> str:
    """The bubbles' size legend in words: the largest and the smallest bubble, with
    their place and date ("the surface is proportional to the figure"). Plain text."""
    latest = city_figures_drawn(dataset, indicator, statuses)
    if latest.empty:
        return ""
    ordered = latest.sort_values("value").to_dict("records")

    def one(row) -> str:
        value = value_text(row["value"], row["bound"], row["unit"], lang)
        return f"{value} ({row[f'place_{lang}']}, {date_text(row['period'], lang)})"

    if len(ordered) == 1:
        return t("readers.cities.size_one", lang, largest=one(ordered[0]))
    return t("readers.cities.size_legend", lang, largest=one(ordered[-1]), smallest=one(ordered[0]))


def _figure_hover(row: dict, lang: str, claims: int) -> str:
    """A figure's value with its bound, period, status, claimant and source."""
    # pandas' string columns hold NaN for a missing claimant or derivation, and NaN is
    # truthy: blank them so the hover does not print an empty "According to".
    clean = {key: (value if present(value) else None) for key, value in row.items()}
    text = hover_text(clean, lang, place=False)
    if claims > 1:
        text += "<br>" + t("maps.other_claims", lang, n=claims - 1)
    return text
