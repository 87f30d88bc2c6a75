"""YAML files -> validated records with their lines -> one set of Records and its Problems.

Each file is read and validated on its own against its file model (``load_file``), so
that one broken file or record never hides the others; references between files are
checked once all are read (``assemble``, driven by the ``REFERENCES`` table). Problems are
collected, never raised.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ValidationError

from indicators.data import quotecheck, yamlread
from indicators.data.geography import Geography
from indicators.data.model import FILE_KINDS, FILE_MODELS, FOLDERS, REGION_CODE, SLUG
from indicators.data.problems import Problem, problem

DEFAULT_MAX_FILE_BYTES = 5_000_000
YAML_SUFFIXES = (".yaml", ".yml")
TOP_FILES = ("sources", "indicators", "geography")
# Files of the data folder that are not data and are fine to find there.
IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".DS_Store"}
IGNORED_DIRS = {"geo"}


@dataclass
class Located:
    """A validated record, where it stands, and where each of its fields' values stands."""

    record: object
    file: str
    line: int
    column: int
    fields: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    def at(self, name: str) -> tuple[str, int, int]:
        """(file, line, column) of the field ``name``, or of the record without it."""
        return (self.file, *self.fields.get(name, (self.line, self.column)))


@dataclass
class FileResult:
    """What one file yielded: its records by key, its own problems, its source id."""

    file: str
    kind: str
    records: dict[str, list[Located]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None
    source_line: int = 1
    # key -> {id of a record that failed validation: "file:line" of that record}
    broken_ids: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def kind_of(relpath: str) -> str | None:
    """Which kind of records a file of the data folder holds, from its place and name."""
    parts = Path(relpath).parts
    stem, suffix = os.path.splitext(parts[-1])
    if suffix not in YAML_SUFFIXES:
        return None
    if len(parts) == 1:
        return stem if stem in TOP_FILES else None
    if len(parts) == 2:
        return parts[0] if parts[0] in FOLDERS else None
    return None


# --- one file ---------------------------------------------------------------------------
def decode(data: bytes, file: str) -> str:
    """UTF-8 text (a BOM is fine); a located problem for anything else."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})"
        raise yamlread.YamlProblem(problem("not-utf8", file, line, column, message)) from None
    if "\x00" in text:
        message = "the file holds NUL bytes: not a text file"
        raise yamlread.YamlProblem(problem("not-utf8", file, 1, 1, message))
    return text


def load_text(text: str, file: str, kind: str) -> FileResult:
    """Validate one file's text against the file model of ``kind``."""
    result = FileResult(file=file, kind=kind)
    try:
        document = yamlread.parse(text, file)
    except yamlread.YamlProblem as error:
        result.problems.append(error.problem)
        return result
    result.problems.extend(document.problems)
    value, failed = document.value, set()
    try:
        valid = FILE_MODELS[kind].model_validate(value)
        lists = {key: list(enumerate(getattr(valid, key) or [])) for key in FILE_KINDS[kind]}
    except ValidationError as error:
        problems, failed = _problems_of(error, document, kind)
        result.problems.extend(problems)
        lists = _valid_records(value, kind, failed)
    for key, records in lists.items():
        result.records[key] = [
            Located(record, file, *document.locate((key, i)), document.positions((key, i)))
            for i, record in records
        ]
    for key, index in (loc for loc in failed if len(loc) == 2 and loc[0] in FILE_KINDS[kind]):
        ident = value[key][index].get("id") if isinstance(value[key][index], dict) else None
        if isinstance(ident, str):
            first = next(p for p in result.problems if p.path[:2] == (key, index))
            result.broken_ids.setdefault(key, {})[ident] = f"{file}:{first.line}"
    if kind in FOLDERS and isinstance(value, dict) and ("source",) not in failed:
        result.source = value.get("source")
        result.source_line = document.locate(("source",))[0]
    return result


def _valid_records(value, kind: str, failed: set) -> dict[str, list]:
    """The records of a file that failed validation which are valid on their own."""
    if not isinstance(value, dict):
        return {}
    lists = {}
    for key, model in FILE_KINDS[kind].items():
        items = value.get(key)
        if isinstance(items, list) and (key,) not in failed:
            lists[key] = [
                (i, model.model_validate(item))
                for i, item in enumerate(items)
                if (key, i) not in failed
            ]
    return lists


def load_file(root: Path, relpath: str, kind: str, max_bytes: int) -> FileResult:
    path = root / relpath
    try:
        size = path.stat().st_size
        if size > max_bytes:
            message = f"the file is {size:,} bytes, over the limit of {max_bytes:,}"
            return FileResult(
                relpath, kind, problems=[problem("file-too-large", relpath, 0, 0, message)]
            )
        data = path.read_bytes()
    except OSError as error:
        message = f"the file cannot be read: {error.strerror}"
        return FileResult(
            relpath, kind, problems=[problem("unreadable-file", relpath, 0, 0, message)]
        )
    try:
        text = decode(data, relpath)
    except yamlread.YamlProblem as error:
        return FileResult(relpath, kind, problems=[error.problem])
    return load_text(text, relpath, kind)


# --- pydantic errors -> problems -------------------------------------------------------
_TYPE_CODES = {
    "missing": "missing-field",
    "too_short": "missing-field",
    "extra_forbidden": "unknown-field",
    "literal_error": "invalid-value",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
}
_PATTERNS = {  # a field's pattern -> its code and what the message says
    SLUG: ("invalid-id", "is not a valid id"),
    REGION_CODE: ("invalid-region-code", "is not an HCP region code"),
}
_EXPECTED = {  # pydantic error type prefix -> what to write instead
    "int": "a plain number, without quotes",
    "float": "a plain number, without quotes",
    "bool": "true or false",
    "string": "text (in quotes if it holds ':' or '#')",
    "dict": "a mapping, e.g. {fr: ..., en: ...}",
    "model": "a mapping, e.g. {fr: ..., en: ...}",
    "list": "a list, e.g. [a, b]",
    "tuple": "a list, e.g. [a, b]",
}


def _did_you_mean(name, choices) -> str:
    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "allowed: " + (", ".join(sorted(str(c) for c in choices)) or "none yet")


def _trim_loc(loc, value):
    """The part of a pydantic ``loc`` that names real places in the data (union branches
    such as 'int' or 'function-after[...]' are not places), and the first step that
    does not exist (the name of a missing key)."""
    out, node = [], value
    for step in loc:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        ):
            out.append(step)
            node = node[step]
        else:
            return tuple(out), step
    return tuple(out), None


