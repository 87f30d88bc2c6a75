"""The add-a-figure form of the Contribute page: pick, type, see the loader's verdict and the
YAML to paste as you go; write it to the file when the deployment allows it.

All checking and writing is in indicators.curation; this module only reads widgets and
draws. Text from the user or the data reaches the page through st.code or escaped
markdown (widgets.md), never as HTML.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from indicators.data import write as curation
from indicators.data.geography import COUNTRY_NAMES, normalize
from indicators.data.model import ARTICLE_LANGUAGES, BOUNDS, STATUSES
from indicators.render.formats import unit_label
from indicators.render.i18n import t
from indicators.ui import context
from indicators.ui.widgets import md

NEW_SOURCE = "__new_source__"


def place_choices(geography, kind_names: dict, lang: str = "fr") -> dict[str, str]:
    """Every place a figure can be about (geo -> label), the country first. A label holds
    the place's name, its kind and the accent-free forms of its other names, so that a
    plain substring search ("fes", "tanger", "casa nearshore") finds it."""

    def label(geo: str, kind: str, names) -> str:
        shown = geography.label(geo, lang)
        seen = {shown.casefold()}
        extra = []
        for name in names:
            plain = normalize(name)
            if plain and plain not in seen and plain.isascii():
                seen.add(plain)
                extra.append(plain)
        text = f"{shown} — {kind_names.get(kind, kind)}"
        return text + (f" ({', '.join(extra)})" if extra else "") + f" · {geo}"

    out = {"country:ma": label("country:ma", "country", list(COUNTRY_NAMES.values()))}
    names = geography.names("region")
    for rid in sorted(geography.regions, key=lambda r: normalize(geography.region_name(r))):
        out[f"region:{rid}"] = label(f"region:{rid}", "region", names[rid])
    for rid in sorted(geography.regions_1997, key=lambda r: normalize(geography.region_name(r))):
        out[f"region:{rid}"] = label(f"region:{rid}", "region_1997", names[rid])
    for kind, table in (("city", geography.cities), ("park", geography.parks)):
        names = geography.names(kind)
        for ident in sorted(table, key=lambda i: normalize(geography.label(f"{kind}:{i}"))):
            out[f"{kind}:{ident}"] = label(f"{kind}:{ident}", kind, names[ident])
    return out


PREFIX = "cur_"
# Widgets cleared after a figure is written: the next figure of the same article keeps its
# source, indicator, place and period.
CLEARED_AFTER_WRITE = ("value", "quote", "claimant", "operator", "note", "period_inferred")
SIGNATURES = PREFIX + "signatures"  # path -> file signature when the form first read it
RESULT = PREFIX + "result"  # ("written" | "conflict", text) of the last write
PLACE_KINDS = ("country", "region", "region_1997", "city", "park")


def _key(name: str) -> str:
    return PREFIX + name


def _signature(path: Path):
    """The file's signature when the form first read it in this session."""
    signatures = st.session_state.setdefault(SIGNATURES, {})
    if str(path) not in signatures:
        signatures[str(path)] = curation.file_signature(path)
    return signatures[str(path)]


def _forget_signatures() -> None:
    st.session_state[SIGNATURES] = {}
    st.session_state.pop(RESULT, None)


def _write(data_dir: str, writes: list, allowed: bool, lang: str) -> None:
    """The write button's callback: runs before the page is drawn again."""
    try:
        paths = curation.append_records(data_dir, writes, allowed=allowed)
    except curation.CurationError as error:
        st.session_state[RESULT] = ("conflict", str(error))
        return
    signatures = st.session_state.setdefault(SIGNATURES, {})
    for path in paths:
        signatures[str(path)] = curation.file_signature(path)
    names = ", ".join(f"data/{p.relative_to(data_dir).as_posix()}" for p in paths)
    st.session_state[RESULT] = ("written", t("curation.written", lang, files=names))
    new_source = next((w.source_id for w in writes if w.kind == "sources"), None)
    if new_source:
        st.session_state[_key("source")] = new_source
    for name in CLEARED_AFTER_WRITE:
        st.session_state[_key(name)] = False if name == "period_inferred" else ""


