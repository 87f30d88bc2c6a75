"""Timeline: projects, events, openings and closures as a Gantt."""

from __future__ import annotations

import streamlit as st

from indicators import charts
from indicators.i18n import date_text, t
from indicators.ui import context
from indicators.ui.widgets import md


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
    st.plotly_chart(charts.timeline(shown, lang), key="gantt")
    st.caption(t("timeline.legend", lang))
    for row in shown.sort_values("start_date").to_dict("records"):
        when = date_text(row["start"], lang)
        if row["end"]:
            when += f" – {date_text(row['end'], lang)}"
        flags = [t(f"milestone_status.{row['status']}", lang)]
        if row["approx"]:
            flags.append(t("timeline.approx", lang))
        if row["inferred"]:
            flags.append(t("common.inferred_date", lang))
        with st.expander(f"{md(when)} · {md(row[f'title_{lang}'])} · {md(row[f'place_{lang}'])}"):
            st.markdown(f"> {md(row['quote'])}")
            st.caption(" · ".join([t(f"kind.{row['kind']}", lang), *flags]))
            if row["note"]:
                st.caption(f"{t('common.note', lang)} : {md(row['note'])}")
            st.caption(
                f"{t('common.source', lang)} : {md(row['source'])} "
                f"({md(row['file'])}:{row['line']})"
            )


if __name__ == "__main__":
    timeline()
