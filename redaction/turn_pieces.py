"""Value-shaped pieces of a turn: what an answer can be, and what it cannot.

The dialogue reader (``redaction.dialogue``) asks of every turn where its
numbers, IDs and dates are, and whether one is plainly harmless (money, a
time, a year, a count). Pure functions over the spoken form of a turn.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

import regex

from redaction.normalize import is_backchannel
from redaction.slot_table import NOT_A_VALUE_AFTER, NOT_A_VALUE_BEFORE, Shape

_FLAGS = regex.IGNORECASE | regex.UNICODE

_NOT_AFTER = regex.compile(NOT_A_VALUE_AFTER, _FLAGS)

_NOT_BEFORE = regex.compile(NOT_A_VALUE_BEFORE, _FLAGS)

_MONTH = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)

_ORD = (
    r"\b(?:(?:(?:twenty|thirty)[\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    r"|eighteenth|nineteenth|twentieth|thirtieth|\d{1,2}(?:st|nd|rd|th)?)\b"
)

# A two-digit year or a month left in words (runs under three digits stay as said).
_YEAR_WORDS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen"
)

_MONTH_NUMBER = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"

# Dates said with a month name: "march twenty fourth 1941", "the eighth of april 1940".
_DATE_PHRASE = regex.compile(
    r"(?:the\s+)?(?:" + _ORD + r")\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?:of\s+)?\d{2,4})?"
    r"|" + _MONTH + r"\.?\s+(?:the\s+)?(?:" + _ORD + r")(?:,?\s+(?:of\s+)?\d{2,4})?"
    r"|" + _MONTH + r"\.?,?\s+(?:of\s+)?(?:\d{2,4}|" + _YEAR_WORDS + r")(?!\w)"
    r"|\b(?:\d{1,2}|" + _MONTH_NUMBER + r")\s+of\s+(?:\d{2,4}|" + _YEAR_WORDS + r")(?!\w)",
    _FLAGS,
)

# A number: digit groups joined by one separator ("536-22-8174", "4111 1111", "04/08/1940").
_DIGITS = regex.compile(r"(?<![\w$.:])\d+(?:(?:[ ./-]|, ?)\d+)*(?![\w%:]|\.\d)")

# An ID: letters and digits with a digit or a capital run, dashes allowed ("W220-441-33").
_ALNUM = regex.compile(
    r"(?<![\w$-])(?=[A-Za-z0-9-]*\d|[A-Z]{5}|[a-z]{7})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?!\w)"
)

_TYPED_DATE = regex.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2,4}|\d{4}([/.-])\d{1,2}\2\d{1,2}")

_VOWELS = frozenset("aeiou")

_YEAR = regex.compile(r"(?:19|20)\d{2}")

_YEAR_BEFORE = regex.compile(r"\b(?:in|since|of|from|until|by|year|back\s+in)\W{0,2}$", _FLAGS)


def harmless(said: str, piece: Piece) -> bool:
    """Money, a time, a quantity or a year by the words around it: no slot's value."""
    before = said[max(0, piece.start - 24) : piece.start]
    if _NOT_AFTER.match(said, piece.end) or _NOT_BEFORE.search(before):
        return True
    return bool(_YEAR.fullmatch(said, piece.start, piece.end) and _YEAR_BEFORE.search(before))


# Fillers around a value are a few words ("um it's", "okay"): a longer rest says more.
# Bounds the work per piece, which was the length of the turn for every piece in it.
MAX_FILLER_CHARS = 200
_BLANK = regex.compile(r"\s*+")


def answer_only(said: str, piece: Piece) -> bool:
    """True when the turn says nothing but the piece (and fillers)."""
    if _BLANK.fullmatch(said, 0, piece.start) and _BLANK.fullmatch(said, piece.end):
        return True
    if len(said) - (piece.end - piece.start) > MAX_FILLER_CHARS:
        return False
    rest = said[: piece.start] + " " + said[piece.end :]
    return not rest.strip() or is_backchannel(rest)


def ends_turn(said: str, piece: Piece) -> bool:
    """True when only fillers follow the piece: the caller may go on in the next turn."""
    if _BLANK.fullmatch(said, piece.end):
        return True
    if len(said) - piece.end > MAX_FILLER_CHARS:
        return False
    rest = said[piece.end :]
    return not rest.strip() or is_backchannel(rest)


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    kind: Shape


def find_pieces(said: str) -> tuple[Piece, ...]:
    """Value-shaped stretches of a turn, in order: dates, numbers, IDs."""
    pieces = [Piece(m.start(), m.end(), Shape.DATE) for m in _DATE_PHRASE.finditer(said)]
    taken = sorted((p.start, p.end) for p in pieces)
    for pattern, kind in ((_DIGITS, Shape.DIGITS), (_ALNUM, Shape.ALNUM)):
        for m in pattern.finditer(said):
            if _overlaps(taken, m.start(), m.end()):
                continue
            if kind is Shape.DIGITS and _TYPED_DATE.fullmatch(m.group()):
                pieces.append(Piece(m.start(), m.end(), Shape.DATE))
            elif kind is Shape.DIGITS or id_like(m.group()):
                pieces.append(Piece(m.start(), m.end(), kind))
            else:
                continue
            insort(taken, (m.start(), m.end()))
    return tuple(sorted(pieces, key=lambda p: p.start))


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps a span of the sorted, non-overlapping ``taken``."""
    at = bisect_left(taken, (start, start))
    return (at > 0 and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end)


def id_like(token: str) -> bool:
    """An ID and not a word: has a digit, is a run of capitals, or has almost no vowels.

    Lowercase is how speech recognizers write; a capitalized word is a name or a place.
    """
    letters = [c for c in token.lower() if c.isalpha()]
    if any(c.isdigit() for c in token):
        return len(token) >= 4
    if len(token) < 5:
        return False
    if token.isupper():
        return True
    if not token.islower():
        return False
    return len(letters) >= 7 and sum(c in _VOWELS for c in letters) / len(letters) <= 0.2


def value_chars(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())
