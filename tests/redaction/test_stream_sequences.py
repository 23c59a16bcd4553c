"""CallStream push/flush sequences as a table: after each push, what came out and what waits.

``test_stream_hold.py`` tables what the dialer finally reads; this one follows
the hold step by step. Each row is a call as ``(speaker, text)`` pushes and,
per push, ``(indexes released, held count after)``; then the indexes the final
``flush`` releases and every segment's text as sent. No server, no clock: the
stream is driven by hand, as the gateway drives it.
"""

from __future__ import annotations

import pytest

from redaction import RedactedSegment, Redactor, Segment, Speaker, Transcript
from redaction.errors import DetectionError
from redaction.stream import CallStream
from tests.synthetic import VISA, group

A, C = Speaker.AGENT, Speaker.CUSTOMER
HEADER = Transcript(id="call-s", owner="acme", segments=())
CARD_HEAD, CARD_TAIL = VISA[:4], group(VISA[4:], (4, 4, 4))

Step = tuple[list[int], int]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor.create()


def _run(
    stream: CallStream, pushes: list[tuple[Speaker, str]]
) -> tuple[list[Step], list[int], list[str]]:
    steps: list[Step] = []
    sent: dict[int, str] = {}
    for speaker, text in pushes:
        out = stream.push(Segment(speaker=speaker, text=text))
        steps.append(([r.index for r in out], stream.held_count))
        sent.update({r.index: r.segment.text for r in out})
    tail = stream.flush()
    sent.update({r.index: r.segment.text for r in tail})
    assert not stream.holding and stream.held_count == 0
    assert sorted(sent) == list(range(len(pushes))), "every segment is sent exactly once"
    return steps, [r.index for r in tail], [sent[i] for i in range(len(pushes))]


@pytest.mark.parametrize(
    ("pushes", "steps", "flushed", "sent"),
    [
        pytest.param([], [], [], [], id="no-segments-flush-releases-nothing"),
        pytest.param([(C, "")], [([0], 0)], [], [""], id="empty-segment-alone-released"),
        pytest.param([(C, "uh huh")], [([0], 0)], [], ["uh huh"], id="back-channel-alone-released"),
        pytest.param(
            [(C, "five five five, that's it")],
            [([0], 0)],
            [],
            ["five five five, that's it"],
            id="number-closed-by-thats-it-released",
        ),
        pytest.param(
            [(C, "hello"), (A, "hi there"), (C, "I got a letter")],
            [([0], 0), ([1], 0), ([2], 0)],
            [],
            ["hello", "hi there", "I got a letter"],
            id="no-possible-continuation-each-released-at-once",
        ),
        pytest.param(
            [
                (C, "4111, um,"),
                (C, "one one one one one one one one one one one one"),
                (A, "thanks"),
            ],
            [([], 1), ([], 2), ([0, 1, 2], 0)],
            [],
            ["<CREDIT_CARD>, um,", "<CREDIT_CARD>", "thanks"],
            id="hesitation-after-digits-holds-card-redacted-across-both",
        ),
        pytest.param(
            [
                (C, "my social is five three six"),
                (A, "uh huh"),
                (C, "twenty two"),
                (C, "eight one seven four"),
                (A, "great"),
            ],
            [([], 1), ([], 2), ([], 3), ([], 4), ([0, 1, 2, 3, 4], 0)],
            [],
            ["my social is <US_SSN>", "uh huh", "<US_SSN>", "<US_SSN>", "great"],
            id="agent-back-channel-inside-number-held-and-sent-untouched",
        ),
        pytest.param(
            [(C, f"my card is {CARD_HEAD}"), (C, CARD_TAIL), (A, "ok")],
            [([], 1), ([], 2), ([], 3)],
            [0, 1, 2],
            ["my card is <CREDIT_CARD>", "<CREDIT_CARD>", "ok"],
            id="typed-card-in-two-parts-ok-waits-flush-redacts-both",
        ),
        pytest.param(
            [(C, "my social is 536"), (C, "22"), (C, "8174"), (A, "thanks, and your zip?")],
            [([], 1), ([], 2), ([], 3), ([0, 1, 2, 3], 0)],
            [],
            ["my social is <US_SSN>", "<US_SSN>", "<US_SSN>", "thanks, and your zip?"],
            id="typed-groups-one-per-segment-redacted-across-three",
        ),
        pytest.param(
            [(C, "my social is five three six"), (C, "")],
            [([], 1), ([], 2)],
            [0, 1],
            ["my social is <US_SSN>", ""],
            id="empty-segment-while-holding-waits-too",
        ),
        pytest.param(
            [(C, "five"), (C, "five"), (C, "five")],
            [([], 1), ([], 2), ([], 3)],
            [0, 1, 2],
            ["five", "five", "five"],
            id="lone-digits-without-cue-flushed-as-said",
        ),
        pytest.param(
            [(A, "what is your zip code?"), (C, "nine oh two one oh")],
            [([0], 0), ([], 1)],
            [1],
            ["what is your zip code?", "nine oh two one oh"],
            id="question-released-answer-held-zip-kept-at-flush",
        ),
        pytest.param(
            [
                (C, "Jos\u00e9, my social is five three six"),
                (C, "two two eight one seven four"),
                (A, "gracias"),
            ],
            [([], 1), ([], 2), ([0, 1, 2], 0)],
            [],
            ["Jos\u00e9, my social is <US_SSN>", "<US_SSN>", "gracias"],
            id="unicode-before-the-number-offsets-hold",
        ),
        pytest.param(
            [(C, "born on the third of"), (C, "march nineteen seventy"), (A, "ok")],
            [([], 1), ([], 2), ([], 3)],
            [0, 1, 2],
            ["born on <DATE_OF_BIRTH>", "<DATE_OF_BIRTH>", "ok"],
            id="date-begun-with-of-held-across-segments",
        ),
        pytest.param(
            [(C, "hello"), (C, "my social is five three six"), (C, "two two eight one seven four")],
            [([0], 0), ([], 1), ([], 2)],
            [1, 2],
            ["hello", "my social is <US_SSN>", "<US_SSN>"],
            id="indexes-continue-after-an-earlier-release",
        ),
    ],
)
def test_when_segments_pushed_then_release_and_hold_follow_table(
    redactor: Redactor,
    pushes: list[tuple[Speaker, str]],
    steps: list[Step],
    flushed: list[int],
    sent: list[str],
) -> None:
    got_steps, got_flushed, got_sent = _run(CallStream(redactor, HEADER), pushes)
    assert got_sent == sent
    assert got_steps == steps
    assert got_flushed == flushed