def _fields_at(model, loc) -> list[str]:
    """The field names of the model that the data at ``loc`` is validated by."""
    for step in loc:
        if isinstance(step, int):
            continue
        info = model.model_fields.get(step)
        model = _model_in(info.annotation) if info else None
        if model is None:
            return []
    return list(model.model_fields)


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_model_in, get_args(annotation))), None)


def _problems_of(error: ValidationError, document, kind: str) -> tuple[list[Problem], set]:
    """One problem per field in error, and the places that failed: (key, index) of each
    failed record, (key,) of a top-level value that failed whole."""
    problems, failed, seen = [], set(), set()
    for err in error.errors(include_url=False):
        loc, missing = _trim_loc(err["loc"], document.value)
        if loc:
            failed.add(loc[:2])
        once = (loc, missing) if err["type"] in ("missing", "extra_forbidden") else loc[:3]
        if once not in seen:
            seen.add(once)
            problems.append(_problem_of(err, loc, missing, document, kind))
    return problems, failed


def _problem_of(err, loc, missing, document, kind) -> Problem:
    etype, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    code = _TYPE_CODES.get(etype, etype if "-" in etype else "wrong-type")
    if etype == "string_pattern_mismatch":
        code, says = _PATTERNS.get(ctx.get("pattern"), ("invalid-value", "does not match"))
    inner = loc[2:] if len(loc) >= 2 and isinstance(loc[1], int) else loc
    where = ".".join(map(str, inner)) or "record"
    line, column = document.locate(loc)
    params: dict = {}
    if code == "unknown-field":
        line, column = document.locate_key(loc)
        fields = _fields_at(FILE_MODELS[kind], loc[:-1])
        message = f"unknown field {loc[-1]!r}" + (" at the top level" if len(loc) == 1 else "")
        params["suggestion"] = _did_you_mean(loc[-1], fields) if fields else "remove it"
    elif code == "missing-field":
        name = missing if missing is not None else where
        parent = "file" if not loc else "record"
        owner = ".".join(map(str, inner)) if inner and missing is not None else f"the {parent}"
        message = f"{owner} has no {name!r}, which is required"
        params.update(name=name, parent=parent)
    elif not loc and etype == "model_type":
        code = "not-a-mapping"
        keys = [k for k, info in FILE_MODELS[kind].model_fields.items() if info.is_required()]
        message = (
            f"the file must be a YAML mapping with {', '.join(keys)}, not a {type(value).__name__}"
        )
        params["key"] = keys[-1]
    elif code == "invalid-value" and etype == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        message = f"{where}: {value!r} is not one of {expected}"
        params["suggestion"] = _did_you_mean(value, [c for c in choices if c])
    elif etype == "string_pattern_mismatch":
        message = f"{where}: {value!r} {says}"
        params["suggestion"] = f"write it to match {ctx.get('pattern')}"
    elif code == "out-of-range":
        message = f"{where}: {value!r} is out of range ({err['msg'].lower()})"
        bound = "at least" if "ge" in ctx else "at most"
        params["allowed"] = f"{bound} {ctx.get('ge', ctx.get('le'))}"
    elif code == "wrong-type" and "hint" not in ctx:
        message, params["expected"] = _wrong_type(etype, loc, value, err["msg"])
    else:  # a model validator's own problem, with its own hint
        message = f"{where}: {err['msg']}"
        return problem(code, document.file, line, column, message, path=loc, hint=ctx["hint"])
    return problem(code, document.file, line, column, message, path=loc, **params)


