"""The promises ledger: interval verdicts for every pair of bounds, the matching rules
(family, scope, place, horizon window, pending by ``today``), the real corpus, the chart
builders, the locale, and the Outlook page under AppTest in both languages.

Every number in the unit tests below is SYNTHETIC: made up to exercise a rule, never
taken from an article. Places and sources are named "synthetic-..." to say so, and the
indicators' families below are SYNTHETIC too (the real ones are in data/indicators.yaml).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math

import pandas as pd
import pytest

from indicators.analysis import growth, places
from indicators.analysis import promises as L
from indicators.analysis.dataset import (
    MILESTONE_COLUMNS,
    OBSERVATION_COLUMNS,
    PROJECTED,
    Dataset,
)
from indicators.analysis.intervals import Interval, interval, reach, widen
from indicators.data.model import parse_period
from indicators.render import promise_charts
from indicators.render.reasons import reason_text, year_text
from tests.conftest import APP_TIMEOUT, ROOT, SYNTHETIC_BASE

TODAY = dt.date(2026, 11, 26)
# SYNTHETIC indicator facts, of the shape data/indicators.yaml gives the ledger.
INDICATORS = pd.DataFrame(
    [
        ("call_centre_jobs", "jobs", "headcount", "call_centres", False),
        ("offshoring_jobs", "jobs", "headcount", "offshoring", False),
        ("other_offshoring_jobs", "jobs", "headcount", "offshoring_other", False),
        ("call_centre_positions", "positions", "seats", "call_centres", False),
        ("offshoring_jobs_created", "jobs", "jobs_created", "offshoring", True),
        ("park_area", "hectares", None, None, False),  # no family: never judged
    ],
    columns=["id", "unit", "family", "coverage", "flow"],
)
UNITS = dict(zip(INDICATORS["id"], INDICATORS["unit"], strict=True))
FACTS = {row["id"]: row for row in INDICATORS.to_dict("records")}


@functools.cache
def names() -> Dataset:
    """What reasons name (indicators, places, sources), for rendering them: a Dataset of
    the SYNTHETIC base folder; ids it does not know are shown as they are."""
    return Dataset.from_folder(SYNTHETIC_BASE)


# --- 1. intervals: every bound on both sides (SYNTHETIC numbers) --------------------------
# Figure bounds: exact v = [v, v]; approx v = [0.9v, 1.1v]; lower "more than v" = (v, inf);
# upper "fewer than v" = [0, v). Target 1,000 (SYNTHETIC): exact must reach 1,000, approx
# must reach 900, lower must exceed 1,000, upper is a ceiling (stay below 1,000).
# Columns: target exact, approx, lower, upper.
GRID = {
    ("exact", 2000): ("met", "met", "met", "missed"),
    ("exact", 1000): ("met", "met", "missed", "missed"),
    ("exact", 950): ("missed", "met", "missed", "met"),
    ("exact", 500): ("missed", "missed", "missed", "met"),
    ("approx", 2000): ("met", "met", "met", "missed"),
    ("approx", 1000): ("unknown", "met", "unknown", "unknown"),
    ("approx", 850): ("missed", "unknown", "missed", "met"),
    ("approx", 500): ("missed", "missed", "missed", "met"),
    ("lower", 2000): ("met", "met", "met", "missed"),
    ("lower", 1000): ("met", "met", "met", "missed"),
    ("lower", 500): ("unknown", "unknown", "unknown", "unknown"),
    ("upper", 2000): ("unknown", "unknown", "unknown", "unknown"),
    ("upper", 1000): ("missed", "unknown", "missed", "met"),
    ("upper", 300): ("missed", "missed", "missed", "met"),
}
TARGET_BOUNDS = ("exact", "approx", "lower", "upper")
CASES = [
    (figure_bound, figure_value, target_bound, expected[i])
    for (figure_bound, figure_value), expected in GRID.items()
    for i, target_bound in enumerate(TARGET_BOUNDS)
]


@pytest.mark.parametrize(("figure_bound", "figure_value", "target_bound", "expected"), CASES)
def test_interval_verdict_for_every_pair_of_bounds(
    figure_bound, figure_value, target_bound, expected
):
    span = interval(figure_value, figure_bound)  # SYNTHETIC figure
    assert reach(span, 1000, target_bound) == expected  # SYNTHETIC target of 1,000


def test_intervals_and_their_widening():
    assert interval(100, "exact") == Interval(100, 100)
    approx = interval(100, "approx")
    assert (approx.lo, approx.hi) == pytest.approx((90, 110))
    assert interval(100, "lower") == Interval(100, math.inf, True, True)
    assert interval(100, "upper") == Interval(0, 100, False, True)
    # a part only gives a floor, a whole only a ceiling
    assert widen(interval(100, "exact"), "part") == Interval(100, math.inf, False, True)
    assert widen(interval(100, "exact"), "whole") == Interval(0, 100, False, False)
    assert reach(widen(interval(500, "exact"), "part"), 1000, "exact") == "unknown"
    assert reach(widen(interval(1500, "exact"), "part"), 1000, "exact") == "met"
    assert reach(widen(interval(500, "exact"), "whole"), 1000, "exact") == "missed"
    assert reach(widen(interval(1500, "exact"), "whole"), 1000, "exact") == "unknown"


# --- 2. families and scope ---------------------------------------------------------------
def kind(indicator: str, **values) -> dict:
    """A SYNTHETIC figure's indicator, unit, family and coverage."""
    facts = FACTS[indicator]
    return {
        "indicator": indicator,
        "unit": facts["unit"],
        "family": facts["family"],
        "coverage": facts["coverage"],
        **values,
    }


