"""Spanish cardinals (the parts of a date) and the English said for a value under a hundred."""

from __future__ import annotations

import pytest

from redaction.spanish.language import fold
from redaction.spanish.numbers import cardinal, english_words


@pytest.mark.parametrize(
    ("said", "value", "words_read"),
    [
        ("cinco", 5, 1),
        ("cero", 0, 1),
        ("once", 11, 1),
        ("veintidós", 22, 1),
        ("veintidos", 22, 1),
        ("veintiún", 21, 1),
        ("veinte y dos", 22, 3),
        ("veinti dos", 22, 2),
        ("dieci seis", 16, 2),
        ("diez y seis", 16, 3),
        ("diez y dos", 10, 1),  # "diez y dos" is ten, then two: only 16-19 are said that way
        ("cincuenta y tres", 53, 3),
        ("cincuenta", 50, 1),
        ("treinta y un", 31, 3),
        ("quinientos treinta y seis", 536, 4),
        ("cien", 100, 1),
        ("ciento cinco", 105, 2),
        ("novecientas", 900, 1),
        ("mil", 1000, 1),
        ("mil novecientos sesenta y dos", 1962, 5),
        ("dos mil veintiséis", 2026, 3),
        ("un mil", 1000, 2),
        ("sesenta y dos años", 62, 3),
        ("62", 62, 1),
        ("cinco tres seis", 5, 1),  # digit by digit: one number word at a time
    ],
)
def test_cardinal_reads_the_value_and_where_it_ends(said: str, value: int, words_read: int) -> None:
    words = [fold(w) for w in said.split()]
    assert cardinal(words, 0) == (value, words_read)


@pytest.mark.parametrize("said", ["un", "una casa", "y", "marzo", ""])
def test_cardinal_is_none_without_a_number(said: str) -> None:
    assert cardinal([fold(w) for w in said.split()], 0) is None


@pytest.mark.parametrize(
    ("value", "english"),
    [(0, "zero"), (7, "seven"), (13, "thirteen"), (20, "twenty"), (53, "fifty three")],
)
def test_english_words(value: int, english: str) -> None:
    assert english_words(value) == english
