"""The record models on their own: periods, numbers, urls, enums."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from indicators.data.model import Milestone, Observation, Source, parse_period


def observation(**over):
    record = {
        "indicator": "x",
        "geo": "city:agadir",
        "period": 2011,
        "value": 300,
        "bound": "upper",
        "status": "observed",
        "quote": "Synthetic.",
    }
    record.update(over)
    return Observation.model_validate(record)


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        (2011, dt.date(2011, 1, 1), dt.date(2011, 12, 31), "year"),
        ("2011-02", dt.date(2011, 2, 1), dt.date(2011, 2, 28), "month"),
        ("2012-02", dt.date(2012, 2, 1), dt.date(2012, 2, 29), "month"),
        (dt.date(2011, 1, 18), dt.date(2011, 1, 18), dt.date(2011, 1, 18), "day"),
        ("2010/2019", dt.date(2010, 1, 1), dt.date(2019, 12, 31), "range"),
        ("2011-10/2012-10", dt.date(2011, 10, 1), dt.date(2012, 10, 31), "range"),
    ],
)
def test_periods(value, start, end, precision):
    period = parse_period(value)
    assert (period.start, period.end, period.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["2011-02-29", "2011-13", "2011-00", "18 janvier", "1850"])
def test_impossible_periods_are_refused(text):
    with pytest.raises(ValidationError):
        observation(period=text)


def test_mid_year_is_inside_the_period():
    assert 2011.0 < parse_period("2011").mid_year < 2012.0
    assert parse_period("2010/2019").mid_year == pytest.approx(2015.0, abs=0.01)


@pytest.mark.parametrize("text", ["30.000", "30,000", "30 000", "> 30000", "30\u00a0000"])
def test_numbers_written_as_text_get_their_own_code(text):
    with pytest.raises(ValidationError) as error:
        observation(value=text)
    assert error.value.errors()[0]["type"] == "number-as-string"
    assert "value: 30000" in error.value.errors()[0]["ctx"]["hint"]


def test_booleans_are_not_numbers():
    with pytest.raises(ValidationError):
        observation(value=True)


def test_inferred_period_needs_a_reason():
    with pytest.raises(ValidationError) as error:
        observation(period_inferred=True)
    assert error.value.errors()[0]["type"] == "missing-reason"
    assert observation(period_inferred=True, note="The event was on a Saturday.").period_inferred


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.org/a", "file:///etc/passwd", "https://a.org/<script>"]
)
def test_only_http_urls(url):
    base = {"id": "s", "title": "T", "publisher": "P", "language": "fr"}
    with pytest.raises(ValidationError) as error:
        Source.model_validate({**base, "url": url})
    assert error.value.errors()[0]["type"] == "unsafe-url"
    assert Source.model_validate({**base, "url": "https://maghress.com/fr/lesechos/235"}).url


def milestone(**over):
    record = {
        "id": "synthetic",
        "title": {"fr": "Synthétique", "en": "Synthetic"},
        "kind": "opening",
        "geo": "city:agadir",
        "start": 2011,
        "status": "planned",
        "quote": "Synthetic.",
    }
    record.update(over)
    return Milestone.model_validate(record)


@pytest.mark.parametrize(
    ("start", "approximate", "uncertain", "text"),
    [
        ("2011-10", False, False, "2011-10"),
        ("2011-10~", True, False, "2011-10~"),
        ("2011?", False, True, "2011?"),
        ("2011-10-15%", True, True, "2011-10-15%"),
        (2011, False, False, "2011"),
    ],
)
def test_milestone_dates_carry_an_edtf_like_marker(start, approximate, uncertain, text):
    ms = milestone(start=start)
    assert (ms.start.approximate, ms.start.uncertain, ms.start.text) == (
        approximate,
        uncertain,
        text,
    )
    assert ms.start.start.year == 2011


def test_the_approx_flag_is_gone_and_markers_stay_off_observations():
    with pytest.raises(ValidationError):
        milestone(approx=True)
    with pytest.raises(ValidationError):
        observation(period="2011~")
    with pytest.raises(ValidationError):
        milestone(start="2011~~")


@pytest.mark.parametrize(
    ("section", "models"),
    [
        ("sources.yaml", ["Source"]),
        ("indicators.yaml", ["Indicator"]),
        ("geography.yaml", ["Region", "Region1997", "City", "Park"]),
        ("observations/", ["Observation"]),
        ("milestones/", ["Milestone"]),
    ],
)
def test_the_data_format_docs_show_every_field_of_a_record(section, models):
    # docs/data-format.md is written by hand, as an example file per kind with a comment
    # a field: a field the models accept and the docs never show is caught here.
    from indicators.data import model

    docs = (Path(__file__).resolve().parent.parent / "docs" / "data-format.md").read_text()
    [part] = [p for p in re.split(r"^## ", docs, flags=re.M) if p.startswith(f"`data/{section}")]
    written = set(re.findall(r"^\s*(?:- )?([a-z_0-9]+):", part, flags=re.M))
    for name in models:
        fields = set(getattr(model, name).model_fields)
        assert sorted(fields - written) == [], name
