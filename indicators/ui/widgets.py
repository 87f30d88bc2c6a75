"""Shared pieces of the pages: safe text, a figure with its source, downloads, banners."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from indicators.analysis.downloads import whole_numbers
from indicators.analysis.export import frame_to_json, to_csv, to_excel
from indicators.analysis.queries import same_figures
from indicators.data.geography import UNTRANSLATED
from indicators.render.formats import date_text, present, value_text
from indicators.render.i18n import label, t
from indicators.render.provenance import (
    INFERRED_MARK,
    citation,
    counted,
    inferred_footnote,
    row_citation,
    source_url,
    sources_drawn,
    status_glossary,
    uncertain_date,
    uncertain_label,
)
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
    """ "Les ECO, 18 janv. 2011 · « Title » · Open the article" as safe markdown: the
    short citation first, the link when http(s); never the source's id."""
    info = dataset.source(source_id)
    if info is None:
        return md(source_id)
    if info.get("published_inferred"):
        mark_inferred()
    title = f"«\u00a0{md(info['title'])}\u00a0»" if lang == "fr" else f"“{md(info['title'])}”"
    text = f"**{md(citation(info, lang, source_id))}** · {title}"
    url = source_url(info)
    if url:
        safe_url = url.replace(")", "%29").replace("(", "%28").replace(" ", "%20")
        text += f" · [{t('common.open_source', lang)}]({safe_url})"
    return text


def chart_sources(frame, dataset, lang: str) -> None:
    """The line under a chart: the citations of the sources its marks rest on."""
    text = sources_drawn(frame, dataset.source, lang)
    if text:
        st.caption(md(text))


def mark_inferred() -> None:
    """Note that this run drew an inferred date ("*"): the page gets the one footnote."""
    st.session_state["_inferred_drawn"] = True


def page_notes(lang: str) -> None:
    """What the shell adds under every page: the footnote for "*" when the page drew one
    (cards, tables, citations alike), said once."""
    if st.session_state.pop("_inferred_drawn", False):
        st.caption(md(inferred_footnote(lang)))


def glossary(lang: str) -> None:
    """The five status words defined once; the sidebar holds it on every page."""
    colon = t("common.colon", lang)
    with st.expander(t("readers.glossary", lang)):
        st.markdown(
            "\n".join(f"- **{md(word)}**{colon} {md(text)}" for word, text in status_glossary(lang))
        )


def status_help(lang: str) -> str:
    """The glossary as one tooltip line, for a table's status column."""
    colon = t("common.colon", lang)
    return " · ".join(f"{word}{colon} {text}" for word, text in status_glossary(lang))


def provenance(row: dict, dataset, lang: str) -> None:
    """The quote a figure rests on, who says it, and its source: the one-click path from
    any number to where it comes from. A curator's note (and the file and line) stays
    on the Contribute page."""
    st.markdown(f"> {md(row['quote'])}")
    details = [f"**{label('common.status', lang)}** {t('status.' + row['status'], lang)}"]
    if present(row.get("claimant")):
        details.append(f"{t('common.claimant', lang)} {md(row['claimant'])}")
    if present(row.get("operator")):
        details.append(f"{label('common.operator', lang)} {md(row['operator'])}")
    if present(row.get("period_inferred")) and row.get("period_inferred"):
        details.append(f"{t('common.inferred_date', lang)} {md(INFERRED_MARK)}")
        mark_inferred()
    if present(row.get("derivation")):
        details.append(f"{label('common.derived', lang)} {md(row['derivation'])}")
    st.caption(" · ".join(details))
    st.caption(f"{label('common.source', lang)} {source_line(dataset, row['source'], lang)}")


def period_text(row, lang: str) -> str:
    """A figure's period in words, with "*" when it is inferred (and the footnote noted)."""
    text = date_text(row["period"], lang)
    if present(row.get("period_inferred")) and row.get("period_inferred"):
        mark_inferred()
        return f"{text} {INFERRED_MARK}"
    return text


