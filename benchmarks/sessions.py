"""Readers at once, in a real browser: the app's pages against a bare Streamlit app
measured the same way in the same run, and write benchmarks/SESSIONS.md.

    python benchmarks/sessions.py                      # 8 sessions, real data and 20,000
    python benchmarks/sessions.py --sessions 4 --size 0   # real data only

Two measures, each as a ratio against the bare app (a title and one plotly bar chart,
served by its own `streamlit run`):

- **sessions**: ``--sessions`` Chromium sessions at once (one browser, one context each),
  each opening every page in turn; a page's time runs from ``page.goto`` to the app's
  ready condition (connected, script not running, a heading drawn, no skeleton). The
  bare app's sessions open the bare page as many times. Median and 95th percentile.
- **first chart**: one fresh session at a time opens the Regions page and waits for its
  first plotly chart to be drawn (an SVG in the chart element); the bare app the same.
  Median of ``--repeats``, on the curated data and on SYNTHETIC data of ``--size``
  observations (``benchmarks/generate.py``, in a temporary folder).

Each server is started fresh and warmed by one session opening every page before the
timings, so a timing is a reader's, not the process's first import. Nothing here asserts
a time: the goals are in the report.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

from tests.browser.harness import (  # noqa: E402
    APP_READY,
    CHROMIUM_FLAGS,
    PAGES,
    chromium_path,
    streamlit_server,
)

APP_PAGES = [*PAGES, "profile"]
GOALS = {"p95": (2.0, 1.5), "first_chart": 1.5}
BARE_APP = """\
import plotly.graph_objects as go
import streamlit as st

