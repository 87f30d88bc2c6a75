"""The one place that formats what the pages show: numbers, percentages, money, dates,
plural unit words and the plotly axes that carry them, all by Babel (Unicode CLDR data).

French groups thousands with CLDR's narrow no-break space ("30 000"), English with a
comma ("30,000"); decimals are shown only when they say something ("2,5", never "2,50")
and a value that rounds to zero never reads "-0". A unit word takes the plural category
CLDR gives the number in each language (English "0 jobs", "1.5 jobs"; French "0 emploi",
"1,5 emploi"), looked up as ``unit.<unit>.<category>`` in the locale catalogues.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
)

from indicators.render.i18n import NBSP, babel_locale, catalogue, direction, t

MISSING = "–"
MONEY = ("dirhams", "euros")
BOUND_SIGNS = {"exact": "", "approx": "≈", "lower": ">", "upper": "<"}
# From a million on, money reads in words ("1,2 milliard de dirhams") or, on an axis,
# in CLDR's short compact form ("1,2 Md DH").
COMPACT_FROM = 1_000_000


def present(value) -> bool:
    """A cell holds something: not None, not NaN (pandas' empty cell, which is truthy)
    and not ""."""
    return value is not None and value == value and value != ""


def _rounded(value, decimals: int | None) -> float:
    if decimals is None:
        decimals = 1 if abs(value) >= 10 else 2
    return round(float(value), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0


def number(value, lang: str, decimals: int | None = None) -> str:
    """30000 -> "30 000" (fr) / "30,000" (en); 2.5 -> "2,5" / "2.5"; at most ``decimals``
    decimals (by default 1 from 10 on, else 2), trailing zeros dropped; NaN -> "–"."""
    if not present(value):
        return MISSING
    return format_decimal(
        _rounded(value, decimals), format="#,##0.######", locale=babel_locale(lang)
    )


def percent(value, lang: str) -> str:
    """A value in percent (20 means 20 %): "20 %" (fr) / "20%" (en)."""
    if not present(value):
        return MISSING
    share = Decimal(str(_rounded(value, None))) / 100
    return format_percent(share, locale=babel_locale(lang), decimal_quantization=False)


def plural_category(value, lang: str) -> str:
    """CLDR's plural category ("one", "other", "many"...) of the number as shown."""
    shown = _rounded(value, None)
    return Locale.parse(babel_locale(lang)).plural_form(
        int(shown) if shown.is_integer() else Decimal(str(shown))
    )


def unit_label(unit: str, lang: str, value=None) -> str:
    """The unit's word for ``value`` ("1 emploi", "2 emplois"); with no value, the word for
    many (a column or axis title). A category a catalogue does not spell (French "many",
    for a million) takes the ``other`` word."""
    # "The word for many" is the word for 3: the plural in Arabic too, whose "other"
    # category (100, 1.5) takes the singular after a number.
    category = plural_category(3 if not present(value) else value, lang)
    key = f"unit.{unit}.{category}"
    return t(key if key in catalogue(lang) else f"unit.{unit}.other", lang)


def value_text(value, bound: str, unit: str | None, lang: str, with_unit: bool = True) -> str:
    """The value with its bound and unit: "> 30 000 positions", "< 300 emplois",
    "≈ 1,000 jobs", "20 %", "1,2 milliard de dirhams". A bound is never dropped."""
    sign = BOUND_SIGNS.get(bound, "")
    if unit in MONEY and present(value) and abs(value) >= COMPACT_FROM:
        # CLDR's long compact form: "1,2 milliard" (fr) / "1.2 billion" (en)
        core = format_compact_decimal(
            value, format_type="long", fraction_digits=1, locale=babel_locale(lang)
        )
        if with_unit:
            core += " " + t(f"money.of_{unit}", lang)
    elif unit == "percent":
        core = percent(value, lang)
    else:
        core = number(value, lang)
        if with_unit and unit:
            core += " " + unit_label(unit, lang, value)
    if sign and direction(lang) == "rtl":
        # In a right-to-left line "<" and ">" are mirrored (Unicode bidi): the bound is
        # spelled out instead ("أقل من 300"), never dropped.
        return f"{t(f'bound.{bound}', lang)} {core}"
    return f"{sign}{NBSP}{core}" if sign else core


def compact(value, lang: str, unit: str | None = None) -> str:
    """A short form for an axis tick or a colour bar: "30 000", "1,2 Md DH" / "1.2B DH"
    (CLDR's short compact form from a million on), "20 %"."""
    if unit == "percent":
        return percent(value, lang)
    if present(value) and abs(value) >= COMPACT_FROM:
        text = format_compact_decimal(
            value, format_type="short", fraction_digits=1, locale=babel_locale(lang)
        )
    else:
        text = number(value, lang)
    return f"{text} {t(f'money.short_{unit}', lang)}" if unit in MONEY else text


def date_text(text: str, lang: str) -> str:
    """A curated period or date ("2011", "2011-01", "2011-01-18", "2010/2019") in words:
    "18 janvier 2011", "1er janvier 2011", "August 2011", "2010–2019"."""
    if not isinstance(text, str) or not text:
        return ""
    if text[-1] in "~?%":  # a milestone date's EDTF-like marker: approximate, uncertain, both
        words = date_text(text[:-1], lang)
        if text[-1] in "~%":
            words = t("date.about", lang, date=words)
        return t("date.uncertain", lang, date=words) if text[-1] in "?%" else words
    if "/" in text:
        first, _, last = text.partition("/")
        return f"{date_text(first, lang)}–{date_text(last, lang)}"
    found = calendar_date(text)
    if found is None:
        return text
    day, parts = found
    if parts == 1:
        pattern = "y"
    elif parts == 2:
        pattern = "MMMM y"
    else:  # French writes the first of the month "1er"
        pattern = "d'er' MMMM y" if lang == "fr" and day.day == 1 else "d MMMM y"
    return format_date(day, pattern, locale=babel_locale(lang))


def calendar_date(text: str) -> tuple[dt.date, int] | None:
    """ "2011" / "2011-01" / "2011-01-18" -> (its first day, how many parts it has);
    None for anything else."""
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts]
        return dt.date(numbers[0], *[*numbers[1:], 1, 1][:2]), len(parts)
    except (ValueError, TypeError):
        return None


# --- plotly ------------------------------------------------------------------------------
def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` (decimal then thousands), those of ``number``."""
    return get_decimal_symbol(babel_locale(lang)) + get_group_symbol(babel_locale(lang))


def value_axis(values, unit: str | None, lang: str) -> dict:
    """Plotly axis settings whose ticks read like the labels: money ticks in the compact
    form ("1,2 Md DH"), percentages with their sign, other numbers grouped like
    ``number`` (plotly's own "15k" or "1B" would not match "15 000" in the hover)."""
    if unit == "percent":
        return {"tickformat": ",~r", "ticksuffix": percent(0, lang).replace("0", "", 1)}
    top = max((v for v in values if present(v)), default=0)
    if unit not in MONEY or top < COMPACT_FROM:
        return {"tickformat": ",~r"}
    step = 10 ** math.floor(math.log10(top / 4))
    step *= next(m for m in (1, 2, 2.5, 5, 10) if top / (step * m) <= 5)
    ticks = [step * i for i in range(int(top // step) + 2)]
    return {"tickvals": ticks, "ticktext": [compact(v, lang, unit) for v in ticks]}
