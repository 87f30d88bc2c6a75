"""The Regions page's census context: a section of its own (HCP's labour pool ranked and
mapped, and press figures per 1,000 in the labour force), called from one line."""

from __future__ import annotations

import streamlit as st

from indicators.analysis import census
from indicators.analysis.dataset import OBSERVED
from indicators.analysis.profile import per_labour
from indicators.analysis.promises import with_families
from indicators.render import census as view
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.map_view import PLOTLY_CONFIG


def census_section(ds, lang: str, indicator: str | None) -> None:
    st.subheader(t("census_context.title", lang))
    st.caption(t("census_context.intro", lang))
    keys = list(census.MEASURES)
    context.init_choice("census", keys, "reads_french")
    key = st.selectbox(
        t("census_context.measure", lang),
        keys,
        key="census",
        format_func=lambda k: view.measure_label(k, lang),
    )
    context.set_param("census", key, "reads_french")
    charts = ds.derived(_charts, key, lang)
    ranking_tab, map_tab = st.tabs([t("regions.ranking", lang), t("regions.map", lang)])
    alt = t("a11y.census", lang, measure=view.measure_label(key, lang))
    with ranking_tab:
        st.plotly_chart(charts[0], key="census-ranking", config=PLOTLY_CONFIG, alt=alt)
    with map_tab:
        st.plotly_chart(charts[1], key="census-map", config=PLOTLY_CONFIG, alt=alt)
    st.caption(t("census_context.ranking_caption", lang))

    st.markdown(f"**{t('census_context.per_labour_title', lang)}**")
    items = ds.derived(_per_labour, indicator) if indicator else []
    if items:
        st.dataframe(view.per_labour_table(items, lang), hide_index=True, width="stretch")
        st.caption(t("census_context.per_labour_formula", lang))
    else:
        st.caption(t("census_context.per_labour_none", lang))


def _charts(ds, key: str, lang: str) -> tuple:
    """The census ranking and map of one measure (the same for every session)."""
    frame = view.census_frame(census.region_context("2024"), ds.regions, key)
    return view.census_ranking(frame, key, lang), view.census_map(frame, key, lang)


def _per_labour(ds, indicator: str) -> list:
    """(region, figure per 1,000 in the labour force) for the regions' own figures."""
    claims = ds.region_claims(indicator, None, OBSERVED)
    claims = with_families(claims[claims["scope"] == "region"], ds.indicators)
    items = []
    for row in ds.regions.to_dict("records"):
        mine = claims[claims["region"] == row["id"]]
        if len(mine):
            pool = census.labour_pool("region", row["code"])
            items += [(row["name_fr"], item) for item in per_labour(mine, pool)]
    return items