def figure_card(rows, dataset, lang: str, title: str) -> None:
    """A card of one indicator: its figure(s) for one period (a frame or its records),
    each with bound, unit, status and source. Different claims for the same period are
    shown side by side; the same figure repeated by several articles is shown once, with
    its sources counted and each quote under it."""
    if isinstance(rows, pd.DataFrame):
        rows = rows.to_dict("records")
    groups = same_figures(rows)
    with st.container(border=True):
        st.markdown(f"**{md(title)}**")
        columns = st.columns(len(groups)) if len(groups) > 1 else [st.container()]
        for column, claims in zip(columns, groups, strict=True):
            row = claims[0]
            with column:
                st.markdown(f"### {md(value_text(row['value'], row['bound'], row['unit'], lang))}")
                period = period_text(row, lang)
                sources = f" · {counted('readers.same_figure', len(claims), lang)}"
                st.caption(
                    f"{md(row[f'place_{lang}'])} · {md(period)} · "
                    f"{t('status.' + row['status'], lang)}" + (sources if len(claims) > 1 else "")
                )
                with st.expander(t("common.source", lang)):
                    for claim in claims:
                        provenance(claim, dataset, lang)
        if len(groups) > 1:
            st.caption(t("common.conflict", lang))


def downloads(
    frame: pd.DataFrame, name: str, lang: str, key: str, about: pd.DataFrame | None = None
) -> None:
    """CSV, Excel and JSON of exactly what is shown, named ``name`` (say what it holds:
    ``analysis.downloads.file_name``); the Excel file gets ``about`` as a second sheet
    (metadata and licence). The files are made when a button is clicked, not on every
    rerun (an Excel file is the slowest thing a page would build). Nothing to download
    when nothing is shown."""
    empty = frame.empty
    extra = {t("readers.meta.sheet", lang): about} if about is not None else None
    a, b, c = st.columns(3)
    a.download_button(
        t("common.download_csv", lang),
        lambda: to_csv(whole_numbers(frame)),
        f"{name}.csv",
        "text/csv",
        key=f"{key}-csv",
        disabled=empty,
    )
    b.download_button(
        t("common.download_xlsx", lang),
        lambda: to_excel(whole_numbers(frame), extra=extra),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        disabled=empty,
    )
    c.download_button(
        t("common.download_json", lang),
        lambda: frame_to_json(whole_numbers(frame)),
        f"{name}.json",
        "application/json",
        key=f"{key}-json",
        disabled=empty,
    )


PHONE_CSS = """
<style>
/* Touch screens and phones: no plotly or table toolbar over titles and legends. */
@media (hover: none), (max-width: 640px) {
  .modebar-container { display: none !important; }
  [data-testid="stElementToolbar"] { display: none !important; }
}
/* A view with a wide and a narrow form (the timeline): one shows at a time. */
@media (max-width: 640px) { .st-key-wide_view { display: none !important; } }
@media (min-width: 641px) { .st-key-narrow_view { display: none !important; } }
</style>
"""


def phone_css() -> None:
    st.html(PHONE_CSS)


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
    """Observations as a readable table: place, indicator-free value with bound, period
    ("*" when inferred), status, who says so, the source's citation and its link. Show
    it with ``show_table`` (the link and the status glossary)."""
    if frame.empty:
        return pd.DataFrame()
    rows = frame.to_dict("records")
    return pd.DataFrame(
        {
            t("common.place", lang): frame[f"place_{lang}"],
            t("common.value", lang): [
                value_text(v, b, u, lang)
                for v, b, u in zip(frame["value"], frame["bound"], frame["unit"], strict=True)
            ],
            t("common.period", lang): [period_text(r, lang) for r in rows],
            t("common.status", lang): [t(f"status.{s}", lang) for s in frame["status"]],
            t("common.claimant", lang): frame["claimant"].fillna(""),
            t("common.source", lang): [row_citation(r, lang) for r in rows],
            t("readers.link", lang): [source_url({"url": r.get("source_url")}) or "" for r in rows],
            t("common.quote", lang): frame["quote"],
        }
    )


def show_table(frame: pd.DataFrame, lang: str, **options) -> None:
    """A reader's table: the link column as links, the status column with the glossary
    as its help."""
    config = {
        t("readers.link", lang): st.column_config.LinkColumn(display_text=t("readers.open", lang)),
        t("common.status", lang): st.column_config.TextColumn(help=status_help(lang)),
    }
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **options)


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
    """A milestone's quote, kind, status, how sure its date is, and source."""
    st.markdown(f"> {md(row['quote'])}")
    flags = [t(f"kind.{row['kind']}", lang), t(f"milestone_status.{row['status']}", lang)]
    sure = uncertain_date(row)
    if sure:
        flags.append(uncertain_label(sure, lang))
    st.caption(" · ".join(flags))
    st.caption(f"{label('common.source', lang)} {source_line(dataset, row['source'], lang)}")
