from collections.abc import Sequence

import pytest

from redaction.dialogue import DialogueState, Turn, read_dialogue
from redaction.slot_table import SLOT_TABLE
from redaction.types import Speaker

AGENT = Speaker.AGENT
CUSTOMER = Speaker.CUSTOMER

Said = tuple[Speaker, str]


SSN_SPEC = next(spec for spec in SLOT_TABLE if spec.entity_type == "US_SSN")
STALLS = ["hang on", "let me find it", "ok here", "one sec", "bear with me", "found it"]


def _call(said: Sequence[Said]) -> tuple[str, list[Turn]]:
    """The turns joined with newlines (as the engine joins segments) and their spans."""
    turns, at = [], 0
    for speaker, text in said:
        turns.append(Turn(speaker, at, at + len(text)))
        at += len(text) + 1
    return "\n".join(text for _, text in said), turns


def _read(said: Sequence[Said], state: DialogueState | None = None) -> list[tuple[str, str]]:
    text, turns = _call(said)
    return [(v.entity_type, text[v.start : v.end]) for v in read_dialogue(text, turns, state)]


@pytest.mark.parametrize(
    "said, expected",
    [
        # nothing asked, no cue: a bare number is nobody's value
        ([(CUSTOMER, "536228174")], []),
        # answer-only turns
        ([(AGENT, "Can I get your social?"), (CUSTOMER, "536228174")], [("US_SSN", "536228174")]),
        ([(AGENT, "Can I get your social?"), (CUSTOMER, "sure it's 536 22 8174")],
         [("US_SSN", "536 22 8174")]),
        ([(AGENT, "Can I get the last 4 of your social?"), (CUSTOMER, "8174")],
         [("LAST_FOUR_DIGITS", "8174")]),
        ([(AGENT, "What's your routing number?"), (CUSTOMER, "021000021")],
         [("ABA_ROUTING_NUMBER", "021000021")]),
        ([(AGENT, "What's your medicare number?"), (CUSTOMER, "1EG4TE5MK73")],
         [("US_MBI", "1EG4TE5MK73")]),
        ([(AGENT, "What's your passport number?"), (CUSTOMER, "it's XJTFEDNK")],
         [("US_PASSPORT", "XJTFEDNK")]),
        ([(AGENT, "What's your date of birth?"), (CUSTOMER, "march twenty fourth 1941")],
         [("DATE_OF_BIRTH", "march twenty fourth 1941")]),
        ([(AGENT, "What's your date of birth?"), (CUSTOMER, "04/08/1940")],
         [("DATE_OF_BIRTH", "04/08/1940")]),
        # several slots in one question, one answer cut between them
        ([(AGENT, "And the expiration and the security code?"), (CUSTOMER, "1028 441")],
         [("CARD_EXPIRY", "1028"), ("CARD_SECURITY_CODE", "441")]),
        ([(AGENT, "Card number, expiration and security code?"),
          (CUSTOMER, "4242 4242 4242 4242 1028 441")],
         [("CREDIT_CARD", "4242 4242 4242 4242"), ("CARD_EXPIRY", "1028"),
          ("CARD_SECURITY_CODE", "441")]),
        pytest.param(
            [(AGENT, "Card number, expiration and security code?"),
             (CUSTOMER, "4111 1111 1111 1111 1028 441")],
            [("CREDIT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "1028"),
             ("CARD_SECURITY_CODE", "441")],
        ),
        ([(AGENT, "What's the card number?"), (CUSTOMER, "4111111111111111"),
          (AGENT, "expiration?"), (CUSTOMER, "1028")],
         [("CREDIT_CARD", "4111111111111111"), ("CARD_EXPIRY", "1028")]),
        # a follow-up re-opens the last request for someone else
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "and your husband's?"), (CUSTOMER, "536228175")],
         [("US_SSN", "536228174"), ("US_SSN", "536228175")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "what about hers?"), (CUSTOMER, "536228175")],
         [("US_SSN", "536228174"), ("US_SSN", "536228175")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "and your wife's?"), (CUSTOMER, "uh huh"), (CUSTOMER, "536228175")],
         [("US_SSN", "536228174"), ("US_SSN", "536228175")]),
        pytest.param(
            [(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
             (AGENT, "what about the kids' socials?"), (CUSTOMER, "536228175 and 536228176")],
            [("US_SSN", "536228174"), ("US_SSN", "536228175"), ("US_SSN", "536228176")],
        ),
        # a back-channel or a prompt to go on keeps the slot open for the rest
        ([(AGENT, "What's your social?"), (CUSTOMER, "536"), (AGENT, "okay"),
          (CUSTOMER, "228174")],
         [("US_SSN", "536"), ("US_SSN", "228174")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536"), (AGENT, "mm-hmm"),
          (CUSTOMER, "22 8174")],
         [("US_SSN", "536"), ("US_SSN", "22 8174")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536"), (AGENT, "go on"),
          (CUSTOMER, "22 8174")],
         [("US_SSN", "536"), ("US_SSN", "22 8174")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536"), (CUSTOMER, "22 8174")],
         [("US_SSN", "536"), ("US_SSN", "22 8174")]),
        # the agent moving on closes the slot: a later number is not taken
        ([(AGENT, "What's your social?"), (CUSTOMER, "536"),
          (AGENT, "okay, what's your favorite color?"), (CUSTOMER, "228174")],
         [("US_SSN", "536")]),
        ([(AGENT, "What's your social?"), (AGENT, "Actually, let's do your address first."),
          (CUSTOMER, "it's 1234 Elm street")],
         []),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "Thanks. Is that your home?"), (CUSTOMER, "536228175")],
         [("US_SSN", "536228174")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "And your passport number?"), (CUSTOMER, "XJTFEDNK")],
         [("US_SSN", "536228174"), ("US_PASSPORT", "XJTFEDNK")]),
        # the agent reads a value back, whole or in part
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "so that's 536228174?"), (CUSTOMER, "yes")],
         [("US_SSN", "536228174"), ("US_SSN", "536228174")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "ending in 8174?"), (CUSTOMER, "yes")],
         [("US_SSN", "536228174"), ("US_SSN", "8174")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "so that's 536228175, correct?"), (CUSTOMER, "no, 536228174")],
         [("US_SSN", "536228174"), ("US_SSN", "536228175"), ("US_SSN", "536228174")]),
        ([(AGENT, "How are you today?"), (AGENT, "your order 8174 shipped")], []),
        # the agent's ordinary words are no read-back
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174"),
          (AGENT, "Great. Anything else?")],
         [("US_SSN", "536228174")]),
        pytest.param(
            [(AGENT, "What's your passport number?"), (CUSTOMER, "XJTFEDNK"),
             (AGENT, "thanks, anything else?")],
            [("US_PASSPORT", "XJTFEDNK")],
        ),
        # the caller's own cue, before or after the value
        ([(CUSTOMER, "my passport number is XJTFEDNK")], [("US_PASSPORT", "XJTFEDNK")]),
        ([(CUSTOMER, "CZHTKWJ, that's my driver's license number")],
         [("US_DRIVER_LICENSE", "CZHTKWJ")]),
        ([(CUSTOMER, "CZHTKWJ, that's my driver's license number, and I paid $40")],
         [("US_DRIVER_LICENSE", "CZHTKWJ")]),
        # secrets: the words of the answer after its lead-in
        ([(AGENT, "What's your mother's maiden name?"), (CUSTOMER, "um it's Henderson.")],
         [("ACCOUNT_SECRET", "Henderson")]),
        ([(AGENT, "What's the security answer?"), (CUSTOMER, "yeah the name would be Rover")],
         [("ACCOUNT_SECRET", "Rover")]),
        ([(AGENT, "What's your password?"), (CUSTOMER, "it's bluebird 42.")],
         [("ACCOUNT_SECRET", "bluebird 42")]),
        # children: names beside ages; an answer with no child's age is about adults
        ([(AGENT, "Can I get the kids' names and ages?"), (CUSTOMER, "Leo is 9 and Ava is 6")],
         [("CHILD_NAME", "Leo"), ("CHILD_AGE", "9"), ("CHILD_NAME", "Ava"), ("CHILD_AGE", "6")]),
        ([(AGENT, "How old are the kids?"), (CUSTOMER, "Mia turns 12 next week and Sam is 4")],
         [("CHILD_NAME", "Mia"), ("CHILD_AGE", "12"), ("CHILD_NAME", "Sam"), ("CHILD_AGE", "4")]),
        ([(AGENT, "Anyone else in the household?"), (CUSTOMER, "just my wife, Dana")], []),
        # money, times and quantities are never a slot's value; a bare number is
        ([(AGENT, "What's the card number?"), (CUSTOMER, "$40")], []),
        ([(AGENT, "What's your account number?"), (CUSTOMER, "it'll take 7 minutes")], []),
        ([(AGENT, "What's your account number?"), (CUSTOMER, "it's 40 dollars")], []),
        ([(AGENT, "What's your account number?"), (CUSTOMER, "12345678 and I paid $40 last time")],
         [("US_BANK_NUMBER", "12345678")]),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536228174, and it'll be $40, right?")],
         [("US_SSN", "536228174")]),
        ([(AGENT, "What's your account number?"), (CUSTOMER, "12345678"), (AGENT, "okay"),
          (CUSTOMER, "it took 7 minutes")],
         [("US_BANK_NUMBER", "12345678")]),
        ([(AGENT, "What's your account number?"), (CUSTOMER, "12345678"), (AGENT, "okay"),
          (CUSTOMER, "and $40")],
         [("US_BANK_NUMBER", "12345678")]),
        ([(AGENT, "What's your account number?"), (CUSTOMER, "12345678"), (AGENT, "okay"),
          (CUSTOMER, "and 40")],
         [("US_BANK_NUMBER", "12345678"), ("US_BANK_NUMBER", "40")]),
    ],
)  # fmt: skip
def test_when_conversation_read_then_values_match_table(
    said: list[Said], expected: list[tuple[str, str]]
) -> None:
    assert _read(said) == expected


