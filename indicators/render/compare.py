"""The Regions page's figures, like with like: figures as intervals with their period and
rank range, and a labelled map of the regions' states. No Streamlit.

Interval bars: each entry of ``ranking.comparison`` is drawn as what its interval says:
a solid bar up to the interval's low end (the figure is at least that), a hatched
stretch from its low to its high end (somewhere in there), and an arrow where there is
no high end ("more than"). So "< 300" is a hatched bar from 0 to 300 with nothing
solid, and never looks larger than a solid "100".

The map is drawn on plain x/y axes (longitude, Mercator latitude), not on plotly's map
traces: map traces need a glyph server for any text, and the map must name its regions
offline. It opens on the north, where the figures are; the south is a pan away.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from indicators.render.charts import BOUND_SYMBOLS, PALETTE, esc, layout, legend_start, mirror
from indicators.render.formats import compact, date_text, present, unit_label, value_text
from indicators.render.i18n import label, region_names, t
from indicators.render.maps import COLOURSCALE, _colour_axis
from indicators.render.provenance import counted, row_citation

SOLID, HATCH, STALE = PALETTE[0], "#9ecae1", "#bdbdbd"
SCOPE_COLOURS = {
    "region": PALETTE[0],
    "region_1997": PALETTE[2],
    "city": PALETTE[0],
    "park": PALETTE[5],
}
STATE_COLOURS = {
    "region": None,  # coloured by value
    "place": "#fdf3e1",
    "none_here": "#ececec",
    "none": "#d0d0d0",
}
STATES = ("region", "place", "none_here", "none")
# The first view of the map: the north, from Lagoueira's latitude up is a pan away.
NORTH = {"lon": (-10.6, -0.9), "lat": (27.4, 36.0)}
MAP_HEIGHT = 560
# How far above its successor's name a 1997 region's figure is marked (map units, about
# half a degree): the name stays readable beside the diamond.
REGION_1997_LIFT = 0.5
# A place's distinct figures for one period are listed whole up to this many; more are
# said as their number and their smallest and largest ("12 chiffres, de < 300 à 2 000").
RANGE_LISTED = 4


def place_name(row: dict, lang: str) -> str:
    """ "Agadir (ville)", "Casanearshore (parc)", "Souss-Massa-Draâ (région 1997)"; a
    region's own figure by its name alone."""
    place = row.get(f"place_{lang}") if present(row.get(f"place_{lang}")) else row["place_fr"]
    if row["scope"] == "region":
        return str(place)
    return t("compare.place_kind", lang, place=place, kind=t(f"compare.kind.{row['scope']}", lang))


def rank_text(row: dict, lang: str) -> str:
    if row["of"] <= 1:
        return t("compare.rank_alone", lang)
    if row["rank_best"] == row["rank_worst"]:
        return t("compare.rank", lang, rank=int(row["rank_best"]), n=int(row["of"]))
    return t(
        "compare.rank_range",
        lang,
        best=int(row["rank_best"]),
        worst=int(row["rank_worst"]),
        n=int(row["of"]),
    )


def figure_label(row: dict, unit: str | None, lang: str, per_capita: bool = False) -> str:
    """ "< 300 · janv. 2011" (the bound, the value and the period, always together)."""
    figures = list(dict.fromkeys(row["figures"])) if row["bound"] == "range" else []
    if figures and not per_capita and len(figures) > RANGE_LISTED:
        # Too many to list: how many, and the smallest and the largest, each with its bound.
        (high, high_bound), (low, low_bound) = max(figures), min(figures)
        text = counted(
            "compare.figures_span",
            len(figures),
            lang,
            low=value_text(low, low_bound, None, lang),
            high=value_text(high, high_bound, None, lang),
        )
        text += " " + unit_label(unit, lang) if unit else ""
    elif figures and not per_capita:
        text = " / ".join(value_text(v, b, None, lang) for v, b in figures)
        text += " " + unit_label(unit, lang) if unit else ""
    elif row["bound"] == "range":
        text = t(
            "compare.between",
            lang,
            low=value_text(row["low"], "exact", None, lang),
            high=value_text(row["high"], "exact", None, lang),
        )
    else:
        text = value_text(row["value"], row["bound"], None if per_capita else unit, lang)
    text += " · " + date_text(str(row["period"]), lang)
    if row.get("stale"):
        text += " · " + t("compare.stale", lang)
    return text


