"""Plotly figure builders: DataFrame in, Figure out, no Streamlit.

Every figure shows a value with its bound (a triangle pointing up for "more than", down
for "fewer than", a diamond for "about"), uses the Okabe-Ito colour-blind-safe palette,
and carries in its hover the source a figure rests on.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from .i18n import date_text, plotly_separators, t, value_text

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NO_DATA_COLOUR = "#d9d9d9"
BOUND_SYMBOLS = {
    "exact": "circle",
    "approx": "diamond",
    "lower": "triangle-up",
    "upper": "triangle-down",
}
STATUS_DASH = {
    "observed": "solid",
    "declared": "solid",
    "target": "dot",
    "forecast": "dash",
    "potential": "dashdot",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"  # no web font download


def esc(text) -> str:
    """Text from data, made inert for plotly's hover and labels (which read a little HTML)."""
    if text is None or text != text:
        return ""
    return html.escape(str(text), quote=False)


def _layout(fig: go.Figure, lang: str, title: str | None = None, height: int = 420):
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
    return fig


def hover_text(row, lang: str, place: bool = True) -> str:
    """One figure's hover: value with bound, place, period, status, claimant, source."""
    parts = [f"<b>{esc(value_text(row['value'], row['bound'], row['unit'], lang))}</b>"]
    if place:
        parts.append(esc(row.get(f"place_{lang}", row.get("place_fr", ""))))
    period = date_text(row["period"], lang)
    if row.get("period_inferred"):
        period += f" ({t('common.inferred_date', lang)})"
    parts.append(
        f"{t('common.period', lang)} : {esc(period)}"
        if lang == "fr"
        else f"{t('common.period', lang)}: {esc(period)}"
    )
    parts.append(t(f"status.{row['status']}", lang))
    if row.get("claimant"):
        parts.append(f"{t('common.claimant', lang)} {esc(row['claimant'])}")
    if row.get("derivation"):
        parts.append(f"{t('common.derived', lang)}: {esc(row['derivation'])}")
    parts.append(f"{t('common.source', lang)}: {esc(row['source'])}")
    return "<br>".join(parts)


def national_series(frame: pd.DataFrame, lang: str, labels: dict[str, str]) -> go.Figure:
    """National figures over time: one series per indicator (positions and jobs never
    share a line), each point marked by its bound."""
    fig = go.Figure()
    for index, (indicator, rows) in enumerate(frame.groupby("indicator", sort=False)):
        rows = rows.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                name=esc(labels.get(indicator, indicator)),
                mode="lines+markers",
                line={"color": PALETTE[index % len(PALETTE)], "width": 2},
                marker={
                    "size": 11,
                    "symbol": [BOUND_SYMBOLS[b] for b in rows["bound"]],
                    "line": {"width": 1, "color": "white"},
                },
                text=[hover_text(r, lang, place=False) for r in rows.to_dict("records")],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    _layout(fig, lang)
    fig.update_xaxes(title=t("common.year", lang), tickformat="d")
    fig.update_yaxes(rangemode="tozero")
    return fig


