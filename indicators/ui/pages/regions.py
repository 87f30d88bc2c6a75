"""Regions: one indicator and one period across the 12 regions, like with like: each
figure drawn for the place it covers, bounds as intervals, ranks as ranges, a named map."""

from __future__ import annotations

import streamlit as st

from indicators.analysis import ranking
from indicators.analysis.dataset import OBSERVED, PROJECTED, Dataset
from indicators.render import compare
from indicators.render.i18n import region_names, t
from indicators.render.maps import regions_geojson
from indicators.ui import context
from indicators.ui.census_context import census_section
from indicators.ui.map_view import PLOTLY_CONFIG
from indicators.ui.profile_links import PROFILE_PAGE
from indicators.ui.widgets import chart_sources, downloads, figure_table, md


def profile_available() -> bool:
    """The region profile page exists (it is built on another branch) and is in the
    navigation: only then does a click lead to it."""
    from indicators.ui.shell import PAGES

    return PROFILE_PAGE.exists() and any(key == "profile" for _, key, _ in PAGES)


def _open_profile(event, lang: str) -> None:
    """A click on a bar or a region's name (a selection event) opens its profile."""
    if not event or not profile_available():
        return
    points = (event.get("selection") or {}).get("points") or []
    regions = [p.get("customdata") for p in points if isinstance(p.get("customdata"), str)]
    if regions:
        st.switch_page(
            str(PROFILE_PAGE), query_params={"place": f"region:{regions[0]}", "lang": lang}
        )


def _period(claims, indicator: str, lang: str) -> ranking.Period | None:
    """The period control (one year or a window, in the URL as ``period=2009-2011``)."""
    years = ranking.years(claims)
    default = ranking.default_period(claims, scope=None)
    if not years or default is None:
        return None
    first, last = years[0], years[-1]
    default = ranking.Period(max(default.start, first), min(default.end, last))
    if first == last:
        st.caption(t("compare.period_one", lang, period=first))
        return ranking.Period(first, last)
    asked_text = context.param("period")
    asked = ranking.Period.parse(asked_text)
    if asked_text and (asked is None or asked.start < first or asked.end > last):
        st.caption(t("compare.bad_period", lang, text=md(asked_text)))
        asked = None
    key = f"period-{indicator}"
    chosen = asked or default
    start, end = st.select_slider(
        t("compare.period", lang),
        options=list(range(first, last + 1)),
        value=(chosen.start, chosen.end),
        key=key,
        help=t("compare.period_help", lang),
    )
    period = ranking.Period(int(start), int(end))
    context.set_param("period", period.text, default.text)
    return period


# What the page computes for a reader's choices, once per data version for every session
# (``Dataset.derived``): the comparison, its figures per 100,000, the two charts.
def _comparison(ds, indicator, chosen, statuses, period):
    claims = ds.derived(Dataset.region_claims, indicator, chosen or None, statuses)
    return ranking.comparison(claims, period)


def _per_100k(ds, indicator, chosen, statuses, period):
    frame = ds.derived(_comparison, indicator, chosen, statuses, period)
    return ranking.per_100k(frame, ds.geography.census)


def _bars(ds, indicator, chosen, statuses, period, per_capita, projected, lang):
    args = (indicator, chosen, statuses, period)
    shown = ds.derived(_per_100k if per_capita else _comparison, *args)
    names = dict(zip(ds.regions["id"], ds.regions[region_names(lang)], strict=True))
    unit = ds.indicator(indicator)["unit"]
    return compare.interval_bars(shown, lang, unit, names, per_capita, projected)


def _regions_with_figures(ds) -> set:
    return set(ds.observations["region"].dropna())


def _states(ds, indicator, chosen, statuses, period):
    frame = ds.derived(_comparison, indicator, chosen, statuses, period)
    return compare.region_states(ds.regions, frame, ds.derived(_regions_with_figures))


def _map(ds, indicator, chosen, statuses, period, lang):
    frame = ds.derived(_comparison, indicator, chosen, statuses, period)
    states = ds.derived(_states, indicator, chosen, statuses, period)
    points = {g: ds.geography.point(g) for g in frame["geo"]} if len(frame) else {}
    points = {g: p for g, p in points.items() if p}
    unit = ds.indicator(indicator)["unit"]
    return compare.region_map(ds.regions, frame, states, points, regions_geojson(), lang, unit)


