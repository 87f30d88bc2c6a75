"""Ranking places by a figure, honestly: bounds as intervals, ranks as ranges, one period.

Language-free (no text, no Streamlit). The rules:

- **A figure is an interval** (``intervals.interval``, the ledger's one definition):
  exact v = [v, v]; approx v = [0.9 v, 1.1 v]; lower "> v" = (v, inf); upper "< v" =
  [0, v).
- **A rank is a range.** Rank 1 is the largest. An entry's best rank is 1 + the number of
  entries *certainly* above it (their whole interval lies above its whole interval); its
  worst rank is n - the number of entries certainly below it. Entries whose intervals
  overlap it are listed in ``overlapping``: their order is uncertain. So "< 300" vs "100"
  gives both ranks 1-2 (not "< 300 first because 300 > 100"), and "< 50" is always below
  "100". Two equal exact figures tie (both 1-2).
- **Like with like.** Only figures that cover the place compared count: ranking regions
  uses figures of a region (``scope == "region"``); a city's or a park's figure is not
  its region's. Ranking cities ranks cities; parks, parks (``scope=``). A company's own
  figures (a row with ``operator``) never count. Conflicting claims for the same place
  and the same latest period are not averaged: the entry's interval is their hull, so
  the rank range widens.
- **One period.** A period is a window of whole years (``Period(2017, 2019)``, or one
  year ``Period(2019, 2019)``); a figure is in it when its own period *ends* in it (a
figure's date is the end of its period, as for the ledger's horizons: "2010/2011"
counts for 2011, "2011/2019" for 2019). Each
  place's entry is its latest figure in the window. ``default_period`` picks the most
  recent window (of ``width`` years, 3 by default) in which the most places have a figure.
  ``stale`` marks an entry whose figure ends ``STALE_YEARS`` or more before the newest
  entry's.

API:

``Period(start, end)`` — ``.text`` ("2019" or "2017-2019"), ``Period.parse(text)``
(None on bad input), ``.contains(period_start, period_end)``.

``default_period(claims, width=3, scope="region") -> Period | None`` — claims are rows of
``Dataset.region_claims`` (or any frame with ``scope``, ``region``, ``geo``,
``period_start``, ``period_end``).

``entries(claims, period, scope="region") -> DataFrame`` — one row per place: geo,
region, scope, place_fr, place_en, value, bound, period (the figure's own), year (its end
year), source, claims (how many claims of that period were merged), figures (their (value,
bound) pairs), low, high, low_open, high_open.

``rank(entries) -> DataFrame`` — adds rank_best, rank_worst, overlapping (list of geo
ids), of (number of entries), stale; sorted best first.

``region_ranking(ds, indicator, period=None, scope="region", statuses=OBSERVED) ->
Ranking`` — the above in one call: ``Ranking.frame`` (columns: region, geo, scope,
value, bound, low, high, low_open, high_open, rank_best, rank_worst, overlapping, of,
stale, period (the figure's), year, place_fr, place_en, source, claims) and
``Ranking.period`` (the window used; the default one when ``period`` is None).

``comparison(claims, period) -> DataFrame`` — every scope's entries, each ranked among
its own scope (regions among regions, cities among cities...), widest scope first: what
the Regions page draws. ``years(claims)`` — the years figures of any scope are dated.
``per_100k(frame, census)`` — region-wide entries only, per 100,000 inhabitants (a
city's figure is never divided by its region's population).

``rank_of(frame, place) -> dict | None`` — the row of ``region:<id>`` (or a bare region
id, or any geo) in a ranked frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from indicators.analysis.dataset import OBSERVED
from indicators.analysis.intervals import Interval, interval

STALE_YEARS = 5
DEFAULT_WIDTH = 3

# The source citation the Dataset copies onto each figure, carried to the ranked entry.
SOURCE_COLUMNS = ("source_publisher", "source_published", "source_published_inferred")
ENTRY_COLUMNS = [
    "geo",
    "region",
    "scope",
    "place_fr",
    "place_en",
    "place_ar",
    "value",
    "bound",
    "period",
    "year",
    "source",
    *SOURCE_COLUMNS,
    "claims",
    "figures",
    "low",
    "high",
    "low_open",
    "high_open",
]
RANK_COLUMNS = [*ENTRY_COLUMNS, "rank_best", "rank_worst", "overlapping", "of", "stale"]


@dataclass(frozen=True)
class Period:
    """A window of whole years, both ends included."""

    start: int
    end: int

    @property
    def text(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"

    @classmethod
    def parse(cls, text) -> Period | None:
        """ "2019" or "2017-2019" (a URL parameter); None for anything else."""
        if not isinstance(text, str):
            return None
        parts = text.strip().split("-")
        if len(parts) not in (1, 2) or not all(p.isdigit() and len(p) == 4 for p in parts):
            return None
        start, end = int(parts[0]), int(parts[-1])
        return cls(start, end) if start <= end else None

    def contains(self, period_start, period_end) -> bool:
        """Whether a figure's own period (dates) ends in the window."""
        if period_end is None or period_end != period_end:
            return False
        return self.start <= period_end.year <= self.end