def region_ranking(
    table: pd.DataFrame,
    claims: pd.DataFrame,
    lang: str,
    per_100k: bool = False,
    unit: str | None = None,
) -> go.Figure:
    """Horizontal bars of each region's headline figure, highest first; the other claims
    for the same region as markers beside it; regions with no data labelled so."""
    value_column = "per_100k" if per_100k else "value"
    data = table.copy()
    data["_sort"] = data[value_column].fillna(-1) if value_column in data else -1
    data = data.sort_values("_sort")
    names = [esc(n) for n in data["name_fr"]]
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
            hovers.append(f"{esc(row['name_fr'])}<br>{t('common.no_data', lang)}")
        else:
            hovers.append(hover_text({**row, "unit": unit}, lang))
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            text=texts,
            textposition="outside",
            marker={"color": [PALETTE[0] if h else NO_DATA_COLOUR for h in has]},
            hovertext=hovers,
            hoverinfo="text",
            name=t("common.value", lang),
            cliponaxis=False,
        )
    )
    if not per_100k and len(claims):
        others = claims.merge(
            data[["region", "name_fr", "period", "geo"]], on="region", suffixes=("", "_head")
        )
        others = others[
            (others["period"] != others["period_head"])
            | (others["geo"] != others["geo_head"])
            | others.duplicated(["region"], keep=False)
        ]
        if len(others):
            fig.add_trace(
                go.Scatter(
                    x=others["value"],
                    y=[esc(n) for n in others["name_fr"]],
                    mode="markers",
                    marker={
                        "symbol": [BOUND_SYMBOLS[b] for b in others["bound"]],
                        "size": 11,
                        "color": PALETTE[1],
                        "line": {"width": 1, "color": "black"},
                    },
                    name=t("regions.other_claims", lang),
                    hovertext=[hover_text(r, lang) for r in others.to_dict("records")],
                    hoverinfo="text",
                )
            )
    _layout(fig, lang, height=max(260, 34 * len(data) + 80))
    fig.update_xaxes(rangemode="tozero")
    return fig


def timeline(milestones: pd.DataFrame, lang: str) -> go.Figure:
    """Milestones as a Gantt. Known dates are solid bars; approximate or inferred dates
    are hatched and lighter, and labelled so in the hover."""
    data = milestones.sort_values("start_date", ascending=False)
    kinds = list(dict.fromkeys(data["kind"]))
    fig = go.Figure()
    for index, kind in enumerate(kinds):
        rows = data[data["kind"] == kind]
        for uncertain in (False, True):
            part = rows[(rows["approx"] | rows["inferred"]) == uncertain]
            if part.empty:
                continue
            start = pd.to_datetime(part["start_date"])
            end = pd.to_datetime(part["end_date"]) + pd.Timedelta(days=1)
            # A one-day event still needs a visible bar: at least ~3 weeks wide.
            width_ms = ((end - start).dt.total_seconds() * 1000).clip(lower=20 * 86400000)
            labels = [esc(r[f"title_{lang}"]) for r in part.to_dict("records")]
            hovers = []
            for r in part.to_dict("records"):
                lines = [
                    f"<b>{esc(r[f'title_{lang}'])}</b>",
                    esc(r[f"place_{lang}"]),
                    esc(
                        date_text(r["start"], lang)
                        + (f" – {date_text(r['end'], lang)}" if r["end"] else "")
                    ),
                    t(f"milestone_status.{r['status']}", lang),
                ]
                if r["approx"]:
                    lines.append(t("timeline.approx", lang))
                if r["inferred"]:
                    lines.append(t("common.inferred_date", lang))
                lines.append(f"{t('common.source', lang)}: {esc(r['source'])}")
                hovers.append("<br>".join(lines))
            name = t(f"kind.{kind}", lang)
            if uncertain:
                name += f" ({t('timeline.uncertain', lang)})"
            fig.add_trace(
                go.Bar(
                    base=start,
                    x=width_ms,
                    y=labels,
                    orientation="h",
                    name=name,
                    marker={
                        "color": PALETTE[index % len(PALETTE)],
                        "opacity": 0.45 if uncertain else 1.0,
                        "pattern": {"shape": "/" if uncertain else ""},
                        "line": {"color": PALETTE[index % len(PALETTE)], "width": 1},
                    },
                    hovertext=hovers,
                    hoverinfo="text",
                )
            )
    _layout(fig, lang, height=max(300, 30 * len(data) + 100))
    fig.update_xaxes(type="date")
    fig.update_yaxes(automargin=True)
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
                text=[esc(f) for f in scenario["formula"]],
                hovertemplate="%{x}: %{y:,.0f}<br>%{text}<extra></extra>",
            )
        )
    _layout(fig, lang)
    fig.update_xaxes(title=t("common.year", lang), tickformat="d")
    fig.update_yaxes(rangemode="tozero")
    return fig
