"""Provenance in words: short citations, how sure a date is, the status glossary, the
grammar of place names, and the source line under a chart. No Streamlit.

A reader sees "Les ECO, 18 janv. 2011", never a source's id; an inferred date carries an
asterisk and one footnote; the five status words are defined in one place
(``status_glossary``) that every page links to.
"""

from __future__ import annotations

import re

from babel.dates import format_date

from indicators.data.model import STATUSES
from indicators.render.formats import babel_locale, calendar_date, plural_category, present
from indicators.render.i18n import NBSP, catalogue, t

INFERRED_MARK = "*"
_PARENTHESIS = re.compile(r"\s*\(.*\)\s*$")


def short_publisher(publisher) -> str:
    """ "Les ECO (Les Echos quotidien)" -> "Les ECO": the name as a reader says it."""
    if not present(publisher):
        return ""
    short = _PARENTHESIS.sub("", str(publisher)).strip()
    return short or str(publisher)


def short_date(text, lang: str) -> str:
    """ "2011-01-18" -> "18 janv. 2011" / "18 Jan 2011"; "2011-01" -> "janv. 2011";
    "2011" -> "2011"; anything else as it is."""
    if not isinstance(text, str) or not text:
        return ""
    found = calendar_date(text)
    if found is None:
        return text
    day, parts = found
    if parts == 1:
        return str(day.year)
    pattern = "MMM y" if parts == 2 else "d MMM y"
    return format_date(day, pattern, locale=babel_locale(lang))  # ar_MA: Morocco's months


def citation(source: dict | None, lang: str, fallback: str = "") -> str:
    """A source's short citation: "Les ECO, 18 janv. 2011" (an inferred date gets "*");
    ``fallback`` (the id) only when the source is unknown. Plain text: escape it where
    it is shown."""
    if not source:
        return fallback
    parts = [short_publisher(source.get("publisher"))]
    when = short_date(source.get("published") or "", lang)
    if when:
        parts.append(when + (f" {INFERRED_MARK}" if source.get("published_inferred") else ""))
    return ", ".join(part for part in parts if part) or fallback


def row_citation(row, lang: str) -> str:
    """The citation of the source a figure or milestone rests on, from the ``source_*``
    columns the Dataset copies onto each row (the id only when they are missing)."""
    if not present(row.get("source_publisher")):
        return str(row.get("source") or "")
    return citation(
        {
            "publisher": row.get("source_publisher"),
            "published": row.get("source_published") or "",
            "published_inferred": _flag(row.get("source_published_inferred")),
        },
        lang,
        str(row.get("source") or ""),
    )


def _flag(value) -> bool:
    return present(value) and bool(value)


def source_url(source: dict | None) -> str | None:
    """The source's address when it is http(s), else None (never a javascript: link)."""
    url = (source or {}).get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return url
    return None


def uncertain_date(row) -> str | None:
    """How sure a milestone's date is: "approx" (approximate), "uncertain", "inferred"
    (worked out, not printed) or None. The one place that reads it, so the milestone date syntax
    ("2011-10~", "2011?") can replace the ``approx``/``inferred`` flags here alone."""
    start = str(row.get("start") or "")
    if _flag(row.get("approx")) or start.endswith("~"):
        return "approx"
    if start.endswith("?"):
        return "uncertain"
    if _flag(row.get("inferred")):
        return "inferred"
    return None


def uncertain_label(kind: str | None, lang: str) -> str:
    """ "date approximative", "date déduite", "date incertaine" ("" for a sure date)."""
    return t(f"readers.date_{kind}", lang) if kind else ""


def counted(key: str, n: int, lang: str, **values) -> str:
    """ "12 promesses", "1 source": the text of ``key.<CLDR plural category of n>``
    (``key.other`` when the language does not spell that category)."""
    wanted = f"{key}.{plural_category(n, lang)}"
    return t(wanted if wanted in catalogue(lang) else f"{key}.other", lang, n=n, **values)


def inferred_footnote(lang: str) -> str:
    """The one footnote every page with an asterisk shows."""
    return t("readers.inferred_footnote", lang)


def status_glossary(lang: str) -> list[tuple[str, str]]:
    """(word, definition) for each status, in the reader's language."""
    return [(t(f"status.{s}", lang), t(f"status_help.{s}", lang)) for s in STATUSES]


def sources_drawn(frame, sources_by_id, lang: str, limit: int = 4) -> str:
    """ "Source : Les ECO, 18 janv. 2011 ; L'Economiste, 8 mars 2019 et 3 autres" for the
    line under a chart: the citations of the sources its rows rest on. Plain text."""
    if frame is None or len(frame) == 0 or "source" not in frame:
        return ""
    ids = list(dict.fromkeys(frame["source"].dropna()))
    names = [citation(sources_by_id(i), lang, i) for i in ids]
    shown = (f"{NBSP}; " if lang == "fr" else "; ").join(names[:limit])
    if len(names) > limit:
        shown += " " + counted("readers.and_more", len(names) - limit, lang)
    key = "readers.source_line_one" if len(names) == 1 else "readers.source_line_many"
    return t(key, lang, sources=shown)
