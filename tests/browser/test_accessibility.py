"""Accessibility in a real Chromium: axe-core (bundled by axe-playwright-python, offline) on
every page in every language finds nothing critical or serious; the document says its
language; Arabic pages read right to left; charts have names; the main controls work
from the keyboard."""

from __future__ import annotations

import pytest

from indicators.render.i18n import LANGUAGES
from tests.browser.harness import PAGES, open_page, wait_for_heading

BLOCKING = {"critical", "serious"}


def violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def summary(found: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['nodes'][0]['html'][:160]}"
        for v in found
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_no_critical_or_serious_axe_violation(page, server, path, lang):
    open_page(page, server, path, f"lang={lang}")
    found = [v for v in violations(page) if v["impact"] in BLOCKING]
    assert found == [], "\n".join(summary(found))
    assert page.evaluate("document.documentElement.lang") == lang


def test_arabic_reads_right_to_left_and_french_quotes_keep_their_direction(page, server):
    open_page(page, server, "sources", "lang=ar&view=cards")  # the cards carry the quotes
    heading = page.locator("[data-testid=stMain] h1").first
    assert heading.evaluate("e => getComputedStyle(e).direction") == "rtl"
    label = page.locator("[data-testid=stMain] [data-testid=stWidgetLabel]").first
    assert label.evaluate("e => getComputedStyle(e).direction") == "rtl"
    sidebar = page.locator("[data-testid=stSidebarUserContent]")
    assert sidebar.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The quotes are French: each paragraph takes its own direction, so a French one
    # starts on the left (its full stop stays at its end) even on the Arabic page.
    page.locator("[data-testid=stMain] [data-testid=stExpander] summary").first.click()
    quote = page.locator("[data-testid=stMain] blockquote p").first
    quote.wait_for()
    assert quote.evaluate("e => getComputedStyle(e).unicodeBidi") == "plaintext"
    box, container = quote.bounding_box(), quote.locator("xpath=..").bounding_box()
    assert box["x"] - container["x"] < 30  # left-aligned inside its quote block


def test_french_page_stays_left_to_right(page, server):
    open_page(page, server, "sources", "lang=fr")
    heading = page.locator("[data-testid=stMain] h1").first
    assert heading.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.evaluate("document.documentElement.lang") == "fr"


def test_every_chart_has_an_accessible_name(page, server):
    open_page(page, server, "regions", "lang=ar")
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.wait_for()
    name = page.evaluate(
        """() => {
          const el = document.querySelector('[data-testid=stPlotlyChart] [aria-label],'
            + '[data-testid=stPlotlyChart][aria-label]');
          return el ? el.getAttribute('aria-label') : null;
        }"""
    )
    assert name and "رسم بياني" in name


def test_language_switch_works_from_the_keyboard(page, server):
    open_page(page, server, "regions", "lang=fr")
    radio = page.locator("[data-testid=stSidebar] [role=radiogroup] input").first
    radio.focus()
    for _ in range(2):  # Français -> English -> العربية, arrow keys as in any radio group
        page.keyboard.press("ArrowRight")
    wait_for_heading(page, "الجهات")
    assert "lang=ar" in page.url
    # The page links carry the language; Tab reaches them and Enter follows one.
    link = page.locator("[data-testid=stSidebarNav] a, [data-testid=stPageLink] a").nth(2)
    link.focus()
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Enter")
    wait_for_heading(page, "المدن")
    assert "lang=ar" in page.url
