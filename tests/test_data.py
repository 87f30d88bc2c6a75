"""The real curated data: valid, true to its sources, complete for the seed article."""

from __future__ import annotations

import re

import pytest
import yaml

from indicators.data.loading import load_folder
from tests.conftest import DATA, SHARED

SEED = "leseco-2011-01-18-souss-offshoring"
CORPUS = SHARED / "articles" / "CORPUS.md"
SEEDS = SHARED / "seeds"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def press_text():
    if not CORPUS.exists() or not SEEDS.is_dir():
        pytest.skip(
            f"the press corpus is not here ({CORPUS}): it ships with the team's "
            "shared folder, not with the dashboard"
        )
    parts = [CORPUS.read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return squash("\n".join(parts))


def test_the_real_data_validates_clean():
    records = load_folder(DATA)
    assert records.problems == []
    assert records.counts["sources"] > 1 and records.counts["observations"] > 10


def test_every_quote_is_verbatim(real_dataset, press_text):
    quotes = list(real_dataset.observations["quote"]) + list(real_dataset.milestones["quote"])
    assert len(quotes) > 100
    missing = [q for q in quotes if squash(q) not in press_text]
    assert missing == []


def test_no_quote_carries_the_truncation_marker(real_dataset):
    quotes = list(real_dataset.observations["quote"]) + list(real_dataset.milestones["quote"])
    assert not [q for q in quotes if "truncated" in q]


def test_every_corpus_page_is_a_source(real_dataset, press_text):
    urls = set(re.findall(r"https?://[^\s)\"'>]+", CORPUS.read_text(encoding="utf-8")))
    urls = {u.rstrip(".,;:") for u in urls}
    ours = set(real_dataset.sources["url"].dropna())
    assert urls and urls <= ours, sorted(urls - ours)


def _seed(real_dataset):
    obs = real_dataset.observations
    return obs[obs["source"] == SEED]


@pytest.mark.parametrize(
    ("indicator", "geo", "value", "bound", "status"),
    [
        ("offshoring_jobs", "region:souss-massa-draa", 300, "upper", "observed"),
        ("call_centre_positions", "country:ma", 30000, "lower", "declared"),
        ("call_centre_growth_rate", "country:ma", 20, "exact", "forecast"),
        ("job_creation_potential", "region:souss-massa-draa", 3500, "exact", "potential"),
        ("operators_planning_sites", "city:agadir", 4, "exact", "declared"),
        ("setup_time_small_centre", "country:ma", 3, "upper", "declared"),
        ("setup_time_large_centre", "country:ma", 36, "upper", "declared"),
        ("large_centre_threshold", "country:ma", 300, "lower", "declared"),
    ],
)
def test_the_seed_figures(real_dataset, indicator, geo, value, bound, status):
    seed = _seed(real_dataset)
    rows = seed[(seed["indicator"] == indicator) & (seed["geo"] == geo) & (seed["value"] == value)]
    assert len(rows) == 1
    assert (rows.iloc[0]["bound"], rows.iloc[0]["status"]) == (bound, status)


def test_the_seed_dated_facts(real_dataset):
    ms = real_dataset.milestones
    seed = ms[ms["source"] == SEED]
    kinds = set(seed["kind"])
    assert {"event", "project", "closure", "training", "infrastructure"} <= kinds
    roadshow = seed[seed["route"].map(len) > 0].iloc[0]
    assert roadshow["route"] == [
        "agadir",
        "marrakech",
        "tanger",
        "fes",
        "meknes",
        "oujda",
        "casablanca",
    ]
    text = " ".join(seed["quote"])
    for word in ("Crown", "Imane Id", "Drarga", "Anapec", "autoroute", "Web help"):
        assert word in text, word


def test_every_data_file_is_a_mapping_with_its_schema_line():
    files = sorted(DATA.glob("*.yaml")) + sorted(DATA.glob("*/*.yaml"))
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema="), path
        assert isinstance(yaml.safe_load(text), dict), path


def test_six_regions_can_be_compared(real_dataset):
    from indicators.analysis.dataset import PROJECTED

    covered = {
        indicator: real_dataset.region_table(indicator, statuses=PROJECTED)["has_data"].sum()
        for indicator in real_dataset.indicators_with_regional_data(PROJECTED)
    }
    assert max(covered.values()) >= 6, covered


def test_positions_and_jobs_are_distinct_national_series(real_dataset):
    national = real_dataset.national()
    units = national.groupby("indicator")["unit"].first()
    assert units["call_centre_positions"] == "positions"
    jobs = national[national["unit"] == "jobs"]
    assert len({d.year for d in jobs["period_start"]}) >= 4
    assert not set(jobs["indicator"]) & {"call_centre_positions"}
