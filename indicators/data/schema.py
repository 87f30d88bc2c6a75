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

from indicators.data.model import FILE_MODELS, FOLDERS

DRAFT = "http://json-schema.org/draft-07/schema#"
KINDS = tuple(FILE_MODELS)  # sources, indicators, geography, observations, milestones


def schema_path(kind: str) -> str:
    """Where a data file of ``kind`` finds its schema, relative to the file."""
    prefix = "../../" if kind in FOLDERS else "../"
    return f"{prefix}schema/{kind}.schema.json"


def schema_comment(kind: str) -> str:
    """The first line of every data file of ``kind``."""
    return f"# yaml-language-server: $schema={schema_path(kind)}"


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
    if kind not in FILE_MODELS:
        raise ValueError(f"no schema for {kind!r}: one of {', '.join(KINDS)}")
    schema = _draft07(FILE_MODELS[kind].model_json_schema(mode="validation"))
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
