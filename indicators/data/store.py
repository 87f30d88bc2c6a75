"""A data folder kept in memory: re-read only what changed, keep each file's last valid
version while it is broken.

``Store.refresh()`` is cheap when nothing changed (one ``stat`` per file): it compares
each file's size and modification time with what it read last, re-reads only the files
that changed, appeared or went, and rebuilds the view of the data (``build``, e.g.
``analysis.Dataset``) only then.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from indicators.data.loading import (
    DEFAULT_MAX_FILE_BYTES,
    FileResult,
    Records,
    assemble,
    load_file,
    scan,
)


@dataclass
class FileState:
    signature: tuple  # (size, mtime_ns, inode)
    current: FileResult
    last_good: FileResult | None
    last_good_at: dt.datetime | None


@dataclass(frozen=True)
class Staleness:
    """A broken file and what is shown in its place."""

    file: str
    last_good_at: dt.datetime | None  # None: never valid since start-up

    @property
    def uses_last_good(self) -> bool:
        return self.last_good_at is not None


def _signature(path: Path) -> tuple:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _records(records: Records, root: Path) -> Records:
    return records


class Store:
    """A data folder in memory. ``refresh()`` returns ``build(records, root)`` (the records
    themselves by default), rebuilt only when a file changed; ``version`` counts the
    rebuilds, so that work derived from the data can be cached per version."""

    def __init__(self, data_dir, max_bytes: int = DEFAULT_MAX_FILE_BYTES, build=_records):
        self.root = Path(data_dir)
        self.max_bytes = max_bytes
        self.build = build
        self.files: dict[str, FileState] = {}
        self.dataset = None
        self.stale: list[Staleness] = []
        self.version = 0  # bumped whenever the dataset is rebuilt
        self.reads = 0  # files parsed since creation (for tests and benchmarks)
        self._lock = threading.Lock()

    def refresh(self):
        with self._lock:
            return self._refresh()

    def _refresh(self):
        found, folder_problems = scan(self.root)
        changed = self.dataset is None
        for rel in list(self.files):
            if rel not in found:
                del self.files[rel]
                changed = True
        for rel, kind in found.items():
            try:
                signature = _signature(self.root / rel)
            except OSError:
                continue
            state = self.files.get(rel)
            if state is not None and state.signature == signature:
                continue
            result = load_file(self.root, rel, kind, self.max_bytes)
            self.reads += 1
            changed = True
            if state is None:
                state = FileState(signature, result, None, None)
                self.files[rel] = state
            state.signature, state.current = signature, result
            if result.ok:
                state.last_good, state.last_good_at = result, dt.datetime.now()
        if changed:
            self._rebuild(folder_problems)
        return self.dataset

    def _rebuild(self, folder_problems) -> None:
        effective, stale = [], []
        for rel, state in sorted(self.files.items()):
            if state.current.ok:
                effective.append(state.current)
                continue
            stale.append(Staleness(rel, state.last_good_at))
            if state.last_good is not None:
                # The last valid version's records, with the current version's problems.
                kept = FileResult(
                    file=rel,
                    kind=state.last_good.kind,
                    records=state.last_good.records,
                    problems=state.current.problems,
                    source=state.last_good.source,
                    source_line=state.last_good.source_line,
                )
                effective.append(kept)
            else:
                effective.append(state.current)
        records = assemble(effective, folder_problems)
        self.dataset = self.build(records, self.root)
        self.stale = stale
        self.version += 1
