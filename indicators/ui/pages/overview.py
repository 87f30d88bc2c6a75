"""Overview: the national figures as cards and as a series, the outlook, latest events."""

from __future__ import annotations

import streamlit as st

from indicators.analysis import queries
from indicators.analysis.dataset import PROJECTED
from indicators.render import charts
from indicators.render.formats import date_text, unit_label, value_text
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.widgets import figure_card, md, milestone_details, milestone_heading, provenance

HEADLINE_UNITS = ("positions", "jobs")


def _cards(national, ds, lang) -> None:
    columns = st.columns(3)
    for index, (indicator, rows) in enumerate(queries.latest_per_indicator(national)):
        with columns[index % 3]:
            figure_card(rows, ds, lang, ds.indicator_label(indicator, lang))


def overview() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    national = ds.national()
    st.header(t("overview.latest", lang))
    if national.empty:
        st.info(t("common.none_yet", lang))
    headline = national[national["unit"].isin(HEADLINE_UNITS)]
    _cards(headline, ds, lang)
    others = national[~national["unit"].isin(HEADLINE_UNITS)]
    if len(others):
        with st.expander(t("overview.other_figures", lang, n=others["indicator"].nunique())):
            _cards(others, ds, lang)

    series = queries.series(national, min_points=2)
    if len(series):
        st.header(t("overview.series", lang))
        st.caption(t("overview.series_note", lang))
        labels = {i: ds.indicator_label(i, lang) for i in series["indicator"].unique()}
        for unit, rows in series.groupby("unit", sort=False):
            st.markdown(f"**{unit_label(unit, lang).capitalize()}**")
            alt = t(
                "a11y.series",
                lang,
                unit=unit_label(unit, lang),
                indicators=", ".join(labels[i] for i in rows["indicator"].unique()),
            )
            st.plotly_chart(
                charts.national_series(rows, lang, labels), key=f"series-{unit}", alt=alt
            )
        st.caption(t("overview.symbols", lang))

    st.header(t("overview.outlook", lang))
    promises = ds.national(statuses=PROJECTED).sort_values("period_end")
    if promises.empty:
        st.caption(t("common.none_yet", lang))
    for row in promises.to_dict("records"):
        indicator_name = ds.indicator_label(row["indicator"], lang)
        text = value_text(row["value"], row["bound"], row["unit"], lang)
        with st.expander(
            f"{t('status.' + row['status'], lang).capitalize()} · "
            f"{md(date_text(row['period'], lang))} · {md(text)} · {md(indicator_name)}"
        ):
            provenance(row, ds, lang)

    st.header(t("overview.milestones", lang))
    milestones = ds.milestones.sort_values("start_date", ascending=False).head(6)
    for row in milestones.to_dict("records"):
        with st.expander(milestone_heading(row, lang)):
            milestone_details(row, ds, lang)


if __name__ == "__main__":
    overview()
