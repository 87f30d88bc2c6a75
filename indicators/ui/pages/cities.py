"""Cities: every city with a figure or a milestone, its profile, the road-show stops."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.analysis import queries
from indicators.render.formats import date_text, present, value_text
from indicators.render.i18n import region_names, t
from indicators.render.provenance import INFERRED_MARK
from indicators.ui import context
from indicators.ui import map_view as maps
from indicators.ui.profile_links import profile_link, profile_links
from indicators.ui.widgets import (
    mark_inferred,
    md,
    milestone_details,
    milestone_heading,
    period_text,
    provenance,
)


def cities() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.cities", lang))
    st.caption(t("cities.intro", lang))
    summary, inferred = ds.derived(_summary, lang)
    if summary is None:
        st.info(t("common.none_yet", lang))
        return
    if inferred:
        mark_inferred()
    with_facts = ds.derived(_cities_with_facts, lang)
    maps.city_map(ds, lang)
    st.table(summary)
    profile_links(ds, [f"city:{c}" for c in with_facts], lang)

    routes = ds.derived(_routes)
    if routes:
        with st.expander(t("readers.cities.route_stops", lang)):
            for row in routes:
                st.markdown(f"**{t('cities.route', lang, title=md(row[f'title_{lang}']))}**")
                stops = [
                    f"{i}. {md(ds.geography.label(f'city:{c}', lang))}"
                    for i, c in enumerate(row["route"], start=1)
                ]
                st.markdown("\n".join(stops))
                st.markdown(f"> {md(row['quote'])}")

    st.header(t("cities.profile", lang))
    context.init_choice("city", with_facts, with_facts[0])
    city = st.selectbox(
        t("common.city", lang),
        with_facts,
        key="city",
        format_func=lambda c: ds.geography.label(f"city:{c}", lang),
    )
    context.set_param("city", city, with_facts[0])
    name = ds.geography.label(f"city:{city}", lang)
    profile_link(f"city:{city}", t("profile.city_link", lang, place=name), lang)
    facts, milestones = ds.derived(_city_records, city)
    for row in facts:
        indicator_name = ds.indicator_label(row["indicator"], lang)
        text = value_text(row["value"], row["bound"], row["unit"], lang)
        where = md(row[f"place_{lang}"])
        with st.expander(
            f"{md(indicator_name)} · {md(text)} · {md(period_text(row, lang))} · "
            f"{t('status.' + row['status'], lang)} · {where}"
        ):
            provenance(row, ds, lang)
    for row in milestones:
        with st.expander(milestone_heading(row, lang, place=False)):
            milestone_details(row, ds, lang)


# What the page computes, once per data version for every session (``Dataset.derived``).
def _cities_with_facts(ds, lang: str) -> list[str]:
    """The cities with a figure or a milestone, in the order of their names."""
    counts = queries.city_summary(ds)
    names = {c: ds.geography.label(f"city:{c}", lang) for c in counts["city"]}
    return sorted(counts["city"], key=lambda c: names[c])


def _summary(ds, lang: str) -> tuple[pd.DataFrame | None, bool]:
    """The cities' table (as safe markdown: st.table reads markdown in its cells) and
    whether it shows an inferred date ("*")."""
    counts = queries.city_summary(ds)
    if counts.empty:
        return None, False
    counts["name"] = [ds.geography.label(f"city:{c}", lang) for c in counts["city"]]
    counts = counts.sort_values("name")
    names = dict(zip(ds.regions["id"], ds.regions[region_names(lang)], strict=True))
    headlines = [_headline(ds, city, lang) for city in counts["city"]]
    summary = pd.DataFrame(
        {
            t("common.city", lang): counts["name"],
            t("common.region", lang): counts["region"].map(names).fillna(""),
            t("readers.cities.latest", lang): [text for text, _ in headlines],
            t("readers.cities.milestones", lang): counts["milestones"],
        }
    )
    inferred = any(flag for _, flag in headlines)
    return summary.map(md).set_index(t("common.city", lang)), inferred


def _routes(ds) -> list[dict]:
    ms = ds.milestones
    return ms[ms["route"].map(len) > 0].to_dict("records")


def _city_records(ds, city: str) -> tuple[list[dict], list[dict]]:
    obs, ms = ds.observations, ds.milestones
    facts = obs[obs["city"] == city].sort_values(["indicator", "period_start"])
    mine = ms[ms["city"] == city].sort_values("start_date")
    return facts.to_dict("records"), mine.to_dict("records")


def _headline(ds, city: str, lang: str) -> tuple[str, bool]:
    """ "< 300 / ≈ 300 positions (Positions..., janvier 2011) · 4 opérateurs (...)": the
    city's latest figures (every claim of the latest period), not a count of records;
    and whether a date in it is inferred."""
    rows = queries.city_figures(ds, city)
    if rows.empty:
        return "–", False
    parts, inferred = [], False
    for indicator, claims in rows.groupby("indicator", sort=False):
        records = claims.to_dict("records")
        values = " / ".join(
            dict.fromkeys(value_text(r["value"], r["bound"], r["unit"], lang) for r in records)
        )
        first = records[0]
        period = date_text(first["period"], lang)
        if present(first.get("period_inferred")) and first.get("period_inferred"):
            period, inferred = f"{period} {INFERRED_MARK}", True
        parts.append(f"{values} ({ds.indicator_label(indicator, lang)}, {period})")
    return " · ".join(parts), inferred


if __name__ == "__main__":
    cities()