def _wrong_type(etype: str, loc: tuple, value, msg: str) -> tuple[str, str]:
    """(message, what to write instead) for a value of the wrong type."""
    if len(loc) == 1 and etype == "list_type":
        return (
            f"{loc[0]!r} must be a list of records (lines starting with '- ')",
            f"each record under '{loc[0]}:' as '  - field: value'",
        )
    if len(loc) == 2 and etype == "model_type":
        return (
            f"record {loc[1] + 1} of {loc[0]!r} is not a mapping of fields",
            "'field: value' lines",
        )
    where = ".".join(map(str, loc[2:] if len(loc) > 2 else loc))
    expected = next((v for k, v in _EXPECTED.items() if etype.startswith(k)), None)
    return (
        f"{where}: {value!r} has the wrong type ({msg})",
        expected or "what docs/data-format.md shows",
    )


# --- the data folder --------------------------------------------------------------------
def scan(root: Path) -> tuple[dict[str, str], list[Problem]]:
    """The data files of a folder (relative path -> kind) and the problems of the folder
    itself: files that are not data, links that lead outside it, missing files."""
    root = Path(root)
    found: dict[str, str] = {}
    problems: list[Problem] = []
    if not root.is_dir():
        message = f"the data folder {str(root)!r} does not exist"
        return found, [problem("missing-folder", str(root), 0, 0, message)]
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and not (rel_dir == Path(".") and d in IGNORED_DIRS)
        )
        for name in sorted(filenames):
            if name in IGNORED_NAMES or name.startswith("."):
                continue
            rel = (rel_dir / name).as_posix()
            path = here / name
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(real_root):
                    message = "the file is a link to a place outside the data folder: not read"
                    problems.append(problem("symlink-outside", rel, 0, 0, message))
                    continue
            kind = kind_of(rel)
            if kind is None:
                message = (
                    "a YAML file in a place the loader does not read"
                    if name.endswith(YAML_SUFFIXES)
                    else "not a data file: ignored"
                )
                problems.append(problem("unexpected-file", rel, 0, 0, message))
                continue
            found[rel] = kind
    for stem in TOP_FILES:
        if not any(kind_of(rel) == stem and "/" not in rel for rel in found):
            message = f"the data folder has no {stem}.yaml"
            problems.append(problem("missing-file", f"{stem}.yaml", 0, 0, message))
    return found, problems


