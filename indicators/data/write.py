"""Adding a record without an editor: draft it, check it with the loader's own rules, and
append it to its file without losing anyone's work.

``draft_observation`` turns what a form holds into the YAML to paste and the problems the
loader would report for it: the record is written into a one-record file and read back
with ``load_text`` + ``assemble`` against the dataset's sources, indicators and places, so
the form and ``python -m indicators validate`` can never disagree.

``append_record`` writes a record into ``data/observations/<source-id>.yaml`` (or
milestones, or sources.yaml): the file is round-tripped with ruamel.yaml so its comments,
quotes and layout stay as they are, replaced atomically (temporary file in the same folder,
then ``os.replace``), and refused when it changed since the form read it. Writing is off
unless ``curation.write: true`` in config.yaml and the server listens on localhost only;
the caller says so with ``allowed``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import ipaddress
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from indicators.data.geography import normalize
from indicators.data.loading import FOLDERS, FileResult, Located, assemble, load_text
from indicators.data.model import SLUG, Milestone, Observation, Source
from indicators.data.problems import Problem
from indicators.data.schema import schema_comment
from indicators.data.templates import entry, parse_number

MODELS = {"observations": Observation, "milestones": Milestone, "sources": Source}
LOCAL_NAMES = {"localhost"}
NEW_SOURCE_FILE = "sources.yaml"
# One write at a time in this process: two tabs of the same server never interleave their
# check-then-replace. An editor saving meanwhile is caught by the signature check, which is
# made again just before the rename.
_WRITE_LOCK = threading.Lock()


class CurationError(Exception):
    """A record could not be written; the message says why and what to do."""


class WritingDisabled(CurationError):
    pass


class FileChanged(CurationError):
    """The file changed between the moment the form read it and the write."""


class RecordRejected(CurationError):
    pass


# --- when writing is allowed ------------------------------------------------------------
def is_local_address(address) -> bool:
    """True when a server bound to ``address`` is reachable from this machine only. An
    empty address means every interface (Streamlit's default), so it is not local."""
    if not isinstance(address, str) or not address.strip():
        return False
    text = address.strip().strip("[]")
    if text.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


# Headers a reverse proxy adds (deploy/nginx.conf.template sets X-Forwarded-For): a
# request that carries one came from elsewhere, even to a server bound to loopback.
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


def writing_allowed(config_write: bool, server_address, headers=None) -> bool:
    """The form may write to disk: allowed in config.yaml, the server reachable from this
    machine only, and the request not relayed by a proxy (``headers``: the request's)."""
    relayed = any(name.lower() in PROXY_HEADERS for name in (headers or {}))
    return bool(config_write) and is_local_address(server_address) and not relayed


_ARTICLES = {"le", "la", "les", "l", "el", "al", "the"}
_SMALL_WORDS = _ARTICLES | {"de", "du", "des", "d", "et", "a", "au", "aux", "en", "un", "une"}
_SMALL_WORDS |= {"sur", "pour", "par", "dans", "se", "of", "in", "on", "and", "to", "s", "fait"}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def suggest_source_id(publisher: str, published: str, title: str) -> str:
    """A source id in the house style, publisher-date-subject: "Les ECO", "2011-01-18",
    "Le Souss fait de l'œil aux acteurs..." -> leseco-2011-01-18-souss-oeil-acteurs.
    """
    words = normalize(str(publisher or "").split("(")[0]).split()
    name = "".join(words[:2]) if words[:1] and words[0] in _ARTICLES else "".join(words[:1])
    date = "-".join(re.findall(r"\d+", str(published or "")))
    title = normalize(title or "").translate(_LIGATURES)
    subject = [w for w in title.split() if w not in _SMALL_WORDS][:3]
    text = "-".join(part for part in (name, date, *subject) if part)
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9_-]+", "-", text)).strip("-")


# --- drafting ----------------------------------------------------------------------------
def _clean(model, fields: dict) -> dict:
    """The fields worth writing, in the model's order: text stripped, empty and default
    values left out (an unchecked box is the default false)."""
    out = {}
    for name, info in model.model_fields.items():
        value = fields.get(name)
        if isinstance(value, str):
            value = value.strip()
        if isinstance(value, dict):
            value = {k: v.strip() if isinstance(v, str) else v for k, v in value.items()}
            if not any(value.values()):
                continue
        if value is None or value == "" or value == []:
            continue
        if value is False and info.default is False:
            continue
        if name == "value":
            value = parse_number(value)
        out[name] = value
    return out