def interval_bars(
    frame: pd.DataFrame,
    lang: str,
    unit: str | None,
    region_names: dict[str, str],
    per_capita: bool = False,
    projected: bool = False,
) -> go.Figure:
    """One row per entry of ``ranking.comparison`` (or ``per_100k``), in its order (the
    first at the top): what is certain solid, what is uncertain hatched, an arrow for no
    upper end; the label carries the value, bound, period and rank range. Targets and
    forecasts (``projected``) are cross-hatched even where certain: promises, never drawn
    like recorded figures."""
    rows = frame.to_dict("records")
    finite = [v for r in rows for v in (r["low"], r["high"]) if present(v) and not math.isinf(v)]
    top = max([*finite, 1]) * 1.15
    names = [
        f"{esc(place_name(r, lang))}"
        + ("" if r["scope"] == "region" else f" — {esc(region_names.get(r['region'], ''))}")
        for r in rows
    ]
    certain = [max(r["low"], 0) for r in rows]
    ends = [top if math.isinf(r["high"]) else r["high"] for r in rows]
    hovers = [_hover(r, unit, lang, per_capita) for r in rows]
    custom = [r["region"] for r in rows]
    colours = [STALE if r.get("stale") else SCOPE_COLOURS[r["scope"]] for r in rows]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=certain,
            y=names,
            orientation="h",
            marker={
                "color": colours,
                "pattern": {"shape": "x" if projected else "", "fgcolor": "white", "size": 6},
            },
            name=t("compare.legend_certain", lang),
            hovertext=hovers,
            hoverinfo="text",
            customdata=custom,
            meta={"role": "certain"},
        )
    )
    fig.add_trace(
        go.Bar(
            x=[e - c for e, c in zip(ends, certain, strict=True)],
            base=certain,
            y=names,
            orientation="h",
            marker={
                "color": "rgba(255,255,255,0)",
                "line": {"color": colours, "width": 1.5},
                "pattern": {"shape": "/", "fgcolor": colours, "size": 6},
            },
            name=t("compare.legend_uncertain", lang),
            hovertext=hovers,
            hoverinfo="text",
            customdata=custom,
            meta={"role": "uncertain"},
        )
    )
    open_rows = [i for i, r in enumerate(rows) if math.isinf(r["high"])]
    if open_rows:
        fig.add_trace(
            go.Scatter(
                x=[top] * len(open_rows),
                y=[names[i] for i in open_rows],
                mode="markers",
                marker={"symbol": "triangle-right", "size": 13, "color": colours[0]},
                name=t("compare.legend_open", lang),
                hoverinfo="skip",
                meta={"role": "open"},
            )
        )
    # Each row's words above its bar, from the left edge: the place, then the value with
    # its bound and period, then the rank. Above, not beside: on a
    # phone a label column would leave the bars no room.
    for name, row in zip(names, rows, strict=True):
        fig.add_annotation(
            x=0,
            y=name,
            xref="x",
            yref="y",
            xanchor="left",
            yanchor="bottom",
            yshift=22,
            align="left",
            showarrow=False,
            name="label",
            text=f"<b>{name}</b><br>"
            + esc(figure_label(row, unit, lang, per_capita))
            + "<br>"
            + esc(rank_text(row, lang)),
            font={"size": 12, "color": "#1a1a1a"},
        )
    layout(fig, lang, height=max(240, 104 * len(rows) + 110))
    fig.update_layout(barmode="overlay", bargap=0.62, margin={"l": 4, "r": 10}, legend={"y": 1.0})
    axis_title = (
        t("compare.per_100k", lang) if per_capita else unit_label(unit, lang) if unit else ""
    )
    fig.update_xaxes(
        range=[0, top * 1.04], title=esc(axis_title), tickformat=",~r", fixedrange=True
    )
    fig.update_yaxes(
        showticklabels=False,
        categoryorder="array",
        categoryarray=names,
        range=[len(names) - 0.6, -1.0],
        fixedrange=True,
    )
    return mirror(fig, lang)


