"""Fixtures of the browser suite: one real Streamlit server on the real data, one headless
Chromium, and pages that refuse (and record) every request leaving the machine."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.harness import (
    INSTALL_HINT,
    ROOT,
    WAIT_MS,
    chromium_path,
    launch,
    streamlit_server,
)

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

# Playwright's `expect(locator)` assertions retry until their condition holds, but give up
# after 5 s by default, and `set_default_timeout` below does not reach them. On the busy
# CI machine a rerun can take longer than that (a Data page filter, a reload): every such
# assertion waits up to the suite's one bound instead. It is a bound, not a pause.
expect.set_options(timeout=WAIT_MS)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(INSTALL_HINT + " (REQUIRE_BROWSER=1 forbids skipping)")
        pytest.skip(INSTALL_HINT)
    return path


@pytest.fixture(scope="session")
def server(chromium):
    with streamlit_server(ROOT / "data") as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


class Guard:
    """Aborts every request that is not to this machine, and remembers it; collects
    the page's script errors."""

    def __init__(self, page):
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    context.set_default_timeout(WAIT_MS)  # navigation and clicks on a busy machine
    page = context.new_page()
    page.guard = Guard(page)
    yield page
    context.close()
