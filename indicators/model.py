"""Pydantic models of every YAML record, and the period type they share.

The models check what one record can check on its own (types, enums, dates, ranges
that do not depend on other files). References between files (an indicator id, a geo,
a source) are checked by the loader once every file is read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG = r"^[a-z0-9][a-z0-9_-]*$"
GEO_KINDS = ("country", "region", "city", "park")
BOUNDS = ("exact", "approx", "lower", "upper")
STATUSES = ("observed", "declared", "target", "forecast", "potential")
MILESTONE_KINDS = (
    "event",
    "project",
    "opening",
    "closure",
    "infrastructure",
    "training",
    "policy",
)
MILESTONE_STATUSES = ("planned", "under_construction", "done", "postponed", "cancelled")
LANGUAGES = ("fr", "en", "ar", "es")
UNITS = (
    "positions",
    "jobs",
    "centres",
    "companies",
    "operators",
    "percent",
    "months",
    "years",
    "dirhams",
    "euros",
    "hectares",
    "square_metres",
)
# What a value of each unit may be when the indicator does not say otherwise.
UNIT_RANGES = {"percent": (0, 100)}

Bound = Literal["exact", "approx", "lower", "upper"]
Status = Literal["observed", "declared", "target", "forecast", "potential"]


def _error(code: str, message: str, hint: str = ""):
    return PydanticCustomError(code, message, {"hint": hint})


# --- periods ----------------------------------------------------------------------------
_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, order=True)
class Period:
    """A year, month or day, or a range of them (``2010/2019``), as curated."""

    start: dt.date
    end: dt.date  # last day covered
    text: str
    precision: str  # year | month | day | range

    def __str__(self) -> str:
        return self.text

    @property
    def mid_year(self) -> float:
        """Decimal year of the period's middle, for plotting."""
        middle = self.start + (self.end - self.start) / 2
        return middle.year + (middle.timetuple().tm_yday - 1) / 365.25


