from collections.abc import Sequence

import pytest

from redaction.dialogue import Turn
from redaction.strict_numbers import unproven_numbers
from redaction.types import Speaker

AGENT = Speaker.AGENT
CUSTOMER = Speaker.CUSTOMER
UNKNOWN = Speaker.UNSPECIFIED

Said = tuple[Speaker, str]


def _unproven(said: Sequence[Said], keep_phones: bool = True) -> list[str]:
    """The numbers left to remove, as text, in a call of ``said`` joined with newlines."""
    turns, at = [], 0
    for speaker, text in said:
        turns.append(Turn(speaker, at, at + len(text)))
        at += len(text) + 1
    text = "\n".join(t for _, t in said)
    return [text[start:end] for start, end in unproven_numbers(text, turns, keep_phones)]


@pytest.mark.parametrize(
    "said, expected",
    [
        # money
        ("it's $129.99 a month", []),
        ("it's 129.99", []),
        ("it's 129 dollars a month", []),
        ("it's 150 bucks", []),
        ("it's 2,500 dollars", []),
        ("$1,250", []),
        ("USD 500", []),
        pytest.param("500 USD", []),
        # times
        ("call me at 330 pm", []),
        ("at 1030 am", []),
        ("call me at 3:30", []),
        # years after a cue
        ("we've been here since 2019", []),
        ("back in 2019", []),
        ("since 1999", []),
        # quantities with units
        ("I weigh 150 pounds", []),
        ("about 150 lbs", []),
        ("we drove 300 miles", []),
        ("for 120 months", []),
        ("75 percent", []),
        # a phone, where the policy keeps phones
        ("my number is 415-555-0123", []),
        ("my number is 4155550123", []),
        # fewer than three digits
        ("I have 2 kids", []),
        ("it's 42", []),
        # not proven harmless: removed
        ("my order number is 88431207", ["88431207"]),
        ("the account is 12345678", ["12345678"]),
        ("order 884-312-07", ["884-312-07"]),
        ("order 12 34 56", ["12 34 56"]),
        ("my zip is 90210", ["90210"]),
        ("it was 2019", ["2019"]),
        ("in 2019 I paid 4412", []),  # a sum paid is money
        ("in 2019 I got 4412", ["4412"]),
        ("I paid $40 on order 88431207", ["88431207"]),
    ],
)
def test_when_customer_says_number_then_unproven_ones_match_table(
    said: str, expected: list[str]
) -> None:
    assert _unproven([(CUSTOMER, said)]) == expected


@pytest.mark.parametrize(
    "said, keep_phones, expected",
    [
        ("my number is 415-555-0123", True, []),
        ("my number is 415-555-0123", False, ["415-555-0123"]),
        ("call 4155550123 or order 88431207", True, ["88431207"]),
        ("call 4155550123 or order 88431207", False, ["4155550123", "88431207"]),
    ],
)
def test_when_phones_kept_or_not_then_phone_is_left_or_removed(
    said: str, keep_phones: bool, expected: list[str]
) -> None:
    assert _unproven([(CUSTOMER, said)], keep_phones) == expected


@pytest.mark.parametrize(
    "said, expected",
    [
        # agent turns are never read
        ([(AGENT, "your order 88431207 shipped")], []),
        ([(AGENT, "reference 55123 for you"), (CUSTOMER, "and mine is 88431207")], ["88431207"]),
        ([(CUSTOMER, "order 88431207"), (AGENT, "got it, 88431207")], ["88431207"]),
        # an unknown speaker's turns are read
        ([(UNKNOWN, "order 88431207")], ["88431207"]),
        # each turn read on its own, in call order
        ([(CUSTOMER, "order 88431207"), (AGENT, "and the other?"), (CUSTOMER, "77120934")],
         ["88431207", "77120934"]),
    ],
)  # fmt: skip
def test_when_call_read_then_only_caller_turns_give_numbers(
    said: list[Said], expected: list[str]
) -> None:
    assert _unproven(said) == expected


def test_when_agent_turn_holds_number_then_span_is_in_caller_turn() -> None:
    text = "order 88431207\ngot it, 88431207"
    turns = [Turn(CUSTOMER, 0, 14), Turn(AGENT, 15, len(text))]
    assert unproven_numbers(text, turns, keep_phones=True) == [(6, 14)]