# --- references between files -------------------------------------------------------------
# Record lists in the order they are checked (each refers only to lists before it), with
# what one record is called; lists with one name share their ids.
NOUNS = {
    "sources": "source",
    "indicators": "indicator",
    "regions": "region",
    "regions_1997": "region",
    "cities": "city",
    "parks": "park",
    "observations": None,
    "milestones": "milestone",
}
PLACE = "kind:id"  # a geo: country:ma, region:<id>, city:<id> or park:<id>
PLACES = {"country": ("country",), "region": ("regions", "regions_1997")}
PLACES |= {"city": ("cities",), "park": ("parks",)}
# (record list, field) -> the lists whose ids the field's value (or each of its values) names
REFERENCES = {
    ("regions_1997", "successors"): ("regions",),
    ("cities", "region"): ("regions",),
    ("cities", "region_1997"): ("regions_1997",),
    ("parks", "city"): ("cities",),
    ("observations", "indicator"): ("indicators",),
    ("observations", "geo"): PLACE,
    ("milestones", "geo"): PLACE,
    ("milestones", "route"): ("cities",),
}


def _value_in_range(item: Located, ids) -> Problem | None:
    obs = item.record
    indicator = ids["indicators"][obs.indicator].record
    low, high = indicator.allowed_range()
    if low <= obs.value <= high:
        return None
    at = item.at("value")
    message = f"value {obs.value} is outside what {indicator.unit} allow for {obs.indicator!r}"
    if obs.value < 0 <= low:
        message += ": a count is never negative"
        return problem("negative-value", *at, message, indicator=obs.indicator)
    return problem("out-of-range", *at, message, allowed=f"from {low:g} to {high:g}")


def _number_in_quote(item: Located, ids) -> Problem | None:
    """The value must be readable in its quote, unless a derivation says how it was
    computed (quotecheck knows separators, multipliers, word numbers, Arabic digits)."""
    obs = item.record
    if obs.derivation or quotecheck.readable(obs.value, obs.quote):
        return None
    message = f"the value {obs.value:g} cannot be read in the quote"
    return problem("number-not-in-quote", *item.at("quote"), message)


# record list -> checks of one record that need other files' records (run once its
# references hold); each returns a Problem or None.
CHECKS = {"observations": (_value_in_range, _number_in_quote)}


