"""Pydantic models of every YAML record and of each kind of file, and the period type
they share.

The models check what one record can check on its own (types, enums, dates, ranges
that do not depend on other files). References between files (an indicator id, a geo,
a source) are checked by the loader once every file is read.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG = r"^[a-z0-9][a-z0-9_-]*$"
REGION_CODE = r"^(0[1-9]|1[0-2])$"
# Each closed list is declared once, as a Literal type; the tuples derive from it.
GeoKind = Literal["country", "region", "city", "park"]
Bound = Literal["exact", "approx", "lower", "upper"]
Status = Literal["observed", "declared", "target", "forecast", "potential"]
MilestoneKind = Literal[
    "event", "project", "opening", "closure", "infrastructure", "training", "policy"
]
MilestoneStatus = Literal[
    "planned", "ongoing", "under_construction", "done", "postponed", "cancelled"
]
ArticleLanguage = Literal["fr", "en", "ar", "es"]  # the press's languages, not the UI's
Unit = Literal[
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
]
GEO_KINDS = get_args(GeoKind)
BOUNDS = get_args(Bound)
STATUSES = get_args(Status)
MILESTONE_KINDS = get_args(MilestoneKind)
MILESTONE_STATUSES = get_args(MilestoneStatus)
ARTICLE_LANGUAGES = get_args(ArticleLanguage)
UNITS = get_args(Unit)
# What a value of each unit may be when the indicator does not say otherwise.
UNIT_RANGES = {"percent": (0, 100)}


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
    # EDTF-like marker of a milestone date: "" known, "~" approximate, "?" uncertain, "%" both.
    qualifier: str = ""

    def __str__(self) -> str:
        return self.text

    @property
    def approximate(self) -> bool:
        return self.qualifier in ("~", "%")

    @property
    def uncertain(self) -> bool:
        return self.qualifier in ("?", "%")

    @property
    def mid_year(self) -> float:
        """Decimal year of the period's middle, for plotting."""
        return decimal_year(self.start + (self.end - self.start) / 2)


def decimal_year(day: dt.date) -> float:
    """A day as a decimal year on a year axis (1 July 2015 -> about 2015.5)."""
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


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
    """A period as curators write it: "2011", "2011-01", "2011-01-18" or a range
    "2010/2019" (a subset of EDTF), with its precision. A wrong one raises a
    PydanticCustomError carrying a problem code and a hint."""
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


# What editors are told about the custom types (JSON Schema only: validation stays the
# BeforeValidator's, which also accepts what YAML 1.1 turns into dates).
_YEAR = r"(19[0-9]{2}|20[0-9]{2}|2100)"
_DATE = _YEAR + r"(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12][0-9]|3[01]))?)?"
DATE_PATTERN = rf"^\s*{_DATE}\s*$"
PERIOD_PATTERN = rf"^\s*{_DATE}\s*(/\s*{_DATE}\s*)?$"
_YEAR_NUMBER = {"type": "integer", "minimum": 1900, "maximum": 2100}
PERIOD_SCHEMA = {
    "anyOf": [{"type": "string", "pattern": PERIOD_PATTERN}, _YEAR_NUMBER],
    "description": "A year (2011), a month (2011-01), a day (2011-01-18) or a range START/END "
    '(2010/2019). Quote months and days: "2011-01".',
    "examples": ["2011-01", 2011, "2011-01-18", "2010/2019"],
}
DATE_SCHEMA = {
    "anyOf": [{"type": "string", "pattern": DATE_PATTERN}, _YEAR_NUMBER],
    "description": "A year (2011), a month (2011-01) or a day (2011-01-18), as precise as the "
    'page prints it. Quote months and days: "2011-01-18".',
    "examples": ["2011-01-18", "2011-01", 2011],
}
GEO_PATTERN = r"^\s*(country|region|city|park):\s*[a-z0-9][a-z0-9_-]*\s*$"
GEO_SCHEMA = {
    "type": "string",
    "pattern": GEO_PATTERN,
    "description": "Where the figure applies: country:ma, region:<id>, city:<id> or park:<id> "
    "(ids of data/geography.yaml). A business park (park:casanearshore) is not its city.",
    "examples": ["country:ma", "region:souss-massa-draa", "city:agadir", "park:casanearshore"],
}
NUMBER_SCHEMA = {
    "type": "number",
    "description": "A plain number: no quotes, no thousands separators (30000, not "
    "\"30.000\"). 'plus de' / 'moins de' go in bound.",
}
URL_PATTERN = r"^\s*https?://[^\s<>\"']+\s*$"
URL_SCHEMA = {
    "anyOf": [{"type": "string", "pattern": URL_PATTERN}, {"type": "null"}],
    "description": "The page's address, http:// or https:// only.",
}

