"""Shared fixtures: the real curated data, and synthetic data folders built in tmp."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BAD_INPUTS = ROOT / "tests" / "bad_inputs"
SYNTHETIC_BASE = BAD_INPUTS / "_base"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Tests write their parse cache to a temporary folder, never to the project's .cache/
    (subprocesses and the Streamlit servers the browser tests start inherit it)."""
    previous = os.environ.get("INDICATORS_CACHE_DIR")
    os.environ["INDICATORS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("INDICATORS_CACHE_DIR", None)
    else:
        os.environ["INDICATORS_CACHE_DIR"] = previous


@pytest.fixture
def synthetic_dir(tmp_path) -> Path:
    """A copy of the small SYNTHETIC data folder (tests/bad_inputs/_base) to change."""
    target = tmp_path / "data"
    shutil.copytree(SYNTHETIC_BASE, target)
    return target


@pytest.fixture(scope="session")
def real_dataset():
    from indicators.dataset import Dataset

    return Dataset.from_folder(DATA)
