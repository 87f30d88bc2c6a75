"""Overview: a first screen that can be quoted (the latest national stocks, each with its
year and bound), the other figures below, the national stocks over time with the
national targets drawn as targets, the promises and the latest events."""

from __future__ import annotations

import streamlit as st

from indicators.analysis import queries, scenarios
from indicators.analysis.dataset import PROJECTED
from indicators.render import compare
from indicators.render.formats import date_text, unit_label, value_text
from indicators.render.i18n import t
from indicators.render.provenance import counted
from indicators.ui import context
from indicators.ui.widgets import (
    chart_sources,
    figure_card,
    md,
    milestone_details,
    milestone_heading,
    provenance,
)

HEADLINES = 4
HEADLINE_COVERAGE = ("call_centres", "offshoring")


def headline_indicators(ds, national) -> list[str]:
    """Up to four national stocks (jobs, positions, centres, companies of call centres or
    offshoring as a whole), the newest figure first."""
    info = ds.indicators.set_index("id")
    options = [
        i
        for i in scenarios.base_options(national, ds.indicators)
        if info.at[i, "coverage"] in HEADLINE_COVERAGE
    ]
    return options[:HEADLINES]


def _headline(rows: list[dict], ds, lang: str) -> None:
    """One headline: the indicator, its year in large type, the value with its bound."""
    row = rows[-1]
    with st.container(border=True):
        st.markdown(f"**{md(ds.indicator_label(row['indicator'], lang))}**")
        year = str(row["period_end"].year)
        st.markdown(f"## {md(year)}" + (" \\*" if row.get("period_inferred") else ""))
        st.markdown(f"### {md(value_text(row['value'], row['bound'], row['unit'], lang))}")
        others = len(queries.same_figures(rows)) - 1  # other figures, not repeats
        more = ""
        if others:
            more = f" · {t('compare.claims_more', lang, n=others)}"
        elif len(rows) > 1:  # one figure, several articles
            more = f" · {counted('readers.same_figure', len(rows), lang)}"
        st.caption(
            f"{md(date_text(row['period'], lang))} · {t('status.' + row['status'], lang)}{more}"
        )
        with st.expander(t("common.source", lang)):
            for claim in rows:
                provenance(claim, ds, lang)


def _cards_in_rows(groups, ds, lang: str, per_row: int = 3) -> None:
    """Cards row by row: on a phone the columns of one row stack, so the order is kept."""
    groups = list(groups)
    for start in range(0, len(groups), per_row):
        columns = st.columns(per_row)
        for column, (indicator, rows) in zip(
            columns, groups[start : start + per_row], strict=False
        ):
            with column:
                figure_card(rows, ds, lang, ds.indicator_label(indicator, lang))


def content(ds) -> dict:
    """What the page shows, in no language: computed once per data version (shared by
    every session, ``Dataset.derived``). Figures as records, ready to draw."""
    national = ds.national()  # a company's own figures are never national
    if national.empty:
        return {"latest": []}
    targets = ds.national(statuses=PROJECTED)
    stocks = national[national["indicator"].isin(scenarios.stock_indicators(ds.indicators))]
    series = []
    for unit, rows in stocks.groupby("unit", sort=False):
        if rows.groupby("indicator").size().max() >= compare.MIN_LINE_POINTS:  # no 2-point lines
            series.append((unit, rows, targets[targets["status"] == "target"]))
    latest = [(i, rows.to_dict("records")) for i, rows in queries.latest_per_indicator(national)]
    milestones = ds.milestones.sort_values("start_date", ascending=False).head(6)
    return {
        "headline": headline_indicators(ds, national),
        "latest": latest,
        "series": series,
        "promises": targets.sort_values("period_end").to_dict("records"),
        "milestones": milestones.to_dict("records"),
    }


def series_chart(ds, index: int, lang: str) -> dict:
    """The ``index``-th series chart of ``content`` in ``lang``: title, figure, alt text."""
    unit, rows, targets = ds.derived(content)["series"][index]
    labels = {i: ds.indicator_label(i, lang) for i in rows["indicator"].unique()}
    title = t(
        "compare.series_title",
        lang,
        unit=unit_label(unit, lang).capitalize(),
        start=int(rows["year"].min()),
        end=int(rows["year"].max()),
    )
    alt = t(
        "a11y.series",
        lang,
        unit=unit_label(unit, lang),
        indicators=", ".join(labels[i] for i in rows["indicator"].unique()),
    )
    mine = targets[targets["indicator"].isin(labels)]
    figure = compare.national_stocks(rows, mine, lang, labels, unit, None)
    return {"unit": unit, "rows": rows, "title": title, "alt": alt, "figure": figure}


def overview() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    st.header(t("overview.latest", lang))
    view = ds.derived(content)
    if not view["latest"]:
        st.info(t("common.none_yet", lang))
        return
    headline, latest = view["headline"], dict(view["latest"])
    columns = st.columns(len(headline)) if headline else []
    for column, indicator in zip(columns, headline, strict=True):
        with column:
            _headline(latest[indicator], ds, lang)
    st.caption(t("compare.headline_note", lang))
    others = [(i, rows) for i, rows in view["latest"] if i not in headline]
    if others:
        with st.expander(t("compare.other_figures", lang, n=len(others))):
            _cards_in_rows(others, ds, lang)

    for index in range(len(view["series"])):
        chart = ds.derived(series_chart, index, lang)
        if index == 0:
            st.header(t("overview.series", lang))
            st.caption(t("overview.series_note", lang))
        st.markdown(f"**{md(chart['title'])}**")  # wraps on a phone, unlike a plotly title
        st.plotly_chart(chart["figure"], key=f"series-{chart['unit']}", alt=chart["alt"])
        chart_sources(chart["rows"], ds, lang)
        st.caption(t("overview.symbols", lang) + " " + t("compare.targets_drawn", lang))

    st.header(t("overview.outlook", lang))
    if not view["promises"]:
        st.caption(t("common.none_yet", lang))
    for row in view["promises"]:
        indicator_name = ds.indicator_label(row["indicator"], lang)
        text = value_text(row["value"], row["bound"], row["unit"], lang)
        with st.expander(
            f"{t('status.' + row['status'], lang).capitalize()} · "
            f"{md(date_text(row['period'], lang))} · {md(text)} · {md(indicator_name)}"
        ):
            provenance(row, ds, lang)

    st.header(t("overview.milestones", lang))
    for row in view["milestones"]:
        with st.expander(milestone_heading(row, lang)):
            milestone_details(row, ds, lang)


if __name__ == "__main__":
    overview()