def bar_labels(fig: go.Figure) -> list[str]:
    """The rows' label texts, top row first (what a reader sees above each bar)."""
    return [a.text for a in fig.layout.annotations if a.name == "label"]


def _hover(row: dict, unit, lang: str, per_capita: bool) -> str:
    parts = [
        f"<b>{esc(place_name(row, lang))}</b>",
        esc(figure_label(row, unit, lang, per_capita)),
        esc(rank_text(row, lang)),
    ]
    if per_capita and present(row.get("population")):
        parts.append(
            esc(
                t(
                    "compare.census",
                    lang,
                    year=row["census_year"],
                    population=compact(row["population"], lang),
                )
            )
        )
    if row["claims"] > 1:
        parts.append(esc(t("compare.merged", lang, n=int(row["claims"]))))
    parts.append(f"{label('common.source', lang)} {esc(row_citation(row, lang))}")
    return "<br>".join(parts)


# --- the map -----------------------------------------------------------------------------
def mercator(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _ring(feature) -> tuple[list[float], list[float]]:
    ring = feature["geometry"]["coordinates"][0]
    return [p[0] for p in ring], [mercator(p[1]) for p in ring]


def _centroid(xs, ys) -> tuple[float, float]:
    area = cx = cy = 0.0
    for i in range(len(xs) - 1):
        cross = xs[i] * ys[i + 1] - xs[i + 1] * ys[i]
        area += cross
        cx += (xs[i] + xs[i + 1]) * cross
        cy += (ys[i] + ys[i + 1]) * cross
    if not area:
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return cx / (3 * area), cy / (3 * area)


def region_states(
    regions: pd.DataFrame, frame: pd.DataFrame, with_any_figure: set[str]
) -> dict[str, str]:
    """Each region's state on the map: ``region`` (a figure of the whole region in the
    period), ``place`` (only a place's figure: a city, a park, a 1997 region), ``none_here``
    (figures in the sources, none for this indicator and period), ``none`` (no figure in
    any source curated)."""
    own = set(frame.loc[frame["scope"] == "region", "region"]) if len(frame) else set()
    places = set(frame["region"]) if len(frame) else set()
    states = {}
    for rid in regions["id"]:
        if rid in own:
            states[rid] = "region"
        elif rid in places:
            states[rid] = "place"
        elif rid in with_any_figure:
            states[rid] = "none_here"
        else:
            states[rid] = "none"
    return states


def region_map(
    regions: pd.DataFrame,
    frame: pd.DataFrame,
    states: dict[str, str],
    points: dict[str, tuple[float, float]],
    geojson: dict,
    lang: str,
    unit: str | None,
    height: int = MAP_HEIGHT,
) -> go.Figure:
    """The 12 regions named and filled by state; a region's own figure as its colour; a
    place's figure as a labelled marker at that place (``points``: geo -> (lat, lon))."""
    by_code = {f["id"]: f for f in geojson["features"]}
    own = frame[frame["scope"] == "region"] if len(frame) else frame
    values = {r["region"]: r for r in own.to_dict("records")}
    colour = _colour_axis([values[r]["value"] for r in values], lang, unit) if values else None
    value_colour = {}
    if colour:
        low, high = colour["zmin"], colour["zmax"]
        for rid, z in zip(values, colour["z"], strict=True):
            share = 0.5 if high == low else (z - low) / (high - low)
            value_colour[rid] = COLOURSCALE[
                min(int(share * (len(COLOURSCALE) - 1) + 0.5), len(COLOURSCALE) - 1)
            ]
    fig = go.Figure()
    shown_state: set[str] = set()
    label_x, label_y, label_text, label_ids, label_hover = [], [], [], [], []
    centres: dict[str, tuple[float, float]] = {}
    for region in regions.to_dict("records"):
        feature = by_code.get(region["code"])
        if feature is None:
            continue
        rid, state = region["id"], states.get(region["id"], "none")
        xs, ys = _ring(feature)
        fill = value_colour.get(rid) if state == "region" else STATE_COLOURS[state]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=fill,
                fillpattern={"shape": "x", "fgcolor": "#9e9e9e", "size": 8}
                if state == "none"
                else None,
                line={"color": "#8c8c8c", "width": 0.8},
                hoveron="fills",
                name=t(f"compare.state.{state}", lang),
                legendgroup=state,
                showlegend=state not in shown_state,
                hoverinfo="name",
                meta={"role": "region", "region": rid, "state": state},
            )
        )
        shown_state.add(state)
        cx, cy = _centroid(xs, ys)
        centres[rid] = (cx, cy)
        label_x.append(cx)
        label_y.append(cy)
        label_text.append(esc(_region_name(region, lang)))
        label_ids.append(rid)
        label_hover.append(_region_hover(region, state, values.get(rid), unit, lang))
    # Every state in the legend, even one no region is in: the legend explains the map.
    for state in STATES:
        if state not in shown_state:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker={"symbol": "square", "size": 12, "color": STATE_COLOURS[state] or SOLID},
                    name=t(f"compare.state.{state}", lang),
                    legendgroup=state,
                    meta={"role": "legend", "state": state},
                )
            )
    fig.add_trace(
        go.Scatter(
            x=label_x,
            y=label_y,
            mode="markers+text",
            marker={"size": 6, "color": "#555555"},
            text=label_text,
            textposition="bottom center",
            textfont={"size": 10, "color": "#333333"},
            customdata=label_ids,
            hovertext=label_hover,
            hoverinfo="text",
            showlegend=False,
            meta={"role": "names"},
        )
    )
    places = frame[frame["scope"] != "region"] if len(frame) else frame
    if len(places):
        # (x, y) of each place's marker: a city or park at its point; a region of the 1997
        # division (it has no point) above the name of the 2015 region it is drawn on.
        where = {g: (lon, mercator(lat)) for g, (lat, lon) in points.items()}
        for r in places.to_dict("records"):
            if r["geo"] not in where and r["scope"] == "region_1997" and r["region"] in centres:
                cx, cy = centres[r["region"]]
                where[r["geo"]] = (cx, cy + REGION_1997_LIFT)
        rows = [r for r in places.to_dict("records") if r["geo"] in where]
        for scope in ("region_1997", "city", "park"):
            mine = [r for r in rows if r["scope"] == scope]
            if not mine:
                continue
            fig.add_trace(
                go.Scatter(
                    x=[where[r["geo"]][0] for r in mine],
                    y=[where[r["geo"]][1] for r in mine],
                    mode="markers+text",
                    marker={
                        "symbol": {"city": "circle", "park": "square", "region_1997": "diamond"}[
                            scope
                        ],
                        "size": 12,
                        "color": SCOPE_COLOURS[scope],
                        "line": {"color": "white", "width": 1},
                    },
                    # The figure without its unit (the title names it): a short label.
                    text=[
                        esc(place_name(r, lang) + t("common.colon", lang))
                        + " "
                        + esc(figure_label(r, None, lang))
                        for r in mine
                    ],
                    textposition=[_label_side(where[r["geo"]][0], scope) for r in mine],
                    textfont={"size": 11, "color": "#1a1a1a"},
                    customdata=[r["region"] for r in mine],
                    hovertext=[_hover(r, unit, lang, False) for r in mine],
                    hoverinfo="text",
                    name=t(f"compare.marker.{scope}", lang),
                    meta={"role": "places", "scope": scope},
                )
            )
    if colour:
        title = unit_label(unit, lang) if unit else t("common.value", lang)
        if colour["ticks"]:
            title += " — " + t("compare.log_scale", lang)
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={
                    "colorscale": COLOURSCALE,
                    "cmin": colour["zmin"],
                    "cmax": colour["zmax"],
                    "color": [colour["zmin"]],
                    "showscale": True,
                    "colorbar": {
                        "title": {"text": esc(title), "side": "top"},
                        "orientation": "h",
                        "y": -0.02,
                        "yanchor": "top",
                        "len": 0.6,
                        "thickness": 12,
                        **colour["ticks"],
                    },
                },
                showlegend=False,
                hoverinfo="skip",
                meta={"role": "scale", "log": bool(colour["ticks"])},
            )
        )
    fig.update_layout(
        height=height,
        plot_bgcolor="#eaf2f8",
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.08 if colour else -0.01,
            **legend_start(lang),
        },
        dragmode="pan",
        font={"size": 13},
        hoverlabel={"align": "left"},
        uirevision="region-map",
    )
    fig.update_xaxes(range=list(NORTH["lon"]), visible=False, showgrid=False)
    fig.update_yaxes(
        range=[mercator(NORTH["lat"][0]), mercator(NORTH["lat"][1])],
        visible=False,
        showgrid=False,
        scaleanchor="x",
        scaleratio=1,
    )
    return fig


