"""Observatoire de l'offshoring: curated indicators of Morocco's offshoring sector.

Layers, importing only downwards (an import-linter contract in pyproject.toml):
``data`` (YAML in, validated records out) <- ``analysis`` (pandas, language-free) <-
``render`` (language, formats, charts, maps) <- ``ui`` (the only Streamlit importer).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("observatoire-offshoring")
except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
    __version__ = "0.0.0"
