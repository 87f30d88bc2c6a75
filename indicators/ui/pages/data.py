"""Data: the tidy table for readers, its filters in the URL, downloads named after what
they hold. The curators' tools are on the Contribute page."""

from __future__ import annotations

import streamlit as st

from indicators.analysis import queries
from indicators.analysis.datapackage import to_zip, zip_name
from indicators.analysis.dataset import SCOPES
from indicators.analysis.downloads import file_name
from indicators.data.model import STATUSES
from indicators.render.i18n import NBSP, t
from indicators.render.reader_table import about_sheet, reader_table
from indicators.ui import context, url_state
from indicators.ui.shell import PAGE_DIR
from indicators.ui.widgets import downloads, md, show_table

# The filters: (session key, URL parameter).
FILTERS = {
    "indicators": ("f_indicator", "indicators"),
    "regions": ("f_region", "regions"),
    "kinds": ("f_kind", "scope"),
    "statuses": ("f_status", "status"),
}


def data() -> None:
    lang, ds = context.lang(), context.dataset()
    st.title(t("page.data", lang))
    st.caption(t("data.intro", lang, **ds.counts))
    obs = ds.observations
    region_names = dict(zip(ds.regions["id"], ds.regions["name_fr"], strict=True))
    options = {
        "indicators": list(ds.indicators["id"]),
        "regions": list(region_names),
        "kinds": list(SCOPES),
        "statuses": list(STATUSES),
    }
    dropped = []
    for name, (key, param) in FILTERS.items():
        dropped += url_state.init_list(key, options[name], param)
    url_state.init_text("f_text", "q")
    if dropped:
        st.info(t("readers.data.bad_filter", lang, values=md(", ".join(dropped))))

    # Full-width filters, two to a row: their tags stay readable.
    top_left, top_right = st.columns(2)
    indicators = top_left.multiselect(
        t("common.indicator", lang),
        options["indicators"],
        key="f_indicator",
        placeholder=t("common.all", lang),
        format_func=lambda i: ds.indicator_label(i, lang),
    )
    regions = top_right.multiselect(
        t("common.region", lang),
        options["regions"],
        key="f_region",
        placeholder=t("regions.all", lang),
        format_func=region_names.get,
    )
    low_left, low_right = st.columns(2)
    kinds = low_left.multiselect(
        t("data.geo_kind", lang),
        options["kinds"],
        key="f_kind",
        placeholder=t("common.all", lang),
        format_func=lambda k: t(f"scope.{k}", lang),
    )
    statuses = low_right.multiselect(
        t("common.status", lang),
        options["statuses"],
        key="f_status",
        placeholder=t("common.all", lang),
        format_func=lambda s: t(f"status.{s}", lang),
        help=t("readers.data.status_help", lang),
    )
    text = st.text_input(
        t("data.search", lang), key="f_text", help=t("readers.data.search_help", lang)
    )
    for name, values in (
        ("indicators", indicators),
        ("regions", regions),
        ("kinds", kinds),
        ("statuses", statuses),
    ):
        url_state.keep_list(FILTERS[name][1], values)
    url_state.keep_text("q", text)

    chosen = (tuple(regions), tuple(indicators), tuple(kinds), tuple(statuses), text)
    shown = ds.derived(_shown, *chosen)
    if shown.empty:
        st.warning(t("readers.data.no_match", lang))
    else:
        st.caption(t("data.shown", lang, n=len(shown), total=len(obs)))
        show_table(ds.derived(_table, *chosen, lang), lang)
    described = _described(ds, lang, indicators, regions, kinds, statuses, text, region_names)
    name = file_name(
        "observations",
        {
            "indicator": indicators,
            "region": regions,
            "scope": kinds,
            "status": statuses,
            "q": [text] if text.strip() else [],
        },
    )
    st.caption(t("readers.data.downloads", lang))
    downloads(
        ds.derived(_export, *chosen),
        name,
        lang,
        "data",
        about=about_sheet(lang, len(shown), len(obs), described),
    )
    st.download_button(
        t("data.datapackage", lang),
        lambda: to_zip(ds),  # built on click, like the other downloads
        zip_name(ds),
        "application/zip",
        key="data-datapackage",
        help=t("data.datapackage_help", lang),
    )
    st.page_link(
        str(PAGE_DIR / "contribute.py"),
        label=t("readers.contribute_link", lang),
        icon=":material/edit_note:",
        query_params={"lang": lang},
    )


# The filtered figures, the readers' table and the export: once per data version and
# choice of filters for every session (``Dataset.derived``).
def _shown(ds, regions, indicators, kinds, statuses, text):
    obs = ds.observations
    shown = obs[obs["region"].isin(regions)] if regions else obs
    shown = queries.filter_observations(shown, indicators, kinds, statuses)
    return queries.search_observations(shown, ds.geography, text, ds.indicators)


def _table(ds, regions, indicators, kinds, statuses, text, lang):
    shown = ds.derived(_shown, regions, indicators, kinds, statuses, text)
    return reader_table(shown, ds.indicator_label, lang)


def _export(ds, regions, indicators, kinds, statuses, text):
    shown = ds.derived(_shown, regions, indicators, kinds, statuses, text)
    return shown.drop(columns=["year"])


def _described(ds, lang, indicators, regions, kinds, statuses, text, region_names) -> str:
    """The filters in words, for the metadata sheet."""
    colon = t("common.colon", lang)
    named = [
        ("common.indicator", [ds.indicator_label(i, lang) for i in indicators]),
        ("common.region", [region_names.get(r, r) for r in regions]),
        ("data.geo_kind", [t(f"scope.{k}", lang) for k in kinds]),
        ("common.status", [t(f"status.{s}", lang) for s in statuses]),
    ]
    parts = [f"{t(key, lang)}{colon} {', '.join(names)}" for key, names in named if names]
    if text.strip():
        quoted = f"«{NBSP}{text.strip()}{NBSP}»" if lang == "fr" else f"“{text.strip()}”"
        parts.append(f"{t('data.search', lang)}{colon} {quoted}")
    return (f"{NBSP}; " if lang == "fr" else "; ").join(parts)


if __name__ == "__main__":
    data()