def test_when_agent_reads_back_then_span_is_in_the_agent_turn() -> None:
    said = [
        (AGENT, "What's your social?"),
        (CUSTOMER, "536228174"),
        (AGENT, "so that's 536228174?"),
    ]
    text, turns = _call(said)
    values = read_dialogue(text, turns)
    assert [(v.start, v.end) for v in values] == [
        (turns[1].start, turns[1].end),
        (turns[2].start + 10, turns[2].start + 19),
    ]


@pytest.mark.parametrize(
    "said, expected_pending",
    [
        # part of a number the agent asked for
        ([(AGENT, "What's your social?"), (CUSTOMER, "536")], True),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536 22")], True),
        ([(AGENT, "What's the card number?"), (CUSTOMER, "4111 1111")], True),
        ([(AGENT, "Can I get the last 4?"), (CUSTOMER, "81")], True),
        # the whole number given
        ([(AGENT, "What's your social?"), (CUSTOMER, "536 22 8174")], False),
        # asked, nothing given yet
        ([(AGENT, "What's your social?")], False),
        # not a digits slot, or not asked by the agent
        ([(AGENT, "What's your passport number?"), (CUSTOMER, "XJT")], False),
        ([(AGENT, "What's your date of birth?"), (CUSTOMER, "04")], False),
        ([(CUSTOMER, "my social is 536")], False),
        # the agent moved on
        ([(AGENT, "What's your social?"), (CUSTOMER, "536"), (AGENT, "Thanks, and your address?")],
         False),
        ([(AGENT, "What's your social?"), (CUSTOMER, "536"),
          (AGENT, "Actually, let's do your address first.")],
         False),
    ],
)  # fmt: skip
def test_when_call_read_then_pending_matches_table(
    said: list[Said], expected_pending: bool
) -> None:
    state = DialogueState()
    _read(said, state)
    assert state.pending is expected_pending


