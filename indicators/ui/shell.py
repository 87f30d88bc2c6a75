"""The app around the pages: page config, language switch, navigation, problem banner."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from indicators.render.i18n import LANGUAGES, NAMES, t
from indicators.settings import ConfigError
from indicators.ui import context, direction, widgets

PAGE_DIR = Path(__file__).resolve().parent / "pages"
PAGES = [  # (url path, i18n key and file name, icon)
    ("", "overview", ":material/dashboard:"),
    ("regions", "regions", ":material/bar_chart:"),
    ("cities", "cities", ":material/location_city:"),
    ("timeline", "timeline", ":material/timeline:"),
    ("outlook", "outlook", ":material/trending_up:"),
    ("promises", "promises", ":material/fact_check:"),
    ("profile", "profile", ":material/location_on:"),
    ("sources", "sources", ":material/menu_book:"),
    ("data", "data", ":material/table:"),
    ("contribute", "contribute", ":material/edit_note:"),
]


def main() -> None:
    try:
        cfg = context.config()
    except ConfigError as error:
        # A broken config.yaml: say what and where, never a traceback.
        st.set_page_config(page_title="Observatoire de l'offshoring", layout="wide")
        st.error(widgets.md("\n\n".join(problem.format() for problem in error.problems)))
        st.stop()
    # No page_icon: a material icon as favicon is fetched from a font CDN; the default
    # favicon ships with Streamlit, and the app must work offline.
    st.set_page_config(page_title=cfg.title.fr, layout="wide")
    context.init_state("lang", context.lang())
    lang = context.lang()
    direction.apply(lang)  # <html lang>, right to left for Arabic, caption contrast
    built = [
        st.Page(
            PAGE_DIR / f"{key}.py",
            title=t(f"page.{key}", lang),
            url_path=path or None,
            default=not path,
        )
        for path, key, _ in PAGES
    ]
    current = st.navigation(built, position="hidden")
    # The browser tab names the page, in the reader's language.
    st.set_page_config(page_title=f"{current.title} · {getattr(cfg.title, lang)}")
    widgets.phone_css()
    with st.sidebar:
        # Bold, not a heading: the sidebar comes before the page's h1 in the document.
        st.markdown(f"**{widgets.md(getattr(cfg.title, lang))}**")
        st.radio(
            t("app.language", lang),
            LANGUAGES,
            key="lang",
            horizontal=True,
            format_func=NAMES.get,
        )
        context.set_param("lang", context.lang(), cfg.default_language)
        # Icons on the links only: a page's own icon becomes the favicon, which Streamlit
        # fetches from a font CDN, and the app must work offline.
        for page, (_, _, icon) in zip(built, PAGES, strict=True):
            st.page_link(page, icon=icon, query_params=context.shared_params())
        st.divider()
        widgets.glossary(lang)
        st.caption(t("app.credit", lang))
    widgets.problems_banner(context.dataset(), context.lang())
    st.session_state.pop("_inferred_drawn", None)
    current.run()
    widgets.page_notes(lang)
