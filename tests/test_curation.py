"""The curator's workflow: JSON Schemas in sync with the models and wired into every data
file, commented templates that validate once filled in, the add-a-figure form (checked
with the loader's own rules) and its write path (off by default, comments kept, atomic,
never over a concurrent edit)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from indicators.analysis.dataset import Dataset
from indicators.cli import main
from indicators.data import write as curation
from indicators.data.loading import kind_of, load_folder, load_text
from indicators.data.schema import KINDS, check_schemas, render, schema_comment
from indicators.data.templates import EXAMPLES, scalar, template
from indicators.ui.curation_form import place_choices
from tests.conftest import APP_TIMEOUT, DATA, ROOT

SCHEMA_DIR = ROOT / "schema"

SEED = "leseco-2011-01-18-souss-offshoring"
SEED_FILE = f"observations/{SEED}.yaml"


def data_files() -> list[tuple[Path, str]]:
    files = []
    for path in sorted(DATA.rglob("*.yaml")):
        kind = kind_of(path.relative_to(DATA).as_posix())
        if kind:
            files.append((path, kind))
    return files


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("geo"))
    return target


@pytest.fixture(scope="module")
def dataset():
    return Dataset.from_folder(DATA)


def good_fields(**changes) -> dict:
    fields = {
        "source": SEED,
        "indicator": "call_centre_positions",
        "geo": "city:fes",
        "period": "2011-01",
        "value": "120",
        "bound": "lower",
        "status": "declared",
        "quote": "Plus de 120 positions à Fès, selon l'organisateur",
        "claimant": "l'organisateur",
    }
    fields.update(changes)
    return fields


def codes(problems) -> list[str]:
    return [p.code for p in problems]


# --- schemas -----------------------------------------------------------------------------
def test_committed_schemas_equal_the_models():
    assert check_schemas(SCHEMA_DIR) == [], "run: python -m indicators schema"
    out = io.StringIO()
    assert main(["schema", "--check", "--output", str(SCHEMA_DIR)], out=out) == 0


def test_schema_files_are_stable_and_stale_ones_are_named(tmp_path):
    assert sorted(check_schemas(tmp_path)) == sorted(f"{k}.schema.json" for k in KINDS)
    out = io.StringIO()
    assert main(["schema", "--output", str(tmp_path)], out=out) == 0
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert len(first) == 5 and check_schemas(tmp_path) == []
    for text in first.values():
        assert text.endswith(b"}\n")
        assert json.loads(text) == json.loads(json.dumps(json.loads(text), sort_keys=True))
    main(["schema", "--output", str(tmp_path)], out=io.StringIO())
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first
    (tmp_path / "observations.schema.json").write_text("{}\n", encoding="utf-8")
    assert check_schemas(tmp_path) == ["observations.schema.json"]
    out = io.StringIO()
    assert main(["schema", "--check", "--output", str(tmp_path)], out=out) == 1
    assert "observations.schema.json: differs from the models" in out.getvalue()


def test_schemas_carry_the_enums_and_descriptions():
    obs = json.loads(render("observations"))
    record = obs["definitions"]["Observation"]["properties"]
    assert record["bound"]["enum"] == ["exact", "approx", "lower", "upper"]
    assert record["status"]["enum"] == ["observed", "declared", "target", "forecast", "potential"]
    assert all(prop.get("description") for prop in record.values())
    assert obs["required"] == ["source", "observations"]
    assert obs["additionalProperties"] is False
    milestone = json.loads(render("milestones"))["definitions"]["Milestone"]["properties"]
    assert "event" in milestone["kind"]["enum"] and "done" in milestone["status"]["enum"]
    indicator = json.loads(render("indicators"))["definitions"]["Indicator"]["properties"]
    assert {"positions", "jobs", "percent"} <= set(indicator["unit"]["enum"])
    assert json.loads(render("sources"))["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_every_data_file_points_at_an_existing_schema():
    files = data_files()
    assert len(files) > 60
    for path, kind in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_comment(kind), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (SCHEMA_DIR / f"{kind}.schema.json").resolve(), path
        assert target.is_file(), path


def _as_editors_see_it(value):
    """YAML as a YAML 1.2 editor reads it: unquoted dates are text."""
    if isinstance(value, dict):
        return {str(k): _as_editors_see_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editors_see_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_every_data_file_validates_against_its_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    validators = {}
    for kind in KINDS:
        schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft7Validator(schema)
    checked = 0
    for path, kind in data_files():
        document = _as_editors_see_it(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = [e.message for e in validators[kind].iter_errors(document)]
        assert errors == [], f"{path}: {errors[:3]}"
        checked += 1
    assert checked > 60


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("bound", "plus"),
        ("value", "30.000"),
        ("geo", "agadir"),
        ("period", "2011-13"),
        ("indicatr", "x"),
    ],
)
def test_json_schema_flags_what_the_loader_refuses(change, value):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json.loads(render("observations")))
    record = {k: v for k, v in good_fields(value=120).items() if k != "source"}
    document = {"source": SEED, "observations": [record]}
    assert not list(validator.iter_errors(document))
    record[change] = value
    assert list(validator.iter_errors(document))


# --- templates ---------------------------------------------------------------------------
def test_template_examples_are_real_data():
    corpus = "\n".join(p.read_text(encoding="utf-8") for p, _ in data_files())
    for kind, examples in EXAMPLES.items():
        for name in ("quote", "claimant", "title", "note", "derivation", "notes"):
            example = examples.get(name)
            for text in example.values() if isinstance(example, dict) else [example]:
                if text:
                    assert text in corpus, f"{kind}.{name}: {text!r} is not in data/"


def test_filled_in_templates_validate_in_a_copy_of_the_real_data(data_copy):
    source_id = "lejournal-2024-05-02-nouveau-centre"
    source = template(
        "source",
        {
            "id": source_id,
            "title": "Un nouveau centre d'appels à Fès",
            "publisher": "Le Journal",
            "published": "2024-05-02",
            "language": "fr",
            "url": "https://example.org/article",
        },
    )
    observation = template(
        "observation",
        {
            "source": source_id,
            "indicator": "call_centre_jobs",
            "geo": "city:fes",
            "period": "2024-05",
            "value": "450",
            "bound": "approx",
            "status": "declared",
            "quote": "Le centre emploie près de 450 personnes : « un record », dit-il.",
            "claimant": "le directeur du centre",
        },
    )
    milestone = template(
        "milestone",
        {
            "source": source_id,
            "id": "fes-new-centre-opening",
            "title.fr": "Ouverture d'un centre à Fès",
            "title.en": "A centre opens in Fès",
            "kind": "opening",
            "geo": "city:fes",
            "start": "2024-05",
            "status": "done",
            "quote": "Le centre a ouvert ses portes ce mois-ci.",
            "route": "fes, meknes",
        },
    )
    record = source[source.index("  - id:") :]
    sources = data_copy / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + record, encoding="utf-8")
    (data_copy / "observations" / f"{source_id}.yaml").write_text(observation, encoding="utf-8")
    (data_copy / "milestones" / f"{source_id}.yaml").write_text(milestone, encoding="utf-8")
    before = load_folder(DATA).counts
    records = load_folder(data_copy)
    assert [p.format() for p in records.problems] == []
    assert records.counts["sources"] == before["sources"] + 1
    assert records.counts["observations"] == before["observations"] + 1
    assert records.counts["milestones"] == before["milestones"] + 1


def test_an_empty_template_is_valid_yaml_that_asks_for_its_fields():
    result = load_text(template("observation", {}), SEED_FILE, "observations")
    assert "yaml-syntax" not in codes(result.problems)
    assert {"missing-field", "wrong-type"} & set(codes(result.problems))


def test_cli_new_prints_a_prefilled_template():
    out = io.StringIO()
    assert main(["new", "observation", "--set", "indicator=x"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schema/observations.schema.json"
    assert "  - indicator: x" in lines
    assert "observations:" in lines


def test_cli_new_refuses_an_unknown_field_with_a_suggestion():
    out, err = io.StringIO(), io.StringIO()
    code = main(["new", "observation", "--set", "indicatr=x"], out=out, err=err)
    assert code == 2
    assert out.getvalue() == ""
    assert err.getvalue().startswith(
        "usage error: observation has no field 'indicatr': did you mean 'indicator'?"
    )
    err = io.StringIO()
    assert main(["new", "observation", "--set", "bound=plus"], err=err) == 2
    assert "bound: 'plus' is not one of exact, approx, lower, upper" in err.getvalue()
    err = io.StringIO()
    assert main(["new", "observation", "--set", "value=30.000"], err=err) == 2
    assert "30000, not 30.000" in err.getvalue()
    err = io.StringIO()
    assert main(["new", "source", "--set", "titel=x"], err=err) == 2
    assert "did you mean 'title'?" in err.getvalue()


@pytest.mark.parametrize(
    "text",
    [
        'Il a dit : "oui" # pas un commentaire',
        "yes",
        "null",
        "2011-01-18",
        "123",
        "back\\slash",
        "two\nlines",
        "tab\there",
        "sep\u2028arator",
        "bell\x07 and nel\x85",
        "emoji 📞 et arabe فاس",
        "  spaces around  ",
        "",
    ],
)
def test_scalars_read_back_as_written(text):
    assert yaml.safe_load(f"key: {scalar(text)}")["key"] == text


# --- drafting with the loader's rules -----------------------------------------------------
def test_a_good_draft_has_no_problem_and_is_the_record_to_paste(dataset):
    text, problems = curation.draft_observation(good_fields(), dataset)
    assert problems == []
    assert text.startswith("  - indicator: call_centre_positions\n")
    assert '    geo: "city:fes"\n' in text and "    value: 120\n" in text
    item = yaml.safe_load(text)[0]
    assert item["claimant"] == "l'organisateur"
    assert "period_inferred" not in item  # defaults are left out

    # Free text is always quoted, even when it looks like an id or a YAML word.
    text, _ = curation.draft_observation(good_fields(quote="oui", claimant="null"), dataset)
    assert '    quote: "oui"\n' in text and '    claimant: "null"\n' in text
    assert yaml.safe_load(text)[0]["claimant"] == "null"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"value": "-5"}, "negative-value"),
        ({"value": "30.000"}, "number-as-string"),
        ({"value": "environ 300"}, "wrong-type"),
        # One loader rule, to prove the form asks the loader (the corpus covers the rest).
        ({"indicator": "call_center_positions"}, "unknown-indicator"),
    ],
)
def test_a_bad_draft_gets_the_loaders_problem(dataset, data_copy, changes, code):
    fields = good_fields(**changes)
    text, problems = curation.draft_observation(fields, dataset)
    assert code in codes(problems)
    assert all(p.message and p.hint for p in problems)
    # The same record appended to a real file gets the same verdict from the loader.
    if changes.get("source") is None:
        path = data_copy / SEED_FILE
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
        found = [p for p in load_folder(data_copy).problems if p.file == SEED_FILE]
        assert codes(found) == codes(problems)


def test_a_place_typo_is_answered_with_the_right_id(dataset):
    _, problems = curation.draft_observation(good_fields(geo="city:fez"), dataset)
    assert problems[0].hint == "did you mean 'city:fes'?"


def test_a_new_source_is_checked_with_its_figure(dataset):
    source = {"id": SEED, "title": "T", "publisher": "P", "language": "fr"}
    _, problems = curation.draft_observation(good_fields(source=SEED), dataset, source)
    assert codes(problems) == ["duplicate-id"]
    source = {"id": "lejournal-2024-x", "title": "T", "publisher": "P", "language": "fr"}
    _, problems = curation.draft_observation(good_fields(source=source["id"]), dataset, source)
    assert problems == []
    source["url"] = "javascript:alert(1)"
    _, problems = curation.draft_observation(good_fields(source=source["id"]), dataset, source)
    assert "unsafe-url" in codes(problems)


def test_numbers_typed_in_the_form():
    assert curation.parse_number("30000") == 30000
    assert curation.parse_number(" 2.5 ") == 2.5
    assert curation.parse_number("-5") == -5
    assert curation.parse_number("30.000") == "30.000"  # French thousands: never 30.0
    assert curation.parse_number("1,5") == "1,5"
    assert curation.parse_number("") is None


def test_places_are_offered_with_accent_free_names(dataset):
    choices = place_choices(dataset.geography, {"city": "ville"})
    geo = dataset.geography
    assert len(choices) == 1 + len(geo.regions) + len(geo.regions_1997) + len(geo.cities) + len(
        geo.parks
    )
    assert next(iter(choices)) == "country:ma"
    assert choices["city:fes"].startswith("Fès — ville")
    assert "fes" in choices["city:fes"] and "fez" in choices["city:fes"]
    assert "meknes" in choices["city:meknes"]
    assert "souss massa draa" in choices["region:souss-massa-draa"]


def test_a_source_id_is_suggested_in_the_house_style():
    suggested = curation.suggest_source_id(
        "Les ECO (Les Echos quotidien)",
        "2011-01-18",
        "Le Souss fait de l'œil aux acteurs de l'offshoring",
    )
    assert suggested == "leseco-2011-01-18-souss-oeil-acteurs"
    assert curation.suggest_source_id("", "", "") == ""


# --- writing ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("", False),  # Streamlit's default: every interface
        (None, False),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_only_a_localhost_server_may_write(address, local):
    assert curation.is_local_address(address) is local
    assert curation.writing_allowed(True, address) is local
    assert curation.writing_allowed(False, address) is False


@pytest.mark.parametrize(
    "headers, allowed",
    [
        ({}, True),
        ({"Host": "127.0.0.1:8501", "User-Agent": "x"}, True),
        ({"X-Forwarded-For": "203.0.113.7"}, False),  # nginx in front (deploy/)
        ({"x-real-ip": "203.0.113.7"}, False),
        ({"Forwarded": "for=203.0.113.7"}, False),
    ],
)
def test_a_request_relayed_by_a_proxy_may_not_write(headers, allowed):
    # A server on loopback behind a reverse proxy is reachable by anyone the proxy serves.
    assert curation.writing_allowed(True, "127.0.0.1", headers) is allowed


def _record(dataset, **changes) -> str:
    text, problems = curation.draft_observation(good_fields(**changes), dataset)
    assert problems == []
    return text


def test_writing_is_refused_unless_allowed(data_copy, dataset):
    path = data_copy / SEED_FILE
    before = path.read_bytes()
    with pytest.raises(curation.WritingDisabled, match=r"curation\.write: true"):
        curation.append_record(
            data_copy,
            SEED,
            "observations",
            _record(dataset),
            curation.file_signature(path),
            allowed=False,
        )
    assert path.read_bytes() == before


def test_an_appended_record_keeps_comments_and_layout(data_copy, dataset):
    path = data_copy / SEED_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, "# Curated by hand: keep this comment.\n")
    lines.insert(4, "  # The first record comes from the body of the article.\n")
    lines[5] = lines[5].rstrip("\n") + "   # inline comment\n"
    lines.append("  # A trailing comment.\n")
    original = "".join(lines)
    path.write_text(original, encoding="utf-8")
    assert load_text(original, SEED_FILE, "observations").ok
    record = _record(dataset)
    written = curation.append_record(
        data_copy, SEED, "observations", record, curation.file_signature(path), allowed=True
    )
    assert written == path
    text = path.read_text(encoding="utf-8")
    assert text == original + record  # byte for byte: nothing before it moved
    records = load_folder(data_copy)
    assert not records.problems
    assert records.counts["observations"] == load_folder(DATA).counts["observations"] + 1
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_file_saved_on_windows_keeps_its_line_ends(data_copy, dataset):
    path = data_copy / SEED_FILE
    original = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    curation.append_record(
        data_copy,
        SEED,
        "observations",
        _record(dataset),
        curation.file_signature(path),
        allowed=True,
    )
    data = path.read_bytes()
    assert data.startswith(original) and data.endswith(b'"\r\n')
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert not load_folder(data_copy).problems


@pytest.mark.parametrize("kind", ["observations", "milestones"])
def test_every_real_file_survives_the_round_trip(kind, dataset):
    record = _record(dataset)
    if kind == "milestones":
        record = '  - id: test-x\n    title: {fr: "x", en: "x"}\n    kind: event\n'
        record += '    geo: "city:fes"\n    start: "2011"\n    status: done\n    quote: "x"\n'
    paths = sorted((DATA / kind).glob("*.yaml"))
    assert paths
    for path in paths:
        original = path.read_text(encoding="utf-8")
        source = yaml.safe_load(original)["source"]
        text = curation.file_with_record(path, kind, source, record)
        assert text.startswith(original), path
        assert (
            len(load_text(text, path.name, kind).records[kind])
            == len(load_text(original, path.name, kind).records[kind]) + 1
        )


def test_a_file_changed_since_the_form_read_it_is_not_overwritten(data_copy, dataset):
    path = data_copy / SEED_FILE
    seen = curation.file_signature(path)
    # Someone edits the file in an editor meanwhile: same size, same mtime, other bytes.
    stat = path.stat()
    edited = path.read_bytes().replace(b"souss-massa-draa", b"souss-massa-drab", 1)
    path.write_bytes(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    with pytest.raises(curation.FileChanged, match="changed since the form read it"):
        curation.append_record(
            data_copy, SEED, "observations", _record(dataset), seen, allowed=True
        )
    assert path.read_bytes() == edited
    # Re-read: the write goes through.
    curation.append_record(
        data_copy,
        SEED,
        "observations",
        _record(dataset),
        curation.file_signature(path),
        allowed=True,
    )
    assert path.read_bytes().startswith(edited)


def test_a_failed_write_leaves_the_file_and_no_temporary_file(data_copy, dataset, monkeypatch):
    path = data_copy / SEED_FILE
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(curation.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        curation.append_record(
            data_copy,
            SEED,
            "observations",
            _record(dataset),
            curation.file_signature(path),
            allowed=True,
        )
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in (DATA / "observations").iterdir()
    )


def test_a_new_source_and_its_first_figure_are_written_together(data_copy, dataset):
    source_id = "lejournal-2024-05-02-test"
    source = {"id": source_id, "title": "T", "publisher": "P", "language": "fr"}
    text, problems = curation.draft_observation(good_fields(source=source_id), dataset, source)
    assert problems == []
    sources = data_copy / "sources.yaml"
    new_file = data_copy / "observations" / f"{source_id}.yaml"
    writes = [
        curation.PendingWrite(
            "sources",
            source_id,
            curation.record_yaml("sources", source),
            curation.file_signature(sources),
        ),
        curation.PendingWrite("observations", source_id, text, None),
    ]
    assert curation.append_records(data_copy, writes, allowed=True) == [sources, new_file]
    assert new_file.read_text(encoding="utf-8").splitlines()[:3] == [
        schema_comment("observations"),
        f"source: {source_id}",
        "observations:",
    ]
    records = load_folder(data_copy)
    assert not records.problems
    assert source_id in records.sources
    # The file now exists: a form that thought it did not is refused.
    with pytest.raises(curation.FileChanged):
        curation.append_record(data_copy, source_id, "observations", text, None, allowed=True)


@pytest.mark.parametrize("source_id", ["../../etc/passwd", "Bad Id", ""])
def test_a_source_id_cannot_leave_the_data_folder(data_copy, dataset, source_id):
    with pytest.raises(curation.RecordRejected):
        curation.append_record(
            data_copy, source_id, "observations", _record(dataset), None, allowed=True
        )


def test_a_record_that_would_not_read_back_is_refused(data_copy):
    path = data_copy / SEED_FILE
    before = path.read_bytes()
    with pytest.raises(curation.RecordRejected):
        curation.append_record(
            data_copy,
            SEED,
            "observations",
            "  - indicator: x\n",
            curation.file_signature(path),
            allowed=True,
        )
    assert path.read_bytes() == before


# --- the form (AppTest) ----------------------------------------------------------------
@pytest.fixture
def app(data_copy, monkeypatch):
    """The Contribute page on a copy of the data, writing off (the shipped config)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    st.cache_resource.clear()
    address = st.get_option("server.address")

    def start():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
        at.run()
        at.switch_page("indicators/ui/pages/contribute.py")
        at.run()
        assert not at.exception
        return at

    yield start
    st.config.set_option("server.address", address)
    st.cache_resource.clear()


