"""Shared pieces of the pages: safe text, a figure with its source, downloads, banners."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from indicators.analysis.export import frame_to_json, to_csv, to_excel
from indicators.data.geography import UNTRANSLATED
from indicators.render.formats import date_text, present, value_text
from indicators.render.i18n import label, t
from indicators.ui import context

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def md(text) -> str:
    """Text from data made inert for Streamlit's markdown: every markup character is
    escaped, so "**bold**", "<script>" or "[link](javascript:...)" show as typed."""
    if not present(text):
        return ""
    safe = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    if str(text).startswith(UNTRANSLATED):
        # French shown for a missing Arabic text, inside an Arabic sentence: a bidi isolate
        # (the inline form of dir="auto") keeps it left to right with its punctuation.
        return f"\u2068{safe}\u2069"
    return safe


def code(text) -> str:
    """Text as an inline code span: markdown is not read inside one, so nothing is escaped
    (an escape would show as a backslash); only a backtick could end it, and is dropped."""
    return f"`{str(text).replace('`', '')}`"


def source_line(dataset, source_id: str, lang: str) -> str:
    """ "Publisher, « Title », date" as safe markdown, with a link when http(s)."""
    info = dataset.source(source_id)
    if info is None:
        return md(source_id)
    parts = [
        md(info["publisher"]),
        f"« {md(info['title'])} »" if lang == "fr" else f"“{md(info['title'])}”",
    ]
    if info["published"]:
        when = date_text(info["published"], lang)
        if info["published_inferred"]:
            when += f" ({t('common.inferred_date', lang)})"
        parts.append(md(when))
    text = ", ".join(parts)
    url = info.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        safe_url = url.replace(")", "%29").replace("(", "%28").replace(" ", "%20")
        text += f" — [{t('common.open_source', lang)}]({safe_url})"
    return text


def provenance(row: dict, dataset, lang: str) -> None:
    """The quote a figure rests on, who says it, and its source: the one-click path from
    any number to where it comes from."""
    st.markdown(f"> {md(row['quote'])}")
    details = [f"**{label('common.status', lang)}** {t('status.' + row['status'], lang)}"]
    if present(row.get("claimant")):
        details.append(f"{t('common.claimant', lang)} {md(row['claimant'])}")
    if present(row.get("operator")):
        details.append(f"{label('common.operator', lang)} {md(row['operator'])}")
    if present(row.get("period_inferred")):
        details.append(f"{t('common.inferred_date', lang)} — {md(row.get('note'))}")
    elif present(row.get("note")):
        details.append(f"{label('common.note', lang)} {md(row['note'])}")
    if present(row.get("derivation")):
        details.append(f"{label('common.derived', lang)} {md(row['derivation'])}")
    st.caption(" · ".join(details))
    st.caption(
        f"{label('common.source', lang)} {source_line(dataset, row['source'], lang)} "
        f"({md(row['file'])}:{row['line']})"
    )


def figure_card(rows: pd.DataFrame, dataset, lang: str, title: str) -> None:
    """A card of one indicator: its figure(s) for one period, each with bound, unit,
    status and source. Several claims for the same period are shown side by side."""
    with st.container(border=True):
        st.markdown(f"**{md(title)}**")
        columns = st.columns(len(rows)) if len(rows) > 1 else [st.container()]
        for column, row in zip(columns, rows.to_dict("records"), strict=True):
            with column:
                st.markdown(f"### {md(value_text(row['value'], row['bound'], row['unit'], lang))}")
                period = date_text(row["period"], lang)
                st.caption(
                    f"{md(row[f'place_{lang}'])} · {md(period)} · "
                    f"{t('status.' + row['status'], lang)}"
                )
                with st.expander(t("common.source", lang)):
                    provenance(row, dataset, lang)
        if len(rows) > 1:
            st.caption(t("common.conflict", lang))


def downloads(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """CSV, Excel and JSON of exactly what is shown. The files are made when a button is
    clicked, not on every rerun (an Excel file is the slowest thing a page would build)."""
    a, b, c = st.columns(3)
    a.download_button(
        t("common.download_csv", lang),
        lambda: to_csv(frame),
        f"{name}.csv",
        "text/csv",
        key=f"{key}-csv",
    )
    b.download_button(
        t("common.download_xlsx", lang),
        lambda: to_excel(frame),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
    )
    c.download_button(
        t("common.download_json", lang),
        lambda: frame_to_json(frame),
        f"{name}.json",
        "application/json",
        key=f"{key}-json",
    )


def problems_banner(dataset, lang: str) -> None:
    """On every page: which files are broken and what is shown instead."""
    errors = dataset.errors
    stale = context.store().stale
    if not errors and not stale:
        return
    lines = [t("problems.banner", lang, n=len(errors))]
    for item in stale:
        if item.uses_last_good:
            when = item.last_good_at.strftime("%Y-%m-%d %H:%M:%S")
            lines.append(t("problems.stale", lang, file=md(item.file), time=when))
        else:
            lines.append(t("problems.never_valid", lang, file=md(item.file)))
    for problem in errors[:5]:
        lines.append(
            f"{code(f'{problem.file}:{problem.line}:{problem.column}')} {md(problem.message)}"
            f" — {md(problem.hint)}"
        )
    if len(errors) > 5:
        lines.append(t("problems.more", lang, n=len(errors) - 5))
    st.warning("  \n".join(lines), icon="⚠️")


def figure_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Observations as a readable table: value with bound, place, period, status..."""
    if frame.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            t("common.place", lang): frame[f"place_{lang}"],
            t("common.value", lang): [
                value_text(v, b, u, lang)
                for v, b, u in zip(frame["value"], frame["bound"], frame["unit"], strict=True)
            ],
            t("common.period", lang): [
                date_text(p, lang) + (" *" if i else "")
                for p, i in zip(frame["period"], frame["period_inferred"], strict=True)
            ],
            t("common.status", lang): [t(f"status.{s}", lang) for s in frame["status"]],
            t("common.claimant", lang): frame["claimant"].fillna(""),
            t("common.source", lang): frame["source"],
            t("common.quote", lang): frame["quote"],
        }
    )


def milestone_heading(row: dict, lang: str, place: bool = True) -> str:
    """ "18 janvier 2011 – mai 2011 · Title · Place" as safe markdown, for an expander."""
    when = date_text(row["start"], lang)
    if present(row.get("end")):
        when += f" – {date_text(row['end'], lang)}"
    parts = [md(when), md(row[f"title_{lang}"])]
    if place:
        parts.append(md(row[f"place_{lang}"]))
    return " · ".join(parts)


def milestone_details(row: dict, dataset, lang: str) -> None:
    """A milestone's quote, kind, status, how sure its date is, note and source."""
    st.markdown(f"> {md(row['quote'])}")
    flags = [t(f"kind.{row['kind']}", lang), t(f"milestone_status.{row['status']}", lang)]
    if row.get("uncertain"):
        flags.append(t("timeline.uncertain", lang))
    if row.get("approximate"):
        flags.append(t("timeline.approx", lang))
    if row.get("inferred"):
        flags.append(t("common.inferred_date", lang))
    st.caption(" · ".join(flags))
    if present(row.get("note")):
        st.caption(f"{label('common.note', lang)} {md(row['note'])}")
    st.caption(
        f"{label('common.source', lang)} {source_line(dataset, row['source'], lang)} "
        f"({md(row['file'])}:{row['line']})"
    )