def test_positions_never_meet_jobs_and_stocks_never_meet_flows():
    jobs, seats = kind("call_centre_jobs"), kind("call_centre_positions")
    flow = kind("offshoring_jobs_created")
    assert L.relation(jobs, seats) is None
    assert L.relation(seats, jobs) is None
    assert L.relation(jobs, flow) is None
    assert L.relation(jobs, jobs) == "same"


def test_an_indicator_without_a_family_meets_nothing():
    area = kind("park_area")
    assert L.relation(area, area) is None


def test_call_centres_are_a_part_of_offshoring():
    offshoring, call_centres = kind("offshoring_jobs"), kind("call_centre_jobs")
    other = kind("other_offshoring_jobs")
    assert L.relation(offshoring, call_centres) == "part"
    assert L.relation(call_centres, offshoring) == "whole"
    assert L.relation(offshoring, other) == "part"
    assert L.relation(call_centres, other) is None  # disjoint parts


def test_operators_figures_are_parts_and_other_operators_never_meet():
    place = kind("call_centre_jobs", operator=None)
    mine = kind("call_centre_jobs", operator="Synthetic Co")
    theirs = kind("call_centre_jobs", operator="Other Synthetic")
    assert L.relation(place, mine) == "part"
    assert L.relation(mine, place) == "whole"
    assert L.relation(mine, {**mine, "operator": "synthetic co"}) == "same"
    assert L.relation(mine, theirs) is None
    # a call-centre operator's figure against an offshoring promise: part twice, still part
    offshoring = kind("offshoring_jobs", operator=None)
    assert L.relation(offshoring, mine) == "part"
    # part one way, whole the other: cannot be compared
    assert L.relation(kind("offshoring_jobs", operator="Synthetic Co"), place) is None


