"""The promises ledger: every target, forecast and potential, set against what happened.

A *promise* is an observation whose status is target, forecast or potential. Each one is
matched to the recorded figures (status observed or declared) of the same place and of
a comparable indicator nearest its horizon, and gets a verdict with its reason in French
and English. The rules, which the Outlook page also prints:

Place
    A promise only meets figures of its own place (``geo`` equal): a park is never
    judged on its city's figure, nor a city on its region's. The data has no flag saying
    a park is a whole city, so there is no exception.

Comparable indicators (``FAMILIES``)
    Each indicator belongs to a family (what is counted, in which unit) and covers a part
    of the sector. Families never mix units, so positions (seats) never meet jobs
    (headcount), and a stock never meets a flow. Inside a family, call centres are a part
    of offshoring (``PART_OF``): a call-centre figure set against an offshoring promise
    only shows *at least* that much offshoring, and an offshoring figure set against a
    call-centre promise only shows *at most* that much. An operator's own figure is
    likewise a part of its place's total, and two different operators never meet. The
    reason says so each time. An indicator missing from ``FAMILIES`` is its own family.

Flows (jobs created, hires, potentials)
    A flow is counted over a period. The promise counts from its announcement (or over
    its own range) to its horizon. A figure counted over a period inside the promise's is
    a part of it, over a period around it a whole; periods that merely overlap cannot be
    compared, and the verdict says "cannot tell".

When
    The horizon is the end of the promise's period. A figure qualifies if its period
    overlaps the window of ``WINDOW_YEARS`` year(s) either side of the horizon, is not
    from the promise's own source (a source's baseline is not an outcome) and is not
    older than the announcement (a stock must start on or after the source's
    publication date, a flow must end after it). The nearest are those of the same
    scope first (same indicator coverage and operator), then the smallest gap between
    the figure's period and the horizon; ties are all kept (sources disagree).
    A figure below a floor target only settles "missed" if it is dated within the
    horizon period or later; one that may be more than the window after the horizon
    settles nothing.

Bounds
    Values are intervals: exact v = [v, v]; approx v = [v - 10 %, v + 10 %]
    (``APPROX_TOLERANCE``); lower "more than v" = (v, inf); upper "fewer than v" =
    [0, v). A target is a threshold: exact v must reach v; approx v must reach
    v - 10 % ("about v" is reached by anything about v or more); lower "more than v"
    must exceed v; upper "fewer than v" is a ceiling: it must stay below v. Met if the
    figure's whole interval fulfils the threshold, missed if none of it does, and
    "cannot tell" (``unknown``) otherwise. The verdict never claims more than the bounds
    allow.

Verdicts
    met, missed, unknown (cannot tell), pending (horizon not reached on ``today``, or no
    comparable figure recorded within the window), not comparable (the only figures
    within the window at that place measure something else; the reason names them).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass

import pandas as pd

from indicators.analysis.dataset import OBSERVED, PROJECTED, Dataset
from indicators.analysis.growth import years_to_reach
from indicators.data.geography import COUNTRY, normalize
from indicators.data.model import parse_period
from indicators.render.formats import date_text, number, unit_label, value_text
from indicators.render.i18n import LANGUAGES, catalogue, t

APPROX_TOLERANCE = 0.10
WINDOW_YEARS = 1
VERDICTS = ("met", "missed", "pending", "unknown", "not_comparable")
VERDICT_ICONS = {
    "met": "✔",
    "missed": "✘",
    "pending": "…",
    "unknown": "?",
    "not_comparable": "≠",
}

# indicator -> (family, coverage). A family is one measure in one unit; the coverage says
# which part of the sector it counts (see PART_OF).
FAMILIES: dict[str, tuple[str, str]] = {
    # headcount at a date (unit: jobs)
    "call_centre_jobs": ("headcount", "call_centres"),
    "offshoring_jobs": ("headcount", "offshoring"),
    "other_offshoring_jobs": ("headcount", "offshoring_other"),
    # workstations at a date (unit: positions)
    "call_centre_positions": ("seats", "call_centres"),
    "offshoring_positions": ("seats", "offshoring"),
    # jobs created over a period (unit: jobs)
    "offshoring_jobs_created": ("jobs_created", "offshoring"),
    "call_centre_jobs_created": ("jobs_created", "call_centres"),
    "job_creation_potential": ("jobs_created", "offshoring"),
    "planned_hires": ("jobs_created", "offshoring"),
    # centres in operation at a date (unit: centres)
    "call_centres": ("centres", "call_centres"),
    # revenue (units: dirhams, euros)
    "offshoring_revenue": ("revenue_mad", "offshoring"),
    "call_centre_revenue": ("revenue_mad", "call_centres"),
    "offshoring_revenue_eur": ("revenue_eur", "offshoring"),
    "call_centre_revenue_eur": ("revenue_eur", "call_centres"),
    # companies at a date (unit: companies)
    "offshoring_companies": ("companies", "offshoring"),
    "call_centre_companies": ("companies", "call_centres"),
}
# (part, whole): a figure of the first coverage counts a part of the second.
PART_OF = {("call_centres", "offshoring"), ("offshoring_other", "offshoring")}
FLOW_FAMILIES = {"jobs_created"}
# Families whose level can grow at a rate: years-to-target makes sense for them only.
STOCK_FAMILIES = {"headcount", "seats", "centres", "companies"}
KIND_ORDER = {"country": 0, "region": 1, "city": 2, "park": 3}

LEDGER_COLUMNS = [
    "promise_id",
    "indicator",
    "family",
    "coverage",
    "geo",
    "geo_kind",
    "place_fr",
    "place_en",
    "region",
    "city",
    "unit",
    "value",
    "bound",
    "status",
    "period",
    "period_inferred",
    "horizon_start",
    "horizon_end",
    "horizon_year",
    "announced",
    "announced_text",
    "announced_inferred",
    "announced_year",
    "claimant",
    "operator",
    "source",
    "quote",
    "note",
    "file",
    "line",
    "verdict",
    "reason_code",
    "reason_fr",
    "reason_en",
    "matched",
    "matched_count",
    "matched_value",
    "matched_bound",
    "matched_unit",
    "matched_indicator",
    "matched_period",
    "matched_status",
    "matched_source",
    "relation",
]


# --- intervals ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    """The values a recorded figure can stand for."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False


