"""Maps on the pages (drawn by indicators.maps; placeholder until boundaries ship)."""

from __future__ import annotations

import streamlit as st

from ..i18n import t


def region_map(table, lang: str, per_capita: bool, unit: str | None) -> None:
    st.info(t("regions.map_soon", lang))


def city_map(dataset, lang: str) -> None:
    st.info(t("regions.map_soon", lang))