# --- 3. matching rules on a SYNTHETIC dataset --------------------------------------------
def frames(observations, milestones=()):
    """SYNTHETIC ledger inputs: observation rows, the indicator facts above, three
    sources (one without a date) and milestone rows."""
    rows = [_observation(i, **o) for i, o in enumerate(observations)]
    sources = pd.DataFrame(
        [
            ("synthetic-promise", "2012-03-01"),
            ("synthetic-later", "2016-05-01"),
            ("synthetic-other", ""),
        ],
        columns=["id", "published"],
    )
    sources["published_start"] = [
        parse_period(p).start if p else None for p in sources["published"]
    ]
    sources["published_inferred"] = False
    return (
        pd.DataFrame(rows, columns=OBSERVATION_COLUMNS),
        INDICATORS,
        sources,
        pd.DataFrame(list(milestones), columns=MILESTONE_COLUMNS),
    )


def ledger_of(*records, today=TODAY, milestones=()) -> pd.DataFrame:
    return L.build_ledger(*frames(records, milestones), today=today)


def _observation(index, **values) -> dict:
    period = parse_period(str(values.pop("period")))
    geo = values.pop("geo", "city:synthetic-town")
    indicator = values.pop("indicator", "call_centre_jobs")
    return {
        "indicator": indicator,
        "geo": geo,
        "geo_kind": geo.partition(":")[0],
        "place_fr": f"{geo} (synthétique)",
        "place_en": f"{geo} (synthetic)",
        "region": None,
        "region_1997": None,
        "city": geo.partition(":")[2] if geo.startswith("city:") else None,
        "period": period.text,
        "period_start": period.start,
        "period_end": period.end,
        "period_precision": period.precision,
        "year": period.mid_year,
        "bound": "exact",
        "status": "observed",
        "unit": UNITS.get(indicator, "jobs"),
        "source": "synthetic-other",
        "quote": "SYNTHETIC",
        "claimant": None,
        "operator": None,
        "note": None,
        "period_inferred": False,
        "derivation": None,
        "file": "synthetic.yaml",
        "line": index + 1,
        **values,
    }


def promise(**values) -> dict:
    """A SYNTHETIC target: 1,000 call-centre jobs in Synthetic Town by 2015."""
    return {
        "indicator": "call_centre_jobs",
        "period": 2015,
        "value": 1000,
        "status": "target",
        "source": "synthetic-promise",
        **values,
    }


def figure(**values) -> dict:
    return {"period": 2015, "value": 1200, "source": "synthetic-later", **values}


def verdict_of(*records, today=TODAY, milestones=()) -> dict:
    """The one promise's ledger row, with its reasons rendered in French and English."""
    ledger = ledger_of(*records, today=today, milestones=milestones)
    assert len(ledger) == 1
    row = ledger.iloc[0].to_dict()
    for lang in ("fr", "en"):
        row[f"reason_{lang}"] = reason_text(row["reasons"], lang, names())
        assert row[f"reason_{lang}"] and "ledger." not in row[f"reason_{lang}"]
    return row


def test_a_figure_of_the_same_place_and_kind_at_the_horizon_settles_it():
    assert verdict_of(promise(), figure(value=1200))["verdict"] == "met"
    row = verdict_of(promise(), figure(value=800))
    assert row["verdict"] == "missed"
    assert "800" in row["reason_en"] and "missed" in row["reason_en"]


def test_a_park_never_meets_its_city():
    row = verdict_of(promise(geo="park:synthetic-park"), figure(geo="city:synthetic-town"))
    # Past its horizon with no figure of its own place: not verifiable, never "pending".
    assert row["verdict"] == "unverifiable"
    assert row["reason_code"] == "no_figure"
    assert row["matched_count"] == 0


def test_positions_against_a_jobs_target_are_not_comparable():
    row = verdict_of(promise(), figure(indicator="call_centre_positions", value=5000))
    assert row["verdict"] == "not_comparable"
    assert "positions" in row["reason_en"] and "jobs" in row["reason_en"]
    assert "positions" in row["reason_fr"] and "emplois" in row["reason_fr"]


