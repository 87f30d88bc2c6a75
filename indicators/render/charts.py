"""Plotly figure builders: DataFrame in, Figure out, no Streamlit.

Every figure shows a value with its bound (a triangle pointing up for "more than", down
for "fewer than", a diamond for "about"), uses the Okabe-Ito colour-blind-safe palette,
and carries in its hover the source a figure rests on.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from indicators.render.formats import (
    date_text,
    plotly_separators,
    present,
    value_axis,
    value_text,
)
from indicators.render.i18n import direction, label, region_names, t
from indicators.render.provenance import row_citation, uncertain_date, uncertain_label
from indicators.render.reasons import formula_text

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NO_DATA_COLOUR = "#d9d9d9"
BOUND_SYMBOLS = {
    "exact": "circle",
    "approx": "diamond",
    "lower": "triangle-up",
    "upper": "triangle-down",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"  # no web font download
# Marks a figure carries one claim each. Beyond, identical claims share one mark, and if
# that is still too many, each group's claims become one range per bound (median, min,
# max; the table keeps every claim): a figure stays well under 300 KB of JSON whatever
# the number of observations, and small data is drawn exactly as before.
MARK_CAP = 400


def esc(text) -> str:
    """Text from data, made inert for plotly's hover and labels (which read a little HTML)."""
    if not present(text):
        return ""
    return html.escape(str(text), quote=False)


def layout(fig: go.Figure, lang: str, title: str | None = None, height: int = 420):
    """The look every figure shares: font, number separators of ``lang``, margins, grid."""
    fig.update_layout(
        title={"text": esc(title), "x": 0, "font": {"size": 16}} if title else None,
        separators=plotly_separators(lang),
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        plot_bgcolor="white",
        hoverlabel={"align": "left"},
    )
    fig.update_xaxes(gridcolor="#eeeeee")
    fig.update_yaxes(gridcolor="#eeeeee")
    if direction(lang) == "rtl":  # title, legend and hover text start from the right
        fig.update_layout(hoverlabel={"align": "right"}, legend={"x": 1, "xanchor": "right"})
        if title:
            fig.update_layout(title={"x": 1, "xanchor": "right"})
    return fig


def mirror(fig: go.Figure, lang: str) -> go.Figure:
    """A ranking (horizontal bars) read right to left in Arabic: the category axis on the
    right and the bars growing leftwards from it. Plotly has no direction of its own."""
    if direction(lang) == "rtl":
        fig.update_yaxes(side="right")
        axis = fig.layout.xaxis
        if axis.range is not None:
            fig.update_xaxes(range=list(axis.range)[::-1])
        else:
            fig.update_xaxes(autorange="reversed")
    return fig


def hover_text(row, lang: str, place: bool = True) -> str:
    """One figure's hover: value with bound, place, period, status, claimant, source."""
    parts = [f"<b>{esc(value_text(row['value'], row['bound'], row['unit'], lang))}</b>"]
    if place:
        parts.append(esc(row.get(f"place_{lang}", row.get("place_fr", ""))))
    period = date_text(row["period"], lang)
    if present(row.get("period_inferred")) and row.get("period_inferred"):
        period += f" ({t('common.inferred_date', lang)})"
    parts.append(f"{label('common.period', lang)} {esc(period)}")
    parts.append(t(f"status.{row['status']}", lang))
    if present(row.get("claimant")):
        parts.append(f"{t('common.claimant', lang)} {esc(row['claimant'])}")
    if present(row.get("derivation")):
        parts.append(f"{label('common.derived', lang)} {esc(row['derivation'])}")
    parts.append(f"{label('common.source', lang)} {esc(row_citation(row, lang))}")
    return "<br>".join(parts)


