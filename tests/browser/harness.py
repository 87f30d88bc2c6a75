"""A real Streamlit server and a real Chromium, for the browser tests and screenshots."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "",
    "regions",
    "cities",
    "timeline",
    "outlook",
    "promises",
    "sources",
    "data",
    "contribute",
]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
INSTALL_HINT = (
    "Chromium not found: install Debian's package (apt-get install chromium) or set "
    "CHROMIUM_PATH to a Chromium binary"
)


def chromium_path() -> str | None:
    """$CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own browser if any."""
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.path.exists(candidate) and os.access(candidate, os.X_OK):
            return candidate
    with contextlib.suppress(Exception):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
            if path and os.path.exists(path):
                return path
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(data_dir, env=None, script=None):
    """``streamlit run app.py`` (or ``script``) on a free loopback port with
    INDICATORS_DATA_DIR set."""
    port = free_port()
    environ = {**os.environ, "INDICATORS_DATA_DIR": str(data_dir), **(env or {})}
    environ.pop("STREAMLIT_SERVER_PORT", None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script or ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(process, url, "streamlit", 60)
        yield url
    finally:
        stop(process)


def wait_healthy(process, url: str, name: str, seconds: float) -> None:
    """Poll ``url``/_stcore/health until it answers 200 (a condition, not a pause), or
    fail with the process's output if it exits first, or after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace")
            raise RuntimeError(f"{name} exited early:\n{output}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not pass /_stcore/health within {seconds} s")


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


# The app is ready when Streamlit is connected, its script has finished a run that drew
# the page (a heading or an alert is on it) and no skeleton is left: conditions only, as in
# Streamlit's own e2e tests, never a fixed pause. One text for the sync and async APIs.
APP_READY = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid=stSkeleton]')
    && !!document.querySelector(
      '[data-testid=stMain] h1, [data-testid=stMain] [data-testid=stAlert]');
}"""


# Bounds, not pauses: a busy 2-core machine (CI) can take minutes to draw a page.
WAIT_MS = 180_000


def wait_for_app(page, timeout: float = WAIT_MS) -> None:
    page.wait_for_function(APP_READY, timeout=timeout)


def wait_for_heading(page, text: str, timeout: float = WAIT_MS) -> None:
    """After a click that changes the page or its language: the new page's heading."""
    from playwright.sync_api import expect

    expect(page.locator("h1").first).to_have_text(text, timeout=timeout)
    wait_for_app(page, timeout)


def open_page(page, base_url: str, path: str, query: str = "") -> None:
    page.goto(f"{base_url}/{path}" + (f"?{query}" if query else ""))
    wait_for_app(page)