@dataclass
class Records:
    """Every valid record, cross-checked, ready for the Dataset."""

    sources: dict[str, Located] = field(default_factory=dict)
    indicators: dict[str, Located] = field(default_factory=dict)
    geography: Geography = field(default_factory=Geography)
    observations: list[tuple[Located, str]] = field(default_factory=list)  # (obs, source)
    milestones: list[tuple[Located, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _geography(ids) -> Geography:
    lists = ("regions", "regions_1997", "cities", "parks")
    return Geography(**{k: {i: item.record for i, item in ids.get(k, {}).items()} for k in lists})


def _suggestion(kind: str, ident: str, lists, ids, place: bool) -> str:
    if kind not in PLACES:
        return _did_you_mean(ident, [i for key in lists for i in ids[key]])
    geography = _geography(ids)
    found = geography.match(kind, ident) or geography.suggest(kind, ident)
    if found:
        return f"did you mean '{kind}:{found}'?" if place else f"did you mean {found!r}?"
    if kind == "country":
        return "the data covers Morocco only: write country:ma"
    return f"add it to geography.yaml, or use one of the {kind} ids there"


def _reference(item: Located, name: str, target, ids, unusable) -> Problem | None:
    """The problem of the first value of field ``name`` that names no usable record."""
    value = getattr(item.record, name)
    for ident in value if isinstance(value, list) else [] if value is None else [value]:
        if target == PLACE:
            kind, _, ident = ident.partition(":")
            lists = PLACES[kind]
        else:
            kind, lists = NOUNS[target[0]], target
        if any(ident in ids[key] for key in lists):
            continue
        broken = next((unusable[k][ident] for k in lists if ident in unusable.get(k, {})), None)
        if broken:
            message = f"{name}: the {kind} {ident!r} did not load: its own problem is at {broken}"
            return problem("broken-reference", *item.at(name), message)
        message = f"{name}: no {kind} has the id {ident!r}"
        suggestion = _suggestion(kind, ident, lists, ids, target == PLACE)
        return problem(f"unknown-{kind}", *item.at(name), message, suggestion=suggestion)
    return None


def _source_of(result: FileResult, ids, unusable, problems) -> str | None:
    """The source of an observations or milestones file, if it is usable."""
    source, at = result.source, (result.file, result.source_line, 1)
    if source is None:
        return None  # the file's own problem says why
    hidden = f"this file's {result.kind} ({len(result.records.get(result.kind, []))}) are not shown"
    if source in unusable.get("sources", {}):
        where = unusable["sources"][source]
        message = f"the source {source!r} did not load (its own problem is at {where}): {hidden}"
        problems.append(problem("source-not-loaded", *at, message))
        return None
    if source not in ids["sources"]:
        message = f"no source has the id {source!r}: {hidden}"
        suggestion = _did_you_mean(source, ids["sources"])
        problems.append(problem("unknown-source", *at, message, suggestion=suggestion))
        return None
    if Path(result.file).stem != source:
        message = f"the file is named {Path(result.file).stem!r} but its source is {source!r}"
        problems.append(problem("source-file-mismatch", *at, message, source=source))
    return source


def _duplicate(item: Located, noun: str, ids) -> Problem | None:
    ident = item.record.id
    first = next((ids[k][ident] for k, n in NOUNS.items() if n == noun and ident in ids[k]), None)
    if first is None:
        return None
    where = f"line {first.line}" if first.file == item.file else f"{first.file}:{first.line}"
    message = f"the {noun} id {ident!r} is already used at {where}"
    return problem("duplicate-id", item.file, item.line, item.column, message)


def _fault(key: str, item: Located, ids, unusable) -> Problem | None:
    """The first reason not to keep a record: its id is taken, a reference of it does not
    hold, or a check of it fails."""
    if NOUNS[key] and (taken := _duplicate(item, NOUNS[key], ids)):
        return taken
    for (owner, name), target in REFERENCES.items():
        if owner == key and (broken := _reference(item, name, target, ids, unusable)):
            return broken
    return next(filter(None, (check(item, ids) for check in CHECKS.get(key, ()))), None)


def _candidates(key: str, results, ids, unusable, problems):
    """(record, source) of every record of list ``key``; a file whose source is not usable
    holds its records back (its one problem says so)."""
    for result in results:
        if key not in FOLDERS:
            yield from ((item, None) for item in result.records.get(key, []))
        elif result.kind == key and (source := _source_of(result, ids, unusable, problems)):
            yield from ((item, source) for item in result.records.get(key, []))


def assemble(results: list[FileResult], folder_problems=()) -> Records:
    """Cross-check the files' records and keep those whose references hold. A record
    dropped here makes its id unusable, like one that failed validation: what refers to
    it gets a broken-reference problem that says where its own problem is."""
    problems = [p for result in results for p in result.problems]
    unusable: dict[str, dict[str, str]] = {}  # list -> {id: "file:line" of its problem}
    for result in results:
        for key, broken in result.broken_ids.items():
            unusable.setdefault(key, {}).update(broken)
    # list -> {id: Located} and [(Located, source)] of the records kept so far
    ids: dict[str, dict] = {"country": {"ma": None}, **{key: {} for key in NOUNS}}
    kept: dict[str, list[tuple[Located, str | None]]] = {key: [] for key in NOUNS}
    for key in NOUNS:
        for item, source in _candidates(key, results, ids, unusable, problems):
            found = _fault(key, item, ids, unusable)
            if found is None:
                kept[key].append((item, source))
                if NOUNS[key]:
                    ids[key][item.record.id] = item
                continue
            problems.append(found)
            if NOUNS[key] and found.code != "duplicate-id":
                unusable.setdefault(key, {})[item.record.id] = f"{found.file}:{found.line}"
    problems.sort(key=lambda p: (p.file, p.line, p.column, p.code))
    return Records(
        sources=ids["sources"],
        indicators=ids["indicators"],
        geography=_geography(ids),
        observations=kept["observations"],
        milestones=kept["milestones"],
        problems=[*folder_problems, *problems],  # the folder's own problems come first
        counts={key: len(kept[key]) for key in NOUNS},
    )


def load_folder(root, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Records:
    """Read, validate and cross-check a whole data folder."""
    root = Path(root)
    files, folder_problems = scan(root)
    return assemble(
        [load_file(root, rel, kind, max_bytes) for rel, kind in files.items()], folder_problems
    )