def _part(text: str, what: str) -> tuple[dt.date, dt.date, str]:
    match = _PART.match(text.strip())
    if not match:
        raise _error(
            "invalid-period",
            f"{what} {text!r} is not a year, a month or a date",
            "write 2011, 2011-01 or 2011-01-18, or a range such as 2010/2019",
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    if not 1900 <= year <= 2100:
        raise _error("invalid-period", f"the year {year} is out of range", "use 1900 to 2100")
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if not 1 <= month <= 12:
        raise _error("invalid-date", f"{text!r} has no month {month}", "months run from 01 to 12")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    if not 1 <= day <= last:
        raise _error(
            "invalid-date",
            f"{text!r} is not a real date: {calendar.month_name[month]} {year} has {last} days",
            "check the day and the month",
        )
    day_date = dt.date(year, month, day)
    return day_date, day_date, "day"


def parse_period(value, what: str = "the period") -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or value is None:
        raise _error(
            "wrong-type",
            f"{what} must be a year, month or date, not {value!r}",
            "write 2011, 2011-01 or 2011-01-18",
        )
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Period(value, value, value.isoformat(), "day")
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise _error(
            "wrong-type",
            f"{what} must be a year, month or date, not {value!r}",
            "write 2011, 2011-01 or 2011-01-18",
        )
    text = value.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, _, _ = _part(first, what)
        _, end, _ = _part(last, what)
        if end < start:
            raise _error(
                "invalid-period",
                f"the range {text!r} ends before it starts",
                "write the earlier date first: START/END",
            )
        return Period(start, end, f"{first.strip()}/{last.strip()}", "range")
    start, end, precision = _part(text, what)
    return Period(start, end, text, precision)


PeriodField = Annotated[Period, BeforeValidator(parse_period)]


def _date_only(value, what="the date"):
    period = parse_period(value, what)
    if period.precision == "range":
        raise _error("invalid-period", f"{what} cannot be a range", "give one date")
    return period


DateField = Annotated[Period, BeforeValidator(_date_only)]


# --- numbers ----------------------------------------------------------------------------
_NUMBER_TEXT = re.compile(r"^[<>≈~]?\s*[\d\s.,\u00a0\u202f]+$")


def _number(value):
    if isinstance(value, str):
        text = value.strip()
        if _NUMBER_TEXT.match(text):
            digits = re.sub(r"[^\d]", "", text)
            raise _error(
                "number-as-string",
                f"the value {value!r} is text, not a number",
                f"write the number without quotes or thousands separators, e.g. "
                f"value: {digits or 0}; put 'plus de'/'moins de' in bound",
            )
    return value


Number = Annotated[StrictInt | StrictFloat, BeforeValidator(_number)]


def _url(value):
    if value is None:
        return value
    if not isinstance(value, str) or not re.match(r"^https?://[^\s<>\"']+$", value.strip()):
        raise _error(
            "unsafe-url",
            f"the url {value!r} is not an http or https address",
            "give the page's address starting with https:// or http://",
        )
    return value.strip()


Url = Annotated[str | None, BeforeValidator(_url)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Record):
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Names(Record):
    fr: str = Field(min_length=1)
    en: str | None = None
    ar: str | None = None


# --- records ----------------------------------------------------------------------------
class Source(Record):
    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    published: DateField | None = None
    published_inferred: bool = False
    language: Literal["fr", "en", "ar", "es"]
    url: Url = None
    accessed: DateField | None = None
    author: str | None = None
    corpus_ref: str | None = None
    notes: str | None = None


class Indicator(Record):
    id: str = Field(pattern=SLUG)
    label: Text
    unit: Literal[UNITS]  # type: ignore[valid-type]
    description: Text
    topic: str = Field(pattern=SLUG)
    range: tuple[float, float] | None = None

    def allowed_range(self) -> tuple[float, float] | None:
        if self.range is not None:
            return self.range
        return UNIT_RANGES.get(self.unit, (0, float("inf")))


class Region(Record):
    id: str = Field(pattern=SLUG)
    code: str = Field(pattern=r"^(0[1-9]|1[0-2])$")
    aliases: list[str] = []


class Region1997(Record):
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    aliases: list[str] = []
    successors: list[str] = Field(min_length=1)


class City(Record):
    id: str = Field(pattern=SLUG)
    name: Names
    aliases: list[str] = []
    lat: float = Field(ge=20.0, le=36.5)
    lon: float = Field(ge=-17.5, le=-0.9)
    region: str
    region_1997: str | None = None


class Park(Record):
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    city: str
    aliases: list[str] = []
    lat: float | None = Field(default=None, ge=20.0, le=36.5)
    lon: float | None = Field(default=None, ge=-17.5, le=-0.9)
    note: str | None = None


def _geo(value):
    if not isinstance(value, str):
        raise _error(
            "wrong-type",
            f"geo must be text such as city:agadir, not {value!r}",
            "write country:ma, region:<id>, city:<id> or park:<id>",
        )
    kind, sep, ident = value.strip().partition(":")
    if not sep or kind not in GEO_KINDS or not ident:
        raise _error(
            "invalid-geo",
            f"geo {value!r} is not of the form kind:id",
            "write country:ma, region:<id>, city:<id> or park:<id>",
        )
    return f"{kind}:{ident.strip()}"


Geo = Annotated[str, BeforeValidator(_geo)]


class Observation(Record):
    indicator: str
    geo: Geo
    period: PeriodField
    value: Number
    bound: Bound
    status: Status
    quote: str = Field(min_length=1)
    claimant: str | None = None
    operator: str | None = None
    period_inferred: bool = False
    derivation: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _inferred_needs_reason(self):
        if self.period_inferred and not (self.note or "").strip():
            raise _error(
                "missing-reason",
                "period_inferred is true but no note says how the period was worked out",
                "add a note: what in the article dates it",
            )
        return self


class Milestone(Record):
    id: str = Field(pattern=SLUG)
    title: Text
    kind: Literal[MILESTONE_KINDS]  # type: ignore[valid-type]
    geo: Geo
    start: DateField
    end: DateField | None = None
    approx: bool = False
    inferred: bool = False
    status: Literal[MILESTONE_STATUSES]  # type: ignore[valid-type]
    quote: str = Field(min_length=1)
    route: list[str] | None = None
    operator: str | None = None
    claimant: str | None = None
    note: str | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end, info):
        start = info.data.get("start")
        if end is not None and start is not None and end.end < start.start:
            raise _error(
                "invalid-period",
                f"the end {end} is before the start {start}",
                "swap start and end",
            )
        return end
