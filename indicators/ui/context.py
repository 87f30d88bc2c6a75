"""What every page needs: settings, the language, the dataset, and the URL state."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from indicators.analysis.dataset import Dataset
from indicators.data.store import Store
from indicators.render.i18n import language
from indicators.settings import CONFIG_NAME, DATA_DIR_VARIABLE, Settings, load_settings

# Query parameters shared across pages: carried by the navigation links.
SHARED_PARAMS = ("lang", "indicator", "regions")


# The app reads the config.yaml beside app.py (the project's folder), wherever it is run from.
CONFIG_FILE = Path(__file__).resolve().parents[2] / CONFIG_NAME


@st.cache_resource(show_spinner=False)
def _settings(config_file: str, data_dir_override: str) -> Settings:
    # The override is part of the key so that a test (or a deployer) pointing
    # INDICATORS_DATA_DIR elsewhere gets its own settings, not the first ones cached.
    return load_settings(config_file, {DATA_DIR_VARIABLE: data_dir_override})


@st.cache_resource(show_spinner=False)
def _store(data_dir: str, max_bytes: int) -> Store:
    # One Store per process: it re-reads only the files that changed.
    return Store(data_dir, max_bytes, build=Dataset)


def config() -> Settings:
    return _settings(str(CONFIG_FILE), os.environ.get(DATA_DIR_VARIABLE, ""))


def store() -> Store:
    cfg = config()
    return _store(str(cfg.data_dir), cfg.data.max_file_bytes)


def dataset() -> Dataset:
    """The current data: files that changed since the last rerun are re-read (one stat
    per file otherwise); a broken file keeps its last valid version."""
    return store().refresh()


def lang() -> str:
    return language(
        st.session_state.get("lang") or st.query_params.get("lang"), config().default_language
    )


def param(key: str) -> str | None:
    value = st.query_params.get(key)
    return value if value else None


def int_param(key: str, default: int, low: int, high: int) -> int:
    """A whole number from the URL (``?rate=20``), kept within ``low``..``high``; the
    default for a missing or unreadable one."""
    try:
        value = int(float(param(key) or default))
    except (ValueError, OverflowError):
        return default
    return min(max(value, low), high)


def set_param(key: str, value, default=None) -> None:
    """Keep a view's state in the URL; a value equal to its default is left out."""
    text = ",".join(value) if isinstance(value, (list, tuple)) else value
    if text in (None, "", default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != str(text):
        st.query_params[key] = str(text)


def init_state(key: str, value) -> None:
    """Seed a widget's value (from the URL) the first time it is drawn in a session."""
    if key not in st.session_state:
        st.session_state[key] = value


def init_choice(key: str, options, default, param: str | None = None) -> None:
    """Seed a choice widget from its URL parameter (``param``, default ``key``); a value
    that is not an option, in the URL or left in the session, falls back to ``default``."""
    wanted = st.query_params.get(param or key)
    init_state(key, wanted if wanted in options else default)
    if st.session_state[key] not in options:
        st.session_state[key] = default


def shared_params() -> dict[str, str]:
    return {key: st.query_params[key] for key in SHARED_PARAMS if st.query_params.get(key)}
