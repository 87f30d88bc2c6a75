"""Translations and the one place that formats numbers, values with their bound, and dates.

``t(key, lang)`` reads every file of indicators/locales/<lang>/ (one file per area of
the app, merged; a key defined twice is an error caught by the tests). A key missing from a language
falls back to the other one, then to the key itself, so a page never fails on a label.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import yaml

LANGUAGES = ("fr", "en")
LOCALES = Path(__file__).resolve().parent / "locales"
NBSP = "\u00a0"  # between thousands in French, between a sign and its number
MONEY = ("dirhams", "euros")
BOUND_SIGNS = {"exact": "", "approx": "≈", "lower": ">", "upper": "<"}
MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    flat: dict[str, str] = {}

    def walk(prefix, node):
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                walk(name, value)
            else:
                flat[name] = str(value)

    for path in sorted((LOCALES / lang).glob("*.yaml")):
        walk("", yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return flat


def language(value, default: str = "fr") -> str:
    value = (value or "").strip().lower() if isinstance(value, str) else ""
    return value if value in LANGUAGES else default


def t(key: str, lang: str, **values) -> str:
    other = "en" if lang == "fr" else "fr"
    text = catalogue(lang).get(key) or catalogue(other).get(key) or key
    return text.format(**values) if values else text


def label(key: str, lang: str) -> str:
    """A label followed by its colon, French style ("Source :") or English ("Source:")."""
    return t(key, lang) + (NBSP + ":" if lang == "fr" else ":")


def number(value, lang: str, decimals: int | None = None) -> str:
    """30000 -> "30 000" (fr) / "30,000" (en); 2.5 -> "2,5" / "2.5"."""
    if value is None or value != value:
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",").replace("\u202f", NBSP)
    return text


def unit_label(unit: str, lang: str, value=None) -> str:
    plural = value is None or abs(value) >= 2
    return t(f"unit.{unit}.{'plural' if plural else 'one'}", lang)


def value_text(value, bound: str, unit: str | None, lang: str, with_unit: bool = True) -> str:
    """The value with its bound and unit: "> 30 000 positions", "< 300 emplois",
    "≈ 1 000 jobs", "20 %". A bound is never dropped."""
    sign = BOUND_SIGNS.get(bound, "")
    core = number(value, lang)
    if unit in MONEY and value == value and abs(value) >= 1_000_000:
        # 1 200 000 000 dirhams -> "1,2 milliard de dirhams" / "1.2 billion dirhams"
        scale = "billion" if abs(value) >= 1_000_000_000 else "million"
        amount = value / (1e9 if scale == "billion" else 1e6)
        many = abs(amount) >= 2
        words = t(f"money.{scale}.{'plural' if many else 'one'}", lang)
        core = f"{number(amount, lang, 0 if float(amount).is_integer() else 1)} {words}"
        if with_unit:
            core += " " + t(f"money.of_{unit}", lang)
    elif unit == "percent":
        core += (NBSP + "%") if lang == "fr" else "%"
    elif with_unit and unit:
        core += " " + unit_label(unit, lang, value)
    return f"{sign}{NBSP}{core}" if sign else core


def bound_text(bound: str, lang: str) -> str:
    return t(f"bound.{bound}", lang)


def date_text(text: str, lang: str) -> str:
    """A curated period or date ("2011", "2011-01", "2011-01-18", "2010/2019") in words."""
    if not isinstance(text, str) or not text:
        return ""
    if text[-1] in "~?%":  # a milestone date's EDTF-like marker: approximate, uncertain, both
        words = date_text(text[:-1], lang)
        if text[-1] in "~%":
            words = f"{'vers' if lang == 'fr' else 'about'} {words}"
        return f"{words}{NBSP if lang == 'fr' else ''}?" if text[-1] in "?%" else words
    if "/" in text:
        first, _, last = text.partition("/")
        return f"{date_text(first, lang)}–{date_text(last, lang)}"
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return parts[0]
        year, month = int(parts[0]), int(parts[1])
        if len(parts) == 2:
            return f"{MONTHS[lang][month - 1]} {year}"
        day = dt.date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return text
    if lang == "fr":
        return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS['fr'][day.month - 1]} {year}"
    return f"{day.day} {MONTHS['en'][day.month - 1]} {year}"


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal then thousands."""
    return ", " if lang == "fr" else ".,"
