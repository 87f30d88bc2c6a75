"""Benchmark the data path and the pages on SYNTHETIC data, each against a floor measured
in the same run, and write benchmarks/RESULTS.md.

    python benchmarks/run.py                       # 1,000 / 20,000 / 100,000 observations
    python benchmarks/run.py --sizes 1000,10000    # a quick run

For each size a SYNTHETIC data folder is generated in a temporary folder (never in
data/), then measured in fresh subprocesses (clean memory figures):
- load: the floor (read every file and ``yaml.load`` it with ``yaml.CSafeLoader``), the
  load and validation (``load_folder``), the app's path (``Store.refresh`` building the
  Dataset: the first refresh, a refresh with nothing changed, and the reload after one
  file of many changed), a breakdown of the load by stage, and each figure builder's
  JSON size;
- memory: peak RSS of a fresh process whose Store builds the Dataset;
- pages (sizes in ``--page-sizes``): every page's rerun under streamlit.testing's AppTest
  against a bare page with one plotly bar chart, and the plotly payload of each page.

Times are medians of ``--repeats`` runs, as wall time and as process CPU time (the CPU
time is steadier when the machine is shared); with ``--repeats 1`` the load also carries
the process's first-call costs. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

PAGES = (
    "overview",
    "regions",
    "cities",
    "timeline",
    "outlook",
    "promises",
    "profile",
    "sources",
    "data",
    "contribute",
)
GOALS = {"cold": 1.3, "reload": 0.1, "page": 3.0}  # the reports' goals
PAGE_GOAL_SIZE = 20_000  # the pages' goal is read at this size
BARE_PAGE = """\
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])))
"""


# --- measuring ------------------------------------------------------------------------------
def clock(action):
    """(wall seconds, CPU seconds, result) of one call, after a garbage collection (the
    collector stays on during the call, as in the app)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def medians(action, repeats: int, before=None) -> dict:
    walls, cpus = [], []
    for index in range(repeats):
        if before is not None:
            before(index)
        wall, cpu, _ = clock(functools.partial(action, index))
        walls.append(wall)
        cpus.append(cpu)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "runs": walls}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- child: load ------------------------------------------------------------------------------
def child_load(data: Path, repeats: int) -> dict:
    import yaml

    from indicators.analysis.dataset import Dataset
    from indicators.data import yamlread
    from indicators.data.loading import assemble, decode, load_folder, load_text, scan
    from indicators.data.store import Store

    files, _ = scan(data)
    paths = [data / rel for rel in files]
    out: dict = {"files": len(paths), "bytes": sum(p.stat().st_size for p in paths)}

    def floor(_):
        return [
            yaml.load(p.read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader) for p in paths
        ]

    out["floor"] = medians(floor, repeats)

    def cold_load(_):
        records = load_folder(data)
        assert not records.problems, records.problems[:3]
        return records

    out["cold_load"] = medians(cold_load, repeats)
    out["cold_store"] = medians(lambda _: Store(data, build=Dataset).refresh(), repeats)

    store = Store(data, build=Dataset)
    store.refresh()
    out["unchanged_refresh"] = medians(lambda _: store.refresh(), max(repeats, 5))
    changed = data / "observations" / "synthetic-00000.yaml"
    original = changed.read_bytes()

    def edit(index):
        changed.write_bytes(original + f"# SYNTHETIC edit {index}\n".encode())

    reads = store.reads
    out["reload_one"] = medians(lambda _: store.refresh(), repeats, before=edit)
    assert store.reads == reads + repeats, (store.reads, reads)
    changed.write_bytes(original)
    store.files.clear()  # let the memory go before the breakdown
    store.dataset = None

    # Where the load time goes: each stage over every file, medians of the repeats. Each
    # stage includes the ones above it, except the read.
    raw = {rel: (data / rel).read_bytes() for rel in files}
    decoded = {rel: decode(content, rel) for rel, content in raw.items()}

    def per_file(action):
        return lambda _: [action(rel, text) for rel, text in decoded.items()]

    stages = {
        "read + decode": lambda _: [decode((data / rel).read_bytes(), rel) for rel in files],
        "compose (C parser)": per_file(
            lambda rel, text: yaml.compose(text, Loader=yaml.CSafeLoader) and None
        ),
        "compose + build values (yamlread.parse)": per_file(
            lambda rel, text: yamlread.parse(text, rel) and None
        ),
        "+ pydantic and locations (load_text)": per_file(
            lambda rel, text: load_text(text, rel, files[rel])
        ),
    }
    out["stages"] = {}
    for name, action in stages.items():
        result = medians(action, repeats)
        out["stages"][name] = (result["wall"], result["cpu"])
    results = per_file(lambda rel, text: load_text(text, rel, files[rel]))(0)
    checks = medians(lambda _: assemble(results), repeats)
    out["stages"]["cross-file checks (assemble)"] = (checks["wall"], checks["cpu"])
    records = assemble(results)
    frames = medians(lambda _: Dataset(records, data), repeats)
    out["stages"]["Dataset frames"] = (frames["wall"], frames["cpu"])

    # Each figure builder's JSON, as the pages call them, on this data.
    dataset = Dataset(records, data)
    out["figures"] = figure_sizes(dataset)
    return out


