"""Every case of tests/bad_inputs/ yields exactly the problems it declares, at their file,
line and column, the CLI exits 1 when one is an error, and the rest of the data still
loads. Every problem code of the catalogue has a case, and the docs list every code.

Each case file starts with comment lines:
- ``# case:`` what it is;
- ``# target:`` where it is written in a copy of the SYNTHETIC base folder;
- ``# expect: CODE LINE:COLUMN [FILE]``, one line per problem (FILE defaults to the
  target; none for a case that must load clean): any problem not declared fails the case;
- ``# message: TEXT``, text the message of the problem declared just above must hold (one
  line per text; before any ``expect:``, text every message of the case must hold);
- ``# keeps: kind=N ...``, record counts that must still load;
- ``# max-bytes: N``, the loader's file size limit for the case;
- ``# delete: FILE``, a file of the base folder to delete first;
- ``# link-to: PATH``, write the target as a link to PATH (from the data folder) instead.

``missing-folder`` is the one code that no copy of the base folder can yield: it has its own
test, ``test_loader.py::test_a_missing_folder_is_one_clear_problem``.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections import Counter

import pytest

from indicators.cli import main
from indicators.data.loading import load_folder
from indicators.data.problems import CODES
from tests.conftest import BAD_INPUTS, ROOT, SYNTHETIC_BASE

CASES = sorted(BAD_INPUTS.glob("*.yaml"))
DIRECTIVE = re.compile(r"# (case|target|expect|message|keeps|max-bytes|delete|link-to): (.*)")


def read_case(path) -> dict:
    header = {"expect": [], "messages": [], "keeps": {}}
    for raw in path.read_bytes().lstrip(b"\xef\xbb\xbf").splitlines():
        match = DIRECTIVE.match(raw.decode("latin-1").strip())
        if not match:
            break
        key, value = match.groups()
        if key == "expect":
            code, place, *file = value.split()
            line, column = place.split(":")
            header["expect"].append([code, int(line), int(column), *(file or [None]), []])
        elif key == "message" and header["expect"]:
            header["expect"][-1][4].append(value)
        elif key == "message":
            header["messages"].append(value)
        elif key == "keeps":
            header["keeps"] = {k: int(v) for k, v in (p.split("=") for p in value.split())}
        else:
            header[key] = value
    for expected in header["expect"]:
        expected[3] = expected[3] or header["target"]
    return header


def validate(data, header) -> tuple[int, dict]:
    """The exit code and JSON report of ``validate`` on one case's folder."""
    if "max-bytes" in header:  # the CLI reads its limit from config.yaml: ask the loader
        records = load_folder(data, int(header["max-bytes"]))
        problems = [p.as_dict() for p in records.problems]
        report = {"problems": problems, "counts": records.counts}
        return int(any(p.is_error for p in records.problems)), report
    out = io.StringIO()
    code = main(["validate", "--format", "json", str(data)], out=out, err=io.StringIO())
    return code, json.loads(out.getvalue())


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    """Each case written into its own copy of the base folder, validated once."""
    root = tmp_path_factory.mktemp("bad_inputs")
    out = {}
    for case in CASES:
        header = read_case(case)
        data = root / case.stem
        shutil.copytree(SYNTHETIC_BASE, data)
        target = data / header["target"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if "link-to" in header:
            os.symlink(data / header["link-to"], target)
        else:
            target.write_bytes(case.read_bytes())
        if "delete" in header:
            (data / header["delete"]).unlink()
        out[case.stem] = validate(data, header)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case, reports):
    header = read_case(case)
    exit_code, report = reports[case.stem]
    problems = report["problems"]
    found = Counter((p["code"], p["line"], p["column"], p["file"]) for p in problems)
    expected = Counter(tuple(e[:4]) for e in header["expect"])
    listing = "\n".join(
        f"# expect: {p['code']} {p['line']}:{p['column']} {p['file']}  -- {p['message']}"
        for p in problems
    )
    assert found == expected, "the case yields:\n" + listing
    for code, line, column, file, texts in header["expect"]:
        messages = [
            p["message"]
            for p in problems
            if (p["code"], p["line"], p["column"], p["file"]) == (code, line, column, file)
        ]
        for text in texts:
            assert any(text in message for message in messages), (text, messages)
    for text in header["messages"]:
        assert all(text in p["message"] for p in problems), (text, listing)
    for problem in problems:
        assert problem["message"] and problem["hint"], problem
    for kind, count in header["keeps"].items():
        assert report["counts"][kind] == count, (kind, report["counts"])
    assert exit_code == (1 if any(p["severity"] == "error" for p in problems) else 0)


def test_every_code_of_the_catalogue_has_a_case():
    declared = {e[0] for case in CASES for e in read_case(case)["expect"]}
    assert set(CODES) - declared == {"missing-folder"}


def test_the_docs_list_every_code_as_the_catalogue_says():
    rows = [f"| `{code}` | {c.severity} | {c.title} | {c.hint} |" for code, c in CODES.items()]
    docs = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    listed = [line for line in docs.splitlines() if re.match(r"\| `[a-z0-9-]+` \|", line)]
    assert listed == rows, "the table docs/data-format.md should hold:\n" + "\n".join(rows)


def test_base_is_valid():
    records = load_folder(SYNTHETIC_BASE)
    assert records.problems == []
    assert records.counts["observations"] == 3