def record_yaml(kind: str, fields: dict) -> str:
    """One record as the lines to paste under ``observations:`` (or milestones:,
    sources:): ``  - field: value`` then ``    field: value``."""
    lines: list[str] = []
    for name, value in _clean(MODELS[kind], fields).items():
        lines += entry(name, value, 4)
    if not lines:
        return ""
    lines[0] = "  - " + lines[0][4:]
    return "\n".join(lines) + "\n"


def new_file_text(kind: str, source_id: str, record: str) -> str:
    """A whole new data file holding one record."""
    head = [schema_comment(kind)]
    if kind in FOLDERS:
        head.append(f"source: {source_id}")
    head.append(f"{kind}:")
    return "\n".join(head) + "\n" + record


def _references(dataset) -> list[FileResult]:
    """The dataset's valid sources, indicators and places as already-read files."""
    records = dataset.records
    geo = records.geography

    def located(items, file):
        return [Located(record, file, 0, 0) for record in items]

    return [
        FileResult("sources.yaml", "sources", {"sources": list(records.sources.values())}),
        FileResult(
            "indicators.yaml", "indicators", {"indicators": list(records.indicators.values())}
        ),
        FileResult(
            "geography.yaml",
            "geography",
            {
                "regions": located(geo.regions.values(), "geography.yaml"),
                "regions_1997": located(geo.regions_1997.values(), "geography.yaml"),
                "cities": located(geo.cities.values(), "geography.yaml"),
                "parks": located(geo.parks.values(), "geography.yaml"),
            },
        ),
    ]


def _check(drafts: list[FileResult], dataset) -> list[Problem]:
    names = {draft.file for draft in drafts}
    checked = assemble(_references(dataset) + drafts)
    return [p for p in checked.problems if p.file in names]


def draft_observation(fields: dict, dataset, source_fields: dict | None = None):
    """``(yaml_text, problems)`` of one new observation, checked by the loader's rules.

    ``fields`` hold the observation's fields and ``source`` (the source id). With
    ``source_fields`` the source is new: it is checked too, and the observation is checked
    against it. ``yaml_text`` is the record alone, ready to paste under ``observations:``.
    """
    source_id = str(fields.get("source") or "").strip()
    text = record_yaml("observations", fields)
    file = f"observations/{source_id or 'new'}.yaml"
    header = f"source: {source_id}\n" if source_id else ""
    drafts = [load_text(header + "observations:\n" + (text or "  - {}\n"), file, "observations")]
    if source_fields is not None:
        source_text = record_yaml("sources", source_fields)
        drafts.append(
            load_text("sources:\n" + (source_text or "  - {}\n"), NEW_SOURCE_FILE, "sources")
        )
    return text, _check(drafts, dataset)


