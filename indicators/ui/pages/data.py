"""Data: the tidy table with filters and downloads, the validation problems, and how to
add a data point."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.analysis import queries
from indicators.analysis.datapackage import to_zip, zip_name
from indicators.analysis.dataset import SCOPES
from indicators.data.model import STATUSES
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.curation_form import render_form
from indicators.ui.widgets import downloads

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


def data() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.data", lang))
    st.caption(t("data.intro", lang, **ds.counts))
    obs = ds.observations
    a, b, c, d = st.columns(4)
    indicators = a.multiselect(
        t("common.indicator", lang),
        list(ds.indicators["id"]),
        key="f_indicator",
        placeholder=t("common.all", lang),
        format_func=lambda i: ds.indicator_label(i, lang),
    )
    kinds = b.multiselect(
        t("data.geo_kind", lang),
        list(SCOPES),
        key="f_kind",
        placeholder=t("common.all", lang),
        format_func=lambda k: t(f"scope.{k}", lang),
    )
    statuses = c.multiselect(
        t("common.status", lang),
        list(STATUSES),
        key="f_status",
        placeholder=t("common.all", lang),
        format_func=lambda s: t(f"status.{s}", lang),
    )
    text = d.text_input(t("data.search", lang), key="f_text")
    shown = queries.filter_observations(obs, indicators, kinds, statuses, text)
    shown = shown.drop(columns=["year"])
    st.caption(t("data.shown", lang, n=len(shown), total=len(obs)))
    st.dataframe(shown, hide_index=True, width="stretch")
    downloads(shown, "observations", lang, "data")
    st.download_button(
        t("data.datapackage", lang),
        lambda: to_zip(ds),  # built on click, like the other downloads
        zip_name(ds),
        "application/zip",
        key="data-datapackage",
        help=t("data.datapackage_help", lang),
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


if __name__ == "__main__":
    data()
