"""Commented YAML templates of a new record, and the one place that writes YAML values.

``python -m indicators new observation --set geo=city:agadir`` prints a template whose
comments explain each field (from the models' descriptions, the same text editors show
from the JSON Schemas), list the allowed values and give an example copied from the real
data, with the fields given on the command line already filled in.
"""

from __future__ import annotations

import difflib
import functools
import re
import textwrap
from decimal import Decimal

from .model import Milestone, Observation, Source
from .schema import build_schema, schema_comment

KINDS = {  # template kind -> (model, file kind, list key)
    "observation": (Observation, "observations", "observations"),
    "milestone": (Milestone, "milestones", "milestones"),
    "source": (Source, "sources", "sources"),
}
BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
# Words YAML reads as something other than text when written plain.
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}
_PLAIN = re.compile(r"[a-z][a-z0-9_-]*")
# Fields holding ids or enum values, written plain as the curated files do; every other
# text (quotes, notes, names) is double-quoted, whatever it looks like.
PLAIN_FIELDS = {"id", "source", "indicator", "bound", "status", "kind", "language", "route"}
# A value typed the French way ("30.000", "1.500.000"): never read as 30.0, but left as
# text so that the loader's number-as-string rule answers with its hint.
_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+\.\d+")
_WIDTH = 92

# An example of each field, copied from data/ (the seed article first).
EXAMPLES = {
    "observation": {
        "source": "leseco-2011-01-18-souss-offshoring",
        "indicator": "call_centre_positions",
        "geo": "country:ma",
        "period": "2011-01",
        "value": 30000,
        "bound": "lower",
        "status": "declared",
        "quote": "Jusque-là, plus de 30.000 positions ont été déclarées par les grands centres "
        "d'appels au Maroc",
        "claimant": "Mohamed El Ouahdoudi, président de l'ACASIOM / organisateur du SICCAM et des "
        "RMRC",
        "operator": "Webhelp",
        "period_inferred": True,
        "derivation": "'un an' = 12 months (lower end of the range 'un an, jusqu'à trois ans')",
        "note": "'dans les deux prochaines années' from January 2011: horizon about early 2013 "
        "(worked out).",
    },
    "milestone": {
        "source": "leseco-2011-01-18-souss-offshoring",
        "id": "rmrc-2011-roadshow",
        "title": {
            "fr": "3e RMRC : road-show des centres d'appels, première étape à Agadir",
            "en": "3rd RMRC call-centre road-show, first stage in Agadir",
        },
        "kind": "event",
        "geo": "city:agadir",
        "start": "2011~",
        "inferred": True,
        "status": "done",
        "route": ["agadir", "marrakech", "tanger", "fes", "meknes", "oujda", "casablanca"],
        "operator": "Webhelp",
        "claimant": "Mohamed El Ouahdoudi, président de l'ACASIOM / organisateur du SICCAM et des "
        "RMRC",
        "quote": "L'achèvement des travaux de la pépinière de Drarga dans quelques mois",
        "note": "Completion 'dans quelques mois' as of January 2011, hence about 2011 "
        "(approximate and worked out from the article date).",
    },
    "source": {
        "id": "leseco-2011-01-18-souss-offshoring",
        "title": "Le Souss fait de l'œil aux acteurs de l'offshoring",
        "publisher": "Les ECO (Les Echos quotidien)",
        "published": "2011-01-18",
        "published_inferred": True,
        "language": "fr",
        "url": "https://maghress.com/fr/lesechos/235",
        "accessed": "2025-12-24",
        "author": "Youness SAAD ALAMI",
        "corpus_ref": "P10",
        "notes": "Rubrique Régions; printed 'Edition N°:5149 Le 16/11/2017'.",
    },
}
_INTRO = {
    "observation": [
        "A new observation: one figure of one source.",
        "New source file: save all of this as data/observations/<source-id>.yaml.",
        "Existing file: copy the lines from '- indicator:' down under its 'observations:'.",
    ],
    "milestone": [
        "A new milestone: an event, project, opening or closure of one source.",
        "New source file: save all of this as data/milestones/<source-id>.yaml.",
        "Existing file: copy the lines from '- id:' down under its 'milestones:'.",
    ],
    "source": [
        "A new source: one press article.",
        "Copy the lines from '- id:' down under 'sources:' in data/sources.yaml.",
    ],
}


def parse_number(text):
    """What a value box or ``--set value=`` holds, as the YAML value to write: a plain int
    or float, None when empty, else the text itself (the loader says what is wrong with it)."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return text
    value = str(text).strip()
    if not value:
        return None
    if _INTEGER.fullmatch(value):
        return int(value)
    if _DECIMAL.fullmatch(value) and not _THOUSANDS.fullmatch(value):
        return float(value)
    return value


# --- writing YAML values ----------------------------------------------------------------
def _escape(char: str) -> str:
    code = ord(char)
    named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if char in named:
        return named[char]
    printable = (
        code in (0x09, 0x0A, 0x0D)
        or 0x20 <= code <= 0x7E
        or code == 0x85
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
    if not printable or code in (0x85, 0x2028, 0x2029, 0xFEFF):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    return '"' + "".join(_escape(c) for c in str(text)) + '"'


def scalar(value, plain: bool = True) -> str:
    """YAML text of a value: numbers as numbers, text double-quoted unless ``plain`` allows
    an id-like word (call_centre_positions, lower) to stay bare."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return quoted(str(value))
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v, plain) for v in value) + "]"
    text = str(value)
    if plain and _PLAIN.fullmatch(text) and text not in _YAML_WORDS:
        return text
    return quoted(text)