SCOPES = ("region", "region_1997", "city", "park")


def _covering(claims: pd.DataFrame, scope: str | None) -> pd.DataFrame:
    """The claims that speak for a place of ``scope`` (any place when None), never a
    company's own figures."""
    if claims.empty:
        return claims
    mask = claims["scope"] == scope if scope else claims["scope"].isin(SCOPES)
    if "operator" in claims:
        mask &= claims["operator"].isna() | (claims["operator"] == "")
    return claims[mask]


def _in_period(claims: pd.DataFrame, period: Period) -> pd.DataFrame:
    if claims.empty:
        return claims
    inside = [
        period.contains(s, e)
        for s, e in zip(claims["period_start"], claims["period_end"], strict=True)
    ]
    return claims[inside]


def _key(scope: str | None) -> str:
    # Regions are compared region by region; cities and parks place by place.
    return "region" if scope in ("region", None) else "geo"


def default_period(
    claims: pd.DataFrame, width: int = DEFAULT_WIDTH, scope: str | None = "region"
) -> Period | None:
    """The most recent ``width``-year window in which the most places of ``scope`` have a
    figure (with ``scope=None``: the most regions have a figure of any place in them);
    None when there is none."""
    mine = _covering(claims, scope)
    if mine.empty:
        return None
    years = sorted({e.year for e in mine["period_end"] if e is not None})
    best: tuple[int, int] | None = None
    for end in years:
        window = Period(end - width + 1, end)
        count = _in_period(mine, window)[_key(scope)].nunique()
        if best is None or count >= best[0]:
            best = (count, end)
    if best is None:
        return None
    return Period(best[1] - width + 1, best[1])


def _hull(spans: list[Interval]) -> Interval:
    lo = min(spans, key=lambda s: (s.lo, not s.lo_open))
    hi = max(spans, key=lambda s: (s.hi, not s.hi_open))
    return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open)


def entries(claims: pd.DataFrame, period: Period | None, scope: str = "region") -> pd.DataFrame:
    """One entry per place of ``scope`` with a figure in ``period``: its latest figure
    there (all claims of that latest period merged into one interval)."""
    mine = _covering(claims, scope)
    if period is not None:
        mine = _in_period(mine, period)
    rows = []
    if not mine.empty:
        for _, group in mine.groupby(_key(scope), sort=True):
            latest = group[group["period_end"] == group["period_end"].max()]
            head = latest.sort_values(["value"], ascending=False).iloc[0]
            span = _hull(
                [interval(v, b) for v, b in zip(latest["value"], latest["bound"], strict=True)]
            )
            rows.append(
                {
                    "geo": f"region:{head['region']}" if scope == "region" else head["geo"],
                    "region": head["region"],
                    "scope": scope,
                    "place_fr": head["place_fr"],
                    "place_en": head["place_en"],
                    "place_ar": head.get("place_ar", head["place_fr"]),
                    "value": float(head["value"]),
                    "bound": head["bound"] if len(latest) == 1 else "range",
                    "period": head["period"],
                    "year": head["period_end"].year,
                    "source": head["source"],
                    **{c: head.get(c) for c in SOURCE_COLUMNS},
                    "claims": len(latest),
                    "figures": [
                        (float(v), b) for v, b in zip(latest["value"], latest["bound"], strict=True)
                    ],
                    "low": span.lo,
                    "high": span.hi,
                    "low_open": span.lo_open,
                    "high_open": span.hi_open,
                }
            )
    return pd.DataFrame(rows, columns=ENTRY_COLUMNS)


