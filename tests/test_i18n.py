"""Both languages say everything, and numbers, bounds and dates read right in each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from indicators.render.i18n import LOCALES, catalogue, date_text, label, number, t, value_text

ROOT = Path(__file__).resolve().parent.parent


def flat(node, prefix=""):
    for key, value in node.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            yield from flat(value, name)
        else:
            yield name


def test_every_key_is_in_both_languages_and_defined_once():
    seen: dict[str, dict[str, str]] = {"fr": {}, "en": {}}
    for lang in ("fr", "en"):
        for path in sorted((LOCALES / lang).glob("*.yaml")):
            for key in flat(yaml.safe_load(path.read_text(encoding="utf-8")) or {}):
                assert key not in seen[lang], f"{key} in {path.name} and {seen[lang][key]}"
                seen[lang][key] = path.name
    assert set(seen["fr"]) == set(seen["en"])
    assert len(seen["fr"]) > 150


def test_every_key_the_code_asks_for_exists():
    asked = set()
    for path in (ROOT / "indicators").rglob("*.py"):
        asked |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    missing = sorted(k for k in asked if k not in catalogue("fr") or k not in catalogue("en"))
    assert missing == []


@pytest.mark.parametrize(
    ("value", "bound", "unit", "lang", "expected"),
    [
        (30000, "lower", "positions", "fr", ">\u00a030\u00a0000 positions"),
        (30000, "lower", "positions", "en", ">\u00a030,000 positions"),
        (300, "upper", "jobs", "fr", "<\u00a0300 emplois"),
        (300, "upper", "jobs", "en", "<\u00a0300 jobs"),
        (1000, "approx", "jobs", "en", "≈\u00a01,000 jobs"),
        (20, "exact", "percent", "fr", "20\u00a0%"),
        (20, "exact", "percent", "en", "20%"),
        (1, "exact", "centres", "fr", "1 centre"),
        (1.2e9, "exact", "dirhams", "fr", "1,2 milliard de dirhams"),
        (1e9, "exact", "euros", "en", "1 billion euros"),
    ],
)
def test_values_keep_their_bound_and_unit(value, bound, unit, lang, expected):
    assert value_text(value, bound, unit, lang) == expected


def test_numbers():
    assert number(2.5, "fr") == "2,50" and number(2.5, "en") == "2.50"
    assert number(float("nan"), "en") == "–"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2011-01-18", "fr", "18 janvier 2011"),
        ("2011-01-01", "fr", "1er janvier 2011"),
        ("2011-01-18", "en", "18 January 2011"),
        ("2011-08", "fr", "août 2011"),
        ("2010/2019", "en", "2010–2019"),
        ("", "en", ""),
    ],
)
def test_dates(text, lang, expected):
    assert date_text(text, lang) == expected


def test_labels_take_each_language_s_colon():
    assert label("common.source", "fr") == "Source\u00a0:"
    assert label("common.source", "en") == "Source:"


def test_a_missing_key_falls_back_to_the_key():
    assert t("no.such.key", "fr") == "no.such.key"
