"""For readers (issue 16), in a real Chromium: the Data page's filters in the URL and its
download names, the Contribute page, the Sources and Timeline filters, the phone layout
and the browser tab's title."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.harness import WAIT_MS, open_page, wait_for_app, wait_for_heading
from tests.browser.test_pages import assert_healthy

TODAY = dt.date.today().isoformat()


def test_data_filters_from_the_url_name_the_download(server, page):
    open_page(page, server, "data", "lang=fr&regions=fes-meknes")
    assert page.title() == "Données · Observatoire de l'offshoring"
    expect(page.locator("[data-testid=stMultiSelect] [data-tag]").first).to_have_attribute(
        "aria-label", "Fès-Meknès"
    )
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger (CSV)").click()
    assert info.value.suggested_filename == f"observations-fes-meknes-{TODAY}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows and {r["region"] for r in rows} == {"fes-meknes"}
    assert "source_publisher" in rows[0] and "file" in rows[0]  # technical columns kept
    # A search that matches nothing: a message, the search in the URL, a reload keeps it.
    box = page.get_by_role("textbox", name="Rechercher (citations, lieux, indicateurs, sources)")
    box.fill("zzzz-rien")
    box.press("Enter")
    expect(page.get_by_text("Aucun chiffre ne correspond")).to_be_visible(timeout=WAIT_MS)
    page.wait_for_url("**q=zzzz-rien**", timeout=WAIT_MS)
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Aucun chiffre ne correspond")).to_be_visible()
    assert_healthy(page)


def test_the_contribute_page_is_linked_from_data(server, page):
    open_page(page, server, "data", "lang=en")
    page.locator("[data-testid=stMain] a", has_text="Contribute").click()
    wait_for_heading(page, "Contribute")
    assert "/contribute" in page.url and "lang=en" in page.url
    assert page.title() == "Contribute · Offshoring Observatory"
    expect(page.get_by_role("heading", name="Validation problems")).to_be_visible()
    expect(page.get_by_role("heading", name="Curators' notes")).to_be_visible()
    assert_healthy(page)


def test_sources_search_in_the_url_and_no_result_message(server, page):
    open_page(page, server, "sources", "lang=en&q=Oujda")
    expect(page.get_by_text("sources match")).to_be_visible()
    box = page.get_by_role("textbox", name="Search", exact=True)
    box.fill("zzzz-nothing")
    box.press("Enter")
    expect(page.get_by_text("No source matches")).to_be_visible(timeout=WAIT_MS)
    page.wait_for_url("**q=zzzz-nothing**", timeout=WAIT_MS)
    assert_healthy(page)


def test_timeline_is_a_chart_wide_and_a_list_by_year_narrow(server, browser):
    for width, chart_shown in ((1366, True), (390, False)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        open_page(page, server, "timeline", "lang=fr&place=city:oujda")
        chip = page.locator("[data-testid=stMultiSelect] [data-tag]").first
        expect(chip).to_have_attribute("aria-label", "Oujda")
        chart, listing = page.locator(".st-key-wide_view"), page.locator(".st-key-narrow_view")
        if chart_shown:
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=WAIT_MS)
            expect(chart).to_be_visible()
            expect(listing).to_be_hidden()
        else:
            expect(listing).to_be_visible()
            expect(chart).to_be_hidden()
            expect(listing.get_by_text("2019", exact=True)).to_be_visible()
        context.close()


DISPLAY = "el => getComputedStyle(el).display"


def test_no_chart_toolbar_over_titles_on_a_touch_screen(server, browser):
    """Plotly keeps its toolbar in the page (shown on hover, stuck on a touch screen):
    on a touch screen it is not displayed at all; with a mouse it still is."""
    for touch, shown in ((True, False), (False, True)):
        context = browser.new_context(
            viewport={"width": 390 if touch else 1366, "height": 844},
            has_touch=touch,
            is_mobile=touch,
        )
        page = context.new_page()
        open_page(page, server, "cities", "lang=en")
        page.wait_for_selector(".js-plotly-plot .modebar-container", state="attached")
        display = page.locator(".js-plotly-plot .modebar-container").first.evaluate(DISPLAY)
        assert (display != "none") is shown, (touch, display)
        context.close()