def _source_form(lang: str) -> tuple[str, dict]:
    """The new source's fields, and its id (typed, or suggested from the fields)."""
    with st.container(border=True):
        st.caption(t("curation.new_source_box", lang))
        a, b = st.columns(2)
        title = a.text_input(t("curation.source_title", lang), key=_key("src_title"))
        publisher = b.text_input(t("curation.source_publisher", lang), key=_key("src_publisher"))
        c, d, e = st.columns([2, 3, 1])
        published = c.text_input(
            t("curation.source_published", lang),
            key=_key("src_published"),
            placeholder="2011-01-18",
            help=t("curation.source_published_help", lang),
        )
        url = d.text_input(
            t("curation.source_url", lang), key=_key("src_url"), placeholder="https://"
        )
        language = e.selectbox(
            t("curation.source_language", lang), ARTICLE_LANGUAGES, key=_key("src_language")
        )
        suggested = curation.suggest_source_id(publisher, published, title)
        typed = st.text_input(
            t("curation.source_id", lang),
            key=_key("src_id"),
            placeholder=suggested,
            help=t("curation.source_id_help", lang, id=suggested),
        )
    source_id = (typed or "").strip() or suggested
    fields = {
        "id": source_id,
        "title": title,
        "publisher": publisher,
        "published": published,
        "language": language,
        "url": url,
    }
    return source_id, fields


def _problem(problem, prefix: str = "") -> None:
    text = f"{prefix}{md(problem.message)}"
    if problem.hint:
        text += f"  \n→ {md(problem.hint)}"
    (st.error if problem.is_error else st.warning)(text)


def render_form(dataset, lang: str) -> None:
    """The form: source, indicator, place, period, value, bound, status, quote..."""
    config = context.config()
    allowed = curation.writing_allowed(
        config.curation.write, st.get_option("server.address"), dict(st.context.headers)
    )
    data_dir = Path(dataset.data_dir or config.data_dir)
    st.caption(t("curation.intro", lang))

    sources = dataset.sources.sort_values("id")
    source_labels = {
        row.id: f"{row.id} — {row.publisher}, {row.published or '?'}"
        for row in sources.itertuples()
    }
    source_labels[NEW_SOURCE] = t("curation.new_source", lang)
    choice = st.selectbox(
        t("curation.source", lang),
        list(source_labels),
        index=None,
        key=_key("source"),
        placeholder=t("curation.source_placeholder", lang),
        format_func=lambda s: source_labels.get(s, s),
    )
    source_fields = None
    source_id = choice
    if choice == NEW_SOURCE:
        source_id, source_fields = _source_form(lang)

    a, b = st.columns(2)
    indicators = dataset.indicators.sort_values(f"label_{lang}")
    indicator_labels = {
        row.id: f"{getattr(row, f'label_{lang}')} — {unit_label(row.unit, lang)} · {row.id}"
        for row in indicators.itertuples()
    }
    indicator = a.selectbox(
        t("curation.indicator", lang),
        list(indicator_labels),
        index=None,
        key=_key("indicator"),
        placeholder=t("curation.indicator_placeholder", lang),
        format_func=lambda i: indicator_labels.get(i, i),
    )
    if indicator:
        info = dataset.indicator(indicator)
        if info:
            a.caption(md(info[f"description_{lang}"]))
    kind_names = {k: t(f"curation.kind.{k}", lang) for k in PLACE_KINDS}
    places = place_choices(dataset.geography, kind_names, lang)
    geo = b.selectbox(
        t("curation.place", lang),
        list(places),
        index=None,
        key=_key("geo"),
        placeholder=t("curation.place_placeholder", lang),
        format_func=lambda g: places.get(g, g),
    )

    c, d, e, f = st.columns(4)
    period = c.text_input(
        t("curation.period", lang),
        key=_key("period"),
        placeholder="2011-01",
        help=t("curation.period_help", lang),
    )
    value = d.text_input(
        t("curation.value", lang),
        key=_key("value"),
        placeholder="30000",
        help=t("curation.value_help", lang),
    )
    bound = e.selectbox(
        t("curation.bound", lang),
        BOUNDS,
        index=None,
        key=_key("bound"),
        placeholder=t("curation.bound_placeholder", lang),
        format_func=lambda x: t(f"curation.bound_example.{x}", lang),
    )
    status = f.selectbox(
        t("curation.status", lang),
        STATUSES,
        index=None,
        key=_key("status"),
        placeholder=t("curation.status_placeholder", lang),
        format_func=lambda s: t(f"status.{s}", lang),
        help="  \n".join(
            f"**{t(f'status.{s}', lang)}**: {t(f'status_help.{s}', lang)}" for s in STATUSES
        ),
    )
    if status:
        f.caption(t(f"status_help.{status}", lang))
    quote = st.text_area(
        t("curation.quote", lang), key=_key("quote"), help=t("curation.quote_help", lang)
    )
    g, h = st.columns(2)
    claimant = g.text_input(
        t("curation.claimant", lang), key=_key("claimant"), help=t("curation.claimant_help", lang)
    )
    operator = h.text_input(
        t("curation.operator", lang), key=_key("operator"), help=t("curation.operator_help", lang)
    )
    inferred = st.checkbox(t("curation.period_inferred", lang), key=_key("period_inferred"))
    note = st.text_area(
        t("curation.note", lang), key=_key("note"), height=80, help=t("curation.note_help", lang)
    )

    fields = {
        "source": source_id,
        "indicator": indicator,
        "geo": geo,
        "period": period,
        "value": value,
        "bound": bound,
        "status": status,
        "quote": quote,
        "claimant": claimant,
        "operator": operator,
        "period_inferred": inferred,
        "note": note,
    }
    _result(lang)
    if not any(v for k, v in fields.items() if k != "period_inferred") and not source_fields:
        st.info(t("curation.start", lang))
        return

    text, problems = curation.draft_observation(fields, dataset, source_fields)
    errors = [p for p in problems if p.is_error]
    if problems:
        st.markdown(t("curation.problems", lang, n=len(problems)))
        # Fields not filled in yet: one calm list rather than a wall of errors whose hint
        # ("add 'period:' to the record") speaks of YAML the form writes itself.
        missing = [p for p in problems if p.code == "missing-field"]
        if missing:
            st.warning("  \n".join(md(p.message) for p in missing))
        for problem in problems:
            if problem.code != "missing-field":
                new_source = problem.file == curation.NEW_SOURCE_FILE
                _problem(problem, f"{md(t('curation.new_source', lang))} " if new_source else "")
    else:
        st.success(t("curation.valid", lang))

    _preview(data_dir, source_id, text, source_fields, errors, allowed, lang)


