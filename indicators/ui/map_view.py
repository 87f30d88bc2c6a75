"""The Cities page's map: widgets and notes around indicators.render.maps (the Regions
page draws its own, from indicators.render.compare)."""

from __future__ import annotations

import streamlit as st

from indicators.render import maps as core
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.widgets import chart_sources, md

# Plotly's mode bar without the link to plotly's cloud; scroll zoom off so the page
# still scrolls when the mouse passes over the map.
PLOTLY_CONFIG = {"displaylogo": False, "scrollZoom": False}


def city_map(dataset, lang: str) -> None:
    """Cities sized by a chosen indicator, business parks, road-show routes."""
    options = dataset.derived(core.city_indicators)
    if not options:
        st.info(t("maps.no_city_data", lang))
        return
    # Opened from the Regions page with an indicator the cities have: keep it.
    context.init_choice("map_indicator", options, options[0], param="indicator")
    indicator = st.selectbox(
        t("maps.indicator", lang),
        options,
        key="map_indicator",
        format_func=lambda i: dataset.indicator_label(i, lang),
    )
    context.set_param("indicator", indicator, options[0])
    context.init_state("routes_shown", context.param("routes") != "off")
    routes = st.toggle(t("readers.cities.routes", lang), key="routes_shown")
    context.set_param("routes", "on" if routes else "off", "on")
    # Centre and zoom are fitted to the boundaries and the map's height (the southern
    # provinces included) rather than read from config.yaml: a fixed zoom fits one
    # figure size only. The style still comes from the settings.
    style = context.config().map.style
    fig, drawn, size = dataset.derived(_drawn, indicator, lang, routes, style)
    alt = t("a11y.city_map", lang, indicator=dataset.indicator_label(indicator, lang))
    st.plotly_chart(fig, key="city_map", config=PLOTLY_CONFIG, alt=alt)
    chart_sources(drawn, dataset, lang)
    if size:
        st.caption(md(size))
    st.caption(t("maps.city_help", lang))


def _drawn(dataset, indicator: str, lang: str, routes: bool, style: str) -> tuple:
    """The map, the figures it draws and its size legend: once per data version and
    choice, for every session (``Dataset.derived``)."""
    fig = core.city_map(dataset, indicator, lang, routes_shown=routes, style=style)
    drawn = core.city_figures_drawn(dataset, indicator)
    return fig, drawn, core.city_size_legend(dataset, indicator, lang)
