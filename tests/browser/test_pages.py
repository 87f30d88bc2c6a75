"""Every page in a real Chromium against a real Streamlit server: rendered, charts drawn,
nothing fetched from outside, URL state kept, downloads true to the table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from indicators.analysis.dataset import Dataset
from tests.browser.harness import PAGES, WAIT_MS, open_page, wait_for_app, wait_for_heading
from tests.conftest import DATA

TITLES = {
    "fr": [
        "Observatoire de l'offshoring",
        "Régions",
        "Villes",
        "Chronologie",
        "Perspectives",
        "Promesses",
        "Sources",
        "Données",
        "Contribuer",
    ],
    "en": [
        "Offshoring Observatory",
        "Regions",
        "Cities",
        "Timeline",
        "Outlook",
        "Promises",
        "Sources",
        "Data",
        "Contribute",
    ],
}
WITH_CHARTS = {"", "regions", "cities", "timeline", "outlook", "promises"}


def selected_regions(page) -> list[str]:
    """The names on the regions multiselect's chips, in order."""
    tags = page.locator("[data-testid=stMultiSelect] .react-aria-ComboBox [data-tag]")
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def assert_healthy(page):
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.guard.errors == []
    assert page.guard.outside == [], page.guard.outside


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_offline(server, page, path, lang):
    open_page(page, server, path, f"lang={lang}")
    heading = page.locator("h1").first.inner_text()
    assert heading == TITLES[lang][PAGES.index(path)]
    if path in WITH_CHARTS:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=WAIT_MS)
        assert page.locator(".js-plotly-plot").count() >= 1
    assert_healthy(page)


def test_maps_draw_with_the_network_blocked(server, page):
    open_page(page, server, "regions", "lang=en&indicator=offshoring_jobs")
    page.get_by_role("tab", name="Map").first.click()
    page.wait_for_function(  # the ranking and the map, both drawn
        "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=WAIT_MS
    )
    open_page(page, server, "cities", "lang=fr")
    page.wait_for_selector(".js-plotly-plot", timeout=WAIT_MS)
    assert_healthy(page)


def test_url_state_survives_a_reload_and_a_shared_link(server, page, browser):
    query = "lang=en&indicator=offshoring_jobs&regions=oriental,fes-meknes"
    open_page(page, server, "regions", query)
    chips = selected_regions(page)
    assert chips == ["Oriental", "Fès-Meknès"]
    assert "indicator=offshoring_jobs" in page.url
    assert page.get_by_role("combobox", name="Indicator").input_value() == "Offshoring jobs"
    page.reload()
    wait_for_app(page)
    chips = selected_regions(page)
    assert chips == ["Oriental", "Fès-Meknès"]
    # The same link in a new browser session (someone it was sent to).
    other = browser.new_context().new_page()
    open_page(other, server, "regions", query)
    assert other.locator("h1").first.inner_text() == "Regions"
    chips = selected_regions(other)
    assert chips == ["Oriental", "Fès-Meknès"]
    other.context.close()
    assert_healthy(page)


def test_language_choice_goes_into_the_url_and_across_pages(server, page):
    open_page(page, server, "", "")
    assert page.locator("h1").first.inner_text() == "Observatoire de l'offshoring"
    page.get_by_text("English", exact=True).click()
    page.wait_for_url("**lang=en**", timeout=WAIT_MS)
    wait_for_heading(page, "Offshoring Observatory")
    page.locator("[data-testid=stSidebar] a", has_text="Regions").click()
    wait_for_heading(page, "Regions")
    assert "lang=en" in page.url
    page.reload()
    wait_for_heading(page, "Regions")
    assert_healthy(page)


def test_the_csv_download_is_the_table(server, page):
    open_page(page, server, "data", "lang=en")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download (CSV)").click()
    assert info.value.suggested_filename == f"observations-{dt.date.today().isoformat()}.csv"
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = Dataset.from_folder(DATA).observations
    assert len(rows) == len(expected)
    assert {r["quote"] for r in rows} == set(expected["quote"])
    assert "year" not in rows[0] and "bound" in rows[0]
    assert_healthy(page)