def test_a_call_centre_figure_only_shows_a_floor_for_an_offshoring_target():
    high = verdict_of(promise(indicator="offshoring_jobs"), figure(value=1500))
    assert high["verdict"] == "met"
    low = verdict_of(promise(indicator="offshoring_jobs"), figure(value=500))
    assert low["verdict"] == "unknown"
    assert "a part of" in low["reason_en"] and "at least 500" in low["reason_en"]
    assert "une partie de" in low["reason_fr"]


def test_the_horizon_window_is_a_year_either_side():
    # SYNTHETIC: 2017 is more than a year after a 2015 horizon; 2016 is within it
    late = verdict_of(promise(), figure(period=2017))
    assert late["verdict"] == "unverifiable" and late["reason_code"] == "no_figure"
    # ... and the nearest figure outside the window is named, not matched.
    assert late["matched_count"] == 0 and "2017" in late["reason_en"]
    assert "outside that window" in late["reason_en"]
    assert verdict_of(promise(), figure(period="2016-06"))["verdict"] == "met"
    assert verdict_of(promise(), figure(period="2016-06", value=10))["verdict"] == "missed"


def test_after_the_deadline_a_later_low_figure_says_probably_missed():
    # SYNTHETIC: 1,000 jobs by 2015; only 100 recorded in 2019, outside the ±1-year window.
    row = verdict_of(promise(), figure(period=2019, value=100))
    assert row["verdict"] == "unverifiable"
    assert "probably missed" in row["reason_en"] and "probablement manqué" in row["reason_fr"]
    # a later figure above the target is named, but says nothing of "missed"
    high = verdict_of(promise(), figure(period=2019, value=5000))
    assert high["verdict"] == "unverifiable" and "probably missed" not in high["reason_en"]


def test_the_nearest_figure_wins():
    row = verdict_of(promise(), figure(period="2016-06", value=10), figure(value=1500))
    assert row["verdict"] == "met"
    assert row["matched_value"] == 1500


def test_pending_until_the_horizon_unless_already_met():
    future = promise(period=2030)
    assert verdict_of(future, today=TODAY)["verdict"] == "pending"
    assert verdict_of(future, today=TODAY)["reason_code"] == "future"
    early_low = figure(period=2029, value=10)
    assert verdict_of(future, early_low, today=dt.date(2029, 6, 1))["verdict"] == "pending"
    early_high = figure(period=2029, value=5000)
    assert verdict_of(future, early_high, today=dt.date(2029, 6, 1))["verdict"] == "met"
    # the same promise, judged after its horizon with the same low figure
    assert verdict_of(future, early_low, today=dt.date(2031, 6, 1))["verdict"] == "unknown"


def test_a_figure_below_the_target_before_the_horizon_settles_nothing():
    # SYNTHETIC: a December 2015 horizon, a figure from March 2015
    row = verdict_of(promise(period="2015-12"), figure(period="2015-03", value=10))
    assert row["verdict"] == "unknown"
    assert "before the horizon" in row["reason_en"]
    # reaching the target early does count
    assert verdict_of(promise(period="2015-12"), figure(period="2015-03"))["verdict"] == "met"


def test_a_figure_that_may_come_long_after_the_horizon_settles_nothing():
    row = verdict_of(promise(), figure(period="2015/2020", value=5000))
    assert row["verdict"] == "unknown"
    assert "more than a year after" in row["reason_en"]


def test_the_promises_own_source_and_older_figures_are_not_outcomes():
    baseline = figure(source="synthetic-promise", value=5000)  # same article's figure
    assert verdict_of(promise(), baseline)["verdict"] == "unverifiable"
    older = figure(period="2011", value=5000)  # before the 2012 announcement
    assert verdict_of(promise(period=2012), older)["matched_count"] == 0


def test_disagreeing_figures_give_cannot_tell():
    row = verdict_of(
        promise(),
        figure(value=5000),
        figure(value=10, source="synthetic-later", line=99),
    )
    assert row["verdict"] == "unknown"
    assert row["matched_count"] == 2
    assert "different ways" in row["reason_en"]


