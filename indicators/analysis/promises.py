"""The promises ledger: every target, forecast and potential, set against what happened.

A *promise* is an observation whose status is target, forecast or potential. Each one is
matched to the recorded figures (status observed or declared) of the same place and of
a comparable indicator nearest its horizon, and gets a verdict with its reason: a list
of ``Reason`` clauses (a key and language-free values), turned into text by
``render/reasons.py`` where it is shown. No language here, and no ``Dataset``: the judge
reads plain frames. The rules, which the Outlook page also prints:

Place
    A promise only meets figures of its own place (``geo`` equal): a park is never
    judged on its city's figure, nor a city on its region's. The data has no flag saying
    a park is a whole city, so there is no exception.

Comparable indicators (``family``, ``coverage`` and ``flow`` in data/indicators.yaml)
    Each indicator belongs to a family (what is counted, in which unit) and covers a part
    of the sector. Families never mix units, so positions (seats) never meet jobs
    (headcount), and a stock never meets a flow. Inside a family, call centres are a part
    of offshoring (``PART_OF``): a call-centre figure set against an offshoring promise
    only shows *at least* that much offshoring, and an offshoring figure set against a
    call-centre promise only shows *at most* that much. An operator's own figure is
    likewise a part of its place's total, and two different operators never meet. The
    reason says so each time. An indicator without a family is never judged: its targets
    are left out of the ledger, and its figures only ever count as "not comparable".

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

Bounds (``intervals.py``)
    Values are intervals: exact v = [v, v]; approx v = [v - 10 %, v + 10 %]
    (``APPROX_TOLERANCE``); lower "more than v" = (v, inf); upper "fewer than v" =
    [0, v). A target is a threshold: exact v must reach v; approx v must reach
    v - 10 % ("about v" is reached by anything about v or more); lower "more than v"
    must exceed v; upper "fewer than v" is a ceiling: it must stay below v. Met if the
    figure's whole interval fulfils the threshold, missed if none of it does, and
    "cannot tell" (``unknown``) otherwise. The verdict never claims more than the bounds
    allow.

Verdicts
    met, missed, unknown (cannot tell), pending (horizon not reached on ``today``),
    unverifiable (the horizon is past and no comparable figure is recorded within the
    window: the reason names the nearest comparable figure outside it, if any, and says
    "probably missed" when that figure, dated after the horizon, is below the target),
    not comparable (the only figures within the window at that place measure something
    else; the reason names them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from indicators.analysis.dataset import OBSERVED, PROJECTED
from indicators.analysis.intervals import Interval, interval, reach, threshold, widen
from indicators.data.geography import normalize
from indicators.data.model import decimal_year

WINDOW_YEARS = 1
VERDICTS = ("met", "missed", "pending", "unverifiable", "unknown", "not_comparable")
# (part, whole): a figure of the first coverage counts a part of the second.
PART_OF = {("call_centres", "offshoring"), ("offshoring_other", "offshoring")}

# One row per promise: the observation, its horizon and announcement, then the verdict.
LEDGER_COLUMNS = [
    "promise_id",
    "indicator",
    "family",
    "coverage",
    "flow",
    "geo",
    "geo_kind",
    "place_fr",
    "place_en",
    "place_ar",
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
    "reasons",
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


# --- reasons, in no language -------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """One clause of a verdict's reason: its key (``ledger.reason.<key>`` in the locales)
    and the values it names, each a number, a text from data, an ``Amount``, a ``Span``,
    a ``Ref``, another ``Reason`` or a tuple of them."""

    key: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Amount:
    """A value with its bound and unit ("more than 30,000 jobs")."""

    value: float
    bound: str
    unit: str


@dataclass(frozen=True)
class Span:
    """What a figure shows of a promise's quantity ("at least 500 jobs")."""

    interval: Interval
    unit: str


@dataclass(frozen=True)
class Ref:
    """Something named by id, for the reader's language: an indicator, place, source,
    family, unit, status, milestone_status or verdict; a date (a period as curated), or
    a date_range (start or None, end)."""

    kind: str
    id: object


