"""YAML files -> validated records with their lines -> one Dataset and its Problems.

Each file is read and validated on its own (``load_file``), so that one broken file or
record never hides the others; references between files are checked once all are read
(``assemble``). Problems are collected, never raised.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import quotecheck, yamlread
from .geography import Geography, census_regions
from .model import City, Indicator, Milestone, Observation, Park, Region, Region1997, Source
from .problems import Problem

DEFAULT_MAX_FILE_BYTES = 5_000_000
YAML_SUFFIXES = (".yaml", ".yml")
# Files of the data folder that are not data and are fine to find there.
IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".DS_Store"}
IGNORED_DIRS = {"geo"}

# kind -> {top-level key: (model, required?)}
FILE_KINDS = {
    "sources": {"sources": Source},
    "indicators": {"indicators": Indicator},
    "geography": {
        "regions": Region,
        "regions_1997": Region1997,
        "cities": City,
        "parks": Park,
    },
    "observations": {"observations": Observation},
    "milestones": {"milestones": Milestone},
}
REQUIRED_KEYS = {
    "sources": ("sources",),
    "indicators": ("indicators",),
    "geography": ("regions", "cities"),
    "observations": ("source", "observations"),
    "milestones": ("source", "milestones"),
}
TOP_FILES = {"sources": "sources", "indicators": "indicators", "geography": "geography"}
FOLDERS = {"observations": "observations", "milestones": "milestones"}


@dataclass
class Located:
    """A validated record and where it stands."""

    record: object
    file: str
    line: int
    column: int
    quote_line: int = 0  # the line of its quote: field, when it has one (0: unknown)


@dataclass
class FileResult:
    """What one file yielded: its records by key, its own problems, its source id."""

    file: str
    kind: str
    records: dict[str, list[Located]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None
    source_line: int = 1
    broken_ids: dict[str, set] = field(default_factory=dict)  # key -> ids of invalid records

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
        return TOP_FILES.get(stem)
    if len(parts) == 2:
        return FOLDERS.get(parts[0])
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
        raise yamlread.YamlProblem(
            Problem(
                file,
                line,
                column,
                "not-utf8",
                f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})",
                "save the file as UTF-8 (in most editors: Save with encoding > UTF-8)",
            )
        ) from None
    if "\x00" in text:
        raise yamlread.YamlProblem(
            Problem(
                file,
                1,
                1,
                "not-utf8",
                "the file holds NUL bytes: not a text file",
                "save the file as UTF-8 text",
            )
        )
    return text


def load_text(text: str, file: str, kind: str) -> FileResult:
    """Validate one file's text as records of ``kind``."""
    result = FileResult(file=file, kind=kind)
    try:
        document = yamlread.parse(text, file)
    except yamlread.YamlProblem as problem:
        result.problems.append(problem.problem)
        return result
    result.problems.extend(document.problems)
    value = document.value
    if not isinstance(value, dict):
        result.problems.append(
            Problem(
                file,
                1,
                1,
                "not-a-mapping",
                f"the file must be a YAML mapping with {', '.join(REQUIRED_KEYS[kind])}, "
                f"not a {type(value).__name__}",
                f"start the file with '{REQUIRED_KEYS[kind][-1]}:' (see docs/data-format.md)",
            )
        )
        return result
    models = FILE_KINDS[kind]
    allowed = set(models) | ({"source"} if kind in FOLDERS else set())
    for key in value:
        if key not in allowed:
            line, column = document.locate_key((key,))
            result.problems.append(
                Problem(
                    file,
                    line,
                    column,
                    "unknown-field",
                    f"unknown top-level key {key!r}",
                    _did_you_mean(key, allowed),
                    path=(key,),
                )
            )
    for key in REQUIRED_KEYS[kind]:
        if key not in value:
            result.problems.append(
                Problem(
                    file,
                    1,
                    1,
                    "missing-field",
                    f"the file has no {key!r}",
                    f"add '{key}:' at the top level (see docs/data-format.md)",
                    path=(key,),
                )
            )
    if kind in FOLDERS and "source" in value:
        source = value["source"]
        line, column = document.locate(("source",))
        if isinstance(source, str) and source.strip():
            result.source, result.source_line = source.strip(), line
        else:
            result.problems.append(
                Problem(
                    file,
                    line,
                    column,
                    "wrong-type",
                    f"source must be a source id, not {source!r}",
                    "write the id of an entry of sources.yaml",
                    path=("source",),
                )
            )
    for key, model in models.items():
        items = value.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            line, column = document.locate((key,))
            result.problems.append(
                Problem(
                    file,
                    line,
                    column,
                    "wrong-type",
                    f"{key!r} must be a list of records (lines starting with '- ')",
                    f"write each record under '{key}:' as '  - field: value'",
                    path=(key,),
                )
            )
            continue
        records = result.records.setdefault(key, [])
        for index, item in enumerate(items):
            path = (key, index)
            line, column = document.locate(path)
            if not isinstance(item, dict):
                result.problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        "wrong-type",
                        f"record {index + 1} of {key!r} is not a mapping of fields",
                        "write the record as 'field: value' lines",
                        path=path,
                    )
                )
                continue
            try:
                records.append(Located(model.model_validate(item), file, line, column))
                if "quote" in item:
                    records[-1].quote_line = document.locate((*path, "quote"))[0]
            except ValidationError as error:
                result.problems.extend(_problems_of(error, item, model, document, path))
                if isinstance(item.get("id"), str):
                    result.broken_ids.setdefault(key, set()).add(item["id"])
    return result


