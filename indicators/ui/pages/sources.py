"""Sources: every source's citation and the figures it supports, as a table sortable by
date and publisher (newest first) or as cards; the search is in the URL."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.analysis import queries
from indicators.render.formats import date_text, present, value_text
from indicators.render.i18n import t
from indicators.render.provenance import counted, short_date, short_publisher, source_url
from indicators.ui import context, url_state
from indicators.ui.profile_links import profile_links
from indicators.ui.widgets import mark_inferred, md, period_text, source_line

VIEWS = ("table", "cards")


def newest_first(ds, ids: list[str]) -> list[str]:
    """Sources by publication date, newest first; undated ones last."""
    frame = ds.sources.set_index("id").loc[ids].reset_index()
    frame = frame.sort_values(["published", "id"], ascending=[False, True], na_position="last")
    dated = frame[frame["published"].fillna("") != ""]
    undated = frame[frame["published"].fillna("") == ""]
    return list(dated["id"]) + list(undated["id"])


def sources() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.sources", lang))
    st.caption(t("sources.intro", lang, n=len(ds.sources)))
    url_state.init_text("q", "q")
    context.init_choice("sources_view", list(VIEWS), "table", param="view")
    left, right = st.columns([3, 2])
    query = left.text_input(t("sources.search", lang), key="q")
    view = right.segmented_control(
        t("readers.sources.view", lang),
        list(VIEWS),
        key="sources_view",
        format_func=lambda v: t(f"readers.sources.view_{v}", lang),
    )
    view = view or "table"
    url_state.keep_text("q", query)
    context.set_param("view", view, "table")

    found = newest_first(ds, queries.matching_sources(ds, query))
    if not found:
        st.warning(t("readers.sources.no_match", lang, query=md(query.strip())))
        return
    if query.strip():
        st.caption(counted("readers.sources.matches", len(found), lang, total=len(ds.sources)))
    obs, ms = ds.observations, ds.milestones
    if view == "table":
        st.dataframe(
            _table(ds, found, lang),
            hide_index=True,
            width="stretch",
            column_config={
                t("readers.link", lang): st.column_config.LinkColumn(
                    display_text=t("readers.open", lang)
                ),
                t("readers.sources.date", lang): st.column_config.DateColumn(format="YYYY-MM-DD"),
            },
        )
        st.caption(t("readers.sources.table_help", lang))
        return
    for source_id in found:
        mine, events = obs[obs["source"] == source_id], ms[ms["source"] == source_id]
        with st.container(border=True):
            st.markdown(source_line(ds, source_id, lang))
            if mine.empty and events.empty:
                st.caption(t("readers.sources.nothing", lang))
                continue
            with st.expander(
                t(
                    "readers.sources.what",
                    lang,
                    figures=_count(len(mine), "figure", lang),
                    milestones=_count(len(events), "milestone", lang),
                )
            ):
                profile_links(ds, sorted(set(mine["geo"]) | set(events["geo"])), lang)
                for row in mine.to_dict("records"):
                    text = value_text(row["value"], row["bound"], row["unit"], lang)
                    st.markdown(
                        f"**{md(text)}** — {md(ds.indicator_label(row['indicator'], lang))}, "
                        f"{md(row[f'place_{lang}'])}, {md(period_text(row, lang))} "
                        f"({t('status.' + row['status'], lang)})"
                    )
                    st.markdown(f"> {md(row['quote'])}")
                for row in events.to_dict("records"):
                    st.markdown(
                        f"**{md(row[f'title_{lang}'])}** — {md(date_text(row['start'], lang))}"
                    )
                    st.markdown(f"> {md(row['quote'])}")


def _inferred(row) -> bool:
    if present(row.get("published_inferred")) and row["published_inferred"]:
        mark_inferred()
        return True
    return False


def _count(n: int, what: str, lang: str) -> str:
    return counted(f"readers.sources.{what}", n, lang)


def _table(ds, ids: list[str], lang: str) -> pd.DataFrame:
    """One row per source: date, publisher, title, what it supports, link."""
    frame = ds.sources.set_index("id").loc[ids].reset_index()
    obs_counts = ds.observations["source"].value_counts()
    ms_counts = ds.milestones["source"].value_counts()
    rows = frame.to_dict("records")
    return pd.DataFrame(
        {
            t("readers.sources.date", lang): [
                pd.Timestamp(r["published_start"]) if present(r.get("published_start")) else None
                for r in rows
            ],
            t("readers.sources.published", lang): [
                short_date(r["published"], lang) + (" *" if _inferred(r) else "") for r in rows
            ],
            t("readers.sources.publisher", lang): [short_publisher(r["publisher"]) for r in rows],
            t("readers.sources.title", lang): [r["title"] for r in rows],
            t("readers.sources.figures", lang): [int(obs_counts.get(r["id"], 0)) for r in rows],
            t("readers.sources.milestones", lang): [int(ms_counts.get(r["id"], 0)) for r in rows],
            t("readers.link", lang): [source_url(r) or "" for r in rows],
        }
    )


if __name__ == "__main__":
    sources()