PeriodField = Annotated[
    Period, BeforeValidator(parse_period), WithJsonSchema(PERIOD_SCHEMA, mode="validation")
]


def _date_only(value, what="the date"):
    period = parse_period(value, what)
    if period.precision == "range":
        raise _error("invalid-period", f"{what} cannot be a range", "give one date")
    return period


DateField = Annotated[
    Period, BeforeValidator(_date_only), WithJsonSchema(DATE_SCHEMA, mode="validation")
]

QUALIFIERS = ("~", "?", "%")
MILESTONE_DATE_PATTERN = rf"^\s*{_DATE}\s*[~?%]?\s*$"
MILESTONE_DATE_SCHEMA = {
    "anyOf": [{"type": "string", "pattern": MILESTONE_DATE_PATTERN}, _YEAR_NUMBER],
    "description": "A year (2011), a month (2011-01) or a day (2011-01-18), as precise as the "
    "page prints it, optionally followed by an EDTF-like marker: ~ approximate ('dans quelques "
    "mois', 'vers'), ? uncertain, % both. A year or month alone means 'sometime in it', not "
    'a span. Quote it: "2011-10~".',
    "examples": ["2011-01-18", "2011-10~", "2011?", 2011],
}


def parse_milestone_date(value, what="the date"):
    """A milestone date with an optional EDTF-like qualifier suffix (~ ? %)."""
    if isinstance(value, str) and value.strip()[-1:] in QUALIFIERS:
        text = value.strip()
        period = _date_only(text[:-1].rstrip(), what)
        return dataclasses.replace(period, text=f"{period.text}{text[-1]}", qualifier=text[-1])
    return _date_only(value, what)


MilestoneDate = Annotated[
    Period,
    BeforeValidator(parse_milestone_date),
    WithJsonSchema(MILESTONE_DATE_SCHEMA, mode="validation"),
]


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


Number = Annotated[
    StrictInt | StrictFloat,
    BeforeValidator(_number),
    WithJsonSchema(NUMBER_SCHEMA, mode="validation"),
]


def _url(value):
    if value is None:
        return value
    if not isinstance(value, str) or not re.match(URL_PATTERN, value):
        raise _error(
            "unsafe-url",
            f"the url {value!r} is not an http or https address",
            "give the page's address starting with https:// or http://",
        )
    return value.strip()


Url = Annotated[str | None, BeforeValidator(_url), WithJsonSchema(URL_SCHEMA, mode="validation")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Record):
    fr: str = Field(min_length=1, description="In French.")
    en: str = Field(min_length=1, description="In English.")
    ar: str | None = Field(
        default=None,
        min_length=1,
        description="In Arabic (optional: the dashboard shows the French, marked, without it).",
    )


class Names(Record):
    fr: str = Field(min_length=1, description="The French name (as printed in the French press).")
    en: str | None = Field(default=None, description="The English name, when it differs.")
    ar: str | None = Field(default=None, description="The Arabic name.")


class Translation(Record):
    """A curated translation of a quote that is not in French or English; never the quote."""

    fr: str | None = Field(default=None, min_length=1, description="In French.")
    en: str | None = Field(default=None, min_length=1, description="In English.")