def load_file(root: Path, relpath: str, kind: str, max_bytes: int) -> FileResult:
    path = root / relpath
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return FileResult(
                relpath,
                kind,
                problems=[
                    Problem(
                        relpath,
                        0,
                        0,
                        "file-too-large",
                        f"the file is {size:,} bytes, over the limit of {max_bytes:,}",
                        "split it into several files, or raise data.max_file_bytes in config.yaml",
                    )
                ],
            )
        data = path.read_bytes()
    except OSError as error:
        return FileResult(
            relpath,
            kind,
            problems=[
                Problem(
                    relpath,
                    0,
                    0,
                    "unreadable-file",
                    f"the file cannot be read: {error.strerror}",
                    "check the file's permissions",
                )
            ],
        )
    try:
        text = decode(data, relpath)
    except yamlread.YamlProblem as problem:
        return FileResult(relpath, kind, problems=[problem.problem])
    return load_text(text, relpath, kind)


# --- pydantic errors -> problems -------------------------------------------------------
_TYPE_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "literal_error": "invalid-value",
    "string_pattern_mismatch": "invalid-id",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "too_short": "missing-field",
}


def _did_you_mean(name, choices) -> str:
    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "allowed: " + ", ".join(sorted(str(c) for c in choices))


def _trim_loc(loc, item):
    """Keep the part of a pydantic ``loc`` that names real places in the data (union
    branches such as 'int' or 'function-after[...]' are not places)."""
    out, node = [], item
    for step in loc:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        ):
            out.append(step)
            node = node[step]
        else:
            return tuple(out), step
    return tuple(out), None


def _model_at(model, loc):
    for step in loc:
        annotation = model.model_fields.get(step) if isinstance(step, str) else None
        if annotation is None:
            return None
        candidate = annotation.annotation
        if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
            model = candidate
        else:
            return None
    return model


