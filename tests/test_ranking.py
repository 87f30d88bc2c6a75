"""The ranking rules (indicators/analysis/ranking.py) on SYNTHETIC claims built here, and
on the real data where a rule must hold for what a reader sees."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from indicators.analysis.ranking import (
    Period,
    comparison,
    default_period,
    entries,
    per_100k,
    rank,
    rank_of,
    region_ranking,
    years,
)


def claim(region, value, bound="exact", year=2019, scope="region", geo=None, operator=None):
    """One SYNTHETIC claim row, as Dataset.region_claims gives them."""
    geo = geo or (f"region:{region}" if scope == "region" else f"{scope}:{region}-x")
    return {
        "region": region,
        "geo": geo,
        "scope": scope,
        "place_fr": geo,
        "place_en": geo,
        "value": float(value),
        "bound": bound,
        "period": str(year),
        "period_start": dt.date(year, 1, 1),
        "period_end": dt.date(year, 12, 31),
        "source": "synthetic",
        "operator": operator,
    }


def ranked(*rows, period=None, scope="region"):
    frame = rank(entries(pd.DataFrame(list(rows)), period, scope))
    return {row["region"]: row for row in frame.to_dict("records")}


def test_an_upper_bound_does_not_outrank_a_figure_inside_it():
    # "< 300" against 100: the order is uncertain, both share ranks 1-2.
    out = ranked(claim("a", 300, "upper"), claim("b", 100))
    assert (out["a"]["rank_best"], out["a"]["rank_worst"]) == (1, 2)
    assert (out["b"]["rank_best"], out["b"]["rank_worst"]) == (1, 2)
    assert out["a"]["overlapping"] == ["region:b"]


def test_an_upper_bound_below_a_figure_ranks_below_it():
    out = ranked(claim("a", 50, "upper"), claim("b", 100), claim("c", 10))
    assert (out["b"]["rank_best"], out["b"]["rank_worst"]) == (1, 1)
    assert (out["a"]["rank_best"], out["a"]["rank_worst"]) == (2, 3)  # [0, 50) vs 10
    assert out["a"]["overlapping"] == ["region:c"]


def test_an_upper_bound_at_a_figure_is_below_it():
    # [0, 100) is entirely below [100, 100].
    out = ranked(claim("a", 100, "upper"), claim("b", 100))
    assert out["b"]["rank_best"] == out["b"]["rank_worst"] == 1
    assert out["a"]["rank_best"] == out["a"]["rank_worst"] == 2


def test_a_lower_bound_above_every_figure_ranks_first_and_overlaps_larger_ones():
    out = ranked(claim("a", 80, "lower"), claim("b", 30), claim("c", 200))
    assert (out["a"]["rank_best"], out["a"]["rank_worst"]) == (1, 2)
    assert (out["c"]["rank_best"], out["c"]["rank_worst"]) == (1, 2)
    assert out["b"]["rank_best"] == out["b"]["rank_worst"] == 3


def test_approx_uses_the_ledger_tolerance():
    # ≈ 100 is [90, 110]: it overlaps 105, not 120.
    out = ranked(claim("a", 100, "approx"), claim("b", 105), claim("c", 120))
    assert out["c"]["rank_best"] == out["c"]["rank_worst"] == 1
    assert (out["a"]["rank_best"], out["a"]["rank_worst"]) == (2, 3)
    assert out["a"]["low"] == pytest.approx(90) and out["a"]["high"] == pytest.approx(110)


def test_equal_exact_figures_tie():
    out = ranked(claim("a", 10), claim("b", 10))
    assert (out["a"]["rank_best"], out["a"]["rank_worst"]) == (1, 2)


def test_ranked_frame_is_sorted_best_first_with_the_count():
    frame = rank(entries(pd.DataFrame([claim("a", 1), claim("b", 3), claim("c", 2)]), None))
    assert list(frame["region"]) == ["b", "c", "a"]
    assert set(frame["of"]) == {3}


def test_a_city_or_park_figure_does_not_rank_its_region():
    rows = [claim("a", 5000, scope="city"), claim("b", 10), claim("c", 9000, scope="park")]
    out = ranked(*rows)
    assert list(out) == ["b"]
    cities = ranked(*rows, scope="city")
    assert list(cities) == ["a"] and cities["a"]["geo"] == "city:a-x"


def test_a_company_figure_never_counts():
    out = ranked(claim("a", 900, operator="Webhelp"), claim("b", 10))
    assert list(out) == ["b"]


def test_conflicting_claims_of_one_period_widen_the_interval_not_average():
    out = ranked(claim("a", 1100), claim("a", 2000), claim("b", 1500))
    assert out["a"]["low"] == 1100 and out["a"]["high"] == 2000 and out["a"]["claims"] == 2
    assert out["a"]["bound"] == "range"
    assert (out["b"]["rank_best"], out["b"]["rank_worst"]) == (1, 2)


def test_the_latest_figure_in_the_period_is_the_entry():
    rows = [claim("a", 5, year=2009), claim("a", 1, year=2019), claim("b", 3, year=2018)]
    out = ranked(*rows, period=Period(2017, 2019))
    assert out["a"]["value"] == 1 and out["a"]["year"] == 2019
    only_2009 = ranked(*rows, period=Period(2009, 2009))
    assert list(only_2009) == ["a"] and only_2009["a"]["value"] == 5


def test_stale_marks_figures_much_older_than_the_newest():
    out = ranked(claim("a", 5, year=2004), claim("b", 3, year=2019), claim("c", 1, year=2016))
    assert out["a"]["stale"] and not out["b"]["stale"] and not out["c"]["stale"]


def test_default_period_is_the_latest_window_with_most_regions():
    rows = [
        claim("a", 1, year=2004),
        claim("b", 1, year=2005),
        claim("c", 1, year=2018),
        claim("d", 1, year=2019),
        claim("e", 1, year=2025),
        claim("f", 1, year=2030, scope="city"),  # a city: does not count
    ]
    # 2003-2005 and 2017-2019 both hold two regions: the most recent wins.
    assert default_period(pd.DataFrame(rows)) == Period(2017, 2019)
    assert default_period(pd.DataFrame(rows), width=1) == Period(2025, 2025)
    assert default_period(pd.DataFrame(rows[:1]).iloc[0:0]) is None


def test_period_parse_and_text():
    assert Period.parse("2017-2019") == Period(2017, 2019)
    assert Period.parse("2019") == Period(2019, 2019)
    assert Period(2019, 2019).text == "2019" and Period(2017, 2019).text == "2017-2019"
    for bad in ("", "2019-2017", "abc", "19", "2017-2018-2019", None, "<script>"):
        assert Period.parse(bad) is None


def test_rank_of_finds_a_region_by_geo_or_id():
    frame = rank(entries(pd.DataFrame([claim("a", 1), claim("b", 3)]), None))
    assert rank_of(frame, "region:a")["rank_best"] == 2
    assert rank_of(frame, "a")["rank_best"] == 2
    assert rank_of(frame, "region:zz") is None


def test_real_data_cities_positions_agadir_upper_bound_never_first(real_dataset):
    # Souss-Massa's "< 300" (Agadir, 2011) against Oujda's 100 (2019): all years.
    result = region_ranking(real_dataset, "call_centre_positions", Period(2000, 2030), scope="city")
    out = {row["geo"]: row for row in result.frame.to_dict("records")}
    agadir, oujda = out["city:agadir"], out["city:oujda"]
    # Agadir's claims of Jan 2011 ("< 300" and "≈ 300") merge into one interval [0, 330].
    assert agadir["claims"] == 2 and agadir["low"] == 0
    # Tanger's ≈ 1 000 (2009) is above both; Agadir and Oujda overlap: ranks 2-3 each.
    assert out["city:tanger"]["rank_best"] == out["city:tanger"]["rank_worst"] == 1
    assert (agadir["rank_best"], agadir["rank_worst"]) == (2, 3)
    assert (oujda["rank_best"], oujda["rank_worst"]) == (2, 3)
    assert agadir["overlapping"] == ["city:oujda"]


def test_real_data_no_region_is_ranked_on_a_city_figure(real_dataset):
    for indicator in real_dataset.indicators_with_regional_data():
        frame = region_ranking(real_dataset, indicator, Period(1990, 2035)).frame
        assert set(frame["scope"]) <= {"region"}


def test_comparison_ranks_each_scope_among_itself():
    rows = [
        claim("a", 5000, scope="city"),
        claim("b", 10),
        claim("c", 9000, scope="park"),
        claim("d", 20),
    ]
    frame = comparison(pd.DataFrame(rows), None)
    assert list(frame["scope"]) == ["region", "region", "city", "park"]
    by_geo = {r["geo"]: r for r in frame.to_dict("records")}
    assert by_geo["city:a-x"]["rank_best"] == 1 and by_geo["city:a-x"]["of"] == 1
    assert by_geo["region:d"]["rank_best"] == 1 and by_geo["region:b"]["rank_best"] == 2


def test_per_inhabitant_only_for_region_wide_figures():
    rows = [claim("a", 5000, scope="city"), claim("b", 10, year=2019), claim("d", 20, year=2014)]
    census = {
        "b": {"population_2014": 1000, "population_2024": 100_000},
        "d": {"population_2014": 200_000, "population_2024": 1},
    }
    frame = per_100k(comparison(pd.DataFrame(rows), None), census)
    assert set(frame["scope"]) == {"region"}
    by_region = {r["region"]: r for r in frame.to_dict("records")}
    assert by_region["b"]["value"] == pytest.approx(10) and by_region["b"]["census_year"] == 2024
    assert by_region["d"]["value"] == pytest.approx(10) and by_region["d"]["census_year"] == 2014


def test_a_range_period_counts_for_its_end_year():
    rows = [claim("a", 1, year=2011), claim("b", 2, year=2019)]
    frame = pd.DataFrame(rows)
    frame.loc[1, "period_start"] = dt.date(2011, 1, 1)  # "2011/2019"
    assert list(entries(frame, Period(2009, 2011))["region"]) == ["a"]
    assert years(frame) == [2011, 2019]
