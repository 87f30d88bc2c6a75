"""One place's profile (the country, a region, a city or a park), without a language:
where it is, its census population and labour pool, its headline figures, its position
among places of its kind, its share of the national figure, its milestones, promises
and sources. Built by ``build_profile``; shown by ``render/profile.py``.

Rules, so that what a reader carries away is true:

Headline figures
    Per indicator family (an indicator without a family is its own), the figures of the
    widest place first (a region's own figure over its cities', a city's over its
    parks'), then the latest period; every claim of that indicator, place and period is
    kept side by side. Only recorded figures (observed, declared), and never a company's
    own figure (``operator``): those stay in the full table.
Position (``analysis/ranking.py``, the compare rules)
    A region is ranked among regions with a region-wide figure, a city among cities,
    a park among parks, in one window of years: the three years ending with the place's
    latest figure of that indicator, or, when no other place has a figure there, the
    ranking's default window (the recent one where most places have a figure) if the
    place is in it.
    Ranks are ranges where bounds or claims overlap.
Share of the national figure (``share``)
    Only where the country has a figure of the same indicator and the same period (the
    same curated period text), neither being a company's own figure. Bounds are
    intervals: share = [place low / national high, place high / national low], so
    "< 300" of "> 30 000" is "< 1 %".
Per 1,000 in the labour force (``per_labour``)
    Only for a figure that covers the whole place (a region's or the country's own
    figure), divided by the census labour force nearest its period (RGPH 2014 up to 2018,
    2024 from 2019).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from indicators.analysis import census
from indicators.analysis.dataset import OBSERVED, SCOPE_RANK, Dataset, census_year_for
from indicators.analysis.intervals import Interval, interval
from indicators.analysis.places import place_view
from indicators.analysis.promises import with_families
from indicators.data.geography import COUNTRY

KINDS = ("country", "region", "city", "park")
_PLACE = re.compile(r"^(country|region|city|park):[a-z0-9][a-z0-9-]*$")
RANK_WIDTH = 3


# --- which place ----------------------------------------------------------------------
@dataclass(frozen=True)
class PlaceChoice:
    """The place a URL asked for, and the one shown: ``problem`` is None, "malformed"
    (not ``kind:id``) or "unknown" (no such place); the country is shown instead."""

    geo: str
    asked: str | None = None
    problem: str | None = None


def choose_place(asked, geography) -> PlaceChoice:
    """The place of ``?place=``: a well-formed, known country, 2015 region, city or park;
    anything else falls back to the country, saying why."""
    if asked is None or (isinstance(asked, str) and not asked.strip()):
        return PlaceChoice(COUNTRY)
    text = str(asked).strip().lower()
    if not _PLACE.match(text):
        return PlaceChoice(COUNTRY, str(asked), "malformed")
    kind, _, ident = text.partition(":")
    known = {
        "country": {"ma"},
        "region": set(geography.regions),
        "city": set(geography.cities),
        "park": set(geography.parks),
    }[kind]
    if ident not in known:
        return PlaceChoice(COUNTRY, str(asked), "unknown")
    return PlaceChoice(text)


def place_options(geography) -> list[str]:
    """Every place with a profile: the country, the 12 regions (HCP order), the cities
    and the parks (by id; the page sorts by name in its language)."""
    regions = sorted(geography.census, key=lambda r: geography.census[r]["code"])
    return [
        COUNTRY,
        *(f"region:{r}" for r in regions),
        *(f"city:{c}" for c in sorted(geography.cities)),
        *(f"park:{p}" for p in sorted(geography.parks)),
    ]


# --- pieces -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Population:
    """A census population: ``kind`` "legal" (country, regions) or "municipal" (a city's
    commune), and its share of the national legal population of the same census."""

    census: str
    value: int
    kind: str
    national: int
    share: float  # percent
    commune: str | None = None  # the commune's name in HCP's tables (cities, parks)


@dataclass(frozen=True)
class Share:
    """A figure's share of the national figure of the same indicator and period, as an
    interval in percent, with the two figures it comes from."""

    indicator: str
    period: str
    place_row: dict
    national_row: dict
    span: Interval


@dataclass(frozen=True)
class PerLabour:
    """A whole-place figure per 1,000 people in the census labour force."""

    indicator: str
    row: dict
    census: str
    labour_force: float
    span: Interval


@dataclass(frozen=True)
class Position:
    """The place's ranked row (rank_best, rank_worst, of, overlapping, value, bound...)
    among places of its kind on one indicator, in ``period`` (a ``ranking.Period``)."""

    indicator: str
    period: object
    row: dict
    ranked: pd.DataFrame


@dataclass(frozen=True)
class Profile:
    geo: str
    kind: str
    choice: PlaceChoice
    region: str | None  # the 2015 region it lies in (itself for a region)
    city: str | None  # the city (a park's city; itself for a city)
    cities: tuple[str, ...]  # cities in it (a region's; the country's all)
    parks: tuple[str, ...]  # parks in it
    point: tuple[float, float] | None
    population: tuple[Population, ...]
    commune: tuple  # census.CommuneMatch per census (cities and parks' cities)
    labour: tuple  # census.CensusFigure of the place (its region's for none)
    national_labour: tuple
    labour_scope: str | None  # "country", "region", "commune" or None
    headlines: tuple[tuple[str, pd.DataFrame], ...]  # (family key, claims side by side)
    positions: tuple[Position, ...]
    shares: tuple[Share, ...]
    per_labour: tuple[PerLabour, ...]
    figures: pd.DataFrame  # recorded figures at the place and inside it
    promises: pd.DataFrame  # ledger rows at the place and inside it
    milestones: pd.DataFrame
    sources: tuple[str, ...]
    inside: tuple[str, ...] = field(default=())


# --- the maths ------------------------------------------------------------------------
def _divide(num: Interval, den: Interval, scale: float) -> Interval | None:
    """[num.lo / den.hi, num.hi / den.lo] x scale; None when the denominator may be 0."""
    if den.lo <= 0:
        return None
    lo = 0.0 if den.hi == math.inf else num.lo / den.hi * scale
    hi = math.inf if num.hi == math.inf else num.hi / den.lo * scale
    return Interval(lo, hi, num.lo_open or den.hi_open, num.hi_open or den.lo_open)


def share(place_value, place_bound, national_value, national_bound) -> Interval | None:
    """The share (percent) a figure is of another, bounds kept as intervals: exact 1,000
    of exact 20,000 is [5, 5]; "< 300" of "> 30,000" is [0, 1) %; None when the national
    figure could be zero."""
    place, whole = interval(place_value, place_bound), interval(national_value, national_bound)
    return _divide(place, whole, 100)


def per_thousand(value, bound, labour_force: float) -> Interval | None:
    """A figure per 1,000 people of a labour force (an exact census count)."""
    return _divide(interval(value, bound), Interval(labour_force, labour_force), 1000)


def _own(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that are not a company's own figures."""
    return frame[frame["operator"].isna() | (frame["operator"] == "")]


