"""The promises ledger: interval verdicts for every pair of bounds, the matching rules
(family, scope, place, horizon window, pending by ``today``), the real corpus, the chart
builders, the locale, and the Outlook page under AppTest in both languages.

Every number in the unit tests below is SYNTHETIC: made up to exercise a rule, never
taken from an article. Places and sources are named "synthetic-..." to say so.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from indicators import ledger as L
from indicators import ledger_charts
from indicators.dataset import MILESTONE_COLUMNS, OBSERVATION_COLUMNS, PROJECTED
from indicators.model import parse_period

from .conftest import ROOT

TODAY = dt.date(2026, 11, 26)
UNITS = {
    "call_centre_jobs": "jobs",
    "offshoring_jobs": "jobs",
    "other_offshoring_jobs": "jobs",
    "call_centre_positions": "positions",
    "offshoring_positions": "positions",
    "offshoring_jobs_created": "jobs",
    "call_centre_jobs_created": "jobs",
    "planned_hires": "jobs",
    "park_area": "hectares",
}


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
    span = L.interval(figure_value, figure_bound)  # SYNTHETIC figure
    assert L.reach(span, 1000, target_bound) == expected  # SYNTHETIC target of 1,000


def test_grid_covers_every_pair_of_bounds():
    pairs = {(f, tb) for f, _, tb, _ in CASES}
    assert pairs == {(f, tb) for f in TARGET_BOUNDS for tb in TARGET_BOUNDS}
    assert {e for *_, e in CASES} == {"met", "missed", "unknown"}


@pytest.mark.parametrize(
    ("figure", "target", "expected"),
    [
        # the issue's examples, with SYNTHETIC stand-in numbers of the same shape
        (("upper", 300), ("exact", 1000), "missed"),  # "fewer than 300" vs 1,000
        (("lower", 400), ("exact", 300), "met"),  # "more than 400" vs 300
        (("lower", 30000), ("exact", 40000), "unknown"),  # "more than 30,000" vs 40,000
        (("exact", 1001), ("lower", 1000), "met"),  # "plus de 1000" as a target
        (("exact", 1000), ("lower", 1000), "missed"),
    ],
)
def test_the_issue_examples(figure, target, expected):
    assert L.reach(L.interval(figure[1], figure[0]), target[1], target[0]) == expected


def test_intervals_and_their_widening():
    assert L.interval(100, "exact") == L.Interval(100, 100)
    approx = L.interval(100, "approx")
    assert (approx.lo, approx.hi) == pytest.approx((90, 110))
    assert L.interval(100, "lower") == L.Interval(100, math.inf, True, True)
    assert L.interval(100, "upper") == L.Interval(0, 100, False, True)
    # a part only gives a floor, a whole only a ceiling
    assert L.widen(L.interval(100, "exact"), "part") == L.Interval(100, math.inf, False, True)
    assert L.widen(L.interval(100, "exact"), "whole") == L.Interval(0, 100, False, False)
    assert L.reach(L.widen(L.interval(500, "exact"), "part"), 1000, "exact") == "unknown"
    assert L.reach(L.widen(L.interval(1500, "exact"), "part"), 1000, "exact") == "met"
    assert L.reach(L.widen(L.interval(500, "exact"), "whole"), 1000, "exact") == "missed"
    assert L.reach(L.widen(L.interval(1500, "exact"), "whole"), 1000, "exact") == "unknown"


# --- 2. families and scope ---------------------------------------------------------------
def test_positions_never_meet_jobs_and_stocks_never_meet_flows():
    jobs = {"indicator": "call_centre_jobs", "unit": "jobs"}
    seats = {"indicator": "call_centre_positions", "unit": "positions"}
    flow = {"indicator": "offshoring_jobs_created", "unit": "jobs"}
    assert L.relation(jobs, seats) is None
    assert L.relation(seats, jobs) is None
    assert L.relation(jobs, flow) is None
    assert L.relation(jobs, jobs) == "same"


def test_call_centres_are_a_part_of_offshoring():
    offshoring = {"indicator": "offshoring_jobs", "unit": "jobs"}
    call_centres = {"indicator": "call_centre_jobs", "unit": "jobs"}
    other = {"indicator": "other_offshoring_jobs", "unit": "jobs"}
    assert L.relation(offshoring, call_centres) == "part"
    assert L.relation(call_centres, offshoring) == "whole"
    assert L.relation(offshoring, other) == "part"
    assert L.relation(call_centres, other) is None  # disjoint parts


def test_operators_figures_are_parts_and_other_operators_never_meet():
    place = {"indicator": "call_centre_jobs", "unit": "jobs", "operator": None}
    mine = {"indicator": "call_centre_jobs", "unit": "jobs", "operator": "Synthetic Co"}
    theirs = {"indicator": "call_centre_jobs", "unit": "jobs", "operator": "Other Synthetic"}
    assert L.relation(place, mine) == "part"
    assert L.relation(mine, place) == "whole"
    assert L.relation(mine, {**mine, "operator": "synthetic co"}) == "same"
    assert L.relation(mine, theirs) is None
    # a call-centre operator's figure against an offshoring promise: part twice, still part
    offshoring = {"indicator": "offshoring_jobs", "unit": "jobs", "operator": None}
    assert L.relation(offshoring, mine) == "part"
    # part one way, whole the other: cannot be compared
    assert L.relation({**mine, "indicator": "offshoring_jobs"}, place) is None


def test_families_never_mix_units(real_dataset):
    units = dict(zip(real_dataset.indicators["id"], real_dataset.indicators["unit"], strict=True))
    by_family: dict[str, set] = {}
    for indicator, (family, _) in L.FAMILIES.items():
        assert indicator in units, f"{indicator} in FAMILIES but not in data/indicators.yaml"
        by_family.setdefault(family, set()).add(units[indicator])
    assert all(len(u) == 1 for u in by_family.values()), by_family
    assert by_family["headcount"] == {"jobs"} and by_family["seats"] == {"positions"}


# --- 3. matching rules on a SYNTHETIC dataset --------------------------------------------
class SyntheticDataset:
    """A stand-in for indicators.dataset.Dataset holding SYNTHETIC records only."""

    def __init__(self, observations, sources=None, milestones=()):
        rows = [_observation(i, **o) for i, o in enumerate(observations)]
        self.observations = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
        self.sources = pd.DataFrame(
            sources
            or [
                {"id": "synthetic-promise", "published": "2012-03-01"},
                {"id": "synthetic-later", "published": "2016-05-01"},
                {"id": "synthetic-other", "published": ""},
            ]
        ).assign(publisher=lambda f: f["id"], title="SYNTHETIC", published_inferred=False)
        self.milestones = pd.DataFrame(list(milestones), columns=MILESTONE_COLUMNS)

    def source(self, source_id):
        rows = self.sources[self.sources["id"] == source_id]
        return rows.iloc[0].to_dict() if len(rows) else None

    def indicator_label(self, indicator, lang):
        return f"SYNTHETIC {indicator}"


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
    ledger = L.build_ledger(SyntheticDataset(records, milestones=milestones), today=today)
    assert len(ledger) == 1
    row = ledger.iloc[0].to_dict()
    assert row["reason_fr"] and row["reason_en"]
    return row


def test_a_figure_of_the_same_place_and_kind_at_the_horizon_settles_it():
    assert verdict_of(promise(), figure(value=1200))["verdict"] == "met"
    row = verdict_of(promise(), figure(value=800))
    assert row["verdict"] == "missed"
    assert "800" in row["reason_en"] and "missed" in row["reason_en"]


def test_a_park_never_meets_its_city():
    row = verdict_of(promise(geo="park:synthetic-park"), figure(geo="city:synthetic-town"))
    assert row["verdict"] == "pending"
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
    assert verdict_of(promise(), figure(period=2017))["verdict"] == "pending"
    assert verdict_of(promise(), figure(period=2017))["reason_code"] == "no_figure"
    assert verdict_of(promise(), figure(period="2016-06"))["verdict"] == "met"
    assert verdict_of(promise(), figure(period="2016-06", value=10))["verdict"] == "missed"


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
    assert verdict_of(promise(), baseline)["verdict"] == "pending"
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
    ds = SyntheticDataset(
        [
            promise(value=400, period=2030),
            figure(period=2010, value=50),
            figure(period=2020, value=100, bound="lower"),  # latest: "more than 100"
        ]
    )
    ledger = L.build_ledger(ds, today=TODAY)
    reach = L.years_to_target(ledger, ds, 100).iloc[0]  # SYNTHETIC rate: doubling yearly
    assert reach["reach_years"] == pytest.approx(2)
    assert reach["reach_year"] == pytest.approx(2022)
    assert reach["year_bound"] == "upper"  # more than 100 now: reached by 2022 at the latest
    assert reach["derived"] and "log(" in reach["formula"]
    assert "2022" in L.year_text(reach.to_dict(), "en")
    flows = L.build_ledger(
        SyntheticDataset([promise(indicator="offshoring_jobs_created")]), today=TODAY
    )
    assert L.years_to_target(flows, ds, 20).iloc[0]["reach_note"] == "flow"


# --- 5. the real corpus ------------------------------------------------------------------
@pytest.fixture(scope="module")
def real_ledger(real_dataset):
    return L.build_ledger(real_dataset, today=TODAY)


def test_every_target_in_the_data_gets_a_verdict_and_a_reason(real_dataset, real_ledger):
    projected = real_dataset.observations["status"].isin(PROJECTED)
    assert projected.sum() > 0
    assert len(real_ledger) == projected.sum()
    assert set(real_ledger["verdict"]) <= set(L.VERDICTS)
    for row in real_ledger.to_dict("records"):
        assert row["reason_fr"].strip() and row["reason_en"].strip(), row["promise_id"]
        assert "ledger." not in row["reason_fr"] + row["reason_en"], row["promise_id"]


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
            span = L.widen(L.interval(figure["value"], figure["bound"]), row["relation"])
            assert L.reach(span, row["value"], row["bound"]) == row["verdict"]


def test_places_and_the_comparison(real_dataset, real_ledger):
    options = L.places(real_dataset, real_ledger)
    assert {"city:fes", "park:fes-shore", "region:oriental"} <= set(options["geo"])
    fes = options.set_index("geo").loc["city:fes"]
    assert fes["own"] == 0 and fes["promises"] > 0  # Fès Shore's promises, shown in Fès
    assert L.default_place(options) != "country:ma"
    comparison = L.place_comparison(real_ledger)
    assert comparison["total"].sum() == len(real_ledger)
    assert (comparison[list(L.VERDICTS)].sum(axis=1) == comparison["total"]).all()
    assert "park:fes-shore" in set(comparison["geo"]) and "city:fes" not in set(comparison["geo"])


# --- 6. charts ---------------------------------------------------------------------------
def _view(ds, ledger, place):
    obs = ds.observations
    recorded = obs[obs["status"].isin(["observed", "declared"]) & L.in_place(obs, place, ds)]
    recorded = recorded.assign(family=[L.family_of(i)[0] for i in recorded["indicator"]])
    return (
        recorded,
        ledger[L.in_place(ledger, place, ds)],
        ds.milestones[L.in_place(ds.milestones, place, ds)],
    )


def test_trajectory_draws_targets_hollow_at_their_horizon(real_dataset, real_ledger):
    recorded, mine, milestones = _view(real_dataset, real_ledger, "city:fes")
    fig = ledger_charts.trajectory(recorded, mine, milestones, "en", {}, {})
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
    ds = SyntheticDataset([promise(claimant="<script>alert(1)</script>"), figure()])
    ledger = L.build_ledger(ds, today=TODAY)
    recorded = ds.observations[ds.observations["status"] == "observed"].assign(family="headcount")
    fig = ledger_charts.trajectory(recorded, ledger, ds.milestones, "fr", {}, {})
    text = fig.to_json()
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_verdict_bars_stack_every_verdict(real_ledger):
    fig = ledger_charts.verdict_bars(L.place_comparison(real_ledger), "fr")
    assert fig.layout.barmode == "stack"
    assert len(fig.data) == len(L.VERDICTS)
    assert sum(sum(trace.x) for trace in fig.data) == len(real_ledger)


# --- 7. locale ---------------------------------------------------------------------------
def _flat(node, prefix=""):
    out = set()
    for key, value in node.items():
        name = f"{prefix}{key}"
        out |= _flat(value, name + ".") if isinstance(value, dict) else {name}
    return out


def test_every_ledger_string_exists_in_both_languages():
    locales = ROOT / "indicators" / "locales"
    keys = {}
    for lang in ("fr", "en"):
        data = yaml.safe_load((locales / lang / "ledger.yaml").read_text(encoding="utf-8"))
        assert list(data) == ["ledger"]
        keys[lang] = _flat(data)
    assert keys["fr"] == keys["en"]
    used = set()
    for path in ("indicators/ledger.py", "indicators/ledger_charts.py"):
        used |= set(re.findall(r'"(ledger\.[a-z_.]+[a-z_])"', Path(ROOT / path).read_text()))
    used |= set(
        re.findall(
            r'"(ledger\.[a-z_.]+[a-z_])"', (ROOT / "indicators/ui/pages/outlook.py").read_text()
        )
    )
    assert used and used <= keys["en"], used - keys["en"]
    for verdict in L.VERDICTS:
        assert f"ledger.verdict.{verdict}" in keys["en"]


# --- 8. the page under AppTest -----------------------------------------------------------
def open_outlook(**params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("indicators/ui/pages/outlook.py")
    for key, value in params.items():  # switch_page may drop them
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _charts(at):
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize(
    ("lang", "header", "verdict"),
    [("fr", "Perspectives par lieu", "en attente"), ("en", "Outlook by place", "pending")],
)
def test_outlook_page_shows_a_places_ledger_and_trajectory(lang, header, verdict):
    at = open_outlook(lang=lang, place="city:fes")
    assert header in [h.value for h in at.header]
    assert at.selectbox(key="place").value == "city:fes"
    tables = [frame.value for frame in at.dataframe]
    ledger_table = next(t for t in tables if any("Fès Shore" in str(v) for v in t.iloc[:, 1]))
    assert len(ledger_table) == 6  # Fès Shore's six promises, shown in Fès's view
    assert any(verdict in str(v) for v in ledger_table.iloc[:, 0])
    assert any("Fès Shore" in e.label for e in at.expander)
    trajectory = next(c for c in _charts(at) if any(d.get("meta") == "promise" for d in c["data"]))
    targets = [y for d in trajectory["data"] if d.get("meta") == "promise" for y in d["y"]]
    assert {1000, 15000, 800} <= set(targets)
    bars = _charts(at)[-1]
    assert bars["layout"]["barmode"] == "stack"
    sample = "Échantillon" if lang == "fr" else "Sample"
    assert any(sample in box.value for box in at.info)


def test_outlook_place_picker_writes_the_url_and_survives_a_bad_value():
    at = open_outlook(lang="en", place="park:nowhere")
    default = at.selectbox(key="place").value
    assert default and default != "country:ma"
    at.selectbox(key="place").set_value("park:fes-shore").run()
    assert not at.exception
    value = at.query_params.get("place")
    assert (value[0] if isinstance(value, list) else value) == "park:fes-shore"
    reach = next(frame.value for frame in at.dataframe if "Latest level" in frame.value.columns)
    assert len(reach) == 6
