"""A per-file compiled cache: each data file's validated records and problems, kept as JSON
after the first parse, so that an unchanged file is never parsed as YAML again.

``cached_loader(cache_dir)`` returns a loader with ``loading.load_file``'s signature for
``Store(loader=...)`` and ``load_folder(loader=...)``. Entries are named after the file's
kind, relative path and the SHA-256 of its bytes, and one is used only when its header
matches what is on disk now (cache format, package version, a fingerprint of the code
that turns YAML into records: ``model.py``, ``loading.py``, ``yamlread.py``,
``problems.py``; the file's relative path, kind, size and SHA-256) and its payload matches
the SHA-256 the header gives for it. The file is always read and hashed: reading and
hashing the 48 MB of the 100,000-observation benchmark takes about 0.1 s here (see
benchmarks/RESULTS.md), while trusting size and modification time alone would miss an edit
that keeps both (a save within the clock's tick, ``cp -p``); ``mtime_ns`` is stored for
information only. An edited file gets a new entry; old ones stay until ``.cache/`` is
emptied (``make clean``), a few kilobytes per version of a file.

The cache is an optimisation, never a source of truth:
- a missing, corrupt, truncated, stale or foreign entry is a miss: the file is parsed and
  a new entry written; reading an entry never raises;
- records are rebuilt by validating the cached plain values with the same pydantic models
  (not ``model_construct``: measured no faster here, and it would trust the entry), so a
  cached record is exactly as checked as a parsed one;
- JSON only (no pickle): an entry can hold nothing but text, numbers and lists;
- entries are written atomically (a temporary file, then ``os.replace``);
- a cache folder that cannot be created or written silently stops the writing, and
  nothing is ever written inside the data folder (a cache folder inside it is not used).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import tempfile
import typing
from pathlib import Path

from . import __version__, yamlread
from .config import PROJECT_ROOT
from .loading import FILE_KINDS, FileResult, Located, decode, load_file, load_text
from .model import QUALIFIERS, Period, parse_milestone_date, parse_period
from .problems import Problem

CACHE_DIR_VARIABLE = "INDICATORS_CACHE_DIR"
DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache" / "indicators"
FORMAT_VERSION = 2
# The code whose output an entry holds: a change to any of these invalidates every entry.
FINGERPRINTED = ("model.py", "loading.py", "yamlread.py", "problems.py", "quotecheck.py")
_PERIOD_MEMO_LIMIT = 100_000


def default_cache_dir(environ=None) -> Path:
    """``INDICATORS_CACHE_DIR``, or ``<project>/.cache/indicators`` (ignored by git)."""
    environ = os.environ if environ is None else environ
    folder = environ.get(CACHE_DIR_VARIABLE)
    return Path(folder) if folder else DEFAULT_CACHE_DIR


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str | None:
    """SHA-256 over the cache format, the package version and the loading code; None when
    that code cannot be read (then nothing is cached rather than risk stale entries)."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}\0{__version__}\0".encode())
    package = Path(__file__).resolve().parent
    try:
        for name in FINGERPRINTED:
            digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def _mentions_period(annotation) -> bool:
    return annotation is Period or any(_mentions_period(a) for a in typing.get_args(annotation))


@functools.cache
def _period_fields(model) -> frozenset[str]:
    """Fields of a model that may hold a Period. Their text is turned back into a Period
    once per distinct text (a memo) before validation, which passes a Period through:
    an optimisation only, validation would parse the text the same way."""
    return frozenset(
        name for name, info in model.model_fields.items() if _mentions_period(info.annotation)
    )