def test_bounds_that_allow_both_give_cannot_tell_and_say_so():
    row = verdict_of(promise(value=40000), figure(value=30000, bound="lower"))
    assert row["verdict"] == "unknown"
    assert "could be above or below" in row["reason_en"]
    assert "impossible de trancher" in row["reason_fr"]


def test_another_operators_figure_is_not_comparable():
    row = verdict_of(promise(operator="Synthetic Co"), figure(operator="Other Synthetic"))
    assert row["verdict"] == "not_comparable"
    assert "Other Synthetic" in row["reason_en"]


def test_flows_compare_only_over_fitting_counting_periods():
    # SYNTHETIC: 1,000 jobs to be created from the announcement (March 2012) to 2015
    target = promise(indicator="offshoring_jobs_created", period=2015)
    inside = figure(indicator="offshoring_jobs_created", period="2013/2015", value=1500)
    assert verdict_of(target, inside)["verdict"] == "met"  # a part already exceeds it
    shifted = figure(indicator="offshoring_jobs_created", period="2014/2016", value=1500)
    row = verdict_of(target, shifted)
    assert row["verdict"] == "unknown"
    assert "periods differ" in row["reason_en"]
    around = figure(indicator="offshoring_jobs_created", period="2010/2015", value=500)
    assert verdict_of(target, around)["verdict"] == "missed"  # even the wider count falls short


def test_a_flow_target_with_its_counting_period_meets_only_figures_of_that_period():
    # SYNTHETIC: "60 000 jobs created between 2014 and 2020" has period 2014/2020 (a range):
    # it counts from 2014, not from the announcement, and is judged against counts of
    # the same period; a count over another period cannot settle it.
    target = promise(indicator="offshoring_jobs_created", period="2014/2020", value=60000)
    assert parse_period("2014/2020").precision == "range"
    same = figure(indicator="offshoring_jobs_created", period="2014/2020", value=50000)
    row = verdict_of(target, same)
    assert row["verdict"] == "missed" and row["matched_count"] == 1
    met = figure(indicator="offshoring_jobs_created", period="2014/2020", value=70000)
    assert verdict_of(target, met)["verdict"] == "met"
    other = figure(indicator="offshoring_jobs_created", period="2016/2021", value=70000)
    row = verdict_of(target, other)
    assert row["verdict"] == "unknown"
    assert "periods differ" in row["reason_en"]
    # a stock figure (jobs at a date) never meets a flow target
    stock = figure(indicator="offshoring_jobs", period=2020, value=120000)
    assert verdict_of(target, stock)["verdict"] != "met"


def test_a_setback_milestone_is_noted():
    setback = dict.fromkeys(MILESTONE_COLUMNS)
    setback.update(
        geo="city:synthetic-town",
        status="postponed",
        title_fr="Projet synthétique reporté",
        title_en="Synthetic project postponed",
        start="2013-06",
    )
    row = verdict_of(promise(), milestones=[setback])
    assert "Synthetic project postponed" in row["reason_en"]


def test_an_inferred_horizon_is_flagged():
    row = verdict_of(promise(period_inferred=True), figure())
    assert "inferred" in row["reason_en"]


# --- 4. years to target ------------------------------------------------------------------
def test_years_to_target_from_the_latest_level():
    records = [
        promise(value=400, period=2030),
        figure(period=2010, value=50),
        figure(period=2020, value=100, bound="lower"),  # latest: "more than 100"
    ]
    observations, indicators, *_ = frames(records)
    ledger = ledger_of(*records)
    recorded = L.with_families(observations, indicators)
    reach = growth.years_to_target(ledger, recorded, 100).iloc[0]  # SYNTHETIC: doubling
    assert reach["reach_years"] == pytest.approx(2)
    assert reach["reach_year"] == pytest.approx(2022)
    assert reach["year_bound"] == "upper"  # more than 100 now: reached by 2022 at the latest
    assert reach["derived"] and reach["formula"] == growth.YearsToReach(400, 100, 100)
    assert "2022" in year_text(reach.to_dict(), "en")
    flows = ledger_of(promise(indicator="offshoring_jobs_created"))
    assert growth.years_to_target(flows, recorded, 20).iloc[0]["reach_note"] == "flow"


