"""Profiles: the place chooser, shares and ratios with bounds, headlines, ranks, the census
match, the page under AppTest for each kind of place in both languages, bad URLs, the
brief, and a figure added by YAML showing on its city's and region's profile."""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.analysis import census, profile
from indicators.analysis.intervals import Interval
from indicators.analysis.promises import build_ledger
from indicators.render import profile as view
from tests.conftest import APP_TIMEOUT, DATA, ROOT

TODAY = dt.date(2026, 12, 1)


# --- place chooser -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("asked", "geo", "problem"),
    [
        (None, "country:ma", None),
        ("", "country:ma", None),
        ("region:fes-meknes", "region:fes-meknes", None),
        (" City:Oujda ", "city:oujda", None),
        ("park:casanearshore", "park:casanearshore", None),
        ("region:atlantis", "country:ma", "unknown"),
        ("city:fes-meknes", "country:ma", "unknown"),
        ("region:souss-massa-draa", "country:ma", "unknown"),  # a 1997 region has no profile
        ("fes", "country:ma", "malformed"),
        ("<script>alert(1)</script>", "country:ma", "malformed"),
        ("region:fes meknes", "country:ma", "malformed"),
    ],
)
def test_choose_place(real_dataset, asked, geo, problem):
    choice = profile.choose_place(asked, real_dataset.geography)
    assert (choice.geo, choice.problem) == (geo, problem)


def test_every_region_and_city_is_offered(real_dataset):
    options = profile.place_options(real_dataset.geography)
    assert options[0] == "country:ma"
    assert sum(o.startswith("region:") for o in options) == 12
    assert {f"city:{c}" for c in real_dataset.geography.cities} <= set(options)


# --- share of the national figure and per 1,000 active -------------------------------------
def test_share_exact():
    assert profile.share(1000, "exact", 20000, "exact") == Interval(5.0, 5.0)


def test_share_keeps_bounds():
    # "< 300" of "> 30,000": at most 1 %, open at the top.
    span = profile.share(300, "upper", 30000, "lower")
    assert span.lo == 0 and span.hi == pytest.approx(1.0) and span.hi_open
    # "> 100" of exact 1,000: more than 10 %, no upper end.
    span = profile.share(100, "lower", 1000, "exact")
    assert span.lo == pytest.approx(10.0) and span.lo_open and math.isinf(span.hi)
    # "about 1,000" of exact 10,000: 9 % to 11 %.
    span = profile.share(1000, "approx", 10000, "exact")
    assert (span.lo, span.hi) == (pytest.approx(9.0), pytest.approx(11.0))


def test_share_of_a_ceiling_is_undefined():
    # "< 300" nationally could be 0: no share can be derived.
    assert profile.share(100, "exact", 300, "upper") is None


def test_per_thousand_active():
    span = profile.per_thousand(5000, "exact", 1_000_000)
    assert (span.lo, span.hi) == (5.0, 5.0)
    assert profile.per_thousand(5000, "lower", 1_000_000).lo_open


def _synthetic_rows(rows):
    """SYNTHETIC observation rows with the columns the profile reads."""
    base = {
        "geo_kind": "city",
        "operator": None,
        "family": "headcount",
        "flow": False,
        "unit": "jobs",
        "period_inferred": False,
        "place_fr": "X",
        "place_en": "X",
        "source": "synthetic",
    }
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["period_start"] = [dt.date(int(p[:4]), 1, 1) for p in frame["period"]]
    frame["period_end"] = [dt.date(int(p[-4:]), 12, 31) for p in frame["period"]]
    return frame


def test_shares_need_the_same_indicator_and_period():
    place = _synthetic_rows(
        [
            {
                "indicator": "jobs",
                "geo": "city:a",
                "period": "2019",
                "value": 100,
                "bound": "exact",
            },
            {"indicator": "jobs", "geo": "city:a", "period": "2018", "value": 90, "bound": "exact"},
        ]
    )
    national = _synthetic_rows(
        [
            {"indicator": "jobs", "geo": "country:ma", "period": "2019", "value": 1000,
             "bound": "exact"},
            {"indicator": "seats", "geo": "country:ma", "period": "2018", "value": 900,
             "bound": "exact"},
        ]
    )  # fmt: skip
    found = profile.shares(place, national)
    assert [(s.period, s.span.lo) for s in found] == [("2019", 10.0)]


def test_per_labour_only_for_headcount_stocks():
    rows = _synthetic_rows(
        [
            {"indicator": "jobs", "geo": "region:r", "period": "2020", "value": 500,
             "bound": "exact"},
            {"indicator": "created", "geo": "region:r", "period": "2020", "value": 500,
             "bound": "exact", "flow": True},
            {"indicator": "seats", "geo": "region:r", "period": "2020", "value": 500,
             "bound": "exact", "unit": "positions"},
        ]
    )  # fmt: skip
    pool = [census.CensusFigure("labour_force", 100_000, "persons", "2024")]
    found = profile.per_labour(rows, pool)
    assert [(p.indicator, p.census, p.span.lo) for p in found] == [("jobs", "2024", 5.0)]