def _label_side(lon: float, scope: str) -> str:
    """Labels of places near the map's west or east edge run inwards."""
    vertical = "bottom" if scope == "park" else "top"
    if lon < -7.5:
        return "middle right"
    if lon > -3.5:
        return "middle left"
    return f"{vertical} center"


def _region_name(region: dict, lang: str) -> str:
    """The region's name in the reader's language (Arabic: HCP's), French without one."""
    return region.get(region_names(lang)) or region["name_fr"]


def _region_hover(region: dict, state: str, own: dict | None, unit, lang: str) -> str:
    parts = [f"<b>{esc(_region_name(region, lang))}</b>", t(f"compare.state.{state}", lang)]
    if own:
        parts.append(esc(figure_label(own, unit, lang)))
        parts.append(esc(rank_text(own, lang)))
    return "<br>".join(parts)


# --- the Outlook's scenario --------------------------------------------------------------
def scenario_chart(
    recorded: pd.DataFrame,
    scenario: pd.DataFrame,
    targets: pd.DataFrame,
    lang: str,
    series_label: str,
    unit: str | None,
    title: str | None,
    ceiling: dict | None = None,
) -> go.Figure:
    """Recorded figures (filled, by bound), the derived scenario (dashed, values rounded
    in the hover), the national targets of the same thing as hollow markers at their
    horizon, and the ceiling as a dotted line when the scenario comes near it."""
    from indicators.analysis.scenarios import round_significant

    fig = go.Figure()
    if len(recorded):
        fig.add_trace(
            go.Scatter(
                x=recorded["year"],
                y=recorded["value"],
                mode="markers",
                name=esc(series_label),
                marker={
                    "size": 12,
                    "color": PALETTE[0],
                    "symbol": [BOUND_SYMBOLS.get(b, "circle") for b in recorded["bound"]],
                },
                text=[
                    esc(value_text(r["value"], r["bound"], unit, lang))
                    + " · "
                    + esc(date_text(r["period"], lang))
                    for r in recorded.to_dict("records")
                ],
                hovertemplate="%{text}<extra></extra>",
                meta={"role": "recorded"},
            )
        )
    if len(scenario):
        shown = [round_significant(v) for v in scenario["value"]]
        fig.add_trace(
            go.Scatter(
                x=scenario["year"],
                y=scenario["value"],
                mode="lines",
                name=t("outlook.scenario_line", lang),
                line={"color": PALETTE[5], "dash": "dash", "width": 2},
                text=[
                    esc(
                        t(
                            "compare.scenario_hover",
                            lang,
                            year=y,
                            value=value_text(v, "approx", unit, lang),
                        )
                    )
                    for y, v in zip(scenario["year"], shown, strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
                meta={"role": "scenario"},
            )
        )
    if len(targets):
        fig.add_trace(
            go.Scatter(
                x=[d.year for d in targets["period_end"]],
                y=targets["value"],
                mode="markers+text",
                name=t("compare.targets_legend", lang),
                marker={
                    "size": 14,
                    "symbol": "circle-open",
                    "color": PALETTE[3],
                    "line": {"width": 2.5, "color": PALETTE[3]},
                },
                text=[
                    esc(value_text(r["value"], r["bound"], None, lang))
                    + " ("
                    + esc(date_text(r["period"], lang))
                    + ")"
                    for r in targets.to_dict("records")
                ],
                textposition="top center",
                hovertemplate="%{text}<extra></extra>",
                meta={"role": "targets"},
            )
        )
    layout(fig, lang, title=title, height=460)
    fig.update_layout(legend={"y": -0.2, "yanchor": "top"}, margin={"t": 60 if title else 20})
    fig.update_xaxes(title=t("common.year", lang), tickformat="d")
    values = [*recorded.get("value", []), *scenario.get("value", []), *targets.get("value", [])]
    top = max([v for v in values if present(v)] or [1])
    if ceiling and top >= ceiling["population"] / 2:
        fig.add_hline(
            y=ceiling["population"],
            line={"dash": "dot", "color": "#444444"},
            annotation_text=esc(t(f"compare.ceiling_line.{ceiling['kind']}", lang)),
            annotation_position="top left",
        )
    fig.update_yaxes(
        range=[0, top * 1.12],
        title=esc(unit_label(unit, lang) if unit else ""),
        tickformat=",~r",
    )
    return fig


# --- the Overview's national chart -------------------------------------------------------
MIN_LINE_POINTS = 3  # two points make a line that says more than they do


def national_stocks(
    frame: pd.DataFrame,
    targets: pd.DataFrame,
    lang: str,
    labels: dict[str, str],
    unit: str | None,
    title: str | None,
) -> go.Figure:
    """National stocks of one unit over time: a series of three figures or more as a
    line, fewer as unjoined markers; the national targets of those indicators as hollow
    markers at their horizon, labelled as targets."""
    fig = go.Figure()
    for index, (indicator, rows) in enumerate(frame.groupby("indicator", sort=False)):
        rows = rows.sort_values("year")
        colour = PALETTE[index % len(PALETTE)]
        line = len(rows) >= MIN_LINE_POINTS
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                name=esc(labels.get(indicator, indicator)),
                mode="lines+markers" if line else "markers",
                line={"color": colour, "width": 2},
                marker={
                    "size": 11,
                    "color": colour,
                    "symbol": [BOUND_SYMBOLS.get(b, "circle") for b in rows["bound"]],
                    "line": {"width": 1, "color": "white"},
                },
                text=[
                    esc(value_text(r["value"], r["bound"], unit, lang))
                    + " · "
                    + esc(date_text(r["period"], lang))
                    for r in rows.to_dict("records")
                ],
                hovertemplate="%{text}<extra></extra>",
                meta={"role": "recorded", "indicator": indicator, "line": line},
            )
        )
        mine = targets[targets["indicator"] == indicator] if len(targets) else targets
        if len(mine):
            fig.add_trace(
                go.Scatter(
                    x=mine["year"],
                    y=mine["value"],
                    name=esc(
                        t("compare.target_of", lang, indicator=labels.get(indicator, indicator))
                    ),
                    mode="markers+text",
                    marker={
                        "size": 14,
                        "symbol": "circle-open",
                        "line": {"width": 2.5, "color": colour},
                    },
                    text=[
                        esc(
                            t(
                                "compare.target_label",
                                lang,
                                value=value_text(r["value"], r["bound"], None, lang),
                                year=r["period_end"].year,
                            )
                        )
                        for r in mine.to_dict("records")
                    ],
                    textposition="top center",
                    textfont={"color": colour},
                    hovertemplate="%{text}<extra></extra>",
                    meta={"role": "targets", "indicator": indicator},
                )
            )
    layout(fig, lang, title=title, height=480)
    fig.update_layout(margin={"t": 60 if title else 30}, legend={"y": -0.18, "yanchor": "top"})
    years = [*frame["year"], *(targets["year"] if len(targets) else [])]
    # Room either side for the target labels at the first and last years.
    fig.update_xaxes(
        title=t("common.year", lang), tickformat="d", range=[min(years) - 2.5, max(years) + 2.5]
    )
    values = [*frame["value"], *(targets["value"] if len(targets) else [])]
    fig.update_yaxes(
        range=[0, max([*values, 1]) * 1.15],
        title=esc(unit_label(unit, lang) if unit else ""),
        tickformat=",~r",
    )
    return fig
