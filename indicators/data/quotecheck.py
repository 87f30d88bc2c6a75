"""Is a figure's number readable in its quote? (the ``number-not-in-quote`` check)

Pure functions, no I/O. ``numbers_in(quote, language)`` lists every number a reader can
see in a sentence; ``readable(value, quote, language)`` says whether ``value`` is one of
them. What counts as written:

- digits with French or English separators: "30.000", "30 000", "30,000", "1,2", "1.2";
  every reading of an ambiguous group is kept ("30,000" is 30000 or 30);
- Arabic-Indic digits (٣٠٠٠٠, ۳۰۰۰۰) and the Arabic separators ٫ ٬;
- a multiplier after a number: "1,2 milliard", "320 millions", "10 mds", "500 MDH",
  "2 bn", "3 billion", "40 millones", "2 مليار", "5 آلاف", "30 mil", "30 mille", "30k";
- numbers in words in French, English, Spanish and Arabic ("deux cents", "quatre",
  "vingt-cinq", "three thousand", "doscientos", "ثلاثة آلاف");
- round approximations: "une dizaine" (10), "une vingtaine", "une centaine", "un
  millier", "des milliers", "dozens", "thousands", "decenas", "miles", "عشرات", "آلاف";
- percentages ("20%", "20 pour cent") are the number itself.

A value computed from the text ("le double", 1 + 1) is not readable: the record says how
in ``derivation`` and the loader then skips this check.
"""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["numbers_in", "readable"]

_ARABIC_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬",
    "01234567890123456789.,",
)
# A run of digits and the separators that may sit inside a number.
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,']\d+)*")
_SEPARATORS = " \u00a0\u202f.,'"

# Multipliers written after a number (lower-case; matched as whole words).
MULTIPLIERS = {
    "milliard": 1e9,
    "milliards": 1e9,
    "mds": 1e9,
    "md": 1e9,
    "mrd": 1e9,
    "mrds": 1e9,
    "mmdh": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "millions": 1e6,
    "millón": 1e6,
    "millon": 1e6,
    "millones": 1e6,
    "mdh": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mille": 1e3,
    "mil": 1e3,
    "thousand": 1e3,
    "k": 1e3,
    "مليار": 1e9,
    "مليارات": 1e9,
    "مليون": 1e6,
    "ملايين": 1e6,
    "ألف": 1e3,
    "الف": 1e3,
    "آلاف": 1e3,
    "الاف": 1e3,
}

# Number words: units and tens add up, "hundred" words multiply what precedes them,
# "thousand" and larger words close a group.
_ADD = {
    # French
    "zéro": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "nonante": 90,
    # English
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    # Spanish
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciséis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "doscientos": 200,
    "doscientas": 200,
    "trescientos": 300,
    "trescientas": 300,
    "cuatrocientos": 400,
    "quinientos": 500,
    "seiscientos": 600,
    "setecientos": 700,
    "ochocientos": 800,
    "novecientos": 900,
    # Arabic
    "واحد": 1,
    "واحدة": 1,
    "اثنان": 2,
    "اثنين": 2,
    "ثلاث": 3,
    "ثلاثة": 3,
    "أربع": 4,
    "أربعة": 4,
    "خمس": 5,
    "خمسة": 5,
    "ست": 6,
    "ستة": 6,
    "سبع": 7,
    "سبعة": 7,
    "ثماني": 8,
    "ثمانية": 8,
    "تسع": 9,
    "تسعة": 9,
    "عشر": 10,
    "عشرة": 10,
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "أربعون": 40,
    "أربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
    "مئتان": 200,
    "مئتين": 200,
    "مائتان": 200,
    "مائتين": 200,
    "ألفان": 2000,
    "ألفين": 2000,
}
_HUNDRED = {
    "cent",
    "cents",
    "hundred",
    "cien",
    "ciento",
    "cientos",
    "مئة",
    "مائة",
    "مئات",
}
_LARGE = {
    "mille": 1e3,
    "thousand": 1e3,
    "mil": 1e3,
    "ألف": 1e3,
    "آلاف": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "millón": 1e6,
    "millones": 1e6,
    "مليون": 1e6,
    "ملايين": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e9,
    "مليار": 1e9,
}
_GLUE = {"et", "and", "y", "و"}
# Round approximations in words.
ROUND = {
    "dizaine": 10,
    "dizaines": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "centaines": 100,
    "millier": 1000,
    "milliers": 1000,
    "dozen": 12,
    "dozens": 12,
    "score": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1e6,
    "decena": 10,
    "decenas": 10,
    "docena": 12,
    "veintena": 20,
    "centenar": 100,
    "centenares": 100,
    "cientos": 100,
    "millar": 1000,
    "millares": 1000,
    "miles": 1000,
    "عشرات": 10,
    "مئات": 100,
    "آلاف": 1000,
    "الاف": 1000,
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


_SEPARATOR = re.compile(r"[ \u00a0\u202f.,']")


def _digit_readings(token: str) -> set[float]:
    """Every number a run of digits and separators can mean."""
    token = token.strip(_SEPARATORS)
    groups = _SEPARATOR.split(token)
    seps = _SEPARATOR.findall(token)
    out: set[float] = set()
    if not seps:
        return {float(token)}
    tail_ok = all(len(g) == 3 for g in groups[1:])
    if tail_ok and 1 <= len(groups[0]) <= 3:
        out.add(float("".join(groups)))  # every separator groups thousands
    # the last separator a decimal mark (not a space), the others thousands
    if seps[-1] in ".," and all(len(g) == 3 for g in groups[1:-1]) and 1 <= len(groups[0]) <= 3:
        out.add(float("".join(groups[:-1]) + "." + groups[-1]))
    if seps[-1] in ".," and len(groups) == 2:
        out.add(float(groups[0] + "." + groups[1]))
    # the pieces on their own ("en 2011 300 postes", "2, 3 ou 4")
    for group in groups:
        out.add(float(group))
    # a space-separated run may join a number with its neighbour: read each part too
    for part in re.split(r"[ \u00a0\u202f]", token):
        if part and part != token:
            out |= _digit_readings(part)
    return out


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile(r"[\u0640\u064b-\u0652]")


def _normalise(quote: str) -> str:
    text = unicodedata.normalize("NFC", quote)
    if _ARABIC_SCRIPT.search(text):  # (translate is slow: only where there is Arabic)
        # Arabic: its digits read as digits; drop the tatweel and short vowels so words
        # match the lists.
        text = _ARABIC_MARKS.sub("", text.translate(_ARABIC_DIGITS))
    return text.replace("’", "'").replace("\u2011", "-")


def _lookup(word: str, table):
    if word in table:
        return word
    if not word or not "\u0600" <= word[0] <= "\u06ff":
        return None  # the prefixes below are Arabic ones (wa-, bi-, li-, al-)
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :] in table:
            return word[len(prefix) :]
    return None