def figure_sizes(ds) -> dict:
    """JSON size of each figure the pages draw, built as the pages build them: the
    Overview's national chart (its largest unit), the Regions page's ranking and map (the
    first regional indicator, its default period), the Timeline, the Outlook's scenario."""
    from indicators.analysis import growth, ranking, scenarios
    from indicators.analysis.dataset import PROJECTED
    from indicators.data.census import national_ceiling
    from indicators.render import charts, compare
    from indicators.render.i18n import region_names
    from indicators.render.maps import regions_geojson

    lang = "fr"
    sizes: dict[str, int] = {}
    national = ds.national()
    projected = ds.national(statuses=PROJECTED)
    stocks = national[national["indicator"].isin(scenarios.stock_indicators(ds.indicators))]
    targets = projected[projected["status"] == "target"]
    biggest = 0
    for unit, rows in stocks.groupby("unit", sort=False):
        if rows.groupby("indicator").size().max() < compare.MIN_LINE_POINTS:
            continue  # the Overview draws no such unit
        labels = {i: ds.indicator_label(i, lang) for i in rows["indicator"].unique()}
        mine = targets[targets["indicator"].isin(labels)]
        figure = compare.national_stocks(rows, mine, lang, labels, unit, None)
        biggest = max(biggest, len(figure.to_json()))
    sizes["national_stocks (largest)"] = biggest
    indicators = ds.indicators_with_regional_data()
    if indicators:
        indicator = indicators[0]
        unit = ds.indicator(indicator)["unit"]
        claims = ds.region_claims(indicator)
        frame = ranking.comparison(claims, ranking.default_period(claims, scope=None))
        names = dict(zip(ds.regions["id"], ds.regions[region_names(lang)], strict=True))
        if len(frame):
            bars = compare.interval_bars(frame, lang, unit, names)
            sizes["interval_bars"] = len(bars.to_json())
        states = compare.region_states(ds.regions, frame, set(ds.observations["region"].dropna()))
        points = {g: ds.geography.point(g) for g in frame["geo"]} if len(frame) else {}
        points = {g: p for g, p in points.items() if p}
        region_map = compare.region_map(
            ds.regions, frame, states, points, regions_geojson(), lang, unit
        )
        sizes["region_map"] = len(region_map.to_json())
    sizes["timeline"] = len(charts.timeline(ds.milestones, lang).to_json())
    options = scenarios.base_options(national, ds.indicators)
    if options:
        rows = national[national["indicator"] == options[0]].sort_values("period_end")
        base = rows.iloc[-1]
        year = int(base["period_end"].year)
        scenario = growth.scenario(base["value"], year, 20, max(2030, year + 1), base["bound"])
        same = scenarios.same_thing(projected, options[0], ds.indicators)
        label = ds.indicator_label(options[0], lang)
        figure = compare.scenario_chart(
            rows, scenario, same, lang, label, base["unit"], None, national_ceiling()
        )
        sizes["scenario_chart"] = len(figure.to_json())
    return sizes