# --- records ----------------------------------------------------------------------------
class Source(Record):
    """A press page or document that figures and milestones are quoted from."""

    id: str = Field(
        pattern=SLUG,
        description=(
            "Unique slug: publisher-date-subject, e.g. leseco-2011-01-18-souss-offshoring. The "
            "source's observations go in data/observations/<id>.yaml."
        ),
    )
    title: str = Field(min_length=1, description="The article's title, as printed.")
    publisher: str = Field(
        min_length=1, description="The newspaper or site, e.g. Les ECO (Les Echos quotidien)."
    )
    published: DateField | None = Field(
        default=None,
        description=(
            "Publication date as printed (day, month or year); omit when the page prints none."
        ),
    )
    published_inferred: bool = Field(
        default=False,
        description="true when the date is worked out, not printed (say how in notes).",
    )
    language: ArticleLanguage = Field(description="The article's language.")
    url: Url = Field(default=None, description="The page's address (http or https only).")
    accessed: DateField | None = Field(default=None, description="When the page was read.")
    author: str | None = Field(default=None, description="The author, when signed.")
    corpus_ref: str | None = Field(
        default=None, description="The page's key in the press corpus (P01...), or seed."
    )
    notes: str | None = Field(
        default=None,
        description="Anything a reader should know about the source (republications, dating).",
    )


class Indicator(Record):
    id: str = Field(
        pattern=SLUG,
        description=(
            "Unique slug, e.g. call_centre_positions. Positions (seats) and jobs (headcount) are "
            "different indicators."
        ),
    )
    label: Text = Field(description="Short name shown in the dashboard, in French and English.")
    unit: Unit = Field(
        description=(
            "What is counted. positions = seats; jobs = headcount (emplois, personnes, salariés): "
            "never one series."
        )
    )
    description: Text = Field(description="What exactly is counted, in French and English.")
    topic: str = Field(
        pattern=SLUG,
        description="Free slug grouping indicators: call_centres, offshoring, parks...",
    )
    range: tuple[float, float] | None = Field(
        default=None,
        description="Allowed [min, max] of a value, when the unit's default does not fit.",
    )
    family: str | None = Field(
        default=None,
        pattern=SLUG,
        description=(
            "For the promises ledger: what is counted, in which unit. Targets are only set "
            "against figures of the same family (headcount: jobs at a date; seats: positions; "
            "jobs_created: jobs created over a period; centres; companies; revenue_mad; "
            "revenue_eur), so positions never meet jobs. An indicator without a family is "
            "never judged: its targets are not in the ledger and its figures settle none."
        ),
    )
    coverage: Literal["call_centres", "offshoring", "offshoring_other"] | None = Field(
        default=None,
        description=(
            "For the promises ledger: which part of the sector the indicator counts. "
            "call_centres and offshoring_other (all trades but call centres) are parts of "
            "offshoring: such a figure only shows a floor for an offshoring target. Leave "
            "it out when the family has one indicator only."
        ),
    )
    flow: bool = Field(
        default=False,
        description=(
            "true when the indicator is counted over a period (jobs created, hires, a job "
            "potential), not at a date: the ledger then compares counting periods."
        ),
    )

    def allowed_range(self) -> tuple[float, float] | None:
        if self.range is not None:
            return self.range
        return UNIT_RANGES.get(self.unit, (0, float("inf")))


class Region(Record):
    id: str = Field(
        pattern=SLUG, description="Slug of a region of the 2015 division, e.g. souss-massa."
    )
    code: str = Field(
        pattern=REGION_CODE,
        description='HCP code 01..12 (= ISO 3166-2:MA-01..12), quoted: "09".',
    )
    aliases: list[str] = Field(default=[], description="Other spellings found in the press.")


class Region1997(Record):
    id: str = Field(
        pattern=SLUG, description="Slug of a region of the 1997 division, e.g. souss-massa-draa."
    )
    name: str = Field(min_length=1, description="Its name, e.g. Souss-Massa-Draâ.")
    name_ar: str | None = Field(default=None, min_length=1, description="Its Arabic name.")
    aliases: list[str] = Field(default=[], description="Other spellings found in the press.")
    successors: list[str] = Field(
        min_length=1, description="2015 region ids it became; its figures are drawn on the first."
    )


