"""SYNTHETIC data folders for the benchmark: as many observations as asked, in many files.

Nothing here is a real figure. Every file starts with a "SYNTHETIC" comment, every source
title starts with "SYNTHETIC", every quote and milestone title says "SYNTHETIC". The ids
of indicators, regions, cities and parks are copied from the curated ``data/`` folder
(``indicators.yaml`` and ``geography.yaml`` are copied as they are), so the generated
folder validates clean and the pages draw it like the real data.

The folder is written where asked, normally a temporary folder; writing into the
project's ``data/`` folder is refused.

    python benchmarks/generate.py 10000 /tmp/synthetic-10k
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "data"
MARK = "SYNTHETIC"
HEADER = (
    f"# {MARK} benchmark data written by benchmarks/generate.py: not real figures, "
    "never to be curated into data/.\n"
)
OBSERVATIONS_PER_FILE = 50  # one source (one file) per 50 observations
MILESTONES_PER_OBSERVATION = 1 / 200
BOUNDS = ("exact", "approx", "lower", "upper")
STATUSES = ("observed", "declared", "target", "forecast", "potential")
STATUS_WEIGHTS = (5, 4, 1, 1, 1)
KINDS = ("event", "project", "opening", "closure", "infrastructure", "training", "policy")
MILESTONE_STATUSES = ("planned", "under_construction", "done", "postponed", "cancelled")
WORDS = (
    "centres", "d'appels", "offshoring", "positions", "emplois", "région", "ville", "parc",
    "opérateurs", "croissance", "recrutement", "formation", "investissement", "plateau",
    "relation", "client", "sites", "ouverture", "extension", "marché", "francophone",
    "nearshore", "programme",
)  # fmt: skip


def _quote(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reference_ids() -> dict:
    """Indicator ids (with the range their values may take) and geo ids of data/."""
    sys.path.insert(0, str(PROJECT))
    from indicators.loading import load_folder

    records = load_folder(DATA)
    indicators = []
    for ident, item in records.indicators.items():
        low, high = item.record.allowed_range()
        indicators.append((ident, max(low, 0.0), min(high, 200_000.0), item.record.unit))
    geo = records.geography
    geos = (
        ["country:ma"] * 6
        + [f"region:{r}" for r in geo.regions]
        + [f"region:{r}" for r in geo.regions_1997]
        + [f"city:{c}" for c in geo.cities]
        + [f"park:{p}" for p in geo.parks]
    )
    return {"indicators": indicators, "geos": geos, "cities": list(geo.cities)}


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _period(rng: random.Random) -> str:
    year = rng.randint(2001, 2025)
    form = rng.random()
    if form < 0.45:
        return str(year)
    if form < 0.9:
        return f'"{year}-{rng.randint(1, 12):02d}"'
    if form < 0.97:
        return f'"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"'
    return f'"{year}/{min(year + rng.randint(1, 5), 2030)}"'


def _observation(rng: random.Random, refs: dict, number: int) -> str:
    indicator, low, high, unit = rng.choice(refs["indicators"])
    if unit == "percent":
        value = f"{rng.uniform(low, high):.1f}"
    else:
        value = str(int(rng.uniform(low, high)))
    lines = [
        f"  # {MARK} record {number}",
        f"  - indicator: {indicator}",
        f"    geo: {_quote(rng.choice(refs['geos']))}",
        f"    period: {_period(rng)}",
        f"    value: {value}",
        f"    bound: {rng.choice(BOUNDS)}",
        f"    status: {rng.choices(STATUSES, STATUS_WEIGHTS)[0]}",
        f"    quote: {_quote(f'{MARK} {number}: {value} ' + _sentence(rng, rng.randint(12, 30)))}",
    ]
    if rng.random() < 0.3:
        lines.append(f"    claimant: {_quote(MARK + ' ' + _sentence(rng, 3))}")
    if rng.random() < 0.1:
        lines.append(f"    operator: {_quote(MARK + ' Operator ' + str(rng.randint(1, 40)))}")
    if rng.random() < 0.1:
        lines.append("    period_inferred: true")
        lines.append(f"    note: {_quote(MARK + ' period worked out: ' + _sentence(rng, 8))}")
    elif rng.random() < 0.3:
        lines.append(f"    note: {_quote(MARK + ' ' + _sentence(rng, rng.randint(6, 20)))}")
    return "\n".join(lines) + "\n"


def _milestone(rng: random.Random, refs: dict, number: int) -> str:
    year = rng.randint(2001, 2025)
    lines = [
        f"  # {MARK} milestone {number}",
        f"  - id: synthetic-milestone-{number:06d}",
        "    title:",
        f"      fr: {_quote(f'{MARK} jalon {number}')}",
        f"      en: {_quote(f'{MARK} milestone {number}')}",
        f"    kind: {rng.choice(KINDS)}",
        f"    geo: {_quote(rng.choice(refs['geos']))}",
        f'    start: "{year}-{rng.randint(1, 12):02d}"',
    ]
    if rng.random() < 0.2:  # an EDTF-like marker: approximate, uncertain or both
        lines[-1] = lines[-1][:-1] + rng.choice("~?%") + '"'
    if rng.random() < 0.3:
        lines.append(f"    end: {year + rng.randint(1, 3)}")
    if rng.random() < 0.02:
        stops = rng.sample(refs["cities"], k=min(4, len(refs["cities"])))
        lines.append(f"    route: [{', '.join(stops)}]")
    lines.append(f"    status: {rng.choice(MILESTONE_STATUSES)}")
    lines.append(f"    quote: {_quote(f'{MARK} {number}: ' + _sentence(rng, 15))}")
    return "\n".join(lines) + "\n"


def generate(target, observations: int, seed: int = 2011) -> Path:
    """Write a SYNTHETIC data folder with ``observations`` observations into ``target``
    (created; must not be the project's data folder or inside it)."""
    target = Path(target).resolve()
    if target == DATA.resolve() or target.is_relative_to(DATA.resolve()):
        raise ValueError(f"refusing to write synthetic data into {DATA}")
    rng = random.Random(seed)
    refs = _reference_ids()
    (target / "observations").mkdir(parents=True, exist_ok=True)
    (target / "milestones").mkdir(parents=True, exist_ok=True)
    for name in ("indicators.yaml", "geography.yaml"):
        text = (DATA / name).read_text(encoding="utf-8")
        (target / name).write_text(
            HEADER + f"# (definitions copied from data/{name}; the figures are synthetic)\n" + text,
            encoding="utf-8",
        )
    files = max(1, -(-observations // OBSERVATIONS_PER_FILE))
    milestones = int(observations * MILESTONES_PER_OBSERVATION)
    sources = [HEADER, "sources:\n"]
    number = 0
    for index in range(files):
        source = f"synthetic-{index:05d}"
        sources.append(
            f"  # {MARK} source {index}\n"
            f"  - id: {source}\n"
            f"    title: {_quote(f'{MARK} source {index}: ' + _sentence(rng, 6))}\n"
            f"    publisher: {_quote(MARK + ' publisher')}\n"
            f'    published: "{rng.randint(2001, 2025)}-{rng.randint(1, 12):02d}-01"\n'
            "    language: fr\n"
            f"    notes: {_quote(MARK + ': generated by benchmarks/generate.py')}\n"
        )
        count = min(OBSERVATIONS_PER_FILE, observations - number)
        body = [HEADER, f"source: {source}\n", "observations:\n"]
        for _ in range(count):
            number += 1
            body.append(_observation(rng, refs, number))
        (target / "observations" / f"{source}.yaml").write_text("".join(body), encoding="utf-8")
    (target / "sources.yaml").write_text("".join(sources), encoding="utf-8")
    per_file = 5
    for index in range(0, milestones, per_file):
        source = f"synthetic-{(index // per_file) % files:05d}"
        body = [HEADER, f"source: {source}\n", "milestones:\n"]
        for number in range(index, min(index + per_file, milestones)):
            body.append(_milestone(rng, refs, number))
        (target / "milestones" / f"{source}.yaml").write_text("".join(body), encoding="utf-8")
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("observations", type=int)
    parser.add_argument("target", nargs="?", help="folder to write (default: a new temp folder)")
    parser.add_argument("--seed", type=int, default=2011)
    args = parser.parse_args(argv)
    target = args.target or tempfile.mkdtemp(prefix=f"synthetic-{args.observations}-")
    print(generate(target, args.observations, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