# --- child: memory ------------------------------------------------------------------------------
def child_memory(data: Path) -> dict:
    from indicators.analysis.dataset import Dataset
    from indicators.data.store import Store

    baseline = peak_rss_mb()
    store = Store(data, build=Dataset)
    dataset = store.refresh()
    return {
        "baseline_mb": baseline,
        "peak_mb": peak_rss_mb(),
        "parsed": store.reads,
        "observations": len(dataset.observations),
    }


# --- child: pages ------------------------------------------------------------------------------
def child_pages(work: Path, repeats: int) -> dict:
    from streamlit.testing.v1 import AppTest

    bare_file = work / "bare_page.py"
    bare_file.write_text(BARE_PAGE, encoding="utf-8")
    bare = AppTest.from_file(str(bare_file), default_timeout=120)
    bare.run()
    out = {"bare": medians(lambda _: bare.run(), repeats), "pages": {}}
    out["bare"]["payload"] = sum(len(e.proto.spec) for e in bare.get("plotly_chart"))

    app = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=1800)
    wall, cpu, _ = clock(app.run)
    out["first_run"] = {"wall": wall, "cpu": cpu}
    for page in PAGES:
        app.switch_page(f"indicators/ui/pages/{page}.py")
        wall, cpu, _ = clock(app.run)
        result = medians(lambda _: app.run(), repeats)
        result["first"] = {"wall": wall, "cpu": cpu}
        result["exceptions"] = [e.message for e in app.exception]
        charts = app.get("plotly_chart")
        result["charts"] = len(charts)
        result["payload"] = sum(len(e.proto.spec) for e in charts)
        result["largest"] = max((len(e.proto.spec) for e in charts), default=0)
        out["pages"][page] = result
    out["peak_mb"] = peak_rss_mb()
    return out


# --- the parent ------------------------------------------------------------------------------
def run_child(mode: str, env_extra: dict, *args: str) -> dict:
    env = {**os.environ, **env_extra}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"benchmark child {mode} failed ({done.returncode})")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["elapsed"] = time.perf_counter() - started
    return result


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram = next(
            int(line.split()[1]) / 1024 / 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration, ValueError):
        ram = 0.0
    import yaml

    versions = {}
    for name in ("pyyaml", "pydantic", "pydantic-core", "pandas", "plotly", "streamlit"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libyaml": yaml.__with_libyaml__,
        "versions": versions,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000,100000")
    parser.add_argument("--page-sizes", default="20000", help="sizes the pages run at")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--page-repeats", type=int, default=3)
    parser.add_argument(
        "--no-reference", action="store_true", help="skip the pages on the curated data/"
    )
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        if args.child == "load":
            result = child_load(Path(args.data), args.repeats)
        elif args.child == "memory":
            result = child_memory(Path(args.data))
        else:
            result = child_pages(Path(args.work), args.page_repeats)
        print(json.dumps(result))
        return 0

    from generate import generate

    sizes = [int(s) for s in args.sizes.split(",") if s]
    page_sizes = {int(s) for s in args.page_sizes.split(",") if s}
    started = dt.datetime.now()
    load_before = os.getloadavg()
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"indicators-bench-{size}-") as tmp:
            tmp = Path(tmp)
            clock_start = time.perf_counter()
            data = generate(tmp / "data", size)
            print(f"[{size:,}] generated {data}", flush=True)
            common = ["--data", str(data), "--repeats", str(args.repeats)]
            load = run_child("load", {}, *common)
            print(f"[{size:,}] load done in {load['elapsed']:.0f} s", flush=True)
            entry = {"size": size, "load": load, "memory": run_child("memory", {}, *common)}
            if size in page_sizes:
                env = {"INDICATORS_DATA_DIR": str(data)}
                pages_work = tmp / "pages"
                pages_work.mkdir()
                entry["pages"] = run_child(
                    "pages",
                    env,
                    "--work",
                    str(pages_work),
                    "--page-repeats",
                    str(args.page_repeats),
                )
                print(f"[{size:,}] pages done in {entry['pages']['elapsed']:.0f} s", flush=True)
            entry["elapsed"] = time.perf_counter() - clock_start
            results.append(entry)
    reference = None
    if page_sizes and not args.no_reference:
        with tempfile.TemporaryDirectory(prefix="indicators-bench-real-") as tmp:
            env = {"INDICATORS_DATA_DIR": str(PROJECT / "data")}
            work = Path(tmp) / "pages"
            work.mkdir()
            reference = run_child(
                "pages", env, "--work", str(work), "--page-repeats", str(args.page_repeats)
            )
            print(f"[data/] pages done in {reference['elapsed']:.0f} s", flush=True)
    report = render(machine(), results, reference, started, load_before, os.getloadavg(), argv)
    Path(args.output).write_text(report, encoding="utf-8")
    print(report)
    return 0


