"""Shared fixtures: the real curated data, and synthetic data folders built in tmp."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Strict translations for the whole session, AppTest runs included (they run in-process):
# a key missing from a catalogue, even one built at run time (t(f"status.{s}")), raises.
os.environ["INDICATORS_STRICT_I18N"] = "1"

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BAD_INPUTS = ROOT / "tests" / "bad_inputs"
SYNTHETIC_BASE = BAD_INPUTS / "_base"
SHARED = ROOT.parent / "shared"
# How long one AppTest script run may take: a bound, not a pause (the run returns as soon
# as the script ends). A page's first run on a busy 2-core machine (CI) can take minutes.
APP_TIMEOUT = 180


def flatten(problems, keys) -> list[list]:
    """Selected fields of each problem, for short assertions."""
    return [[getattr(problem, key) for key in keys] for problem in problems]


@pytest.fixture
def synthetic_dir(tmp_path) -> Path:
    """A copy of the small SYNTHETIC data folder (tests/bad_inputs/_base) to change."""
    target = tmp_path / "data"
    shutil.copytree(SYNTHETIC_BASE, target)
    return target


@pytest.fixture(scope="session")
def real_dataset():
    from indicators.analysis.dataset import Dataset

    return Dataset.from_folder(DATA)
