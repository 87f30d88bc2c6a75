"""Promises: place by place, what was promised, by whom, for when, and what later
figures say (the promises ledger, ``analysis/promises.py``). Place in the URL (``place=``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from indicators.analysis import growth, places, promises
from indicators.render import promise_charts
from indicators.render.formats import date_text, present, value_text
from indicators.render.i18n import t
from indicators.render.provenance import citation
from indicators.render.reasons import family_label, formula_text, reason_text, year_text
from indicators.ui import context
from indicators.ui.widgets import downloads, md, milestone_details, milestone_heading, provenance


def _clean(row: dict) -> dict:
    """A frame row for the provenance widget: pandas' NaN (truthy) back to None."""
    return {k: v if present(v) or v == "" else None for k, v in row.items()}


# Expanders drawn per place at most: each is a dozen elements, and a place with hundreds of
# promises (at scale) would make every rerun slow. The table above always lists them all.
MAX_DETAILS = 60


def _verdict_text(verdict: str, lang: str) -> str:
    return f"{promise_charts.VERDICT_ICONS[verdict]} {t(f'ledger.verdict.{verdict}', lang)}"


def _place_label(row: dict, ds, lang: str) -> str:
    name = ds.geography.label(row["geo"], lang)
    if row["kind"] == "country":
        return t("ledger.place_option_country", lang, place=name, n=row["promises"])
    kind = t(f"scope.{row['kind']}", lang)
    return t("ledger.place_option", lang, place=name, kind=kind, n=row["promises"])


def _place_options(ds, today: dt.date) -> dict[str, dict]:
    ledger = ds.derived(promises.dataset_ledger, today)
    return {row["geo"]: row for row in places.places(ledger, ds.geography).to_dict("records")}


def _default_place(ds, today: dt.date) -> str:
    ledger = ds.derived(promises.dataset_ledger, today)
    return places.default_place(places.places(ledger, ds.geography))


def _pick_place(ds, today: dt.date, lang: str) -> str | None:
    """The place picker, kept in the URL as ``place`` (e.g. city:fes, park:fes-shore)."""
    rows = ds.derived(_place_options, today)
    if not rows:
        return None
    ids = list(rows)
    default = ds.derived(_default_place, today)
    context.init_choice("place", ids, default)
    place = st.selectbox(
        t("ledger.place", lang),
        ids,
        key="place",
        format_func=lambda geo: _place_label(rows[geo], ds, lang),
    )
    context.set_param("place", place, default)
    return place


def _ledger_table(rows: pd.DataFrame, ds, lang: str) -> pd.DataFrame:
    """The ledger rows as a readable table (every text from data shown as text)."""
    records = rows.to_dict("records")
    return pd.DataFrame(
        {
            t("ledger.verdict_label", lang): [_verdict_text(v, lang) for v in rows["verdict"]],
            t("common.place", lang): rows[f"place_{lang}"],
            t("common.indicator", lang): [ds.indicator_label(i, lang) for i in rows["indicator"]],
            t("ledger.target", lang): [
                value_text(r["value"], r["bound"], r["unit"], lang) for r in records
            ],
            t("ledger.horizon", lang): [date_text(p, lang) for p in rows["period"]],
            t("ledger.matched_short", lang): [
                value_text(r["matched_value"], r["matched_bound"], r["matched_unit"], lang)
                + f" ({date_text(r['matched_period'], lang)})"
                + (f" +{r['matched_count'] - 1}" if r["matched_count"] > 1 else "")
                if r["matched_count"]
                else ""
                for r in records
            ],
            t("ledger.reason_label", lang): rows["reason"],
            t("common.status", lang): [t(f"status.{s}", lang) for s in rows["status"]],
            t("ledger.announced", lang): [
                date_text(a, lang) if a else t("ledger.unknown_date", lang)
                for a in rows["announced_text"]
            ],
            t("common.claimant", lang): [c if isinstance(c, str) else "" for c in rows["claimant"]],
            t("common.source", lang): [citation(ds.source(s), lang, s) for s in rows["source"]],
        }
    )