def entry(key: str, value, indent: int) -> list[str]:
    """``key: value`` lines (a mapping value becomes an indented block)."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for sub, sub_value in value.items():
            lines.extend(entry(sub, sub_value, indent + 2))
        return lines
    if value is None or value == "":
        return [f"{pad}{key}:"]
    return [f"{pad}{key}: {scalar(value, plain=key in PLAIN_FIELDS)}"]


# --- what each field is ------------------------------------------------------------------
@functools.cache
def _properties(kind: str) -> tuple[dict, dict]:
    """(record properties, file properties) of a template kind, from its JSON Schema."""
    model, file_kind, _ = KINDS[kind]
    schema = build_schema(file_kind)
    record = schema["definitions"][model.__name__]["properties"]
    return record, schema["properties"]


def _allowed(prop: dict) -> list[str]:
    for option in [prop, *prop.get("anyOf", [])]:
        if "enum" in option:
            return [str(v) for v in option["enum"]]
    return []


def fields_of(kind: str) -> list[str]:
    """Field names a template of ``kind`` takes (``source`` for the file's header)."""
    model, file_kind, _ = KINDS[kind]
    names = list(model.model_fields)
    if file_kind != "sources":
        names.insert(0, "source")
    for name, info in model.model_fields.items():
        nested = getattr(info.annotation, "model_fields", None)
        if nested:
            names.extend(f"{name}.{sub}" for sub in nested)
    return names


def _unknown(kind: str, name: str) -> ValueError:
    names = fields_of(kind)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}?" if close else "fields: " + ", ".join(names)
    return ValueError(f"{kind} has no field {name!r}: {hint}")


def _typed(kind: str, name: str, text: str):
    """A command-line value as the type its field takes."""
    model = KINDS[kind][0]
    info = model.model_fields.get(name)
    annotation = str(info.annotation) if info else ""
    record_props, _ = _properties(kind)
    allowed = _allowed(record_props.get(name, {}))
    if allowed and text not in allowed:
        close = difflib.get_close_matches(text, allowed, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(allowed)
        raise ValueError(f"{name}: {text!r} is not one of {', '.join(allowed)} ({hint})")
    if info is not None and info.annotation is bool:
        if text.strip().lower() not in BOOLEANS:
            raise ValueError(f"{name} takes true or false, not {text!r}")
        return BOOLEANS[text.strip().lower()]
    if name == "value":
        number = parse_number(text)
        if number is None or isinstance(number, str):
            raise ValueError(
                f"value takes a plain number, not {text!r}: no thousands separators "
                "(30000, not 30.000); 'plus de'/'moins de' go in bound"
            )
        return number
    if "list" in annotation:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def _prefill(kind: str, values: dict) -> dict:
    out: dict = {}
    known = set(fields_of(kind))
    for name, text in values.items():
        if name not in known:
            raise _unknown(kind, name)
        model = KINDS[kind][0]
        info = model.model_fields.get(name)
        if info is not None and hasattr(info.annotation, "model_fields"):
            subs = ", ".join(f"--set {name}.{sub}=..." for sub in info.annotation.model_fields)
            raise ValueError(f"{name} has one text per language: give {subs}")
        if "." in name:
            parent, _, sub = name.partition(".")
            out.setdefault(parent, {})[sub] = text
        else:
            out[name] = _typed(kind, name, text)
    return out


def _comment(name: str, prop: dict, required: bool, example, indent: int) -> list[str]:
    pad = " " * indent + "# "
    allowed = _allowed(prop)
    head = f"{name} ({'required' if required else 'optional'})"
    if allowed:
        head += ": " + " | ".join(allowed)
    text = f"{head}. {prop.get('description', '')}".strip()
    lines = textwrap.wrap(text, _WIDTH - len(pad), break_on_hyphens=False)
    lines = [pad + line for line in lines]
    if example is not None:
        if isinstance(example, dict):
            shown = ", ".join(f"{k}: {scalar(v, plain=False)}" for k, v in example.items())
        else:
            shown = scalar(example, plain=name in PLAIN_FIELDS)
        lines.append(f"{pad}  e.g. {shown}")
    return lines


def template(kind: str, values: dict | None = None) -> str:
    """The commented YAML template of a new record of ``kind`` (observation, milestone or
    source), with ``values`` (field name -> text, ``title.fr`` for a nested field) filled
    in. Raises ValueError for an unknown field or a value its field cannot take."""
    if kind not in KINDS:
        raise ValueError(f"no template for {kind!r}: one of {', '.join(KINDS)}")
    model, file_kind, key = KINDS[kind]
    filled = _prefill(kind, values or {})
    record_props, file_props = _properties(kind)
    examples = EXAMPLES[kind]
    lines = [schema_comment(file_kind)]
    lines += [f"# {line}" for line in _INTRO[kind]]
    lines += [
        "# Fill in the empty fields; delete the optional ones you do not need.",
        "# Then check: python -m indicators validate",
    ]
    if file_kind != "sources":
        lines += _comment("source", file_props["source"], True, None, 0)
        lines += entry("source", filled.get("source"), 0)
    lines.append(f"{key}:")
    for index, (name, info) in enumerate(model.model_fields.items()):
        prop = record_props.get(name, {})
        lines += _comment(name, prop, info.is_required(), examples.get(name), 4)
        nested = getattr(info.annotation, "model_fields", None)
        value = filled.get(name, dict.fromkeys(nested, None) if nested else None)
        if value is None and info.annotation is bool:
            value = info.default  # an empty switch would read as null, not false
        if isinstance(value, dict) and nested:
            value = {sub: value.get(sub) for sub in nested}
        field_lines = entry(name, value, 4)
        if index == 0:
            field_lines[0] = "  - " + field_lines[0][4:]
        lines += field_lines
    return "\n".join(lines) + "\n"
