"""For readers (issue 16): provenance in words, the Data page's filters in the URL and its
downloads, the Contribute page, Sources, Timeline and Cities. Helpers are tested on their
own; pages under AppTest on the real data."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest

from indicators.analysis.downloads import file_name, slug, whole_numbers
from indicators.analysis.export import to_excel
from indicators.render.i18n import NBSP, catalogue
from indicators.render.provenance import (
    citation,
    counted,
    row_citation,
    short_date,
    short_publisher,
    sources_drawn,
    uncertain_date,
)
from indicators.render.reader_table import about_sheet, reader_table, readme_text
from tests.test_app import open_app, param, spec

SEED = "leseco-2011-01-18-souss-offshoring"


# --- provenance in words ------------------------------------------------------------------
def test_a_citation_is_the_publisher_and_a_short_date_never_the_id(real_dataset):
    seed = real_dataset.source(SEED)
    assert citation(seed, "fr") == "Les ECO, 18 janv. 2011"
    assert citation(seed, "en") == "Les ECO, 18 Jan 2011"
    assert SEED not in citation(seed, "fr")
    assert short_publisher("Les ECO (Les Echos quotidien)") == "Les ECO"
    assert short_date("2019-03", "fr") == "mars 2019"
    assert short_date("2017", "en") == "2017"
    inferred = {"publisher": "SYNTHETIC", "published": "2017", "published_inferred": True}
    assert citation(inferred, "fr") == "SYNTHETIC, 2017 *"
    assert citation(None, "fr", "some-id") == "some-id"  # an unknown source keeps its id


def test_every_figure_carries_its_sources_citation(real_dataset):
    obs = real_dataset.observations
    row = obs[obs["source"] == SEED].iloc[0].to_dict()
    assert row_citation(row, "fr") == "Les ECO, 18 janv. 2011"
    assert obs["source_publisher"].notna().all()
    assert row["source_url"].startswith("https://")


def test_the_chart_hover_names_the_source_by_its_citation(real_dataset):
    at = open_app("regions", lang="fr", indicator="call_centre_positions")
    hovers = " ".join(str(h) for trace in spec(at)["data"] for h in trace.get("hovertext") or [])
    assert "Source\u00a0:" in hovers
    assert not [i for i in real_dataset.sources["id"] if f"Source\u00a0: {i}<" in hovers]


def test_sources_drawn_under_a_chart_in_each_language(real_dataset):
    rows = real_dataset.observations.head(30)
    fr = sources_drawn(rows, real_dataset.source, "fr", limit=2)
    assert fr.startswith("Sources\u00a0:") and "autres" in fr
    assert f"{NBSP};" in fr
    en = sources_drawn(rows, real_dataset.source, "en", limit=2)
    assert en.startswith("Sources:") and "more" in en


@pytest.mark.parametrize(
    "row, expected",
    [
        ({"start": "2011-10", "approx": True, "inferred": False}, "approx"),
        ({"start": "2011-10", "approx": False, "inferred": True}, "inferred"),
        ({"start": "2011-10", "approx": False, "inferred": False}, None),
        # The curators' date syntax, read by the same helper (SYNTHETIC rows).
        ({"start": "2011-10~"}, "approx"),
        ({"start": "2011?"}, "uncertain"),
    ],
)
def test_how_sure_a_date_is_is_read_in_one_place(row, expected):
    assert uncertain_date(row) == expected


def test_counts_take_their_plural():
    assert counted("readers.sources.figure", 1, "fr") == "1 chiffre"
    assert counted("readers.sources.figure", 4, "fr") == "4 chiffres"
    assert counted("readers.sources.milestone", 0, "en") == "0 milestones"


def test_french_locale_texts_use_french_typography():
    """No plain space before ":" ";" "?" "!" and no straight double quotes in French."""
    for key, text in catalogue("fr").items():
        assert " :" not in text and " ;" not in text, key
        assert '"' not in text, key


# --- the Data page ------------------------------------------------------------------------
def test_the_reader_table_puts_the_value_first_with_translated_headers(real_dataset):
    fr = reader_table(real_dataset.observations, real_dataset.indicator_label, "fr")
    assert list(fr.columns)[:3] == ["Valeur", "Indicateur", "Lieu"]
    assert not {"geo", "file", "line", "derivation", "region_1997"} & set(fr.columns)
    assert "Les ECO, 18 janv. 2011" in set(fr["Source"])
    en = reader_table(real_dataset.observations, real_dataset.indicator_label, "en")
    assert list(en.columns)[:3] == ["Value", "Indicator", "Place"]
    newest = real_dataset.observations["period_end"].max()
    assert str(newest.year) in en["Period"].iloc[0]  # newest first


def test_download_names_say_what_they_hold():
    day = dt.date(2026, 12, 1)
    assert file_name("observations", {"region": ["fes-meknes"]}, day) == (
        "observations-fes-meknes-2026-12-01"
    )
    assert file_name("observations", {}, day) == "observations-2026-12-01"
    assert file_name("observations", {"q": ["Fès Shore"]}, day) == (
        "observations-fes-shore-2026-12-01"
    )
    many = file_name("observations", {"indicator": ["a", "b", "c", "d"]}, day)
    assert many == "observations-4-indicator-2026-12-01"
    assert slug("Meknès") == "meknes"


def test_downloads_write_whole_numbers_as_integers():
    frame = pd.DataFrame({"value": [5000.0, 120.0], "share": [0.5, 2.0]})  # SYNTHETIC
    csv = whole_numbers(frame).to_csv(index=False)
    assert "5000," in csv and "5000.0" not in csv
    assert "0.5" in csv


def test_the_excel_file_has_a_metadata_and_licence_sheet(real_dataset):
    about = about_sheet("fr", 3, 130, "Région\u00a0: Fès-Meknès")
    data = to_excel(real_dataset.observations.head(3), extra={"À propos": about})
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == ["data", "À propos"]
    text = " ".join(sheets["À propos"].astype(str).agg(" ".join, axis=1))
    assert "Licence" in text and "Fès-Meknès" in text and "HCP" in text


def test_an_archive_readme_lists_its_files():
    text = readme_text("en", 3, 130, "", ["observations-2026-12-01.csv"])
    assert "Licence and citation:" in text
    assert "- observations-2026-12-01.csv" in text


def test_data_filters_come_from_the_url_and_go_back_to_it():
    at = open_app("data", lang="fr", regions="fes-meknes", status="observed", q="Fès")
    assert at.multiselect(key="f_region").value == ["fes-meknes"]
    assert at.multiselect(key="f_status").value == ["observed"]
    assert at.text_input(key="f_text").value == "Fès"
    table = at.dataframe[0].value
    assert len(table) > 0 and set(table["Statut"]) == {"observé"}
    at.multiselect(key="f_kind").set_value(["city"]).run()
    assert param(at, "scope") == "city"
    assert param(at, "regions") == "fes-meknes"


def test_data_search_ignores_accents_and_the_language_of_names():
    fez = open_app("data", lang="en", q="Fez").dataframe[0].value
    fes = open_app("data", lang="en", q="fes").dataframe[0].value
    assert len(fez) > 0 and len(fez) == len(fes)
    assert len(open_app("data", lang="fr", q="Meknes").dataframe[0].value) > 0
    # An indicator's name finds its figures, in either language (accents ignored).
    jobs = open_app("data", lang="en", q="emplois des centres").dataframe[0].value
    assert set(jobs["Indicator"]) >= {"Call-centre jobs"}


def test_data_says_when_nothing_matches_and_disables_the_downloads():
    at = open_app("data", lang="en", q="SYNTHETIC-nothing-matches-this")
    assert any("No figure matches" in w.value for w in at.warning)
    assert not at.dataframe
    table_downloads = [b for b in at.get("download_button") if "package" not in b.proto.label]
    assert table_downloads and all(b.proto.disabled for b in table_downloads)


def test_a_bad_filter_in_the_url_falls_back_with_a_message():
    at = open_app("data", lang="en", status="observed,nonsense")
    assert at.multiselect(key="f_status").value == ["observed"]
    assert any("nonsense" in i.value for i in at.info)


def test_the_data_page_has_no_curator_tools_and_links_to_contribute():
    at = open_app("data", lang="fr")
    assert not [s for s in at.selectbox if s.key == "cur_source"]
    assert "Problèmes de validation" not in [h.value for h in at.subheader]
    assert any("contribute" in str(link.proto.page) for link in at.get("page_link"))


def test_the_contribute_page_holds_the_curator_tools():
    at = open_app("contribute", lang="en")
    headings = [h.value for h in at.header]
    assert "Validation problems" in headings
    assert "Curators' notes" in headings
    assert any(s.key == "cur_source" for s in at.selectbox)
    notes = at.dataframe[-1].value
    assert list(notes.columns) == ["Location", "Note"]
    assert any("seeds/000_a553738590f81b11.txt" in n for n in notes["Note"])


def test_reader_pages_do_not_show_curators_notes():
    """The seed source's note names an internal file: only Contribute may show it."""
    for page in ("sources", "cities", "data", "timeline", "overview"):
        at = open_app(page, lang="fr", view="cards")
        shown = " ".join(m.value for m in [*at.markdown, *at.caption])
        assert "seeds/000" not in shown.replace("\\", ""), page