def above(a: Interval, b: Interval) -> bool:
    """Whether every value of ``a`` is larger than every value of ``b``."""
    if a.lo > b.hi:
        return True
    return a.lo == b.hi and (a.lo_open or b.hi_open) and not math.isinf(a.lo)


def rank(frame: pd.DataFrame) -> pd.DataFrame:
    """Rank ranges (1 = largest) of entries with low/high/low_open/high_open columns."""
    out = frame.copy().reset_index(drop=True)
    if out.empty:
        for column in ("rank_best", "rank_worst", "overlapping", "of", "stale"):
            out[column] = pd.Series(dtype=object)
        return out
    spans = [
        Interval(lo, hi, bool(lo_open), bool(hi_open))
        for lo, hi, lo_open, hi_open in zip(
            out["low"], out["high"], out["low_open"], out["high_open"], strict=True
        )
    ]
    n = len(spans)
    best, worst, overlapping = [], [], []
    for i, mine in enumerate(spans):
        higher = sum(above(other, mine) for j, other in enumerate(spans) if j != i)
        lower = sum(above(mine, other) for j, other in enumerate(spans) if j != i)
        best.append(1 + higher)
        worst.append(n - lower)
        overlapping.append(
            [
                out.at[j, "geo"]
                for j, other in enumerate(spans)
                if j != i and not above(other, mine) and not above(mine, other)
            ]
        )
    out["rank_best"] = best
    out["rank_worst"] = worst
    out["overlapping"] = overlapping
    out["of"] = n
    newest = out["year"].max() if "year" in out else None
    out["stale"] = (
        [bool(newest - y >= STALE_YEARS) for y in out["year"]] if newest is not None else False
    )
    # Best first; among equal ranges the larger low end, then the larger high end.
    order = out.assign(_lo=-out["low"], _hi=-out["high"]).sort_values(
        ["rank_best", "rank_worst", "_lo", "_hi", "geo"]
    )
    return order.drop(columns=["_lo", "_hi"]).reset_index(drop=True)


@dataclass(frozen=True)
class Ranking:
    frame: pd.DataFrame
    period: Period | None


def region_ranking(
    ds, indicator: str, period: Period | None = None, scope: str = "region", statuses=OBSERVED
) -> Ranking:
    """Places of ``scope`` ranked on ``indicator`` in ``period`` (the default period when
    None): see the module's rules."""
    claims = ds.region_claims(indicator, None, statuses)
    if period is None:
        period = default_period(claims, scope=scope)
    return Ranking(rank(entries(claims, period, scope)), period)


def rank_of(frame: pd.DataFrame, place: str) -> dict | None:
    """The ranked row of a place: ``region:<id>``, a bare region id, or any geo id."""
    if frame.empty:
        return None
    mask = frame["geo"] == place
    if not mask.any():
        mask = (frame["region"] == place.removeprefix("region:")) & (frame["scope"] == "region")
    rows = frame[mask]
    return rows.iloc[0].to_dict() if len(rows) else None


def years(claims: pd.DataFrame) -> list[int]:
    """The years figures (of any place, a company's aside) are dated, oldest first."""
    mine = _covering(claims, None)
    return sorted({end.year for end in mine["period_end"] if end is not None and end == end})


def comparison(claims: pd.DataFrame, period: Period | None) -> pd.DataFrame:
    """Entries of every scope in ``period``, each ranked among its own scope, widest scope
    first then best rank first."""
    parts = [rank(entries(claims, period, scope)) for scope in SCOPES]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=RANK_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def per_100k(frame: pd.DataFrame, census: dict) -> pd.DataFrame:
    """Region-wide entries per 100,000 inhabitants (census 2014 up to 2018, 2024 after),
    re-ranked; entries of any other scope are dropped, never divided by a region's
    population. Adds ``population`` and ``census_year``."""
    mine = frame[frame["scope"] == "region"].copy()
    if mine.empty:
        return mine
    census_years = [2014 if y <= 2018 else 2024 for y in mine["year"]]
    population = [
        census[r][f"population_{c}"] for r, c in zip(mine["region"], census_years, strict=True)
    ]
    scale = [100_000 / p for p in population]
    mine["census_year"] = census_years
    mine["population"] = population
    for column in ("value", "low", "high"):
        mine[column] = [v * k for v, k in zip(mine[column], scale, strict=True)]
    return rank(mine.drop(columns=["rank_best", "rank_worst", "overlapping", "of", "stale"]))