st.title("Bare")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])))
"""
CHART_DRAWN = "[data-testid=stPlotlyChart] svg.main-svg"
TIMEOUT_MS = 600_000


async def _open(page, url: str) -> float:
    started = time.perf_counter()
    await page.goto(url)
    await page.wait_for_function(APP_READY, timeout=TIMEOUT_MS)
    return time.perf_counter() - started


async def _session(browser, base: str, paths: list[str], query: str) -> tuple[list, list]:
    context = await browser.new_context()
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    times = []
    for path in paths:
        times.append((path, await _open(page, f"{base}/{path}?{query}")))
        if await page.locator("[data-testid=stException]").count():
            errors.append(f"exception on /{path}")
    await context.close()
    return times, errors


async def _sessions(browser, base: str, paths: list[str], count: int) -> dict:
    await _session(browser, base, paths, "lang=fr")  # warm the server: imports, first load
    started = time.perf_counter()
    results = await asyncio.gather(
        *(_session(browser, base, paths, "lang=" + ("fr", "en", "ar")[i % 3]) for i in range(count))
    )
    elapsed = time.perf_counter() - started
    times = sorted(t for session, _ in results for _, t in session)
    by_page: dict[str, list[float]] = {}
    for session, _ in results:
        for path, seconds in session:
            by_page.setdefault(path or "overview", []).append(seconds)
    return {
        "by_page": {path: statistics.median(values) for path, values in by_page.items()},
        "median": statistics.median(times),
        "p95": _percentile(times, 95),
        "max": times[-1],
        "pages": len(times),
        "elapsed": elapsed,
        "errors": [e for _, errors in results for e in errors],
    }


async def _first_chart(browser, url: str, repeats: int) -> dict:
    times = []
    for _ in range(repeats):
        context = await browser.new_context()
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url)
        await page.locator(CHART_DRAWN).first.wait_for(state="visible", timeout=TIMEOUT_MS)
        times.append(time.perf_counter() - started)
        await context.close()
    return {"median": statistics.median(times), "runs": times}


def _percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile of sorted ``values``."""
    rank = max(1, -(-len(values) * q // 100))
    return values[int(rank) - 1]


async def _measure(args, data_dirs: dict[str, Path], bare_script: Path) -> dict:
    from playwright.async_api import async_playwright

    out: dict = {"data": {}}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        with streamlit_server(PROJECT / "data", script=bare_script) as bare:
            await _session(browser, bare, [""], "")
            bare_paths = [""] * len(APP_PAGES)
            out["bare_sessions"] = await _sessions(browser, bare, bare_paths, args.sessions)
            out["bare_chart"] = await _first_chart(browser, bare, args.repeats)
        for name, folder in data_dirs.items():
            print(f"[{name}] measuring", flush=True)
            with streamlit_server(folder) as app:
                entry = {}
                if name == "data/":
                    entry["sessions"] = await _sessions(browser, app, APP_PAGES, args.sessions)
                else:
                    await _session(browser, app, APP_PAGES, "lang=fr")
                entry["first_chart"] = await _first_chart(browser, f"{app}/regions", args.repeats)
                out["data"][name] = entry
        await browser.close()
    return out


def render(args, out: dict, started: dt.datetime, load: tuple) -> str:
    bare = out["bare_sessions"]
    lines = [
        "# Readers at once: sessions in a real browser",
        "",
        "Written by `benchmarks/sessions.py` (`make bench`). Chromium (Debian's) driven by "
        "Playwright; each server a fresh `streamlit run`, warmed by one session before the "
        "timings. A page's time: `page.goto` to the app's ready condition. Ratios are "
        "against a bare Streamlit app (a title and one plotly bar chart) measured the same "
        "way in the same run. Tests never assert these times.",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M}; {os.cpu_count()} cores; load average before "
        f"{', '.join(f'{x:.1f}' for x in load[0])}, after "
        f"{', '.join(f'{x:.1f}' for x in load[1])}",
        f"- Command: `benchmarks/sessions.py {' '.join(sys.argv[1:])}`",
        "",
        f"## {args.sessions} sessions at once, each opening every page "
        f"(goal: 95th percentile within {GOALS['p95'][0]}x, then {GOALS['p95'][1]}x)",
        "",
        "| App | Pages opened | Median | 95th percentile | Max | p95 / bare | Goal | Errors |",
        "|---|---:|---:|---:|---:|---:|---|---|",
        f"| bare | {bare['pages']} | {bare['median']:.2f} s | {bare['p95']:.2f} s "
        f"| {bare['max']:.2f} s | 1.00x | – | {len(bare['errors'])} |",
    ]
    app = out["data"].get("data/", {}).get("sessions")
    if app:
        ratio = app["p95"] / bare["p95"]
        goal = ", ".join(f"{g}x {'met' if ratio <= g else '**not met**'}" for g in GOALS["p95"])
        lines.append(
            f"| the app, curated data/ | {app['pages']} | {app['median']:.2f} s "
            f"| {app['p95']:.2f} s | {app['max']:.2f} s | {ratio:.2f}x | {goal} "
            f"| {len(app['errors'])} |"
        )
        lines += [
            "",
            f"Median / bare median: {app['median'] / bare['median']:.2f}x. Median per page: "
            + ", ".join(f"{path} {value:.2f} s" for path, value in app["by_page"].items())
            + ".",
        ]
    chart = out["bare_chart"]["median"]
    lines += [
        "",
        f"## Regions page: first chart drawn (goal: within {GOALS['first_chart']}x)",
        "",
        f"A fresh session opens `/regions` and waits for `{CHART_DRAWN}`; median of "
        f"{args.repeats}. Bare app: {chart:.2f} s.",
        "",
        "| Data | First chart | / bare | Goal |",
        "|---|---:|---:|---|",
    ]
    for name, entry in out["data"].items():
        value = entry["first_chart"]["median"]
        met = "met" if value / chart <= GOALS["first_chart"] else "**not met**"
        lines.append(f"| {name} | {value:.2f} s | {value / chart:.2f}x | {met} |")
    errors = [e for e in bare["errors"]] + [e for e in (app or {}).get("errors", [])]
    lines += ["", "Errors seen in the sessions: " + ("; ".join(errors[:10]) or "none") + "."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--size", type=int, default=20_000, help="0: the curated data only")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--output", default=str(HERE / "SESSIONS.md"))
    args = parser.parse_args(argv)
    if chromium_path() is None:
        raise SystemExit("Chromium not found: apt-get install chromium or set CHROMIUM_PATH")
    from generate import generate

    started, load_before = dt.datetime.now(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="indicators-sessions-") as tmp:
        tmp = Path(tmp)
        bare_script = tmp / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        data_dirs = {"data/": PROJECT / "data"}
        if args.size:
            data_dirs[f"{args.size:,} SYNTHETIC observations"] = generate(tmp / "data", args.size)
        out = asyncio.run(_measure(args, data_dirs, bare_script))
    report = render(args, out, started, (load_before, os.getloadavg()))
    Path(args.output).write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
