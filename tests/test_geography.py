"""Names, aliases, the 1997 -> 2015 crosswalk and census figures, on the real data."""

from __future__ import annotations

import pytest

from indicators.data.geography import census_regions, normalize


@pytest.mark.parametrize("name", ["Fès", "FES", "fes", "Fez", " fès "])
def test_fes_is_one_city(real_dataset, name):
    assert real_dataset.geography.match("city", name) == "fes"


@pytest.mark.parametrize(
    ("name", "city"),
    [("Tangier", "tanger"), ("Tanja", "tanger"), ("Casa", "casablanca"), ("Meknes", "meknes")],
)
def test_aliases(real_dataset, name, city):
    assert real_dataset.geography.match("city", name) == city


def test_regions_match_accent_free(real_dataset):
    geo = real_dataset.geography
    assert geo.match("region", "Souss Massa Draa") == "souss-massa-draa"
    assert geo.match("region", "Drâa-Tafilalet") == "draa-tafilalet"
    assert geo.suggest("region", "Souss-Masa") == "souss-massa"


def test_normalize():
    assert normalize("Béni Mellal-Khénifra") == "beni mellal khenifra"
    assert normalize("L’Oriental") == "l oriental"


def test_the_1997_region_is_drawn_on_its_successor(real_dataset):
    geo = real_dataset.geography
    assert geo.region_of("region:souss-massa-draa") == ("souss-massa", "souss-massa-draa")
    assert geo.region_of("city:agadir") == ("souss-massa", None)
    assert geo.region_of("country:ma") == (None, None)


def test_a_park_belongs_to_its_city_and_region(real_dataset):
    geo = real_dataset.geography
    assert geo.city_of("park:casanearshore") == "casablanca"
    assert geo.region_of("park:casanearshore")[0] == "casablanca-settat"


def test_all_sixteen_1997_regions_map_onto_2015_regions(real_dataset):
    geo = real_dataset.geography
    assert len(geo.regions) == 12 and len(geo.regions_1997) == 16
    for old in geo.regions_1997.values():
        assert all(successor in geo.regions for successor in old.successors)


def test_census_figures_come_from_the_package():
    by_code = {row["code"]: row for row in census_regions()}
    assert len(by_code) == 12
    assert by_code["09"]["population_2014"] == 2_676_847
    assert sum(row["population_2014"] for row in by_code.values()) == 33_848_242


def test_cities_named_in_the_brief_have_coordinates(real_dataset):
    cities = real_dataset.cities.set_index("id")
    for city in [
        "agadir",
        "drarga",
        "marrakech",
        "tanger",
        "fes",
        "meknes",
        "oujda",
        "casablanca",
        "rabat",
    ]:
        assert 27 < cities.loc[city, "lat"] < 36 and -14 < cities.loc[city, "lon"] < -1