@pytest.mark.parametrize(
    ("max_held", "pushes", "steps"),
    [
        pytest.param(1, 2, [([], 1), ([0, 1], 0)], id="cap-1-second-push-releases-both"),
        pytest.param(3, 5, [([], 1), ([], 2), ([], 3), ([0, 1, 2, 3], 0), ([], 1)], id="cap-3"),
    ],
)
def test_when_held_segments_pass_max_held_then_all_are_released(
    redactor: Redactor, max_held: int, pushes: int, steps: list[Step]
) -> None:
    stream = CallStream(redactor, HEADER, max_held=max_held)
    got_steps, flushed, sent = _run(stream, [(C, "five")] * pushes)
    assert got_steps == steps
    assert flushed == list(range(sum(len(s[0]) for s in steps), pushes))
    assert sent == ["five"] * pushes


class _FailingDetection:
    """The real engine, but detection of released segments fails (as a spaCy crash would)."""

    def __init__(self, redactor: Redactor) -> None:
        self._redactor = redactor

    def redact_segments(self, *_: object, **__: object) -> list[RedactedSegment]:
        raise DetectionError("detection failed")

    def __getattr__(self, name: str) -> object:
        return getattr(self._redactor, name)


@pytest.mark.parametrize(
    ("pushes", "steps", "sent"),
    [
        pytest.param([(C, "hello")], [([0], 0)], ["<UNSCANNED>"], id="released-at-once"),
        pytest.param(
            [(C, "my social is five three six"), (C, "two two eight one seven four")],
            [([], 1), ([], 2)],
            ["<UNSCANNED>", "<UNSCANNED>"],
            id="held-then-flushed",
        ),
    ],
)
def test_when_detection_fails_then_released_segments_are_replaced_whole(
    redactor: Redactor, pushes: list[tuple[Speaker, str]], steps: list[Step], sent: list[str]
) -> None:
    stream = CallStream(_FailingDetection(redactor), HEADER)  # type: ignore[arg-type]
    got_steps, _, got_sent = _run(stream, pushes)
    assert got_steps == steps
    assert got_sent == sent
    assert stream.summary().findings_by_type == {"UNSCANNED": len(pushes)}


def test_when_flushed_twice_then_second_flush_releases_nothing(redactor: Redactor) -> None:
    stream = CallStream(redactor, HEADER)
    stream.push(Segment(speaker=C, text="my social is five three six"))
    assert [r.index for r in stream.flush()] == [0]
    assert stream.flush() == []
    assert stream.summary().segments == 1