# --- Sources ------------------------------------------------------------------------------
def test_sources_table_is_newest_first_and_cards_hide_empty_expanders():
    at = open_app("sources", lang="fr")
    dates = list(at.dataframe[0].value["Date"].dropna())
    assert dates == sorted(dates, reverse=True)
    cards = open_app("sources", lang="fr", view="cards")
    assert param(cards, "view") == "cards"
    assert len(cards.expander) > 0
    assert not any(e.label.startswith("0 chiffre, 0 jalon") for e in cards.expander)


def test_sources_search_comes_from_the_url_and_says_when_nothing_matches():
    at = open_app("sources", lang="en", q="Oujda")
    assert at.text_input(key="q").value == "Oujda"
    assert any("sources match" in c.value for c in at.caption)
    none = open_app("sources", lang="fr", q="SYNTHETIC-nothing")
    assert any("Aucune source ne correspond" in w.value for w in none.warning)


# --- Timeline -----------------------------------------------------------------------------
def test_timeline_place_filter_is_in_the_url_and_no_list_repeats_the_chart():
    at = open_app("timeline", lang="en", place="city:oujda")
    assert at.multiselect(key="places").value == ["city:oujda"]
    labels = [y for trace in spec(at)["data"] for y in trace.get("y") or [] if y]
    assert labels and all("Oujda" in label or "SICCAM" in label for label in labels), labels
    # The chart is not repeated as 35 expanders (the sidebar's glossary is one).
    assert [e.label for e in at.expander] == ["Statuses: what do observed, declared, target… mean?"]
    at.multiselect(key="places").set_value([]).run()
    assert param(at, "place") is None