def regions() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.regions", lang))
    st.caption(t("regions.intro", lang))
    views = {"figures": OBSERVED, "promises": PROJECTED}
    context.init_choice("view", list(views), "figures")
    view = st.segmented_control(
        t("regions.view", lang),
        list(views),
        key="view",
        format_func=lambda v: t(f"regions.view_{v}", lang),
    )
    view = view or "figures"
    context.set_param("view", view, "figures")
    statuses = views[view]
    options = ds.derived(Dataset.indicators_with_regional_data, statuses)
    if not options:
        st.info(t("common.none_yet", lang))
        return
    context.init_choice("indicator", options, options[0])
    region_ids = list(ds.regions["id"])
    names = dict(zip(ds.regions["id"], ds.regions[region_names(lang)], strict=True))
    asked = [r for r in (context.param("regions") or "").split(",") if r in region_ids]
    context.init_state("regions", asked)

    left, middle = st.columns([2, 3])
    indicator = left.selectbox(
        t("common.indicator", lang),
        options,
        key="indicator",
        format_func=lambda i: ds.indicator_label(i, lang),
    )
    chosen = middle.multiselect(
        t("regions.choose", lang),
        region_ids,
        key="regions",
        format_func=names.get,
        placeholder=t("regions.all", lang),
    )
    context.set_param("indicator", indicator, options[0])
    context.set_param("regions", chosen)

    info = ds.indicator(indicator)
    st.markdown(f"**{md(info[f'label_{lang}'])}** — {md(info[f'description_{lang}'])}")
    claims = ds.derived(Dataset.region_claims, indicator, tuple(chosen) or None, statuses)
    period = _period(claims, indicator, lang)
    frame = ds.derived(_comparison, indicator, tuple(chosen), statuses, period)
    region_wide = bool(len(frame)) and (frame["scope"] == "region").any()
    context.init_state("per_capita", context.param("per") == "100k" and region_wide)
    if not region_wide:
        st.session_state["per_capita"] = False
    per_capita = st.toggle(
        t("compare.per_capita", lang),
        key="per_capita",
        disabled=not region_wide,
        help=None if region_wide else t("compare.per_capita_off", lang),
    )
    context.set_param("per", "100k" if per_capita else None)
    if not region_wide:
        st.caption(t("compare.per_capita_off", lang))
    shown = (
        ds.derived(_per_100k, indicator, tuple(chosen), statuses, period) if per_capita else frame
    )
    period_text = period.text.replace("-", "–") if period else ""
    if period is not None:
        st.caption(t("compare.period_caption", lang, period=period_text))

    chart_tab, map_tab = st.tabs([t("regions.ranking", lang), t("regions.map", lang)])
    with chart_tab:
        if shown.empty:
            st.info(t("compare.nothing_in_period", lang, period=period_text))
        else:
            title = t(
                "compare.bars_title", lang, indicator=info[f"label_{lang}"], period=period_text
            )
            st.markdown(f"**{md(title)}**")
            projected = view == "promises"
            fig = ds.derived(
                _bars, indicator, tuple(chosen), statuses, period, per_capita, projected, lang
            )
            event = st.plotly_chart(
                fig,
                key="ranking",
                alt=t(
                    "a11y.ranking",
                    lang,
                    indicator=info[f"label_{lang}"],
                    n=int(shown["region"].nunique()),
                    total=len(ds.regions),
                ),
                config=PLOTLY_CONFIG,
                on_select="rerun",
                selection_mode="points",
            )
            _open_profile(event, lang)
            chart_sources(shown, ds, lang)
            st.caption(t("compare.bars_note", lang))
            if projected:
                st.caption(t("regions.promises_note", lang))
            if per_capita:
                st.caption(t("compare.per_capita_note", lang))
    with map_tab:
        st.markdown(f"**{md(t('compare.map_title', lang, period=period_text))}**")
        fig = ds.derived(_map, indicator, tuple(chosen), statuses, period, lang)
        event = st.plotly_chart(
            fig,
            key="region_map",
            alt=t(
                "a11y.region_map",
                lang,
                indicator=info[f"label_{lang}"],
                n=int(frame["region"].nunique()) if len(frame) else 0,
                total=len(ds.regions),
            ),
            config=PLOTLY_CONFIG,
            on_select="rerun",
            selection_mode="points",
        )
        _open_profile(event, lang)
        st.caption(t("compare.map_note", lang))
    if profile_available():
        st.caption(t("compare.open_profile", lang))

    all_states = ds.derived(_states, indicator, tuple(chosen), statuses, period)
    nowhere = [names[r] for r, s in all_states.items() if s == "none"]
    none_here = [names[r] for r, s in all_states.items() if s == "none_here"]
    if nowhere:
        st.caption(t("compare.no_figure_regions", lang, regions=md(", ".join(nowhere))))
    if none_here:
        st.caption(t("compare.none_here_regions", lang, regions=md(", ".join(none_here))))

    st.header(t("regions.claims", lang))
    listed = (
        figure_table(
            claims.assign(
                place_fr=claims["place_fr"] + " (" + claims["region"].map(names) + ")",
                place_en=claims["place_en"] + " (" + claims["region"].map(names) + ")",
                place_ar=claims["place_ar"] + " (" + claims["region"].map(names) + ")",
            ),
            lang,
        )
        if len(claims)
        else figure_table(claims, lang)
    )
    st.dataframe(listed, hide_index=True, width="stretch")
    export = shown.drop(columns=["overlapping"], errors="ignore").assign(
        overlapping=[",".join(o) for o in shown["overlapping"]] if len(shown) else []
    )
    downloads(export, f"regions-{indicator}", lang, "regions")
    census_section(ds, lang, indicator)


if __name__ == "__main__":
    regions()