def _problems_of(error: ValidationError, item, model, document, path) -> list[Problem]:
    problems, seen = [], set()
    for err in error.errors(include_url=False):
        kind = err["type"]
        loc, missing_step = _trim_loc(err["loc"], item)
        if kind == "missing":
            key = (loc, missing_step)
        elif kind == "extra_forbidden":
            key = (loc, None)
        else:
            key = (loc[:1] if loc else loc, None)
        if key in seen:
            continue
        seen.add(key)
        code = _TYPE_CODES.get(kind, kind if "-" in kind else "wrong-type")
        hint = (err.get("ctx") or {}).get("hint", "")
        full = path + loc
        if kind == "extra_forbidden":
            line, column = document.locate_key(full)
            parent = _model_at(model, loc[:-1])
            fields = list(parent.model_fields) if parent else []
            message = f"unknown field {loc[-1]!r}"
            hint = _did_you_mean(loc[-1], fields) if fields else "remove it"
        elif kind == "missing":
            line, column = document.locate(full)
            name = missing_step if missing_step is not None else ".".join(map(str, loc))
            message = f"the record has no {name!r}, which is required"
            hint = f"add '{name}:' to the record (see docs/data-format.md)"
        else:
            line, column = document.locate(full)
            where = ".".join(str(s) for s in loc) or "record"
            value = err.get("input")
            if code == "invalid-value":
                expected = (err.get("ctx") or {}).get("expected", "")
                choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
                message = f"{where}: {value!r} is not one of {expected}"
                hint = _did_you_mean(value, [c for c in choices if c])
            elif code == "invalid-id":
                message = f"{where}: {value!r} is not a valid id"
                hint = "use lower-case letters, digits, '-' and '_' only, e.g. leseco-2011-01-18"
            elif code == "out-of-range":
                message = f"{where}: {value!r} is out of range ({err['msg'].lower()})"
                hint = hint or "check the number"
            elif code == "wrong-type":
                message = f"{where}: {value!r} has the wrong type ({err['msg']})"
                hint = hint or _type_hint(kind)
            else:
                message = f"{where}: {err['msg']}"
        problems.append(Problem(document.file, line, column, code, message, hint, path=full))
    return problems


def _type_hint(kind: str) -> str:
    if kind.startswith(("int", "float")):
        return "write a plain number, without quotes"
    if kind.startswith("bool"):
        return "write true or false"
    if kind.startswith("string"):
        return "write text (in quotes if it holds ':' or '#')"
    if kind.startswith(("dict", "model")):
        return "write a mapping, e.g. {fr: ..., en: ...}"
    if kind.startswith("list"):
        return "write a list, e.g. [a, b]"
    return "see docs/data-format.md"


# --- the data folder --------------------------------------------------------------------
def scan(root: Path) -> tuple[dict[str, str], list[Problem]]:
    """The data files of a folder (relative path -> kind) and the problems of the folder
    itself: files that are not data, links that lead outside it, missing files."""
    root = Path(root)
    found: dict[str, str] = {}
    problems: list[Problem] = []
    if not root.is_dir():
        return found, [
            Problem(
                str(root),
                0,
                0,
                "missing-folder",
                f"the data folder {str(root)!r} does not exist",
                "give an existing folder, or set INDICATORS_DATA_DIR",
            )
        ]
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
                    problems.append(
                        Problem(
                            rel,
                            0,
                            0,
                            "symlink-outside",
                            "the file is a link to a place outside the data folder: not read",
                            "copy the file into the data folder instead of linking to it",
                            severity="warning",
                        )
                    )
                    continue
            kind = kind_of(rel)
            if kind is None:
                if name.endswith(YAML_SUFFIXES):
                    hint = (
                        "observation and milestone files go in data/observations/ or "
                        "data/milestones/; top-level files are sources.yaml, "
                        "indicators.yaml and geography.yaml"
                    )
                    message = "a YAML file in a place the loader does not read"
                else:
                    hint = "data files end in .yaml; move other files out of the data folder"
                    message = "not a data file: ignored"
                problems.append(
                    Problem(rel, 0, 0, "unexpected-file", message, hint, severity="warning")
                )
                continue
            found[rel] = kind
    for stem in TOP_FILES:
        if not any(kind_of(rel) == stem and "/" not in rel for rel in found):
            problems.append(
                Problem(
                    f"{stem}.yaml",
                    0,
                    0,
                    "missing-file",
                    f"the data folder has no {stem}.yaml",
                    "restore it (see docs/data-format.md)",
                )
            )
    return found, problems


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


def _unique(items: list[Located], what: str, problems: list[Problem]) -> dict[str, Located]:
    out: dict[str, Located] = {}
    for item in items:
        ident = item.record.id
        if ident in out:
            first = out[ident]
            where = (
                f"line {first.line}" if first.file == item.file else f"{first.file}:{first.line}"
            )
            problems.append(
                Problem(
                    item.file,
                    item.line,
                    item.column,
                    "duplicate-id",
                    f"the {what} id {ident!r} is already used at {where}",
                    "give this record another id, or remove one of the two",
                )
            )
            continue
        out[ident] = item
    return out