@pytest.fixture
def writable(monkeypatch):
    """curation.write: true and a server on localhost only."""
    import streamlit as st

    from indicators.settings import CurationSettings, load_settings
    from indicators.ui import context

    settings = load_settings(ROOT / "config.yaml")
    config = settings.model_copy(update={"curation": CurationSettings(write=True)})
    monkeypatch.setattr(context, "config", lambda: config)
    st.config.set_option("server.address", "127.0.0.1")


def fill(at, **fields):
    at.selectbox(key="cur_source").select(fields.pop("source", SEED)).run()
    for name in ("indicator", "geo", "bound", "status"):
        if name in fields:
            at.selectbox(key=f"cur_{name}").select(fields.pop(name))
    for name in ("quote", "note"):
        if name in fields:
            at.text_area(key=f"cur_{name}").input(fields.pop(name))
    for name, value in fields.items():
        at.text_input(key=f"cur_{name}").input(value)
    at.run()
    assert not at.exception
    return at


GOOD = {
    "indicator": "call_centre_positions",
    "geo": "city:fes",
    "period": "2011-01",
    "value": "120",
    "bound": "lower",
    "status": "declared",
    "quote": "Plus de 120 positions à Fès",
}


def test_the_form_shows_the_loaders_problem_and_hint(app):
    at = fill(app(), **{**GOOD, "value": "-5"})
    errors = [e.value for e in at.error]
    assert any("value \\-5 is outside what positions allow" in e for e in errors), errors
    assert any("a count is never negative" in e for e in errors)
    at.text_input(key="cur_value").input("30.000").run()
    assert any("is text, not a number" in e.value for e in at.error)
    assert not any(b.key == "cur_write" for b in at.button)


