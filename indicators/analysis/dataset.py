"""The Dataset: tidy pandas frames of every valid record, and the queries pages need."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.data.geography import COUNTRY, Geography, arabic
from indicators.data.loading import DEFAULT_MAX_FILE_BYTES, Records, load_folder
from indicators.data.problems import Problem

OBSERVATION_COLUMNS = [
    "indicator",
    "geo",
    "geo_kind",
    "place_fr",
    "place_en",
    "place_ar",
    "region",
    "region_1997",
    "city",
    "period",
    "period_start",
    "period_end",
    "period_precision",
    "year",
    "value",
    "bound",
    "status",
    "unit",
    "source",
    "quote",
    "claimant",
    "operator",
    "note",
    "period_inferred",
    "derivation",
    "file",
    "line",
]
MILESTONE_COLUMNS = [
    "id",
    "title_fr",
    "title_en",
    "title_ar",
    "kind",
    "geo",
    "geo_kind",
    "place_fr",
    "place_en",
    "place_ar",
    "region",
    "city",
    "start",
    "end",
    "start_date",
    "end_date",
    "precision",
    "approximate",
    "uncertain",
    "inferred",
    "status",
    "route",
    "operator",
    "claimant",
    "quote",
    "note",
    "source",
    "file",
    "line",
]
SOURCE_TABLE_COLUMNS = [
    "id",
    "title",
    "publisher",
    "published",
    "published_start",
    "published_inferred",
    "language",
    "url",
    "accessed",
    "author",
    "corpus_ref",
    "notes",
    "file",
    "line",
]
INDICATOR_COLUMNS = [
    "id",
    "label_fr",
    "label_en",
    "label_ar",
    "unit",
    "description_fr",
    "description_en",
    "description_ar",
    "topic",
    "family",
    "coverage",
    "flow",
]
REGION_COLUMNS = [
    "id",
    "code",
    "name_fr",
    "name_ar",
    "population_2014",
    "population_2024",
    "aliases",
]
CITY_COLUMNS = ["id", "name_fr", "name_en", "name_ar", "lat", "lon", "region", "region_1997"]
PARK_COLUMNS = ["id", "name", "city", "lat", "lon", "region"]
OBSERVED = ("observed", "declared")
PROJECTED = ("target", "forecast", "potential")
# Which scope of place speaks best for a region when several do (lower is better).
SCOPE_RANK = {"region": 0, "region_1997": 1, "city": 2, "park": 3}
# What a figure covers, widest first (the ``geo_kind`` column).
SCOPES = ("country", "region", "region_1997", "city", "park")
# Derived results kept per Dataset (figures, tables, the ledger): enough for every page in
# three languages with many choices, a few MB each at most.
MEMO_SIZE = 512


@dataclass
class Dataset:
    """One data version as pandas frames, one row per valid record, with the place names,
    regions and source citations joined on; and what the pages compute from it, computed
    once and shared by every session (``derived``)."""

    records: Records
    data_dir: Path | None = None
    observations: pd.DataFrame = field(init=False)
    milestones: pd.DataFrame = field(init=False)
    sources: pd.DataFrame = field(init=False)
    indicators: pd.DataFrame = field(init=False)
    regions: pd.DataFrame = field(init=False)
    cities: pd.DataFrame = field(init=False)
    parks: pd.DataFrame = field(init=False)

    def __post_init__(self):
        geo = self.geography
        self.sources = _table(
            [
                {
                    **item.record.model_dump(exclude={"published", "accessed"}),
                    "published": str(item.record.published or ""),
                    "published_start": item.record.published.start
                    if item.record.published
                    else None,
                    "accessed": str(item.record.accessed or ""),
                    "file": item.file,
                    "line": item.line,
                }
                for item in self.records.sources.values()
            ],
            SOURCE_TABLE_COLUMNS,
        )
        self.indicators = _table(
            [
                {
                    "id": r.id,
                    "label_fr": r.label.fr,
                    "label_en": r.label.en,
                    "label_ar": arabic(r.label.ar, r.label.fr),
                    "unit": r.unit,
                    "description_fr": r.description.fr,
                    "description_en": r.description.en,
                    "description_ar": arabic(r.description.ar, r.description.fr),
                    "topic": r.topic,
                    "family": r.family,
                    "coverage": r.coverage,
                    "flow": r.flow,
                }
                for r in (item.record for item in self.records.indicators.values())
            ],
            INDICATOR_COLUMNS,
        )
        self.regions = _table(
            [
                {"id": rid, **geo.census[rid], "aliases": list(r.aliases)}
                for rid, r in sorted(geo.regions.items(), key=lambda kv: kv[1].code)
                if rid in geo.census
            ],
            REGION_COLUMNS,
        )
        self.cities = _table(
            [
                {
                    "id": cid,
                    "name_fr": c.name.fr,
                    "name_en": c.name.en or c.name.fr,
                    "name_ar": c.name.ar,
                    "lat": c.lat,
                    "lon": c.lon,
                    "region": c.region,
                    "region_1997": c.region_1997,
                }
                for cid, c in geo.cities.items()
            ],
            CITY_COLUMNS,
        )
        parks = []
        for pid, p in geo.parks.items():
            lat, lon = geo.point(f"park:{pid}") or (None, None)
            region = geo.region_of(f"park:{pid}")[0]
            parks.append(
                {
                    "id": pid,
                    "name": p.name,
                    "city": p.city,
                    "lat": lat,
                    "lon": lon,
                    "region": region,
                }
            )
        self.parks = _table(parks, PARK_COLUMNS)
        units = {iid: item.record.unit for iid, item in self.records.indicators.items()}
        rows = []
        for item, source in self.records.observations:
            obs = item.record
            region, region_1997 = geo.region_of(obs.geo)
            kind = obs.geo.partition(":")[0]
            rows.append(
                {
                    "indicator": obs.indicator,
                    "geo": obs.geo,
                    "geo_kind": "region_1997" if region_1997 else kind,
                    "place_fr": geo.label(obs.geo, "fr"),
                    "place_en": geo.label(obs.geo, "en"),
                    "place_ar": geo.label(obs.geo, "ar"),
                    "region": region,
                    "region_1997": region_1997,
                    "city": geo.city_of(obs.geo),
                    "period": obs.period.text,
                    "period_start": obs.period.start,
                    "period_end": obs.period.end,
                    "period_precision": obs.period.precision,
                    "year": obs.period.mid_year,
                    "value": float(obs.value),
                    "bound": obs.bound,
                    "status": obs.status,
                    "unit": units[obs.indicator],
                    "source": source,
                    "quote": obs.quote,
                    "claimant": obs.claimant,
                    "operator": obs.operator,
                    "note": obs.note,
                    "period_inferred": obs.period_inferred,
                    "derivation": obs.derivation,
                    "file": item.file,
                    "line": item.line,
                }
            )
        self.observations = _table(rows, OBSERVATION_COLUMNS)
        rows = []
        for item, source in self.records.milestones:
            ms = item.record
            end = ms.end or ms.start
            rows.append(
                {
                    "id": ms.id,
                    "title_fr": ms.title.fr,
                    "title_en": ms.title.en,
                    "title_ar": arabic(ms.title.ar, ms.title.fr),
                    "kind": ms.kind,
                    "geo": ms.geo,
                    "geo_kind": ms.geo.partition(":")[0],
                    "place_fr": geo.label(ms.geo, "fr"),
                    "place_en": geo.label(ms.geo, "en"),
                    "place_ar": geo.label(ms.geo, "ar"),
                    "region": geo.region_of(ms.geo)[0],
                    "city": geo.city_of(ms.geo),
                    "start": ms.start.text,
                    "end": ms.end.text if ms.end else "",
                    "start_date": ms.start.start,
                    "end_date": end.end,
                    "precision": ms.start.precision,
                    "approximate": ms.start.approximate or bool(ms.end and ms.end.approximate),
                    "uncertain": ms.start.uncertain or bool(ms.end and ms.end.uncertain),
                    "inferred": ms.inferred,
                    "status": ms.status,
                    "route": list(ms.route or []),
                    "operator": ms.operator,
                    "claimant": ms.claimant,
                    "quote": ms.quote,
                    "note": ms.note,
                    "source": source,
                    "file": item.file,
                    "line": item.line,
                }
            )
        self.milestones = _table(rows, MILESTONE_COLUMNS)
        for frame in (self.observations, self.milestones):
            _add_source_columns(frame, self.sources)

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def from_folder(cls, data_dir, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Dataset:
        return cls(load_folder(data_dir, max_bytes), Path(data_dir))

    # --- facts ----------------------------------------------------------------------------
    @property
    def geography(self) -> Geography:
        return self.records.geography

    @property
    def problems(self) -> list[Problem]:
        return self.records.problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.records.counts)

    def memo(self, key, compute):
        """A derived result computed once per Dataset: the Store builds a new Dataset when
        the data changes, so nothing here goes stale. The Dataset is shared by every
        session (threads) of a process, so the results are too; the least recently used
        go beyond ``MEMO_SIZE``, so that readers' many choices cannot fill the memory."""
        memo = self.__dict__.setdefault("_memo", OrderedDict())
        lock = self.__dict__.setdefault("_memo_lock", threading.Lock())
        with lock:
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = compute()  # outside the lock: two sessions may compute it once each
        with lock:
            memo[key] = value
            while len(memo) > MEMO_SIZE:
                memo.popitem(last=False)
        return value

    def derived(self, compute, *args):
        """``compute(self, *args)``, once per Dataset (so once per data version) and shared
        by every session: what does not depend on the reader (figures, tables, the ledger
        for given choices) is not redone on each rerun. ``args`` are the reader's choices
        (hashable); a caller must not change what it gets back."""
        key = (compute.__module__, compute.__qualname__, args)
        return self.memo(key, lambda: compute(self, *args))

    @functools.cached_property
    def _indicators_by_id(self) -> dict[str, dict]:
        # Pages look labels up once per row: a dict, not a DataFrame filter per call.
        return {row["id"]: row for row in self.indicators.to_dict("records")}

    @functools.cached_property
    def _sources_by_id(self) -> dict[str, dict]:
        return {row["id"]: row for row in self.sources.to_dict("records")}

    def indicator(self, indicator_id: str) -> dict | None:
        return self._indicators_by_id.get(indicator_id)

    def indicator_label(self, indicator_id: str, lang: str) -> str:
        info = self.indicator(indicator_id)
        return info[f"label_{lang}"] if info else indicator_id

    def source(self, source_id: str) -> dict | None:
        return self._sources_by_id.get(source_id)

    # --- queries --------------------------------------------------------------------------
    def national(self, statuses=OBSERVED, operators: bool = False) -> pd.DataFrame:
        """National figures, oldest first. A company's own figures (Webhelp's staff in
        Morocco...) are not the sector's: left out unless ``operators``."""
        obs = self.observations
        mask = (obs["geo"] == COUNTRY) & obs["status"].isin(statuses)
        if not operators:
            mask &= obs["operator"].isna() | (obs["operator"] == "")
        return obs[mask].sort_values(["period_start", "indicator"]).reset_index(drop=True)

    def indicators_with_regional_data(self, statuses=OBSERVED) -> list[str]:
        """Indicators that at least one region (or a place in it) has a figure for,
        the most widely covered first."""
        obs = self.observations
        obs = obs[obs["region"].notna() & obs["status"].isin(statuses)]
        counts = obs.groupby("indicator")["region"].nunique().sort_values(ascending=False)
        return list(counts.index)

    def region_claims(self, indicator: str, regions=None, statuses=OBSERVED) -> pd.DataFrame:
        """Every figure of ``indicator`` recorded for a region or a place in it.

        One row per claim: conflicting claims stay side by side, nothing is averaged.
        ``scope`` says what the figure covers (the region, a 1997 region drawn on its
        successor, a city, a park).
        """
        obs = self.observations
        mask = (obs["indicator"] == indicator) & obs["region"].notna()
        mask &= obs["status"].isin(statuses)
        if regions:
            mask &= obs["region"].isin(list(regions))
        claims = obs[mask].copy()
        claims["scope"] = claims["geo_kind"]
        return claims.sort_values(["region", "period_start", "value"]).reset_index(drop=True)


def _table(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A frame of exactly ``columns``, in their order, even with no rows. The rows are built
    by one dict literal each, so the first row's keys must be those columns (in any order):
    pandas would silently drop another key and fill a missing one with NaN."""
    if rows and set(rows[0]) != set(columns):
        raise ValueError(f"rows and columns differ: {sorted(set(rows[0]) ^ set(columns))}")
    return pd.DataFrame(rows, columns=columns)


# What a reader's citation of a figure's source needs, copied onto each figure and
# milestone ("Les ECO, 18 janv. 2011" is written from them in render/provenance.py).
SOURCE_COLUMNS = {
    "publisher": "source_publisher",
    "published": "source_published",
    "published_inferred": "source_published_inferred",
    "url": "source_url",
}


def _add_source_columns(frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    by_id = sources.set_index("id")
    for column, name in SOURCE_COLUMNS.items():
        frame[name] = frame["source"].map(by_id[column]) if len(by_id) else None


def census_year_for(period_start) -> int | None:
    """The census (2014 or 2024) nearest a period: 2014 up to 2018, 2024 from 2019."""
    if period_start is None or period_start != period_start:
        return None
    return 2014 if period_start.year <= 2018 else 2024