# --- headlines -------------------------------------------------------------------------------
def test_headlines_keep_conflicting_claims_and_prefer_the_widest_place():
    rows = _synthetic_rows(
        [
            {"indicator": "jobs", "geo": "city:a", "geo_kind": "city", "period": "2019",
             "value": 1100, "bound": "exact"},
            {"indicator": "jobs", "geo": "city:a", "geo_kind": "city", "period": "2019",
             "value": 2000, "bound": "exact"},
            {"indicator": "jobs", "geo": "park:p", "geo_kind": "park", "period": "2021",
             "value": 50, "bound": "exact"},
            {"indicator": "jobs", "geo": "city:a", "geo_kind": "city", "period": "2019",
             "value": 7000, "bound": "exact", "operator": "SYNTHETIC Co"},
        ]
    )  # fmt: skip
    [(family, claims)] = profile.headlines(rows)
    assert family == "headcount"
    # The city's figures (wider than the park's newer one), both claims, no company figure.
    assert sorted(claims["value"]) == [1100, 2000]


# --- census ----------------------------------------------------------------------------------
def test_census_fields_exist():
    fields = set(census.table("2024").columns)
    for _, column in census.MEASURES.values():
        assert column is None or column in fields
    assert set(census.AGE_BANDS) <= fields


def test_labour_pool_of_a_region_has_both_censuses():
    pool = census.labour_pool("region", "03")
    by = {(f.key, f.census): f for f in pool}
    assert by[("labour_force", "2024")].value > 1_000_000
    assert ("reads_french", "2024") in by and ("reads_french", "2014") not in by
    young = by[("young_adults", "2024")]
    assert young.bound == "approx" and young.derived[0] == "share_of"


def test_commune_match_by_name_alias_or_nothing():
    code = "09"  # Souss-Massa
    assert census.match_commune(["Drarga", "Drargua"], code, "2024").matched_on == "Drargua"
    none = census.match_commune(["Atlantis"], code, "2024")
    assert none.code is None and none.reason == "no_commune"
    # A name found in another region is not taken.
    assert census.match_commune(["Oujda"], code, "2024").code is None


def test_commune_match_refuses_an_ambiguous_name(monkeypatch):
    frame = pd.DataFrame(  # SYNTHETIC: two communes of the same name in one region
        {
            "level": ["commune", "commune"],
            "code": ["99.001.01.01", "99.002.01.01"],
            "name_fr": ["Twin", "Twin"],
            "key": ["twin", "twin"],
            "region_code": ["99", "99"],
        }
    )
    monkeypatch.setattr(census, "table", lambda year: frame)
    match = census.match_commune(["Twin"], "99", "2024")
    assert match.code is None and match.reason == "ambiguous" and len(match.candidates) == 2


def test_every_city_matches_a_commune_in_2024(real_dataset):
    geography = real_dataset.geography
    for cid, city in geography.cities.items():
        names = [city.name.fr, city.name.en or "", *city.aliases]
        match = census.match_commune(names, geography.regions[city.region].code, "2024")
        assert match.code, cid


# --- profiles of the real data ---------------------------------------------------------------
@pytest.fixture(scope="module")
def ledger(real_dataset):
    ds = real_dataset
    return build_ledger(ds.observations, ds.indicators, ds.sources, ds.milestones, TODAY)


def _profile(ds, ledger, geo):
    return profile.build_profile(ds, ledger, profile.choose_place(geo, ds.geography))


def test_region_profile(real_dataset, ledger):
    p = _profile(real_dataset, ledger, "region:fes-meknes")
    assert set(p.cities) == {"fes", "meknes"} and "fes-shore" in p.parks
    assert {pop.census for pop in p.population} == {"2014", "2024"}
    assert 10 < p.population[0].share < 15  # about 12 % of Morocco
    assert p.headlines and p.labour_scope == "region"
    # Ranked only on region-wide figures (the 2015 call-centre headcount "dans la région"),
    # never on its cities' figures.
    assert p.positions
    assert all(position.row["geo"] == "region:fes-meknes" for position in p.positions)


def test_city_profile_rank_is_a_range_among_cities(real_dataset, ledger):
    p = _profile(real_dataset, ledger, "city:oujda")
    assert p.labour_scope == "commune" and p.commune[0].name == "Oujda"
    assert p.positions
    for position in p.positions:
        row = position.row
        assert 1 <= row["rank_best"] <= row["rank_worst"] <= row["of"]
        assert all(g.startswith("city:") for g in position.ranked["geo"])


def test_every_region_and_city_renders_in_both_languages(real_dataset, ledger):
    ds = real_dataset
    for geo in profile.place_options(ds.geography):
        p = _profile(ds, ledger, geo)
        for lang in ("fr", "en"):
            assert view.title(p, ds, lang)
            view.position_lines(p, ds, lang)
            view.labour_table(p, lang)
            view.population_text(p, lang)