def test_the_form_shows_the_yaml_to_paste(app, data_copy):
    at = app()
    assert any("Choisissez une source" in i.value for i in at.info)
    at = fill(at, **GOOD)
    assert not at.error
    assert any("Le chiffre est valide" in s.value for s in at.success)
    previews = [c.value for c in at.code if '"city:fes"' in c.value]
    assert previews == [
        '  - indicator: call_centre_positions\n    geo: "city:fes"\n    period: "2011-01"\n'
        "    value: 120\n    bound: lower\n    status: declared\n"
        '    quote: "Plus de 120 positions à Fès"'  # st.code drops the final newline
    ]
    # Writing is off by default: no write button, the reason and the way to turn it on.
    assert not any(b.key == "cur_write" for b in at.button)
    assert any("curation.write: true" in c.value for c in at.caption)
    assert (data_copy / SEED_FILE).read_text(encoding="utf-8") == (DATA / SEED_FILE).read_text(
        encoding="utf-8"
    )


def test_a_server_on_every_interface_never_writes(app, monkeypatch):
    from indicators.settings import CurationSettings, load_settings
    from indicators.ui import context

    settings = load_settings(ROOT / "config.yaml")
    config = settings.model_copy(update={"curation": CurationSettings(write=True)})
    monkeypatch.setattr(context, "config", lambda: config)
    at = fill(app(), **GOOD)
    assert not any(b.key == "cur_write" for b in at.button)