class City(Record):
    id: str = Field(pattern=SLUG, description="Slug, e.g. fes.")
    name: Names = Field(description="Names: fr (required), en, ar.")
    aliases: list[str] = Field(
        default=[], description="Other spellings found in the press (Fez, Tangier...)."
    )
    lat: float = Field(ge=20.0, le=36.5, description="Latitude (decimal degrees).")
    lon: float = Field(
        ge=-17.5, le=-0.9, description="Longitude (decimal degrees, negative: west)."
    )
    region: str = Field(description="Its 2015 region id.")
    region_1997: str | None = Field(default=None, description="Its 1997 region id.")


class Park(Record):
    id: str = Field(pattern=SLUG, description="Slug, e.g. casanearshore.")
    name: str = Field(min_length=1, description="Its name, e.g. Casanearshore, Fès Shore.")
    name_ar: str | None = Field(default=None, min_length=1, description="Its Arabic name.")
    city: str = Field(description="The city id it stands in.")
    aliases: list[str] = Field(default=[], description="Other spellings found in the press.")
    lat: float | None = Field(
        default=None, ge=20.0, le=36.5, description="Latitude; the city's point when omitted."
    )
    lon: float | None = Field(
        default=None, ge=-17.5, le=-0.9, description="Longitude; the city's point when omitted."
    )
    note: str | None = Field(default=None, description="Anything worth knowing about the park.")


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


Geo = Annotated[str, BeforeValidator(_geo), WithJsonSchema(GEO_SCHEMA, mode="validation")]


class Observation(Record):
    """One figure as a source prints it: a value with its bound, place, period, status
    and the verbatim sentence it comes from."""

    indicator: str = Field(
        description=(
            "The indicator's id in data/indicators.yaml, e.g. call_centre_positions (seats) or "
            "call_centre_jobs (headcount)."
        )
    )
    geo: Geo
    period: PeriodField
    value: Number
    bound: Bound = Field(
        description=(
            "How the text bounds the number: exact; approx (près de, environ, quelque); lower (plus"
            " de, au moins: more than); upper (moins de, jusqu'à: fewer than)."
        )
    )
    status: Status = Field(
        description=(
            "Who stands behind it: observed (reported fact); declared (put forward by an interested"
            " party: organiser, park, CRI, minister, company); target (an objective, period = "
            "horizon); forecast (a projection, period = horizon); potential (an estimated "
            "potential)."
        )
    )
    quote: str = Field(
        min_length=1, description="The sentence of the article, copied character for character."
    )
    translation: Translation | None = Field(
        default=None,
        description=(
            "For a quote in Arabic or Spanish: a curated translation {fr, en}, shown labelled as a"
            " translation, never as the quote."
        ),
    )
    claimant: str | None = Field(
        default=None,
        description=(
            "Who says so, when the article names them (a minister, a park manager, an organiser, a "
            "CRI)."
        ),
    )
    operator: str | None = Field(
        default=None, description="The company, for a company's own figure (e.g. Webhelp)."
    )
    period_inferred: bool = Field(
        default=False,
        description="true when the page prints no date for the figure: give the reasoning in note.",
    )
    derivation: str | None = Field(
        default=None,
        description="When the value is computed from the text, how (e.g. 'un an' = 12 months).",
    )
    note: str | None = Field(
        default=None,
        description=(
            "Anything a reader should know: scope, conflicts with other sources, how the period was"
            " worked out."
        ),
    )

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
    """A dated thing (an event, a project, an opening, a closure) with its place, its
    dates as printed and the verbatim sentence it comes from."""

    id: str = Field(pattern=SLUG, description="Unique slug, e.g. rmrc-2011-roadshow.")
    title: Text = Field(description="Short title in French and English.")
    kind: MilestoneKind = Field(description="What kind of dated thing it is.")
    geo: Geo
    start: MilestoneDate = Field(
        description=(
            "When it happens or begins: 2011, 2011-10, 2011-10-15; add ~ (approximate), ? "
            "(uncertain) or % (both): \"2011-10~\". A year or month alone is 'sometime in it'."
        )
    )
    end: MilestoneDate | None = Field(
        default=None,
        description=(
            "Only for things that last: when it ends, in the same form as start. Never to say "
            "that the date is uncertain (use ~ or ? on start)."
        ),
    )
    inferred: bool = Field(
        default=False, description="true when a date is worked out, not printed (reason in note)."
    )
    status: MilestoneStatus = Field(description="Where it stands at the source's date.")
    quote: str = Field(
        min_length=1, description="The sentence of the article, copied character for character."
    )
    translation: Translation | None = Field(
        default=None,
        description=(
            "For a quote in Arabic or Spanish: a curated translation {fr, en}, shown labelled as a"
            " translation, never as the quote."
        ),
    )
    route: list[str] | None = Field(
        default=None, description="For a road-show: the city ids of its stops, in order."
    )
    operator: str | None = Field(default=None, description="The company concerned (e.g. Webhelp).")
    claimant: str | None = Field(
        default=None, description="Who says so, when the article names them."
    )
    note: str | None = Field(
        default=None, description="Anything a reader should know (how a date was worked out...)."
    )

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


