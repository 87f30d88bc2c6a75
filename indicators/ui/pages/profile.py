"""Profile: one place (the country, a region, a city or a park) on one page: where it
is, its census population and labour pool, its headline figures, its position, its
milestones, promises and sources; a brief (HTML) and its figures (CSV) to take away."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from indicators.analysis import profile as profiles
from indicators.analysis import promises
from indicators.analysis.export import to_csv
from indicators.data.geography import normalize
from indicators.render import profile as view
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.map_view import PLOTLY_CONFIG
from indicators.ui.widgets import figure_card, md, milestone_details, milestone_heading, source_line


def _profile(ds, choice: profiles.PlaceChoice, today: dt.date):
    """The place's profile, once per data version, place and day for every session."""
    return profiles.build_profile(ds, ds.derived(promises.dataset_ledger, today), choice)


def _drawn(ds, choice: profiles.PlaceChoice, today: dt.date, lang: str) -> dict:
    """Its figures and tables in ``lang`` (the same for every reader of the place)."""
    place = ds.derived(_profile, choice, today)
    return {
        "map": view.place_map(place, ds, lang),
        "positions": [view.position_chart(p, ds, lang, place.geo) for p in place.positions],
        "labour_table": view.labour_table(place, lang),
        "labour_chart": view.labour_chart(place, ds, lang),
        "figures": view.figures_table(place, ds, lang),
        "cards": [
            (rows.to_dict("records"), view.headline_title(family, rows, ds, lang))
            for family, rows in place.headlines
        ],
        "milestones": place.milestones.to_dict("records"),
        "promises": [view.promise_line(row, ds, lang) for row in place.promises.to_dict("records")],
        "positions_text": view.position_lines(place, ds, lang),
    }


def _picker(ds, lang: str, current: str) -> str:
    options = profiles.place_options(ds.geography)
    kinds = {kind: n for n, kind in enumerate(profiles.KINDS)}
    options.sort(
        key=lambda g: (
            (kinds[g.partition(":")[0]], normalize(ds.geography.label(g, lang)))
            if g.partition(":")[0] != "region"
            else (1, ds.geography.regions[g.partition(":")[2]].code)
        )
    )

    def name(geo: str) -> str:
        kind = geo.partition(":")[0]
        place = ds.geography.label(geo, lang)
        return place if kind == "country" else f"{place} ({t(f'scope.{kind}', lang)})"

    # The URL holds the place: the picker is seeded from it on every run (a link to
    # another place opens that place, not the last one picked in the session).
    if st.session_state.get("_profile_shown") != current:
        st.session_state["profile_place"] = current
        st.session_state["_profile_shown"] = current
    picked = st.selectbox(t("profile.pick", lang), options, key="profile_place", format_func=name)
    return picked or current


def profile_page() -> None:
    lang, ds = context.lang(), context.dataset()
    choice = profiles.choose_place(context.param("place"), ds.geography)
    heading = st.empty()  # the title goes above the picker, which decides the place
    picked = _picker(ds, lang, choice.geo)
    if picked != choice.geo:
        choice = profiles.PlaceChoice(picked)
        st.session_state["_profile_shown"] = picked
    context.set_param("place", choice.geo, None)
    today = dt.date.today()
    place = ds.derived(_profile, choice, today)
    drawn = ds.derived(_drawn, choice, today, lang)
    heading.title(view.title(place, ds, lang))
    warning = view.fallback_message(place, lang)
    if warning:
        st.warning(md(warning))
    st.caption(md(view.kind_text(place, ds, lang)))

    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("profile.place", lang))
        for line in view.population_text(place, lang):
            st.markdown(f"- {md(line)}")
        for line in view.place_lines(place, ds, lang):
            st.markdown(f"- {md(line)}")
        for line in view.commune_text(place, lang):
            st.caption(md(line))
    with right:
        st.plotly_chart(
            drawn["map"],
            key="profile-map",
            config=PLOTLY_CONFIG,
            alt=t("profile.map_alt", lang, place=view.title(place, ds, lang)),
        )

    st.subheader(t("profile.headlines", lang))
    st.caption(t("profile.headlines_note", lang))
    if not place.headlines:
        st.info(t("profile.no_figures", lang))
    cards = drawn["cards"]
    for start in range(0, len(cards), 3):
        columns = st.columns(3)
        for column, (rows, title) in zip(columns, cards[start : start + 3], strict=False):
            with column:
                figure_card(rows, ds, lang, title)

    st.subheader(t("profile.position", lang))
    for line in drawn["positions_text"]:
        st.markdown(md(line))
    for n, position in enumerate(place.positions):
        with st.expander(
            t("profile.position_chart", lang,
              indicator=md(ds.indicator_label(position.indicator, lang)),
              period=view.period_words(position.period))
        ):  # fmt: skip
            st.plotly_chart(
                drawn["positions"][n],
                key=f"position-{n}",
                config=PLOTLY_CONFIG,
                alt=t(
                    "a11y.position", lang, indicator=ds.indicator_label(position.indicator, lang)
                ),
            )
            st.caption(t("profile.position_rules", lang))

    st.subheader(t("profile.labour", lang))
    st.caption(md(view.labour_scope_text(place, ds, lang)))
    table = drawn["labour_table"]
    if len(table):
        st.dataframe(table, hide_index=True, width="stretch")
        chart = drawn["labour_chart"]
        if chart is not None:
            st.plotly_chart(chart, key="labour", config=PLOTLY_CONFIG, alt=t("a11y.labour", lang))

    st.subheader(t("profile.timeline", lang))
    if place.milestones.empty:
        st.caption(t("profile.no_milestones", lang))
    for row in drawn["milestones"]:
        with st.expander(milestone_heading(row, lang)):
            milestone_details(row, ds, lang)

    st.subheader(t("profile.promises", lang))
    if place.promises.empty:
        st.caption(t("profile.no_promises", lang))
    for head, reason in drawn["promises"]:
        with st.expander(md(head)):
            st.markdown(md(reason))

    st.subheader(t("profile.figures_all", lang))
    figures = drawn["figures"]
    if len(figures):
        st.dataframe(figures, hide_index=True, width="stretch")
        st.caption(md(t("regions.inferred_mark", lang)))

    st.subheader(t("profile.sources", lang))
    for source_id in place.sources:
        st.markdown(f"- {source_line(ds, source_id, lang)}")

    st.subheader(t("profile.take_away", lang))
    slug = place.geo.replace(":", "-")
    a, b = st.columns(2)
    a.download_button(
        t("profile.download_brief", lang),
        lambda: view.brief_html(place, ds, lang).encode("utf-8"),
        f"profile-{slug}-{lang}.html",
        "text/html",
        key="brief",
    )
    b.download_button(
        t("profile.download_csv", lang),
        lambda: to_csv(profiles.profile_figures(place)),
        f"profile-{slug}.csv",
        "text/csv",
        key="profile-csv",
    )
    st.caption(t("profile.brief_note", lang))


if __name__ == "__main__":
    profile_page()
