"""What the Outlook page shows of one place: its promises, figures and milestones, and
those of the places inside it. Matching stays per place (``promises.py``): a view only
gathers what a reader of that place wants to see."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.analysis.dataset import OBSERVED, Dataset
from indicators.analysis.promises import VERDICTS, with_families
from indicators.data.geography import COUNTRY, Geography, normalize

KIND_ORDER = {"country": 0, "region": 1, "city": 2, "park": 3}


def in_place(frame: pd.DataFrame, geo: str, geography: Geography) -> pd.Series:
    """Rows of ``frame`` (observations, milestones or ledger) at ``geo`` or inside it:
    a city shows its parks, a region its cities and parks (and its 1997 predecessor's
    figures drawn on it)."""
    kind, _, ident = geo.partition(":")
    mask = frame["geo"] == geo
    if kind == "city":
        mask |= frame["city"] == ident
    elif kind == "region" and ident in geography.regions:
        mask |= frame["region"] == ident
    elif kind == "region" and ident in geography.regions_1997:
        cities = {cid for cid, c in geography.cities.items() if c.region_1997 == ident}
        mask |= frame["city"].isin(cities)
    return mask


@dataclass(frozen=True)
class PlaceView:
    """One place's promises (ledger rows), recorded figures (with their family) and
    milestones, and the other places whose rows the view holds."""

    promises: pd.DataFrame
    recorded: pd.DataFrame
    milestones: pd.DataFrame
    inside: list[str]


def place_view(ds: Dataset, ledger: pd.DataFrame, geo: str) -> PlaceView:
    geography = ds.geography
    mine = ledger[in_place(ledger, geo, geography)].sort_values(["horizon_end", "geo"])
    obs = ds.observations
    recorded = obs[obs["status"].isin(OBSERVED) & in_place(obs, geo, geography)]
    recorded = with_families(recorded, ds.indicators)
    milestones = ds.milestones[in_place(ds.milestones, geo, geography)]
    inside = sorted((set(mine["geo"]) | set(recorded["geo"]) | set(milestones["geo"])) - {geo})
    return PlaceView(mine, recorded, milestones, inside)


def places(ledger: pd.DataFrame, geography: Geography) -> pd.DataFrame:
    """Every place with a promise of its own or inside it, with how many each view holds,
    countries first, then regions, cities and parks, by name.

    Columns: geo, kind, promises (in the view), own."""
    columns = ["geo", "kind", "promises", "own"]
    if ledger.empty:
        return pd.DataFrame(columns=columns)
    wanted: set[str] = set()
    for place in set(ledger["geo"]):
        wanted.add(place)
        city = geography.city_of(place)
        if city:
            wanted.add(f"city:{city}")
        region, region_1997 = geography.region_of(place)
        if region:
            wanted.add(f"region:{region}")
        if region_1997:
            wanted.add(f"region:{region_1997}")
    rows = [
        {
            "geo": place,
            "kind": place.partition(":")[0],
            "promises": int(in_place(ledger, place, geography).sum()),
            "own": int((ledger["geo"] == place).sum()),
        }
        for place in wanted
    ]
    out = pd.DataFrame(rows, columns=columns)
    order = [
        (KIND_ORDER.get(kind, 9), normalize(geography.label(geo, "fr")))
        for geo, kind in zip(out["geo"], out["kind"], strict=True)
    ]
    out["_order"] = order
    return out.sort_values("_order").drop(columns="_order").reset_index(drop=True)


def default_place(options: pd.DataFrame) -> str | None:
    """The place whose view holds most promises, the country aside (the national
    scenario already covers it); ties go to the place with most promises of its own."""
    if options.empty:
        return None
    pool = options[options["geo"] != COUNTRY]
    pool = pool if len(pool) else options
    best = pool.sort_values(["promises", "own", "geo"], ascending=[False, False, True])
    return str(best.iloc[0]["geo"])


def place_comparison(ledger: pd.DataFrame) -> pd.DataFrame:
    """For each place with promises: how many are met, missed, pending, unknown or not
    comparable. Counted per place (a park's promises are the park's, not its city's)."""
    columns = ["geo", "geo_kind", "place_fr", "place_en", "place_ar", *VERDICTS, "total"]
    if ledger.empty:
        return pd.DataFrame(columns=columns)
    counts = (
        ledger.groupby(["geo", "geo_kind", "place_fr", "place_en", "place_ar"])["verdict"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=list(VERDICTS), fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    counts["total"] = counts[list(VERDICTS)].sum(axis=1)
    counts = counts.sort_values(["total", "met", "geo"], ascending=[False, False, True])
    return counts[columns].reset_index(drop=True)