def test_the_form_writes_the_figure_and_the_table_shows_it(app, writable, data_copy):
    path = data_copy / SEED_FILE
    original = "# Curated by hand.\n" + path.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    at = fill(app(), **GOOD)
    at.button(key="cur_write").click().run()
    assert not at.exception
    assert any("Ajouté à data/observations" in s.value for s in at.success)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    assert text.endswith('    quote: "Plus de 120 positions à Fès"\n')
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []
    # The next figure of the same article starts from the same source, indicator and place.
    assert at.selectbox(key="cur_geo").value == "city:fes"
    assert at.text_input(key="cur_value").value == ""
    # The readers' table on the Data page shows it at once.
    at.switch_page("indicators/ui/pages/data.py").run()
    table = at.dataframe[0].value
    assert "Plus de 120 positions à Fès" in set(table["Citation"])


def test_the_form_refuses_to_write_over_a_concurrent_edit(app, writable, data_copy):
    path = data_copy / SEED_FILE
    at = fill(app(), **GOOD)
    edited = path.read_text(encoding="utf-8") + "  # edited meanwhile\n"
    path.write_text(edited, encoding="utf-8")
    at.button(key="cur_write").click().run()
    assert any("changed since the form read it" in e.value for e in at.error)
    assert path.read_text(encoding="utf-8") == edited
    at.button(key="cur_reread").click().run()
    at.button(key="cur_write").click().run()
    assert any("Ajouté à" in s.value for s in at.success)
    assert path.read_text(encoding="utf-8").startswith(edited)


