"""The Profile page in Chromium, and its brief: downloaded from the page, opened from
disk with the network blocked (charts and text there), printed to A4 PDF (1-3 pages)."""

from __future__ import annotations

import re

import pytest

from tests.browser.harness import open_page, wait_for_app


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF: by pypdf when installed, else by its "/Type /Page" objects."""
    try:
        import io

        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


BRIEFS = [("city:oujda", "fr", "Oujda"), ("region:fes-meknes", "en", "Fès-Meknès")]


@pytest.mark.parametrize(("place", "lang", "name"), BRIEFS)
def test_brief_opens_offline_and_prints(page, browser, server, tmp_path, place, lang, name):
    open_page(page, server, "profile", f"place={place}&lang={lang}")
    assert page.locator("h1").first.inner_text() == name
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.guard.outside == []
    button = page.get_by_role("button", name=re.compile("HTML"))
    with page.expect_download() as info:
        button.click()
    brief = tmp_path / "brief.html"
    info.value.save_as(brief)
    assert brief.stat().st_size < 600_000

    context = browser.new_context(viewport={"width": 900, "height": 1200})
    offline = context.new_page()
    blocked: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    offline.route("**/*", route)
    offline.goto(brief.as_uri())
    assert offline.locator("h1").inner_text() == name
    assert offline.locator("svg.map path").count() == 12  # the regions, drawn inline
    assert offline.locator("svg.bars").count() >= 1  # a chart
    body = offline.locator("body").inner_text()
    assert "HCP, RGPH 2024" in body
    assert offline.locator("h2").count() >= 4
    pdf = offline.pdf(format="A4")
    pages = pdf_pages(pdf)
    assert 1 <= pages <= 3, pages
    (tmp_path / "brief.pdf").write_bytes(pdf)
    assert blocked == []
    context.close()


def test_profile_link_from_cities(page, server):
    open_page(page, server, "cities", "lang=en")
    page.get_by_role("link", name="Profile: Oujda").first.click()
    page.wait_for_url(re.compile(r"/profile\?.*place=city(%3A|:)oujda"))
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Oujda"
    assert "lang=en" in page.url
