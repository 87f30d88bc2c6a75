"""The like-with-like figures (render/compare.py) and the scenario safeguards
(analysis/scenarios.py), on SYNTHETIC frames built here."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from indicators.analysis import ranking, scenarios
from indicators.analysis.ranking import comparison
from indicators.render import compare
from indicators.render.maps import regions_geojson


def claim(region, value, bound="exact", year=2019, scope="region", geo=None):
    geo = geo or (f"region:{region}" if scope == "region" else f"{scope}:{region}-x")
    return {
        "region": region,
        "geo": geo,
        "scope": scope,
        "place_fr": f"Lieu {region}",
        "place_en": f"Place {region}",
        "value": float(value),
        "bound": bound,
        "period": str(year),
        "period_start": dt.date(year, 1, 1),
        "period_end": dt.date(year, 12, 31),
        "source": "synthetic",
        "operator": None,
    }


def frame(*rows):
    return comparison(pd.DataFrame(list(rows)), None)


def role(fig, name):
    return [d for d in fig.data if (d.meta or {}).get("role") == name]


def test_interval_bars_draw_an_upper_bound_open_and_below_a_larger_figure():
    # SYNTHETIC: "< 50" in a, 100 in b, "> 80" in c.
    fig = compare.interval_bars(
        frame(claim("a", 50, "upper"), claim("b", 100), claim("c", 80, "lower")), "fr", "jobs", {}
    )
    [certain], [uncertain] = role(fig, "certain"), role(fig, "uncertain")
    labels = compare.bar_labels(fig)
    order = list(certain.y)
    assert order[-1] == "Lieu a"  # "< 50" is certainly below 100 and "> 80": last
    a = order.index("Lieu a")
    assert certain.x[a] == 0 and uncertain.base[a] == 0 and uncertain.x[a] == 50
    assert "rang 3 sur 3" in labels[a]
    # "> 80" has no upper end: an arrow at the axis' end, and it shares ranks 1-2 with 100.
    c = order.index("Lieu c")
    assert certain.x[c] == 80 and role(fig, "open")
    assert "rang 1 à 2 sur 3" in labels[c]


def test_interval_bars_label_every_figure_with_its_period_and_place_kind():
    fig = compare.interval_bars(
        frame(claim("a", 5, scope="city", year=2004), claim("b", 3, scope="city", year=2019)),
        "en",
        "centres",
        {"a": "Region A", "b": "Region B"},
    )
    [certain] = role(fig, "certain")
    labels = compare.bar_labels(fig)
    assert list(certain.y) == ["Place a (city) — Region A", "Place b (city) — Region B"]
    assert "2004" in labels[0] and "old" in labels[0]  # 15 years before 2019
    assert "2019" in labels[1] and "old" not in labels[1]


def test_per_inhabitant_bars_say_the_census_they_divide_by():
    # SYNTHETIC: "< 300" jobs in a region of 2,676,847 inhabitants (2014 census), so
    # "< 11.2" per 100,000.
    census = {"a": {"population_2014": 2_676_847}, "b": {"population_2014": 1_000_000}}
    ranked = frame(claim("a", 300, "upper", year=2011), claim("b", 5000, year=2011))
    shown = ranking.per_100k(ranked, census)
    fig = compare.interval_bars(shown, "en", "jobs", {}, per_capita=True)
    [certain] = role(fig, "certain")
    a = list(certain.y).index("Place a")
    assert "&lt;\u00a011.2 · 2011" in compare.bar_labels(fig)[a]
    assert "legal population 2014: 2.7M (HCP)" in certain.hovertext[a]
    assert fig.layout.xaxis.title.text == "per 100,000 inhabitants"
    french = compare.interval_bars(shown, "fr", "jobs", {}, per_capita=True)
    assert french.layout.xaxis.title.text == "pour 100 000 habitants"


def test_data_text_is_escaped_in_the_bars_and_on_the_map():
    # SYNTHETIC: markup in a place name and a source id.
    row = claim("r1", 5000, scope="city") | {"place_fr": "<b>x</b>", "source": "<script>1</script>"}
    ranked = frame(row)
    bars = compare.interval_bars(ranked, "fr", "jobs", {})
    states = compare.region_states(_regions(), ranked, {"r1"})
    points = {"city:r1-x": (34.0, -5.0)}
    drawn = compare.region_map(_regions(), ranked, states, points, regions_geojson(), "fr", "jobs")
    [places] = role(drawn, "places")
    texts = [*bars.data[0].hovertext, *compare.bar_labels(bars), *places.text, *places.hovertext]
    assert texts and all("<script>" not in x and "<b>x</b>" not in x for x in texts)
    assert "&lt;script&gt;" in bars.data[0].hovertext[0] and "&lt;b&gt;x" in places.text[0]


def plain_labels(fig) -> list[str]:
    """The bar labels with their no-break spaces (French "< 300", "2 000") as spaces."""
    return [x.replace("\u202f", " ").replace("\xa0", " ") for x in compare.bar_labels(fig)]


def test_a_place_with_many_figures_says_how_many_and_their_span():
    # SYNTHETIC: one region, one year, figures repeated by several articles.
    few = frame(claim("a", 100), claim("a", 100), claim("a", 300, "upper"))
    [label] = plain_labels(compare.interval_bars(few, "fr", "jobs", {}))
    assert "<br>100 / &lt; 300 emplois · 2019" in label  # each distinct figure once
    values = [(v, "exact") for v in (10, 20, 30, 40)] + [(2000, "lower"), (20, "exact")]
    many = frame(*(claim("a", v, b) for v, b in values))
    for lang, text in (
        ("fr", "<br>5 chiffres, de 10 à &gt; 2 000 emplois · 2019"),
        ("en", "<br>5 figures, from 10 to &gt; 2,000 jobs · 2019"),
        ("ar", "5 أرقام، من 10 إلى"),
    ):
        [label] = plain_labels(compare.interval_bars(many, lang, "jobs", {}))
        assert text in label, label


def _regions():
    features = regions_geojson()["features"][:3]
    return pd.DataFrame(
        {
            "id": ["r1", "r2", "r3"],
            "code": [f["id"] for f in features],
            "name_fr": ["Un", "Deux", "Trois"],
        }
    )


def test_a_city_figure_never_colours_its_region():
    regions = _regions()
    ranked = frame(claim("r1", 5000, scope="city"))
    states = compare.region_states(regions, ranked, {"r1", "r2"})
    assert states == {"r1": "place", "r2": "none_here", "r3": "none"}
    fig = compare.region_map(
        regions, ranked, states, {"city:r1-x": (34.0, -5.0)}, regions_geojson(), "fr", "jobs"
    )
    fills = {d.meta["region"]: d.fillcolor for d in role(fig, "region")}
    assert fills["r1"] == compare.STATE_COLOURS["place"]
    assert not role(fig, "scale")  # no colour scale: no region has a figure of its own
    [places] = role(fig, "places")
    assert places.text[0].startswith("Lieu r1 (ville)")
    assert list(role(fig, "names")[0].text) == ["Un", "Deux", "Trois"]


def test_a_region_figure_colours_its_region_and_a_log_scale_says_so():
    regions = _regions()
    ranked = frame(claim("r1", 10), claim("r2", 10_000))
    states = compare.region_states(regions, ranked, {"r1", "r2"})
    fig = compare.region_map(regions, ranked, states, {}, regions_geojson(), "fr", "jobs")
    fills = {d.meta["region"]: d.fillcolor for d in role(fig, "region")}
    assert fills["r1"] != fills["r2"] and fills["r1"] in compare.COLOURSCALE
    [scale] = role(fig, "scale")
    assert scale.meta["log"] and "logarithmique" in scale.marker.colorbar.title.text


def test_a_1997_region_figure_is_marked_on_its_successor_region():
    # SYNTHETIC: r2's only figure is one of a 1997 region ("< 300"), which has no point.
    regions = _regions()
    ranked = frame(claim("r2", 300, "upper", scope="region_1997", geo="region:old-r2"))
    states = compare.region_states(regions, ranked, {"r2"})
    assert states["r2"] == "place"  # not the 2015 region's own figure: no colour
    fig = compare.region_map(regions, ranked, states, {}, regions_geojson(), "fr", "jobs")
    [marker] = role(fig, "places")
    assert marker.meta["scope"] == "region_1997" and marker.marker.symbol == "diamond"
    assert list(marker.customdata) == ["r2"] and "300" in marker.text[0]
    names = role(fig, "names")[0]
    at = list(names.customdata).index("r2")
    assert marker.x[0] == pytest.approx(names.x[at])  # above the name of its region
    assert marker.y[0] == pytest.approx(names.y[at] + compare.REGION_1997_LIFT)


def test_the_map_names_the_regions_in_the_reader_s_language(real_dataset):
    regions = real_dataset.regions
    states = compare.region_states(regions, frame(), set())
    for lang, column in (("fr", "name_fr"), ("en", "name_fr"), ("ar", "name_ar")):
        fig = compare.region_map(regions, frame(), states, {}, regions_geojson(), lang, None)
        names = role(fig, "names")[0]
        assert sorted(names.text) == sorted(regions[column]) and len(names.text) == 12
        assert all(f"<b>{n}</b>" in h for n, h in zip(names.text, names.hovertext, strict=True))


def test_the_map_opens_on_the_north():
    fig = compare.region_map(_regions(), frame(), {}, {}, regions_geojson(), "en", None)
    low, high = fig.layout.yaxis.range
    assert low == pytest.approx(compare.mercator(compare.NORTH["lat"][0]))
    assert high == pytest.approx(compare.mercator(compare.NORTH["lat"][1]))
    assert fig.layout.dragmode == "pan"  # the south is a pan away


# --- scenarios ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "rounded"),
    [(1_064_933, 1_100_000), (298_598, 300_000), (157_259_837_453, 160_000_000_000), (48, 48)],
)
def test_round_significant(value, rounded):
    assert scenarios.round_significant(value) == rounded


def test_round_significant_leaves_zero_and_nan():
    assert scenarios.round_significant(0) == 0
    assert math.isnan(scenarios.round_significant(float("nan")))


def _indicators():
    return pd.DataFrame(  # SYNTHETIC definitions
        {
            "id": ["jobs", "offshore", "created", "threshold", "rate"],
            "unit": ["jobs", "jobs", "jobs", "positions", "percent"],
            "family": ["headcount", "headcount", "jobs_created", None, "growth"],
            "coverage": ["call_centres", "offshoring", "offshoring", None, None],
            "flow": [False, False, True, False, False],
        }
    )


def test_only_stocks_of_a_count_are_bases():
    assert scenarios.stock_indicators(_indicators()) == ["jobs", "offshore"]


def test_targets_of_the_same_family_and_coverage_only():
    targets = pd.DataFrame({"indicator": ["jobs", "offshore", "created"], "value": [1, 2, 3]})
    assert list(scenarios.same_thing(targets, "jobs", _indicators())["indicator"]) == ["jobs"]


def test_warnings_name_the_implausible():
    ceiling = {"population": 1000, "year": 2024, "kind": "working_age"}
    assert scenarios.warnings(50, 10, ceiling) == []
    assert scenarios.warnings(101, 10, ceiling) == ["tenfold"]
    assert scenarios.warnings(5000, 1000, ceiling) == ["ceiling"]


def test_observed_growth_between_recorded_figures():
    rows = pd.DataFrame(
        {
            "period_end": [dt.date(2010, 12, 31), dt.date(2015, 12, 31), dt.date(2020, 12, 31)],
            "value": [100.0, 150.0, 400.0],
            "bound": ["exact", "approx", "exact"],
        }
    )
    whole, last = scenarios.observed_growth(rows)
    assert (whole["from_year"], whole["to_year"]) == (2010, 2020)
    assert whole["rate_percent"] == pytest.approx((4**0.1 - 1) * 100)
    assert not whole["bounded"] and last["bounded"]  # 2015 is "about"
    assert scenarios.observed_growth(rows.iloc[:1]) == []
