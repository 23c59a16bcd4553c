"""Strict numbers mode (``transcript_numbers = "all"``): a caller's numbers go unless harmless.

Some owners want what Deepgram and AssemblyAI call number redaction: every
number a customer says goes, except the ones that are plainly not
identifying. Harmless means money ("$129.99", "forty dollars a month"), a
time or a year ("at 3:30", "back in 2019"), a quantity with its unit ("150
pounds", "12 months"), or the caller's phone number where the policy keeps
phones. Everything else of three digits or more in a customer (or unknown
speaker's) turn is removed as ``NUMBER``.
"""

from __future__ import annotations

from collections.abc import Sequence

import phonenumbers
import regex

from redaction.dialogue import Turn
from redaction.slot_table import ORDINARY_REQUEST, Shape
from redaction.span_index import SpanIndex
from redaction.turn_pieces import Piece, harmless
from redaction.types import Speaker
from redaction.work_deadline import check_deadline

STRICT_ENTITY = "NUMBER"
MIN_DIGITS = 3

_FLAGS = regex.IGNORECASE | regex.UNICODE
# Digit groups; a dot joins groups of three or more ("4111.1111"), never cents ("129.99").
_NUMBER = regex.compile(r"(?<![\w.])\d+(?:(?:[ /-]|\.(?=\d{3})|, ?)\d+)*(?![\w%])")
# Beyond what no slot takes (``turn_pieces.harmless``): money written with its sign or
# cents, a score, a model year ("a 2013 honda") and a street number.
_MONEY_BEFORE = regex.compile(r"(?:\$|\busd|\bdollars?\s+and)\s*$", _FLAGS)
_CENTS_AFTER = regex.compile(r"\.\d{2}\b")
_SCORE_BEFORE = regex.compile(
    r"\b(?:score|rating|apr|rate)\s+(?:is\s+|of\s+)?(?:about\s+)?$", _FLAGS
)
_YEAR = regex.compile(r"(?:19|20)\d{2}")
_MODEL_YEAR_BEFORE = regex.compile(r"\b(?:a|an|my)\s*$", _FLAGS)
# A street address: "4410 Maple Avenue", "12 North Elm St".
_STREET_AFTER = regex.compile(
    r"(?:\s+[A-Za-z]+\.?){1,3}\s+(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|court|ct"
    r"|boulevard|blvd|way|place|pl|circle|cir|parkway|pkwy|terrace|trail|highway|hwy)\b",
    _FLAGS,
)
_ORDINARY_REQUEST = regex.compile(ORDINARY_REQUEST, _FLAGS)


def unproven_numbers(text: str, turns: Sequence[Turn], keep_phones: bool) -> list[tuple[int, int]]:
    """Spans of ``text`` (spoken form) holding a caller's number not proven harmless.

    The answer to an agent's question for ordinary lead data (the zip, the address,
    a callback number) is the lead itself and is kept.
    """
    found = []
    asked_ordinary = False
    for turn in turns:
        check_deadline()
        said = text[turn.start : turn.end]
        if turn.speaker is Speaker.AGENT:
            asked_ordinary = (
                bool(_ORDINARY_REQUEST.search(said)) if said.strip() else asked_ordinary
            )
            continue
        if asked_ordinary:
            continue
        phones = SpanIndex(_phone_spans(text, turn) if keep_phones else ())
        for match in _NUMBER.finditer(text, turn.start, turn.end):
            start, end = match.span()
            if sum(ch.isdigit() for ch in match.group()) < MIN_DIGITS:
                continue
            if _harmless(text, start, end) or phones.covers(start, end):
                continue
            found.append((start, end))
    return found


def _harmless(text: str, start: int, end: int) -> bool:
    """Money, a time, a quantity, a year, a street number or a score by the words around it."""
    if harmless(text, Piece(start, end, Shape.DIGITS)):
        return True
    before = text[max(0, start - 24) : start]
    return bool(
        _MONEY_BEFORE.search(before)
        or _CENTS_AFTER.match(text, end)
        or _SCORE_BEFORE.search(before)
        or _STREET_AFTER.match(text, end)
        or (_YEAR.fullmatch(text, start, end) and _MODEL_YEAR_BEFORE.search(before))
    )


def _phone_spans(text: str, turn: Turn) -> list[tuple[int, int]]:
    said = text[turn.start : turn.end]
    return [
        (turn.start + m.start, turn.start + m.end)
        for m in phonenumbers.PhoneNumberMatcher(said, "US", leniency=phonenumbers.Leniency.VALID)
    ]
