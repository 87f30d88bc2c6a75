"""The Frictionless Data Package: built from the real data, checked by frictionless-py
itself (types, primary and foreign keys, hashes), reproducible, and written by the CLI."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from indicators.analysis import datapackage
from indicators.cli import main
from indicators.data.geography import UNTRANSLATED

from .conftest import DATA

frictionless = pytest.importorskip("frictionless")

TABLES = {
    "observations": "observations",
    "sources": "sources",
    "indicators": "indicators",
    "regions": "regions",
    "cities": "cities",
    "parks": "parks",
    "milestones": "milestones",
}


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory, real_dataset):
    folder = tmp_path_factory.mktemp("datapackage")
    datapackage.write(real_dataset, folder)
    return folder


def rows(folder, name) -> list[dict]:
    text = (folder / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_real_data_gives_a_valid_package(package_dir, real_dataset):
    report = frictionless.validate(package_dir / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    counted = {task.name: task.stats["rows"] for task in report.tasks}
    for name, frame in TABLES.items():
        assert counted[name] == len(getattr(real_dataset, frame)) > 0, name
    assert counted["regions_1997"] == len(real_dataset.geography.regions_1997) > 0


def test_descriptor_says_licence_credit_keys_and_date(package_dir, real_dataset):
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "HCP, RGPH 2014 / 2024" in descriptor["description"]
    assert "attributed quotation" in descriptor["description"]
    assert any("HCP, RGPH 2014 / 2024" in s["title"] for s in descriptor["sources"])
    assert len(descriptor["sources"]) == len(real_dataset.sources) + 1
    assert {c["role"] for c in descriptor["contributors"]} == {"author", "contributor"}
    # The date is the data's (latest source published or accessed), not today's.
    latest = datapackage.data_date(real_dataset)
    assert descriptor["created"] == f"{latest.isoformat()}T00:00:00Z"
    assert descriptor["version"] == f"{latest.year}.{latest.month}.{latest.day}"
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(TABLES) <= set(resources)
    keys = {
        (name, fk["fields"][0], fk["reference"]["resource"])
        for name, r in resources.items()
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert {
        ("observations", "source", "sources"),
        ("observations", "indicator", "indicators"),
        ("milestones", "source", "sources"),
        ("observations", "geo_city", "cities"),
        ("observations", "geo_park", "parks"),
    } <= keys
    assert all(r["schema"]["primaryKey"] == ["id"] for r in resources.values())


def test_geo_is_split_into_one_column_per_kind(package_dir):
    for name in ("observations", "milestones"):
        for row in rows(package_dir, name):
            kind, _, ident = row["geo"].partition(":")
            filled = {c: row[c] for c in datapackage.GEO_COLUMNS.values() if row[c]}
            if kind == "country":
                assert filled == {} and row["geo_kind"] == "country"
            else:
                assert list(filled.values()) == [ident]
                assert filled == {datapackage.GEO_COLUMNS[row["geo_kind"]]: ident}


def test_the_arabic_texts_are_exported_and_a_missing_one_is_empty(package_dir, real_dataset):
    milestones = {r["id"]: r for r in rows(package_dir, "milestones")}
    for row in real_dataset.milestones.to_dict("records")[:5]:
        assert milestones[row["id"]]["title_ar"] == row["title_ar"] != ""
    indicators = {r["id"]: r for r in rows(package_dir, "indicators")}
    for row in real_dataset.indicators.to_dict("records"):
        assert indicators[row["id"]]["label_ar"] == row["label_ar"] != ""
        exported = indicators[row["id"]]["description_ar"]
        # The pages show the French, marked "[fr] ", where Arabic is missing: the data
        # package says "no Arabic" (empty), never passes the French off as Arabic.
        if row["description_ar"].startswith(UNTRANSLATED):
            assert exported == ""
        else:
            assert exported == row["description_ar"] != ""
    places = [r["place_ar"] for r in rows(package_dir, "observations")]
    assert all(places) and not any(p.startswith(UNTRANSLATED) for p in places)
    # SYNTHETIC cells: the French fallback in an Arabic column, and in a French one.
    arabic, french = (
        datapackage.Column("title_ar", "string", ""),
        datapackage.Column("title_fr", "string", ""),
    )
    assert datapackage._cell(f"{UNTRANSLATED}Salon de Fès", arabic) == ""
    assert datapackage._cell(f"{UNTRANSLATED}Salon de Fès", french) != ""


def test_same_data_same_bytes(real_dataset):
    assert datapackage.build(real_dataset) == datapackage.build(real_dataset)
    archive = zipfile.ZipFile(io.BytesIO(datapackage.to_zip(real_dataset)))
    assert sorted(archive.namelist()) == sorted(datapackage.build(real_dataset))
    assert datapackage.to_zip(real_dataset) == datapackage.to_zip(real_dataset)
    name = datapackage.zip_name(real_dataset)
    assert name == f"observatoire-offshoring-datapackage-{datapackage.data_date(real_dataset)}.zip"


def test_a_broken_foreign_key_is_caught(package_dir, tmp_path):
    # SYNTHETIC: a copy of the package with one made-up observation whose source does not
    # exist. The hashes and sizes are dropped from the copy's descriptor, so the foreign
    # key is the only thing wrong.
    copy = tmp_path / "broken"
    copy.mkdir()
    for path in package_dir.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        resource.pop("hash"), resource.pop("bytes")
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    table = rows(copy, "observations")
    synthetic = {
        **table[0],
        "id": "synthetic-missing-source#1",
        "source": "synthetic-missing-source",
        "quote": "SYNTHETIC row for a test: its source does not exist.",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([*table, synthetic])
    (copy / "observations.csv").write_text(buffer.getvalue(), encoding="utf-8")

    report = frictionless.validate(copy / "datapackage.json")
    assert not report.valid
    errors = [
        [task.name, *error]
        for task in report.tasks
        for error in task.flatten(["rowNumber", "fieldName", "type"])
    ]
    # Row 1 is the header: the synthetic row is the file's last.
    assert errors == [["observations", len(table) + 2, None, "foreign-key"]]
    (error,) = next(task for task in report.tasks if task.name == "observations").errors
    assert "synthetic-missing-source" in error.message


def test_a_changed_byte_is_caught_by_the_hash(package_dir, tmp_path):
    copy = tmp_path / "changed"
    copy.mkdir()
    for path in package_dir.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    text = (copy / "cities.csv").read_text(encoding="utf-8")
    (copy / "cities.csv").write_text(text.replace("Agadir", "Agadyr", 1), encoding="utf-8")
    report = frictionless.validate(copy / "datapackage.json")
    assert [e[0] for e in report.flatten(["type"])] == ["hash-count"]


def test_cli_writes_the_package(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "package"
    code = main(["export", str(DATA), "--format", "datapackage", "--output", str(target)], out, err)
    assert code == 0, err.getvalue()
    names = {p.name for p in target.iterdir()}
    assert names == {"datapackage.json", *(f"{n}.csv" for n in datapackage.ORDER)}
    assert f"wrote {target / 'datapackage.json'}" in out.getvalue().splitlines()
    assert frictionless.validate(target / "datapackage.json").valid


def test_cli_datapackage_needs_a_folder():
    out, err = io.StringIO(), io.StringIO()
    code = main(["export", str(DATA), "--format", "datapackage"], out, err)
    assert code == 2
    assert err.getvalue().startswith(
        "usage error: --format datapackage needs --output DIR (a folder for its files)"
    )
