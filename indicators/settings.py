"""The app's settings: ``config.yaml`` as a pydantic model that refuses unknown keys.

The file is read with the located YAML reader, so a mistyped key, a wrong type or a
duplicate key is reported with its file, line and column, and a did-you-mean for a typo.
Every default is written once, here; ``INDICATORS_DATA_DIR`` overrides the data folder.
Paths are explicit: the caller names the config file (the CLI's ``--config``, the app's
own folder); a missing file means the defaults, with the data folder beside it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from indicators.data import yamlread
from indicators.data.loading import DEFAULT_MAX_FILE_BYTES
from indicators.data.problems import Problem

DATA_DIR_VARIABLE = "INDICATORS_DATA_DIR"
CONFIG_NAME = "config.yaml"


class ConfigError(Exception):
    """config.yaml cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(problem.format() for problem in problems))


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Titles(_Section):
    fr: str = Field(default="Observatoire de l'offshoring", min_length=1)
    en: str = Field(default="Offshoring Observatory", min_length=1)
    ar: str = Field(default="مرصد ترحيل الخدمات", min_length=1)


class DataSettings(_Section):
    folder: str = Field(
        default="data",
        min_length=1,
        description="the data folder, relative to config.yaml; INDICATORS_DATA_DIR overrides it",
    )
    max_file_bytes: StrictInt = Field(
        default=DEFAULT_MAX_FILE_BYTES,
        gt=0,
        description="a larger data file is refused (file-too-large)",
    )


class MapSettings(_Section):
    style: Literal["white-bg"] = Field(
        default="white-bg",
        description="the map style; white-bg needs no tile server, so the maps work offline",
    )


class OutlookSettings(_Section):
    default_growth_rate: float = Field(
        default=20.0, ge=-100, le=1000, description="percent a year of the default scenario"
    )
    default_horizon: StrictInt = Field(
        default=2030, ge=2000, le=2100, description="the scenario's default last year"
    )


class CurationSettings(_Section):
    write: StrictBool = Field(
        default=False,
        description="let the Contribute page's form append records to the data files "
        "(refused unless the server listens on localhost only)",
    )


class Settings(_Section):
    """What config.yaml may hold. ``data_dir`` is not a key: it is resolved on load."""

    title: Titles = Titles()
    default_language: Literal["fr", "en", "ar"] = Field(
        default="fr", description="the ?lang= URL parameter overrides it per view"
    )
    data: DataSettings = DataSettings()
    map: MapSettings = MapSettings()
    outlook: OutlookSettings = OutlookSettings()
    curation: CurationSettings = CurationSettings()
    data_dir: Path = Field(default=Path("data"), exclude=True)


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed in the mapping at ``loc`` (for a did-you-mean)."""
    for step in loc:
        field = model.model_fields.get(str(step))
        annotation = field.annotation if field else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return [name for name in model.model_fields if name != "data_dir"]


def _problems(error: ValidationError, document, file: str) -> list[Problem]:
    problems = []
    for err in error.errors():
        loc = tuple(err["loc"])
        dotted = ".".join(str(step) for step in loc)
        if err["type"] == "extra_forbidden":
            line, column = document.locate_key(loc)
            known = _known_keys(Settings, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else ""
            hint = (hint + " " if hint else "") + f"known keys here: {', '.join(known)}"
            problems.append(
                Problem(file, line, column, "unknown-setting", f"unknown setting {dotted!r}", hint)
            )
            continue
        line, column = document.locate(loc)
        value = err.get("input")
        hint = "see docs/configuration.md"
        if isinstance(value, str) and err["type"] in ("int_type", "float_type", "bool_type"):
            hint = "in YAML, remove the quotes from numbers and write true/false for switches"
        problems.append(
            Problem(
                file,
                line,
                column,
                "invalid-setting",
                f"setting {dotted!r}: {err['msg']} (value: {value!r})",
                hint,
            )
        )
    return problems


def load_settings(path: Path | str | None = None, environ=None) -> Settings:
    """Read ``path`` (default: config.yaml in the current folder). Raises ConfigError."""
    path = Path(path) if path else Path.cwd() / CONFIG_NAME
    environ = os.environ if environ is None else environ
    raw: dict = {}
    if path.exists():
        try:
            document = yamlread.parse(path.read_text(encoding="utf-8"), str(path))
        except yamlread.YamlProblem as error:
            raise ConfigError([error.problem]) from None
        if document.problems:
            raise ConfigError(document.problems)
        raw = document.value
        if not isinstance(raw, dict):
            raise ConfigError(
                [Problem(str(path), 1, 1, "invalid-setting", "config.yaml must be a mapping")]
            )
        try:
            settings = Settings.model_validate(raw)
        except ValidationError as error:
            raise ConfigError(_problems(error, document, str(path))) from None
    else:
        settings = Settings()
    data_dir = Path(environ.get(DATA_DIR_VARIABLE) or (path.parent / settings.data.folder))
    return settings.model_copy(update={"data_dir": data_dir.resolve()})
