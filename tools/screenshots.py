"""Screenshots of every page in French, English and Arabic, in headless Chromium.

Usage: python tools/screenshots.py OUTPUT_DIR [--url http://localhost:8501] [--pages a,b]
       [--langs fr,en,ar] [--width 390]
Without --url it starts its own Streamlit server on a free port with the bundled data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import (  # noqa: E402
    PAGES,
    chromium_path,
    launch,
    streamlit_server,
    wait_for_app,
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--url")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--query", default="", help="extra query string, e.g. regions=oriental")
    parser.add_argument("--langs", default="fr,en,ar")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)")
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    def shoot(base_url):
        with sync_playwright() as p:
            browser = launch(p)
            for lang in args.langs.split(","):
                for page_path in args.pages.split(","):
                    page = browser.new_page(viewport={"width": args.width, "height": args.height})
                    query = f"lang={lang}" + (f"&{args.query}" if args.query else "")
                    page.goto(f"{base_url}/{page_path}?{query}")
                    wait_for_app(page)
                    name = page_path or "overview"
                    target = args.output / f"{name}-{lang}-{args.width}.png"
                    # Streamlit scrolls its main block itself: grow the window to it so
                    # that the screenshot holds the whole page, not the first screen.
                    tall = page.evaluate(
                        "Math.max(...[...document.querySelectorAll('[data-testid=stMain] *')]"
                        ".slice(0, 1).map(e => e.scrollHeight),"
                        " document.querySelector('[data-testid=stMain]').scrollHeight)"
                    )
                    page.set_viewport_size({"width": args.width, "height": min(tall, 16000)})
                    wait_for_app(page)
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                    page.close()
            browser.close()

    if args.url:
        shoot(args.url)
    else:
        with streamlit_server(ROOT / "data") as url:
            shoot(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
