"""The app's settings: config.yaml, with INDICATORS_DATA_DIR overriding the data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = PROJECT_ROOT / "config.yaml"
DATA_DIR_VARIABLE = "INDICATORS_DATA_DIR"


class ConfigError(Exception):
    """config.yaml is unreadable or holds a wrong setting."""


@dataclass(frozen=True)
class Config:
    title: dict = field(default_factory=lambda: {"fr": "Observatoire", "en": "Observatory"})
    default_language: str = "fr"
    data_dir: Path = PROJECT_ROOT / "data"
    max_file_bytes: int = 5_000_000
    map_style: str = "white-bg"
    default_growth_rate: float = 20.0
    default_horizon: int = 2030
    curation_write: bool = False


def _get(raw: dict, dotted: str, expected, default):
    node = raw
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    if expected is float and isinstance(node, int) and not isinstance(node, bool):
        node = float(node)
    if not isinstance(node, expected) or isinstance(node, bool) is not (expected is bool):
        got = type(node).__name__
        raise ConfigError(
            f"Setting {dotted!r} in config.yaml has incorrect type. Expected "
            f"{expected.__name__}, got {got}. Value: {node!r}. "
            "Hint: in YAML, remove quotes from numbers and write true/false for switches."
        )
    return node


def load_config(path: Path | str | None = None, environ=None) -> Config:
    path = Path(path) if path else CONFIG_FILE
    environ = os.environ if environ is None else environ
    raw: dict = {}
    if path.exists():
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ConfigError(f"config.yaml is not valid YAML: {error}") from None
        if not isinstance(raw, dict):
            raise ConfigError("config.yaml must be a mapping of settings")
    defaults = Config()
    folder = _get(raw, "data.folder", str, "data")
    data_dir = Path(environ.get(DATA_DIR_VARIABLE) or (path.parent / folder))
    language = _get(raw, "default_language", str, defaults.default_language)
    if language not in ("fr", "en"):
        raise ConfigError(f"Setting 'default_language' must be fr or en, not {language!r}.")
    return Config(
        title=_get(raw, "title", dict, defaults.title),
        default_language=language,
        data_dir=data_dir.resolve(),
        max_file_bytes=_get(raw, "data.max_file_bytes", int, defaults.max_file_bytes),
        map_style=_get(raw, "map.style", str, defaults.map_style),
        default_growth_rate=_get(
            raw, "outlook.default_growth_rate", float, defaults.default_growth_rate
        ),
        default_horizon=_get(raw, "outlook.default_horizon", int, defaults.default_horizon),
        curation_write=_get(raw, "curation.write", bool, defaults.curation_write),
    )
