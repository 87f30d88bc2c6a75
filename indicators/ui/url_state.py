"""URL state for lists and free text (the filters of Data, Sources, Timeline).

A list travels as "a,b,c" under its own parameter; values that are not options are
dropped with a message rather than a traceback; the first draw in a session takes the
URL's value, later draws write the widget's value back.
"""

from __future__ import annotations

import streamlit as st

from indicators.ui import context

MAX_TEXT = 200  # a search longer than this is cut: a URL is not a document


def init_list(key: str, options, param: str) -> list[str]:
    """Seed a multiselect ``key`` from ``?param=a,b``; returns the values dropped
    because they are not options (for the page to say so)."""
    asked = [v for v in (context.param(param) or "").split(",") if v]
    kept = [v for v in asked if v in options]
    context.init_state(key, kept)
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    return [v for v in asked if v not in options]


def init_text(key: str, param: str) -> None:
    context.init_state(key, (context.param(param) or "")[:MAX_TEXT])


def keep_list(param: str, values) -> None:
    context.set_param(param, list(values))


def keep_text(param: str, text: str) -> None:
    context.set_param(param, (text or "").strip()[:MAX_TEXT])
