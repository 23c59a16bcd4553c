"""Spanish cardinals read from words ("quinientos treinta y seis" is 536).

Pure functions over a list of folded words (``language.fold``). Used where the
value itself matters (the parts of a date); elsewhere number words are glossed
one for one and the English number reader assembles them.
"""

from __future__ import annotations

from collections.abc import Sequence

from redaction.spanish.vocabulary import (
    COMPOUND_HEADS,
    ENGLISH_TEENS,
    ENGLISH_TENS,
    ENGLISH_UNITS,
    HUNDREDS,
    TEENS,
    TENS,
    THOUSAND,
    UNITS,
    WEAK_NUMBERS,
)

JOIN = "y"


def is_number_word(word: str) -> bool:
    """True for a Spanish number word (folded), weak ones ("un") included."""
    return (
        word in UNITS
        or word in TEENS
        or word in TENS
        or word in HUNDREDS
        or word == THOUSAND
        or word in COMPOUND_HEADS
    )


def cardinal(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """The cardinal said from ``words[i]`` and where it ends, or None.

    Digit groups count as their value ("3 de marzo del 62").
    """
    if i < len(words) and words[i].isdigit():
        return int(words[i]), i + 1
    value, j = _below_thousand(words, i)
    if j < len(words) and words[j] == THOUSAND:
        value, j = max(value, 1) * 1000, j + 1
        rest, k = _below_thousand(words, j)
        value, j = value + rest, k
    return (value, j) if j > i else None


def _below_thousand(words: Sequence[str], i: int) -> tuple[int, int]:
    value, j = 0, i
    if j < len(words) and words[j] in HUNDREDS:
        value, j = HUNDREDS[words[j]], j + 1
    rest, k = below_hundred(words, j)
    return value + rest, k


def below_hundred(words: Sequence[str], i: int) -> tuple[int, int]:
    """A number under a hundred at ``words[i]`` and where it ends (``i`` when none)."""
    word = words[i] if i < len(words) else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    third = words[i + 2] if i + 2 < len(words) else ""
    unit_after_join = after == JOIN and third in UNITS and UNITS[third] > 0
    if word in TENS or word in ("diez", "veinte"):
        base = TENS.get(word) or TEENS[word]
        if unit_after_join and (word != "diez" or UNITS[third] >= 6):
            return base + UNITS[third], i + 3  # "cincuenta y tres", "diez y seis"
        return base, i + 1
    if word in COMPOUND_HEADS and after in UNITS and UNITS[after] > 0:
        return COMPOUND_HEADS[word] + UNITS[after], i + 2  # "dieci seis", "veinti dos"
    if word in TEENS:
        return TEENS[word], i + 1
    if word in UNITS and (word not in WEAK_NUMBERS or after == THOUSAND):
        return UNITS[word], i + 1
    return 0, i


def english_words(value: int) -> str:
    """A value under a hundred in the English the number reader knows: 53 -> "fifty three"."""
    if value < 10:
        return ENGLISH_UNITS[value]
    if value < 20:
        return ENGLISH_TEENS[value - 10]
    tens, unit = divmod(value, 10)
    return ENGLISH_TENS[tens] + (f" {ENGLISH_UNITS[unit]}" if unit else "")
