"""Tables out: CSV, Excel and JSON of the dataset or of what a page shows."""

from __future__ import annotations

import datetime as dt
import io
import json
import math

import pandas as pd

from indicators.data.geography import HCP_CREDIT


def _plain(value):
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain JSON-ready dicts (dates as ISO text, NaN as null)."""
    return [
        {column: _plain(value) for column, value in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def to_json(dataset) -> str:
    payload = {
        "sources": records(dataset.sources),
        "indicators": records(dataset.indicators),
        "regions": records(dataset.regions),
        "cities": records(dataset.cities),
        "parks": records(dataset.parks),
        "observations": records(dataset.observations),
        "milestones": records(dataset.milestones),
        "credits": {"census": HCP_CREDIT},
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def frame_to_json(frame: pd.DataFrame) -> str:
    return json.dumps(records(frame), ensure_ascii=False, indent=1) + "\n"


def to_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False)


def to_excel(frame: pd.DataFrame, sheet: str = "data", extra: dict | None = None) -> bytes:
    """The frame as one sheet, then each of ``extra`` ({sheet name: frame}), e.g. the
    metadata and licence sheet."""
    buffer = io.BytesIO()
    plain = frame.copy()
    for column in plain.columns:
        if plain[column].map(lambda v: isinstance(v, (list, dict))).any():
            plain[column] = plain[column].map(
                lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
            )
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        plain.to_excel(writer, sheet_name=sheet[:31], index=False)
        for name, more in (extra or {}).items():
            more.to_excel(writer, sheet_name=str(name)[:31], index=False)
    return buffer.getvalue()
