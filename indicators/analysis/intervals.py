"""Recorded figures as intervals, and whether an interval reaches a target (the
"Bounds" rule of the promises ledger, written out in ``promises.py``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

APPROX_TOLERANCE = 0.10


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
