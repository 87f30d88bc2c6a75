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