def _result(lang: str) -> None:
    result = st.session_state.pop(RESULT, None)  # shown once: the next edit clears it
    if not result:
        return
    kind, text = result
    if kind == "written":
        st.success(md(text))
        return
    st.error(md(text))  # the message itself says that nothing was written, and why
    st.button(t("curation.reread", lang), key=_key("reread"), on_click=_forget_signatures)


def _preview(data_dir, source_id, text, source_fields, errors, allowed, lang) -> None:
    """The YAML to paste (with its copy button), the download, the write button."""
    try:
        path = curation.target_path(data_dir, "observations", source_id or "")
    except curation.CurationError:
        st.code(text, language="yaml")
        return
    shown = f"data/observations/{path.name}"
    writes = []
    if source_fields is not None:
        source_text = curation.record_yaml("sources", source_fields)
        sources_path = curation.target_path(data_dir, "sources", source_id)
        writes.append(
            curation.PendingWrite("sources", source_id, source_text, _signature(sources_path))
        )
    expected = _signature(path)
    writes.append(curation.PendingWrite("observations", source_id, text, expected))
    if path.exists():
        st.markdown(t("curation.paste_under", lang, file=shown))
        st.code(text, language="yaml")
    else:
        st.markdown(t("curation.new_file", lang, file=shown))
        st.code(curation.new_file_text("observations", source_id, text), language="yaml")
    if source_fields is not None:
        st.markdown(t("curation.add_source", lang))
        st.code(writes[0].record, language="yaml")
    try:
        whole = curation.file_with_record(path, "observations", source_id, text)
    except curation.CurationError:
        whole = None
    left, right = st.columns(2)
    if whole is not None:
        left.download_button(
            t("curation.download", lang),
            whole,
            file_name=path.name,
            mime="application/x-yaml",
            key=_key("download"),
            disabled=bool(errors),
        )
    if not allowed:
        st.caption(t("curation.write_off", lang))
        return
    right.button(
        t("curation.write", lang),
        key=_key("write"),
        type="primary",
        disabled=bool(errors),
        help=t("curation.write_help", lang, file=shown),
        on_click=_write,
        args=(str(data_dir), writes, allowed, lang),
    )
