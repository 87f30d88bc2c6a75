"""Scale: the per-file cache gives the same records and problems as a plain load, parses
only changed files, rebuilds a broken entry, ignores a cache it cannot write and never
writes into the data folder; figures stay small with 100,000 claims; the benchmark's data
generator writes clean, SYNTHETIC-labelled data. No timing is asserted here."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators import cache as cache_module
from indicators import charts
from indicators.cache import CACHE_DIR_VARIABLE, cached_loader
from indicators.cli import main
from indicators.dataset import Dataset
from indicators.loading import load_folder
from indicators.store import Store

from .conftest import DATA, ROOT
from .test_bad_inputs import CASES, build

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # benchmarks/ is a folder of scripts, not a package

FRAMES = ("observations", "milestones", "sources", "indicators", "regions", "cities", "parks")


def assert_same(records_a, records_b):
    assert records_a.problems == records_b.problems
    assert records_a.counts == records_b.counts
    a, b = Dataset(records_a), Dataset(records_b)
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert [item.record for item, _ in records_a.observations] == [
        item.record for item, _ in records_b.observations
    ]
    assert [item.record for item, _ in records_a.milestones] == [
        item.record for item, _ in records_b.milestones
    ]


def snapshot(folder: Path) -> dict:
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_a_cache_hit_gives_what_a_plain_load_gives(data_copy, tmp_path):
    plain = load_folder(data_copy)
    first = cached_loader(tmp_path / "cache")
    cold = load_folder(data_copy, loader=first)
    second = cached_loader(tmp_path / "cache")
    warm = load_folder(data_copy, loader=second)
    files = first.parsed
    assert files > 10 and first.hits == 0
    assert second.hits == files and second.parsed == 0 and second.rejected == 0
    assert_same(plain, cold)
    assert_same(plain, warm)


def test_problems_and_broken_records_are_cached_too(tmp_path):
    for case in CASES:
        data, _ = build(tmp_path / case.stem, case)
        plain = load_folder(data)
        for _ in range(2):  # cold, then warm
            loader = cached_loader(tmp_path / "cache")
            cached = load_folder(data, loader=loader)
            assert cached.problems == plain.problems, case.name
            assert cached.counts == plain.counts, case.name
            assert [p.path for p in cached.problems] == [p.path for p in plain.problems]


def test_only_the_changed_file_is_parsed_again(data_copy, tmp_path, monkeypatch):
    parses = []
    real = cache_module.load_text
    monkeypatch.setattr(
        cache_module, "load_text", lambda text, f, k: parses.append(f) or real(text, f, k)
    )
    store = Store(data_copy, loader=cached_loader(tmp_path / "cache"))
    store.refresh()
    assert len(parses) == len(store.files) > 10
    parses.clear()
    Store(data_copy, loader=cached_loader(tmp_path / "cache")).refresh()
    assert parses == []  # a new process: everything from the cache

    changed = data_copy / "observations" / "leseco-2011-01-18-souss-offshoring.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8")
        .replace("value: 30000", "value: 30001")
        .replace("plus de 30.000", "plus de 30.001"),  # the quote carries the value
        encoding="utf-8",
    )
    before = store.dataset.observations
    store.refresh()
    assert parses == ["observations/leseco-2011-01-18-souss-offshoring.yaml"]
    after = store.dataset.observations
    assert set(after["value"]) - set(before["value"]) == {30001.0}


def test_an_edit_that_keeps_size_and_time_is_still_seen(data_copy, tmp_path):
    path = data_copy / "observations" / "leseco-2011-01-18-souss-offshoring.yaml"
    load_folder(data_copy, loader=cached_loader(tmp_path / "cache"))
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("value: 30000", "value: 40000").replace("de 30.000", "de 40.000")
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    loader = cached_loader(tmp_path / "cache")
    records = load_folder(data_copy, loader=loader)
    assert loader.parsed == 1
    mine = path.relative_to(data_copy).as_posix()
    values = {item.record.value for item, _ in records.observations if item.file == mine}
    assert 40000 in values and 30000 not in values


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*.jsonl"))


def rewrite_header(path: Path, **changes) -> None:
    head, _, payload = path.read_bytes().partition(b"\n")
    header = {**json.loads(head), **changes}
    path.write_bytes(json.dumps(header).encode() + b"\n" + payload)


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "truncated",
        "empty",
        "wrong-format-version",
        "wrong-package-version",
        "wrong-code",
        "other-file",
        "edited-payload",
        "valid-json-wrong-shape",
        "binary",
    ],
)
def test_a_damaged_entry_is_rebuilt_without_an_exception(data_copy, tmp_path, damage):
    cache_dir = tmp_path / "cache"
    plain = load_folder(data_copy)
    load_folder(data_copy, loader=cached_loader(cache_dir))
    damaged = entries(cache_dir)
    assert damaged
    for path in damaged:
        raw = path.read_bytes()
        if damage == "garbage":
            path.write_text("{not json at all", encoding="utf-8")
        elif damage == "truncated":
            path.write_bytes(raw[: len(raw) // 2])
        elif damage == "empty":
            path.write_bytes(b"")
        elif damage == "wrong-format-version":
            rewrite_header(path, format=cache_module.FORMAT_VERSION + 1)
        elif damage == "wrong-package-version":
            rewrite_header(path, package="0.0.0")
        elif damage == "wrong-code":
            rewrite_header(path, code="0" * 64)
        elif damage == "other-file":
            rewrite_header(path, file="observations/elsewhere.yaml")
        elif damage == "edited-payload":
            # Still valid JSON meaning the same, but not the bytes the header vouches for.
            path.write_bytes(raw.replace(b'"records":', b'"records": ', 1))
        elif damage == "valid-json-wrong-shape":
            head = raw.partition(b"\n")[0]
            path.write_bytes(head + b"\n" + b'{"records": 3}')
        elif damage == "binary":
            path.write_bytes(os.urandom(200))
    loader = cached_loader(cache_dir)
    records = load_folder(data_copy, loader=loader)
    assert_same(plain, records)
    assert loader.hits == 0 and loader.parsed == len(damaged)
    assert loader.rejected == len(damaged)
    again = cached_loader(cache_dir)
    load_folder(data_copy, loader=again)
    assert again.hits == len(damaged) and again.rejected == 0  # rebuilt, trusted again


def test_a_payload_that_fails_validation_is_rejected(data_copy, tmp_path):
    """Even an entry whose digest is right is validated again: a value of the wrong type
    makes it a miss, not a record."""
    cache_dir = tmp_path / "cache"
    load_folder(data_copy, loader=cached_loader(cache_dir))
    for path in entries(cache_dir):
        head, _, payload = path.read_bytes().partition(b"\n")
        data = json.loads(payload)
        for rows in data["records"].values():
            for row in rows:
                if "value" in row[2]:
                    row[2]["value"] = "lots"
        body = json.dumps(data).encode()
        digest = cache_module.hashlib.sha256(body).hexdigest()
        header = {**json.loads(head), "payload_sha256": digest}
        path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    loader = cached_loader(cache_dir)
    assert_same(load_folder(data_copy), load_folder(data_copy, loader=loader))
    assert loader.rejected > 0


def test_an_unwritable_cache_folder_still_loads(data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    loader = cached_loader(blocker / "cache")  # cannot be created (even as root)
    assert_same(load_folder(data_copy), load_folder(data_copy, loader=loader))
    assert not loader.writable

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_module.os, "replace", refuse)
    loader = cached_loader(tmp_path / "read-only")
    assert_same(load_folder(data_copy), load_folder(data_copy, loader=loader))
    assert not loader.writable
    assert entries(tmp_path / "read-only") == []
    assert list((tmp_path / "read-only").glob(".*.tmp")) == []  # no temporary file left


def test_a_cache_folder_emptied_meanwhile_is_made_again(data_copy, tmp_path):
    cache_dir = tmp_path / "cache"
    store = Store(data_copy, loader=cached_loader(cache_dir))
    store.refresh()
    shutil.rmtree(cache_dir)  # e.g. `make clean` while the app runs
    path = data_copy / "observations" / "leseco-2011-01-18-souss-offshoring.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    store.refresh()
    assert store.loader.writable and len(entries(cache_dir)) == 1


def test_the_cache_never_writes_into_the_data_folder(data_copy, tmp_path):
    before = snapshot(data_copy)
    load_folder(data_copy, loader=cached_loader(tmp_path / "cache"))
    load_folder(data_copy, loader=cached_loader(tmp_path / "cache"))
    assert snapshot(data_copy) == before
    assert entries(tmp_path / "cache")
    # A cache folder set inside the data folder is not used at all.
    inside = cached_loader(data_copy / ".cache")
    assert_same(load_folder(data_copy), load_folder(data_copy, loader=inside))
    assert snapshot(data_copy) == before


def test_the_cli_says_the_same_with_and_without_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    folders = [DATA]
    for case in CASES[:: max(1, len(CASES) // 12)]:
        folders.append(build(tmp_path / case.stem, case)[0])
    for folder in folders:
        for form in ("text", "json"):
            outputs = []
            for extra in (["--no-cache"], [], []):  # plain, cold cache, warm cache
                out, err = io.StringIO(), io.StringIO()
                code = main(["validate", str(folder), "--format", form, *extra], out, err)
                outputs.append((code, out.getvalue(), err.getvalue()))
            assert outputs[0] == outputs[1] == outputs[2], folder
    assert entries(tmp_path / "cache")


def test_export_with_the_cache_matches(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    texts = []
    for _ in range(2):
        out = io.StringIO()
        assert main(["export", str(DATA), "--format", "json"], out, io.StringIO()) == 0
        texts.append(out.getvalue())
    plain = io.StringIO()
    main(["export", str(DATA), "--format", "json", "--no-cache"], plain, io.StringIO())
    assert texts[0] == texts[1] == plain.getvalue()


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
