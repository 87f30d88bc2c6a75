"""Links to a place's profile page, carrying the language (for Cities and Sources)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from indicators.render.i18n import t

PROFILE_PAGE = (Path(__file__).resolve().parent / "pages" / "profile").with_suffix(".py")
PROFILE_KINDS = ("country", "region", "city", "park")


def profile_link(geo: str, label: str, lang: str) -> None:
    st.page_link(
        str(PROFILE_PAGE),
        label=label,
        icon=":material/location_on:",
        query_params={"place": geo, "lang": lang},
    )


def profile_links(dataset, geos, lang: str, columns: int = 4) -> None:
    """One link per place (places the profile page knows), in a few columns."""
    known = [g for g in dict.fromkeys(geos) if _has_profile(dataset, g)]
    if not known:
        return
    cells = st.columns(min(columns, len(known)))
    for n, geo in enumerate(known):
        with cells[n % len(cells)]:
            name = dataset.geography.label(geo, lang)
            profile_link(geo, t("profile.city_link", lang, place=name), lang)


def _has_profile(dataset, geo: str) -> bool:
    kind, _, ident = str(geo).partition(":")
    geography = dataset.geography
    return (
        (kind == "country" and ident == "ma")
        or (kind == "region" and ident in geography.regions)
        or (kind == "city" and ident in geography.cities)
        or (kind == "park" and ident in geography.parks)
    )
