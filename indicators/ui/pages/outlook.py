"""Outlook: growth scenarios from the latest national stock, every derived number
labelled and rounded, implausible scenarios flagged, targets of the same thing drawn on
the chart. The promises ledger has its own page (/promises)."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from indicators.analysis import growth, scenarios
from indicators.analysis.dataset import PROJECTED
from indicators.data.census import national_ceiling
from indicators.render import compare
from indicators.render.formats import date_text, number, percent, value_text
from indicators.render.i18n import t
from indicators.render.reasons import formula_text
from indicators.ui import context
from indicators.ui.widgets import md, provenance


def derived_text(value: float, bound: str, unit: str | None, lang: str) -> str:
    """A derived value, rounded to two significant figures and marked "about" (a scenario
    is never exact); a "more than" base keeps its bound."""
    shown_bound = "approx" if bound == "exact" else bound
    return value_text(scenarios.round_significant(value), shown_bound, unit, lang)


def _targets(ds, indicator: str, base: dict, rows, rate: int, lang: str):
    """The national targets of the same indicator family and coverage, each with when the
    scenario reaches it, or when a recorded figure already did."""
    targets = ds.derived(_series, indicator)["targets"]
    st.subheader(t("compare.targets_title", lang))
    st.caption(t("compare.targets_rule", lang))
    if targets.empty:
        st.caption(t("compare.no_targets", lang, indicator=ds.indicator_label(indicator, lang)))
        return targets
    base_year = int(base["period_end"].year)
    for row in targets.to_dict("records"):
        done = scenarios.already_reached(row, rows)
        if done is not None and done["period_end"] <= row["period_end"]:
            reach = t(
                "compare.already_reached",
                lang,
                year=done["period_end"].year,
                value=value_text(done["value"], done["bound"], done["unit"], lang),
            )
        else:
            years = growth.years_to_reach(base["value"], row["value"], rate)
            reach = (
                t("outlook.never", lang)
                if years is None
                else t("outlook.reached_in", lang, year=math.ceil(base_year + years))
            )
        text = value_text(row["value"], row["bound"], row["unit"], lang)
        with st.expander(
            f"{md(ds.indicator_label(row['indicator'], lang))} · {md(text)} · "
            f"{md(date_text(row['period'], lang))} — {md(reach)}"
        ):
            provenance(row, ds, lang)
            st.caption(t("outlook.reach_formula", lang))
    return targets


def _national(ds, cfg, lang: str) -> None:
    """The national scenario (series, rate and horizon in the URL)."""
    options = ds.derived(_options)
    if not options:
        st.info(t("common.none_yet", lang))
        return
    default = options[0]  # the stock with the newest national figure
    context.init_choice("series", options, default)
    default_rate = int(cfg.outlook.default_growth_rate)
    context.init_state("rate", context.int_param("rate", default_rate, -20, 50))
    left, middle, right = st.columns([2, 2, 1])
    indicator = left.selectbox(
        t("compare.base_series", lang),
        options,
        key="series",
        format_func=lambda i: ds.indicator_label(i, lang),
        help=t("compare.base_help", lang),
    )
    series = ds.derived(_series, indicator)
    rows, base = series["rows"], series["base"]
    base_year = int(base["period_end"].year)
    default_horizon = max(cfg.outlook.default_horizon, base_year + 1)
    horizon = context.int_param("horizon", default_horizon, base_year + 1, 2050)
    context.init_state("horizon", horizon)
    if st.session_state["horizon"] <= base_year:
        st.session_state["horizon"] = base_year + 1
    rate = middle.slider(t("outlook.rate", lang), -20, 50, key="rate", format="%d %%")
    horizon = right.number_input(t("outlook.horizon", lang), base_year + 1, 2050, key="horizon")
    context.set_param("series", indicator, default)
    context.set_param("rate", str(rate), str(default_rate))
    context.set_param("horizon", str(horizon), str(default_horizon))

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
    observed = series["observed"]
    if observed:
        parts = [
            t(
                "compare.observed_step",
                lang,
                start=o["from_year"],
                end=o["to_year"],
                rate=percent(o["rate_percent"], lang),
            )
            + (" " + t("compare.observed_bounded", lang) if o["bounded"] else "")
            for o in observed
        ]
        st.caption(
            t("compare.observed", lang, chosen=percent(rate, lang), steps=md("; ".join(parts)))
        )
    else:
        st.caption(t("compare.observed_none", lang))
    with st.expander(t("outlook.base_source", lang)):
        provenance(base, ds, lang)
    projected = growth.scenario(base["value"], base_year, rate, int(horizon), base["bound"])
    final = projected.iloc[-1]
    ceiling = national_ceiling()
    flags = scenarios.warnings(final["value"], base["value"], ceiling)
    for flag in flags:
        st.warning(
            t(
                f"compare.warning_{flag}",
                lang,
                year=int(horizon),
                value=derived_text(final["value"], base["bound"], base["unit"], lang),
                times=number(final["value"] / base["value"], lang, 0),
                ceiling=number(ceiling["population"], lang),
                ceiling_kind=t(f"compare.ceiling_kind.{ceiling['kind']}", lang),
            ),
            icon="⚠️",
        )
    series_label = ds.indicator_label(indicator, lang)
    title = t(
        "compare.scenario_title",
        lang,
        indicator=series_label,
        rate=percent(rate, lang),
        start=base_year,
        end=int(horizon),
    )
    # The title as text above the chart: it wraps on a phone, a plotly title does not.
    st.markdown(f"**{md(title)}**")
    st.plotly_chart(
        ds.derived(_chart, indicator, int(rate), int(horizon), lang),
        key="projection",
        alt=t("a11y.projection", lang, indicator=series_label, rate=rate, horizon=int(horizon)),
    )
    st.metric(
        t("outlook.at_horizon", lang, year=int(horizon)),
        derived_text(final["value"], base["bound"], base["unit"], lang),
        help=t("outlook.derived_help", lang, formula=formula_text(final["formula"], lang)),
    )
    st.caption(t("outlook.derived_note", lang) + " " + t("compare.rounded_note", lang))
    table = pd.DataFrame(
        {
            t("common.year", lang): projected["year"].astype(str),
            t("common.value", lang): [
                derived_text(v, base["bound"], base["unit"], lang) for v in projected["value"]
            ],
            t("outlook.formula", lang): [formula_text(f, lang) for f in projected["formula"]],
            t("outlook.kind", lang): t("common.derived", lang),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    _targets(ds, indicator, base, rows, int(rate), lang)


# What the page computes, once per data version (and choice) for every session.
def _options(ds) -> list[str]:
    return scenarios.base_options(ds.national(), ds.indicators)  # never a company's figures


def _series(ds, indicator: str) -> dict:
    """The base series (oldest first), its latest figure, the growth it shows, and the
    national targets of the same family and coverage (soonest first)."""
    national = ds.national()
    rows = national[national["indicator"] == indicator].sort_values("period_end")
    targets = scenarios.same_thing(ds.national(statuses=PROJECTED), indicator, ds.indicators)
    return {
        "rows": rows,
        "base": rows.iloc[-1].to_dict(),
        "observed": scenarios.observed_growth(rows),
        "targets": targets.sort_values("period_end"),
    }


def _chart(ds, indicator: str, rate: int, horizon: int, lang: str):
    series = ds.derived(_series, indicator)
    rows, base = series["rows"], series["base"]
    base_year = int(base["period_end"].year)
    projected = growth.scenario(base["value"], base_year, rate, horizon, base["bound"])
    label = ds.indicator_label(indicator, lang)
    ceiling = national_ceiling()
    return compare.scenario_chart(
        rows, projected, series["targets"], lang, label, base["unit"], None, ceiling
    )


def outlook() -> None:
    lang, ds, cfg = context.lang(), context.dataset(), context.config()
    st.title(t("page.outlook", lang))
    st.caption(t("outlook.intro", lang))
    _national(ds, cfg, lang)
    st.divider()
    st.page_link(
        "indicators/ui/pages/promises.py",
        label=t("compare.promises_link", lang),
        icon=":material/fact_check:",
        query_params={"lang": lang},
    )


if __name__ == "__main__":
    outlook()
