"""Chart builders and scenario maths, without Streamlit. Tables here are SYNTHETIC."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from indicators.analysis.growth import Compounded, scenario, years_to_reach
from indicators.render import charts, compare
from indicators.render.reasons import formula_text


def synthetic_national() -> pd.DataFrame:
    rows = []
    for year, value, bound in [
        (2004, 8000, "approx"),
        (2006, 17500, "exact"),
        (2011, 30000, "lower"),
    ]:
        rows.append(
            {
                "indicator": "synthetic_jobs",
                "year": year + 0.5,
                "value": value,
                "bound": bound,
                "unit": "jobs",
                "period": str(year),
                "status": "observed",
                "place_fr": "Maroc",
                "place_en": "Morocco",
                "source": "synthetic",
                "claimant": None,
                "derivation": None,
                "period_inferred": False,
            }
        )
    return pd.DataFrame(rows)


def test_national_stocks_mark_each_point_by_its_bound():
    fig = compare.national_stocks(
        synthetic_national(), pd.DataFrame(), "en", {"synthetic_jobs": "Jobs"}, "jobs", None
    )
    trace = fig.data[0]
    assert trace.name == "Jobs"
    assert list(trace.marker.symbol) == ["diamond", "circle", "triangle-up"]
    # Hover text is HTML to plotly: the bound's ">" is escaped, never raw markup.
    assert trace.text[2] == "&gt;\u00a030,000 jobs · 2011"
    assert fig.layout.separators == ".,"
    french = compare.national_stocks(synthetic_national(), pd.DataFrame(), "fr", {}, "jobs", None)
    assert french.data[0].text[2] == "&gt;\u00a030\u202f000 emplois · 2011"
    assert french.layout.separators == ",\u202f"  # as formats.number groups thousands


def test_hover_text_is_inert():
    row = synthetic_national().iloc[0].to_dict()
    row.update(claimant="<script>alert(1)</script>", source="<b>x</b>")
    text = charts.hover_text(row, "fr")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "<b>x</b>" not in text


def test_hover_text_leaves_out_empty_cells():
    row = synthetic_national().iloc[0].to_dict()
    row.update(claimant=float("nan"), derivation=float("nan"))
    text = charts.hover_text(row, "en")
    assert "According to" not in text and "derived" not in text


def _milestone_row(**values):
    row = {
        "id": "a",
        "title_en": "Known",
        "title_fr": "Connu",
        "kind": "event",
        "approximate": False,
        "uncertain": False,
        "inferred": False,
        "start_date": dt.date(2011, 1, 15),
        "end_date": dt.date(2011, 1, 15),
        "start": "2011-01-15",
        "end": "",
        "precision": "day",
        "status": "done",
        "place_en": "Agadir",
        "place_fr": "Agadir",
        "source": "synthetic",
    }
    row.update(values)
    return row


def test_timeline_hatches_uncertain_dates():
    ms = pd.DataFrame(
        [
            _milestone_row(end=""),
            _milestone_row(
                id="b",
                title_en="Guessed",
                title_fr="Deviné",
                approximate=True,
                start_date=dt.date(2010, 1, 1),
                end_date=dt.date(2010, 12, 31),
                start="2010~",
                precision="year",
            ),
        ]
    )
    fig = charts.timeline(ms, "en")
    drawn = [trace for trace in fig.data if trace.legend != "legend2"]
    # Neither has an end: each is a marker at its start, not a bar as long as its year;
    # the approximate one is hollow. One legend entry for the kind.
    assert [(t.type, t.marker.symbol, t.y[0]) for t in drawn] == [
        ("scatter", "diamond", "Known"),
        ("scatter", "diamond-open", "Guessed"),
    ]
    assert [t.showlegend for t in drawn] == [True, False]
    assert list(fig.layout.yaxis.categoryarray) == ["Guessed", "Known"]
    # A thing that lasts is a bar, hatched when its date is uncertain (SYNTHETIC).
    lasting = ms.assign(end=["2011-03", "2012"], end_date=[dt.date(2011, 3, 31)] * 2)
    bars = [t for t in charts.timeline(lasting, "en").data if t.type == "bar"]
    assert sorted(t.marker.pattern.shape for t in bars) == ["", "/"]


def test_timeline_draws_a_year_without_end_as_a_point_not_a_year_long_bar():
    # SYNTHETIC: "sometime in 2011" (approximate), and a known day.
    ms = pd.DataFrame(
        [
            _milestone_row(),
            _milestone_row(
                id="b",
                title_en="Some time in 2011",
                approximate=True,
                start_date=dt.date(2011, 1, 1),
                end_date=dt.date(2011, 12, 31),
                start="2011~",
                precision="year",
            ),
        ]
    )
    points = [t for t in charts.timeline(ms, "en").data if t.legend != "legend2"]
    assert all(trace.type == "scatter" for trace in points)
    known = next(t for t in points if t.marker.symbol == "diamond")
    vague = next(t for t in points if t.marker.symbol == "diamond-open")
    assert list(known.error_x.array) == [0]
    middle = pd.Timestamp(vague.x[0])
    assert middle.year == 2011 and middle.month in (6, 7)  # the middle of the year, a point
    half_year_ms = 366 * 86400000 / 2
    assert vague.error_x.array[0] == pytest.approx(half_year_ms, rel=0.01)  # a whisker only
    assert "about 2011" in vague.hovertext[0]


def test_scenario_compounds_and_says_how():
    frame = scenario(30000, 2011, 20, 2014, "lower")
    assert list(frame["year"]) == [2011, 2012, 2013, 2014]
    assert frame["value"].iloc[-1] == pytest.approx(30000 * 1.2**3)
    assert set(frame["bound"]) == {"lower"} and frame["derived"].all()
    assert frame["formula"].iloc[-1] == Compounded(30000, 1.2, 2014, 2011)
    assert formula_text(frame["formula"].iloc[-1], "en") == "30,000 × 1.2^(2014 − 2011)"
    assert formula_text(frame["formula"].iloc[-1], "fr") == "30\u202f000 × 1,2^(2014 − 2011)"


def test_scenario_refuses_nonsense():
    with pytest.raises(ValueError):
        scenario(100, 2011, 20, 2010)
    with pytest.raises(ValueError):
        scenario(100, 2011, -100, 2012)


def test_years_to_reach():
    assert years_to_reach(1000, 2000, 100) == pytest.approx(1.0)
    assert years_to_reach(30000, 48000, 20) == pytest.approx(math.log(1.6) / math.log(1.2))
    assert years_to_reach(500, 400, 10) == 0.0
    assert years_to_reach(500, 1000, 0) is None and years_to_reach(0, 10, 5) is None