def test_an_indicator_without_a_family_is_never_judged():
    assert ledger_of(promise(indicator="park_area", value=10), figure(indicator="park_area")).empty
    row = verdict_of(promise(), figure(indicator="park_area", value=10))
    assert row["verdict"] == "not_comparable"


# --- 5. the real corpus ------------------------------------------------------------------
@pytest.fixture(scope="module")
def real_ledger(real_dataset):
    ds = real_dataset
    return L.build_ledger(ds.observations, ds.indicators, ds.sources, ds.milestones, TODAY)


def test_every_target_in_the_data_gets_a_verdict_and_a_reason(real_dataset, real_ledger):
    obs = L.with_families(real_dataset.observations, real_dataset.indicators)
    judged = obs["status"].isin(PROJECTED) & obs["family"].notna()
    assert judged.sum() > 0
    assert len(real_ledger) == judged.sum()
    assert set(real_ledger["verdict"]) <= set(L.VERDICTS)
    for row in real_ledger.to_dict("records"):
        for lang in ("fr", "en"):
            text = reason_text(row["reasons"], lang, real_dataset)
            assert text.strip() and "ledger." not in text, row["promise_id"]


def test_real_matches_keep_to_their_place_and_unit(real_dataset, real_ledger):
    obs = real_dataset.observations
    matched = 0
    for row in real_ledger.to_dict("records"):
        for index in row["matched"]:
            figure = obs.loc[index]
            matched += 1
            assert figure["geo"] == row["geo"]  # a park never meets its city
            assert figure["unit"] == row["unit"]  # positions never meet jobs
            assert figure["status"] in ("observed", "declared")
            assert figure["source"] != row["source"]
    assert matched > 0


def test_real_verdicts_never_claim_more_than_the_bounds(real_dataset, real_ledger):
    obs = real_dataset.observations
    for row in real_ledger[real_ledger["verdict"].isin(["met", "missed"])].to_dict("records"):
        for index in row["matched"]:
            figure = obs.loc[index]
            span = widen(interval(figure["value"], figure["bound"]), row["relation"])
            assert reach(span, row["value"], row["bound"]) == row["verdict"]


def test_places_and_the_comparison(real_dataset, real_ledger):
    options = places.places(real_ledger, real_dataset.geography)
    assert {"city:fes", "park:fes-shore", "region:oriental"} <= set(options["geo"])
    fes = options.set_index("geo").loc["city:fes"]
    assert fes["promises"] > fes["own"]  # Fès Shore's promises are shown in Fès too
    assert places.default_place(options) != "country:ma"
    comparison = places.place_comparison(real_ledger)
    assert comparison["total"].sum() == len(real_ledger)
    assert (comparison[list(L.VERDICTS)].sum(axis=1) == comparison["total"]).all()
    assert "park:fes-shore" in set(comparison["geo"])
    assert set(comparison["geo"]) == set(real_ledger["geo"])  # each place by its own promises


