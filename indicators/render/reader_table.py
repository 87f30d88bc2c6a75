"""The Data page's table for readers, and the metadata that travels with a download.

The table puts the value first, with translated headers and no technical columns (they
stay in the downloads); the metadata sheet (Excel) and the README (archives) say what
the file holds, where each figure comes from and under which terms.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from indicators.render.formats import date_text, present, value_text
from indicators.render.i18n import t
from indicators.render.provenance import INFERRED_MARK, row_citation, source_url

# The columns a reader sees, in this order (keys of the locale's ``common`` words).
READER_COLUMNS = (
    "value",
    "indicator",
    "place",
    "period",
    "status",
    "source",
    "link",
    "claimant",
    "quote",
)


def column_title(name: str, lang: str) -> str:
    return t("readers.link" if name == "link" else f"common.{name}", lang)


def reader_table(frame: pd.DataFrame, indicator_label, lang: str) -> pd.DataFrame:
    """One row per figure: value with bound and unit, indicator, place, period ("*" when
    inferred), status, source citation, link, claimant, quote; newest first.
    ``indicator_label(id, lang)`` names an indicator."""
    titles = [column_title(name, lang) for name in READER_COLUMNS]
    if frame.empty:
        return pd.DataFrame(columns=titles)
    frame = frame.sort_values(["period_end", "indicator"], ascending=[False, True])
    rows = frame.to_dict("records")
    columns = {
        "value": [value_text(r["value"], r["bound"], r["unit"], lang) for r in rows],
        "indicator": [indicator_label(r["indicator"], lang) for r in rows],
        "place": [r[f"place_{lang}"] for r in rows],
        "period": [
            date_text(r["period"], lang)
            + (
                f" {INFERRED_MARK}"
                if present(r.get("period_inferred")) and r["period_inferred"]
                else ""
            )
            for r in rows
        ],
        "status": [t(f"status.{r['status']}", lang) for r in rows],
        "source": [row_citation(r, lang) for r in rows],
        "link": [source_url({"url": r.get("source_url")}) or "" for r in rows],
        "claimant": [r["claimant"] if present(r.get("claimant")) else "" for r in rows],
        "quote": [r["quote"] for r in rows],
    }
    return pd.DataFrame(dict(zip(titles, columns.values(), strict=True)))


def about_rows(lang: str, shown: int, total: int, filters: str, day: dt.date | None = None):
    """(field, value) rows of the metadata and licence sheet, in the reader's language."""
    day = day or dt.date.today()
    return [
        (t("readers.meta.title", lang), t("app.title", lang)),
        (
            t("readers.meta.content", lang),
            t("readers.meta.content_text", lang, n=shown, total=total),
        ),
        (t("readers.meta.filters", lang), filters or t("readers.meta.no_filter", lang)),
        (t("readers.meta.downloaded", lang), date_text(day.isoformat(), lang)),
        (t("readers.meta.provenance", lang), t("readers.meta.provenance_text", lang)),
        (t("readers.meta.columns", lang), t("readers.meta.columns_text", lang)),
        (t("readers.meta.statuses", lang), t("readers.meta.statuses_text", lang)),
        (t("readers.meta.licence", lang), t("readers.meta.licence_text", lang)),
        (t("readers.meta.census", lang), t("app.credit", lang)),
    ]


def about_sheet(lang: str, shown: int, total: int, filters: str, day=None) -> pd.DataFrame:
    rows = about_rows(lang, shown, total, filters, day)
    return pd.DataFrame(
        rows, columns=[t("readers.meta.field", lang), t("readers.meta.value", lang)]
    )


def readme_text(lang: str, shown: int, total: int, filters: str, files, day=None) -> str:
    """The README.txt of an archive: the metadata rows, then the files it holds."""
    lines = [t("app.title", lang), ""]
    for field, value in about_rows(lang, shown, total, filters, day):
        lines += [f"{field}{t('common.colon', lang)} {value}", ""]
    lines.append(t("readers.meta.files", lang) + t("common.colon", lang))
    lines += [f"- {name}" for name in files]
    return "\n".join(lines) + "\n"
