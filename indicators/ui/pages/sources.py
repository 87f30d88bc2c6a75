"""Sources: every source's citation and every figure it supports, with its quote."""

from __future__ import annotations

import streamlit as st

from indicators.analysis import queries
from indicators.render.formats import date_text, present, value_text
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.profile_links import profile_links
from indicators.ui.widgets import code, md, source_line


def sources() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.sources", lang))
    st.caption(t("sources.intro", lang, n=len(ds.sources)))
    query = st.text_input(t("sources.search", lang), key="q")
    obs, ms = ds.observations, ds.milestones
    for source_id in queries.matching_sources(ds, query):
        info = ds.source(source_id)
        mine, events = obs[obs["source"] == source_id], ms[ms["source"] == source_id]
        with st.container(border=True):
            st.markdown(source_line(ds, info["id"], lang))
            counts = t("sources.counts", lang, figures=len(mine), milestones=len(events))
            st.caption(f"{code(info['id'])} · {counts}")
            if present(info.get("notes")):
                st.caption(md(info["notes"]))
            with st.expander(t("sources.figures", lang)):
                profile_links(ds, sorted(set(mine["geo"]) | set(events["geo"])), lang)
                for row in mine.to_dict("records"):
                    text = value_text(row["value"], row["bound"], row["unit"], lang)
                    st.markdown(
                        f"**{md(text)}** — {md(ds.indicator_label(row['indicator'], lang))}, "
                        f"{md(row[f'place_{lang}'])}, {md(date_text(row['period'], lang))} "
                        f"({t('status.' + row['status'], lang)})"
                    )
                    st.markdown(f"> {md(row['quote'])}")
                for row in events.to_dict("records"):
                    st.markdown(
                        f"**{md(row[f'title_{lang}'])}** — {md(date_text(row['start'], lang))}"
                    )
                    st.markdown(f"> {md(row['quote'])}")


if __name__ == "__main__":
    sources()
