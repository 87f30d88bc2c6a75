"""Problems found in the data: located, coded, collected rather than raised; and the one
catalogue of their codes (``CODES``), each with its title and hint, documented in
docs/data-format.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one data file.

    ``code`` is a key of ``CODES``; ``message`` says what is wrong and ``hint`` what to do.
    ``line`` and ``column`` are 1-based; 0 means "the whole file". ``path`` is the location
    inside the YAML document (for example ``("observations", 3, "value")``).
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: str = "error"
    path: tuple = field(default=(), compare=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["path"] = list(self.path)
        return data

    def format(self) -> str:
        """``file:line:column: code: message (hint)``, the CLI's line."""
        text = f"{self.file}:{self.line}:{self.column}: {self.code}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class Code(NamedTuple):
    title: str
    hint: str  # a template: its {fields} come from the problem's parameters
    severity: str = "error"


# {suggestion} is "did you mean 'x'?" or the allowed values. Grouped as the loader meets
# them: the folder, reading a file, its shape and fields, then references between files.
CODES: dict[str, Code] = {
    "missing-folder": Code(
        "Data folder missing", "give an existing folder, or set INDICATORS_DATA_DIR"
    ),
    "missing-file": Code(
        "Data file missing", "restore it: docs/data-format.md shows what it holds"
    ),
    "unexpected-file": Code(
        "File not read",
        "data files are sources.yaml, indicators.yaml and geography.yaml at the top, and "
        "one file per source in observations/ or milestones/: move or delete this one",
        "warning",
    ),
    "symlink-outside": Code(
        "Link outside the data folder",
        "copy the file into the data folder instead of linking to it",
        "warning",
    ),
    "file-too-large": Code(
        "File too large",
        "split it into several files, or raise data.max_file_bytes in config.yaml",
    ),
    "unreadable-file": Code("File unreadable", "check the file's permissions"),
    "not-utf8": Code(
        "Not UTF-8 text", "save the file as UTF-8: in most editors, Save with encoding > UTF-8"
    ),
    "empty-file": Code("Empty file", "add the records, or delete the file"),
    "yaml-syntax": Code("YAML syntax error", "{advice}"),
    "yaml-tag": Code("Tag not allowed", "remove the '!' tag: only plain YAML values are read"),
    "yaml-alias-bomb": Code(
        "Alias bomb", "write the values out instead of repeating anchors &name with aliases *name"
    ),
    "yaml-recursive": Code(
        "Recursive alias", "remove the alias *name that points into its own anchor &name"
    ),
    "duplicate-key": Code(
        "Key written twice", "keep one of the two: YAML would silently keep only the last"
    ),
    "not-a-mapping": Code(
        "File is not a mapping",
        "start the file with '{key}:'; docs/data-format.md shows an example",
    ),
    "unknown-field": Code("Unknown field", "{suggestion}"),
    "missing-field": Code(
        "Required field missing",
        "add '{name}:' to the {parent}; docs/data-format.md lists the fields",
    ),
    "wrong-type": Code("Wrong type", "write {expected}"),
    "invalid-value": Code("Value not allowed", "{suggestion}"),
    "invalid-id": Code(
        "Invalid id", "use lower-case letters, digits, '-' and '_' only, e.g. leseco-2011-01-18"
    ),
    "invalid-region-code": Code(
        "Invalid HCP region code", 'HCP region codes run from 01 to 12: write one in quotes, "09"'
    ),
    "out-of-range": Code("Number out of range", "check the number: it must be {allowed}"),
    "negative-value": Code(
        "Negative count", "check the number, or give '{indicator}' a range in indicators.yaml"
    ),
    "number-as-string": Code(
        "Number written as text",
        "write the number without quotes or thousands separators, e.g. value: 30000; put "
        "'plus de'/'moins de' in bound",
    ),
    "invalid-period": Code(
        "Not a period", "write 2011, 2011-01 or 2011-01-18, or a range such as 2010/2019"
    ),
    "invalid-date": Code("Impossible date", "check the day and the month"),
    "invalid-geo": Code(
        "Not a place", "write country:ma, or region:, city: or park: and an id of geography.yaml"
    ),
    "unsafe-url": Code("Unsafe link", "give the page's address starting with https:// or http://"),
    "missing-reason": Code("Inferred without a reason", "add a note: what in the article dates it"),
    "duplicate-id": Code("Id used twice", "give this record another id, or remove one of the two"),
    "unknown-source": Code("Unknown source", "sources.yaml lists them: {suggestion}"),
    "unknown-indicator": Code("Unknown indicator", "indicators.yaml lists them: {suggestion}"),
    "unknown-country": Code("Unknown country", "{suggestion}"),
    "unknown-region": Code("Unknown region", "{suggestion}"),
    "unknown-city": Code("Unknown city", "{suggestion}"),
    "unknown-park": Code("Unknown park", "{suggestion}"),
    "broken-reference": Code(
        "Reference to a record that did not load",
        "fix that record first: this one loads with it",
    ),
    "source-not-loaded": Code(
        "Source did not load",
        "fix the source first: the records come back with it",
    ),
    "source-file-mismatch": Code(
        "File named after another source", "rename the file to {source}.yaml", "warning"
    ),
    "number-not-in-quote": Code(
        "Number not in its quote",
        "fix the value, quote the whole sentence that carries the number, or say how the "
        "value was computed in 'derivation:'",
    ),
}


def problem(code, file, line, column, message, *, path=(), hint=None, **params) -> Problem:
    """The one way to build a Problem: ``code``'s hint template filled with ``params``
    (``hint`` replaces it when a model validator gave a more precise one)."""
    entry = CODES[code]
    text = entry.hint.format(**params) if hint is None else hint
    return Problem(file, line, column, code, message, text, entry.severity, path)
