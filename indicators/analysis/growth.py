"""Derived figures: growth scenarios. Every number made here says it was derived and how."""

from __future__ import annotations

import math

import pandas as pd

from indicators.render.formats import number


def scenario(
    base_value: float,
    base_year: int,
    rate_percent: float,
    horizon: int,
    lang: str = "fr",
    bound: str = "exact",
) -> pd.DataFrame:
    """Compound growth from a recorded figure: value(y) = base × (1 + rate)^(y − base_year).

    A lower-bound base ("more than 30,000") gives a lower-bound projection, and so on:
    the bound is carried, never dropped. Each row carries its formula as text.
    """
    if horizon < base_year:
        raise ValueError("the horizon must not be before the base year")
    if rate_percent <= -100:
        raise ValueError("a growth rate must be above -100%")
    factor = 1 + rate_percent / 100
    rows = []
    for year in range(base_year, horizon + 1):
        value = base_value * factor ** (year - base_year)
        rate = number(factor, lang, 2)
        formula = f"{number(base_value, lang)} × {rate}^({year} − {base_year})"
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
