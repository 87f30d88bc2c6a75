"""A place's profile in the reader's language: its sentences, its small figures (a map,
a rank chart, the labour pool against the country) and the brief to take away (one
self-contained HTML file: inline SVG drawn here, no script, no network; A4 print CSS).

Everything from data is plain text here: the page escapes it for markdown, the brief
with ``html.escape``. No Streamlit.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from indicators.analysis.census import CREDIT, LICENCE, CensusFigure
from indicators.analysis.intervals import Interval
from indicators.analysis.profile import PerLabour, Position, Profile, Share
from indicators.render import maps
from indicators.render.charts import FONT, PALETTE, esc, legend_start
from indicators.render.formats import (
    date_text,
    number,
    percent,
    plotly_separators,
    present,
    value_text,
)
from indicators.render.i18n import label, t
from indicators.render.reasons import reason_text, span_text

HIGHLIGHT = PALETTE[1]  # orange: the place
OTHERS = "#8c8c8c"
REGION_FILL = PALETTE[0]


# --- words --------------------------------------------------------------------------------
def ordinal(n: int, lang: str) -> str:
    """1 -> "1st" / "1er", 2 -> "2nd" / "2e"."""
    if lang == "fr":
        return "1er" if n == 1 else f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(row: dict, lang: str) -> str:
    """ "2nd" or, when bounds or claims overlap, "2nd–4th"."""
    best, worst = int(row["rank_best"]), int(row["rank_worst"])
    return ordinal(best, lang) if best == worst else f"{ordinal(best, lang)}–{ordinal(worst, lang)}"


def period_words(period) -> str:
    return period.text.replace("-", "–") if period is not None else ""


def place_name(ds, geo: str, lang: str) -> str:
    return ds.geography.label(geo, lang)


def title(profile: Profile, ds, lang: str) -> str:
    return place_name(ds, profile.geo, lang)


def fallback_message(profile: Profile, lang: str) -> str | None:
    choice = profile.choice
    if choice.problem is None:
        return None
    return t(f"profile.fallback_{choice.problem}", lang, asked=str(choice.asked)[:80])


def kind_text(profile: Profile, ds, lang: str) -> str:
    """ "Region (HCP code 03)", "City in Oriental", "Business park in Casablanca"."""
    if profile.kind == "country":
        return t("profile.kind_country", lang)
    if profile.kind == "region":
        code = ds.geography.regions[profile.geo.partition(":")[2]].code
        return t("profile.kind_region", lang, code=code)
    region = place_name(ds, f"region:{profile.region}", lang) if profile.region else ""
    if profile.kind == "city":
        return t("profile.kind_city", lang, region=region)
    city = place_name(ds, f"city:{profile.city}", lang) if profile.city else ""
    return t("profile.kind_park", lang, city=city, region=region)


def population_text(profile: Profile, lang: str) -> list[str]:
    """One line per census: "Legal population 2024: 4,467,911 (12.1% of Morocco's)"."""
    lines = []
    for pop in profile.population:
        key = "profile.population_legal" if pop.kind == "legal" else "profile.population_municipal"
        text = t(key, lang, year=pop.census, value=number(pop.value, lang), commune=pop.commune)
        if profile.kind != "country":
            text += " " + t("profile.population_share", lang, share=percent(pop.share, lang))
        lines.append(text + f" — {CREDIT.format(year=pop.census)}")
    if not profile.population and profile.kind in ("city", "park"):
        lines.append(t("profile.population_none", lang))
    return lines


def commune_text(profile: Profile, lang: str) -> list[str]:
    """How a city's census figures were found: the commune matched in each census, or why
    there is none (never a guess)."""
    lines = []
    for match in profile.commune:
        if match.code:
            lines.append(
                t("profile.commune_match", lang, census=match.census, name=match.name,
                  code=match.code, on=match.matched_on)
            )  # fmt: skip
        elif match.reason == "ambiguous":
            lines.append(
                t("profile.commune_ambiguous", lang, census=match.census, on=match.matched_on,
                  codes=", ".join(match.candidates))
            )  # fmt: skip
        else:
            lines.append(t("profile.commune_none", lang, census=match.census))
    return lines


def figure_text(row: dict, lang: str) -> str:
    return value_text(row["value"], row["bound"], row["unit"], lang)


def when_text(row: dict, lang: str) -> str:
    text = date_text(row["period"], lang)
    return text + " *" if present(row.get("period_inferred")) and row["period_inferred"] else text


def headline_title(family: str, rows: pd.DataFrame, ds, lang: str) -> str:
    return ds.indicator_label(rows.iloc[0]["indicator"], lang)


def source_name(ds, source_id: str, lang: str) -> str:
    """ "Publisher, date" (a short citation)."""
    info = ds.source(source_id)
    if info is None:
        return source_id
    when = date_text(info["published"], lang) if info["published"] else ""
    return f"{info['publisher']}, {when}" if when else str(info["publisher"])


def citation(ds, source_id: str, lang: str) -> str:
    info = ds.source(source_id)
    if info is None:
        return source_id
    quoted = f"« {info['title']} »" if lang == "fr" else f"“{info['title']}”"
    parts = [str(info["publisher"]), quoted]
    if info["published"]:
        parts.append(date_text(info["published"], lang))
    return ", ".join(parts)


def entry_text(row: dict, unit: str, lang: str) -> str:
    """A ranked entry's figure: its value with its bound, or, for several claims taken
    together, their range ("between 270 and 330 positions")."""
    if row["bound"] == "range":
        span = Interval(row["low"], row["high"], bool(row["low_open"]), bool(row["high_open"]))
        return span_text(span, unit, lang)
    return value_text(row["value"], row["bound"], unit, lang)


def position_text(position: Position, ds, lang: str, kind: str) -> str:
    """ "2nd of 6 regions with a figure, 2015–2019 (Oujda: 100 positions, 2019)"."""
    row = position.row
    only = int(row["of"]) == 1  # "1st of 1" says nothing: the only one with a figure
    text = t(
        f"profile.position_{'only_' if only else ''}{kind}",
        lang,
        rank=rank_text(row, lang),
        of=int(row["of"]),
        period=period_words(position.period),
        indicator=ds.indicator_label(position.indicator, lang),
    )
    figure = entry_text(row, ds.indicator(position.indicator)["unit"], lang)
    if row.get("claims", 1) > 1:
        figure = t("profile.claims_merged", lang, n=int(row["claims"]), figure=figure)
    text += " " + t(
        "profile.position_figure", lang, figure=figure, period=date_text(row["period"], lang)
    )
    overlapping = list(row.get("overlapping") or [])
    if overlapping:
        names = ", ".join(place_name(ds, g, lang) for g in overlapping)
        text += " " + t("profile.position_overlap", lang, names=names)
    if row.get("stale"):
        text += " " + t("profile.position_stale", lang)
    return text


def share_text(item: Share, ds, lang: str) -> str:
    unit = item.place_row["unit"]
    return t(
        "profile.share",
        lang,
        indicator=ds.indicator_label(item.indicator, lang),
        period=date_text(item.period, lang),
        share=span_text(item.span, "percent", lang),
        place=value_text(item.place_row["value"], item.place_row["bound"], unit, lang),
        national=value_text(item.national_row["value"], item.national_row["bound"], unit, lang),
    )


def per_labour_text(item: PerLabour, ds, lang: str) -> str:
    row = item.row
    return t(
        "profile.per_labour",
        lang,
        indicator=ds.indicator_label(item.indicator, lang),
        period=date_text(row["period"], lang),
        ratio=span_text(item.span, "", lang).strip(),
        value=value_text(row["value"], row["bound"], row["unit"], lang),
        force=number(item.labour_force, lang),
        census=item.census,
    )


def census_value(figure: CensusFigure, lang: str) -> str:
    if figure.unit == "percent":
        return percent(figure.value, lang)
    text = number(figure.value, lang)
    return f"≈\u00a0{text}" if figure.bound == "approx" else text


def census_formula(figure: CensusFigure, lang: str) -> str:
    if not figure.derived:
        return ""
    if figure.derived[0] == "sum":
        bands = " + ".join(percent(b, lang) for b in figure.derived[1])
        return t("profile.formula_sum", lang, bands=bands)
    _, share_pc, population = figure.derived
    return t(
        "profile.formula_share_of",
        lang,
        share=percent(share_pc, lang),
        population=number(population, lang),
    )


def labour_table(profile: Profile, lang: str) -> pd.DataFrame:
    """The labour pool: one row per measure and census, the place beside the country."""
    national = {(f.key, f.census): f for f in profile.national_labour}
    rows = []
    for figure in profile.labour:
        nat = national.get((figure.key, figure.census))
        rows.append(
            {
                t("profile.measure", lang): t(f"profile.census_measure.{figure.key}", lang),
                t("profile.census_year", lang): CREDIT.format(year=figure.census),
                t("profile.this_place", lang): census_value(figure, lang),
                t("profile.morocco", lang): census_value(nat, lang) if nat else "–",
                t("profile.how", lang): census_formula(figure, lang)
                or t(f"profile.census_def.{figure.key}", lang),
            }
        )
    return pd.DataFrame(rows)


def labour_scope_text(profile: Profile, ds, lang: str) -> str:
    if profile.labour_scope is None:
        return t("profile.labour_none", lang)
    return (
        t(f"profile.labour_scope_{profile.labour_scope}", lang)
        + " "
        + t("profile.census_credit", lang, licence=LICENCE)
    )


def milestone_line(row: dict, lang: str) -> str:
    when = date_text(row["start"], lang)
    if present(row.get("end")):
        when += f" – {date_text(row['end'], lang)}"
    status = t(f"milestone_status.{row['status']}", lang)
    return f"{when} · {row[f'title_{lang}']} · {row[f'place_{lang}']} ({status})"


def promise_line(row: dict, ds, lang: str) -> tuple[str, str]:
    """(headline, reason) of a ledger row."""
    head = (
        f"{t('ledger.verdict.' + row['verdict'], lang)} · {row[f'place_{lang}']} · "
        f"{ds.indicator_label(row['indicator'], lang)} · "
        f"{value_text(row['value'], row['bound'], row['unit'], lang)} · "
        f"{date_text(row['period'], lang)}"
    )
    return head, reason_text(row["reasons"], lang, ds)


def figures_table(profile: Profile, ds, lang: str) -> pd.DataFrame:
    frame = profile.figures
    if frame.empty:
        return pd.DataFrame()
    records = frame.to_dict("records")
    return pd.DataFrame(
        {
            t("common.indicator", lang): [
                ds.indicator_label(r["indicator"], lang) for r in records
            ],
            t("common.place", lang): [r[f"place_{lang}"] for r in records],
            t("common.value", lang): [figure_text(r, lang) for r in records],
            t("common.period", lang): [when_text(r, lang) for r in records],
            t("common.status", lang): [t(f"status.{r['status']}", lang) for r in records],
            t("common.claimant", lang): [
                r["claimant"] if present(r["claimant"]) else "" for r in records
            ],
            t("common.source", lang): [source_name(ds, r["source"], lang) for r in records],
        }
    )


# --- plotly figures (the page) ----------------------------------------------------------
def _bounded(values) -> float:
    finite = [v for v in values if present(v) and not math.isinf(v)]
    return max(finite, default=1.0) or 1.0


def place_map(profile: Profile, ds, lang: str, height: int = 320) -> go.Figure:
    """The 12 regions in grey, the place's region in blue, the city or park as a dot."""
    geojson = maps.regions_geojson()
    codes = [f["id"] for f in geojson["features"]]
    fig = go.Figure()
    fig.add_trace(maps._outlines(geojson, codes))
    mine = []
    if profile.kind == "country":
        mine = codes
    elif profile.region and profile.region in ds.geography.regions:
        mine = [ds.geography.regions[profile.region].code]
    if mine:
        fig.add_trace(
            go.Choroplethmap(
                geojson=maps.subset(geojson, mine),
                locations=mine,
                z=[1] * len(mine),
                colorscale=[[0, REGION_FILL], [1, REGION_FILL]],
                showscale=False,
                marker={"line": {"color": "white", "width": 1}, "opacity": 0.55},
                hovertext=[esc(place_name(ds, f"region:{profile.region}", lang))] * len(mine)
                if profile.region
                else [esc(t("scope.country", lang))] * len(mine),
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            )
        )
    if profile.point:
        lat, lon = profile.point
        fig.add_trace(
            go.Scattermap(
                lat=[lat],
                lon=[lon],
                mode="markers",
                marker={"size": 14, "color": HIGHLIGHT},
                hovertext=[esc(title(profile, ds, lang))],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            )
        )
    view = maps.fit_view(geojson, height)
    fig.update_layout(
        map={"style": maps.MAP_STYLE, "center": view["center"], "zoom": view["zoom"]},
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        font={"family": FONT, "size": 12},
        separators=plotly_separators(lang),
    )
    return fig


