"""The census context of the Regions page in the reader's language: one HCP measure
ranked and mapped across the 12 regions, labelled as census figures (never drawn with
the press figures), and press figures per 1,000 in the labour force. No Streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.analysis.census import CREDIT, MEASURES
from indicators.analysis.profile import PerLabour
from indicators.render import maps
from indicators.render.charts import FONT, esc
from indicators.render.formats import date_text, number, percent, plotly_separators, value_text
from indicators.render.i18n import t
from indicators.render.reasons import span_text

# Slate and purples: apart from the press figures' colours (blue, orange, bluish green).
CENSUS_COLOUR = "#5d6670"
CENSUS_SCALE = "Purples"


def measure_label(key: str, lang: str) -> str:
    return t(f"profile.census_measure.{key}", lang)


def measure_value(key: str, value, lang: str) -> str:
    unit = MEASURES[key][0]
    return percent(value, lang) if unit == "percent" else number(value, lang)


def census_frame(context: pd.DataFrame, regions: pd.DataFrame, key: str) -> pd.DataFrame:
    """code, name_fr, value of one measure for the 12 regions, largest first."""
    names = dict(zip(regions["code"], regions["name_fr"], strict=True))
    frame = context[["code", key]].rename(columns={key: "value"})
    frame = frame.assign(name_fr=frame["code"].map(names)).dropna(subset=["name_fr"])
    return frame.sort_values("value", ascending=False).reset_index(drop=True)


def census_ranking(frame: pd.DataFrame, key: str, lang: str) -> go.Figure:
    """The regions ranked on one census measure (exact figures: plain bars)."""
    title = measure_label(key, lang)  # the section's heading says "census"
    fig = go.Figure(
        go.Bar(
            y=[f"{n}. {esc(name)}" for n, name in enumerate(frame["name_fr"], start=1)],
            x=frame["value"],
            orientation="h",
            marker_color=CENSUS_COLOUR,
            text=[measure_value(key, v, lang) for v in frame["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra>" + esc(CREDIT.format(year="2024")) + "</extra>",
        )
    )
    fig.update_layout(
        title={"text": esc(title), "x": 0, "font": {"size": 15}},
        height=440,
        margin={"l": 10, "r": 40, "t": 50, "b": 10},
        font={"family": FONT, "size": 13},
        separators=plotly_separators(lang),
        plot_bgcolor="white",
    )
    if MEASURES[key][0] == "percent":
        fig.update_xaxes(ticksuffix=percent(0, lang).replace("0", "", 1))
    fig.update_xaxes(gridcolor="#eeeeee", tickformat=",~r", range=[0, frame["value"].max() * 1.2])
    fig.update_yaxes(autorange="reversed")
    return fig


def census_map(frame: pd.DataFrame, key: str, lang: str, height: int = 520) -> go.Figure:
    """The 12 regions coloured by one census measure (offline: white-bg map traces)."""
    geojson = maps.regions_geojson()
    codes = list(frame["code"])
    fig = go.Figure(
        go.Choroplethmap(
            geojson=maps.subset(geojson, codes),
            locations=codes,
            z=list(frame["value"]),
            colorscale=CENSUS_SCALE,
            marker={"line": {"color": "white", "width": 1}},
            colorbar={
                "title": {"text": esc(measure_label(key, lang)), "side": "top"},
                "thickness": 14,
                "len": 0.6,
                "x": 0.99,
                "xanchor": "right",
            },
            hovertext=[
                f"<b>{esc(name)}</b><br>{esc(measure_value(key, v, lang))}"
                f"<br>{esc(CREDIT.format(year='2024'))}"
                for name, v in zip(frame["name_fr"], frame["value"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
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


def per_labour_table(items: list[tuple[str, PerLabour]], lang: str) -> pd.DataFrame:
    """(region name, PerLabour) rows as a readable table, the formula in the caption."""
    return pd.DataFrame(
        {
            t("census_context.region", lang): [name for name, _ in items],
            t("census_context.figure", lang): [
                value_text(i.row["value"], i.row["bound"], i.row["unit"], lang)
                + f" ({date_text(i.row['period'], lang)})"
                for _, i in items
            ],
            t("census_context.labour_force", lang): [
                f"{number(i.labour_force, lang)} ({CREDIT.format(year=i.census)})" for _, i in items
            ],
            t("census_context.per_1000", lang): [span_text(i.span, "", lang) for _, i in items],
        }
    )