# --- 6. charts ---------------------------------------------------------------------------
def test_trajectory_draws_targets_hollow_at_their_horizon(real_dataset, real_ledger):
    view = places.place_view(real_dataset, real_ledger, "city:fes")
    assert "park:fes-shore" in view.inside
    mine = view.promises.assign(reason="SYNTHETIC reason")
    fig = promise_charts.trajectory(view.recorded, mine, view.milestones, "en", {}, {})
    data = json.loads(fig.to_json())["data"]
    promises = [d for d in data if d.get("meta") == "promise"]
    assert promises and all(s.endswith("-open") for d in promises for s in d["marker"]["symbol"])
    assert 15000 in [y for d in promises for y in d["y"]]
    recorded_traces = [d for d in data if d.get("meta") == "recorded"]
    assert recorded_traces and all(
        d["line"].get("dash") in (None, "solid") for d in recorded_traces
    )
    assert [d for d in data if d.get("meta") == "milestone"]
    dashed = [d for d in data if d.get("meta") == "announcement" and d["line"]["dash"] == "dash"]
    forecasts = mine[mine["status"] == "forecast"]
    assert len(dashed) == forecasts["announced_year"].notna().sum()


def test_chart_text_from_data_is_escaped():
    records = [promise(claimant="<script>alert(1)</script>"), figure()]
    observations, indicators, _, milestones = frames(records)
    ledger = ledger_of(*records)
    ledger["reason"] = [reason_text(r, "fr", names()) for r in ledger["reasons"]]
    recorded = L.with_families(observations[observations["status"] == "observed"], indicators)
    fig = promise_charts.trajectory(recorded, ledger, milestones, "fr", {}, {})
    text = fig.to_json()
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_verdict_bars_stack_every_verdict(real_ledger):
    fig = promise_charts.verdict_bars(places.place_comparison(real_ledger), "fr")
    assert fig.layout.barmode == "stack"
    assert len(fig.data) == len(L.VERDICTS)
    assert sum(sum(trace.x) for trace in fig.data) == len(real_ledger)


# --- 8. the page under AppTest -----------------------------------------------------------
def open_outlook(**params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("indicators/ui/pages/promises.py")
    for key, value in params.items():  # switch_page may drop them
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _charts(at):
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize(
    ("lang", "header", "verdict"),
    [("fr", "Promesses par lieu", "non vérifiable"), ("en", "Promises by place", "not verifiable")],
)
def test_outlook_page_shows_a_places_ledger_and_trajectory(
    lang, header, verdict, real_dataset, real_ledger
):
    at = open_outlook(lang=lang, place="city:fes")
    assert header in [h.value for h in at.header]
    assert at.selectbox(key="place").value == "city:fes"
    tables = [frame.value for frame in at.dataframe]
    ledger_table = next(t for t in tables if any("Fès Shore" in str(v) for v in t.iloc[:, 1]))
    # Fès's own promises and Fès Shore's, shown in Fès's view
    assert (
        len(ledger_table) == places.in_place(real_ledger, "city:fes", real_dataset.geography).sum()
    )
    assert any(verdict in str(v) for v in ledger_table.iloc[:, 0])
    assert any("Fès Shore" in e.label for e in at.expander)
    trajectory = next(c for c in _charts(at) if any(d.get("meta") == "promise" for d in c["data"]))
    targets = [y for d in trajectory["data"] if d.get("meta") == "promise" for y in d["y"]]
    assert {1000, 15000, 800} <= set(targets)
    bars = _charts(at)[-1]
    assert bars["layout"]["barmode"] == "stack"
    sample = "Échantillon" if lang == "fr" else "Sample"
    assert any(sample in box.value for box in at.info)


def test_outlook_place_picker_writes_the_url_and_survives_a_bad_value(real_dataset, real_ledger):
    at = open_outlook(lang="en", place="park:nowhere")
    default = at.selectbox(key="place").value
    assert default and default != "country:ma"
    at.selectbox(key="place").set_value("park:fes-shore").run()
    assert not at.exception
    value = at.query_params.get("place")
    assert (value[0] if isinstance(value, list) else value) == "park:fes-shore"
    reach = next(frame.value for frame in at.dataframe if "Latest level" in frame.value.columns)
    assert (
        len(reach) == places.in_place(real_ledger, "park:fes-shore", real_dataset.geography).sum()
    )