def _reach_table(rows: pd.DataFrame, reach: pd.DataFrame, ds, lang: str, rate: int) -> pd.DataFrame:
    merged = rows.merge(reach, on="promise_id", how="left")
    return pd.DataFrame(
        {
            t("common.place", lang): merged[f"place_{lang}"],
            t("ledger.target", lang): [
                f"{ds.indicator_label(r['indicator'], lang)}: "
                + value_text(r["value"], r["bound"], r["unit"], lang)
                for r in merged.to_dict("records")
            ],
            t("ledger.horizon", lang): [date_text(p, lang) for p in merged["period"]],
            t("ledger.level", lang): [
                value_text(r["level_value"], r["level_bound"], r["unit"], lang)
                + f" ({date_text(r['level_period'], lang)})"
                if r["level_value"] == r["level_value"] and r["level_value"] is not None
                else "–"
                for r in merged.to_dict("records")
            ],
            t("ledger.reach_column", lang, rate=rate): [
                year_text(r, lang) for r in merged.to_dict("records")
            ],
            t("ledger.formula", lang): [formula_text(f, lang) for f in merged["formula"]],
            t("outlook.kind", lang): t("common.derived", lang),
        }
    )


def _place_drawn(ds, today: dt.date, place: str, lang: str) -> dict:
    """A place's part of the page in ``lang``: its promises with their reasons in words,
    the trajectory, the ledger table and the details to draw. Once per data version,
    day, place and language, for every session (``Dataset.derived``)."""
    ledger = ds.derived(promises.dataset_ledger, today)
    view = places.place_view(ds, ledger, place)
    mine, recorded, milestones = view.promises, view.recorded, view.milestones
    mine = mine.assign(reason=[reason_text(r, lang, ds) for r in mine["reasons"]])
    families = {f for f in set(mine["family"]) | set(recorded["family"]) if isinstance(f, str)}
    figure = promise_charts.trajectory(
        recorded,
        mine,
        milestones,
        lang,
        {
            i: ds.indicator_label(i, lang)
            for i in set(mine["indicator"]) | set(recorded["indicator"])
        },
        {f: family_label(f, lang, ds) for f in families},
    )
    details = []
    for row in mine.head(MAX_DETAILS).to_dict("records"):
        matched = [_clean(ds.observations.loc[index].to_dict()) for index in row["matched"]]
        details.append((_clean(row), matched))
    return {
        "view": view,
        "mine": mine,
        "figure": figure,
        "milestones": milestones.sort_values("start_date").head(MAX_DETAILS).to_dict("records"),
        "table": _ledger_table(mine, ds, lang),
        "details": details,
    }


def _reach(ds, today: dt.date, place: str, lang: str, rate: int) -> pd.DataFrame:
    drawn = ds.derived(_place_drawn, today, place, lang)
    view = drawn["view"]
    reach = growth.years_to_target(view.promises, view.recorded, rate)
    return _reach_table(drawn["mine"], reach, ds, lang, rate)