def interval(value: float, bound: str, tolerance: float = APPROX_TOLERANCE) -> Interval:
    """exact v = [v, v]; approx v = [v - tol, v + tol]; lower = (v, inf); upper = [0, v)."""
    value = float(value)
    if bound == "approx":
        return Interval(value * (1 - tolerance), value * (1 + tolerance))
    if bound == "lower":
        return Interval(value, math.inf, lo_open=True, hi_open=True)
    if bound == "upper":
        return Interval(min(0.0, value), value, hi_open=True)
    return Interval(value, value)


def widen(span: Interval, relation: str) -> Interval:
    """What a figure says about a promise's quantity: a part only gives a floor, a whole
    only a ceiling."""
    if relation == "part":
        return Interval(span.lo, math.inf, span.lo_open, True)
    if relation == "whole":
        return Interval(min(0.0, span.lo), span.hi, False, span.hi_open)
    return span


def threshold(value: float, bound: str, tolerance: float = APPROX_TOLERANCE):
    """(kind, level, strict) of a target: a floor to reach or a ceiling to stay under."""
    value = float(value)
    if bound == "upper":
        return "ceiling", value, True
    if bound == "lower":
        return "floor", value, True
    if bound == "approx":
        return "floor", value * (1 - tolerance), False
    return "floor", value, False


def reach(span: Interval, target_value: float, target_bound: str) -> str:
    """met / missed / unknown for a figure's interval against a target."""
    kind, level, strict = threshold(target_value, target_bound)
    if kind == "ceiling":  # stay strictly below level
        if span.hi < level or (span.hi == level and span.hi_open):
            return "met"
        if span.lo >= level:
            return "missed"
        return "unknown"
    if strict:  # exceed level
        if span.lo > level or (span.lo == level and span.lo_open):
            return "met"
        if span.hi <= level:
            return "missed"
        return "unknown"
    if span.lo >= level:
        return "met"
    if span.hi < level or (span.hi == level and span.hi_open):
        return "missed"
    return "unknown"


