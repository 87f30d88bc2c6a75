"""Numbers, money, dates and plurals read right in each language (Babel's CLDR output)."""

from __future__ import annotations

import pytest

from indicators.render.formats import (
    compact,
    date_text,
    number,
    percent,
    plotly_separators,
    unit_label,
    value_axis,
    value_text,
)

NB, NNB = "\u00a0", "\u202f"  # no-break space; CLDR's narrow one between French thousands


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (30000, f"30{NNB}000", "30,000"),
        (2.5, "2,5", "2.5"),  # never "2,50"
        (1234.567, f"1{NNB}234,6", "1,234.6"),
        (0.126, "0,13", "0.13"),
        (-0.004, "0", "0"),  # never "-0" or "-0,00"
        (-1500, f"-1{NNB}500", "-1,500"),
        (float("nan"), "–", "–"),
        (None, "–", "–"),
    ],
)
def test_numbers(value, fr, en):
    assert (number(value, "fr"), number(value, "en")) == (fr, en)


def test_number_keeps_the_decimals_asked_for_and_no_trailing_zero():
    assert number(1.0512, "fr", 3) == "1,051"
    assert number(1.1, "en", 2) == "1.1"
    assert number(-0.0004, "fr", 3) == "0"


@pytest.mark.parametrize(
    ("value", "bound", "unit", "lang", "expected"),
    [
        (30000, "lower", "positions", "fr", f">{NB}30{NNB}000 positions"),
        (30000, "lower", "positions", "en", f">{NB}30,000 positions"),
        (300, "upper", "jobs", "fr", f"<{NB}300 emplois"),
        (1000, "approx", "jobs", "en", f"≈{NB}1,000 jobs"),
        (20, "exact", "percent", "fr", f"20{NB}%"),
        (20, "exact", "percent", "en", "20%"),
        (12.5, "exact", "percent", "fr", f"12,5{NB}%"),
        (1.2e9, "exact", "dirhams", "fr", "1,2 milliard de dirhams"),
        (1.2e9, "exact", "dirhams", "en", "1.2 billion dirhams"),
        (2e9, "exact", "euros", "fr", "2 milliards d'euros"),
        (2e9, "exact", "euros", "en", "2 billion euros"),
        (3e6, "approx", "dirhams", "fr", f"≈{NB}3 millions de dirhams"),
        (500000, "exact", "dirhams", "fr", f"500{NNB}000 dirhams"),
    ],
)
def test_values_keep_their_bound_and_unit(value, bound, unit, lang, expected):
    assert value_text(value, bound, unit, lang) == expected


def test_money_without_its_unit_keeps_its_scale_word():
    assert value_text(1.2e9, "lower", "dirhams", "fr", with_unit=False) == f">{NB}1,2 milliard"


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (0, "0 emploi", "0 jobs"),
        (1, "1 emploi", "1 job"),
        (1.5, "1,5 emploi", "1.5 jobs"),
        (2, "2 emplois", "2 jobs"),
        (1_000_000, f"1{NNB}000{NNB}000 emplois", "1,000,000 jobs"),  # French CLDR "many"
    ],
)
def test_unit_words_follow_each_language_s_plural_rule(value, fr, en):
    assert value_text(value, "exact", "jobs", "fr") == fr
    assert value_text(value, "exact", "jobs", "en") == en


def test_a_unit_with_no_value_is_named_in_the_plural():
    assert unit_label("centres", "fr") == "centres"
    assert unit_label("companies", "en") == "companies"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2011-01-18", "fr", "18 janvier 2011"),
        ("2011-01-01", "fr", "1er janvier 2011"),
        ("2011-01-01", "en", "1 January 2011"),
        ("2011-08", "fr", "août 2011"),
        ("2011-08", "en", "August 2011"),
        ("2011", "fr", "2011"),
        ("2010/2019", "en", "2010–2019"),
        ("2011-02-30", "fr", "2011-02-30"),  # not a date: shown as curated
        ("", "en", ""),
    ],
)
def test_dates(text, lang, expected):
    assert date_text(text, lang) == expected


def test_compact_forms_for_axes():
    assert compact(1.2e9, "fr", "dirhams") == f"1,2{NB}Md DH"
    assert compact(1.2e9, "en", "dirhams") == "1.2B DH"
    assert compact(3e6, "fr", "euros") == f"3{NB}M €"
    assert compact(120000, "fr") == f"120{NNB}000"
    assert percent(20, "en") == compact(20, "en", "percent") == "20%"


def test_plotly_separators_are_those_of_the_numbers():
    assert plotly_separators("fr") == f",{NNB}"
    assert plotly_separators("en") == ".,"


def test_money_axis_ticks_read_like_the_labels():
    axis = value_axis([1.2e9, 3.4e9], "dirhams", "fr")
    assert axis["tickvals"][:2] == [0, 1e9]
    assert axis["tickvals"][-1] >= 3.4e9
    assert axis["ticktext"][1] == f"1{NB}Md DH"
    assert value_axis([48000], "positions", "fr") == {"tickformat": ",~r"}
    assert value_axis([20], "percent", "fr")["ticksuffix"] == f"{NB}%"


def test_the_promises_trajectory_ticks_money_like_its_labels(real_dataset):
    # Fès has promises in dirhams: its panel's ticks are "1 Md DH", not plotly's "1B".
    import datetime as dt

    from indicators.analysis import places, promises
    from indicators.render import promise_charts

    ledger = real_dataset.derived(promises.dataset_ledger, dt.date(2026, 12, 1))
    view = places.place_view(real_dataset, ledger, "city:fes")
    mine = view.promises.assign(reason="SYNTHETIC reason")
    fig = promise_charts.trajectory(view.recorded, mine, view.milestones, "fr", {}, {})
    axes = [fig.layout[k] for k in fig.layout if k.startswith("yaxis")]
    money = [a for a in axes if a.title.text == "dirhams"]
    assert money and f"1{NB}Md DH" in money[0].ticktext
    assert all(a.tickformat == ",~r" for a in axes if a.title.text == "emplois")
