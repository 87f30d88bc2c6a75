"""The app around the pages: page config, language switch, navigation, problem banner."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ..i18n import LANGUAGES, t
from . import context, widgets

PAGE_DIR = Path(__file__).resolve().parent / "pages"
PAGES = [  # (url path, i18n key and file name, icon)
    ("", "overview", ":material/dashboard:"),
    ("regions", "regions", ":material/bar_chart:"),
    ("cities", "cities", ":material/location_city:"),
    ("timeline", "timeline", ":material/timeline:"),
    ("outlook", "outlook", ":material/trending_up:"),
    ("sources", "sources", ":material/menu_book:"),
    ("data", "data", ":material/table:"),
]


def main() -> None:
    cfg = context.config()
    st.set_page_config(
        page_title=cfg.title.get("fr", "Observatoire"),
        layout="wide",
        page_icon=":material/insights:",
    )
    context.init_state("lang", context.lang())
    lang = context.lang()
    built = [
        st.Page(
            PAGE_DIR / f"{key}.py",
            title=t(f"page.{key}", lang),
            icon=icon,
            url_path=path or None,
            default=not path,
        )
        for path, key, icon in PAGES
    ]
    current = st.navigation(built, position="hidden")
    with st.sidebar:
        st.markdown(f"### {cfg.title.get(lang, t('app.title', lang))}")
        st.radio(
            t("app.language", lang),
            LANGUAGES,
            key="lang",
            horizontal=True,
            format_func=lambda code: {"fr": "Français", "en": "English"}[code],
        )
        context.set_param("lang", context.lang(), cfg.default_language)
        for page in built:
            st.page_link(page, query_params=context.shared_params())
        st.divider()
        st.caption(t("app.credit", lang))
    widgets.problems_banner(context.dataset(), context.lang())
    current.run()