# --- files ------------------------------------------------------------------------------
# kind of file -> {top-level key: model of its records}
FILE_KINDS = {
    "sources": {"sources": Source},
    "indicators": {"indicators": Indicator},
    "geography": {"regions": Region, "regions_1997": Region1997, "cities": City, "parks": Park},
    "observations": {"observations": Observation},
    "milestones": {"milestones": Milestone},
}
REQUIRED_KEYS = {"geography": ("regions", "cities")}  # the others: every key
FOLDERS = ("observations", "milestones")  # one file per source, named after it, in a folder

_TITLES = {
    "sources": "Sources (data/sources.yaml)",
    "indicators": "Indicators (data/indicators.yaml)",
    "geography": "Geography (data/geography.yaml)",
    "observations": "Observations of one source (data/observations/<source-id>.yaml)",
    "milestones": "Milestones of one source (data/milestones/<source-id>.yaml)",
}
_DESCRIPTIONS = {
    "sources": "Every press article the data rests on.",
    "indicators": "What is counted: one entry per series. Positions and jobs are two series.",
    "geography": "Ids and aliases of the 12 regions (2015), the 16 regions of 1997, the cities "
    "and the business parks.",
    "observations": "The figures of one source, each with the sentence it comes from. Check "
    "the file with: python -m indicators validate",
    "milestones": "The dated things of one source: events, projects, openings, closures. Check "
    "the file with: python -m indicators validate",
}
_LIST_DESCRIPTIONS = {
    "sources": "One entry per article.",
    "indicators": "One entry per indicator.",
    "regions": "The 12 regions of the 2015 division.",
    "regions_1997": "The 16 regions of the 1997 division, with their 2015 successors.",
    "cities": "Cities with coordinates and regions.",
    "parks": "Business parks (Casanearshore, Fès Shore...).",
    "observations": "One entry per figure. Two sources that disagree are two entries.",
    "milestones": "One entry per event, project, opening or closure.",
}


def _file_model(kind: str) -> type[BaseModel]:
    """A whole file of ``kind``: its top-level keys and their lists of records."""
    fields: dict = {}
    if kind in FOLDERS:
        fields["source"] = (
            str,
            Field(
                pattern=SLUG,
                description="The source's id in data/sources.yaml; the file is named after it.",
            ),
        )
    required = REQUIRED_KEYS.get(kind, tuple(FILE_KINDS[kind]))
    for key, model in FILE_KINDS[kind].items():
        description = _LIST_DESCRIPTIONS.get(key)
        if key in required:
            fields[key] = (list[model], Field(description=description))
        else:
            fields[key] = (list[model] | None, Field(default=None, description=description))
    return create_model(
        kind.capitalize(),
        __config__=ConfigDict(extra="forbid", title=_TITLES[kind]),
        __doc__=_DESCRIPTIONS[kind],
        **fields,
    )


FILE_MODELS = {kind: _file_model(kind) for kind in FILE_KINDS}
