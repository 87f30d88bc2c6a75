"""The pages' questions (indicators.analysis.queries), asked of the real curated data and
of small SYNTHETIC frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from indicators.analysis import queries


def synthetic_obs() -> pd.DataFrame:
    """SYNTHETIC observations: three figures, two indicators, two periods."""
    return pd.DataFrame(
        {
            "indicator": ["jobs", "jobs", "seats"],
            "geo_kind": ["city", "country", "region"],
            "status": ["observed", "target", "declared"],
            "quote": ["À Fès, 300 emplois.", "Objectif national.", "Meknès compte 50 sièges."],
            "place_fr": ["Fès", "Maroc", "Fès-Meknès"],
            "place_en": ["Fez", "Morocco", "Fez-Meknes"],
            "source": ["synthetic-a", "synthetic-b", "synthetic-a"],
            "period_end": [dt.date(2019, 12, 31), dt.date(2020, 12, 31), dt.date(2019, 12, 31)],
        }
    )


def test_search_ignores_accents_case_and_language_of_the_place_name():
    obs = synthetic_obs()
    for needle in ("fes", "FÈS", "Fez"):
        found = queries.filter_observations(obs, text=needle)
        assert "Fès" in set(found["place_fr"]), needle
    assert list(queries.filter_observations(obs, text="meknes")["place_fr"]) == ["Fès-Meknès"]
    assert queries.filter_observations(obs, text="casablanca").empty


def test_filters_combine_and_an_empty_filter_keeps_everything():
    obs = synthetic_obs()
    assert len(queries.filter_observations(obs)) == 3
    kept = queries.filter_observations(obs, indicators=["jobs"], statuses=["observed"])
    assert list(kept["quote"]) == ["À Fès, 300 emplois."]
    assert queries.filter_observations(obs, kinds=["park"]).empty


def test_latest_per_indicator_keeps_every_claim_of_the_latest_period():
    obs = synthetic_obs()
    extra = obs.iloc[[0]].assign(quote="Another claim, same period.")  # SYNTHETIC
    frame = pd.concat([obs, extra], ignore_index=True)
    latest = queries.latest_per_indicator(frame)
    assert [indicator for indicator, _ in latest] == ["jobs", "seats"]  # newest first
    jobs = dict(latest)["jobs"]
    assert list(jobs["period_end"]) == [dt.date(2020, 12, 31)]
    seats = queries.latest_per_indicator(frame[frame["indicator"] == "seats"])
    assert len(seats[0][1]) == 1
    older = frame[frame["period_end"] == dt.date(2019, 12, 31)]
    assert len(dict(queries.latest_per_indicator(older))["jobs"]) == 2  # both claims kept


def test_series_drops_indicators_with_a_single_point():
    obs = synthetic_obs()
    assert set(queries.series(obs, min_points=2)["indicator"]) == {"jobs"}
    assert len(queries.series(obs, min_points=1)) == 3


def test_matching_sources_searches_quotes_and_ignores_accents(real_dataset):
    ds = real_dataset
    every = queries.matching_sources(ds, "")
    assert len(every) == len(ds.sources)
    seed = "leseco-2011-01-18-souss-offshoring"
    hits = queries.matching_sources(ds, "Jusque-la, plus de 30.000 positions")
    assert seed in hits
    assert set(hits) <= set(every)
    assert queries.matching_sources(ds, "zzz-no-such-text") == []


def test_city_summary_counts_each_city_records(real_dataset):
    ds = real_dataset
    summary = queries.city_summary(ds).set_index("city")
    obs, ms = ds.observations, ds.milestones
    assert summary.loc["agadir", "figures"] == (obs["city"] == "agadir").sum() > 0
    assert summary.loc["agadir", "milestones"] == (ms["city"] == "agadir").sum()
    assert summary.loc["agadir", "region"] == "souss-massa"
    assert set(summary.index) == set(obs["city"].dropna()) | set(ms["city"].dropna())


def test_derived_results_are_kept_per_dataset_and_bounded(monkeypatch):
    from indicators.analysis import dataset as dataset_module
    from indicators.analysis.dataset import Dataset
    from tests.conftest import SYNTHETIC_BASE

    calls = []

    def count_regions(ds, scope):
        calls.append(scope)
        return [r for r in ds.observations["region"] if r]

    first = Dataset.from_folder(SYNTHETIC_BASE)  # the SYNTHETIC base folder
    a = first.derived(count_regions, "x")
    assert first.derived(count_regions, "x") is a and calls == ["x"]  # once, then shared
    first.derived(count_regions, "y")
    assert calls == ["x", "y"]  # another choice is another result
    second = Dataset.from_folder(SYNTHETIC_BASE)  # what the Store builds after an edit
    second.derived(count_regions, "x")
    assert calls == ["x", "y", "x"]  # a new data version computes again

    monkeypatch.setattr(dataset_module, "MEMO_SIZE", 2)
    first.derived(count_regions, "z")  # x, y, z: x (least recently used) goes
    assert first.derived(count_regions, "y") is not None and calls[-1] == "z"
    first.derived(count_regions, "x")
    assert calls[-1] == "x"  # recomputed: it had gone


def test_the_same_figure_from_several_articles_is_one_group():
    # SYNTHETIC claims: two articles repeat 18,500; a third says 20,000; a fourth says
    # 18,500 too but as a target (another status): four claims, three figures.
    base = {"geo": "country:ma", "period": "2019", "value": 18500.0, "bound": "exact"}
    base |= {"unit": "jobs", "status": "observed"}
    claims = [
        {**base, "source": "synthetic-a"},
        {**base, "value": 20000.0, "source": "synthetic-b"},
        {**base, "source": "synthetic-c"},
        {**base, "status": "target", "source": "synthetic-d"},
    ]
    groups = queries.same_figures(claims)
    assert [[c["source"] for c in g] for g in groups] == [
        ["synthetic-a", "synthetic-c"],
        ["synthetic-b"],
        ["synthetic-d"],
    ]
    assert queries.same_figures([]) == []


def test_the_dataset_s_tables_keep_their_columns_and_refuse_a_drifted_row():
    from indicators.analysis.dataset import OBSERVATION_COLUMNS, _table

    empty = _table([], OBSERVATION_COLUMNS)  # no figure yet: the page still finds its columns
    assert list(empty.columns) == OBSERVATION_COLUMNS and empty.empty
    row = dict.fromkeys(reversed(OBSERVATION_COLUMNS), "x")  # SYNTHETIC, keys in any order
    assert list(_table([row], OBSERVATION_COLUMNS).columns) == OBSERVATION_COLUMNS
    for drifted in ({**row, "valeur": 1}, {k: v for k, v in row.items() if k != "bound"}):
        with pytest.raises(ValueError, match=r"valeur|bound"):
            _table([drifted], OBSERVATION_COLUMNS)
