"""JSON Schemas of the data files, generated from the pydantic models, for editors.

Every data file starts with ``# yaml-language-server: $schema=../schema/<kind>.schema.json``
(``../../schema/`` in data/observations/ and data/milestones/), so VS Code's YAML
extension and other editors built on yaml-language-server complete field names, offer
the enums (bound, status, kind, unit) and flag mistakes while the curator types.

The schemas say draft-07 because that is what those editors fully support. They describe
the shape of one file; references between files (an indicator id, a place, a source) are
checked by ``python -m indicators validate``, which stays the authority.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, create_model

from indicators.data.loading import FILE_KINDS, FOLDERS, REQUIRED_KEYS
from indicators.data.model import SLUG

DRAFT = "http://json-schema.org/draft-07/schema#"
KINDS = tuple(FILE_KINDS)  # sources, indicators, geography, observations, milestones

_TITLES = {
    "sources": "Sources (data/sources.yaml)",
    "indicators": "Indicators (data/indicators.yaml)",
    "geography": "Geography (data/geography.yaml)",
    "observations": "Observations of one source (data/observations/<source-id>.yaml)",
    "milestones": "Milestones of one source (data/milestones/<source-id>.yaml)",
}
_DESCRIPTIONS = {
    "sources": "Every press article the data rests on.",
    "indicators": "What is counted: one entry per series. Positions and jobs are two series.",
    "geography": "Ids and aliases of the 12 regions (2015), the 16 regions of 1997, the cities "
    "and the business parks.",
    "observations": "The figures of one source, each with the sentence it comes from. Check "
    "the file with: python -m indicators validate",
    "milestones": "The dated things of one source: events, projects, openings, closures. Check "
    "the file with: python -m indicators validate",
}
_LIST_DESCRIPTIONS = {
    "sources": "One entry per article.",
    "indicators": "One entry per indicator.",
    "regions": "The 12 regions of the 2015 division.",
    "regions_1997": "The 16 regions of the 1997 division, with their 2015 successors.",
    "cities": "Cities with coordinates and regions.",
    "parks": "Business parks (Casanearshore, Fès Shore...).",
    "observations": "One entry per figure. Two sources that disagree are two entries.",
    "milestones": "One entry per event, project, opening or closure.",
}


def schema_path(kind: str) -> str:
    """Where a data file of ``kind`` finds its schema, relative to the file."""
    prefix = "../../" if kind in FOLDERS else "../"
    return f"{prefix}schema/{kind}.schema.json"


def schema_comment(kind: str) -> str:
    """The first line of every data file of ``kind``."""
    return f"# yaml-language-server: $schema={schema_path(kind)}"


def _file_model(kind: str) -> type[BaseModel]:
    """A pydantic model of a whole file of ``kind``: its top-level keys and their lists."""
    fields: dict = {}
    if kind in FOLDERS:
        fields["source"] = (
            str,
            Field(
                pattern=SLUG,
                description="The source's id in data/sources.yaml; the file is named after it.",
            ),
        )
    for key, model in FILE_KINDS[kind].items():
        description = _LIST_DESCRIPTIONS.get(key)
        if key in REQUIRED_KEYS[kind]:
            fields[key] = (list[model], Field(description=description))
        else:
            fields[key] = (list[model] | None, Field(default=None, description=description))
    return create_model(
        kind.capitalize(),
        __config__=ConfigDict(extra="forbid", title=_TITLES[kind]),
        __doc__=_DESCRIPTIONS[kind],
        **fields,
    )


def _draft07(node):
    """Pydantic writes 2020-12 ($defs, prefixItems); editors read draft-07."""
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$defs":
            out["definitions"] = _draft07(value)
        elif key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "prefixItems":
            out["items"] = _draft07(value)
        else:
            out[key] = _draft07(value)
    return out


def build_schema(kind: str) -> dict:
    """The JSON Schema of a data file of ``kind``."""
    if kind not in FILE_KINDS:
        raise ValueError(f"no schema for {kind!r}: one of {', '.join(KINDS)}")
    schema = _draft07(_file_model(kind).model_json_schema(mode="validation"))
    return {"$schema": DRAFT, **schema}


def render(kind: str) -> str:
    """The schema file's text: stable (sorted keys, 2-space indent, final newline)."""
    return json.dumps(build_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(folder: Path | str) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind of data file; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def check_schemas(folder: Path | str) -> list[str]:
    """Names of the schema files that are missing or differ from the models."""
    folder = Path(folder)
    stale = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != render(kind):
            stale.append(path.name)
    return stale