def test_brief_is_self_contained(real_dataset, ledger):
    p = _profile(real_dataset, ledger, "city:oujda")
    page = view.brief_html(p, real_dataset, "fr", TODAY)
    assert "@page" in page and "A4 portrait" in page
    assert "<script" not in page.lower()
    assert page.count("<svg") >= 2  # the map and at least one chart
    assert 'src="http' not in page and "<link" not in page  # nothing to fetch
    assert "Oujda" in page and "HCP, RGPH 2024" in page and "1er décembre 2026" in page


def test_brief_escapes_text_from_data(real_dataset, ledger, monkeypatch):
    p = _profile(real_dataset, ledger, "city:oujda")
    monkeypatch.setattr(view, "title", lambda *a: "<img src=x onerror=alert(1)>")
    page = view.brief_html(p, real_dataset, "en", TODAY)
    assert "<img src=x" not in page and "&lt;img src=x" in page


# --- the page under AppTest -------------------------------------------------------------------
def open_profile(place: str | None, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("indicators/ui/pages/profile.py")
    at.query_params["lang"] = lang
    if place is not None:
        at.query_params["place"] = place
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts).replace("\\", "")


CASES = {
    "region:fes-meknes": ("Fès-Meknès", "Fès-Meknès", "4\u202f467\u202f911", "4,467,911"),
    "city:oujda": ("Oujda", "Oujda", "505\u202f007", "505,007"),
    "park:casanearshore": ("Casanearshore", "Casanearshore", "3\u202f197\u202f332", "3,197,332"),
    "country:ma": ("Maroc", "Morocco", "36\u202f828\u202f330", "36,828,330"),
}
RANK_WORDS = {
    "fr": (" sur ", "n'est pas classé", "Aucun chiffre"),
    "en": (" of ", "not ranked", "No "),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("place", list(CASES))
def test_profile_page(place, lang):
    at = open_profile(place, lang)
    title_fr, title_en, pop_fr, pop_en = CASES[place]
    assert at.title[0].value == (title_fr if lang == "fr" else title_en)
    text = page_text(at)
    assert (pop_fr if lang == "fr" else pop_en) in text
    assert "HCP, RGPH 2024" in text
    assert any(word in text for word in RANK_WORDS[lang])  # the position section speaks
    # A figure and its source: a headline card's value and the Source expander.
    assert at.expander and any(e.label in ("Source",) for e in at.expander)
    assert len(at.dataframe) >= 1  # the labour pool (and the figures) table
    assert not at.warning


def test_city_rank_text(lang="en"):
    text = page_text(open_profile("city:oujda", lang))
    assert "of 3 cities with a figure" in text or "cities with a figure" in text


@pytest.mark.parametrize("bad", ["city:atlantis", "nonsense", "region:<b>x</b>", "park:"])
def test_bad_place_falls_back_to_the_country(bad):
    at = open_profile(bad, "en")
    assert at.title[0].value == "Morocco"
    assert at.warning and "Morocco is shown" in at.warning[0].value


def test_picker_moves_to_another_place():
    at = open_profile("city:oujda", "en")
    at.selectbox(key="profile_place").set_value("region:oriental").run()
    assert not at.exception
    assert at.title[0].value == "Oriental"
    value = at.query_params.get("place")
    assert (value[0] if isinstance(value, list) else value) == "region:oriental"


# --- a figure added by YAML shows without a restart -------------------------------------------
def _touch(path, text):
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


SYNTHETIC_SOURCE = """
  - id: synthetic-profile-reload
    title: "SYNTHETIC source for the profile reload test"
    publisher: SYNTHETIC Publisher
    published: "2030-01-01"
    language: en
"""
SYNTHETIC_OBS = """# SYNTHETIC test data.
source: synthetic-profile-reload
observations:
  - indicator: call_centre_jobs
    geo: city:oujda
    period: 2030
    value: 43210
    bound: exact
    status: observed
    quote: "SYNTHETIC quote for the profile reload test: 43 210 jobs."
"""


def test_a_figure_added_by_yaml_shows_on_its_city_and_region(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data))
    city = open_profile("city:oujda", "en")
    region = open_profile("region:oriental", "en")
    assert "43,210" not in page_text(city) and "43,210" not in page_text(region)

    sources = data / "sources.yaml"
    _touch(sources, sources.read_text(encoding="utf-8") + SYNTHETIC_SOURCE)
    _touch(data / "observations" / "synthetic-profile-reload.yaml", SYNTHETIC_OBS)
    for at in (city, region):
        at.run()
        assert not at.exception
        text = page_text(at)
        assert "43,210 jobs" in text  # the headline card of call-centre jobs
        assert "SYNTHETIC quote for the profile reload test: 43 210 jobs." in text


def test_every_region_and_city_page_runs_in_both_languages(real_dataset):
    geography = real_dataset.geography
    places = [f"region:{r}" for r in geography.census] + [f"city:{c}" for c in geography.cities]
    at = open_profile(places[0], "fr")
    for lang in ("fr", "en"):
        if lang == "en":
            at.radio(key="lang").set_value("en").run()
        for geo in places:
            at.query_params["place"] = geo
            at.run()
            assert not at.exception, (geo, lang, [e.value for e in at.exception])
            assert at.title[0].value == geography.label(geo, lang), (geo, lang)
            assert not at.warning, (geo, lang)