def test_the_form_adds_a_new_source_with_its_first_figure(app, writable, data_copy):
    at = app()
    at.selectbox(key="cur_source").select("__new_source__").run()
    at.text_input(key="cur_src_title").input("Un centre ouvre à Fès")
    at.text_input(key="cur_src_publisher").input("Le Journal")
    at.text_input(key="cur_src_published").input("2024-05-02")
    at.run()
    at = fill(at, source="__new_source__", **GOOD)
    assert not at.error
    at.button(key="cur_write").click().run()
    assert not at.exception
    source_id = "lejournal-2024-05-02-centre-ouvre-fes"
    assert (data_copy / "observations" / f"{source_id}.yaml").exists()
    assert source_id in (data_copy / "sources.yaml").read_text(encoding="utf-8")
    assert at.selectbox(key="cur_source").value == source_id
    assert not load_folder(data_copy).problems


# --- the hook and the guide ---------------------------------------------------------------
def test_the_pre_commit_hook_runs_the_validation():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "validate-indicators"
    assert hook["entry"] == "python -m indicators validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert hook["files"] == "^data/"
    program, flag, package, *argv = hook["entry"].split()
    assert (program, flag, package, argv) == ("python", "-m", "indicators", ["validate"])
    out = io.StringIO()
    assert main([*argv, *(str(ROOT / a) for a in hook["args"])], out=out) == 0, out.getvalue()
    assert ": valid (" in out.getvalue()


def test_the_guide_is_bilingual_and_quotes_real_data():
    guide = (ROOT / "docs" / "curating.md").read_text(encoding="utf-8")
    assert "## Français" in guide and "## English" in guide
    corpus = "\n".join(p.read_text(encoding="utf-8") for p, _ in data_files())
    quoted = [
        line.strip()
        for line in guide.splitlines()
        if line.strip().startswith(("quote: ", "claimant: ", "note: "))
    ]
    assert len(quoted) >= 20
    for line in quoted:
        assert line in corpus, f"docs/curating.md quotes what data/ does not hold: {line}"
    for term in ("period_inferred", "python -m indicators validate", "validate-indicators"):
        assert term in guide
