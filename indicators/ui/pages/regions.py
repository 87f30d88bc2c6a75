"""Regions: one indicator across the 12 regions: ranking, map, table, per inhabitant."""

from __future__ import annotations

import streamlit as st

from indicators.analysis.dataset import OBSERVED, PROJECTED
from indicators.render import charts
from indicators.render.i18n import label, region_names, t
from indicators.ui import context
from indicators.ui import map_view as maps
from indicators.ui.widgets import downloads, figure_table, md


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
    with_data = ds.indicators_with_regional_data(statuses)
    options = with_data + [i for i in ds.indicators["id"] if i not in with_data]
    if not options:
        st.info(t("common.none_yet", lang))
        return
    context.init_choice("indicator", options, options[0])
    region_ids = list(ds.regions["id"])
    names = dict(zip(ds.regions["id"], ds.regions[region_names(lang)], strict=True))
    asked = [r for r in (context.param("regions") or "").split(",") if r in region_ids]
    context.init_state("regions", asked)
    context.init_state("per_capita", context.param("per") == "100k")

    left, middle = st.columns([2, 3])
    indicator = left.selectbox(
        t("common.indicator", lang),
        options,
        key="indicator",
        format_func=lambda i: (
            ds.indicator_label(i, lang)
            + ("" if i in with_data else f" ({t('common.no_data', lang)})")
        ),
    )
    chosen = middle.multiselect(
        t("regions.choose", lang),
        region_ids,
        key="regions",
        format_func=names.get,
        placeholder=t("regions.all", lang),
    )
    per_capita = st.toggle(t("regions.per_capita", lang), key="per_capita")
    context.set_param("indicator", indicator, options[0])
    context.set_param("regions", chosen)
    context.set_param("per", "100k" if per_capita else None)

    info = ds.indicator(indicator)
    st.markdown(f"**{md(info[f'label_{lang}'])}** — {md(info[f'description_{lang}'])}")
    table = ds.region_table(indicator, chosen or None, statuses, per_inhabitant=per_capita)
    claims = ds.region_claims(indicator, chosen or None, statuses)
    chart_tab, map_tab = st.tabs([t("regions.ranking", lang), t("regions.map", lang)])
    with chart_tab:
        fig = charts.region_ranking(
            table, claims, lang, per_capita, info["unit"], projected=view == "promises"
        )
        alt = t(
            "a11y.ranking",
            lang,
            indicator=info[f"label_{lang}"],
            n=int(table["has_data"].sum()) if len(table) else 0,
            total=len(table),
        )
        st.plotly_chart(fig, key="ranking", alt=alt)
    with map_tab:
        maps.region_map(table, lang, per_capita, info["unit"], info[f"label_{lang}"])
    notes = [t("regions.headline_note", lang)]
    if view == "promises":
        notes.insert(0, t("regions.promises_note", lang))
    if claims["region_1997"].notna().any():
        notes.append(t("regions.note_1997", lang))
    if (claims["scope"] != "region").any():
        notes.append(t("regions.note_scope", lang))
    if per_capita:
        notes.append(t("regions.per_capita_note", lang))
    for note in notes:
        st.caption(note)
    missing = table[~table["has_data"]][region_names(lang)].tolist() if len(table) else []
    if missing:
        st.caption(f"{label('common.no_data', lang).capitalize()} {md(', '.join(missing))}")

    st.header(t("regions.claims", lang))
    shown = (
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
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(md(t("regions.inferred_mark", lang)))
    export = table.drop(columns=["quote"], errors="ignore")
    downloads(export, f"regions-{indicator}", lang, "regions")


if __name__ == "__main__":
    regions()
