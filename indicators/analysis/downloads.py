"""What a download is called and how its numbers are written (no language).

A file is named after what it holds: ``observations-fes-meknes-2026-12-01.csv`` for the
figures of Fès-Meknès downloaded on 1 December 2026, ``observations-2026-12-01.csv`` for
everything.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from indicators.data.geography import normalize

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_PARTS = 3  # beyond, a filter is summarised by its size ("3-indicators")


def slug(text) -> str:
    """ "Fès-Meknès" -> "fes-meknes"; "call_centre_jobs" -> "call-centre-jobs"."""
    return _NOT_SLUG.sub("-", normalize(str(text))).strip("-")


def file_name(prefix: str, filters: dict, day: dt.date | None = None) -> str:
    """``prefix``, then each filter's values (or their number when many), then the date:
    ``file_name("observations", {"region": ["fes-meknes"]})`` ->
    "observations-fes-meknes-2026-12-01". No extension."""
    parts = [slug(prefix)]
    for name, values in filters.items():
        values = [values] if isinstance(values, str) else list(values or [])
        values = [slug(v) for v in values if str(v).strip()]
        values = [v for v in values if v]
        if not values:
            continue
        parts += values if len(values) <= MAX_PARTS else [f"{len(values)}-{slug(name)}"]
    parts.append((day or dt.date.today()).isoformat())
    return "-".join(part for part in parts if part)[:150]


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns that hold only whole numbers become integers, so a CSV reads
    "5000", not "5000.0"; a column with a real decimal is left as it is."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            values = out[column].dropna()
            finite = values.abs() != float("inf")  # an open interval's end stays a float
            if len(values) and finite.all() and (values == values.round()).all():
                out[column] = out[column].astype("Int64")
    return out
