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
    parts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "articles").glob("*.md"))]
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


URL = re.compile(r"https?://[^\s)\"'>]+")


def corpus_entries() -> dict[str, list[str]]:
    """url -> the text of its own entry in CORPUS*.md, whitespace-collapsed: for an
    entry's ``- url:`` line, its whole ``###`` block; for a page listed inside a block
    (a related page, a bullet of the national-context list), its line and the lines
    indented under it."""
    entries: dict[str, list[str]] = {}
    for path in sorted((SHARED / "articles").glob("*.md")):
        blocks = re.split(r"(?m)^(?=#{2,3} )", path.read_text(encoding="utf-8"))
        for block in blocks:
            lines = block.split("\n")
            for index, line in enumerate(lines):
                urls = {u.rstrip(".,;:") for u in URL.findall(line)}
                if not urls:
                    continue
                if line.startswith("- url:"):
                    segment = block
                else:
                    depth = len(line) - len(line.lstrip())
                    segment_lines = [line]
                    for following in lines[index + 1 :]:
                        if following.strip() and len(following) - len(following.lstrip()) <= depth:
                            break
                        segment_lines.append(following)
                    segment = "\n".join(segment_lines)
                for url in urls:
                    entries.setdefault(url, []).append(squash(segment))
    return entries


def test_every_quote_is_in_its_own_sources_entry(real_dataset, press_text):
    entries = corpus_entries()
    seed_text = squash("\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    sources = real_dataset.sources.set_index("id")
    records = [
        (row["file"], row["line"], row["source"], row["quote"])
        for frame in (real_dataset.observations, real_dataset.milestones)
        for row in frame.to_dict("records")
    ]
    assert len(records) > 100
    failures = []
    for file, line, source, quote in records:
        url = sources.loc[source, "url"] if source in sources.index else None
        texts = [seed_text] if source == SEED else entries.get(url, [])
        if not texts:
            failures.append(f"{file}:{line}: source {source}: no corpus entry has its url {url}")
        elif not any(squash(quote) in text for text in texts):
            failures.append(f"{file}:{line}: source {source}: quote not in its entry: {quote!r}")
    assert failures == [], "\n".join(failures)


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
        indicator: real_dataset.region_claims(indicator, statuses=PROJECTED)["region"].nunique()
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
