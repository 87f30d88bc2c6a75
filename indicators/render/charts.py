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
    value_text,
)
from indicators.render.i18n import direction, label, t
from indicators.render.provenance import row_citation, uncertain_date, uncertain_label

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BOUND_SYMBOLS = {
    "exact": "circle",
    "approx": "diamond",
    "lower": "triangle-up",
    "upper": "triangle-down",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"  # no web font download


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


def legend_start(lang: str) -> dict:
    """A legend's horizontal place where the reader starts: the left in French and
    English, the right in Arabic (both ``x`` and its anchor: ``x`` alone leaves the anchor
    ``layout`` set, and an Arabic legend at x=0 anchored right falls outside the plot)."""
    return {"x": 1, "xanchor": "right"} if direction(lang) == "rtl" else {"x": 0, "xanchor": "left"}


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
        # A label anchored at a bar's base runs along the bar: leftwards once mirrored, or it
        # would start at the right edge and run out of the chart.
        swap = {"left": "right", "right": "left"}
        for note in fig.layout.annotations:
            if note.xref == "x":
                note.xanchor = swap.get(note.xanchor, note.xanchor)
                note.align = swap.get(note.align, note.align)
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
