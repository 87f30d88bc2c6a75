"""Plotly figures of the promises ledger: a place's trajectory and the place comparison.

No Streamlit. Every text that comes from data goes through ``charts.esc``. Colours are
the Okabe-Ito colour-blind-safe palette of ``charts.PALETTE``; verdicts also carry a
pattern and an icon, so colour is never the only cue.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from indicators.analysis.promises import VERDICTS
from indicators.data.model import decimal_year
from indicators.render.charts import (
    BOUND_SYMBOLS,
    PALETTE,
    esc,
    hover_text,
    layout,
    legend_start,
    milestone_hover,
    mirror,
)
from indicators.render.formats import date_text, present, unit_label, value_axis, value_text
from indicators.render.i18n import label, t

# Yellow is kept for last: thin lines and hollow markers in yellow vanish on white.
SERIES_COLOURS = [c for c in PALETTE if c != "#F0E442"] + ["#F0E442"]
VERDICT_ICONS = {
    "met": "✔",
    "missed": "✘",
    "pending": "…",
    "unverifiable": "±",
    "unknown": "?",
    "not_comparable": "≠",
}
VERDICT_COLOURS = {
    "met": "#009E73",
    "missed": "#D55E00",
    "pending": "#56B4E9",
    "unverifiable": "#999999",
    "unknown": "#E69F00",
    "not_comparable": "#CC79A7",
}
VERDICT_PATTERNS = {
    "met": "",
    "missed": "x",
    "pending": ".",
    "unverifiable": "+",
    "unknown": "/",
    "not_comparable": "-",
}
PROMISE_LINES = {  # the thin line from the announcement to the horizon
    "target": {"dash": "solid", "width": 1},
    "forecast": {"dash": "dash", "width": 1.5},
    "potential": {"dash": "dashdot", "width": 1.5},
}
MILESTONE_COLOUR = "#555555"
OPERATOR_COLOUR = "#7f7f7f"  # a company's own figures: grey, apart from the place's lines
PANEL_HEIGHT = 300
STRIP_ROW_PX = 24  # one row of milestone labels
CHAR_PX = 6.5  # an 11px label's average character width
PLOT_WIDTH_PX = 900  # the plot's width on a laptop screen, for placing labels


def _decimal(value) -> float | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return decimal_year(value)
    return None


def wrap(text: str, width: int = 70) -> list[str]:
    """Long text cut into lines for a hover."""
    return textwrap.wrap(str(text), width) or [""]


def _short(text: str, size: int = 30) -> str:
    text = str(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def milestone_levels(starts: list[float], labels: list[str], span: float) -> list[int]:
    """A row for each milestone label in the strip, so that no label runs into the next
    one on its row. Labels run right from their date; their width in years is guessed
    from their length on a ``span``-year axis about ``PLOT_WIDTH_PX`` wide."""
    per_char = span * CHAR_PX / PLOT_WIDTH_PX
    ends: list[float] = []  # where the last label of each row stops
    levels = []
    for start, text in zip(starts, labels, strict=True):
        stop = start + (len(text) + 4) * per_char
        for level, end in enumerate(ends):
            if start > end:
                ends[level] = stop
                levels.append(level)
                break
        else:
            ends.append(stop)
            levels.append(len(ends) - 1)
    return levels


def promise_hover(row: dict, lang: str, place: bool = True) -> str:
    """A promise's hover: value with bound, status, horizon, announcement, claimant,
    verdict and its reason (``reason``, already in ``lang``), source."""
    parts = [f"<b>{esc(value_text(row['value'], row['bound'], row['unit'], lang))}</b>"]
    if place:
        parts.append(esc(row[f"place_{lang}"]))
    status = t("status." + row["status"], lang)
    horizon = esc(date_text(row["period"], lang))
    parts.append(f"{status} · {t('ledger.horizon', lang)} {horizon}")
    announced = (
        date_text(row["announced_text"], lang)
        if row.get("announced_text")
        else t("ledger.unknown_date", lang)
    )
    parts.append(f"{label('ledger.announced', lang)} {esc(announced)}")
    if row.get("claimant") and row["claimant"] == row["claimant"]:
        parts.append(f"{t('common.claimant', lang)} {esc(row['claimant'])}")
    verdict = t(f"ledger.verdict.{row['verdict']}", lang)
    parts.append(f"<b>{VERDICT_ICONS[row['verdict']]} {esc(verdict)}</b>")
    parts.extend(esc(line) for line in wrap(row["reason"]))
    parts.append(f"{label('common.source', lang)} {esc(row['source'])}")
    return "<br>".join(parts)


def trajectory(
    observations: pd.DataFrame,
    promises: pd.DataFrame,
    milestones: pd.DataFrame,
    lang: str,
    indicator_labels: dict[str, str],
    family_labels: dict[str, str],
) -> go.Figure:
    """One place's story: a panel per family of figures that has promises (positions and
    jobs never share one). Recorded figures are filled markers joined by a solid line,
    marked by their bound; targets and forecasts are hollow markers at their horizon,
    joined to their announcement by a thin line (solid for targets, dashed for
    forecasts), with their verdict's icon above; milestones are dotted verticals and a
    strip of labelled markers on top.

    ``observations`` and ``promises`` need a ``family`` column; ``promises`` are ledger
    rows with their ``reason`` in ``lang`` (``places.place_view`` gives both)."""
    families = list(promises["family"].value_counts().index) if len(promises) else []
    recorded = observations[observations["family"].isin(families)]
    places = set(recorded["geo"]) | set(promises["geo"])
    multi = len(places) > 1
    strip = len(milestones) > 0
    rows = len(families) + int(strip)
    if rows == 0:
        fig = go.Figure()
        layout(fig, lang, height=200)
        return fig
    span_xs = [
        *recorded["year"],
        *promises["horizon_year"],
        *(x for x in promises["announced_year"] if present(x)),
    ]
    ms_rows = milestones.sort_values("start_date").to_dict("records") if strip else []
    ms_starts = [_decimal(r["start_date"]) for r in ms_rows]
    ms_rows = [r for r, x in zip(ms_rows, ms_starts, strict=True) if x is not None]
    ms_starts = [x for x in ms_starts if x is not None]
    ms_labels = [_short(r[f"title_{lang}"], 42) for r in ms_rows]
    span_xs.extend(ms_starts)
    span = (max(span_xs) - min(span_xs) + 2.4) if span_xs else 10.0
    levels = milestone_levels(ms_starts, ms_labels, span)
    strip_height = 50 + STRIP_ROW_PX * (max(levels, default=0) + 1)
    titles = ([t("ledger.milestones", lang)] if strip else []) + [
        esc(family_labels.get(f, f)) for f in families
    ]
    heights = ([strip_height] if strip else []) + [PANEL_HEIGHT] * len(families)
    fig = make_subplots(
        rows=rows,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.08, 0.35 / rows),
        row_heights=heights,
        subplot_titles=titles,
    )
    groups: list[tuple[str, str]] = []
    for frame in (recorded, promises):
        for key in zip(frame["geo"], frame["indicator"], strict=True):
            if key not in groups:
                groups.append(key)
    colour = {key: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, key in enumerate(groups)}

    def series_name(geo_label: str, indicator: str) -> str:
        label = indicator_labels.get(indicator, indicator)
        return esc(f"{label} — {geo_label}" if multi else label)

    xs: list[float] = []
    for panel, family in enumerate(families, start=1 + int(strip)):
        mine = recorded[recorded["family"] == family]
        # A company's own figures (Webhelp's staff...) are never joined into the place's
        # line: each operator is a series of its own, drawn as unjoined markers.
        operators = (
            mine["operator"].where(mine["operator"].map(present), "")
            if "operator" in mine
            else pd.Series("", index=mine.index)
        )
        for (geo, indicator, operator), part in mine.assign(_operator=operators).groupby(
            ["geo", "indicator", "_operator"], sort=False
        ):
            part = part.sort_values("year")
            xs.extend(part["year"])
            name = series_name(part.iloc[0][f"place_{lang}"], indicator)
            line_colour = colour[(geo, indicator)] if not operator else OPERATOR_COLOUR
            fig.add_trace(
                go.Scatter(
                    x=part["year"].tolist(),
                    y=part["value"].tolist(),
                    mode="markers" if operator else "lines+markers",
                    name=f"{name} — {esc(operator)}" if operator else name,
                    legendgroup=f"{geo}|{indicator}|{operator}",
                    line={"color": line_colour, "width": 2},
                    marker={
                        "size": 11,
                        "color": line_colour,
                        "symbol": [BOUND_SYMBOLS.get(b, "circle") for b in part["bound"]],
                        "line": {"width": 1, "color": "white"},
                    },
                    text=[hover_text(r, lang, place=multi) for r in part.to_dict("records")],
                    hovertemplate="%{text}<extra></extra>",
                    meta="recorded",
                ),
                row=panel,
                col=1,
            )
        wanted = promises[promises["family"] == family]
        # The lines back to the announcements: one trace per series, segments separated by
        # gaps (a trace per promise made the figure quadratic to build at scale).
        for (geo, indicator, status), part in wanted.groupby(
            ["geo", "indicator", "status"], sort=False
        ):
            seg_x, seg_y, sizes = [], [], []
            for row in part.to_dict("records"):
                start = row.get("announced_year")
                if start is None or start != start:
                    continue
                xs.append(start)
                seg_x += [start, row["horizon_year"], None]
                seg_y += [row["value"], row["value"], None]
                sizes += [10, 0, 0]
            if not seg_x:
                continue
            style = PROMISE_LINES.get(status, PROMISE_LINES["target"])
            fig.add_trace(
                go.Scatter(
                    x=seg_x,
                    y=seg_y,
                    mode="lines+markers",
                    line={"color": colour[(geo, indicator)], **style},
                    marker={
                        "size": sizes,
                        "symbol": "line-ns",
                        "line": {"width": 2, "color": colour[(geo, indicator)]},
                    },
                    legendgroup=f"{geo}|{indicator}|{status}",
                    showlegend=False,
                    hovertemplate=(f"{t('ledger.announced_at', lang)} %{{x:.1f}}<extra></extra>"),
                    meta="announcement",
                    connectgaps=False,
                ),
                row=panel,
                col=1,
            )
        for (geo, indicator, status), part in wanted.groupby(
            ["geo", "indicator", "status"], sort=False
        ):
            xs.extend(part["horizon_year"])
            label = series_name(part.iloc[0][f"place_{lang}"], indicator)
            fig.add_trace(
                go.Scatter(
                    x=part["horizon_year"].tolist(),
                    y=part["value"].tolist(),
                    mode="markers+text",
                    name=f"{label} ({t(f'status.{status}', lang)})",
                    legendgroup=f"{geo}|{indicator}|{status}",
                    marker={  # an "-open" symbol is stroked with marker.color
                        "size": 14,
                        "color": colour[(geo, indicator)],
                        "symbol": [BOUND_SYMBOLS.get(b, "circle") + "-open" for b in part["bound"]],
                        "line": {"width": 2.5, "color": colour[(geo, indicator)]},
                    },
                    text=[VERDICT_ICONS[v] for v in part["verdict"]],
                    textposition="top center",
                    textfont={"size": 14, "color": colour[(geo, indicator)]},
                    hovertext=[
                        promise_hover(r, lang, place=multi) for r in part.to_dict("records")
                    ],
                    hoverinfo="text",
                    meta="promise",
                    cliponaxis=False,
                ),
                row=panel,
                col=1,
            )
        unit = (wanted["unit"].iloc[0] if len(wanted) else None) or ""
        drawn = [*mine["value"], *wanted["value"]]
        fig.update_yaxes(
            title=esc(unit_label(unit, lang)) if unit else None,
            rangemode="tozero",
            row=panel,
            col=1,
            **value_axis(drawn, unit or None, lang),
        )
    if strip:
        top = max(levels, default=0)
        for row, start, label, low in zip(ms_rows, ms_starts, ms_labels, levels, strict=True):
            level = top - low  # the first row on top, reading downwards
            end = _decimal(row["end_date"]) if row.get("end") else None
            xs.append(start)
            uncertain = bool(row.get("approximate") or row.get("uncertain") or row.get("inferred"))
            done = row["status"] == "done"
            if end is not None and end > start:
                xs.append(end)
                fig.add_trace(
                    go.Scatter(
                        x=[start, end],
                        y=[level, level],
                        mode="lines",
                        line={"color": MILESTONE_COLOUR, "width": 3},
                        opacity=0.5,
                        hoverinfo="skip",
                        showlegend=False,
                    ),
                    row=1,
                    col=1,
                )
            fig.add_trace(
                go.Scatter(
                    x=[start],
                    y=[level],
                    mode="markers+text",
                    marker={
                        "size": 11,
                        "symbol": "diamond" if done and not uncertain else "diamond-open",
                        "color": MILESTONE_COLOUR,
                        "line": {"width": 2, "color": MILESTONE_COLOUR},
                    },
                    text=[esc(label)],
                    textposition="top right",
                    textfont={"size": 11, "color": "#333333"},
                    hovertext=[milestone_hover(row, lang)],
                    hoverinfo="text",
                    showlegend=False,
                    meta="milestone",
                    cliponaxis=False,
                ),
                row=1,
                col=1,
            )
        # Dotted verticals at each milestone, in every panel: added as one list of shapes
        # (add_vline one at a time re-validates the layout each call: quadratic).
        verticals = [
            {
                "type": "line",
                "x0": x,
                "x1": x,
                "xref": "x" if panel == 1 else f"x{panel}",
                "y0": 0,
                "y1": 1,
                "yref": "y domain" if panel == 1 else f"y{panel} domain",
                "line": {"color": "#999999", "width": 1, "dash": "dot"},
            }
            for x in sorted(set(ms_starts))
            for panel in range(1, rows + 1)
        ]
        fig.update_layout(shapes=[*fig.layout.shapes, *verticals])
        fig.update_yaxes(visible=False, range=[-0.5, top + 0.9], fixedrange=True, row=1, col=1)
    legend_room = 40 + 22 * ((len(fig.data) + 1) // 3)
    layout(fig, lang, height=sum(heights) + 80 + legend_room)
    if xs:
        fig.update_xaxes(range=[min(xs) - 0.6, max(xs) + 1.8])
    fig.update_xaxes(tickformat="d", showticklabels=True)
    fig.update_layout(
        margin={"b": legend_room},
        legend={
            "orientation": "h",
            "y": -30 / sum(heights),
            "yanchor": "top",
            **legend_start(lang),
        },
    )
    return fig


def verdict_bars(comparison: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked horizontal bars: for each place, its promises by verdict."""
    data = comparison.sort_values(["total", "met"], ascending=[True, True])
    names = [esc(n) for n in data[f"place_{lang}"]]
    fig = go.Figure()
    for verdict in VERDICTS:
        counts = data[verdict] if verdict in data else pd.Series([0] * len(data))
        key = f"ledger.verdict.{verdict}"
        fig.add_trace(
            go.Bar(
                x=[int(c) for c in counts],
                y=names,
                orientation="h",
                name=f"{VERDICT_ICONS[verdict]} {t(key, lang)}",
                marker={
                    "color": VERDICT_COLOURS[verdict],
                    "pattern": {
                        "shape": VERDICT_PATTERNS[verdict],
                        "fgcolor": "rgba(0,0,0,0.35)",
                        "fillmode": "overlay",
                        "size": 6,
                    },
                    "line": {"color": "white", "width": 1},
                },
                text=[str(int(c)) if c else "" for c in counts],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=f"%{{y}}<br>{label(key, lang)} %{{x}}<extra></extra>",
            )
        )
    layout(fig, lang, height=max(260, 32 * len(data) + 120))
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(title=t("ledger.chart_count", lang), dtick=1, rangemode="tozero")
    fig.update_yaxes(automargin=True)
    return mirror(fig, lang)