def position_chart(position: Position, ds, lang: str, geo: str) -> go.Figure:
    """Each ranked place's figure as an interval (a bar from its low to its high end; an
    open end runs to the edge with an arrow), the place in orange."""
    ranked = position.ranked
    unit = ds.indicator(position.indicator)["unit"]
    top = _bounded(list(ranked["high"]) + list(ranked["low"])) * 1.15
    fig = go.Figure()
    names = []
    for row in ranked.to_dict("records"):
        name = f"{row[f'place_{lang}']} ({rank_text(row, lang)})"
        names.append(name)
        colour = HIGHLIGHT if row["geo"] == geo else OTHERS
        high = top if math.isinf(row["high"]) else row["high"]
        low = row["low"]
        text = entry_text(row, unit, lang)
        hover = f"<b>{esc(name)}</b><br>{esc(text)} · {esc(date_text(row['period'], lang))}"
        if low == high:
            fig.add_trace(
                go.Scatter(x=[low], y=[name], mode="markers", marker={"color": colour, "size": 12},
                           hovertext=[hover], hovertemplate="%{hovertext}<extra></extra>",
                           showlegend=False)
            )  # fmt: skip
        else:
            fig.add_trace(
                go.Scatter(
                    x=[low, high], y=[name, name], mode="lines+markers",
                    line={"color": colour, "width": 8},
                    marker={"symbol": ["line-ns", "triangle-right" if math.isinf(row["high"])
                                       else "line-ns"], "size": 12, "color": colour},
                    hovertext=[hover, hover], hovertemplate="%{hovertext}<extra></extra>",
                    showlegend=False,
                )
            )  # fmt: skip
    fig.update_layout(
        height=80 + 34 * len(names),
        margin={"l": 10, "r": 10, "t": 10, "b": 30},
        font={"family": FONT, "size": 13},
        separators=plotly_separators(lang),
        plot_bgcolor="white",
    )
    fig.update_xaxes(range=[0, top], gridcolor="#eeeeee", tickformat=",~r", title=None)
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)))
    return fig