# --- families and scope ------------------------------------------------------------------
def family_of(indicator: str) -> tuple[str, str]:
    return FAMILIES.get(indicator, (indicator, indicator))


def _combine(first: str | None, second: str | None) -> str | None:
    if first is None or second is None:
        return None
    if first == "same":
        return second
    if second in ("same", first):
        return first
    return None  # a part on one side and a whole on the other


def coverage_relation(promise_coverage: str, figure_coverage: str) -> str | None:
    if promise_coverage == figure_coverage:
        return "same"
    if (figure_coverage, promise_coverage) in PART_OF:
        return "part"
    if (promise_coverage, figure_coverage) in PART_OF:
        return "whole"
    return None


def operator_relation(promise_operator, figure_operator) -> str | None:
    mine, theirs = _operator(promise_operator), _operator(figure_operator)
    if mine == theirs:
        return "same"
    if not mine:
        return "part"  # an operator's own figure is part of its place's total
    if not theirs:
        return "whole"  # the place's total includes more than the operator
    return None


def _operator(name) -> str:
    return normalize(name) if isinstance(name, str) and name.strip() else ""


def relation(promise: dict, figure: dict) -> str | None:
    """same / part / whole: how the figure's quantity relates to the promise's; None if
    they cannot be compared (other family, other operator, disjoint parts)."""
    p_family, p_cov = family_of(promise["indicator"])
    f_family, f_cov = family_of(figure["indicator"])
    if p_family != f_family or promise.get("unit") != figure.get("unit"):
        return None
    return _combine(
        coverage_relation(p_cov, f_cov),
        operator_relation(promise.get("operator"), figure.get("operator")),
    )


