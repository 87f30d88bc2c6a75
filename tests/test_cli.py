"""The command line, run as a user runs it: exit codes and the exact messages."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
import yaml
from pydantic import BaseModel

from indicators.cli import main
from indicators.settings import Settings
from tests.conftest import DATA, ROOT

SEED = "leseco-2011-01-18-souss-offshoring"


def run(*argv, env=None):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_the_real_data():
    code, out, _ = run("validate", str(DATA))
    assert code == 0
    assert out.strip().endswith(")") and ": valid (" in out


def test_validate_reports_file_line_column_code_message_hint(synthetic_dir):
    path = synthetic_dir / "observations" / "synthetic-base.yaml"
    path.write_text(path.read_text().replace("status: observed", "status: observé"))
    code, out, _ = run("validate", str(synthetic_dir))
    assert code == 1
    assert out.splitlines()[0] == (
        "observations/synthetic-base.yaml:9:13: invalid-value: status: 'observé' is not one "
        "of 'observed', 'declared', 'target', 'forecast' or 'potential' (did you mean "
        "'observed'?)"
    )
    assert "1 error(s)" in out.splitlines()[-1]


def test_validate_json(synthetic_dir):
    code, out, _ = run("validate", str(synthetic_dir), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["valid"] is True
    assert report["counts"]["observations"] == 3 and report["counts"]["milestones"] == 1
    (synthetic_dir / "indicators.yaml").write_text("indicators: [\n")
    code, out, _ = run("validate", str(synthetic_dir), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["valid"] is False
    problem = report["problems"][0]
    assert set(problem) == {"file", "line", "column", "code", "message", "hint", "severity"}
    assert problem["file"] == "indicators.yaml" and problem["code"] == "yaml-syntax"


def test_usage_errors_exit_2():
    code, _, err = run("validate", "--format", "xml")
    assert code == 2 and "usage error" in err
    code, _, err = run("frobnicate")
    assert code == 2 and "Try 'python -m indicators --help'" in err


def test_the_data_folder_comes_from_the_environment(synthetic_dir, monkeypatch):
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(synthetic_dir))
    code, out, _ = run("validate", "--format", "json")
    assert code == 0
    assert json.loads(out)["counts"]["observations"] == 3


def test_python_m_indicators_exits_1_on_a_broken_file_without_a_traceback(synthetic_dir):
    # The one run through a real process: the entry point, exit code and streams.
    (synthetic_dir / "sources.yaml").write_bytes(b"sources:\n  - id: \xff\xfe\n")
    env = {**os.environ, "INDICATORS_DATA_DIR": str(synthetic_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "validate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "sources.yaml:2:9: not-utf8" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_export_json_carries_every_seed_fact_with_its_quote(tmp_path):
    target = tmp_path / "export.json"
    code, _, _ = run("export", str(DATA), "--format", "json", "--output", str(target))
    assert code == 0
    payload = json.loads(target.read_text(encoding="utf-8"))
    assert {"sources", "indicators", "regions", "cities", "observations", "milestones"} <= set(
        payload
    )
    seed = [o for o in payload["observations"] if o["source"] == SEED]
    for row in seed:
        assert {
            "indicator",
            "geo",
            "period",
            "value",
            "bound",
            "status",
            "source",
            "quote",
            "unit",
        } <= set(row)
    positions = next(o for o in seed if o["indicator"] == "call_centre_positions")
    assert positions["value"] == 30000 and positions["bound"] == "lower"
    assert positions["quote"].startswith(
        "Jusque-là, plus de 30.000 positions ont été déclarées par les "
        "grands centres d'appels au Maroc"
    )
    assert all("id" in r for r in payload["regions"]) and len(payload["regions"]) == 12
    assert all("id" in c for c in payload["cities"])


def test_export_csv_to_stdout():
    code, out, _ = run("export", str(DATA), "--format", "csv")
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert header[:3] == ["indicator", "geo", "geo_kind"] and "quote" in header


def config_run(tmp_path, text, *argv):
    """The CLI with a config.yaml written from ``text`` (SYNTHETIC settings)."""
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return run("validate", str(DATA), "--config", str(config), *argv)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "default_langage: en\n",
            ":1:1: unknown-setting: unknown setting 'default_langage' (did you mean "
            "'default_language'? known keys here: title, default_language, data, map, "
            "outlook, curation)",
        ),
        (
            "map:\n  stlye: white-bg\n",
            ":2:3: unknown-setting: unknown setting 'map.stlye' (did you mean 'style'? known "
            "keys here: style)",
        ),
        (
            "curation:\n  wirte: true\n",
            ":2:3: unknown-setting: unknown setting 'curation.wirte' (did you mean 'write'? "
            "known keys here: write)",
        ),
        (
            'data:\n  max_file_bytes: "5000000"\n',
            ":2:19: invalid-setting: setting 'data.max_file_bytes': Input should be a valid "
            "integer (value: '5000000') (in YAML, remove the quotes from numbers and write "
            "true/false for switches)",
        ),
        (
            "map:\n  style: open-street-map\n",
            ":2:10: invalid-setting: setting 'map.style': Input should be 'white-bg' (value: "
            "'open-street-map') (see docs/configuration.md)",
        ),
    ],
)
def test_a_wrong_setting_is_refused_with_file_line_and_hint(tmp_path, text, expected):
    code, out, err = config_run(tmp_path, text)
    assert (code, out) == (2, "")
    assert err == f"{tmp_path / 'config.yaml'}{expected}\n"


def test_a_duplicate_setting_is_refused(tmp_path):
    code, _, err = config_run(tmp_path, "default_language: fr\ndefault_language: en\n")
    assert code == 2
    assert ":2:1: duplicate-key:" in err and "line 1" in err


def test_the_bundled_config_is_valid_and_spells_out_every_default():
    code, _, err = run("validate", str(DATA), "--config", str(ROOT / "config.yaml"))
    assert (code, err) == (0, "")
    raw = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert Settings.model_validate(raw).model_dump() == Settings().model_dump()


def setting_names(model, prefix=""):
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        yield f"{prefix}{name}"
        annotation = field.annotation
        nested = isinstance(annotation, type) and issubclass(annotation, BaseModel)
        if nested and name != "title":  # one entry per language: title.fr, title.en
            yield from setting_names(annotation, f"{prefix}{name}.")


def test_every_setting_is_documented():
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in setting_names(Settings) if f"`{name}`" not in documented]
    assert missing == []