# --- the report ------------------------------------------------------------------------------
def _s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}x" if floor else "–"


def _verdict(wall: float, cpu: float, goal: float, below: bool = True) -> str:
    met = [(wall <= goal) if below else (wall >= goal), (cpu <= goal) if below else cpu >= goal]
    if all(met):
        return "met"
    if met[1]:
        return "met on CPU time only"
    return "**not met**"


def render(info, results, reference, started, load_before, load_after, argv) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (`make bench`) on SYNTHETIC data generated by "
        "`benchmarks/generate.py` in a temporary folder (one source file per 50 "
        "observations, one milestone per 200 observations; indicator and place ids copied "
        "from `data/`). Times are medians; each cell gives wall time, then process CPU time "
        "in brackets. A ratio is against the floor measured in the same run. Tests never "
        "assert these times.",
        "",
        "## Machine",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} (command: "
        f"`{' '.join(['benchmarks/run.py', *(argv or sys.argv[1:])])}`)",
        f"- CPU: {info['cpu']}, {info['cores']} cores; RAM {info['ram_gb']:.1f} GB; "
        f"{info['system']}",
        f"- Python {info['python']}; "
        + ", ".join(f"{k} {v}" for k, v in info["versions"].items())
        + f"; libyaml C bindings: {info['libyaml']}",
        f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in load_before)};"
        f" after: {', '.join(f'{x:.1f}' for x in load_after)} (the machine may be shared: "
        "CPU time is the steadier figure)",
        "",
        f"## Load and validation (goal: within {GOALS['cold']}x of the YAML floor)",
        "",
        "Floor: read every file and `yaml.load(text, Loader=yaml.CSafeLoader)`, keeping the "
        "values. Load: `load_folder` (read, parse, validate, locate, cross-file checks), "
        "what a new process does before it can draw anything.",
        "",
        "| Observations | Files | MB | Floor | Load | Load / floor | Goal |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for entry in results:
        load = entry["load"]
        floor, cold = load["floor"], load["cold_load"]
        verdict = _verdict(cold["wall"] / floor["wall"], cold["cpu"] / floor["cpu"], GOALS["cold"])
        lines.append(
            f"| {entry['size']:,} | {load['files']:,} | {load['bytes'] / 1e6:.1f} "
            f"| {_s(floor['wall'])} ({_s(floor['cpu'])}) | {_s(cold['wall'])} ({_s(cold['cpu'])})"
            f" | {_ratio(cold['wall'], floor['wall'])} ({_ratio(cold['cpu'], floor['cpu'])})"
            f" | {verdict} |"
        )
    lines += [
        "",
        "## The app's path: `Store.refresh()` (goal: one-file reload under "
        f"{GOALS['reload']}x of the first refresh at 100,000)",
        "",
        "First refresh: a new Store reads every file, runs the cross-file checks and builds "
        "the Dataset's frames. Unchanged: a rerun's refresh when no file changed (one `stat` "
        "per file). Reload: `refresh()` after one observation file of many was edited (that "
        "file is parsed again, then the cross-file checks and the Dataset are rebuilt from "
        "every file's records).",
        "",
        "| Observations | First refresh | Reload one file | Reload / first | "
        "Goal (at 100,000) | Unchanged refresh |",
        "|---:|---:|---:|---:|---|---:|",
    ]
    for entry in results:
        load = entry["load"]
        cold, one, same = load["cold_store"], load["reload_one"], load["unchanged_refresh"]
        verdict = "–"
        if entry["size"] >= 100_000:
            ratios = one["wall"] / cold["wall"], one["cpu"] / cold["cpu"]
            verdict = _verdict(*ratios, GOALS["reload"])
        lines.append(
            f"| {entry['size']:,} | {_s(cold['wall'])} ({_s(cold['cpu'])})"
            f" | {_s(one['wall'])} ({_s(one['cpu'])})"
            f" | {_ratio(one['wall'], cold['wall'])} ({_ratio(one['cpu'], cold['cpu'])})"
            f" | {verdict} | {_s(same['wall'])} ({_s(same['cpu'])}) |"
        )
    lines += [
        "",
        "## Where the load time goes",
        "",
        "Each stage over every file, the garbage collector on as in the app; each parsing "
        "stage includes the one above it (the files already read and decoded); medians, "
        "wall (CPU).",
        "",
        "| Stage | " + " | ".join(f"{e['size']:,}" for e in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    stage_names = list(results[0]["load"]["stages"]) if results else []
    floor_row = "| floor: `yaml.load` with CSafeLoader | " + " | ".join(
        f"{_s(e['load']['floor']['wall'])} ({_s(e['load']['floor']['cpu'])})" for e in results
    )
    lines.append(floor_row + " |")
    for name in stage_names:
        cells = []
        for entry in results:
            wall, cpu = entry["load"]["stages"][name]
            cells.append(f"{_s(wall)} ({_s(cpu)})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Memory (peak RSS of a fresh process building the Dataset)",
        "",
        "| Observations | After imports | After `Store.refresh()` |",
        "|---:|---:|---:|",
    ]
    for entry in results:
        memory = entry["memory"]
        lines.append(
            f"| {entry['size']:,} | {memory['baseline_mb']:.0f} MB | {memory['peak_mb']:.0f} MB |"
        )
    lines += [
        "",
        "## Figure JSON per builder (goal: under about 300 KB at 100,000)",
        "",
        "| Builder | " + " | ".join(f"{e['size']:,}" for e in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    builders = list(results[0]["load"]["figures"]) if results else []
    for name in builders:
        cells = [f"{e['load']['figures'].get(name, 0) / 1000:.0f} KB" for e in results]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    paged = [(f"{e['size']:,} SYNTHETIC observations", e["size"], e.get("pages")) for e in results]
    paged = [item for item in paged if item[2] is not None]
    if reference is not None:
        paged.append(("The curated data/ (reference)", 0, reference))
    if paged:
        lines += [
            "",
            f"## Server time per page rerun under AppTest (goal: within {GOALS['page']}x of "
            f"a bare page at {PAGE_GOAL_SIZE:,})",
            "",
            "Bare page: one plotly bar chart. Each page: `switch_page`, a first run, then "
            "repeated `at.run()`; payload: the sum of `len(proto.spec)` of its "
            "`plotly_chart` elements.",
            "",
        ]
    for title, size, pages in paged:
        bare = pages["bare"]
        lines += [
            f"### {title}",
            "",
            f"Bare page rerun: {_s(bare['wall'])} ({_s(bare['cpu'])}); the app's first "
            f"run (reads the whole folder): {_s(pages['first_run']['wall'])}; peak RSS "
            f"{pages['peak_mb']:.0f} MB.",
            "",
            "| Page | Rerun | Rerun / bare | Goal | First run | Charts | Payload | "
            "Largest figure | Exceptions |",
            "|---|---:|---:|---|---:|---:|---:|---:|---|",
        ]
        for name, page in pages["pages"].items():
            ratio_wall = page["wall"] / bare["wall"]
            ratio_cpu = page["cpu"] / bare["cpu"] if bare["cpu"] else 0
            goal = _verdict(ratio_wall, ratio_cpu, GOALS["page"]) if size == PAGE_GOAL_SIZE else "–"
            errors = "; ".join(m.splitlines()[0][:80] for m in page["exceptions"]) or "none"
            lines.append(
                f"| {name} | {_s(page['wall'])} ({_s(page['cpu'])})"
                f" | {ratio_wall:.1f}x ({ratio_cpu:.1f}x) | {goal}"
                f" | {_s(page['first']['wall'])} | {page['charts']}"
                f" | {page['payload'] / 1000:.0f} KB | {page['largest'] / 1000:.0f} KB"
                f" | {errors} |"
            )
        lines.append("")
    lines += [
        "",
        "Run times per size (generation + every child): "
        + ", ".join(f"{e['size']:,}: {e['elapsed']:.0f} s" for e in results)
        + ".",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