class CachedLoader:
    """``load_file`` with a per-file cache in ``cache_dir``; a callable with its signature.

    ``parsed``, ``hits`` and ``rejected`` count files parsed from YAML, files rebuilt
    from the cache, and entries found but not trusted (for tests and the benchmark).
    """

    def __init__(self, cache_dir=None):
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.fingerprint = code_fingerprint()
        self.enabled = self.fingerprint is not None
        self.writable = True  # turned off at the first failed write
        self.parsed = 0
        self.hits = 0
        self.rejected = 0
        self._periods: dict[str, Period] = {}
        self._places: dict[Path, Path | bool] = {}  # data folder -> cache folder, or False

    # --- the loader ---------------------------------------------------------------------
    def __call__(self, root, relpath: str, kind: str, max_bytes: int) -> FileResult:
        with _gc_paused():
            return self._load(Path(root), relpath, kind, max_bytes)

    def _load(self, root: Path, relpath: str, kind: str, max_bytes: int) -> FileResult:
        path = root / relpath
        try:
            stat = path.stat()
            if stat.st_size > max_bytes:
                return load_file(root, relpath, kind, max_bytes)  # its "too large" problem
            data = path.read_bytes()
        except OSError:
            return load_file(root, relpath, kind, max_bytes)  # its "unreadable" problem
        digest = hashlib.sha256(data).hexdigest()
        entry = self._entry_path(root, relpath, kind, digest)
        header = {
            "format": FORMAT_VERSION,
            "package": __version__,
            "code": self.fingerprint,
            "file": relpath,
            "kind": kind,
            "size": len(data),
            "sha256": digest,
        }
        if entry is not None:
            cached = self._read(entry, header)
            if cached is not None:
                self.hits += 1
                return cached
        result = _parse(data, relpath, kind)
        self.parsed += 1
        if entry is not None and self.writable:
            self._write(entry, {**header, "mtime_ns": stat.st_mtime_ns}, result)
        return result

    # --- where entries go ---------------------------------------------------------------
    def _entry_path(self, root: Path, relpath: str, kind: str, digest: str) -> Path | None:
        """Entries are named by content: the same bytes at the same place give the same
        entry whatever the data folder (a copy of it, a test's temporary folder), and an
        edit gives a new entry rather than a rewrite."""
        if not self.enabled:
            return None
        cache = self._places.get(root)
        if cache is None:
            try:
                real_root, cache = root.resolve(), self.cache_dir.resolve()
            except OSError:
                return None
            if cache == real_root or cache.is_relative_to(real_root):
                cache = False  # a cache folder inside the data folder is never used
            self._places[root] = cache
        if cache is False:
            return None
        name = hashlib.sha256(f"{kind}\0{relpath}\0{digest}".encode()).hexdigest()[:40]
        return cache / f"{name}.jsonl"

    # --- reading ------------------------------------------------------------------------
    def _read(self, entry: Path, expected: dict) -> FileResult | None:
        try:
            raw = entry.read_bytes()
        except OSError:
            return None  # no entry yet (or unreadable): a plain miss
        try:
            head, _, payload = raw.partition(b"\n")
            header = json.loads(head)
            if any(header.get(key) != value for key, value in expected.items()):
                raise ValueError("stale entry")
            if header.get("payload_sha256") != hashlib.sha256(payload).hexdigest():
                raise ValueError("corrupt entry")
            return self._rebuild(json.loads(payload), expected["file"], expected["kind"])
        except Exception:  # anything at all wrong with an entry means: parse the file
            self.rejected += 1
            return None

    def _period(self, text):
        period = self._periods.get(text)
        if period is None:
            # raises on a bad text: the entry is then rejected; a milestone date may end
            # with its ~ ? % marker
            period = parse_milestone_date(text) if text[-1:] in QUALIFIERS else parse_period(text)
            if len(self._periods) >= _PERIOD_MEMO_LIMIT:
                self._periods.clear()
            self._periods[text] = period
        return period

    def _rebuild(self, payload: dict, relpath: str, kind: str) -> FileResult:
        result = FileResult(file=relpath, kind=kind)
        models = FILE_KINDS[kind]
        for key, items in payload["records"].items():
            model = models[key]
            periods = _period_fields(model)
            records = result.records.setdefault(key, [])
            for line, column, values, quote_line in items:
                for name in periods:
                    text = values.get(name)
                    if text is not None:
                        values[name] = self._period(text)
                record = model.model_validate(values)
                records.append(Located(record, relpath, int(line), int(column), int(quote_line)))
        result.problems = [_problem(*row) for row in payload["problems"]]
        source = payload["source"]
        if source is not None and not isinstance(source, str):
            raise ValueError("bad source")
        result.source = source
        result.source_line = int(payload["source_line"])
        result.broken_ids = {key: set(ids) for key, ids in payload["broken_ids"].items()}
        return result

    # --- writing ------------------------------------------------------------------------
    def _write(self, entry: Path, header: dict, result: FileResult) -> None:
        try:
            payload = json.dumps(_plain(result), ensure_ascii=False, separators=(",", ":"))
            body = payload.encode("utf-8")
        except (TypeError, ValueError, UnicodeError):
            return  # a value JSON cannot hold exactly (e.g. a date as a key): not cached
        header = {**header, "payload_sha256": hashlib.sha256(body).hexdigest()}
        try:
            try:
                handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            except FileNotFoundError:  # first write, or the folder was emptied meanwhile
                entry.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(json.dumps(header).encode("ascii") + b"\n" + body)
                os.replace(temporary, entry)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            self.writable = False  # a read-only or full disk: go on without writing


@contextlib.contextmanager
def _gc_paused():
    """The cyclic garbage collector paused while one file is read.

    Reading a file makes a crowd of short-lived objects (YAML nodes, plain values, JSON
    values) that reference counting frees anyway; left on, the collector scans them again
    and again as they pile up, about a third of the cold time here (see
    benchmarks/RESULTS.md). Only one file's worth is paused, and the collector is turned
    back on only if it was on (so threads pausing at once never leave it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _problem(file, line, column, code, message, hint, severity, path) -> Problem:
    return Problem(
        str(file), int(line), int(column), str(code), str(message), str(hint), str(severity),
        tuple(path),
    )  # fmt: skip


def cached_loader(cache_dir=None) -> CachedLoader:
    """A loader with ``load_file``'s signature that keeps each file's validated records in
    ``cache_dir`` (default: ``INDICATORS_CACHE_DIR`` or ``<project>/.cache/indicators``)."""
    return CachedLoader(cache_dir)


def _parse(data: bytes, relpath: str, kind: str) -> FileResult:
    """What ``load_file`` does once the bytes are read."""
    try:
        text = decode(data, relpath)
    except yamlread.YamlProblem as problem:
        return FileResult(relpath, kind, problems=[problem.problem])
    return load_text(text, relpath, kind)


def _plain(result: FileResult) -> dict:
    """A FileResult as JSON-ready values; raises TypeError on anything JSON cannot hold."""
    records = {}
    for key, items in result.records.items():
        rows = []
        for item in items:
            record = item.record
            values = record.model_dump(exclude_unset=True)
            for name in values:
                period = getattr(record, name)
                if isinstance(period, Period):
                    values[name] = period.text  # the text validation parses back
            rows.append([item.line, item.column, values, item.quote_line])
        records[key] = rows
    for problem in result.problems:
        for step in problem.path:
            if step is not None and not isinstance(step, (str, int, float)):
                raise TypeError("a path step JSON would not give back as it is")
    return {
        "records": records,
        "problems": [
            [p.file, p.line, p.column, p.code, p.message, p.hint, p.severity, list(p.path)]
            for p in result.problems
        ],
        "source": result.source,
        "source_line": result.source_line,
        "broken_ids": {key: sorted(ids, key=str) for key, ids in result.broken_ids.items()},
    }
