"""Every language says everything once, and ``t`` finds a key, falls back, or fails loudly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indicators.render import i18n
from indicators.render.i18n import LANGUAGES, LOCALES, LocaleProblem, catalogue, label, t

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != i18n.FALLBACK])
def test_each_language_has_every_french_key_once_and_none_empty(lang):
    french, french_problems = i18n.read(LOCALES, i18n.FALLBACK)
    other, problems = i18n.read(LOCALES, lang)
    assert french_problems + problems == []  # no key written twice, no broken file
    assert len(french) > 150
    assert sorted(set(french) - set(other)) == []
    # Only the extra CLDR plural categories of a counted text may be added (Arabic's
    # zero/two/few/many beside French's one/other: "مصدران", "3 مصادر", "11 مصدرًا").
    extra = [
        key
        for key in set(other) - set(french)
        if not (
            key.rpartition(".")[2] in i18n.PLURAL_CATEGORIES
            and key.rpartition(".")[0] + ".other" in french
        )
    ]
    assert sorted(extra) == []
    empty = [
        f"{code}: {key}"
        for code, flat in (("fr", french), (lang, other))
        for key, text in flat.items()
        if not text.strip()
    ]
    assert empty == []


def test_every_key_written_in_the_code_exists():
    # Any string literal shaped like a key of a catalogue area ("ledger.span.at_least",
    # even when kept in a variable before t() reads it), in the modules that translate;
    # keys built at run time (t(f"status.{s}")) are checked by the strict mode of the page
    # and chart tests.
    areas = {key.split(".")[0] for key in catalogue("fr")}
    written = set()
    for path in (ROOT / "indicators").rglob("*.py"):
        code = path.read_text()
        if "indicators.render.i18n import" not in code:
            continue
        for key in re.findall(r"""["']([a-z_]+(?:\.[a-z_]+)+)["']""", code):
            if key.split(".")[0] in areas and not key.endswith((".yaml", ".geojson", ".py")):
                written.add(key)
    assert len(written) > 100
    # A counted text ("readers.sources.matches") is written by its prefix: its plural
    # forms (".one", ".other") are the keys.
    missing = sorted(
        k
        for k in written
        for lang in LANGUAGES
        if k not in catalogue(lang) and f"{k}.other" not in catalogue(lang)
    )
    assert missing == []


def test_every_key_of_the_catalogue_is_used_by_the_code():
    # The other way round: a text no page shows any more is deleted, not translated on.
    # A key counts as used when the code writes it whole ("regions.intro"), or writes the
    # start of a key it completes at run time (f"status.{s}", "status." + s); a counted
    # text's plural forms (".one", ".other") are one key.
    code = "\n".join(path.read_text() for path in (ROOT / "indicators").rglob("*.py"))
    whole = set(re.findall(r"""["']([a-z_0-9]+(?:\.[a-z_0-9]+)+)["']""", code))
    starts = tuple(
        set(re.findall(r"""f["']([a-z_0-9.]+)\{""", code))
        | set(re.findall(r"""["']([a-z_0-9.]+\.)["']\s*\+""", code))
    )
    keys = {
        key.rpartition(".")[0] if key.rpartition(".")[2] in i18n.PLURAL_CATEGORIES else key
        for key in catalogue("fr")
    }
    assert len(keys) > 300
    unused = sorted(key for key in keys if key not in whole and not key.startswith(starts))
    assert unused == []


def test_labels_take_each_language_s_colon():
    assert label("common.source", "fr") == "Source\u00a0:"
    assert label("common.source", "en") == "Source:"


def test_french_text_gets_its_no_break_space_before_two_part_punctuation():
    assert t("app.credit", "fr").startswith("Population\u00a0: HCP")
    assert "\u00a0;" in t("common.conflict", "fr")
    assert t("app.credit", "en").startswith("Population: HCP")


def test_strict_mode_raises_for_a_missing_key():
    assert i18n.strict()  # tests/conftest.py turns it on for the whole session
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        t("no.such.key", "en")


def synthetic_locales(root: Path, files: dict[str, str]) -> Path:
    """A SYNTHETIC locales folder: {"fr/app.yaml": text, ...}."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_without_strict_mode_a_missing_key_falls_back_to_french_then_to_the_key(
    tmp_path, monkeypatch
):
    monkeypatch.delenv(i18n.STRICT)
    folder = synthetic_locales(
        tmp_path, {"fr/app.yaml": "only_fr: seulement en français\n", "en/app.yaml": "x: y\n"}
    )
    assert t("only_fr", "en", folder=folder) == "seulement en français"
    assert t("no.such.key", "en", folder=folder) == "no.such.key"


def test_a_key_written_twice_in_a_locale_file_names_the_file_and_line(tmp_path):
    folder = synthetic_locales(
        tmp_path, {"fr/app.yaml": "common:\n  source: Source\n  source: Origine\n"}
    )
    with pytest.raises(LocaleProblem, match=r"fr/app\.yaml:3:3: duplicate-key: .*'source'"):
        catalogue("fr", folder)


def test_a_key_written_in_two_files_of_one_language_names_both(tmp_path):
    folder = synthetic_locales(
        tmp_path, {"fr/a.yaml": "common:\n  source: Source\n", "fr/b.yaml": "common.source: X\n"}
    )
    flat, problems = i18n.read(folder, "fr")
    assert flat == {"common.source": "Source"}
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [
        ("b.yaml", 1, "duplicate-key")
    ]
    assert "a.yaml:2" in problems[0].message
