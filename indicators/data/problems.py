"""Problems found in the data: located, coded, collected rather than raised."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one data file.

    ``code`` is a stable kebab-case identifier (``unknown-geo``, ``yaml-syntax``...);
    ``message`` says what is wrong and ``hint`` what to do. ``line`` and ``column`` are
    1-based; 0 means "the whole file". ``path`` is the location inside the YAML document
    (for example ``("observations", 3, "value")``).
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


def flatten(problems, keys) -> list[list]:
    """Selected fields of each problem, for short assertions in tests."""
    return [[getattr(problem, key) for key in keys] for problem in problems]
