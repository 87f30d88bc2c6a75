"""What the Outlook's national scenario may start from and how far it may be trusted:
stock indicators only, the latest national stock as the default base, results rounded
to what they can carry, warnings when a scenario leaves plausible ground, the growth
observed between recorded figures, and the targets of the same thing. No language.

- A *stock* is a non-flow indicator with a family (``family``, ``flow`` in
  data/indicators.yaml): jobs or positions at a date, never jobs created per week nor a
  threshold's definition.
- A company's own figures (``operator``) are never a national base: ``Dataset.national``
  leaves them out.
- Targets are compared only with the base's own family and coverage (call-centre jobs
  with call-centre jobs), never with another indicator that happens to share a unit.
"""

from __future__ import annotations

import math

import pandas as pd

from indicators.analysis.intervals import interval, reach

TENFOLD = 10
SIGNIFICANT = 2


# What compound growth can apply to: counts of (a part of) the sector at a date.
COUNT_UNITS = ("jobs", "positions", "centres", "companies")


def stock_indicators(indicators: pd.DataFrame) -> list[str]:
    """Ids of the indicators that are stocks of a count: a family, not a flow, counted in
    jobs, positions, centres or companies (a growth rate or a revenue is not a stock)."""
    family = indicators["family"]
    stock = family.notna() & (family != "") & ~indicators["flow"].fillna(False).astype(bool)
    stock &= indicators["unit"].isin(COUNT_UNITS)
    return list(indicators.loc[stock, "id"])


def base_options(national: pd.DataFrame, indicators: pd.DataFrame) -> list[str]:
    """The stock indicators with a national figure: the workforce first (jobs, then
    positions, then centres and companies), and within each unit the one with the newest
    figure first; the first is the default base."""
    stocks = set(stock_indicators(indicators))
    rows = national[national["indicator"].isin(stocks)]
    if "operator" in rows:
        rows = rows[rows["operator"].isna() | (rows["operator"] == "")]
    rows = rows.assign(_unit=rows["unit"].map({u: i for i, u in enumerate(COUNT_UNITS)}))
    rows = rows.sort_values(["_unit", "period_end", "indicator"], ascending=[True, False, True])
    return list(dict.fromkeys(rows["indicator"]))


def round_significant(value: float, digits: int = SIGNIFICANT) -> float:
    """1 064 933 -> 1 100 000 (two significant figures); 0 stays 0."""
    if not value or value != value or math.isinf(value):
        return value
    power = math.floor(math.log10(abs(value))) - digits + 1
    rounded = round(value / 10**power) * 10**power
    return float(rounded) if power < 0 else float(int(rounded))


def observed_growth(rows: pd.DataFrame) -> list[dict]:
    """The yearly growth between recorded figures of one indicator (one row each, oldest
    first): over the whole record (first to latest) and over the last step. Each item:
    ``from_year``, ``to_year``, ``from_value``, ``to_value``, ``rate_percent``, ``bounded``
    (True when either end is a bound, so the rate is only indicative)."""
    data = rows.sort_values("period_end")
    data = data.drop_duplicates("period_end", keep="last")
    points = [
        (r["period_end"].year, float(r["value"]), r["bound"]) for r in data.to_dict("records")
    ]
    points = [p for p in points if p[1] > 0]
    if len(points) < 2:
        return []
    pairs = [(points[0], points[-1])]
    if len(points) > 2:
        pairs.append((points[-2], points[-1]))
    out = []
    for (y0, v0, b0), (y1, v1, b1) in pairs:
        if y1 <= y0:
            continue
        out.append(
            {
                "from_year": y0,
                "to_year": y1,
                "from_value": v0,
                "to_value": v1,
                "rate_percent": ((v1 / v0) ** (1 / (y1 - y0)) - 1) * 100,
                "bounded": b0 != "exact" or b1 != "exact",
            }
        )
    return out


def warnings(final_value: float, latest_value: float, ceiling: dict | None) -> list[str]:
    """Why a scenario's result is implausible: ``tenfold`` (more than ten times the latest
    figure), ``ceiling`` (more than the population the ceiling counts)."""
    out = []
    if latest_value and final_value > TENFOLD * latest_value:
        out.append("tenfold")
    if ceiling and final_value > ceiling["population"]:
        out.append("ceiling")
    return out


def same_thing(targets: pd.DataFrame, indicator: str, indicators: pd.DataFrame) -> pd.DataFrame:
    """The targets of ``indicator``'s family and coverage (flows never: their family
    differs)."""
    info = indicators.set_index("id")
    if indicator not in info.index or targets.empty:
        return targets.iloc[0:0]
    family, coverage = info.at[indicator, "family"], info.at[indicator, "coverage"]
    fam = targets["indicator"].map(info["family"])
    cov = targets["indicator"].map(info["coverage"])
    same = (fam == family) & ((cov == coverage) | (cov.isna() & pd.isna(coverage)))
    return targets[same]


def already_reached(target: dict, recorded: pd.DataFrame) -> dict | None:
    """The first recorded figure (of the same indicator) that already reached the target
    before its horizon, interval-wise: its whole interval at or above the target."""
    rows = recorded[recorded["indicator"] == target["indicator"]].sort_values("period_end")
    for row in rows.to_dict("records"):
        if reach(interval(row["value"], row["bound"]), target["value"], target["bound"]) == "met":
            return row
    return None
