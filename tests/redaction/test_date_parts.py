"""A date asked a part at a time: each part the caller gives is the date, in either language."""

from __future__ import annotations

import pytest

from redaction import Redactor, Segment, Speaker, Transcript

A, C = Speaker.AGENT, Speaker.CUSTOMER
DOB = "<DATE_OF_BIRTH>"


@pytest.fixture(scope="module")
def engine() -> Redactor:
    return Redactor.create()


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            [(A, "what day were you born?"), (C, "eleven"), (A, "what month?"), (C, "one"),
             (A, "and the year?"), (C, "nineteen fifty three")],
            ["what day were you born?", DOB, "what month?", DOB, "and the year?", DOB],
        ),
        (
            [(A, "¿qué día nació?"), (C, "once"), (A, "¿de qué mes?"), (C, "uno"),
             (A, "¿y el año?"), (C, "mil novecientos cincuenta y tres")],
            ["¿qué día nació?", DOB, "¿de qué mes?", DOB, "¿y el año?", DOB],
        ),
        (  # a part question with no date asked before it opens nothing
            [(A, "what month works for the visit?"), (C, "march")],
            ["what month works for the visit?", "march"],
        ),
        (  # another question after the date closes it: "two" is a count
            [(A, "date of birth?"), (C, "march 3 1962"), (A, "how many in the household?"),
             (C, "two")],
            ["date of birth?", DOB, "how many in the household?", "two"],
        ),
        (  # a question about another thing's year does not reopen the date
            [(A, "date of birth?"), (C, "march 3 1962"), (A, "and what year is the car?"),
             (C, "it's a 2023 nissan rogue")],
            ["date of birth?", DOB, "and what year is the car?", "it's a 2023 nissan rogue"],
        ),
        (  # a turn that is more than a part is read as usual
            [(A, "what's your birthday?"), (C, "one moment"), (A, "sure")],
            ["what's your birthday?", "one moment", "sure"],
        ),
    ],
)  # fmt: skip
def test_a_date_said_in_parts(
    engine: Redactor, turns: list[tuple[Speaker, str]], expected: list[str]
) -> None:
    segments = tuple(Segment(speaker=s, text=t) for s, t in turns)
    out = engine.redact_transcript(Transcript(id="c", owner="acme", segments=segments))
    assert [s.text for s in out.transcript.segments] == expected
