"""Timeline: projects, events, openings and closures as a Gantt."""

from __future__ import annotations

import streamlit as st

from indicators.render import charts
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.widgets import milestone_details, milestone_heading


def timeline() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.timeline", lang))
    st.caption(t("timeline.intro", lang))
    ms = ds.milestones
    if ms.empty:
        st.info(t("common.none_yet", lang))
        return
    kinds = list(dict.fromkeys(ms["kind"]))
    chosen = st.multiselect(
        t("timeline.kinds", lang),
        kinds,
        key="kinds",
        format_func=lambda k: t(f"kind.{k}", lang),
        placeholder=t("common.all", lang),
    )
    shown = ms[ms["kind"].isin(chosen)] if chosen else ms
    alt = t("a11y.timeline", lang, n=len(shown))
    st.plotly_chart(charts.timeline(shown, lang), key="gantt", alt=alt)
    st.caption(t("timeline.legend", lang))
    for row in shown.sort_values("start_date").to_dict("records"):
        with st.expander(milestone_heading(row, lang)):
            milestone_details(row, ds, lang)


if __name__ == "__main__":
    timeline()