# --- writing -----------------------------------------------------------------------------
def file_signature(path) -> tuple[int, int, str] | None:
    """(size, mtime_ns, sha256) of a file, None when it does not exist."""
    path = Path(path)
    try:
        stat = path.stat()
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return (stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


def target_path(data_dir, kind: str, source_id: str) -> Path:
    """The file a record of ``kind`` of this source goes to."""
    if kind == "sources":
        return Path(data_dir) / "sources.yaml"
    if kind not in FOLDERS:
        raise RecordRejected(f"records of kind {kind!r} are not written by the form")
    if not isinstance(source_id, str) or not re.match(SLUG, source_id):
        raise RecordRejected(
            f"{source_id!r} is not a source id: use lower-case letters, digits, '-' and '_'"
        )
    return Path(data_dir) / kind / f"{source_id}.yaml"


def _round_trip() -> YAML:
    yaml = YAML()  # round-trip: comments, key order, quotes and flow lists kept
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long quote onto several lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def file_with_record(path, kind: str, source_id: str, record: str) -> str:
    """The text of ``path`` once ``record`` (as made by ``record_yaml``) is appended to its
    list, or of a new file when there is none. Raises RecordRejected when the file's shape
    does not allow it."""
    path = Path(path)
    if not path.exists():
        return new_file_text(kind, source_id, record)
    text = path.read_bytes().decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"  # a file saved on Windows stays so
    text = text.replace("\r\n", "\n")
    yaml = _round_trip()
    try:
        document = yaml.load(text)
        items = yaml.load(record)
    except YAMLError as error:
        raise RecordRejected(
            f"{path.name} cannot be read as YAML ({error.__class__.__name__}): fix it with "
            "python -m indicators validate, then write again"
        ) from None
    if not isinstance(items, CommentedSeq) or len(items) != 1:
        raise RecordRejected("the record must be one list item ('  - field: value')")
    if not isinstance(document, CommentedMap):
        raise RecordRejected(f"{path.name} is not a mapping: fix it before adding to it")
    if kind in FOLDERS and document.get("source") != source_id:
        raise RecordRejected(
            f"{path.name} says source: {document.get('source')!r}, not {source_id!r}"
        )
    seq = document.get(kind)
    if seq is None:
        seq = document[kind] = CommentedSeq()
    if not isinstance(seq, CommentedSeq):
        raise RecordRejected(f"'{kind}' in {path.name} is not a list: fix it before adding")
    seq.fa.set_block_style()
    seq.append(items[0])
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue().replace("\n", newline)


@dataclass(frozen=True)
class PendingWrite:
    """One record to append, with the signature of its file when the form read it."""

    kind: str  # observations | milestones | sources
    source_id: str
    record: str  # as made by record_yaml
    expected_signature: tuple | None


def _changed(path: Path) -> FileChanged:
    return FileChanged(
        f"{path.name} changed since the form read it (edited in an editor, or written from "
        "another tab): nothing was written. Re-read the file, check that the record is "
        "still missing, and write again."
    )


def _verify(path: Path, kind: str, old_text: str | None, new_text: str) -> None:
    """The new text reads back with exactly one more record and no new error."""
    before = load_text(old_text, path.name, kind) if old_text is not None else None
    after = load_text(new_text, path.name, kind)
    count_before = len(before.records.get(kind, [])) if before else 0
    errors_before = sum(p.is_error for p in before.problems) if before else 0
    errors_after = [p for p in after.problems if p.is_error]
    if len(after.records.get(kind, [])) != count_before + 1 or len(errors_after) > errors_before:
        detail = f": {errors_after[-1].message}" if errors_after else ""
        raise RecordRejected(f"the record would not read back cleanly in {path.name}{detail}")


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _atomic_write(path: Path, text: str, expected_signature) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        mode = (path.stat().st_mode & 0o777) if path.exists() else 0o644
        os.chmod(tmp, mode)
        if file_signature(path) != expected_signature:  # last look before replacing
            raise _changed(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def append_records(data_dir, writes: list[PendingWrite], *, allowed: bool) -> list[Path]:
    """Append several records; every file is checked before any is written, so that a new
    source and its first observation go in together or not at all. (Should the second file
    change in the instant between the checks and its rename, the source is written alone:
    still valid data, and the form says the figure was not written.)"""
    if not allowed:
        raise WritingDisabled(
            "writing from the dashboard is off: set curation.write: true in config.yaml and "
            "run the server on localhost only (streamlit run app.py --server.address "
            "localhost); otherwise copy the YAML into the file yourself"
        )
    with _WRITE_LOCK:
        return _append_locked(data_dir, writes)


def _append_locked(data_dir, writes: list[PendingWrite]) -> list[Path]:
    planned = []
    for write in writes:
        if not write.record.strip():
            raise RecordRejected("there is no record to write")
        path = target_path(data_dir, write.kind, write.source_id)
        if file_signature(path) != write.expected_signature:
            raise _changed(path)
        old_text = path.read_bytes().decode("utf-8-sig") if path.exists() else None
        new_text = file_with_record(path, write.kind, write.source_id, write.record)
        _verify(path, write.kind, old_text, new_text)
        planned.append((path, new_text, write.expected_signature))
    for path, new_text, expected in planned:
        _atomic_write(path, new_text, expected)
    return [path for path, _, _ in planned]


def append_record(
    data_dir, source_id: str, kind: str, record_yaml: str, expected_signature, *, allowed: bool
) -> Path:
    """Append one record to its file (see the module's docstring); returns the path.

    Raises WritingDisabled unless ``allowed``, FileChanged when the file's (size,
    mtime_ns, sha256) is not ``expected_signature`` (None: the file must not exist yet),
    RecordRejected when the record or the file's shape is wrong."""
    write = PendingWrite(kind, source_id, record_yaml, expected_signature)
    return append_records(data_dir, [write], allowed=allowed)[0]