def test_timeline_says_when_nothing_matches():
    at = open_app("timeline", lang="fr", place="city:oujda", kinds="closure")
    assert any("Aucun jalon" in w.value for w in at.warning)


# --- Cities -------------------------------------------------------------------------------
def test_cities_summary_shows_figures_not_counts_and_routes_switch_off():
    at = open_app("cities", lang="fr")
    table = at.table[0].value
    agadir = table.loc["Agadir", "Derniers chiffres"].replace("\\\\", "")
    # A figure with its unit and its year, not a count of records.
    assert re.search(r"\d.*(emplois|positions|centres).*\(.*20\d\d", agadir), agadir
    routes = [t for t in spec(at)["data"] if (t.get("meta") or {}).get("role") == "route"]
    assert routes
    at.toggle(key="routes_shown").set_value(False).run()
    assert param(at, "routes") == "off"
    assert not [t for t in spec(at)["data"] if (t.get("meta") or {}).get("role") == "route"]


def test_browser_tab_is_titled_per_page_and_language():
    at = open_app("sources", lang="en")
    # AppTest does not expose page_config; the shell builds it from the page's title.
    assert at.title[0].value == "Sources"


def test_french_quotes_take_no_break_spaces_inside_guillemets():
    from indicators.render.i18n import t

    assert "«\u00a0plus de\u00a0»" in t("data.how_to_text", "fr")


def test_years_to_a_target_are_calendar_years_never_decimals():
    from indicators.render.reasons import year_text

    fr = year_text({"reach_year": 2031.6, "year_bound": "exact"}, "fr")
    assert "2031" in fr and "2031,6" not in fr and "2032" not in fr
    assert "2031.6" not in year_text({"reach_year": 2031.6, "year_bound": "exact"}, "en")


def test_promises_tables_cite_sources_not_ids(real_dataset):
    at = open_app("promises", lang="en")
    cited = [d.value["Source"] for d in at.dataframe if "Source" in d.value]
    assert cited
    ids = set(real_dataset.sources["id"])
    assert not [c for column in cited for c in column if c in ids]