PERCENT_MEASURES = (
    "young_adults_share",
    "higher_education",
    "reads_french",
    "reads_english",
    "unemployment_rate",
)


def labour_pairs(profile: Profile, lang: str, census: str = "2024"):
    """(measure label, place %, country %) for the percent measures of one census."""
    national = {f.key: f.value for f in profile.national_labour if f.census == census}
    return [
        (t(f"profile.census_measure.{f.key}", lang), f.value, national.get(f.key))
        for f in profile.labour
        if f.census == census and f.key in PERCENT_MEASURES
    ]


def labour_chart(profile: Profile, ds, lang: str) -> go.Figure | None:
    pairs = labour_pairs(profile, lang)
    if not pairs or profile.kind == "country":
        return None
    labels = [p[0] for p in pairs]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(y=labels, x=[p[1] for p in pairs], orientation="h", marker_color=HIGHLIGHT,
               name=esc(title(profile, ds, lang)),
               text=[percent(p[1], lang) for p in pairs], textposition="outside",
               cliponaxis=False)
    )  # fmt: skip
    fig.add_trace(
        go.Bar(y=labels, x=[p[2] for p in pairs], orientation="h", marker_color=OTHERS,
               name=esc(t("scope.country", lang)),
               text=[percent(p[2], lang) for p in pairs], textposition="outside",
               cliponaxis=False)
    )  # fmt: skip
    fig.update_layout(
        barmode="group",
        height=360,
        margin={"l": 10, "r": 30, "t": 50, "b": 10},
        font={"family": FONT, "size": 13},
        separators=plotly_separators(lang),
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, **legend_start(lang)},
    )
    top = max(max(p[1] for p in pairs), max((p[2] or 0) for p in pairs))
    fig.update_xaxes(
        ticksuffix=percent(0, lang).replace("0", "", 1), gridcolor="#eeeeee", range=[0, top * 1.2]
    )
    fig.update_yaxes(autorange="reversed")
    return fig