def headlines(recorded: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Per family: the widest place's latest figures of one indicator, every claim kept
    (see the module's rules); the newest families first."""
    rows = _own(recorded)
    if rows.empty:
        return []
    rows = rows.assign(
        _family=[
            f if isinstance(f, str) else i
            for f, i in zip(rows["family"], rows["indicator"], strict=True)
        ],
        _scope=rows["geo_kind"].map(lambda k: SCOPE_RANK.get(k, -1) if k != "country" else -1),
    )
    out = []
    for family, group in rows.groupby("_family", sort=True):
        widest = group[group["_scope"] == group["_scope"].min()]
        latest = widest[widest["period_end"] == widest["period_end"].max()]
        head = latest.sort_values(["indicator", "geo"]).iloc[0]
        claims = latest[(latest["indicator"] == head["indicator"]) & (latest["geo"] == head["geo"])]
        out.append((str(family), claims.drop(columns=["_family", "_scope"])))
    out.sort(key=lambda item: (item[1]["period_end"].max(), item[0]), reverse=True)
    return out


def shares(place_rows: pd.DataFrame, national: pd.DataFrame) -> list[Share]:
    """Shares of the national figure for the place's own figures (``place_rows``) where
    the country has the same indicator and period."""
    out = []
    national = _own(national)
    for row in _own(place_rows).to_dict("records"):
        same = national[
            (national["indicator"] == row["indicator"]) & (national["period"] == row["period"])
        ]
        for nat in same.to_dict("records"):
            span = share(row["value"], row["bound"], nat["value"], nat["bound"])
            if span is not None:
                out.append(Share(row["indicator"], row["period"], row, nat, span))
    return out


def _labour_force(figures, year: str) -> float | None:
    for figure in figures:
        if figure.key == "labour_force" and figure.census == year:
            return figure.value
    return None


def per_labour(own_rows: pd.DataFrame, labour) -> list[PerLabour]:
    """Headcount stocks (unit jobs, a family, not a flow) of the place's own, per 1,000 people in
    the labour force of the census nearest each figure's period."""
    out = []
    rows = _own(own_rows)
    if len(rows):  # a family says what is counted; an indicator without one is not ratioed
        stock = (rows["unit"] == "jobs") & ~rows["flow"].astype(bool)
        rows = rows[stock & rows["family"].map(lambda f: isinstance(f, str))]
    for row in rows.to_dict("records"):
        year = census_year_for(row["period_start"])
        force = _labour_force(labour, str(year)) if year else None
        if force:
            span = per_thousand(row["value"], row["bound"], force)
            if span is not None:
                out.append(PerLabour(row["indicator"], row, str(year), force, span))
    return out


# --- position ---------------------------------------------------------------------------
def positions(ds: Dataset, geo: str, kind: str, own_rows: pd.DataFrame) -> list[Position]:
    """The place's rank on each indicator it has a figure of its own for (see rules)."""
    from indicators.analysis import ranking

    if kind == "country" or own_rows.empty:
        return []
    out = []
    own = _own(own_rows)
    for indicator in sorted(set(own["indicator"])):
        claims = ds.region_claims(indicator, None, OBSERVED)
        mine = own[own["indicator"] == indicator]
        end = max(e.year for e in mine["period_end"])
        candidates = [
            ranking.Period(end - RANK_WIDTH + 1, end),
            ranking.default_period(claims, width=RANK_WIDTH, scope=kind),
        ]
        found = []
        for period in candidates:
            if period is None:
                continue
            ranked = ranking.rank(ranking.entries(claims, period, kind))
            row = ranking.rank_of(ranked, geo)
            if row is not None:
                found.append(Position(indicator, period, row, ranked))
        # The window of the place's latest figure, unless it holds no other place and the
        # ranking's default window does.
        best = [p for p in found if p.row["of"] > 1] or found
        if best:
            out.append(best[0])
    return out


# --- the profile ------------------------------------------------------------------------
def _commune_names(city) -> list[str]:
    return [city.name.fr, city.name.en or "", *city.aliases]


def build_profile(ds: Dataset, ledger: pd.DataFrame, choice: PlaceChoice) -> Profile:
    geography = ds.geography
    geo = choice.geo
    kind, _, ident = geo.partition(":")
    region, _ = geography.region_of(geo)
    city = geography.city_of(geo)
    if kind == "country":
        cities = tuple(sorted(geography.cities))
        parks = tuple(sorted(geography.parks))
    elif kind == "region":
        cities = tuple(sorted(c for c, v in geography.cities.items() if v.region == ident))
        parks = tuple(sorted(p for p, v in geography.parks.items() if v.city in cities))
    elif kind == "city":
        cities = ()
        parks = tuple(sorted(p for p, v in geography.parks.items() if v.city == ident))
    else:
        cities, parks = ((city,) if city else ()), ()

    national_pop = census.population("country")
    population: list[Population] = []
    commune: list = []
    labour: list = []
    labour_scope = None
    if kind == "country":
        labour, labour_scope = census.labour_pool("country"), "country"
        population = [
            Population(year, value, "legal", value, 100.0) for year, value in national_pop.items()
        ]
    elif kind == "region":
        code = geography.regions[ident].code
        labour, labour_scope = census.labour_pool("region", code), "region"
        population = [
            Population(year, value, "legal", national_pop[year], value / national_pop[year] * 100)
            for year, value in census.population("region", code).items()
            if year in national_pop
        ]
    elif city and region:
        info = geography.cities[city]
        code = geography.regions[region].code
        for year in census.CENSUSES:
            match = census.match_commune(_commune_names(info), code, year)
            commune.append(match)
            if match.code is None:
                continue
            labour += census.labour_pool("commune", match.code, (year,))
            value = census.population("commune", match.code, "municipal", (year,)).get(year)
            if value and year in national_pop:
                share_pc = value / national_pop[year] * 100
                population.append(
                    Population(year, value, "municipal", national_pop[year], share_pc, match.name)
                )
        labour_scope = "commune" if labour else None

    view = place_view(ds, ledger, geo)
    figures = view.recorded.sort_values(["indicator", "period_start"])
    own = figures[figures["geo"] == geo]
    national = with_families(ds.national(OBSERVED), ds.indicators)
    source_ids = (
        set(figures["source"]) | set(view.milestones["source"]) | set(view.promises["source"])
    )
    headline_list = headlines(figures)
    known = [s for s in ds.sources.sort_values(["published", "id"])["id"] if s in source_ids]
    return Profile(
        geo=geo,
        kind=kind,
        choice=choice,
        region=region if kind != "country" else None,
        city=city,
        cities=cities,
        parks=parks,
        point=geography.point(geo),
        population=tuple(population),
        commune=tuple(commune),
        labour=tuple(labour),
        national_labour=tuple(census.labour_pool("country")),
        labour_scope=labour_scope,
        headlines=tuple(headline_list),
        positions=tuple(positions(ds, geo, kind, own)),
        shares=tuple(shares(own, national)) if kind != "country" else (),
        per_labour=tuple(per_labour(_headline_rows(headline_list, geo), labour))
        if kind in ("country", "region")
        else (),
        figures=figures,
        promises=view.promises,
        milestones=view.milestones.sort_values("start_date"),
        sources=tuple(known),
        inside=tuple(view.inside),
    )


def _headline_rows(items, geo: str) -> pd.DataFrame:
    frames = [rows[rows["geo"] == geo] for _, rows in items]
    return pd.concat(frames) if frames else pd.DataFrame(columns=["operator", "unit", "flow"])


def profile_figures(profile: Profile) -> pd.DataFrame:
    """The place's recorded figures as a plain table (the CSV download): one row per
    claim with its place, period, value, bound, unit, status, claimant and source."""
    columns = [
        "geo",
        "place_fr",
        "place_en",
        "indicator",
        "period",
        "value",
        "bound",
        "unit",
        "status",
        "claimant",
        "operator",
        "source",
        "quote",
    ]
    return profile.figures[columns].reset_index(drop=True)
