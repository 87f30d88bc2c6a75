"""Timeline: projects, events, openings and closures as a Gantt on a wide screen, as a
list by year on a phone; filters by kind and place in the URL."""

from __future__ import annotations

import streamlit as st

from indicators.render import charts
from indicators.render.formats import date_text, present
from indicators.render.i18n import t
from indicators.render.provenance import INFERRED_MARK, counted, uncertain_date
from indicators.ui import context, url_state
from indicators.ui.widgets import (
    chart_sources,
    mark_inferred,
    md,
    milestone_details,
    milestone_heading,
)


def timeline() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.timeline", lang))
    st.caption(t("readers.timeline.intro", lang))
    ms = ds.milestones
    if ms.empty:
        st.info(t("common.none_yet", lang))
        return
    kinds = list(dict.fromkeys(ms["kind"]))
    places = dict(
        sorted(
            dict(zip(ms["geo"], ms[f"place_{lang}"], strict=True)).items(),
            key=lambda item: (item[0] != "country:ma", item[1]),
        )
    )
    dropped = url_state.init_list("kinds", kinds, "kinds")
    dropped += url_state.init_list("places", list(places), "place")
    if dropped:
        st.info(t("readers.data.bad_filter", lang, values=md(", ".join(dropped))))
    left, right = st.columns(2)
    chosen = left.multiselect(
        t("timeline.kinds", lang),
        kinds,
        key="kinds",
        format_func=lambda k: t(f"kind.{k}", lang),
        placeholder=t("common.all", lang),
    )
    where = right.multiselect(
        t("common.place", lang),
        list(places),
        key="places",
        format_func=places.get,
        placeholder=t("readers.timeline.all_places", lang),
    )
    url_state.keep_list("kinds", chosen)
    url_state.keep_list("place", where)
    shown = ds.derived(_shown, tuple(chosen), tuple(where))
    if shown.empty:
        st.warning(t("readers.timeline.no_match", lang))
        return
    st.caption(counted("readers.timeline.count", len(shown), lang, total=len(ms)))
    with st.container(key="wide_view"):
        st.plotly_chart(
            ds.derived(_gantt, tuple(chosen), tuple(where), lang),
            key="gantt",
            config=chart_config("timeline"),
            alt=t("a11y.timeline", lang, n=len(shown)),
        )
        st.caption(t("readers.timeline.legend", lang))
        chart_sources(shown, ds, lang)
    rows = ds.derived(_records, tuple(chosen), tuple(where))
    with st.container(key="narrow_view"):
        by_year(rows, lang)
    titles = {row["id"]: milestone_heading(row, lang) for row in rows}
    picked = st.selectbox(
        t("readers.timeline.details", lang),
        list(titles),
        index=None,
        key="milestone",
        format_func=titles.get,
        placeholder=t("readers.timeline.details_placeholder", lang),
    )
    if picked:
        row = next(r for r in rows if r["id"] == picked)
        with st.container(border=True):
            st.markdown(f"**{titles[picked]}**")
            milestone_details(row, ds, lang)


def chart_config(name: str) -> dict:
    return {"displaylogo": False, "toImageButtonOptions": {"filename": name}}


# What the page computes for the filters, once per data version for every session.
def _shown(ds, kinds: tuple, places: tuple):
    ms = ds.milestones
    shown = ms[ms["kind"].isin(kinds)] if kinds else ms
    return shown[shown["geo"].isin(places)] if places else shown


def _records(ds, kinds: tuple, places: tuple) -> list[dict]:
    return ds.derived(_shown, kinds, places).sort_values("start_date").to_dict("records")


def _gantt(ds, kinds: tuple, places: tuple, lang: str):
    return charts.timeline(ds.derived(_shown, kinds, places), lang)


def by_year(rows: list[dict], lang: str) -> None:
    """The narrow form (milestones oldest first): one heading per year, one line each."""
    for year in dict.fromkeys(r["start_date"].year for r in rows):
        st.markdown(f"**{year}**")
        lines = []
        for row in (r for r in rows if r["start_date"].year == year):
            when = date_text(row["start"], lang)
            if present(row.get("end")):
                when += f" – {date_text(row['end'], lang)}"
            if uncertain_date(row):
                when += f" {INFERRED_MARK}"
                mark_inferred()
            kind = t(f"kind.{row['kind']}", lang)
            title, place = md(row[f"title_{lang}"]), md(row[f"place_{lang}"])
            lines.append(f"- {md(when)} · **{title}** · {place} ({kind})")
        st.markdown("\n".join(lines))


if __name__ == "__main__":
    timeline()