def _word_numbers(words: list[str]) -> set[float]:
    """Numbers written in words: each run of number words, and round approximations."""
    out: set[float] = set()
    total, current, active = 0.0, 0.0, False

    def close():
        nonlocal total, current, active
        if active:
            out.add(total + current)
        total, current, active = 0.0, 0.0, False

    for raw in words:
        word = raw.lower()
        if word == "quatre-vingt" or word == "quatre-vingts":
            current += 80
            active = True
            continue
        pieces = word.split("-") if "-" in word else [word]
        for piece in pieces:
            key = _lookup(piece, ROUND)
            if key is not None:
                out.add(ROUND[key])
            if (key := _lookup(piece, _ADD)) is not None:
                current += _ADD[key]
                active = True
            elif (key := _lookup(piece, _HUNDRED)) is not None:
                current = (current or 1) * 100
                active = True
            elif (key := _lookup(piece, _LARGE)) is not None:
                total += (current or 1) * _LARGE[key]
                current = 0.0
                active = True
            elif piece in _GLUE and active:
                continue
            else:
                close()
    close()
    return out


def numbers_in(quote: str, language: str | None = None) -> set[float]:
    """Every number readable in ``quote``. ``language`` (fr, en, es, ar) is a hint only:
    the word lists of every language are tried, since quotes mix them ("call centers")."""
    text = _normalise(quote)
    return _digit_numbers(text) | _word_numbers(_words(text))


def _digit_numbers(text: str) -> set[float]:
    """The numbers written with digits, with a multiplier word after them ("1,2 milliard")."""
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        readings = _digit_readings(match.group())
        found |= readings
        after = text[match.end() :]
        word = re.match(r"\s*([^\W\d_]+)", after)
        if word:
            mult = MULTIPLIERS.get(word.group(1).lower())
            if mult is None:
                key = _lookup(word.group(1), MULTIPLIERS)
                mult = MULTIPLIERS.get(key) if key else None
            if mult is not None:
                found |= {r * mult for r in readings}
    return found


def _words(text: str) -> list[str]:
    # Split on anything that is not a letter or a hyphen inside a word.
    return re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text, re.UNICODE)


def readable(value: float, quote: str, language: str | None = None) -> bool:
    """True when ``value`` is one of the numbers of ``quote`` (see the module's doc). The
    digits are read first: most quotes print their number, and reading every word as a
    possible number word is the slow part (a third of a 20,000-figure load)."""
    if value is None or isinstance(value, bool):
        return False
    text = _normalise(quote)
    target = abs(value)  # a sign is not a number of its own

    def among(numbers) -> bool:
        return any(math.isclose(n, target, rel_tol=1e-9, abs_tol=1e-9) for n in numbers)

    return among(_digit_numbers(text)) or among(_word_numbers(_words(text)))
