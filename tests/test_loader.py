"""The loader: every problem located at its file, line and column; all of them collected;
one bad record or file never hides the good ones. Data here is SYNTHETIC."""

from __future__ import annotations

import os

from indicators.data.loading import load_folder
from tests.conftest import flatten

OBS = "observations/synthetic-bad.yaml"


def write(data_dir, text, rel=OBS):
    path = data_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
  - indicator: synthetic_positions
    geo: city:agadir
    period: 2021
    value: 500
    bound: exact
    status: observed
    quote: "Synthetic: 500."
"""


def test_records_keep_their_line(synthetic_dir):
    write(synthetic_dir, "source: synthetic-bad\nobservations:\n" + GOOD + GOOD)
    records = load_folder(synthetic_dir)
    lines = sorted(item.line for item, _ in records.observations if item.file == OBS)
    assert lines == [3, 10]


def test_every_problem_is_collected_and_good_records_stay(synthetic_dir):
    bad_value = GOOD.replace("value: 500", 'value: "500 postes"')
    bad_geo = GOOD.replace("city:agadir", "city:agadri")
    bad_status = GOOD.replace("status: observed", "status: seen")
    write(
        synthetic_dir,
        "source: synthetic-bad\nobservations:\n" + bad_value + GOOD + bad_geo + bad_status,
    )
    records = load_folder(synthetic_dir)
    assert flatten(records.problems, ["file", "line", "code"]) == [
        [OBS, 6, "wrong-type"],
        [OBS, 18, "unknown-city"],
        [OBS, 29, "invalid-value"],
    ]
    assert records.counts["observations"] == 3 + 1


def test_a_broken_file_does_not_hide_other_files(synthetic_dir):
    write(synthetic_dir, "source: synthetic-bad\nobservations:\n  - [unclosed\n")
    records = load_folder(synthetic_dir)
    assert [p.code for p in records.problems] == ["yaml-syntax"]
    assert records.counts["observations"] == 3 and records.counts["milestones"] == 1


def test_a_misspelt_city_gets_a_did_you_mean_accent_insensitive(synthetic_dir):
    for written in ("city:Fès", "city:FES", "city:fez"):
        write(
            synthetic_dir,
            "source: synthetic-bad\nobservations:\n" + GOOD.replace("city:agadir", written),
        )
        problem = load_folder(synthetic_dir).problems[0]
        assert problem.code == "unknown-city"
        assert problem.hint == "did you mean 'city:fes'?", written


def test_an_unknown_field_points_at_the_key_with_a_suggestion(synthetic_dir):
    write(
        synthetic_dir,
        "source: synthetic-bad\nobservations:\n" + GOOD.replace("    bound:", "    bund:"),
    )
    problems = load_folder(synthetic_dir).problems
    unknown = next(p for p in problems if p.code == "unknown-field")
    assert (unknown.line, unknown.column) == (7, 5)
    assert unknown.hint == "did you mean 'bound'?"


def test_a_missing_field_points_at_its_record(synthetic_dir):
    write(
        synthetic_dir,
        "source: synthetic-bad\nobservations:\n"
        + GOOD
        + GOOD.replace('    quote: "Synthetic: 500."\n', ""),
    )
    problem = load_folder(synthetic_dir).problems[0]
    assert (problem.code, problem.line, problem.column) == ("missing-field", 10, 5)
    assert "'quote'" in problem.message


def test_the_size_limit_is_configurable_and_clear(synthetic_dir):
    write(synthetic_dir, "source: synthetic-bad\nobservations:\n" + GOOD * 20)
    problems = load_folder(synthetic_dir, max_bytes=1000).problems
    assert [(p.file, p.code) for p in problems] == [(OBS, "file-too-large")]
    assert "max_file_bytes" in problems[0].hint


def test_links_leading_outside_are_not_followed(synthetic_dir, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("source: synthetic-bad\nobservations:\n" + GOOD)
    os.symlink(outside, synthetic_dir / OBS)
    records = load_folder(synthetic_dir)
    assert flatten(records.problems, ["file", "code"]) == [[OBS, "symlink-outside"]]
    assert records.counts["observations"] == 3


def test_links_inside_the_folder_are_read(synthetic_dir):
    inside = write(
        synthetic_dir,
        "source: synthetic-bad\nobservations:\n" + GOOD,
        "observations/synthetic-bad.yaml",
    )
    os.rename(inside, synthetic_dir / "observations" / "real.txt")
    os.symlink(synthetic_dir / "observations" / "real.txt", synthetic_dir / OBS)
    records = load_folder(synthetic_dir)
    assert records.counts["observations"] == 4


def test_a_missing_folder_is_one_clear_problem(tmp_path):
    records = load_folder(tmp_path / "nowhere")
    assert [p.code for p in records.problems] == ["missing-folder"]