# --- dates -------------------------------------------------------------------------------
def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def decimal_year(day: dt.date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def horizon_x(row: dict) -> float:
    """Where a promise sits on a year axis: its period's middle, or the end of a range
    ("2010/2019" is a promise for 2019)."""
    if row.get("period_precision") == "range":
        return decimal_year(row["period_end"])
    return float(row["year"])


def gap_days(start: dt.date, end: dt.date, horizon: dt.date) -> int:
    if start <= horizon <= end:
        return 0
    return min(abs((start - horizon).days), abs((end - horizon).days))


# --- text helpers ------------------------------------------------------------------------
def _period_text(text: str, lang: str) -> str:
    return date_text(text, lang)


def _figure_text(row: dict, ds: Dataset, lang: str) -> str:
    source = ds.source(row["source"])
    publisher = source["publisher"] if source else row["source"]
    return t(
        "ledger.figure",
        lang,
        value=value_text(row["value"], row["bound"], row["unit"], lang),
        indicator=ds.indicator_label(row["indicator"], lang),
        period=_period_text(row["period"], lang),
        status=t(f"status.{row['status']}", lang),
        source=publisher,
    )


def _target_text(row: dict, lang: str) -> str:
    return value_text(row["value"], row["bound"], row["unit"], lang)


def _span_text(span: Interval, unit: str, lang: str) -> str:
    if span.hi == math.inf:
        key = "ledger.span.more_than" if span.lo_open else "ledger.span.at_least"
        return t(key, lang, value=value_text(span.lo, "exact", unit, lang))
    if span.lo <= 0 and span.lo != span.hi:
        key = "ledger.span.fewer_than" if span.hi_open else "ledger.span.at_most"
        return t(key, lang, value=value_text(span.hi, "exact", unit, lang))
    if span.lo == span.hi:
        return value_text(span.lo, "exact", unit, lang)
    return t(
        "ledger.span.between",
        lang,
        low=value_text(span.lo, "exact", None, lang),
        high=value_text(span.hi, "exact", unit, lang),
    )


def _family_label(family: str, ds: Dataset, lang: str) -> str:
    named = catalogue(lang).get(f"ledger.family.{family}")  # a few families have a name
    return named or ds.indicator_label(family, lang)


def family_label(family: str, ds: Dataset, lang: str) -> str:
    """A family's name for a chart panel or a reason."""
    return _family_label(family, ds, lang)


class _Reason:
    """A reason built once and rendered in every language."""

    def __init__(self):
        self.parts: list[tuple[str, dict]] = []

    def add(self, key: str, **values):
        self.parts.append((key, values))

    def render(self, lang: str) -> str:
        out = []
        for key, values in self.parts:
            ready = {k: (v(lang) if callable(v) else v) for k, v in values.items()}
            out.append(t(f"ledger.reason.{key}", lang, **ready))
        return " ".join(out)


# --- the ledger --------------------------------------------------------------------------
def _announcements(ds: Dataset) -> dict[str, tuple[dt.date | None, str, bool]]:
    out = {}
    for row in ds.sources.to_dict("records"):
        text = row.get("published") or ""
        start = None
        if text:
            try:
                start = parse_period(text).start
            except Exception:  # a source that failed validation keeps no date
                start = None
        out[row["id"]] = (start, text if start else "", bool(row.get("published_inferred")))
    return out


def promises(ds: Dataset) -> pd.DataFrame:
    """Every target, forecast and potential, with its horizon and announcement date."""
    obs = ds.observations
    rows = obs[obs["status"].isin(PROJECTED)]
    announced = _announcements(ds)
    out = []
    for index, row in rows.iterrows():
        family, coverage = family_of(row["indicator"])
        when, when_text, inferred = announced.get(row["source"], (None, "", False))
        out.append(
            {
                **row.to_dict(),
                "promise_id": f"{row['file']}:{row['line']}",
                "obs_index": index,
                "family": family,
                "coverage": coverage,
                "horizon_start": row["period_start"],
                "horizon_end": row["period_end"],
                "horizon_year": horizon_x(row.to_dict()),
                "announced": when,
                "announced_text": when_text,
                "announced_inferred": inferred,
                "announced_year": decimal_year(when) if when else None,
            }
        )
    return pd.DataFrame(out)


def _counting_relation(promise: dict, figure: dict) -> str | None:
    """For flows: how the figure's counting period sits against the promise's."""
    if promise.get("period_precision") == "range":
        start = promise["horizon_start"]
    else:
        start = promise.get("announced")
    if start is None:
        return "unknown_start"
    end = promise["horizon_end"]
    inside = figure["period_start"] >= start and figure["period_end"] <= end
    around = figure["period_start"] <= start and figure["period_end"] >= end
    if inside and around:
        return "same"
    if inside:
        return "part"
    if around:
        return "whole"
    return "differ"


def _promise_period(promise: dict, lang: str) -> str:
    if promise.get("period_precision") == "range":
        return _period_text(promise["period"], lang)
    start = promise.get("announced")
    first = date_text(promise["announced_text"], lang) if start else "?"
    return f"{first} – {_period_text(promise['period'], lang)}"


def _candidates(promise: dict, pool: pd.DataFrame):
    """(comparable, not comparable) figures at the promise's place within the window."""
    horizon = promise["horizon_end"]
    low, high = add_years(horizon, -WINDOW_YEARS), add_years(horizon, WINDOW_YEARS)
    flow = promise["family"] in FLOW_FAMILIES
    announced = promise.get("announced")
    comparable, other = [], []
    for index, fig in pool.iterrows():
        if fig["source"] == promise["source"]:
            continue  # a source's own baseline is not an outcome
        if fig["period_start"] > high or fig["period_end"] < low:
            continue
        if announced is not None:
            fig_flow = family_of(fig["indicator"])[0] in FLOW_FAMILIES
            if (flow or fig_flow) and fig["period_end"] < announced:
                continue
            if not (flow or fig_flow) and fig["period_start"] < announced:
                continue
        record = {**fig.to_dict(), "obs_index": index}
        rel = relation(promise, record)
        if rel is None:
            other.append(record)
            continue
        if flow:
            counting = _counting_relation(promise, record)
            combined = _combine(rel, counting) if counting in ("same", "part", "whole") else None
            if combined is None:
                record["counting"] = "differ" if counting != "unknown_start" else counting
            else:
                record["counting"], rel = counting, combined
        record["relation"] = rel
        record["depth"] = _depth(promise, record)
        record["gap"] = gap_days(fig["period_start"], fig["period_end"], horizon)
        comparable.append(record)
    return comparable, other


def _depth(promise: dict, fig: dict) -> int:
    """How many ways a figure's scope differs from the promise's (coverage, operator,
    counting period): 0 is the same quantity; the fewer, the more a figure says."""
    coverage = promise["coverage"] != family_of(fig["indicator"])[1]
    operator = _operator(promise.get("operator")) != _operator(fig.get("operator"))
    counting = fig.get("counting") not in (None, "same")
    return int(coverage) + int(operator) + int(counting)


def _why_not(promise: dict, fig: dict, ds: Dataset) -> dict:
    """Why a figure cannot be set against a promise, as reason values."""
    p_family, p_cov = family_of(promise["indicator"])
    f_family, f_cov = family_of(fig["indicator"])
    if promise["unit"] != fig["unit"]:
        return {
            "key": "nc_unit",
            "unit": lambda lang: unit_label(fig["unit"], lang),
            "target_unit": lambda lang: unit_label(promise["unit"], lang),
        }
    if p_family != f_family:
        return {
            "key": "nc_family",
            "family": lambda lang: _family_label(f_family, ds, lang),
            "target_family": lambda lang: _family_label(p_family, ds, lang),
        }
    if coverage_relation(p_cov, f_cov) is None:
        return {"key": "nc_coverage"}
    return {
        "key": "nc_operator",
        "operator": fig.get("operator") or "",
        "target_operator": promise.get("operator") or "",
    }


def _judge_one(promise: dict, fig: dict) -> tuple[str, str]:
    """(verdict, why) for one comparable figure; ``why`` names the reason's clause."""
    flow = promise["family"] in FLOW_FAMILIES
    if flow and fig.get("counting") in ("differ", "unknown_start"):
        return "unknown", fig["counting"]
    span = widen(interval(fig["value"], fig["bound"]), fig["relation"])
    verdict = reach(span, promise["value"], promise["bound"])
    kind = threshold(promise["value"], promise["bound"])[0]
    if not flow:  # a flow's counting period already placed it in time
        if fig["period_end"] > add_years(promise["horizon_end"], WINDOW_YEARS):
            return "unknown", "date_late"
        settled_early = verdict == "met" and kind == "floor"  # reaching early counts
        early = fig["period_start"] < promise["horizon_start"]
        if verdict != "unknown" and not settled_early and early:
            return "unknown", "date_early"
    if verdict == "unknown":
        return "unknown", "bounds"
    return verdict, f"{verdict}_{kind}"


def _target_text_full(promise: dict, lang: str) -> str:
    text = _target_text(promise, lang)
    if promise["bound"] == "approx":
        floor = threshold(promise["value"], "approx")[1]
        return t(
            "ledger.target_approx",
            lang,
            target=text,
            floor=value_text(floor, "exact", promise["unit"], lang),
        )
    return text


def _explain_figure(reason: _Reason, promise: dict, fig: dict, why: str, ds: Dataset):
    """The clauses about one matched figure: its scope, then the comparison."""
    rel = fig["relation"]
    span = widen(interval(fig["value"], fig["bound"]), rel)
    unit = promise["unit"]
    if rel in ("part", "whole"):
        if promise["coverage"] != family_of(fig["indicator"])[1]:
            reason.add(
                f"coverage_{rel}",
                indicator=lambda lang: ds.indicator_label(fig["indicator"], lang),
                target_indicator=lambda lang: ds.indicator_label(promise["indicator"], lang),
            )
        if _operator(promise.get("operator")) != _operator(fig.get("operator")):
            reason.add(
                f"operator_{rel}",
                operator=fig.get("operator") or promise.get("operator") or "",
            )
        if fig.get("counting") in ("part", "whole"):
            reason.add(
                f"counting_{fig['counting']}",
                period=lambda lang: _period_text(fig["period"], lang),
                target_period=lambda lang: _promise_period(promise, lang),
            )
        reason.add("only_shows", span=lambda lang: _span_text(span, unit, lang))

    def figure(lang):
        if rel == "same":
            return value_text(fig["value"], fig["bound"], fig["unit"], lang)
        return _span_text(span, unit, lang)

    def target(lang):
        return _target_text_full(promise, lang)

    def period(lang):
        return _period_text(fig["period"], lang)

    if why == "differ":
        reason.add(
            "counting_differ",
            period=period,
            target_period=lambda lang: _promise_period(promise, lang),
        )
    elif why == "unknown_start":
        reason.add("counting_unknown")
    elif why == "date_late":
        reason.add("date_late", period=period)
    elif why == "date_early":
        reason.add(
            "date_early",
            period=period,
            horizon=lambda lang: _period_text(promise["period"], lang),
        )
    else:  # bounds, met_floor, missed_floor, met_ceiling, missed_ceiling
        reason.add(why, figure=figure, target=target)


def judge(
    promise: dict,
    pool: pd.DataFrame,
    ds: Dataset,
    today: dt.date,
    setbacks: list[dict] | None = None,
) -> dict:
    """The verdict of one promise against the recorded figures ``pool`` of its place."""
    horizon = promise["horizon_end"]
    comparable, other = _candidates(promise, pool)
    nearest: list[dict] = []
    if comparable:
        best = min((c["depth"], c["gap"]) for c in comparable)
        nearest = [c for c in comparable if (c["depth"], c["gap"]) == best]
        nearest.sort(key=lambda c: (c["period_end"], c["value"]))
    future = today <= horizon
    reason = _Reason()

    def horizon_text(lang):
        return _period_text(promise["period"], lang)

    def today_text(lang):
        return date_text(today.isoformat(), lang)

    if nearest:
        judged = [(*_judge_one(promise, fig), fig) for fig in nearest]
        verdicts = sorted({v for v, _, _ in judged})
        verdict = verdicts[0] if len(verdicts) == 1 else "unknown"
        code = "compared"
        if future and verdict != "met":
            verdict, code = "pending", "future"
            reason.add("future", horizon=horizon_text, today=today_text)
        reason.add(
            "nearest" if len(nearest) == 1 else "nearest_many",
            figures=lambda lang: "; ".join(_figure_text(f, ds, lang) for f in nearest),
        )
        for _, why, fig in judged:
            if len(judged) > 1:
                reason.add(
                    "each",
                    figure=lambda lang, f=fig: value_text(f["value"], f["bound"], f["unit"], lang),
                )
            _explain_figure(reason, promise, fig, why, ds)
        if len(verdicts) > 1:
            reason.add(
                "disagree",
                verdicts=lambda lang: ", ".join(t(f"ledger.verdict.{v}", lang) for v in verdicts),
            )
    elif future:
        verdict, code = "pending", "future"
        reason.add("future", horizon=horizon_text, today=today_text)
    elif other:
        verdict, code = "not_comparable", "not_comparable"
        seen, items = set(), []
        for fig in other:
            why = _why_not(promise, fig, ds)
            operator = fig.get("operator") if why["key"] == "nc_operator" else None
            mark = (fig["indicator"], why["key"], operator)
            if mark not in seen:
                seen.add(mark)
                items.append((fig, why))

        def listing(lang, items=items):
            texts = []
            for fig, why in items:
                values = {k: (v(lang) if callable(v) else v) for k, v in why.items() if k != "key"}
                texts.append(
                    t(
                        "ledger.reason.nc_item",
                        lang,
                        indicator=ds.indicator_label(fig["indicator"], lang),
                        why=t(f"ledger.reason.{why['key']}", lang, **values),
                    )
                )
            return "; ".join(texts)

        reason.add("not_comparable", place=lambda lang: promise[f"place_{lang}"], what=listing)
    else:
        verdict, code = "pending", "no_figure"
        low, high = add_years(horizon, -WINDOW_YEARS), add_years(horizon, WINDOW_YEARS)
        reason.add(
            "no_figure",
            place=lambda lang: promise[f"place_{lang}"],
            start=lambda lang: date_text(low.isoformat(), lang),
            end=lambda lang: date_text(high.isoformat(), lang),
        )
    if promise.get("period_inferred"):
        reason.add("horizon_inferred")
    for setback in setbacks or []:
        reason.add(
            "setback",
            title=lambda lang, s=setback: s[f"title_{lang}"],
            status=lambda lang, s=setback: t(f"milestone_status.{s['status']}", lang),
            date=lambda lang, s=setback: date_text(s["start"], lang),
        )
    first = nearest[0] if nearest else {}
    return {
        "verdict": verdict,
        "reason_code": code,
        **{f"reason_{lang}": reason.render(lang) for lang in LANGUAGES},
        "matched": [f["obs_index"] for f in nearest],
        "matched_count": len(nearest),
        "matched_value": first.get("value"),
        "matched_bound": first.get("bound"),
        "matched_unit": first.get("unit"),
        "matched_indicator": first.get("indicator"),
        "matched_period": first.get("period"),
        "matched_status": first.get("status"),
        "matched_source": first.get("source"),
        "relation": first.get("relation"),
    }


def build_ledger(ds: Dataset, today: dt.date | None = None) -> pd.DataFrame:
    """One row per promise with its verdict, reason (fr, en) and matched figure(s)."""
    today = today or dt.date.today()
    table = promises(ds)
    if table.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    obs = ds.observations
    recorded = obs[obs["status"].isin(OBSERVED)]
    by_place = {geo: rows for geo, rows in recorded.groupby("geo")}
    empty = recorded.iloc[0:0]
    ms = ds.milestones
    setbacks = ms[ms["status"].isin(["postponed", "cancelled"])]
    setbacks_by_place = {geo: rows.to_dict("records") for geo, rows in setbacks.groupby("geo")}
    rows = []
    for promise in table.to_dict("records"):
        pool = by_place.get(promise["geo"], empty)
        verdict = judge(promise, pool, ds, today, setbacks_by_place.get(promise["geo"]))
        rows.append({**promise, **verdict})
    ledger = pd.DataFrame(rows)
    keep = [c for c in LEDGER_COLUMNS if c in ledger] + ["obs_index", "period_precision", "year"]
    return ledger[keep].reset_index(drop=True)


# --- places ------------------------------------------------------------------------------
def in_place(frame: pd.DataFrame, geo: str, ds: Dataset) -> pd.Series:
    """Rows of ``frame`` (observations, milestones or ledger) at ``geo`` or inside it:
    a city shows its parks, a region its cities and parks (and its 1997 predecessor's
    figures drawn on it). Matching stays per place: this is only what a view shows."""
    kind, _, ident = geo.partition(":")
    mask = frame["geo"] == geo
    if kind == "city":
        mask |= frame["city"] == ident
    elif kind == "region" and ident in ds.geography.regions:
        mask |= frame["region"] == ident
    elif kind == "region" and ident in ds.geography.regions_1997:
        cities = ds.cities.loc[ds.cities["region_1997"] == ident, "id"]
        mask |= frame["city"].isin(set(cities))
    return mask


def places(ds: Dataset, ledger: pd.DataFrame) -> pd.DataFrame:
    """Every place with a promise of its own or inside it, with how many each view holds.

    Columns: geo, kind, label_fr, label_en, promises (in the view), own."""
    columns = ["geo", "kind", "label_fr", "label_en", "promises", "own"]
    if ledger.empty:
        return pd.DataFrame(columns=columns)
    geo = ds.geography
    wanted: set[str] = set()
    for place in set(ledger["geo"]):
        wanted.add(place)
        city = geo.city_of(place)
        if city:
            wanted.add(f"city:{city}")
        region, region_1997 = geo.region_of(place)
        if region:
            wanted.add(f"region:{region}")
        if region_1997:
            wanted.add(f"region:{region_1997}")
    rows = []
    for place in wanted:
        kind = place.partition(":")[0]
        rows.append(
            {
                "geo": place,
                "kind": kind,
                "label_fr": geo.label(place, "fr"),
                "label_en": geo.label(place, "en"),
                "promises": int(in_place(ledger, place, ds).sum()),
                "own": int((ledger["geo"] == place).sum()),
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    out["_kind"] = out["kind"].map(KIND_ORDER).fillna(9)
    out["_label"] = out["label_fr"].map(normalize)
    return (
        out.sort_values(["_kind", "_label"])
        .drop(columns=["_kind", "_label"])
        .reset_index(drop=True)
    )


def default_place(options: pd.DataFrame) -> str | None:
    """The place whose view holds most promises, the country aside (the national
    scenario already covers it); ties go to the place with most promises of its own."""
    if options.empty:
        return None
    pool = options[options["geo"] != COUNTRY]
    pool = pool if len(pool) else options
    best = pool.sort_values(["promises", "own", "geo"], ascending=[False, False, True])
    return str(best.iloc[0]["geo"])


def place_comparison(ledger: pd.DataFrame) -> pd.DataFrame:
    """For each place with promises: how many are met, missed, pending, unknown or not
    comparable. Counted per place (a park's promises are the park's, not its city's)."""
    columns = ["geo", "geo_kind", "place_fr", "place_en", *VERDICTS, "total"]
    if ledger.empty:
        return pd.DataFrame(columns=columns)
    counts = (
        ledger.groupby(["geo", "geo_kind", "place_fr", "place_en"])["verdict"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=list(VERDICTS), fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    counts["total"] = counts[list(VERDICTS)].sum(axis=1)
    counts = counts.sort_values(["total", "met", "geo"], ascending=[False, False, True])
    return counts[columns].reset_index(drop=True)


# --- years to target ---------------------------------------------------------------------
def current_level(promise: dict, ds: Dataset) -> dict | None:
    """The latest recorded figure of the promise's own place and scope (same family,
    coverage and operator), from any source: the level a growth rate starts from."""
    obs = ds.observations
    rows = obs[(obs["geo"] == promise["geo"]) & obs["status"].isin(OBSERVED)]
    same = [
        {**r, "obs_index": i}
        for i, r in zip(rows.index, rows.to_dict("records"), strict=True)
        if relation(promise, r) == "same"
    ]
    if not same:
        return None
    precision = {"exact": 0, "approx": 1, "lower": 2, "upper": 3}
    same.sort(key=lambda r: (r["period_end"], -precision.get(r["bound"], 9)))
    return same[-1]


# A level's bound says which way the year it reaches a target may be off.
YEAR_BOUND = {"exact": "exact", "approx": "approx", "lower": "upper", "upper": "lower"}


def years_to_target(ledger: pd.DataFrame, ds: Dataset, rate_percent: float) -> pd.DataFrame:
    """For each promise: the year its place's latest level would reach the target at
    ``rate_percent`` a year, compounded. Derived: years = log(target ÷ level) ÷
    log(1 + rate), from the end of the level's period."""
    columns = [
        "promise_id",
        "level_value",
        "level_bound",
        "level_period",
        "level_source",
        "reach_years",
        "reach_year",
        "year_bound",
        "formula",
        "derived",
        "reach_note",
    ]
    rows = []
    for promise in ledger.to_dict("records"):
        row = dict.fromkeys(columns)
        row.update(promise_id=promise["promise_id"], derived=True)
        if promise["family"] in FLOW_FAMILIES:
            row["reach_note"] = "flow"
        elif promise["family"] not in STOCK_FAMILIES:
            row["reach_note"] = "not_count"
        elif promise["bound"] == "upper":
            row["reach_note"] = "ceiling"
        else:
            level = current_level(promise, ds)
            if level is None:
                row["reach_note"] = "no_level"
            else:
                years = years_to_reach(level["value"], promise["value"], rate_percent)
                base = level["period_end"].year
                row.update(
                    level_value=level["value"],
                    level_bound=level["bound"],
                    level_period=level["period"],
                    level_source=level["source"],
                    reach_years=years,
                    reach_year=None if years is None else base + years,
                    year_bound=YEAR_BOUND.get(level["bound"], "exact"),
                    formula=(
                        f"log({number(promise['value'], 'en')} ÷ "
                        f"{number(level['value'], 'en')}) ÷ log(1 + {rate_percent}%)"
                    ),
                    reach_note="reached"
                    if years == 0
                    else ("never" if years is None else "derived"),
                )
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def year_text(row: dict, lang: str) -> str:
    """ "around 2015.3", "around 2015.3 at the latest", "never at this rate"..."""
    note = row.get("reach_note")
    if note in ("flow", "not_count", "ceiling", "no_level", "never", "reached"):
        return t(f"ledger.reach.{note}", lang)
    bound = row.get("year_bound") or "exact"
    year = f"{row['reach_year']:.1f}"  # a year: no thousands separator
    return t(
        f"ledger.reach.year_{bound}", lang, year=year.replace(".", ",") if lang == "fr" else year
    )


def wrap(text: str, width: int = 70) -> list[str]:
    """Long text cut into lines for a chart's hover."""
    return textwrap.wrap(str(text), width) or [""]
