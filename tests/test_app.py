"""Every page under Streamlit's AppTest, in both languages, on the real data: no exception,
the expected elements, and interactions that change what is shown and the URL."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT, ROOT

PAGES = ["overview", "regions", "cities", "timeline", "outlook", "promises", "sources", "data"]
PAGES += ["contribute"]
TITLES = {
    "fr": {
        "overview": "Observatoire de l'offshoring",
        "regions": "Régions",
        "cities": "Villes",
        "timeline": "Chronologie",
        "outlook": "Perspectives",
        "promises": "Promesses",
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
        "promises": "Promises",
        "sources": "Sources",
        "data": "Data",
        "contribute": "Contribute",
    },
}


def open_app(page: str = "overview", **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
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
    # Positions have two national figures (2011, 2013): no two-point line is drawn.
    assert units_drawn == ["jobs"]


def _recorded_and_targets(at):
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    traces = [d for c in charts for d in c["data"]]
    return (
        [d for d in traces if (d.get("meta") or {}).get("role") == "recorded"],
        [d for d in traces if (d.get("meta") or {}).get("role") == "targets"],
    )


def test_overview_first_screen_is_comparable_stocks_with_their_year():
    at = open_app("overview", lang="fr")
    text = markdown_text(at)
    # Four headline stocks, each with its year in large type and its bound.
    assert "## 2025" in text and "≈\u00a0120\u202f000 emplois" in text
    assert "## 2024" in text and "148\u202f500 emplois" in text
    headline = text.split("Autres chiffres")[0] if "Autres chiffres" in text else text
    # A definition, a weekly flow and a cumulative flow are not headlines.
    for label in ("Seuil d'un grand centre", "par semaine", "créés"):
        assert not any(label in m.value for m in at.markdown[:12] if m.value.startswith("**"))
    assert any("Autres chiffres" in e.label for e in at.expander)
    recorded, targets = _recorded_and_targets(at)
    drawn = {(d.get("meta") or {}).get("indicator") for d in recorded}
    assert not drawn & {
        "large_centre_threshold",
        "setup_time_large_centre",
        "offshoring_jobs_created",
        "call_centre_jobs_created_per_week",
    }
    for trace in recorded:  # no two-point lines
        if "lines" in trace["mode"]:
            assert len(values(trace["y"])) >= 3
    # The national targets (90,000 for 2013, 123,000 for 2020) are drawn as targets.
    target_values = {v for d in targets for v in values(d["y"])}
    assert {90000, 123000} <= target_values
    assert all(d["marker"]["symbol"] == "circle-open" for d in targets)
    assert headline


def _labels(at, index=0) -> list[str]:
    """The words above each bar of the ranking, top row first."""
    annotations = spec(at, index)["layout"].get("annotations", [])
    return [a["text"] for a in annotations if a.get("name") == "label"]


def _traces(at, index=0, role=None):
    data = spec(at, index)["data"]
    return [d for d in data if role is None or (d.get("meta") or {}).get("role") == role]


def test_regions_indicator_and_regions_come_from_the_url():
    at = open_app("regions", lang="en", indicator="call_centres", regions="oriental,fes-meknes")
    assert at.selectbox(key="indicator").value == "call_centres"
    assert at.multiselect(key="regions").value == ["oriental", "fes-meknes"]
    [bars] = _traces(at, role="certain")
    # A city's figure is drawn as that city, labelled, with its region beside it.
    # The region's own figure is drawn as the region.
    assert sorted(bars["y"]) == [
        "Fez (city) — Fès-Meknès",
        "Fès-Meknès",
        "Oujda Shore (park) — Oriental",
    ]


def test_regions_interactions_change_the_chart_and_the_url():
    at = open_app("regions", lang="fr")
    at.selectbox(key="indicator").set_value("offshoring_jobs").run()
    assert param(at, "indicator") == "offshoring_jobs"
    at.multiselect(key="regions").set_value(["souss-massa", "casablanca-settat"]).run()
    assert param(at, "regions") == "souss-massa,casablanca-settat"
    [certain] = _traces(at, role="certain")
    [uncertain] = _traces(at, role="uncertain")
    labels = _labels(at)
    names = certain["y"]
    souss = names.index("Souss-Massa-Draâ (région de 1997) — Souss-Massa")
    # "< 300" is open-ended: nothing solid, hatched from 0 to 300.
    assert values(certain["x"])[souss] == 0
    assert values(uncertain["base"])[souss] == 0 and values(uncertain["x"])[souss] == 300
    text = labels[souss]  # escaped for plotly, which shows "<"
    assert "&lt;\u00a0300" in text and "janvier 2011" in text
    assert any("Casanearshore (parc)" in n for n in names)


def test_regions_period_control_defaults_and_follows_the_url():
    at = open_app("regions", lang="fr", indicator="call_centre_positions")
    # The most recent three-year window with the most regions: 2009-2011 (Tanger, Oujda,
    # Agadir), not Oujda's lone 2019 figure.
    assert at.select_slider(key="period-call_centre_positions").value == (2009, 2011)
    labels = _labels(at)
    assert all("2009" in text or "2011" in text for text in labels)
    at = open_app("regions", lang="fr", indicator="call_centre_positions", period="2009")
    [certain] = _traces(at, role="certain")
    assert certain["y"] == [
        "Tanger (ville) — Tanger-Tétouan-Al Hoceima",
        "Oujda (ville) — Oriental",
    ]
    at.select_slider(key="period-call_centre_positions").set_value((2009, 2010)).run()
    assert param(at, "period") == "2009-2010"
    bad = open_app("regions", lang="en", indicator="call_centre_positions", period="2019-abc")
    assert any("not understood" in c.value for c in bad.caption)
    assert bad.select_slider(key="period-call_centre_positions").value == (2009, 2011)


def test_regions_upper_bound_never_outranks_a_larger_figure():
    # Agadir's "< 300" (Jan 2011) against Oujda's 200 (Feb 2009): the order is uncertain;
    # Tanger's "≈ 1,000" is above both.
    at = open_app("regions", lang="en", indicator="call_centre_positions")
    [certain] = _traces(at, role="certain")
    labels = _labels(at)
    assert certain["y"][0].startswith("Tangier (city)")
    agadir = next(i for i, n in enumerate(certain["y"]) if n.startswith("Agadir"))
    assert "rank 2 to 3 of 3" in labels[agadir]
    assert values(certain["x"])[agadir] == 0  # nothing certain in "< 300"


def test_regions_per_inhabitant_is_off_for_city_and_park_figures():
    at = open_app("regions", lang="en", indicator="call_centre_positions", per="100k")
    toggle = at.toggle(key="per_capita")
    assert toggle.disabled and toggle.value is False
    assert param(at, "per") is None
    assert any("only for a figure of the whole region" in c.value for c in at.caption)
    [certain] = _traces(at, role="certain")
    assert certain["y"] and all("(city)" in n for n in certain["y"])


def test_regions_promises_view_draws_targets_hatched():
    at = open_app("regions", lang="en", view="promises", indicator="offshoring_jobs")
    [certain] = _traces(at, role="certain")
    assert certain["marker"]["pattern"]["shape"] == "x"
    assert len(certain["y"]) >= 1


def test_regions_say_no_figure_in_the_sources_rather_than_zero():
    for lang, words in (
        ("fr", "Aucun chiffre dans les sources dépouillées"),
        ("en", "No figure in the sources curated"),
    ):
        at = open_app("regions", lang=lang, indicator="offshoring_jobs")
        [line] = [c.value for c in at.caption if c.value.startswith(words)]
        for region in ("Béni Mellal", "Drâa", "Guelmim", "Laâyoune", "Dakhla"):
            assert region in line


def test_regions_map_names_regions_and_never_paints_a_city_figure():
    at = open_app("regions", lang="fr", indicator="call_centre_positions")
    fig = spec(at, 1)
    data = fig["data"]
    [names] = [d for d in data if (d.get("meta") or {}).get("role") == "names"]
    assert len(names["text"]) == 12 and "Béni Mellal-Khénifra" in names["text"]
    regions = {
        d["meta"]["region"]: d for d in data if (d.get("meta") or {}).get("role") == "region"
    }
    # Souss-Massa has only Agadir's figure: drawn as a place, the region not coloured.
    assert regions["souss-massa"]["meta"]["state"] == "place"
    assert regions["souss-massa"]["fillcolor"] == "#fdf3e1"
    assert regions["beni-mellal-khenifra"]["meta"]["state"] == "none"
    assert not [d for d in data if (d.get("meta") or {}).get("role") == "scale"]
    [cities] = [d for d in data if (d.get("meta") or {}).get("role") == "places"]
    assert any(text.startswith("Agadir (ville)") for text in cities["text"])
    legend = {d["name"] for d in data if d.get("showlegend", True) and d.get("name")}
    assert "aucun chiffre dans les sources dépouillées" in legend
    assert "chiffre de la région" in legend


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


def test_a_mistyped_setting_is_shown_on_the_page_not_a_traceback(tmp_path, monkeypatch):
    import streamlit as st

    from indicators.ui import context

    config = tmp_path / "config.yaml"  # SYNTHETIC settings with a typo
    config.write_text("default_langage: en\n", encoding="utf-8")
    monkeypatch.setattr(context, "CONFIG_FILE", config)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
        assert not at.exception
        [error] = [e.value.replace("\\", "") for e in at.error]  # markdown escapes
        assert "config.yaml:1:1" in error and "unknown setting 'default_langage'" in error
        assert "did you mean 'default_language'" in error
    finally:
        st.cache_resource.clear()


def test_outlook_default_base_is_the_latest_national_stock():
    at = open_app("outlook", lang="fr")
    series = at.selectbox(key="series")
    assert series.value == "call_centre_jobs"  # 120,000 in August 2025
    # Only stocks are offered: no threshold definition, no flow, no rate, no revenue.
    for not_a_stock in (
        "large_centre_threshold",
        "call_centre_jobs_created_per_week",
        "offshoring_jobs_created",
        "call_centre_growth_rate",
        "offshoring_revenue_eur",
    ):
        assert not_a_stock not in series.options
    # Results are rounded (120,000 x 1.2^5 = 298,598 reads "≈ 300 000").
    assert at.metric[0].value == "≈\u00a0300\u202f000 emplois"
    assert not at.warning
    # The observed growth between recorded figures sits beside the chosen rate.
    assert any("Croissance observée" in c.value and "–2025" in c.value for c in at.caption)
    # Targets of the same family and coverage only, drawn on the scenario chart.
    [targets] = [d for d in spec(at)["data"] if (d.get("meta") or {}).get("role") == "targets"]
    assert sorted(values(targets["y"])) == [16000, 150000]
    assert any("déjà atteint en 2006" in e.label for e in at.expander)


def test_outlook_warns_when_a_scenario_leaves_plausible_ground():
    at = open_app("outlook", lang="en", rate="50", horizon="2050")
    warnings = " ".join(w.value for w in at.warning)
    assert "times the latest recorded figure" in warnings
    assert "aged 15 to 64" in warnings  # beyond the 2024 working-age population
    assert at.metric[0].value.startswith("≈") and at.metric[0].value.endswith("0,000,000 jobs")


@pytest.mark.parametrize("page", ["outlook", "promises"])
@pytest.mark.parametrize("bad", ["1e999", "-1e999", "nan", "abc", "20%"])
def test_an_unreadable_number_in_the_url_falls_back_to_the_default(page, bad):
    # "1e999" is infinity once read: int() of it raised OverflowError (a traceback).
    at = open_app(page, lang="en", rate=bad, horizon=bad)
    assert at.slider(key="rate").value == 20  # config.yaml's default growth rate


def test_promises_page_keeps_the_place_in_the_url_and_says_not_verifiable():
    at = open_app("promises", lang="fr", place="city:oujda")
    assert at.selectbox(key="place").value == "city:oujda"
    ledger = next(f.value for f in at.dataframe if "Verdict" in f.value.columns[0])
    verdicts = list(ledger.iloc[:, 0])
    assert any("non vérifiable à ±1 an" in v for v in verdicts)
    assert not any("en attente" in v for v in verdicts)  # every Oujda deadline is past


def test_overview_shows_a_figure_repeated_by_four_articles_once_with_its_sources():
    # The real data: four articles give the same 18,500 offshoring jobs created (2019 to
    # 2022). One figure, four sources, every quote under it; not four identical columns.
    at = open_app("overview", lang="en")
    shown = [m.value for m in at.markdown if m.value.startswith("### ") and "18,500" in m.value]
    assert len(shown) == 1, shown
    assert any("4 sources" in c.value for c in at.caption)
    # The two claims of the headline's 120,000 call-centre jobs are one figure too: no
    # "other figure for the same period" said of a repeat.
    headline = next(c.value for c in at.caption if "2 sources" in c.value)
    assert "other figure" not in headline
