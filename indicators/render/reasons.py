"""Why a verdict or a derived number is what it is, as text in the reader's language.

The promises ledger (``analysis/promises.py``) gives each verdict a tuple of ``Reason``
clauses whose values name things by id; growth (``analysis/growth.py``) keeps each
formula as its numbers. They become text here, only where they are shown, through the
locale catalogue (``ledger.reason.*`` in render/locales/{fr,en}/ledger.yaml).
"""

from __future__ import annotations

import math

from indicators.analysis.growth import Compounded, YearsToReach
from indicators.analysis.intervals import Interval
from indicators.analysis.promises import Amount, Reason, Ref, Span
from indicators.render.formats import date_text, number, plotly_separators, unit_label, value_text
from indicators.render.i18n import catalogue, t


def reason_text(reasons, lang: str, names) -> str:
    """A verdict's reasons as one paragraph. ``names`` (the ``Dataset``) names the
    indicators, places and sources the reasons refer to by id."""
    return " ".join(_clause(reason, lang, names) for reason in reasons)


def _clause(reason: Reason, lang: str, names) -> str:
    values = {key: _value(value, lang, names) for key, value in reason.params.items()}
    return t(f"ledger.reason.{reason.key}", lang, **values)


def _value(value, lang: str, names) -> str:
    if isinstance(value, Reason):
        return _clause(value, lang, names)
    if isinstance(value, Amount):
        return value_text(value.value, value.bound, value.unit, lang)
    if isinstance(value, Span):
        return span_text(value.interval, value.unit, lang)
    if isinstance(value, Ref):
        return _REFS[value.kind](value.id, lang, names)
    if isinstance(value, tuple):  # a list of verdicts takes commas, of clauses semicolons
        separator = ", " if all(isinstance(v, Ref) for v in value) else "; "
        return separator.join(_value(v, lang, names) for v in value)
    if isinstance(value, dict):  # a text from data in each language, e.g. a title
        return value[lang]
    return str(value)


def _date_range(ends, lang: str, names) -> str:
    first, last = ends
    return f"{date_text(first, lang) if first else '?'} – {date_text(last, lang)}"


# How each kind of ``Ref`` is named: (id, lang, names) -> text.
_REFS = {
    "indicator": lambda ident, lang, names: names.indicator_label(ident, lang),
    "place": lambda geo, lang, names: names.geography.label(geo, lang),
    "source": lambda ident, lang, names: (names.source(ident) or {"publisher": ident})["publisher"],
    "family": lambda family, lang, names: family_label(family, lang, names),
    "unit": lambda unit, lang, names: unit_label(unit, lang),
    "status": lambda status, lang, names: t(f"status.{status}", lang),
    "milestone_status": lambda status, lang, names: t(f"milestone_status.{status}", lang),
    "verdict": lambda verdict, lang, names: t(f"ledger.verdict.{verdict}", lang),
    "date": lambda text, lang, names: date_text(text, lang),
    "date_range": _date_range,
}


def family_label(family: str, lang: str, names) -> str:
    """A family's name for a chart panel or a reason; a family the locales do not name
    (one indicator of its own) takes the name of the indicator of the same id."""
    named = catalogue(lang).get(f"ledger.family.{family}")  # a few families have a name
    return named or names.indicator_label(family, lang)


def span_text(span: Interval, unit: str, lang: str) -> str:
    """What a figure shows: "more than 500 jobs", "at most 300 jobs", "between ..."."""
    if span.hi == math.inf:
        key = "ledger.span.more_than" if span.lo_open else "ledger.span.at_least"
        return t(key, lang, value=value_text(span.lo, "exact", unit, lang))
    if span.lo <= 0 and span.lo != span.hi:
        key = "ledger.span.fewer_than" if span.hi_open else "ledger.span.at_most"
        return t(key, lang, value=value_text(span.hi, "exact", unit, lang))
    if span.lo == span.hi:
        return value_text(span.lo, "exact", unit, lang)
    return t(
        "ledger.span.between",
        lang,
        low=value_text(span.lo, "exact", None, lang),
        high=value_text(span.hi, "exact", unit, lang),
    )


def formula_text(formula, lang: str) -> str:
    """How a derived number was derived ("30,000 × 1.20^(2014 − 2011)"); "" for none."""
    if isinstance(formula, Compounded):
        base, factor = number(formula.base, lang), number(formula.factor, lang, 2)
        return f"{base} × {factor}^({formula.year} − {formula.base_year})"
    if isinstance(formula, YearsToReach):
        target, level = number(formula.target, lang), number(formula.level, lang)
        rate = number(formula.rate_percent, lang)
        return f"log({target} ÷ {level}) ÷ log(1 + {rate}%)"
    return ""


def year_text(row: dict, lang: str) -> str:
    """When a level would reach a target (a row of ``growth.years_to_target``): "around
    2015.3", "around 2015.3 at the latest", "never at this rate"..."""
    note = row.get("reach_note")
    if note in ("flow", "not_count", "ceiling", "no_level", "never", "reached"):
        return t(f"ledger.reach.{note}", lang)
    bound = row.get("year_bound") or "exact"
    year = f"{row['reach_year']:.1f}"  # a year: no thousands separator
    return t(f"ledger.reach.year_{bound}", lang, year=year.replace(".", plotly_separators(lang)[0]))