# --- families and scope ------------------------------------------------------------------
def with_families(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """``observations`` with each indicator's family, coverage and flow (from
    data/indicators.yaml; None, None and False for an indicator without a family)."""
    facts = {row["id"]: row for row in indicators.to_dict("records")}
    out = observations.copy()
    for column in ("family", "coverage"):
        values = (facts.get(i, {}).get(column) for i in observations["indicator"])
        out[column] = [v if isinstance(v, str) else None for v in values]
    out["flow"] = [facts.get(i, {}).get("flow") in (True,) for i in observations["indicator"]]
    return out


def slug(value) -> str | None:
    """A family or coverage read from a frame row, or None (pandas turns a missing
    text into NaN)."""
    return value if isinstance(value, str) else None


def _combine(first: str | None, second: str | None) -> str | None:
    if first is None or second is None:
        return None
    if first == "same":
        return second
    if second in ("same", first):
        return first
    return None  # a part on one side and a whole on the other


def coverage_relation(promise_coverage, figure_coverage) -> str | None:
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
    they cannot be compared (no family, other family or unit, other operator, disjoint
    parts). Both need ``family``, ``coverage`` and ``unit``."""
    family = slug(promise.get("family"))
    if not family or family != slug(figure.get("family")):
        return None
    if promise.get("unit") != figure.get("unit"):
        return None
    return _combine(
        coverage_relation(slug(promise.get("coverage")), slug(figure.get("coverage"))),
        operator_relation(promise.get("operator"), figure.get("operator")),
    )


# --- dates -------------------------------------------------------------------------------
def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def gap_days(start: dt.date, end: dt.date, horizon: dt.date) -> int:
    if start <= horizon <= end:
        return 0
    return min(abs((start - horizon).days), abs((end - horizon).days))


# --- the ledger --------------------------------------------------------------------------
def promises(observations: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every target, forecast and potential of an indicator with a family, with its
    horizon and announcement date. ``observations`` come through ``with_families``."""
    rows = observations[observations["status"].isin(PROJECTED) & observations["family"].notna()]
    announced = {
        row["id"]: (row["published_start"], row["published"], row["published_inferred"])
        for row in sources.to_dict("records")
        if isinstance(row["published_start"], dt.date)
    }
    out = []
    for index, row in zip(rows.index, rows.to_dict("records"), strict=True):
        when, when_text, inferred = announced.get(row["source"], (None, "", False))
        ranged = row["period_precision"] == "range"  # "2010/2019" is a promise for 2019
        out.append(
            {
                **row,
                "promise_id": f"{row['file']}:{row['line']}",
                "obs_index": index,
                "horizon_start": row["period_start"],
                "horizon_end": row["period_end"],
                "horizon_year": decimal_year(row["period_end"]) if ranged else row["year"],
                "announced": when,
                "announced_text": when_text,
                "announced_inferred": bool(inferred),
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


def _promise_period(promise: dict) -> Ref:
    """The period a promise counts over: its range, or from its announcement."""
    if promise.get("period_precision") == "range":
        return Ref("date", promise["period"])
    first = promise["announced_text"] if promise.get("announced") else None
    return Ref("date_range", (first, promise["period"]))


def _candidates(promise: dict, pool: list[dict], window: int | None = WINDOW_YEARS):
    """(comparable, not comparable) figures at the promise's place within the window
    (``window`` years either side of the horizon; any date when None)."""
    horizon = promise["horizon_end"]
    if window is None:
        low, high = dt.date.min, dt.date.max
    else:
        low, high = add_years(horizon, -window), add_years(horizon, window)
    flow = promise["flow"]
    announced = promise.get("announced")
    comparable, other = [], []
    for fig in pool:
        if fig["source"] == promise["source"]:
            continue  # a source's own baseline is not an outcome
        if fig["period_start"] > high or fig["period_end"] < low:
            continue
        if announced is not None:
            if (flow or fig["flow"]) and fig["period_end"] < announced:
                continue
            if not (flow or fig["flow"]) and fig["period_start"] < announced:
                continue
        record = dict(fig)
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
    coverage = slug(promise["coverage"]) != slug(fig["coverage"])
    operator = _operator(promise.get("operator")) != _operator(fig.get("operator"))
    counting = fig.get("counting") not in (None, "same")
    return int(coverage) + int(operator) + int(counting)


def _why_not(promise: dict, fig: dict) -> Reason:
    """Why a figure cannot be set against a promise."""
    if promise["unit"] != fig["unit"]:
        return Reason(
            "nc_unit",
            {"unit": Ref("unit", fig["unit"]), "target_unit": Ref("unit", promise["unit"])},
        )
    family = slug(fig["family"])
    if promise["family"] != family:
        theirs = Ref("family", family) if family else Ref("indicator", fig["indicator"])
        return Reason(
            "nc_family", {"family": theirs, "target_family": Ref("family", promise["family"])}
        )
    if coverage_relation(slug(promise["coverage"]), slug(fig["coverage"])) is None:
        return Reason("nc_coverage")
    return Reason(
        "nc_operator",
        {"operator": fig.get("operator") or "", "target_operator": promise.get("operator") or ""},
    )


def _judge_one(promise: dict, fig: dict) -> tuple[str, str]:
    """(verdict, why) for one comparable figure; ``why`` names the reason's clause."""
    flow = promise["flow"]
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


def _target(promise: dict):
    target = Amount(promise["value"], promise["bound"], promise["unit"])
    if promise["bound"] != "approx":
        return target
    floor = threshold(promise["value"], "approx")[1]
    return Reason("target_approx", {"target": target, "floor": Amount(floor, "exact", target.unit)})


def _amount(row: dict) -> Amount:
    return Amount(row["value"], row["bound"], row["unit"])


def _explain_figure(promise: dict, fig: dict, why: str) -> list[Reason]:
    """The clauses about one matched figure: its scope, then the comparison."""
    rel = fig["relation"]
    span = Span(widen(interval(fig["value"], fig["bound"]), rel), promise["unit"])
    period = Ref("date", fig["period"])
    out = []
    if rel in ("part", "whole"):
        if slug(promise["coverage"]) != slug(fig["coverage"]):
            out.append(
                Reason(
                    f"coverage_{rel}",
                    {
                        "indicator": Ref("indicator", fig["indicator"]),
                        "target_indicator": Ref("indicator", promise["indicator"]),
                    },
                )
            )
        if _operator(promise.get("operator")) != _operator(fig.get("operator")):
            operator = fig.get("operator") or promise.get("operator") or ""
            out.append(Reason(f"operator_{rel}", {"operator": operator}))
        if fig.get("counting") in ("part", "whole"):
            out.append(
                Reason(
                    f"counting_{fig['counting']}",
                    {"period": period, "target_period": _promise_period(promise)},
                )
            )
        out.append(Reason("only_shows", {"span": span}))
    if why == "differ":
        params = {"period": period, "target_period": _promise_period(promise)}
        out.append(Reason("counting_differ", params))
    elif why == "unknown_start":
        out.append(Reason("counting_unknown"))
    elif why == "date_late":
        out.append(Reason("date_late", {"period": period}))
    elif why == "date_early":
        out.append(
            Reason("date_early", {"period": period, "horizon": Ref("date", promise["period"])})
        )
    else:  # bounds, met_floor, missed_floor, met_ceiling, missed_ceiling
        shown = _amount(fig) if rel == "same" else span
        out.append(Reason(why, {"figure": shown, "target": _target(promise)}))
    return out


def _figure(fig: dict) -> Reason:
    return Reason(
        "figure",
        {
            "value": _amount(fig),
            "indicator": Ref("indicator", fig["indicator"]),
            "period": Ref("date", fig["period"]),
            "status": Ref("status", fig["status"]),
            "source": Ref("source", fig["source"]),
        },
    )


def judge(promise: dict, pool: list[dict], today: dt.date, setbacks=()) -> dict:
    """The verdict of one promise against the recorded figures ``pool`` of its place
    (rows through ``with_families``, with their ``obs_index``), and its reasons."""
    horizon = promise["horizon_end"]
    comparable, other = _candidates(promise, pool)
    nearest: list[dict] = []
    if comparable:
        best = min((c["depth"], c["gap"]) for c in comparable)
        nearest = [c for c in comparable if (c["depth"], c["gap"]) == best]
        nearest.sort(key=lambda c: (c["period_end"], c["value"]))
    future = today <= horizon
    place = Ref("place", promise["geo"])
    not_yet = Reason(
        "future",
        {"horizon": Ref("date", promise["period"]), "today": Ref("date", today.isoformat())},
    )
    reasons: list[Reason] = []
    if nearest:
        judged = [(*_judge_one(promise, fig), fig) for fig in nearest]
        verdicts = sorted({v for v, _, _ in judged})
        verdict = verdicts[0] if len(verdicts) == 1 else "unknown"
        code = "compared"
        if future and verdict != "met":
            verdict, code = "pending", "future"
            reasons.append(not_yet)
        key = "nearest" if len(nearest) == 1 else "nearest_many"
        reasons.append(Reason(key, {"figures": tuple(_figure(f) for f in nearest)}))
        for _, why, fig in judged:
            if len(judged) > 1:
                reasons.append(Reason("each", {"figure": _amount(fig)}))
            reasons.extend(_explain_figure(promise, fig, why))
        if len(verdicts) > 1:
            listed = tuple(Ref("verdict", v) for v in verdicts)
            reasons.append(Reason("disagree", {"verdicts": listed}))
    elif future:
        verdict, code = "pending", "future"
        reasons.append(not_yet)
    elif other:
        verdict, code = "not_comparable", "not_comparable"
        seen, items = set(), []
        for fig in other:
            why = _why_not(promise, fig)
            mark = (fig["indicator"], why.key, why.params.get("operator"))
            if mark not in seen:
                seen.add(mark)
                items.append(
                    Reason("nc_item", {"indicator": Ref("indicator", fig["indicator"]), "why": why})
                )
        reasons.append(Reason("not_comparable", {"place": place, "what": tuple(items)}))
    else:
        verdict, code = "unverifiable", "no_figure"
        low, high = add_years(horizon, -WINDOW_YEARS), add_years(horizon, WINDOW_YEARS)
        window = {"start": Ref("date", low.isoformat()), "end": Ref("date", high.isoformat())}
        reasons.append(Reason("no_figure", {"place": place, **window}))
        outside, _ = _candidates(promise, pool, window=None)
        if outside:
            best = min((c["depth"], c["gap"]) for c in outside)
            nearest = [c for c in outside if (c["depth"], c["gap"]) == best]
            nearest.sort(key=lambda c: (c["period_end"], c["value"]))
            reasons.append(
                Reason("nearest_outside", {"figures": tuple(_figure(f) for f in nearest)})
            )
            later = [f for f in nearest if f["period_start"] > horizon]
            kind, _, _ = threshold(promise["value"], promise["bound"])
            if (
                later
                and kind == "floor"
                and all(
                    reach(interval(f["value"], f["bound"]), promise["value"], promise["bound"])
                    == "missed"
                    for f in later
                )
            ):
                reasons.append(Reason("probably_missed"))
            nearest = []  # outside the window: shown in the reason, never matched
    if promise.get("period_inferred"):
        reasons.append(Reason("horizon_inferred"))
    for setback in setbacks:
        params = {
            "title": {
                "fr": setback["title_fr"],
                "en": setback["title_en"],
                "ar": setback["title_ar"],
            },
            "status": Ref("milestone_status", setback["status"]),
            "date": Ref("date", setback["start"]),
        }
        reasons.append(Reason("setback", params))
    first = nearest[0] if nearest else {}
    return {
        "verdict": verdict,
        "reason_code": code,
        "reasons": tuple(reasons),
        "matched": [f["obs_index"] for f in nearest],
        "matched_count": len(nearest),
        **{f"matched_{k}": first.get(k) for k in ("value", "bound", "unit", "indicator")},
        **{f"matched_{k}": first.get(k) for k in ("period", "status", "source")},
        "relation": first.get("relation"),
    }


def build_ledger(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    milestones: pd.DataFrame,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """One row per promise with its verdict, reasons and matched figure(s), from the
    frames of ``analysis/dataset.py`` (or SYNTHETIC ones of the same columns)."""
    today = today or dt.date.today()
    obs = with_families(observations, indicators)
    table = promises(obs, sources)
    if table.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    recorded = obs[obs["status"].isin(OBSERVED)]
    by_place: dict[str, list[dict]] = {}
    for index, row in zip(recorded.index, recorded.to_dict("records"), strict=True):
        by_place.setdefault(row["geo"], []).append({**row, "obs_index": index})
    setbacks = milestones[milestones["status"].isin(["postponed", "cancelled"])]
    setbacks_by_place: dict[str, list[dict]] = {}
    for row in setbacks.to_dict("records"):
        setbacks_by_place.setdefault(row["geo"], []).append(row)
    rows = []
    for promise in table.to_dict("records"):
        geo = promise["geo"]
        verdict = judge(promise, by_place.get(geo, []), today, setbacks_by_place.get(geo, ()))
        rows.append({**promise, **verdict})
    ledger = pd.DataFrame(rows)
    keep = [c for c in LEDGER_COLUMNS if c in ledger] + ["obs_index", "period_precision", "year"]
    return ledger[keep].reset_index(drop=True)


def dataset_ledger(ds, today: dt.date) -> pd.DataFrame:
    """The ledger of a Dataset on ``today``: the pages ask ``ds.derived(dataset_ledger,
    today)``, so it is built once per data version and day for every session (the
    verdicts depend on the data and on today's date)."""
    return build_ledger(ds.observations, ds.indicators, ds.sources, ds.milestones, today)
