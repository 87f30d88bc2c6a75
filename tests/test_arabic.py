"""Arabic (?lang=ar): every page renders right to left with no French or English key
missing (i18n is strict in the tests), Moroccan formats, Arabic place names, charts
mirrored, a visible marker where a data file has no Arabic yet."""

from __future__ import annotations

import pytest

from indicators.render import charts
from indicators.render.formats import date_text, number, unit_label, value_text
from indicators.render.i18n import direction, region_names, t
from indicators.render.provenance import citation, short_date
from tests.test_app import PAGES, open_app, spec, values

TITLES = {
    "overview": "مرصد ترحيل الخدمات",
    "regions": "الجهات",
    "cities": "المدن",
    "timeline": "التسلسل الزمني",
    "outlook": "الآفاق",
    "promises": "الوعود",
    "sources": "المصادر",
    "data": "البيانات",
    "contribute": "المساهمة",
}


def html_bodies(at) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_arabic_right_to_left(page):
    at = open_app(page, lang="ar")  # strict i18n: a key missing in ar/ raises here
    assert at.title[0].value == TITLES[page]
    styles = html_bodies(at)
    assert "direction: rtl" in styles
    assert "document.documentElement.lang = 'ar'" in styles
    # The sidebar's language switch names each language in itself.
    switch = at.sidebar.radio[0]
    assert switch.value == "ar"
    assert list(switch.options) == ["Français", "English", "العربية"]
    # Each chart has an accessible name that says what it shows, in Arabic.
    for chart in at.get("plotly_chart"):
        assert chart.proto.alt and any("\u0600" <= c <= "\u06ff" for c in chart.proto.alt)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_french_and_english_pages_stay_left_to_right_with_their_own_lang(lang):
    at = open_app("regions", lang=lang)
    styles = html_bodies(at)
    assert "direction: rtl" not in styles
    assert f"document.documentElement.lang = '{lang}'" in styles
    # Paragraphs and quotes take the direction of their own text (an Arabic quote too).
    assert "unicode-bidi: plaintext" in styles
    assert at.get("plotly_chart")[0].proto.alt.startswith(t("a11y.ranking", lang)[:12])


def test_arabic_regions_ranking_reads_from_the_right_with_hcp_names(real_dataset):
    at = open_app("regions", lang="ar", indicator="call_centres")
    figure = spec(at)
    layout = figure["layout"]
    assert layout["yaxis"]["side"] == "right"
    low, high = layout["xaxis"]["range"]
    assert low > high == 0  # bars grow leftwards from the category axis
    names = list(values(figure["data"][0]["y"]))
    # Places in Arabic: the region by its HCP name, a city with its kind and its region.
    assert "فاس-مكناس" in names and "فاس (مدينة) — فاس-مكناس" in names
    assert not [n for n in names if "Fès" in n or "ville" in n]
    assert layout["separators"] == ",."  # decimal comma, thousands dot (ar_MA)
    # Each bar's label starts at the bar's base (x = 0, the right edge now) and runs
    # leftwards along it: anchored left, it would run out of the chart and be cut off.
    labels = [a for a in layout["annotations"] if a.get("name") == "label"]
    assert len(labels) == len(names)
    assert {(a["x"], a["xanchor"], a["align"]) for a in labels} == {(0, "right", "right")}


def test_the_french_ranking_is_not_mirrored():
    figure = spec(open_app("regions", lang="fr", indicator="call_centres"))
    assert figure["layout"]["yaxis"].get("side") != "right"
    assert figure["layout"]["xaxis"]["range"][0] == 0
    labels = [a for a in figure["layout"]["annotations"] if a.get("name") == "label"]
    assert labels and {(a["xanchor"], a["align"]) for a in labels} == {("left", "left")}


def test_moroccan_arabic_numbers_dates_and_bounds():
    # Western digits, "." between thousands, "," before decimals (Babel's ar_MA).
    assert number(30000, "ar") == "30.000"
    assert number(2.5, "ar") == "2,5"
    assert not any("\u0660" <= c <= "\u0669" for c in number(1234567, "ar"))
    # Moroccan month names, not the Middle-East ones.
    assert date_text("2011-08", "ar") == "غشت 2011"
    assert date_text("2011-05-18", "ar") == "18 ماي 2011"
    assert date_text("2011~", "ar") == "حوالي 2011"
    # The citations' short dates too ("Les ECO, 3 غشت 2011"), not "أغسطس".
    assert short_date("2011-08-03", "ar") == "3 غشت 2011"
    assert short_date("2011-05", "ar") == "ماي 2011"
    assert citation({"publisher": "Les ECO", "published": "2011-08-03"}, "ar").endswith("غشت 2011")
    # A bound is spelled out: "<" and ">" would be mirrored in a right-to-left line.
    assert value_text(30000, "lower", "positions", "ar") == "أكثر من 30.000 منصب"
    assert value_text(300, "upper", "jobs", "ar") == "أقل من 300 وظيفة"
    assert value_text(1000, "approx", "jobs", "ar") == "حوالي 1.000 وظيفة"
    assert value_text(1.2e9, "exact", "dirhams", "ar") == "1,2 مليار درهم"
    assert "<" not in value_text(300, "upper", "jobs", "ar")
    assert value_text(300, "upper", "jobs", "fr") == "<\u00a0300 emplois"


