"""Hostile text from data stays inert text in the browser; eight sessions at once each keep
their own view. The hostile data is SYNTHETIC, built in a temporary folder."""

from __future__ import annotations

import asyncio
import json
import shutil
import threading

import pytest
from playwright.sync_api import expect

from tests.browser.harness import (
    APP_READY,
    CHROMIUM_FLAGS,
    PAGES,
    WAIT_MS,
    chromium_path,
    open_page,
    streamlit_server,
)
from tests.conftest import SYNTHETIC_BASE

PAYLOADS = [
    "<script>window.__xss = 'script'</script>",
    "<img src=x onerror=\"window.__xss = 'img'\">",
    "**gras** [lien](javascript:window.__xss='link') # titre",
    "مراكز النداء في المغرب",
    "Très long nom " * 30,
]


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, chromium):
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(SYNTHETIC_BASE, data)
    quote = " | ".join(PAYLOADS) + " | 300"  # the value must be readable in its quote
    sources = (data / "sources.yaml").read_text(encoding="utf-8")
    (data / "sources.yaml").write_text(
        sources.replace('"Synthetic source for tests"', yaml_text(PAYLOADS[0] + " " + PAYLOADS[2])),
        encoding="utf-8",
    )
    observations = data / "observations" / "synthetic-base.yaml"
    observations.write_text(
        observations.read_text(encoding="utf-8")
        .replace('"Synthetic quote one: 300."', yaml_text(quote))
        .replace("claimant: Synthetic claimant", f"claimant: {yaml_text(PAYLOADS[1])}"),
        encoding="utf-8",
    )
    milestones = data / "milestones" / "synthetic-base.yaml"
    milestones.write_text(
        milestones.read_text(encoding="utf-8").replace(
            "{fr: Événement synthétique, en: Synthetic event}",
            "{fr: " + yaml_text(PAYLOADS[1]) + ", en: " + yaml_text(PAYLOADS[2]) + "}",
        ),
        encoding="utf-8",
    )
    from indicators.data.loading import load_folder

    assert load_folder(data).problems == []  # hostile, but valid: it must be shown
    with streamlit_server(data) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_hostile_strings_are_shown_as_text(hostile_server, page, path):
    # The Sources page's cards carry the quotes (its default view is a table of sources).
    view = "&view=cards" if path == "sources" else ""
    open_page(page, hostile_server, path, f"lang=fr&indicator=synthetic_positions{view}")
    for details in page.locator("[data-testid=stExpander] details").all()[:6]:
        if details.get_attribute("open") is None:  # open the closed ones, leave the others
            details.locator("summary").click()
        expect(details).to_have_attribute("open", "")
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("[data-testid=stException]").count() == 0
    text = page.locator("[data-testid=stMain]").inner_text()
    if path == "sources":  # the Overview shows stocks only: the synthetic data has none
        assert "<script>" in text or "<img src=x" in text
    if path == "sources":
        assert "**gras**" in text
        assert "مراكز النداء" in text
    assert page.guard.errors == []


def test_eight_sessions_at_once_keep_their_own_view(server):
    choices = [
        ["oriental"],
        ["souss-massa"],
        ["fes-meknes"],
        ["casablanca-settat"],
        ["rabat-sale-kenitra"],
        ["tanger-tetouan-al-hoceima"],
        ["oriental", "souss-massa"],
        ["marrakech-safi"],
    ]
    names = {
        "oriental": "Oriental",
        "souss-massa": "Souss-Massa",
        "fes-meknes": "Fès-Meknès",
        "casablanca-settat": "Casablanca-Settat",
        "rabat-sale-kenitra": "Rabat-Salé-Kénitra",
        "tanger-tetouan-al-hoceima": "Tanger-Tétouan-Al Hoceima",
        "marrakech-safi": "Marrakech-Safi",
    }

    async def session(browser, regions, lang):
        context = await browser.new_context()
        context.set_default_timeout(WAIT_MS)
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        query = f"lang={lang}&regions={','.join(regions)}"
        seen = []
        for path in PAGES:
            await page.goto(f"{server}/{path}?{query}")
            await wait_async(page)
            assert await page.locator("[data-testid=stException]").count() == 0, path
            if path == "regions":
                tags = page.locator("[data-testid=stMultiSelect] .react-aria-ComboBox [data-tag]")
                seen = [
                    await tags.nth(i).get_attribute("aria-label") for i in range(await tags.count())
                ]
        await context.close()
        return seen, errors

    async def wait_async(page):
        await page.wait_for_function(APP_READY, timeout=WAIT_MS)

    async def main():
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            results = await asyncio.gather(
                *(
                    session(browser, regions, "fr" if i % 2 else "en")
                    for i, regions in enumerate(choices)
                )
            )
            await browser.close()
            return results

    # Playwright's sync API (the other tests' fixtures) holds an event loop on this
    # thread: the eight async sessions run on a thread of their own.
    box: list = []

    def run():
        try:
            box.append(asyncio.run(main()))
        except Exception as error:  # reported below, on the test's own thread
            box.append(error)

    runner = threading.Thread(target=run)
    runner.start()
    runner.join(timeout=1500)
    assert box, "the eight sessions did not finish within 25 minutes"
    if isinstance(box[0], Exception):
        raise box[0]
    results = box[0]
    for regions, (seen, errors) in zip(choices, results, strict=True):
        assert seen == [names[r] for r in regions]
        assert errors == []
