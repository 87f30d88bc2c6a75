"""Every page under Streamlit's AppTest, in both languages, on the real data: no exception,
the expected elements, and interactions that change what is shown and the URL."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["overview", "regions", "cities", "timeline", "outlook", "sources", "data", "contribute"]
TITLES = {
    "fr": {
        "overview": "Observatoire de l'offshoring",
        "regions": "Régions",
        "cities": "Villes",
        "timeline": "Chronologie",
        "outlook": "Perspectives",
        "sources": "Sources",
        "data": "Données",
        "contribute": "Contribuer",
    },
    "en": {
        "overview": "Offshoring Observatory",
        "regions": "Regions",
        "cities": "Cities",
        "timeline": "Timeline",
        "outlook": "Outlook",
        "sources": "Sources",
        "data": "Data",
        "contribute": "Contribute",
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
    assert "≈\u00a0120\u202f000 emplois" in fr
    assert "≈\u00a0120,000 jobs" in en
    assert "48\u202f000 positions" in fr


def test_overview_series_keeps_positions_and_jobs_apart(real_dataset):
    labels = real_dataset.indicators.set_index("id")
    by_unit = {
        unit: set(labels.loc[labels["unit"] == unit, "label_en"]) for unit in ("positions", "jobs")
    }
    at = open_app("overview", lang="en")
    units_drawn = []
    for chart in at.get("plotly_chart"):
        names = {trace.get("name") for trace in json.loads(chart.proto.spec)["data"]}
        units = [unit for unit, unit_labels in by_unit.items() if names & unit_labels]
        assert len(units) <= 1, names  # never seats and headcount on one chart
        units_drawn += units
    assert sorted(units_drawn) == ["jobs", "positions"]  # both series are drawn


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


def test_timeline_draws_uncertain_dates_hatched_or_hollow():
    at = open_app("timeline", lang="en")
    traces = [t for t in spec(at)["data"] if t.get("legend") != "legend2"]
    bars = [t for t in traces if t["type"] == "bar"]
    hatched = [t for t in bars if t["marker"]["pattern"]["shape"] == "/"]
    solid = [t for t in bars if t["marker"]["pattern"]["shape"] == ""]
    assert hatched and solid
    points = [t for t in traces if t["type"] == "scatter"]
    assert {t["marker"]["symbol"] for t in points} == {"diamond", "diamond-open"}
    # Each kind is named once in the first legend; the date legend is the second one.
    named = [t["name"] for t in traces if t.get("showlegend", True)]
    assert len(named) == len(set(named))
    dates = [t["name"] for t in spec(at)["data"] if t.get("legend") == "legend2"]
    assert dates == [
        "known date",
        "approximate, uncertain or inferred date (hatched, hollow diamond)",
    ]


def test_outlook_rate_changes_the_scenario():
    at = open_app("outlook", lang="en")
    before = values(next(t for t in spec(at)["data"] if "scenario" in t["name"])["y"])[-1]
    at.slider(key="rate").set_value(10).run()
    after = values(next(t for t in spec(at)["data"] if "scenario" in t["name"])["y"])[-1]
    assert after < before
    assert param(at, "rate") == "10"


def test_sources_search_narrows_the_table_and_is_in_the_url():
    at = open_app("sources", lang="fr")
    everything = len(at.dataframe[0].value)
    at.text_input(key="q").set_value("Oujda").run()
    assert 0 < len(at.dataframe[0].value) < everything
    assert param(at, "q") == "Oujda"
    assert any("sources sur" in c.value and "correspondent" in c.value for c in at.caption)


def test_data_filters_and_downloads():
    at = open_app("data", lang="en")
    table = at.dataframe[0].value
    at.multiselect(key="f_status").set_value(["target"]).run()
    filtered = at.dataframe[0].value
    assert 0 < len(filtered) < len(table)
    assert set(filtered["Status"]) == {"target"}
    assert param(at, "status") == "target"
    assert len(at.get("download_button")) >= 3


def test_per_inhabitant_with_every_region_keeps_no_data_regions():
    at = open_app("regions", lang="fr", indicator="offshoring_jobs", per="100k")
    bars = spec(at)["data"][0]
    assert len(bars["y"]) == 12
    assert bars["text"].count("pas de données") >= 6


def test_a_mistyped_setting_is_shown_on_the_page_not_a_traceback(tmp_path, monkeypatch):
    import streamlit as st

    from indicators.ui import context

    config = tmp_path / "config.yaml"  # SYNTHETIC settings with a typo
    config.write_text("default_langage: en\n", encoding="utf-8")
    monkeypatch.setattr(context, "CONFIG_FILE", config)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception
        [error] = [e.value.replace("\\", "") for e in at.error]  # markdown escapes
        assert "config.yaml:1:1" in error and "unknown setting 'default_langage'" in error
        assert "did you mean 'default_language'" in error
    finally:
        st.cache_resource.clear()
