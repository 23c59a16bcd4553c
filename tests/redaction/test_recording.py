"""The recording guard as a table: which arriving segment pauses or resumes the recording.

Each row is a live call as (speaker, text) segments in arrival order, with the
clock at one second per segment unless a row says otherwise, and the hints it
must give: (segment index, action, entity type, cause). The guard is pure (the
real dialogue reader, no Presidio), so the table is fast.
"""

from __future__ import annotations

import pytest

from redaction.policy import DEFAULT_PAUSE_RECORDING
from redaction.recording import RecordingAction, RecordingCause, RecordingGuard
from redaction.types import Action, Finding, Segment, Sensitivity, Speaker

A, C, U = Speaker.AGENT, Speaker.CUSTOMER, Speaker.UNSPECIFIED
P, R = RecordingAction.PAUSE, RecordingAction.RESUME
ASKED, VOLUNTEERED = RecordingCause.ASKED, RecordingCause.VOLUNTEERED
ANSWERED, TIMED_OUT = RecordingCause.ANSWERED, RecordingCause.TIMED_OUT

Hint = tuple[int, RecordingAction, str, RecordingCause]

CARD_CALL = [
    (A, "thanks for calling, how can I help?"),
    (C, "I want to pay my bill"),
    (A, "sure, can I get the card number?"),
    (C, "yeah it's four one one one"),
    (C, "one one one one one one one one"),
    (C, "one one one one"),
    (A, "okay and the expiration date?"),
    (C, "oh five twenty eight"),
    (A, "and the three digit code on the back?"),
    (C, "seven three one"),
    (A, "great, your payment went through. anything else?"),
]

