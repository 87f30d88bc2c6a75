"""Cities: every city with a figure or a milestone, its profile, the road-show stops."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.analysis import queries
from indicators.render.formats import value_text
from indicators.render.i18n import region_names, t
from indicators.ui import context
from indicators.ui import map_view as maps
from indicators.ui.profile_links import profile_link, profile_links
from indicators.ui.widgets import (
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
    obs, ms = ds.observations, ds.milestones
    counts = queries.city_summary(ds)
    if counts.empty:
        st.info(t("common.none_yet", lang))
        return
    counts["name"] = [ds.geography.label(f"city:{c}", lang) for c in counts["city"]]
    counts = counts.sort_values("name")
    with_facts = list(counts["city"])
    names = dict(zip(ds.regions["id"], ds.regions[region_names(lang)], strict=True))
    summary = pd.DataFrame(
        {
            t("common.city", lang): counts["name"],
            t("common.region", lang): counts["region"].map(names).fillna(""),
            t("readers.cities.latest", lang): [
                _headline(ds, city, lang) for city in counts["city"]
            ],
            t("readers.cities.milestones", lang): counts["milestones"],
        }
    )
    maps.city_map(ds, lang)
    # st.table reads markdown in its cells: text from data goes through md.
    st.table(summary.map(md).set_index(t("common.city", lang)))
    profile_links(ds, [f"city:{c}" for c in counts["city"]], lang)

    routes = ms[ms["route"].map(len) > 0]
    if len(routes):
        with st.expander(t("readers.cities.route_stops", lang)):
            for row in routes.to_dict("records"):
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
    facts = obs[obs["city"] == city].sort_values(["indicator", "period_start"])
    for row in facts.to_dict("records"):
        indicator_name = ds.indicator_label(row["indicator"], lang)
        text = value_text(row["value"], row["bound"], row["unit"], lang)
        where = md(row[f"place_{lang}"])
        with st.expander(
            f"{md(indicator_name)} · {md(text)} · {md(period_text(row, lang))} · "
            f"{t('status.' + row['status'], lang)} · {where}"
        ):
            provenance(row, ds, lang)
    for row in ms[ms["city"] == city].sort_values("start_date").to_dict("records"):
        with st.expander(milestone_heading(row, lang, place=False)):
            milestone_details(row, ds, lang)


def _headline(ds, city: str, lang: str) -> str:
    """ "< 300 / ≈ 300 positions (Positions..., janvier 2011) · 4 opérateurs (...)": the
    city's latest figures (every claim of the latest period), not a count of records."""
    rows = queries.city_figures(ds, city)
    if rows.empty:
        return "–"
    parts = []
    for indicator, claims in rows.groupby("indicator", sort=False):
        values = " / ".join(
            dict.fromkeys(
                value_text(r["value"], r["bound"], r["unit"], lang)
                for r in claims.to_dict("records")
            )
        )
        first = claims.iloc[0].to_dict()
        parts.append(
            f"{values} ({ds.indicator_label(indicator, lang)}, {period_text(first, lang)})"
        )
    return " · ".join(parts)


if __name__ == "__main__":
    cities()
