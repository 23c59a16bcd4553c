"""Answers made of words: a secret ("um it's Henderson") and children's names and ages.

A slot for a security answer or for the caller's children is filled by the
words of the answer, not by a number; these functions find them in one turn.
"""

from __future__ import annotations

from itertools import islice

import regex

from redaction.recognizers.child_data import TEENS, UNITS
from redaction.slot_table import CHILD_ANSWER_WORDS, Shape, SlotSpec
from redaction.turn_pieces import Piece, answer_only

_FLAGS = regex.IGNORECASE | regex.UNICODE
ADULT_AGE = 18

# Ages a child can have, said as words ("seven", "sixteen").
_AGE_WORDS = {word: age for word, age in (UNITS | TEENS).items() if age < ADULT_AGE}

WORD = regex.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", _FLAGS)

_AGE = regex.compile(
    # not the unit of a larger number: the "seven" of "thirty seven", "thirty-seven"
    r"(?<!\b(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)[\s-]{1,3})"
    r"(?:(?<![\w$])(?:1[0-7]|[1-9])(?![\w%])|\b(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b)",
    _FLAGS,
)

# An age is said of someone: "Leo is 9", "she just turned four", "Ava, 6", "(7)".
_AGE_SAID = regex.compile(
    r"(?:\b(?:is|was|turned|turns|turning|he['\u2019]s|she['\u2019]s|they['\u2019]re|age|aged)"
    r"|[A-Za-z]{2,}\s*,|\()\s*(?:just\s+)?(?:about\s+)?$",
    _FLAGS,
)

# After a name: the age said of it ("leo is nine", "ava, six", "max (7)").
# Whitespace is read possessively here and in _AGE_UNIT: "\s*" then "\s+" took time in
# the square of a run of blanks, in one match.
_AGE_OF = regex.compile(
    r"(?:\s++(?:is|was|just\s+turned|turned|turns)|\s*+(?:['\u2019]s|,|\())\s*+(?:just\s++)?"
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen)\b",
    _FLAGS,
)

_AGE_UNIT = regex.compile(
    r"\s*+(?:-?\s*+(?:years?|yrs?|months?)(?:\s*+-?\s*+old)?|yo\b|\))", _FLAGS
)

_SECRET_LEAD = regex.compile(
    r"(?:\W|\b(?:um+|uh+|so|okay|ok|yeah|yes|sure|well|it['\u2019]?s|its|it\s+is|that['\u2019]?s"
    r"|that\s+would\s+be|that\s+is|my|is|was|the|name|would\s+be)\b)*",
    _FLAGS,
)

# Where an answer ends: a sentence, or a note's fragment (" - ", " -- ", " / ", "|").
_SENTENCE_END = regex.compile(r"[.!?;|\n]|\s-{1,2}\s|\s/\s")

_ANSWER_WORD = regex.compile(r"[\w'\u2019-]+", _FLAGS)


def secret_answer(said: str, start: int, spec: SlotSpec) -> list[tuple[int, int, str]]:
    """The answer's words after its lead-in ("it's", "um", "the name"), to the sentence end."""
    lead = _SECRET_LEAD.match(said, start)
    begin = lead.end() if lead else start
    stop = _SENTENCE_END.search(said, begin)
    end = stop.start() if stop else len(said.rstrip())
    words = list(islice(_ANSWER_WORD.finditer(said, begin, end), spec.max_len))
    if not words:
        return []
    return [(words[0].start(), words[-1].end(), spec.entity_type)]


def child_answer(said: str, start: int, asks: str) -> list[tuple[int, int, str]]:
    """Children's ages up to 17 and names, in an answer about them.

    Asked for names ("first name of the oldest?"), the words that can only be names;
    asked for ages, the ages; asked for both, names only beside an age, so an answer
    with no child's age in it ("just my wife, Dana") is about adults: nothing.
    """
    ages_asked = asks == "ages"
    out = [
        (m.start(), m.end(), "CHILD_AGE")
        for m in _AGE.finditer(said, start)
        if _AGE_SAID.search(said[max(start, m.start() - 16) : m.start()])
        or _AGE_UNIT.match(said, m.end())
        or (ages_asked and answer_only(said, Piece(m.start(), m.end(), Shape.DIGITS)))
    ]
    if not out and asks != "names":  # "three", "two kids": a count, not an age
        return []
    candidates = [
        m
        for m in WORD.finditer(said, start)
        if m.group().lower() not in CHILD_ANSWER_WORDS
        and len(m.group()) > 1
        and not _AGE.fullmatch(m.group())
    ]
    if any(ch.isupper() for ch in said[start:]):
        # Written with capitals: a name is capitalized ("they love soccer" is no name).
        candidates = [m for m in candidates if m.group()[0].isupper()]
    elif len(candidates) > 1 and asks != "names":
        # Lowercase, as recognizers write: only a word an age is said of ("leo is nine").
        candidates = [m for m in candidates if _AGE_OF.match(said, m.end())]
    out += [(m.start(), m.end(), "CHILD_NAME") for m in candidates]
    return sorted(out)


def oldest_age(said: str, spans: list[tuple[int, int, str]]) -> int:
    """The oldest age said in an answer about children (0: none said)."""
    ages = [_age_value(said[s:e]) for s, e, entity in spans if entity == "CHILD_AGE"]
    return max(ages, default=0)


def _age_value(said: str) -> int:
    word = said.strip().lower()
    if word.isdigit():
        return int(word)
    return _AGE_WORDS.get(word, 0)