ROWS: list[tuple[str, list[tuple[Speaker, str]], frozenset[str], list[Hint]]] = [
    (
        "card, expiry and code: one pause, resumed when the agent moves on",
        CARD_CALL,
        DEFAULT_PAUSE_RECORDING,
        [(2, P, "CREDIT_CARD", ASKED), (10, R, "CREDIT_CARD", ANSWERED)],
    ),
    (
        "an agent's back-channel is not moving on",
        [
            (A, "what's your social security number?"),
            (C, "123 45 6789"),
            (A, "mm hmm"),
            (A, "okay, and what's the best time to call you?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "US_SSN", ASKED), (3, R, "US_SSN", ANSWERED)],
    ),
    (
        "a number half given holds the pause through the agent's remark",
        [
            (A, "can I have the routing and account number for the checking?"),
            (C, "the routing is 0 2 1 0 0 0 0 2 1"),
            (C, "and the account is 4 4 7"),
            (A, "sorry, it cut out there"),
            (C, "1 9 2 0 3 3"),
            (A, "perfect, thank you. is the address still on Elm street?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "US_BANK_NUMBER", ASKED), (5, R, "US_BANK_NUMBER", ANSWERED)],
    ),
    (
        "a customer's own cue pauses when the value is still to come",
        [
            (A, "how can I help you today?"),
            (C, "I want to pay, my card number is"),
            (C, "4111 1111 1111 1111"),
            (A, "thanks. what's your zip code?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(1, P, "CREDIT_CARD", VOLUNTEERED), (3, R, "CREDIT_CARD", ANSWERED)],
    ),
    (
        "a customer's cue ending mid-number pauses",
        [
            (A, "how can I help you today?"),
            (C, "so my social is five three six"),
            (C, "two two eight one seven four"),
            (A, "thank you, one moment. what's your date of birth?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(1, P, "US_SSN", VOLUNTEERED), (3, R, "US_SSN", ANSWERED)],
    ),
    (
        "a cue with its value whole, or with none, leaves nothing to pause for",
        [
            (A, "how can I help you today?"),
            (C, "my social is 123 45 6789 if you need it"),
            (C, "and just put it on the visa card like last time"),
            (A, "sure. your confirmation number is 4417"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [],
    ),
    (
        "a question about a card pauses though no slot reads it",
        [
            (A, "what card would you like to use for the first payment?"),
            (C, "the visa, it's 4111 1111 1111 1111"),
            (A, "perfect, that's all set. anything else?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "CREDIT_CARD", ASKED), (2, R, "CREDIT_CARD", ANSWERED)],
    ),
    (
        "the last four of a social pauses for the social",
        [
            (A, "last four of your social, please."),
            (C, "6 0 1 2"),
            (A, "thanks, and how many dependents?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "US_SSN", ASKED), (2, R, "US_SSN", ANSWERED)],
    ),
    (
        "the member id on an insurance card is no card number",
        [
            (A, "do you have your insurance card? i need the member id"),
            (C, "W 2 8 4 7 7 1 9 3"),
            (A, "thanks"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [],
    ),
    (
        "a prompt to go on and an announced read-back keep the pause",
        [
            (A, "can I get the card number?"),
            (C, "4111 1111"),
            (A, "got it, and?"),
            (C, "1111 1111"),
            (A, "let me make sure I have it."),
            (A, "I have 4111 1111 1111 1111, is that correct?"),
            (C, "yes"),
            (A, "great, and your email?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "CREDIT_CARD", ASKED), (7, R, "CREDIT_CARD", ANSWERED)],
    ),
    (
        "a read-back of the digits keeps the pause; an amount to authorize moves on",
        [
            (A, "what's the card number?"),
            (C, "4111 1111 1111 1111"),
            (A, "the card ending in 1111, correct?"),
            (C, "yes"),
            (A, "you authorize a payment of 45 dollars today, march 3rd, is that right?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "CREDIT_CARD", ASKED), (4, R, "CREDIT_CARD", ANSWERED)],
    ),
    (
        "unlabelled turns: a question about the topic pauses, a move on resumes",
        [
            (U, "can I get the card number?"),
            (U, "4111 1111 1111 1111"),
            (U, "thanks, and what's your zip code?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "CREDIT_CARD", ASKED), (2, R, "CREDIT_CARD", ANSWERED)],
    ),
    (
        "a type the policy does not pause for gives no hint",
        [(A, "and your date of birth?"), (C, "march third 1962"), (A, "thanks")],
        DEFAULT_PAUSE_RECORDING,
        [],
    ),
    (
        "a policy that pauses for dates of birth too",
        [(A, "and your date of birth?"), (C, "march third 1962"), (A, "thanks, and your zip?")],
        DEFAULT_PAUSE_RECORDING | {"DATE_OF_BIRTH"},
        [(0, P, "DATE_OF_BIRTH", ASKED), (2, R, "DATE_OF_BIRTH", ANSWERED)],
    ),
    (
        "a policy that pauses for nothing",
        CARD_CALL,
        frozenset(),
        [],
    ),
    (
        "an ordinary question gives no hint",
        [(A, "what's the best phone number for you?"), (C, "602 555 0178"), (A, "thanks")],
        DEFAULT_PAUSE_RECORDING,
        [],
    ),
    (
        "asked in Spanish",
        [
            (A, "¿me da el número de la tarjeta?"),
            (C, "cuatro uno uno uno, uno uno uno uno, uno uno uno uno, uno uno uno uno"),
            (A, "gracias, ¿algo más en que le pueda ayudar?"),
        ],
        DEFAULT_PAUSE_RECORDING,
        [(0, P, "CREDIT_CARD", ASKED), (2, R, "CREDIT_CARD", ANSWERED)],
    ),
]


def _hear(
    segments: list[tuple[Speaker, str]], pause_types: frozenset[str], max_pause: float = 120.0
) -> tuple[RecordingGuard, list[Hint], list[int]]:
    guard = RecordingGuard(pause_types, max_pause)
    hints = []
    sequences = []
    for index, (speaker, text) in enumerate(segments):
        for hint in guard.hear(index, Segment(text, speaker), now=float(index)):
            hints.append((hint.segment_index, hint.action, hint.entity_type, hint.cause))
            sequences.append(hint.sequence)
    return guard, hints, sequences


@pytest.mark.parametrize(
    "segments, pause_types, expected", [row[1:] for row in ROWS], ids=[row[0] for row in ROWS]
)
def test_the_hints_a_call_gets(
    segments: list[tuple[Speaker, str]], pause_types: frozenset[str], expected: list[Hint]
) -> None:
    guard, hints, sequences = _hear(segments, pause_types)
    assert hints == expected
    assert sequences == list(range(1, len(hints) + 1))
    assert not guard.paused


def test_a_pause_past_its_limit_resumes_with_a_warning_and_stays_resumed() -> None:
    guard = RecordingGuard(DEFAULT_PAUSE_RECORDING, max_pause_seconds=30)
    assert [h.action for h in guard.hear(0, Segment("what's the card number?", A), 0.0)] == [P]
    assert guard.seconds_left(10.0) == pytest.approx(20.0)
    assert guard.tick(29.9) == []
    (resume,) = guard.tick(30.0)
    assert (resume.action, resume.cause, resume.entity_type) == (R, TIMED_OUT, "CREDIT_CARD")
    assert "max_pause_seconds" in resume.warning and resume.segment_index == 0
    assert guard.seconds_left(31.0) is None
    # The slot is still open, but a remark does not pause again; a new question does.
    assert guard.hear(1, Segment("take your time", A), 40.0) == []
    again = guard.hear(2, Segment("okay, and the card number?", A), 50.0)
    assert [(h.action, h.cause) for h in again] == [(P, ASKED)]


def test_a_segment_arriving_after_the_limit_ends_the_pause_first() -> None:
    guard = RecordingGuard(DEFAULT_PAUSE_RECORDING, max_pause_seconds=30)
    guard.hear(0, Segment("what's the card number?", A), 0.0)
    hints = guard.hear(1, Segment("4111 1111 1111 1111", C), 45.0)
    assert [(h.action, h.cause) for h in hints] == [(R, TIMED_OUT)]
    assert not guard.paused


@pytest.mark.parametrize("paused", [True, False])
def test_the_stream_end_resumes_a_paused_recording_only(paused: bool) -> None:
    guard = RecordingGuard()
    text = "what's the card number?" if paused else "what's your zip code?"
    guard.hear(0, Segment(text, A), 0.0)
    ended = guard.end()
    assert [(h.action, h.cause) for h in ended] == (
        [(R, RecordingCause.STREAM_ENDED)] if paused else []
    )
    assert guard.end() == []  # once


def _finding(entity_type: str, index: int) -> Finding:
    return Finding(
        entity_type, 0, 4, Action.REPLACED, Sensitivity.SENSITIVE, "X", 0.9, segment_index=index
    )


@pytest.mark.parametrize(
    "index, expected",
    [
        (0, {"US_SSN": True, "PERSON": False}),  # arrived while recording
        (1, {"US_SSN": True, "PERSON": False}),  # the question that pauses was recorded
        (2, {"US_SSN": False, "PERSON": False}),  # the answer arrived paused
    ],
)
def test_only_pausing_types_said_while_recording_are_marked_captured(
    index: int, expected: dict[str, bool]
) -> None:
    guard = RecordingGuard()
    guard.hear(0, Segment("hi, I'm calling about my bill", C), 0.0)
    guard.hear(1, Segment("can I get your social?", A), 1.0)
    guard.hear(2, Segment("123 45 6789", C), 2.0)
    marked = guard.captured(index, (_finding("US_SSN", index), _finding("PERSON", index)))
    assert {f.entity_type: f.captured_while_recording for f in marked} == expected


def test_the_guard_keeps_no_raw_text_or_values_between_segments() -> None:
    """A call stream keeps only a few segments of raw text; the guard keeps none."""
    guard = RecordingGuard()
    said = [
        (A, "can I get your social?"),
        (C, "536 22 8174"),
        (A, "so that's 536 22 8174, correct?"),
        (C, "yes, and my daughter emma is 7"),
    ]
    for index, (speaker, text) in enumerate(said):
        guard.hear(index, Segment(text, speaker), float(index))
    remembered = repr(vars(guard)) + repr(vars(guard._dialogue))
    for raw in ("536", "8174", "emma"):
        assert raw not in remembered.lower()


def test_a_segment_whose_detection_failed_counts_as_captured_when_recorded() -> None:
    guard = RecordingGuard()
    guard.hear(0, Segment("hi, I'm calling about my bill", C), 0.0)
    (marked,) = guard.captured(0, (_finding("UNSCANNED", 0),))
    assert marked.captured_while_recording