def _by_place(ds, today: dt.date, lang: str, rate: int) -> None:
    st.header(t("ledger.by_place", lang))
    st.caption(t("ledger.by_place_intro", lang))
    place = _pick_place(ds, today, lang)
    if place is None:
        st.info(t("ledger.no_promises", lang))
        return
    drawn = ds.derived(_place_drawn, today, place, lang)
    view, mine = drawn["view"], drawn["mine"]
    if view.inside:
        others = ", ".join(md(ds.geography.label(g, lang)) for g in view.inside)
        place_name = md(ds.geography.label(place, lang))
        st.caption(t("ledger.view_includes", lang, place=place_name, others=others))

    st.subheader(t("ledger.trajectory", lang))
    place_name = ds.geography.label(place, lang)
    alt = t("a11y.trajectory", lang, place=place_name)
    st.plotly_chart(drawn["figure"], key="trajectory", alt=alt)
    st.caption(t("ledger.legend", lang))

    st.subheader(t("ledger.milestones", lang))
    if view.milestones.empty:
        st.caption(t("ledger.no_milestones", lang))
    for row in drawn["milestones"]:
        with st.expander(milestone_heading(row, lang)):
            milestone_details(row, ds, lang)
    if len(view.milestones) > MAX_DETAILS:
        st.caption(t("ledger.more_details", lang, n=len(view.milestones) - MAX_DETAILS))

    st.subheader(t("ledger.ledger_title", lang))
    st.caption(t("ledger.ledger_caption", lang))
    st.dataframe(drawn["table"], hide_index=True, width="stretch")
    if len(mine) > MAX_DETAILS:
        st.caption(t("ledger.more_details", lang, n=len(mine) - MAX_DETAILS))
    for row, matched in drawn["details"]:
        target = value_text(row["value"], row["bound"], row["unit"], lang)
        title = (
            f"{_verdict_text(row['verdict'], lang)} · {md(row[f'place_{lang}'])} · "
            f"{md(ds.indicator_label(row['indicator'], lang))} · {md(target)} · "
            f"{md(date_text(row['period'], lang))}"
        )
        with st.expander(title):
            st.markdown(f"**{t('ledger.reason_label', lang)}** — {md(row['reason'])}")
            st.markdown(f"**{t('ledger.promise', lang)}**")
            provenance(row, ds, lang)
            st.markdown(f"**{t('ledger.matched', lang)}**")
            if not row["matched_count"]:
                st.caption(t("ledger.no_match", lang))
            for fig in matched:
                st.markdown(md(value_text(fig["value"], fig["bound"], fig["unit"], lang)))
                provenance(fig, ds, lang)

    st.subheader(t("ledger.reach_title", lang))
    st.caption(t("ledger.reach_caption", lang, rate=rate))
    st.dataframe(ds.derived(_reach, today, place, lang, rate), hide_index=True, width="stretch")


def _comparison_drawn(ds, today: dt.date, lang: str) -> dict | None:
    """The places compared, in ``lang``: once per data version, day and language."""
    ledger = ds.derived(promises.dataset_ledger, today)
    table = places.place_comparison(ledger)
    if table.empty:
        return None
    shown = pd.DataFrame(
        {
            t("common.place", lang): table[f"place_{lang}"],
            t("ledger.kind", lang): [t(f"scope.{k}", lang) for k in table["geo_kind"]],
            **{_verdict_text(v, lang): table[v] for v in promises.VERDICTS},
            t("ledger.total", lang): table["total"],
        }
    )
    export = ledger.drop(columns=["matched", "obs_index", "reasons"]).assign(
        reason=[reason_text(r, lang, ds) for r in ledger["reasons"]]
    )
    bars = promise_charts.verdict_bars(table, lang)
    return {"places": len(table), "bars": bars, "shown": shown, "export": export}


def _comparison(ds, today: dt.date, lang: str) -> None:
    st.header(t("ledger.comparison", lang))
    st.caption(t("ledger.comparison_intro", lang))
    st.info(t("ledger.sample_note", lang), icon=":material/info:")
    drawn = ds.derived(_comparison_drawn, today, lang)
    if drawn is None:
        st.caption(t("ledger.no_promises", lang))
        return
    st.plotly_chart(
        drawn["bars"], key="ledger-bars", alt=t("a11y.verdicts", lang, n=drawn["places"])
    )
    st.dataframe(drawn["shown"], hide_index=True, width="stretch")
    downloads(drawn["export"], t("ledger.download_name", lang), lang, key="ledger")
    with st.expander(t("ledger.method", lang)):
        st.markdown(t("ledger.method_text", lang))


def promises_page() -> None:
    lang, ds, cfg = context.lang(), context.dataset(), context.config()
    st.title(t("page.promises", lang))
    st.caption(t("compare.promises_intro", lang))
    default_rate = int(cfg.outlook.default_growth_rate)
    context.init_state("rate", context.int_param("rate", default_rate, -20, 50))
    # Once per dataset and day: the verdicts depend on the data and on today's date.
    today = dt.date.today()
    rate = st.slider(t("compare.reach_rate", lang), -20, 50, key="rate", format="%d %%")
    context.set_param("rate", str(rate), str(default_rate))
    _by_place(ds, today, lang, int(rate))
    st.divider()
    _comparison(ds, today, lang)


if __name__ == "__main__":
    promises_page()
