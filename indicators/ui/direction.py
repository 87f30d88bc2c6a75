"""The page's language, direction and contrast: what Streamlit has no setting for.

Streamlit 1.67 has no right-to-left mode (its issue #552) and writes ``<html lang="en">``
whatever the page says (issue #15726). So, on every page, one ``st.html`` element (text
of our own, never from data) carries:

- a stylesheet scoped to the app: captions dark enough for WCAG AA (Streamlit's grey
  #828180 on white is 3.88:1: the body text at opacity 0.6; here #5c5b5a at full
  opacity, 6.6:1), code blocks that wrap instead of
  scrolling (a scrolling ``<pre>`` cannot be reached by keyboard), and, for Arabic, the
  main area, the sidebar, the option lists and tooltips right to left (headings,
  paragraphs, widgets, columns, tabs, expanders, alerts); charts, data grids, code and
  sliders left to right;
- every paragraph, list item, quote and caption takes the direction of its own first
  letter (``unicode-bidi: plaintext``, the CSS form of ``dir="auto"``), so that a French
  quote on an Arabic page, or an Arabic quote on a French one, keeps its own direction and
  its punctuation stays where it belongs;
- a one-line script that sets ``<html lang>`` to the page's language
  (screen readers pick their voice from it). The document's ``dir`` is left alone: a
  right-to-left ``<html>`` moves Streamlit's own layout (the sidebar's resize handle,
  the widgets' popovers) in ways it is not built for.

Plotly charts are mirrored by the render layer (``charts.mirror``), data grids (a canvas)
keep their column order.
"""

from __future__ import annotations

import streamlit as st

from indicators.render.i18n import direction

CAPTION_COLOUR = "#5c5b5a"  # 6.6:1 on white, 6.1:1 on the sidebar's #f0f2f6

COMMON_CSS = f"""
[data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] [data-testid="stCaptionContainer"] {{
  color: {CAPTION_COLOUR};
  opacity: 1;
}}
[data-testid="stCode"] pre, [data-testid="stCode"] pre code {{
  white-space: pre-wrap !important;  /* Streamlit sets "pre" on the code element itself */
  overflow-wrap: anywhere;
}}
[data-testid="stCode"] .token {{
  color: inherit !important;  /* the highlighter's greys and greens are 2.6-3.6:1 */
}}
[data-testid="stMarkdownContainer"] p,
[data-testid="stMarkdownContainer"] li,
[data-testid="stMarkdownContainer"] blockquote,
[data-testid="stCaptionContainer"] p {{
  unicode-bidi: plaintext;
  text-align: start;
}}
"""

RTL_CSS = """
[data-testid="stMain"], [data-testid="stSidebarUserContent"], [data-testid="stSidebarNav"],
[data-baseweb="popover"], [data-testid="stTooltipContent"] {
  direction: rtl;
}
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stMain"] h4, [data-testid="stSidebarUserContent"] h3 {
  unicode-bidi: plaintext;
  text-align: start;
}
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stWidgetLabel"], [data-testid="stExpander"] summary {
  text-align: right;
}
/* A chart, a data grid (a canvas), a code block and a slider keep their own geometry:
   plotly and the grid position things from the left, code is code, and a slider's
   values grow to the right. The ranking charts are mirrored by charts.mirror instead. */
[data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stCode"],
[data-testid="stSlider"] [data-baseweb="slider"] {
  direction: ltr;
}
[data-testid="stMarkdownContainer"] blockquote {
  border-left: none;
  border-right: 0.25rem solid rgba(49, 51, 63, 0.2);
  padding-left: 0;
  padding-right: 1rem;
}
[data-testid="stMarkdownContainer"] ol, [data-testid="stMarkdownContainer"] ul {
  padding-left: 0;
  padding-right: 1.5em;
}
"""

# Our own constant text: the language code comes from i18n.LANGUAGES, never from the URL.
LANG_SCRIPT = "<script>document.documentElement.lang = {code!r};</script>"


def apply(lang: str) -> None:
    """The page's stylesheet and ``<html lang>`` for ``lang`` (call once per run)."""
    css = COMMON_CSS + (RTL_CSS if direction(lang) == "rtl" else "")
    st.html(
        f"<style>{css}</style>" + LANG_SCRIPT.format(code=lang),
        unsafe_allow_javascript=True,
    )