@pytest.mark.parametrize(
    ("value", "word"),
    [(1, "وظيفة"), (2, "وظيفتان"), (3, "وظائف"), (10, "وظائف"), (11, "وظيفة"), (100, "وظيفة")],
)
def test_arabic_unit_words_take_the_six_plural_categories(value, word):
    assert unit_label("jobs", "ar", value) == word


def test_a_title_with_no_number_takes_the_plural():
    assert unit_label("jobs", "ar") == "وظائف"
    assert unit_label("jobs", "fr") == "emplois"
    assert unit_label("jobs", "en") == "jobs"


def test_places_are_named_in_arabic(real_dataset):
    geo = real_dataset.geography
    assert geo.label("region:souss-massa", "ar") == "سوس-ماسة"
    assert geo.label("region:souss-massa-draa", "ar") == "سوس-ماسة-درعة"  # 1997 division
    assert geo.label("city:fes", "ar") == "فاس"
    assert geo.label("park:casanearshore", "ar") == "الدار البيضاء نيرشور"
    assert geo.label("country:ma", "ar") == "المغرب"
    assert region_names("ar") == "name_ar" and region_names("en") == "name_fr"
    assert not real_dataset.observations["place_ar"].str.startswith("[fr]").any()


def test_a_missing_arabic_text_shows_the_french_behind_a_marker(synthetic_dir):
    # SYNTHETIC data: its indicators and milestones have fr and en only, no ar.
    from indicators.analysis.dataset import Dataset

    ds = Dataset.from_folder(synthetic_dir)
    row = ds.indicators.iloc[0]
    assert row["label_ar"] == "[fr] " + row["label_fr"]
    assert ds.indicator_label(row["id"], "ar") == "[fr] " + row["label_fr"]
    if len(ds.milestones):
        first = ds.milestones.iloc[0]
        assert first["title_ar"] == "[fr] " + first["title_fr"]


def test_an_arabic_label_in_the_yaml_is_used(real_dataset):
    assert real_dataset.indicator_label("call_centre_jobs", "ar") == "وظائف مراكز النداء"
    assert not real_dataset.indicators["label_ar"].str.startswith("[fr]").any()


def test_direction_of_each_language():
    assert [direction(lang) for lang in ("fr", "en", "ar")] == ["ltr", "ltr", "rtl"]


def test_mirror_leaves_left_to_right_charts_alone():
    import plotly.graph_objects as go

    fig = charts.mirror(go.Figure(go.Bar(x=[1], y=["a"], orientation="h")), "en")
    assert fig.layout.yaxis.side is None and fig.layout.xaxis.autorange is None
    fig = charts.mirror(go.Figure(go.Bar(x=[1], y=["a"], orientation="h")), "ar")
    assert fig.layout.yaxis.side == "right" and fig.layout.xaxis.autorange == "reversed"


def test_a_french_fallback_inside_an_arabic_sentence_is_a_bidi_isolate():
    from indicators.ui.widgets import md

    shown = md("[fr] Nombre de centres d'appels (unités) en activité.")
    assert shown.startswith("\u2068") and shown.endswith("\u2069")  # FSI ... PDI
    assert md("Nombre de centres (unités).") == "Nombre de centres \\(unités\\)\\."


def test_an_arabic_legend_starts_on_the_right_inside_the_figure(real_dataset):
    # The trajectory set its legend at x=0 after the shared layout had anchored Arabic
    # legends on their right edge: the legend fell left of the plot, which shrank to half
    # the page. Start and anchor go together now.
    import datetime as dt

    from indicators.analysis import places, promises
    from indicators.render import promise_charts

    ledger = real_dataset.derived(promises.dataset_ledger, dt.date(2026, 12, 1))
    view = places.place_view(real_dataset, ledger, "city:fes")
    mine = view.promises.assign(reason="SYNTHETIC reason")
    for lang, where in (("ar", (1, "right")), ("fr", (0, "left"))):
        fig = promise_charts.trajectory(view.recorded, mine, view.milestones, lang, {}, {})
        assert (fig.layout.legend.x, fig.layout.legend.xanchor) == where