def test_when_state_carried_across_batches_then_rest_of_number_is_taken() -> None:
    state = DialogueState()
    first = _read([(AGENT, "What's your social?"), (CUSTOMER, "536")], state)
    assert state.pending
    second = _read([(CUSTOMER, "22 8174")], state)
    assert first == [("US_SSN", "536")]
    assert second == [("US_SSN", "22 8174")]
    assert not state.pending


def test_when_no_state_carried_then_rest_of_number_is_not_taken() -> None:
    _read([(AGENT, "What's your social?"), (CUSTOMER, "536")])
    assert _read([(CUSTOMER, "22 8174")]) == []


@pytest.mark.parametrize(
    "stalls, expected",
    [
        # the caller stalls as many turns as the slot waits: the number is still taken
        (SSN_SPEC.open_turns, [("US_SSN", "536228174")]),
        (1, [("US_SSN", "536228174")]),
        # one more: the slot has closed
        (SSN_SPEC.open_turns + 1, []),
    ],
)
def test_when_caller_stalls_then_slot_waits_open_turns(
    stalls: int, expected: list[tuple[str, str]]
) -> None:
    said = [
        (AGENT, "What's your social?"),
        *((CUSTOMER, stall) for stall in STALLS[:stalls]),
        (CUSTOMER, "536228174"),
    ]
    assert _read(said) == expected