def _reference(item, path_field, kind, value, names, geography=None, broken=frozenset()):
    if value in broken:
        return Problem(
            item.file,
            item.line,
            item.column,
            "broken-reference",
            f"{path_field}: the {kind} {value!r} is not usable: its own record has a problem",
            f"fix the {kind} {value!r} first: its own problem is listed too",
        )
    hint = _did_you_mean(value, names) if names else f"add {value!r} first"
    if geography is not None:
        matched = geography.match(kind, value) or geography.suggest(kind, value)
        hint = (
            f"did you mean '{kind}:{matched}'?"
            if matched
            else f"add it to geography.yaml, or use one of the {kind} ids there"
        )
    return Problem(
        item.file,
        item.line,
        item.column,
        f"unknown-{kind}",
        f"{path_field}: no {kind} has the id {value!r}",
        hint,
    )


def assemble(results: list[FileResult], folder_problems=()) -> Records:
    """Cross-check the files' records and keep those whose references hold."""
    out = Records()
    problems = out.problems
    by_kind: dict[str, list[FileResult]] = {}
    for result in results:
        problems.extend(result.problems)
        by_kind.setdefault(result.kind, []).append(result)

    def gather(kind, key):
        return [item for r in by_kind.get(kind, []) for item in r.records.get(key, [])]

    broken: dict[str, set] = {}
    for result in results:
        for key, ids in result.broken_ids.items():
            broken.setdefault(key, set()).update(ids)
    keys_of = {
        "region": ("regions", "regions_1997"),
        "city": ("cities",),
        "park": ("parks",),
        "indicator": ("indicators",),
        "source": ("sources",),
    }

    def broken_of(kind) -> set:
        return set().union(*(broken.get(key, set()) for key in keys_of.get(kind, ())))

    out.sources = _unique(gather("sources", "sources"), "source", problems)
    out.indicators = _unique(gather("indicators", "indicators"), "indicator", problems)

    # Geography: 2015 regions must be HCP codes the package knows.
    known_codes = {row["code"] for row in census_regions()}
    regions = _unique(gather("geography", "regions"), "region", problems)
    old_regions = _unique(gather("geography", "regions_1997"), "region", problems)
    geo = out.geography
    for rid, item in regions.items():
        if item.record.code not in known_codes:
            problems.append(
                Problem(
                    item.file,
                    item.line,
                    item.column,
                    "unknown-region",
                    f"no region has the HCP code {item.record.code!r}",
                    "HCP codes run from 01 to 12",
                )
            )
        else:
            geo.regions[rid] = item.record
    for rid, item in old_regions.items():
        if rid in geo.regions:
            problems.append(
                Problem(
                    item.file,
                    item.line,
                    item.column,
                    "duplicate-id",
                    f"the 1997 region id {rid!r} is also a 2015 region id",
                    f"name it differently, e.g. {rid}-1997",
                )
            )
            continue
        bad = [s for s in item.record.successors if s not in geo.regions]
        if bad:
            problems.append(
                _reference(
                    item,
                    "successors",
                    "region",
                    bad[0],
                    list(geo.regions),
                    broken=broken_of("region"),
                )
            )
            continue
        geo.regions_1997[rid] = item.record
    for cid, item in _unique(gather("geography", "cities"), "city", problems).items():
        city = item.record
        if city.region not in geo.regions:
            problems.append(
                _reference(
                    item,
                    "region",
                    "region",
                    city.region,
                    list(geo.regions),
                    broken=broken_of("region"),
                )
            )
            continue
        if city.region_1997 is not None and city.region_1997 not in geo.regions_1997:
            problems.append(
                _reference(
                    item,
                    "region_1997",
                    "region",
                    city.region_1997,
                    list(geo.regions_1997),
                    broken=broken_of("region"),
                )
            )
            continue
        geo.cities[cid] = city
    for pid, item in _unique(gather("geography", "parks"), "park", problems).items():
        if item.record.city not in geo.cities:
            problems.append(
                _reference(
                    item,
                    "city",
                    "city",
                    item.record.city,
                    list(geo.cities),
                    broken=broken_of("city"),
                )
            )
            continue
        geo.parks[pid] = item.record

    def source_of(result: FileResult) -> str | None:
        if result.source is None:
            return None
        if result.source not in out.sources:
            problems.append(
                Problem(
                    result.file,
                    result.source_line,
                    1,
                    "unknown-source",
                    f"no source has the id {result.source!r}",
                    _did_you_mean(result.source, list(out.sources))
                    + " (sources are listed in sources.yaml)",
                )
            )
            return None
        stem = Path(result.file).stem
        if stem != result.source:
            problems.append(
                Problem(
                    result.file,
                    result.source_line,
                    1,
                    "source-file-mismatch",
                    f"the file is named {stem!r} but its source is {result.source!r}",
                    f"rename the file to {result.source}.yaml",
                    severity="warning",
                )
            )
        return result.source

    def check_geo(item, field_name, value) -> bool:
        if geo.has(value):
            return True
        kind, _, ident = value.partition(":")
        names = list(geo.names(kind))
        problems.append(_reference(item, field_name, kind, ident, names, geo, broken_of(kind)))
        return False

    for result in by_kind.get("observations", []):
        source = source_of(result)
        if source is None:
            continue
        for item in result.records.get("observations", []):
            obs = item.record
            indicator = out.indicators.get(obs.indicator)
            if indicator is None:
                problems.append(
                    _reference(
                        item,
                        "indicator",
                        "indicator",
                        obs.indicator,
                        list(out.indicators),
                        broken=broken_of("indicator"),
                    )
                )
                continue
            if not check_geo(item, "geo", obs.geo):
                continue
            low, high = indicator.record.allowed_range()
            if not low <= obs.value <= high:
                code = "negative-value" if obs.value < 0 <= low else "out-of-range"
                problems.append(
                    Problem(
                        item.file,
                        item.line,
                        item.column,
                        code,
                        f"value {obs.value} is outside what {indicator.record.unit} allow "
                        f"({low:g} to {high:g}) for {obs.indicator!r}",
                        "check the number; a count is never negative and a share is 0 to 100"
                        " (an indicator may declare its own range)",
                    )
                )
                continue
            language = out.sources[source].record.language
            if not (obs.derivation or quotecheck.readable(obs.value, obs.quote, language)):
                problems.append(
                    Problem(
                        item.file,
                        item.quote_line or item.line,
                        item.column,
                        "number-not-in-quote",
                        f"the value {obs.value:g} cannot be read in the quote",
                        "fix the value, quote the whole sentence that carries the number, or "
                        "say how the value was computed in 'derivation:'",
                    )
                )
                continue
            out.observations.append((item, source))

    milestone_items: list[tuple[Located, str]] = []
    for result in by_kind.get("milestones", []):
        source = source_of(result)
        if source is None:
            continue
        milestone_items.extend((item, source) for item in result.records.get("milestones", []))
    unique_ids = _unique([item for item, _ in milestone_items], "milestone", problems)
    kept = {id(item) for item in unique_ids.values()}
    for item, source in milestone_items:
        if id(item) not in kept or not check_geo(item, "geo", item.record.geo):
            continue
        bad = [c for c in item.record.route or [] if c not in geo.cities]
        if bad:
            problems.append(
                _reference(item, "route", "city", bad[0], list(geo.cities), geo, broken_of("city"))
            )
            continue
        out.milestones.append((item, source))

    out.counts = {
        "sources": len(out.sources),
        "indicators": len(out.indicators),
        "regions": len(geo.regions),
        "regions_1997": len(geo.regions_1997),
        "cities": len(geo.cities),
        "parks": len(geo.parks),
        "observations": len(out.observations),
        "milestones": len(out.milestones),
    }
    problems.sort(key=lambda p: (p.file, p.line, p.column, p.code))
    problems[:0] = folder_problems  # the folder's own problems come first
    return out


def load_folder(root, max_bytes: int = DEFAULT_MAX_FILE_BYTES, loader=load_file) -> Records:
    """Read, validate and cross-check a whole data folder. ``loader`` reads one file
    (``load_file``'s signature), e.g. ``indicators.cache.cached_loader()``."""
    root = Path(root)
    files, folder_problems = scan(root)
    results = [loader(root, rel, kind, max_bytes) for rel, kind in files.items()]
    records = assemble(results, folder_problems)
    return records
