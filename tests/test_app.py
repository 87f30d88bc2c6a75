"""Every page under Streamlit's AppTest, in both languages, on the real data: no exception,
the expected elements, and interactions that change what is shown and the URL."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT

PAGES = ["overview", "regions", "cities", "timeline", "outlook", "sources", "data"]
TITLES = {
    "fr": {
        "overview": "Observatoire de l'offshoring",
        "regions": "Régions",
        "cities": "Villes",
        "timeline": "Chronologie",
        "outlook": "Perspectives",
        "sources": "Sources",
        "data": "Données",
    },
    "en": {
        "overview": "Offshoring Observatory",
        "regions": "Regions",
        "cities": "Cities",
        "timeline": "Timeline",
        "outlook": "Outlook",
        "sources": "Sources",
        "data": "Data",
    },
}


def open_app(page: str = "overview", **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"indicators/ui/pages/{page}.py")
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def param(at: AppTest, key: str):
    """A query parameter's value (AppTest may hold it as text or as a one-item list)."""
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def values(array) -> list:
    """A plotly array from a figure's JSON: plain, or typed ({"dtype", "bdata"})."""
    if isinstance(array, dict) and "bdata" in array:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(page, lang):
    at = open_app(page, lang=lang)
    assert at.title[0].value == TITLES[lang][page]
    other = "en" if lang == "fr" else "fr"
    if TITLES[other][page] != TITLES[lang][page]:
        assert TITLES[other][page] not in [t.value for t in at.title]


def test_overview_cards_keep_bounds_units_and_language():
    fr = markdown_text(open_app("overview", lang="fr"))
    en = markdown_text(open_app("overview", lang="en"))
    assert "≈\u00a0120\u00a0000 emplois" in fr
    assert "≈\u00a0120,000 jobs" in en
    assert "48\u00a0000 positions" in fr


def test_overview_series_keeps_positions_and_jobs_apart():
    at = open_app("overview", lang="en")
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        names = {trace.get("name") for trace in figure["data"]}
        assert not ({"Call-centre positions"} & names and any("job" in n.lower() for n in names))


def test_regions_indicator_and_regions_come_from_the_url():
    at = open_app("regions", lang="en", indicator="call_centres", regions="oriental,fes-meknes")
    assert at.selectbox(key="indicator").value == "call_centres"
    assert at.multiselect(key="regions").value == ["oriental", "fes-meknes"]
    bars = spec(at)["data"][0]
    assert sorted(bars["y"]) == ["Fès-Meknès", "Oriental"]


def test_regions_interactions_change_the_chart_and_the_url():
    at = open_app("regions", lang="fr")
    first = spec(at)["data"][0]
    assert len(first["y"]) == 12  # every region, with or without data
    at.selectbox(key="indicator").set_value("offshoring_jobs").run()
    assert param(at, "indicator") == "offshoring_jobs"
    at.multiselect(key="regions").set_value(["souss-massa", "casablanca-settat"]).run()
    assert param(at, "regions") == "souss-massa,casablanca-settat"
    bars = spec(at)["data"][0]
    assert sorted(bars["y"]) == ["Casablanca-Settat", "Souss-Massa"]
    # Souss-Massa's figure is the 1997 region's "moins de 300": shown with its bound.
    souss = bars["text"][bars["y"].index("Souss-Massa")]
    assert souss.startswith("<")
    assert any("1997" in c.value for c in at.caption)


def test_regions_per_inhabitant_divides_by_the_census():
    at = open_app("regions", lang="en", indicator="call_centres", regions="oriental")
    raw = values(spec(at)["data"][0]["x"])[0]
    at.toggle(key="per_capita").set_value(True).run()
    per = values(spec(at)["data"][0]["x"])[0]
    assert param(at, "per") == "100k"
    # Oujda's latest count over the Oriental's 2024 census population (2,294,665).
    assert per == pytest.approx(raw / 2_294_665 * 100_000)


def test_regions_promises_view_draws_targets_hatched():
    at = open_app("regions", lang="en", view="promises", indicator="offshoring_jobs")
    bars = spec(at)["data"][0]
    assert bars["marker"]["pattern"]["shape"] == "/"
    assert sum(text != "no data" for text in bars["text"]) >= 6


def test_switching_language_translates_the_page():
    at = open_app("regions", lang="fr")
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Regions"
    assert param(at, "lang") == "en"


def test_cities_profile_follows_the_url():
    at = open_app("cities", lang="fr", city="oujda")
    assert at.selectbox(key="city").value == "oujda"
    assert any("Oujda" in e.label for e in at.expander)


def test_timeline_draws_uncertain_dates_hatched():
    at = open_app("timeline", lang="en")
    traces = spec(at)["data"]
    bars = [t for t in traces if t["type"] == "bar"]
    hatched = [t for t in bars if t["marker"]["pattern"]["shape"] == "/"]
    hollow = [t for t in traces if t["marker"].get("symbol") == "diamond-open"]
    solid = [t for t in traces if t not in hatched and t not in hollow]
    assert (hatched or hollow) and solid
    assert all("uncertain" in t["name"] for t in hatched + hollow)


def test_outlook_rate_changes_the_scenario():
    at = open_app("outlook", lang="en")
    before = values(next(t for t in spec(at)["data"] if "scenario" in t["name"])["y"])[-1]
    at.slider(key="rate").set_value(10).run()
    after = values(next(t for t in spec(at)["data"] if "scenario" in t["name"])["y"])[-1]
    assert after < before
    assert param(at, "rate") == "10"


def test_sources_search_narrows_the_list():
    at = open_app("sources", lang="fr")
    everything = len(at.expander)
    at.text_input(key="q").set_value("Oujda").run()
    assert 0 < len(at.expander) < everything


def test_data_filters_and_downloads():
    at = open_app("data", lang="en")
    table = at.dataframe[0].value
    at.multiselect(key="f_status").set_value(["target"]).run()
    filtered = at.dataframe[0].value
    assert 0 < len(filtered) < len(table)
    assert set(filtered["status"]) == {"target"}
    assert len(at.get("download_button")) >= 3


def test_per_inhabitant_with_every_region_keeps_no_data_regions():
    at = open_app("regions", lang="fr", indicator="offshoring_jobs", per="100k")
    bars = spec(at)["data"][0]
    assert len(bars["y"]) == 12
    assert bars["text"].count("pas de données") >= 6
