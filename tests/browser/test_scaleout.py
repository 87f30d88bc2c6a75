"""Scale-out as the README deploys it: two `streamlit run` replicas on one data folder
behind Debian's nginx, configured from deploy/nginx.conf.template. Browser sessions are
spread over both replicas, each session sticks to one (its page loads, WebSocket and all),
no page fails, and a YAML edit in the shared folder reaches every replica."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from ..conftest import DATA
from .harness import PAGES, WAIT_MS, streamlit_server, wait_for_app
from .nginx import COOKIE, INSTALL_HINT, nginx_path, nginx_server, read_log

SESSIONS = 8  # browser sessions through nginx, at least
AT_ONCE = 4  # how many run concurrently
MAX_SESSIONS = 32  # more only while one replica has served none (sticky ids are random)
EDITED_FILE = "observations/leseco-2011-01-18-souss-offshoring.yaml"
SOURCE = "leseco-2011-01-18-souss-offshoring"


@pytest.fixture(scope="module")
def nginx(chromium):
    path = nginx_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(INSTALL_HINT + " (REQUIRE_BROWSER=1 forbids skipping)")
        pytest.skip(INSTALL_HINT)
    return path


@pytest.fixture(scope="module")
def farm(nginx, tmp_path_factory):
    """Two replicas on one copy of data/, and nginx in front: (url, log, replicas, data)."""
    root = tmp_path_factory.mktemp("scaleout")
    data = root / "data"
    shutil.copytree(DATA, data)
    with contextlib.ExitStack() as stack:
        replicas = [
            stack.enter_context(streamlit_server(data)).removeprefix("http://") for _ in range(2)
        ]
        url, log = stack.enter_context(nginx_server(root / "nginx", replicas))
        yield url, log, replicas, data


def sticky_key(context) -> str:
    (value,) = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    return value


def served_by(log, key: str) -> set[str]:
    return {upstream for k, upstream, _, _ in read_log(log) if k == key}


def wait_until(condition, what: str, seconds: float = 15) -> None:
    """Poll a cheap condition (a log file), bounded in time."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.1)


def run_batch(browser, url: str, count: int) -> list[tuple[str, list[str]]]:
    """``count`` sessions (one browser context each, so their own cookies) visiting every
    page at the same time; each session's sticky key and script errors."""
    contexts = [browser.new_context() for _ in range(count)]
    for context in contexts:
        context.set_default_timeout(WAIT_MS)
    pages = [context.new_page() for context in contexts]
    errors: list[list[str]] = [[] for _ in pages]
    for page, mine in zip(pages, errors, strict=True):
        page.on("pageerror", lambda error, mine=mine: mine.append(str(error)))
    try:
        for i, path in enumerate(PAGES):
            lang = "fr" if i % 2 else "en"
            for page in pages:  # start every load, then wait on each: they run together
                page.goto(f"{url}/{path}?lang={lang}", wait_until="commit")
            for page in pages:
                wait_for_app(page, timeout=WAIT_MS)
                assert page.locator("[data-testid=stException]").count() == 0, path
                assert page.locator("h1").count() >= 1, path
        return [(sticky_key(c), e) for c, e in zip(contexts, errors, strict=True)]
    finally:
        for context in contexts:
            context.close()


def test_sessions_spread_over_both_replicas_and_stick(farm, browser):
    url, log, replicas, _ = farm
    sessions: list[tuple[str, list[str]]] = []
    started = time.monotonic()
    while len(sessions) < MAX_SESSIONS:
        sessions += run_batch(browser, url, AT_ONCE)
        seen = set().union(*(served_by(log, key) for key, _ in sessions))
        if len(sessions) >= SESSIONS and seen == set(replicas):
            break
    elapsed = time.monotonic() - started
    keys = [key for key, _ in sessions]
    assert len(set(keys)) == len(keys), "two browser contexts shared a sticky id"
    for _, errors in sessions:
        assert errors == []

    # A WebSocket is logged when it closes: wait for every page's /_stcore/stream.
    def streams(key):
        return [
            (upstream, status)
            for k, upstream, status, request in read_log(log)
            if k == key and request.startswith("GET /_stcore/stream")
        ]

    wait_until(
        lambda: all(len(streams(key)) >= len(PAGES) for key in keys),
        "every page's WebSocket logged by nginx",
    )
    for key in keys:
        # Sticky: the page loads, static files, health checks and WebSockets of one
        # session all went to one replica, and every WebSocket was upgraded (101).
        assert len(served_by(log, key)) == 1, (key, served_by(log, key))
        assert {status for _, status in streams(key)} == {"101"}
    per_replica = {r: sum(served_by(log, k) == {r} for k in keys) for r in replicas}
    assert all(per_replica.values()), per_replica
    print(f"\n{len(keys)} sessions x {len(PAGES)} pages in {elapsed:.1f} s: {per_replica}")


def key_for_each_replica(url, log, replicas, attempts: int = 40) -> dict[str, str]:
    """A sticky id nginx hands out for each replica (first responses, no cookie sent)."""
    found: dict[str, str] = {}
    for _ in range(attempts):
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
            cookies = answer.headers.get_all("Set-Cookie") or []
        (key,) = [
            c.split(";")[0].removeprefix(f"{COOKIE}=") for c in cookies if c.startswith(COOKIE)
        ]
        wait_until(lambda key=key: served_by(log, key), "the request logged")
        (replica,) = served_by(log, key)
        found.setdefault(replica, key)
        if set(found) == set(replicas):
            return found
    raise AssertionError(f"{attempts} new readers all went to {sorted(found)}")


def seed_figures(browser, url: str, key: str, expected: str) -> None:
    """On the Sources page, through the replica ``key`` sticks to: the seed article's
    figures show ``expected``."""
    context = browser.new_context()
    context.add_cookies([{"name": COOKIE, "value": key, "url": url}])
    page = context.new_page()
    try:
        # The search in the URL keeps one source: its card, with the figures' expander.
        page.goto(f"{url}/sources?lang=en&view=cards&q={SOURCE}")
        wait_for_app(page)
        main = page.locator("[data-testid=stMain]")
        card = main.locator("[data-testid=stExpander]").filter(has_text="see the quotes")
        expect(card).to_have_count(1, timeout=WAIT_MS)
        wait_for_app(page)
        card.locator("summary").click()
        expect(card).to_contain_text(expected, timeout=WAIT_MS)
        assert page.locator("[data-testid=stException]").count() == 0
    finally:
        context.close()


def test_a_yaml_edit_reaches_every_replica(farm, browser):
    url, log, replicas, data = farm
    keys = key_for_each_replica(url, log, replicas)
    for key in keys.values():  # both replicas have the data in memory before the edit
        seed_figures(browser, url, key, "30,000 positions")
    path = data / EDITED_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count("value: 30000\n") == 1 and "plus de 30.000 positions" in text
    # A curator's correction: the value and the sentence it is read from (number-in-quote).
    edited = text.replace("value: 30000\n", "value: 34567\n")
    edited = edited.replace("plus de 30.000 positions", "plus de 34.567 positions")
    path.write_text(edited, encoding="utf-8")
    for key in keys.values():
        seed_figures(browser, url, key, "34,567 positions")
    for replica, key in keys.items():
        assert served_by(log, key) == {replica}
