"""Outlook: growth scenarios for the national figures, every derived number labelled."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import charts
from indicators import outlook as scenarios
from indicators.dataset import PROJECTED
from indicators.i18n import date_text, number, t, value_text
from indicators.ui import context
from indicators.ui.widgets import md, provenance


def _int_param(key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(float(context.param(key) or default))
    except ValueError:
        return default
    return min(max(value, low), high)


def outlook() -> None:
    lang, ds, cfg = context.lang(), context.dataset(), context.config()
    st.title(t("page.outlook", lang))
    st.caption(t("outlook.intro", lang))
    national = ds.national()
    counts = national[national["unit"].isin(["positions", "jobs"])]
    options = list(dict.fromkeys(counts.sort_values("period_end", ascending=False)["indicator"]))
    if not options:
        st.info(t("common.none_yet", lang))
        return
    default = "call_centre_positions" if "call_centre_positions" in options else options[0]
    wanted = context.param("series")
    context.init_state("series", wanted if wanted in options else default)
    default_rate = int(cfg.default_growth_rate)
    context.init_state("rate", _int_param("rate", default_rate, -20, 50))
    left, middle, right = st.columns([2, 2, 1])
    indicator = left.selectbox(
        t("outlook.series", lang),
        options,
        key="series",
        format_func=lambda i: ds.indicator_label(i, lang),
    )
    rows = counts[counts["indicator"] == indicator].sort_values("period_end")
    base = rows.iloc[-1].to_dict()
    base_year = int(base["period_end"].year)
    context.init_state(
        "horizon",
        _int_param("horizon", max(cfg.default_horizon, base_year + 1), base_year + 1, 2050),
    )
    if st.session_state["horizon"] <= base_year:
        st.session_state["horizon"] = base_year + 1
    rate = middle.slider(t("outlook.rate", lang), -20, 50, key="rate", format="%d %%")
    horizon = right.number_input(t("outlook.horizon", lang), base_year + 1, 2050, key="horizon")
    context.set_param("series", indicator, default)
    context.set_param("rate", str(rate), str(default_rate))
    context.set_param("horizon", str(horizon), str(max(cfg.default_horizon, base_year + 1)))

    base_text = value_text(base["value"], base["bound"], base["unit"], lang)
    st.markdown(
        t(
            "outlook.base",
            lang,
            value=md(base_text),
            period=md(date_text(base["period"], lang)),
            rate=rate,
        )
    )
    with st.expander(t("outlook.base_source", lang)):
        provenance(base, ds, lang)
    projected = scenarios.scenario(
        base["value"], base_year, rate, int(horizon), lang, base["bound"]
    )
    label = ds.indicator_label(indicator, lang)
    st.plotly_chart(charts.projection(rows, projected, lang, label), key="projection")
    final = projected.iloc[-1]
    st.metric(
        t("outlook.at_horizon", lang, year=int(horizon)),
        value_text(final["value"], base["bound"], base["unit"], lang),
        help=t("outlook.derived_help", lang, formula=final["formula"]),
    )
    st.caption(t("outlook.derived_note", lang))
    table = pd.DataFrame(
        {
            t("common.year", lang): projected["year"],
            t("common.value", lang): [
                value_text(v, base["bound"], base["unit"], lang) for v in projected["value"]
            ],
            t("outlook.formula", lang): projected["formula"],
            t("outlook.kind", lang): t("common.derived", lang),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")

    st.subheader(t("outlook.targets", lang))
    promises = ds.national(statuses=PROJECTED)
    promises = promises[promises["unit"] == base["unit"]].sort_values("period_end")
    if promises.empty:
        st.caption(t("common.none_yet", lang))
    for row in promises.to_dict("records"):
        years = scenarios.years_to_reach(base["value"], row["value"], rate)
        reach = (
            t("outlook.never", lang)
            if years is None
            else t("outlook.reached_in", lang, year=number(base_year + years, lang, 1))
        )
        text = value_text(row["value"], row["bound"], row["unit"], lang)
        with st.expander(
            f"{md(ds.indicator_label(row['indicator'], lang))} · {md(text)} · "
            f"{md(date_text(row['period'], lang))} — {reach}"
        ):
            provenance(row, ds, lang)
            st.caption(t("outlook.reach_formula", lang))


if __name__ == "__main__":
    outlook()
