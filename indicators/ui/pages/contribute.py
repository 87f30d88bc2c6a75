"""Contribute: for curators. The validation problems, how to add a data point, the
form, and the curators' own notes on sources and figures (kept off the reader pages)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.curation_form import render_form
from indicators.ui.shell import PAGE_DIR

EXAMPLE = """\
# data/observations/<source-id>.yaml
source: leseco-2011-01-18-souss-offshoring
observations:
  - indicator: call_centre_positions
    geo: country:ma
    period: 2011-01
    value: 30000
    bound: lower        # "plus de 30.000"
    status: declared
    quote: "Jusque-là, plus de 30.000 positions ont été déclarées par les grands centres d'appels au Maroc"
"""  # noqa: E501 - a quote stays on one line


def contribute() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.contribute", lang))
    st.caption(t("readers.contribute.intro", lang))
    st.page_link(
        str(PAGE_DIR / "data.py"),
        label=t("readers.contribute.back", lang),
        icon=":material/table:",
        query_params={"lang": lang},
    )

    st.header(t("data.problems", lang))
    if not ds.problems:
        st.success(t("data.no_problems", lang))
    else:
        problems = pd.DataFrame(
            [
                {
                    t("data.location", lang): f"{p.file}:{p.line}:{p.column}",
                    t("data.code", lang): p.code,
                    t("data.severity", lang): p.severity,
                    t("data.message", lang): p.message,
                    t("data.hint", lang): p.hint,
                }
                for p in ds.problems
            ]
        )
        st.dataframe(problems, hide_index=True, width="stretch")

    st.header(t("data.how_to", lang))
    st.markdown(t("data.how_to_text", lang))
    st.code(EXAMPLE, language="yaml")

    st.header(t("curation.title", lang))
    render_form(ds, lang)

    st.header(t("readers.contribute.notes", lang))
    st.caption(t("readers.contribute.notes_intro", lang))
    notes = _curator_notes(ds)
    if notes.empty:
        st.info(t("readers.contribute.no_notes", lang))
    else:
        headers = {"file": t("data.location", lang), "note": t("common.note", lang)}
        st.dataframe(notes.rename(columns=headers), hide_index=True, width="stretch")


def _curator_notes(ds) -> pd.DataFrame:
    """Every curator's note (sources, figures, milestones) with the file and line it is
    in: shown as data (a table), in the language the curator wrote it."""
    rows = []
    for frame, column in (
        (ds.sources, "notes"),
        (ds.observations, "note"),
        (ds.milestones, "note"),
    ):
        for row in frame.to_dict("records"):
            note = row.get(column)
            if isinstance(note, str) and note.strip():
                rows.append({"file": f"{row['file']}:{row['line']}", "note": note})
    return pd.DataFrame(rows, columns=["file", "note"])


if __name__ == "__main__":
    contribute()