def national_series(frame: pd.DataFrame, lang: str, labels: dict[str, str]) -> go.Figure:
    """National figures over time: one series per indicator (positions and jobs never
    share a line), each point marked by its bound. With thousands of figures, identical
    claims share a point, then each year's claims become a range per bound."""
    fig = go.Figure()
    frame, summarise = _within_cap(frame, ["indicator", "period", "value", "bound"])
    years = _years_per_range(frame) if summarise else 1
    for index, (indicator, rows) in enumerate(frame.groupby("indicator", sort=False)):
        label = labels.get(indicator, indicator)
        colour = PALETTE[index % len(PALETTE)]
        if summarise:
            fig.add_trace(_yearly_ranges(rows, lang, label, colour, years))
            continue
        rows = rows.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                name=esc(label),
                mode="lines+markers",
                line={"color": colour, "width": 2},
                marker={
                    "size": 11,
                    "symbol": [BOUND_SYMBOLS[b] for b in rows["bound"]],
                    "line": {"width": 1, "color": "white"},
                },
                text=[_claim_hover(r, lang, place=False) for r in rows.to_dict("records")],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    layout(fig, lang)
    fig.update_xaxes(title=t("common.year", lang), tickformat="d", dtick=year_step(frame["year"]))
    unit = frame["unit"].iloc[0] if len(frame) and frame["unit"].nunique() == 1 else None
    fig.update_yaxes(rangemode="tozero", **value_axis(frame["value"], unit, lang))
    return fig


def year_step(years) -> int:
    """Whole-year ticks: one a year over a short span, every 2 or 5 years over longer."""
    span = (max(years) - min(years)) if len(years) else 0
    return 1 if span <= 8 else 2 if span <= 16 else 5


def region_ranking(
    table: pd.DataFrame,
    claims: pd.DataFrame,
    lang: str,
    per_100k: bool = False,
    unit: str | None = None,
    projected: bool = False,
) -> go.Figure:
    """Horizontal bars of each region's headline figure, highest first; the other claims
    for the same region as markers beside it; regions with no data labelled so.
    Targets and forecasts (``projected``) are drawn hatched, never like observations."""
    value_column = "per_100k" if per_100k else "value"
    data = table.copy()
    data["_sort"] = data[value_column].fillna(-1) if value_column in data else -1
    data = data.sort_values("_sort")
    names = [esc(n) for n in data[region_names(lang)]]
    has = data["has_data"].astype(bool)
    values = data[value_column].where(has, 0) if value_column in data else [0] * len(data)
    texts = []
    for row in data.to_dict("records"):
        if not row["has_data"]:
            texts.append(t("common.no_data", lang))
        elif per_100k:
            texts.append(value_text(row["per_100k"], row["bound"], None, lang, False))
        else:
            texts.append(value_text(row["value"], row["bound"], unit, lang, False))
    hovers = []
    for row in data.to_dict("records"):
        if not row["has_data"]:
            hovers.append(f"{esc(row[region_names(lang)])}<br>{t('common.no_data', lang)}")
        else:
            hovers.append(hover_text({**row, "unit": unit}, lang))
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            text=texts,
            textposition="outside",
            marker={
                "color": [PALETTE[0] if h else NO_DATA_COLOUR for h in has],
                "pattern": {"shape": "/" if projected else "", "fgcolor": "white"},
            },
            hovertext=hovers,
            hoverinfo="text",
            name=t("common.value", lang),
            showlegend=False,  # the page's caption says what a bar is
            cliponaxis=False,
        )
    )
    if not per_100k and len(claims):
        others = claims.merge(
            data[["region", region_names(lang), "period", "geo"]],
            on="region",
            suffixes=("", "_head"),
        )
        others = others[
            (others["period"] != others["period_head"])
            | (others["geo"] != others["geo_head"])
            | others.duplicated(["region"], keep=False)
        ]
        others, summarise = _within_cap(others, ["region", "period", "value", "bound"])
        if summarise:
            fig.add_trace(_region_ranges(others, lang, unit))
        elif len(others):
            fig.add_trace(
                go.Scatter(
                    x=others["value"],
                    y=[esc(n) for n in others[region_names(lang)]],
                    mode="markers",
                    marker={
                        "symbol": [BOUND_SYMBOLS[b] for b in others["bound"]],
                        "size": 11,
                        "color": PALETTE[1],
                        "line": {"width": 1, "color": "black"},
                    },
                    name=t("regions.other_claims", lang),
                    hovertext=[_claim_hover(r, lang) for r in others.to_dict("records")],
                    hoverinfo="text",
                )
            )
    layout(fig, lang, height=max(260, 34 * len(data) + 80))
    # Room on the right for the value labels ("> 30 000") outside the longest bar.
    shown = [v for v in values if present(v)] + (
        [v for v in fig.data[1].x if present(v)] if len(fig.data) > 1 else []
    )
    if len(fig.data) > 1 and fig.data[1].error_x.array is not None:  # summarised claims
        shown += [x + e for x, e in zip(fig.data[1].x, fig.data[1].error_x.array, strict=True)]
    fig.update_xaxes(
        range=[0, max([*shown, 1]) * 1.18], **value_axis(shown, None if per_100k else unit, lang)
    )
    return mirror(fig, lang)


