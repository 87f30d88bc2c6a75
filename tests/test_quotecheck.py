"""The number-not-in-quote check on its own: which numbers a reader can see in a quote.

Every value and sentence below is SYNTHETIC, made up to exercise a way of writing a
number; none is taken from an article.
"""

from __future__ import annotations

import pytest

from indicators.quotecheck import numbers_in, readable


@pytest.mark.parametrize(
    ("value", "quote", "language"),
    [
        # digits with French or English separators
        (30000, "plus de 30.000 positions synthétiques", "fr"),
        (30000, "plus de 30 000 positions synthétiques", "fr"),
        (30000, "plus de 30\u00a0000 positions synthétiques", "fr"),
        (30000, "plus de 30\u202f000 positions synthétiques", "fr"),
        (30000, "more than 30,000 synthetic seats", "en"),
        (1234567, "1.234.567 synthetic calls", "en"),
        (1.2, "1,2 point synthétique", "fr"),
        (1.2, "1.2 synthetic points", "en"),
        # multipliers
        (1.2e9, "un chiffre d'affaires de 1,2 milliard de DH (synthétique)", "fr"),
        (320e6, "un budget estimatif de 320 millions de dirhams (synthétique)", "fr"),
        (10e9, "10 mds de DH synthétiques", "fr"),
        (500e6, "500 MDH synthétiques", "fr"),
        (2e9, "revenue of $2 bn (synthetic)", "en"),
        (3e9, "3 billion dirhams (synthetic)", "en"),
        (40e6, "40 millones de euros sintéticos", "es"),
        (2e9, "استثمار بقيمة 2 مليار درهم (اصطناعي)", "ar"),
        (5e6, "5 مليون درهم", "ar"),
        (30000, "30 mil empleos sintéticos", "es"),
        # Arabic-Indic digits
        (30000, "أكثر من ٣٠٠٠٠ منصب", "ar"),
        (1500, "حوالي ١٫٥ ألف منصب", "ar"),
        (2500, "۲۵۰۰ شغل", "ar"),
        # words
        (200, "deux cents emplois synthétiques", "fr"),
        (4, "quatre opérateurs synthétiques", "fr"),
        (25, "vingt-cinq centres synthétiques", "fr"),
        (80, "quatre-vingts postes synthétiques", "fr"),
        (3000, "trois mille emplois synthétiques", "fr"),
        (3000, "three thousand synthetic jobs", "en"),
        (21, "twenty-one synthetic centres", "en"),
        (200, "doscientos empleos sintéticos", "es"),
        (3, "tres centros sintéticos", "es"),
        (3000, "ثلاثة آلاف منصب شغل", "ar"),
        (3, "ثلاثة مراكز", "ar"),
        # round approximations
        (10, "une dizaine de centres auraient fermé", "fr"),
        (100, "une centaine de postes", "fr"),
        (1000, "des milliers d'emplois", "fr"),
        (1000, "un millier d'emplois", "fr"),
        (12, "dozens of synthetic centres", "en"),
        (10, "decenas de centros", "es"),
        (100, "مئات المناصب", "ar"),
        # percentages
        (20, "avec 20% de croissance synthétique", "fr"),
        (20, "avec 20 % de croissance synthétique", "fr"),
        (12.5, "une part de 12,5% (synthétique)", "fr"),
    ],
)
def test_the_value_is_readable(value, quote, language):
    assert readable(value, quote, language), sorted(numbers_in(quote, language))


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (3, "la ville connaîtra dans les temps à venir"),  # the figure is cut off
        (10, "Sur les 22 centres synthétiques annoncés"),
        (300, "le double de 150 postes"),  # computed: needs a derivation
        (400, "quarante postes"),
        (30000, "3.000 postes"),
        (1.2e9, "1,2 million de DH"),
    ],
)
def test_a_value_that_is_not_written_is_not_readable(value, quote):
    assert not readable(value, quote, "fr")


def test_an_ambiguous_group_keeps_every_reading():
    assert {30000, 30.0} <= numbers_in("30,000", "en")
    assert {30000, 30.0} <= numbers_in("30.000", "fr")


def test_a_year_next_to_a_number_does_not_hide_it():
    assert readable(300, "en 2011 300 postes synthétiques", "fr")
    assert readable(2011, "en 2011 300 postes synthétiques", "fr")
