"""Derived figures: compound growth, as national scenarios and as the years a place's
latest level would take to reach each promise. Every number made here says it was
derived and how: its formula is kept as numbers, for ``render/reasons.py`` to write."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from indicators.analysis.dataset import OBSERVED
from indicators.analysis.promises import relation, slug

# What a growth rate can apply to: counts of (a part of) the sector at a date.
COUNT_UNITS = ("jobs", "positions", "centres", "companies")
# A level's bound says which way the year it reaches a target may be off.
YEAR_BOUND = {"exact": "exact", "approx": "approx", "lower": "upper", "upper": "lower"}


@dataclass(frozen=True)
class Compounded:
    """value(year) = base × factor^(year − base_year)."""

    base: float
    factor: float
    year: int
    base_year: int


@dataclass(frozen=True)
class YearsToReach:
    """years = log(target ÷ level) ÷ log(1 + rate_percent %)."""

    target: float
    level: float
    rate_percent: float


def scenario(
    base_value: float,
    base_year: int,
    rate_percent: float,
    horizon: int,
    bound: str = "exact",
) -> pd.DataFrame:
    """Compound growth from a recorded figure: value(y) = base × (1 + rate)^(y − base_year).

    A lower-bound base ("more than 30,000") gives a lower-bound projection, and so on:
    the bound is carried, never dropped. Each row carries its formula (``Compounded``).
    """
    if horizon < base_year:
        raise ValueError("the horizon must not be before the base year")
    if rate_percent <= -100:
        raise ValueError("a growth rate must be above -100%")
    factor = 1 + rate_percent / 100
    rows = []
    for year in range(base_year, horizon + 1):
        value = base_value * factor ** (year - base_year)
        formula = Compounded(base_value, factor, year, base_year)
        rows.append(
            {"year": year, "value": value, "bound": bound, "formula": formula, "derived": True}
        )
    return pd.DataFrame(rows, columns=["year", "value", "bound", "formula", "derived"])


def years_to_reach(current: float, target: float, rate_percent: float) -> float | None:
    """Years of compound growth at ``rate_percent`` for ``current`` to reach ``target``:
    log(target / current) / log(1 + rate). None when it never does."""
    if current <= 0 or target <= 0:
        return None
    if target <= current:
        return 0.0
    if rate_percent <= 0:
        return None
    return math.log(target / current) / math.log(1 + rate_percent / 100)


def current_level(promise: dict, recorded: pd.DataFrame) -> dict | None:
    """The latest recorded figure of the promise's own place and scope (same family,
    coverage and operator), from any source: the level a growth rate starts from.
    ``recorded`` rows carry their family (``promises.with_families``)."""
    rows = recorded[(recorded["geo"] == promise["geo"]) & recorded["status"].isin(OBSERVED)]
    same = [r for r in rows.to_dict("records") if relation(promise, r) == "same"]
    if not same:
        return None
    precision = {"exact": 0, "approx": 1, "lower": 2, "upper": 3}
    same.sort(key=lambda r: (r["period_end"], -precision.get(r["bound"], 9)))
    return same[-1]


def years_to_target(ledger: pd.DataFrame, recorded: pd.DataFrame, rate_percent: float):
    """For each promise: the year its place's latest level would reach the target at
    ``rate_percent`` a year, compounded, from the end of the level's period.
    ``reach_note`` says why there is none: flow, not_count, ceiling, no_level, never."""
    columns = [
        "promise_id",
        "level_value",
        "level_bound",
        "level_period",
        "level_source",
        "reach_years",
        "reach_year",
        "year_bound",
        "formula",
        "derived",
        "reach_note",
    ]
    rows = []
    for promise in ledger.to_dict("records"):
        row = dict.fromkeys(columns)
        row.update(promise_id=promise["promise_id"], derived=True)
        level = None
        if promise["flow"]:
            row["reach_note"] = "flow"
        elif not slug(promise["coverage"]) or promise["unit"] not in COUNT_UNITS:
            row["reach_note"] = "not_count"
        elif promise["bound"] == "upper":
            row["reach_note"] = "ceiling"
        else:
            level = current_level(promise, recorded)
            row["reach_note"] = "no_level"
        if level is not None:
            years = years_to_reach(level["value"], promise["value"], rate_percent)
            row.update(
                level_value=level["value"],
                level_bound=level["bound"],
                level_period=level["period"],
                level_source=level["source"],
                reach_years=years,
                reach_year=None if years is None else level["period_end"].year + years,
                year_bound=YEAR_BOUND.get(level["bound"], "exact"),
                formula=YearsToReach(promise["value"], level["value"], rate_percent),
                reach_note="reached" if years == 0 else ("never" if years is None else "derived"),
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)