# --- many claims ------------------------------------------------------------------------
def _within_cap(rows: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, bool]:
    """The rows to draw one mark each, and whether there are too many even so.

    Up to MARK_CAP rows: as they are. Beyond: one row per distinct claim (``keys``), the
    first of each, with ``_more`` (how many other rows say the same) and ``_sources``."""
    if len(rows) <= MARK_CAP:
        return rows, False
    grouped = rows.groupby(keys, sort=False, dropna=False)["source"]
    sources = grouped.agg(lambda s: list(dict.fromkeys(s))).rename("_sources").reset_index()
    distinct = rows.assign(_more=grouped.transform("size") - 1).drop_duplicates(keys)
    distinct = distinct.merge(sources, on=keys, how="left")
    return distinct, len(distinct) > MARK_CAP


def _claim_hover(row, lang: str, place: bool = True) -> str:
    text = hover_text(row, lang, place)
    more = row.get("_more", 0)
    if more and more == more:
        sources = row["_sources"]
        named = ", ".join(esc(s) for s in sources[:3]) + (", …" if len(sources) > 3 else "")
        text += "<br>" + t("charts.same_claims", lang, n=int(more), sources=named)
    return text


def _ranges(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group and bound: how many claims, their median, lowest and highest value."""
    return (
        rows.groupby([*keys, "bound"], sort=True)["value"]
        .agg(n="size", median="median", low="min", high="max")
        .reset_index()
    )


def _range_hover(row, lang: str, unit) -> str:
    bound = row["bound"]
    return t(
        "charts.range_hover",
        lang,
        n=int(row["n"]),
        bound=esc(t(f"bound.{bound}", lang)),
        low=esc(value_text(row["low"], bound, unit, lang)),
        high=esc(value_text(row["high"], bound, unit, lang)),
        median=esc(value_text(row["median"], bound, unit, lang)),
    )


def _years_per_range(frame: pd.DataFrame) -> int:
    """The narrowest span of years (1, 2, 5, 10, 25) that keeps the ranges under MARK_CAP."""
    years = frame["year"].astype(int)
    for span in (1, 2, 5, 10):
        ranges = frame.groupby(["indicator", years // span, "bound"]).ngroups
        if ranges <= MARK_CAP:
            return span
    return 25


def _yearly_ranges(
    rows: pd.DataFrame, lang: str, label: str, colour: str, years: int = 1
) -> go.Scatter:
    unit = rows["unit"].iloc[0] if len(rows) else None
    groups = _ranges(rows.assign(_year=rows["year"].astype(int) // years * years), ["_year"])
    spans = [str(y) if years == 1 else f"{y}–{y + years - 1}" for y in groups["_year"]]
    hovers = [
        f"<b>{esc(label)}</b> · {span}<br>{_range_hover(r, lang, unit)}"
        f"<br>{t('charts.see_table', lang)}"
        for span, r in zip(spans, groups.to_dict("records"), strict=True)
    ]
    return go.Scatter(
        x=groups["_year"] + years / 2,
        y=groups["median"],
        name=esc(t("charts.range_name", lang, label=label)),
        mode="markers",
        marker={
            "size": 9,
            "color": colour,
            "symbol": [BOUND_SYMBOLS[b] for b in groups["bound"]],
            "line": {"width": 1, "color": "white"},
        },
        error_y={
            "type": "data",
            "symmetric": False,
            "array": groups["high"] - groups["median"],
            "arrayminus": groups["median"] - groups["low"],
            "color": colour,
            "thickness": 1,
        },
        text=hovers,
        hovertemplate="%{text}<extra></extra>",
    )


def _region_ranges(others: pd.DataFrame, lang: str, unit) -> go.Scatter:
    groups = _ranges(others, [region_names(lang)])
    hovers = [
        f"<b>{esc(r[region_names(lang)])}</b><br>{_range_hover(r, lang, unit)}"
        f"<br>{t('charts.see_table', lang)}"
        for r in groups.to_dict("records")
    ]
    return go.Scatter(
        x=groups["median"],
        y=[esc(n) for n in groups[region_names(lang)]],
        mode="markers",
        marker={
            "symbol": [BOUND_SYMBOLS[b] for b in groups["bound"]],
            "size": 11,
            "color": PALETTE[1],
            "line": {"width": 1, "color": "black"},
        },
        error_x={
            "type": "data",
            "symmetric": False,
            "array": groups["high"] - groups["median"],
            "arrayminus": groups["median"] - groups["low"],
            "color": PALETTE[1],
            "thickness": 1.5,
        },
        name=t("charts.others_range", lang),
        hovertext=hovers,
        hoverinfo="text",
    )


def milestone_hover(row: dict, lang: str) -> str:
    """A milestone's hover: title, place, dates, kind and status, how sure the date is,
    source."""
    when = date_text(row["start"], lang)
    if row.get("end"):
        when += f" – {date_text(row['end'], lang)}"
    lines = [
        f"<b>{esc(row[f'title_{lang}'])}</b>",
        esc(row[f"place_{lang}"]),
        esc(when),
        t("kind." + row["kind"], lang) + " · " + t("milestone_status." + row["status"], lang),
    ]
    sure = uncertain_date(row)
    if sure:
        lines.append(uncertain_label(sure, lang))
    lines.append(f"{label('common.source', lang)} {esc(row_citation(row, lang))}")
    return "<br>".join(lines)


TIMELINE_LABEL = 48  # characters of a title on the axis; the hover has all of it


def short_label(text: str, size: int = TIMELINE_LABEL) -> str:
    text = str(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def timeline(milestones: pd.DataFrame, lang: str) -> go.Figure:
    """Milestones as a Gantt. Things that last are bars; a milestone with no end (a
    one-day event, or a date known only to the month or year) is a marker at its start,
    never a bar as long as its month or year. Colour says the kind (first legend);
    hatching, or a hollow marker, says the date is approximate, uncertain or inferred
    (second legend)."""
    data = milestones.sort_values("start_date", ascending=False).copy()
    data["_uncertain"] = [uncertain_date(r) is not None for r in data.to_dict("records")]
    data["_point"] = [not present(e) for e in data["end"]]
    data["_label"] = [esc(short_label(title)) for title in data[f"title_{lang}"]]
    kinds = list(dict.fromkeys(data.sort_values("start_date")["kind"]))
    fig = go.Figure()
    for index, kind in enumerate(kinds):
        colour = PALETTE[index % len(PALETTE)]
        rows = data[data["kind"] == kind]
        name = t(f"kind.{kind}", lang)
        first = True
        for uncertain in (False, True):
            for point in (False, True):
                part = rows[(rows["_uncertain"] == uncertain) & (rows["_point"] == point)]
                if part.empty:
                    continue
                hovers = [milestone_hover(r, lang) for r in part.to_dict("records")]
                common = {
                    "y": part["_label"],
                    "name": name,
                    "legendgroup": kind,
                    "showlegend": first,
                    "hovertext": hovers,
                    "hoverinfo": "text",
                }
                first = False
                if point:
                    # "Sometime in 2011": a point in the middle of the year (or month), with
                    # a thin whisker over it; a known day has none.
                    begin = pd.to_datetime(part["start_date"])
                    last = pd.to_datetime(part["end_date"]) + pd.Timedelta(days=1)
                    half_ms = ((last - begin).dt.total_seconds() * 500).where(
                        part["precision"] != "day", 0
                    )
                    fig.add_trace(
                        go.Scatter(
                            x=begin + (last - begin) / 2,
                            mode="markers",
                            marker={
                                "symbol": "diamond-open" if uncertain else "diamond",
                                "size": 13,
                                "color": colour,
                                "line": {"color": colour, "width": 2},
                            },
                            error_x={
                                "type": "data",
                                "array": half_ms,
                                "color": colour,
                                "thickness": 1,
                                "width": 4,
                            },
                            **common,
                        )
                    )
                    continue
                start = pd.to_datetime(part["start_date"])
                end = pd.to_datetime(part["end_date"]) + pd.Timedelta(days=1)
                width_ms = ((end - start).dt.total_seconds() * 1000).clip(lower=86400000)
                fig.add_trace(
                    go.Bar(
                        base=start,
                        x=width_ms,
                        orientation="h",
                        marker={
                            "color": "white" if uncertain else colour,
                            "pattern": {
                                "shape": "/" if uncertain else "",
                                "fgcolor": colour,
                                "solidity": 0.5,
                            },
                            "line": {"color": colour, "width": 1.5},
                        },
                        **common,
                    )
                )
    # The second legend: what hatching (or a hollow marker) means, drawn once in grey.
    for symbol, key in (("square", "readers.date_sure"), ("square-open", "readers.date_unsure")):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": symbol, "size": 12, "color": "#555555"},
                name=t(key, lang),
                legend="legend2",
                hoverinfo="skip",
            )
        )
    layout(fig, lang, height=max(300, 26 * len(data) + 120))
    fig.update_layout(
        barmode="overlay",
        legend={"title": {"text": t("readers.legend_kind", lang)}, "font": {"size": 12}},
        legend2={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.06,
            "x": 0,
            "font": {"size": 12},
            "title": {"text": t("readers.legend_date", lang)},
        },
        margin={"t": 60, "b": 60},
    )
    fig.update_xaxes(type="date")
    # Chronological rows, earliest at the top, whatever the kind.
    order = list(data.sort_values("start_date")["_label"])
    fig.update_yaxes(
        automargin=True, categoryorder="array", categoryarray=order, autorange="reversed"
    )
    return fig


def projection(recorded: pd.DataFrame, scenario: pd.DataFrame, lang: str, label: str) -> go.Figure:
    """Recorded figures (markers by bound) and the derived scenario (dashed line)."""
    fig = go.Figure()
    if len(recorded):
        fig.add_trace(
            go.Scatter(
                x=recorded["year"],
                y=recorded["value"],
                mode="markers",
                name=esc(label),
                marker={
                    "size": 12,
                    "color": PALETTE[0],
                    "symbol": [BOUND_SYMBOLS[b] for b in recorded["bound"]],
                },
                text=[hover_text(r, lang, place=False) for r in recorded.to_dict("records")],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    if len(scenario):
        fig.add_trace(
            go.Scatter(
                x=scenario["year"],
                y=scenario["value"],
                mode="lines",
                name=t("outlook.scenario_line", lang),
                line={"color": PALETTE[5], "dash": "dash", "width": 2},
                text=[esc(formula_text(f, lang)) for f in scenario["formula"]],
                hovertemplate="%{x}: %{y:,.0f}<br>%{text}<extra></extra>",
            )
        )
    layout(fig, lang)
    fig.update_xaxes(title=t("common.year", lang), tickformat="d")
    unit = recorded["unit"].iloc[0] if len(recorded) and "unit" in recorded else None
    values = [*recorded.get("value", []), *scenario.get("value", [])]
    fig.update_yaxes(rangemode="tozero", **value_axis(values, unit, lang))
    return fig
