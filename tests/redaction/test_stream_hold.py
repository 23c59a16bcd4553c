"""The hold rule as a table: which pushes release segments, and what the dialer gets.

Each row is a live call as (speaker, text) pushes; ``released`` says how many
segments each push gave back (the stream's ``flush`` at the end releases the
rest), ``sent`` what the dialer received for the customer's turns.
"""

from __future__ import annotations

import pytest

from redaction import Redactor, Segment, Speaker, Transcript

A, C = Speaker.AGENT, Speaker.CUSTOMER


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor.create()


def _run(redactor: Redactor, pushes: list[tuple[Speaker, str]]) -> tuple[list[int], list[str], int]:
    stream = redactor.open_stream(Transcript(id="call-h", owner="acme", segments=()))
    released: list[int] = []
    sent: dict[int, str] = {}
    for speaker, text in pushes:
        out = stream.push(Segment(speaker=speaker, text=text))
        released.append(len(out))
        sent.update({r.index: r.segment.text for r in out})
    tail = stream.flush()
    sent.update({r.index: r.segment.text for r in tail})
    said = [sent[i] for i, (speaker, _) in enumerate(pushes) if speaker is C]
    return released, said, len(tail)


@pytest.mark.parametrize(
    "pushes, released, said, flushed",
    [
        # a plain remark is released at once
        ([(C, "hi, I got a letter")], [1], ["hi, I got a letter"], 0),
        # a turn ending in a number waits for the next one, and both go together
        (
            [
                (C, "my social is five three six"),
                (C, "two two eight one seven four"),
                (A, "thanks, zip?"),
            ],
            [0, 0, 3],
            ["my social is <US_SSN>", "<US_SSN>"],
            0,
        ),
        # one digit per segment after the agent asks: held until the number is whole
        (
            [
                (A, "and the last four of the social?"),
                (C, "6"),
                (C, "0"),
                (C, "1"),
                (C, "2"),
                (A, "thanks, and your zip?"),
            ],
            [1, 0, 0, 0, 0, 5],
            ["<LAST_FOUR_DIGITS>"] * 4,
            0,
        ),
        # back-channels from the agent between the parts are held too
        (
            [
                (A, "what's your social?"),
                (C, "five three six"),
                (A, "mm hmm"),
                (C, "two two"),
                (A, "okay"),
                (C, "eight one seven four"),
                (A, "got it, thanks."),
            ],
            [1, 0, 0, 0, 0, 0, 6],
            ["<US_SSN>"] * 3,
            0,
        ),
        # the call ends mid-number after a cue: what was said is removed all the same
        (
            [(C, "my social is five three six"), (C, "two two")],
            [0, 0],
            ["my social is <US_SSN>", "<US_SSN>"],
            2,
        ),
        # a date of birth said in parts: a month alone at the end of a turn waits for the rest
        (
            [
                (A, "date of birth?"),
                (C, "march"),
                (C, "third nineteen seventy"),
                (A, "thanks, and your zip?"),
            ],
            [1, 0, 0, 3],
            ["<DATE_OF_BIRTH>", "<DATE_OF_BIRTH>"],
            0,
        ),
        # a number with nothing sensitive about it is released when the call moves on
        (
            [(C, "we have three one two"), (C, "cars in the garage")],
            [0, 2],
            ["we have three one two", "cars in the garage"],
            0,
        ),
    ],
)
def test_when_call_streams_then_holds_and_releases_match_table(
    redactor: Redactor,
    pushes: list[tuple[Speaker, str]],
    released: list[int],
    said: list[str],
    flushed: int,
) -> None:
    got_released, got_said, got_flushed = _run(redactor, pushes)
    assert got_said == said
    assert got_released == released
    assert got_flushed == flushed


def test_when_more_than_max_held_then_stream_releases_anyway(redactor: Redactor) -> None:
    stream = redactor.open_stream(Transcript(id="call-m", owner="acme", segments=()))
    outs = [len(stream.push(Segment(speaker=C, text="five"))) for _ in range(45)]
    assert sum(outs) + len(stream.flush()) == 45
    assert max(outs) >= 1  # the cap released a batch before the stream ended


def test_when_answer_comes_after_the_context_window_then_the_question_still_types_it(
    redactor: Redactor,
) -> None:
    pushes = [(A, "what's your social?")]
    pushes += [(C, "one sec"), (A, "mm"), (C, "ok"), (C, "let me find it"), (A, "sure")]
    pushes += [(C, "hold on"), (C, "it's five three six two two eight one seven four I think")]
    pushes += [(A, "thanks, and your zip?")]
    _, said, _ = _run(redactor, pushes)
    assert said[-1] == "it's <US_SSN> I think"