# --- the brief (one HTML file) -------------------------------------------------------------
def _svg_map(profile: Profile, ds, width: int = 260) -> str:
    """The regions as SVG paths (equirectangular, scaled by the cosine of the mean
    latitude), the place's region filled, its city or park as a dot."""
    geojson = maps.regions_geojson()
    points = [p for f in geojson["features"] for ring in f["geometry"]["coordinates"] for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    scale_x = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span_x, span_y = (max(lons) - min(lons)) * scale_x, max(lats) - min(lats)
    ratio = width / span_x
    height = int(span_y * ratio) + 2

    def xy(lon, lat):
        return (lon - min(lons)) * scale_x * ratio, (max(lats) - lat) * ratio

    mine = set()
    if profile.kind == "country":
        mine = {f["id"] for f in geojson["features"]}
    elif profile.region and profile.region in ds.geography.regions:
        mine = {ds.geography.regions[profile.region].code}
    paths = []
    for feature in geojson["features"]:
        d = ""
        for ring in feature["geometry"]["coordinates"]:
            coords = [xy(*p) for p in ring[::2]]
            d += "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z"
        fill = REGION_FILL if feature["id"] in mine else "#eeeeee"
        opacity = "0.6" if feature["id"] in mine else "1"
        paths.append(
            f'<path d="{d}" fill="{fill}" fill-opacity="{opacity}" stroke="#999" '
            f'stroke-width="0.6"/>'
        )
    if profile.point:
        x, y = xy(profile.point[1], profile.point[0])
        paths.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{HIGHLIGHT}" stroke="white"/>')
    return (
        f'<svg class="map" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{html.escape(title(profile, ds, 'fr'))}</title>{''.join(paths)}</svg>"
    )


def _svg_bars(items, lang: str, width: int = 520, left: int = 190, right: int = 110) -> str:
    """Horizontal interval bars: items are (label, low, high, high_open, highlight, text).
    An open end runs to the edge and ends in an arrow."""
    top = _bounded([i[1] for i in items] + [i[2] for i in items]) * 1.15
    row_h = 22
    plot = width - left - right
    height = row_h * len(items) + 8
    out = [
        f'<svg class="bars" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
    ]
    for n, (name, low, high, high_open, highlight, text) in enumerate(items):
        y = 4 + n * row_h
        colour = HIGHLIGHT if highlight else OTHERS
        x0 = left + plot * (low / top if top else 0)
        hi = top if (high_open and math.isinf(high)) else high
        x1 = left + plot * (hi / top if top else 0)
        out.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="11">'
            f"{html.escape(name[:34])}</text>"
        )
        if x1 - x0 < 3:
            out.append(f'<circle cx="{x0:.1f}" cy="{y + 10}" r="5" fill="{colour}"/>')
        else:
            out.append(
                f'<rect x="{x0:.1f}" y="{y + 4}" width="{x1 - x0:.1f}" height="12" '
                f'fill="{colour}"/>'
            )
        if high_open and math.isinf(high):
            out.append(f'<path d="M{x1:.1f},{y + 1} l8,9 l-8,9 z" fill="{colour}"/>')
        out.append(
            f'<text x="{min(x1, left + plot) + 12:.1f}" y="{y + 14}" font-size="11">'
            f"{html.escape(text)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


BRIEF_CSS = """
@page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a;
  font-size: 10.5pt; line-height: 1.35; margin: 0 auto; max-width: 182mm; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2mm 0; }
h2 { font-size: 12.5pt; margin: 5mm 0 2mm 0; border-bottom: 1px solid #ccc; padding-bottom: 1mm; }
.lead { color: #333; margin: 0 0 3mm 0; }
.top { display: flex; gap: 6mm; align-items: flex-start; }
.top .facts { flex: 1; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { text-align: left; padding: 1.2mm 1.5mm; border-bottom: 1px solid #e2e2e2;
  vertical-align: top; }
th { background: #f3f3f3; }
.value { font-weight: 600; white-space: nowrap; }
.note { color: #444; font-size: 9pt; }
.conflict { color: #8a4b00; font-size: 9pt; }
ul { margin: 0; padding-left: 5mm; }
li { margin: 0.6mm 0; }
h2 { break-after: avoid; page-break-after: avoid; }
tr, li, svg, .keep { break-inside: avoid; page-break-inside: avoid; }
.sources { columns: 2; column-gap: 6mm; }
.sources li { font-size: 8pt; overflow-wrap: anywhere; }
.two { display: flex; gap: 5mm; align-items: flex-start; }
.two > * { flex: 1; min-width: 0; }
svg { max-width: 100%; height: auto; }
footer { margin-top: 5mm; color: #444; font-size: 8.5pt; border-top: 1px solid #ccc;
  padding-top: 2mm; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


MAX_BRIEF_ROWS = 5
MAX_BRIEF_PROMISES = 3
MAX_BRIEF_SOURCES = 8  # the rest are on the profile page, each with its figures
REASON_CHARS = 240


def brief_html(profile: Profile, ds, lang: str, today: dt.date | None = None) -> str:
    """The profile as one self-contained HTML page: text, inline SVG figures, sources and
    the date of the data; no script, no link to load. Prints on A4 portrait."""
    today = today or dt.date.today()
    name = title(profile, ds, lang)
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{_e(t('profile.brief_title', lang, place=name))}</title>",
        f"<style>{BRIEF_CSS}</style></head><body>",
        f"<h1>{_e(name)}</h1>",
        f'<p class="lead">{_e(kind_text(profile, ds, lang))} · '
        f"{_e(t('profile.brief_dated', lang, date=date_text(today.isoformat(), lang)))}</p>",
        '<div class="top"><div class="facts">',
    ]
    parts.append("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in population_text(profile, lang)))
    parts += [f"<li>{_e(x)}</li>" for x in place_lines(profile, ds, lang)]
    parts.append("</ul></div>")
    parts.append(_svg_map(profile, ds, width=190))
    parts.append("</div>")

    # headline figures
    parts.append(f"<section><h2>{_e(t('profile.headlines', lang))}</h2>")
    if profile.headlines:
        parts.append(
            f"<table><tr><th>{_e(t('common.indicator', lang))}</th>"
            f"<th>{_e(t('common.value', lang))}</th><th>{_e(t('common.period', lang))}</th>"
            f"<th>{_e(t('common.place', lang))}</th><th>{_e(t('common.status', lang))}</th>"
            f"<th>{_e(t('common.source', lang))}</th></tr>"
        )
        for family, rows in profile.headlines[:MAX_BRIEF_ROWS]:
            records = rows.to_dict("records")
            for n, row in enumerate(records):
                parts.append(
                    "<tr>"
                    f"<td>{_e(headline_title(family, rows, ds, lang)) if n == 0 else ''}</td>"
                    f'<td class="value">{_e(figure_text(row, lang))}</td>'
                    f"<td>{_e(when_text(row, lang))}</td><td>{_e(row[f'place_{lang}'])}</td>"
                    f"<td>{_e(t('status.' + row['status'], lang))}</td>"
                    f"<td>{_e(source_name(ds, row['source'], lang))}</td></tr>"
                )
        parts.append("</table>")
        if any(len(rows) > 1 for _, rows in profile.headlines[:MAX_BRIEF_ROWS]):
            parts.append(f'<p class="conflict">{_e(t("common.conflict", lang))}</p>')
        if len(profile.headlines) > MAX_BRIEF_ROWS:
            more = len(profile.headlines) - MAX_BRIEF_ROWS
            parts.append(f'<p class="note">{_e(t("profile.brief_more", lang, n=more))}</p>')
    else:
        parts.append(f"<p>{_e(t('profile.no_figures', lang))}</p>")
    parts.append("</section>")

    # position
    parts.append(f"<section><h2>{_e(t('profile.position', lang))}</h2>")
    for line in position_lines(profile, ds, lang):
        parts.append(f"<p>{_e(line)}</p>")
    for position in profile.positions[:2]:
        unit = ds.indicator(position.indicator)["unit"]
        items = [
            (
                f"{row[f'place_{lang}']} ({rank_text(row, lang)})",
                row["low"],
                row["high"],
                bool(row["high_open"]),
                row["geo"] == profile.geo,
                entry_text(row, unit, lang),
            )
            for row in position.ranked.to_dict("records")
        ]
        parts.append(
            f'<p class="note">{_e(ds.indicator_label(position.indicator, lang))}, '
            f"{_e(period_words(position.period))}</p>"
        )
        parts.append(_svg_bars(items, lang))
    parts.append("</section>")

    # labour pool
    parts.append(f"<section><h2>{_e(t('profile.labour', lang))}</h2>")
    parts.append(f'<p class="note">{_e(labour_scope_text(profile, ds, lang))}</p>')
    table = labour_table(profile, lang)
    if len(table):
        table = table[table[t("profile.census_year", lang)] == CREDIT.format(year="2024")]
        parts.append(_html_table(table))
        pairs = labour_pairs(profile, lang)
        if pairs and profile.kind != "country":
            items = []
            for measure, mine, country in pairs:
                items.append((measure, 0.0, mine, False, True, percent(mine, lang)))
                if country is not None:
                    items.append(
                        (t("scope.country", lang), 0.0, country, False, False,
                         percent(country, lang))
                    )  # fmt: skip
            parts.append(_svg_bars(items, lang, width=460, left=170, right=60))
    parts.append("</section>")

    # promises
    if len(profile.promises):
        parts.append(f"<section><h2>{_e(t('profile.promises', lang))}</h2><ul>")
        for row in profile.promises.head(MAX_BRIEF_PROMISES).to_dict("records"):
            head, reason = promise_line(row, ds, lang)
            if len(reason) > REASON_CHARS:  # the whole reason is on the page
                reason = reason[:REASON_CHARS].rsplit(" ", 1)[0] + " …"
            parts.append(f"<li><b>{_e(head)}</b><br><span class='note'>{_e(reason)}</span></li>")
        parts.append("</ul>")
        if len(profile.promises) > MAX_BRIEF_PROMISES:
            more = len(profile.promises) - MAX_BRIEF_PROMISES
            parts.append(f'<p class="note">{_e(t("profile.brief_more", lang, n=more))}</p>')
        parts.append("</section>")

    # milestones
    if len(profile.milestones):
        parts.append(f"<section><h2>{_e(t('profile.timeline', lang))}</h2><ul>")
        for row in profile.milestones.tail(MAX_BRIEF_ROWS).to_dict("records"):
            parts.append(f"<li>{_e(milestone_line(row, lang))}</li>")
        parts.append("</ul></section>")

    # sources
    # One paragraph, sources separated by " · ": a place with twenty sources stays on A4.
    cited = []
    for source_id in profile.sources[:MAX_BRIEF_SOURCES]:
        info = ds.source(source_id) or {}
        url = info.get("url")
        link = (  # the address in full in the link, its site as the text
            f' (<a href="{_e(url)}">{_e(urlparse(url).netloc)}</a>)'
            if isinstance(url, str) and url.startswith(("http://", "https://"))
            else ""
        )
        cited.append(f"{_e(citation(ds, source_id, lang))}{link}")
    parts.append(
        f"<section><h2>{_e(t('profile.sources', lang))}</h2>"
        f"<p class='sources'>{' · '.join(cited)}</p>"
    )
    if len(profile.sources) > MAX_BRIEF_SOURCES:
        more = len(profile.sources) - MAX_BRIEF_SOURCES
        parts.append(f"<p>{_e(t('profile.brief_more_sources', lang, n=more))}</p>")
    parts.append("</section>")
    parts.append(
        f"<footer>{_e(t('profile.brief_footer', lang, date=date_text(today.isoformat(), lang)))}"
        f"<br>{_e(t('app.credit', lang))}</footer></body></html>"
    )
    return "".join(parts)


def _html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def place_lines(profile: Profile, ds, lang: str) -> list[str]:
    """Where the place is and what is in it, as plain lines."""
    lines = []
    if profile.kind in ("city", "park") and profile.region:
        lines.append(
            f"{label('common.region', lang)} {place_name(ds, f'region:{profile.region}', lang)}"
        )
    if profile.kind == "park" and profile.city:
        lines.append(f"{label('common.city', lang)} {place_name(ds, f'city:{profile.city}', lang)}")
    if profile.cities and profile.kind == "region":
        names = ", ".join(place_name(ds, f"city:{c}", lang) for c in profile.cities)
        lines.append(f"{label('profile.cities', lang)} {names}")
    if profile.parks:
        names = ", ".join(place_name(ds, f"park:{p}", lang) for p in profile.parks)
        lines.append(f"{label('profile.parks', lang)} {names}")
    return lines


def position_lines(profile: Profile, ds, lang: str) -> list[str]:
    """The place's rank per indicator, its share of the national figure, and its figures
    per 1,000 in the labour force (each saying how it was derived)."""
    if profile.kind == "country":
        lines = [t("profile.position_country", lang)]
    elif not profile.positions:
        lines = [t(f"profile.position_none_{profile.kind}", lang)]
    else:
        lines = [position_text(p, ds, lang, profile.kind) for p in profile.positions]
    if profile.kind != "country":
        if profile.shares:
            lines += [share_text(s, ds, lang) for s in profile.shares]
        else:
            lines.append(t("profile.share_none", lang))
    lines += [per_labour_text(p, ds, lang) for p in profile.per_labour]
    return lines
