"""Every case of tests/bad_inputs/ yields its problem at its line, the CLI exits 1 without
a traceback, and the rest of the data still loads.

Each case file starts with comment lines: ``# target:`` where it is written in a copy of
the SYNTHETIC base folder, ``# expect: CODE LINE`` (one or more; none for a case that must
load clean) and ``# keeps: kind=N`` (record counts that must still load).
"""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest

from indicators.cli import main
from indicators.data.loading import DEFAULT_MAX_FILE_BYTES, load_folder
from tests.conftest import BAD_INPUTS, SYNTHETIC_BASE

CASES = sorted(p for p in BAD_INPUTS.glob("*.yaml"))


def read_case(path):
    header = {"expect": [], "keeps": {}}
    for raw in path.read_bytes().lstrip(b"\xef\xbb\xbf").splitlines():
        line = raw.decode("latin-1").strip()
        match = re.match(r"# (case|target|expect|keeps|max-bytes): (.*)", line)
        if not match:
            break
        key, value = match.groups()
        if key == "expect":  # CODE LINE [FILE], FILE defaulting to the target
            code, number, *file = value.split()
            header["expect"].append((code, int(number), *file))
        elif key == "keeps":
            header["keeps"] = {k: int(v) for k, v in (p.split("=") for p in value.split())}
        else:
            header[key] = value
    return header


def build(tmp_path, case):
    header = read_case(case)
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC_BASE, data)
    target = data / header["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.read_bytes())
    return data, header


def test_the_corpus_is_broad():
    failing = [c for c in CASES if read_case(c)["expect"]]
    codes = {expected[0] for c in failing for expected in read_case(c)["expect"]}
    assert len(failing) >= 40
    assert len(codes) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(tmp_path, case):
    data, header = build(tmp_path, case)
    max_bytes = int(header.get("max-bytes", DEFAULT_MAX_FILE_BYTES))
    records = load_folder(data, max_bytes)
    found = [(p.file, p.code, p.line) for p in records.problems]
    for code, line, *file in header["expect"]:
        assert ((file or [header["target"]])[0], code, line) in found, found
    if not header["expect"]:
        assert found == []
    for kind, count in header["keeps"].items():
        assert records.counts[kind] == count, (kind, records.counts)
    for problem in records.problems:
        assert problem.message and problem.hint, problem

    if "max-bytes" in header:
        return  # the CLI reads its limit from config.yaml; the loader's verdict is above
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(data), "--format", "json"], out=out, err=err)
    report = json.loads(out.getvalue())
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert code == (1 if errors else 0)
    assert "Traceback" not in out.getvalue() + err.getvalue()


def test_base_is_valid():
    records = load_folder(SYNTHETIC_BASE)
    assert records.problems == []
    assert records.counts["observations"] == 3
