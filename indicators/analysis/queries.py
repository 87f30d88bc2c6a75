"""The questions the pages ask of the data, without Streamlit and without a language.

Pages read their widgets and call these; each answer is a frame or a list of ids, tested
on its own (tests/test_queries.py).
"""

from __future__ import annotations

import pandas as pd

from indicators.data.geography import normalize

# Columns searched by the Data page's free text: the quote, the place (both languages),
# the indicator and the source.
SEARCHED = ("quote", "place_fr", "place_en", "place_ar", "indicator", "source")


def _matches(frame: pd.DataFrame, columns, needle: str) -> pd.Series:
    """Rows where any of ``columns`` holds ``needle``, ignoring case and accents."""
    wanted = normalize(needle)
    found = pd.Series(False, index=frame.index)
    for column in columns:
        if column in frame:
            text = frame[column].fillna("").astype(str).map(normalize)
            found |= text.str.contains(wanted, regex=False)
    return found


def filter_observations(
    obs: pd.DataFrame, indicators=(), kinds=(), statuses=(), text: str = ""
) -> pd.DataFrame:
    """The observations kept by the Data page's filters; an empty filter keeps all."""
    mask = pd.Series(True, index=obs.index)
    if indicators:
        mask &= obs["indicator"].isin(indicators)
    if kinds:
        mask &= obs["geo_kind"].isin(kinds)
    if statuses:
        mask &= obs["status"].isin(statuses)
    if text.strip():
        mask &= _matches(obs, SEARCHED, text.strip())
    return obs[mask]


def place_synonyms(geography, text: str) -> list[str]:
    """The search itself, then every name of the place it names, if it names one: "Fez"
    -> ["Fez", "fes", "Fès", ...], so a search finds a place under its French or
    English name (and its aliases)."""
    text = text.strip()
    terms = [text] if text else []
    for kind in ("city", "region", "park"):
        ident = geography.match(kind, text) if text else None
        if ident:
            terms += [name for name in geography.names(kind).get(ident, []) if name]
    return list(dict.fromkeys(terms))


def search_observations(
    obs: pd.DataFrame, geography, text: str, indicators: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The observations that hold ``text`` (``filter_observations``' search), or any name
    of the place it names, or whose indicator's name (French or English, in
    ``indicators``) holds it."""
    terms = place_synonyms(geography, text)
    if not terms:
        return obs
    keep = pd.Series(False, index=obs.index)
    for term in terms:
        keep |= obs.index.isin(filter_observations(obs, text=term).index)
    if indicators is not None and len(indicators):
        named = indicators.loc[_matches(indicators, ("label_fr", "label_en"), text.strip()), "id"]
        keep |= obs["indicator"].isin(set(named))
    return obs[keep]


def matching_sources(ds, query: str) -> list[str]:
    """Ids of the sources whose title, publisher, id or any quote holds ``query`` (case
    and accents ignored), oldest first; every source for an empty query."""
    frame = ds.sources.sort_values(["published", "id"], na_position="first")
    if not query.strip():
        return list(frame["id"])
    hits = set(frame.loc[_matches(frame, ("title", "publisher", "id"), query), "id"])
    for table in (ds.observations, ds.milestones):
        hits |= set(table.loc[_matches(table, ("quote",), query), "source"])
    return [ident for ident in frame["id"] if ident in hits]


def city_summary(ds) -> pd.DataFrame:
    """One row per city with a figure or a milestone: ``city``, ``region``, ``figures``,
    ``milestones`` (counts of records)."""
    obs, ms = ds.observations, ds.milestones
    cities = sorted(set(obs["city"].dropna()) | set(ms["city"].dropna()))
    return pd.DataFrame(
        {
            "city": cities,
            "region": [ds.geography.cities[c].region for c in cities],
            "figures": [int((obs["city"] == c).sum()) for c in cities],
            "milestones": [int((ms["city"] == c).sum()) for c in cities],
        },
        columns=["city", "region", "figures", "milestones"],
    )


def city_figures(ds, city: str, statuses=("observed", "declared"), limit: int = 3) -> pd.DataFrame:
    """A city's headline figures for its summary: per indicator, every observed or
    declared claim of its latest period (the city's own or its parks'; two sources that
    disagree are both kept), the indicators with the newest figures first, at most
    ``limit`` indicators."""
    obs = ds.observations
    mine = obs[(obs["city"] == city) & obs["status"].isin(statuses)]
    kept = [rows for _, rows in latest_per_indicator(mine)[:limit]]
    return pd.concat(kept) if kept else mine.iloc[0:0]


def latest_per_indicator(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """For each indicator, its figures of the latest period (all claims of that period,
    side by side), the indicators with the newest figures first."""
    latest = []
    for indicator, rows in frame.groupby("indicator", sort=False):
        newest = rows[rows["period_end"] == rows["period_end"].max()]
        latest.append((newest["period_end"].max(), indicator, newest))
    latest.sort(key=lambda item: item[0], reverse=True)
    return [(indicator, rows) for _, indicator, rows in latest]


def series(frame: pd.DataFrame, min_points: int = 2) -> pd.DataFrame:
    """The rows of the indicators that have at least ``min_points`` figures."""
    sizes = frame.groupby("indicator")["indicator"].transform("size")
    return frame[sizes >= min_points]


SAME_FIGURE = ("geo", "period", "value", "bound", "unit", "status")


def same_figures(records: list[dict]) -> list[list[dict]]:
    """Claims grouped when they say the same thing (same place, period, value, bound,
    unit and status: one figure repeated by several articles), in their first order.
    Different figures stay apart: nothing is merged that disagrees."""
    groups: dict[tuple, list[dict]] = {}
    for record in records:
        groups.setdefault(tuple(record.get(k) for k in SAME_FIGURE), []).append(record)
    return list(groups.values())
