"""The like-with-like controls in a real Chromium: the period control writes the URL and
redraws the bars, the map names its regions and explains its states, /promises keeps its
place in the URL and says "not verifiable" after a deadline."""

from __future__ import annotations

from tests.browser.harness import open_page, wait_for_app
from tests.browser.test_pages import assert_healthy

PLOT_TEXT = "Array.from(document.querySelectorAll('.js-plotly-plot text')).map(n => n.textContent)"


def plot_texts(page) -> list[str]:
    return page.evaluate(PLOT_TEXT)


def test_period_control_writes_the_url_and_redraws(server, page):
    open_page(page, server, "regions", "lang=en&indicator=call_centre_positions")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    texts = " ".join(plot_texts(page))
    assert "January 2011" in texts and "rank 2 to 3 of 3" in texts
    # The period slider's upper thumb to the last year: 2009-2019.
    thumbs = page.locator("[data-testid=stSlider] input[type=range]")
    assert thumbs.count() == 2
    thumbs.nth(1).focus()
    page.keyboard.press("End")
    page.wait_for_function("location.search.includes('period=2009-2019')", timeout=30_000)
    wait_for_app(page)
    # Oujda's latest figure in the wider window is its 2019 one.
    page.wait_for_function(
        f"({PLOT_TEXT}).some(t => t.includes('100 positions · 2019'))", timeout=30_000
    )
    assert_healthy(page)


def test_the_map_names_regions_and_explains_its_states(server, page):
    open_page(page, server, "regions", "lang=fr&indicator=call_centre_positions")
    page.get_by_role("tab", name="Carte").click()
    page.wait_for_function(f"({PLOT_TEXT}).includes('Béni Mellal-Khénifra')", timeout=30_000)
    texts = plot_texts(page)
    assert "aucun chiffre dans les sources dépouillées" in texts
    assert any(t.startswith("Agadir (ville)") for t in texts)
    assert any("la région n'est pas coloriée" in t for t in texts)
    assert_healthy(page)


def test_promises_page_keeps_its_place_and_says_not_verifiable(server, page):
    open_page(page, server, "promises", "lang=fr&place=city:oujda")
    assert page.locator("h1").first.inner_text() == "Promesses"
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    labels = page.locator("[data-testid=stExpander] summary").all_inner_texts()
    assert any("non vérifiable à ±1 an" in label for label in labels)
    page.reload()
    wait_for_app(page)
    assert "place=city%3Aoujda" in page.url or "place=city:oujda" in page.url
    assert page.get_by_role("link", name="Promesses").count() >= 1
    assert_healthy(page)
