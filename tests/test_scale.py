"""Scale: the SYNTHETIC data generator the benchmarks use, and figures that stay small when
the data grows (100,000 SYNTHETIC claims made from real rows)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.data.loading import load_folder
from indicators.render import charts

from .conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate


def snapshot(folder: Path) -> dict:
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


def test_generated_data_validates_clean_and_says_synthetic(tmp_path):
    folder = generate.generate(tmp_path / "synthetic", 400)
    records = load_folder(folder)
    assert records.problems == []
    assert records.counts["observations"] == 400
    assert records.counts["sources"] == 8  # many files, not one
    assert records.counts["milestones"] == 2
    files = sorted(folder.rglob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# SYNTHETIC"), path
    for item in records.sources.values():
        assert item.record.title.startswith("SYNTHETIC"), item.record.id
    for item, _ in records.observations:
        assert item.record.quote.startswith("SYNTHETIC"), item.record
    for item, _ in records.milestones:
        assert "SYNTHETIC" in item.record.title.en and "SYNTHETIC" in item.record.quote
    assert not str(folder).startswith(str(DATA))


def test_the_generator_refuses_the_data_folder():
    before = snapshot(DATA)
    for target in (DATA, DATA / "observations"):
        with pytest.raises(ValueError, match="refusing"):
            generate.generate(target, 10)
    assert snapshot(DATA) == before


# --- figures stay small when the data grows ----------------------------------------------
def many(frame: pd.DataFrame, count: int, seed: int = 8) -> pd.DataFrame:
    """``count`` SYNTHETIC claims made from real rows, with scattered values and years."""
    rng = np.random.default_rng(seed)
    rows = frame.sample(count, replace=True, random_state=seed).reset_index(drop=True)
    years = rng.integers(2001, 2026, count)
    rows["value"] = rng.integers(1, 100_000, count).astype(float)
    rows["year"] = years + 0.5
    rows["period"] = years.astype(str)
    rows["bound"] = rng.choice(["exact", "approx", "lower", "upper"], count)
    return rows


def test_the_national_series_is_summarised_beyond_the_cap(real_dataset):
    national = real_dataset.national()
    small = charts.national_series(national, "fr", {})
    assert sum(len(trace.x) for trace in small.data) == len(national)  # one mark a claim
    assert len(national) <= charts.MARK_CAP

    claims = many(national, 100_000)
    figure = charts.national_series(claims, "fr", {})
    assert len(figure.to_json()) < 300_000
    marks = sum(len(trace.x) for trace in figure.data)
    assert 0 < marks <= charts.MARK_CAP
    symbols = {s for trace in figure.data for s in trace.marker.symbol}
    assert symbols == set(charts.BOUND_SYMBOLS.values())  # bounds are never mixed away
    assert all("error_y" in trace and trace.error_y.array is not None for trace in figure.data)


def test_identical_claims_share_one_mark(real_dataset):
    national = real_dataset.national()
    claims = pd.concat([national.iloc[[0]]] * (charts.MARK_CAP + 1), ignore_index=True)
    figure = charts.national_series(claims, "en", {})
    assert sum(len(trace.x) for trace in figure.data) == 1
    assert f"+ {charts.MARK_CAP} more identical claims" in figure.data[0].text[0]


def test_other_claims_of_the_ranking_are_summarised_beyond_the_cap(real_dataset):
    indicator = real_dataset.indicators_with_regional_data()[0]
    table = real_dataset.region_table(indicator)
    claims = real_dataset.region_claims(indicator)
    small = charts.region_ranking(table, claims, "fr", unit="jobs")
    big_claims = many(claims, 100_000)
    big = charts.region_ranking(table, big_claims, "fr", unit="jobs")
    assert len(big.to_json()) < 300_000
    assert list(small.data[0].x) == list(big.data[0].x)  # the bars are the table's
    ranges = big.data[1]
    assert len(ranges.x) <= 4 * big_claims["region"].nunique()
    assert ranges.error_x.array is not None
    assert all("chaque chiffre est dans le tableau" in text for text in ranges.hovertext)
    assert big.layout.xaxis.range[1] >= big_claims["value"].max()  # no whisker cut off
