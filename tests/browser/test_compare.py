"""The like-with-like controls in a real Chromium: the period control writes the URL and
redraws the bars, the map names its regions and explains its states, /promises keeps its
place in the URL and says "not verifiable" after a deadline."""

from __future__ import annotations

import json

from tests.browser.harness import WAIT_MS, open_page, wait_for_app
from tests.browser.test_pages import assert_healthy

PLOT_TEXT = "Array.from(document.querySelectorAll('.js-plotly-plot text')).map(n => n.textContent)"


def plot_texts(page) -> list[str]:
    return page.evaluate(PLOT_TEXT)


def test_period_control_writes_the_url_and_redraws(server, page, real_dataset):
    from indicators.analysis import ranking
    from indicators.analysis.dataset import OBSERVED

    claims = real_dataset.region_claims("call_centres", None, OBSERVED)
    first, default = ranking.years(claims)[0], ranking.default_period(claims, scope=None)
    assert first < default.start  # the widest window reaches further back than the default
    open_page(page, server, "regions", "lang=en&indicator=call_centres")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=WAIT_MS)
    before = plot_texts(page)
    assert any(str(default.end) in text for text in before)
    # The period slider's lower thumb to the first year.
    thumbs = page.locator("[data-testid=stSlider] input[type=range]")
    assert thumbs.count() == 2
    thumbs.nth(0).focus()
    page.keyboard.press("Home")
    wanted = f"period={first}-{default.end}"
    page.wait_for_function(f"location.search.includes('{wanted}')", timeout=WAIT_MS)
    wait_for_app(page)
    page.wait_for_function(f"JSON.stringify({PLOT_TEXT}) !== {json.dumps(json.dumps(before))}")
    assert_healthy(page)


def test_the_map_names_regions_and_explains_its_states(server, page):
    open_page(page, server, "regions", "lang=fr&indicator=call_centre_positions")
    page.get_by_role("tab", name="Carte").first.click()
    page.wait_for_function(f"({PLOT_TEXT}).includes('Béni Mellal-Khénifra')", timeout=WAIT_MS)
    texts = plot_texts(page)
    assert "aucun chiffre dans les sources dépouillées" in texts
    assert any(t.startswith("Agadir (ville)") for t in texts)
    assert any("la région n'est pas coloriée" in t for t in texts)
    assert_healthy(page)


def test_promises_page_keeps_its_place_and_says_not_verifiable(server, page):
    open_page(page, server, "promises", "lang=fr&place=city:oujda")
    assert page.locator("h1").first.inner_text() == "Promesses"
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=WAIT_MS)
    labels = page.locator("[data-testid=stExpander] summary").all_inner_texts()
    assert any("non vérifiable à ±1 an" in label for label in labels)
    page.reload()
    wait_for_app(page)
    assert "place=city%3Aoujda" in page.url or "place=city:oujda" in page.url
    assert page.get_by_role("link", name="Promesses").count() >= 1
    assert_healthy(page)
