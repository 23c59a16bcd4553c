import pytest

from redaction.recognizers.payment_card import PaymentCardRecognizer, luhn_valid
from tests.assertions import assert_spans
from tests.synthetic import AMEX, DISCOVER_19, MASTERCARD, NOT_LUHN, VISA, group, luhn_complete


@pytest.fixture(scope="module")
def recognizer() -> PaymentCardRecognizer:
    return PaymentCardRecognizer()


VISA_SPACED = group(VISA, (4, 4, 4, 4))
VISA_DASHED = group(VISA, (4, 4, 4, 4), "-")
AMEX_SPACED = group(AMEX, (4, 6, 5))
MAESTRO_12 = luhn_complete("5018", 12)
UNIONPAY_19 = luhn_complete("6212", 19)
NO_NETWORK_12 = luhn_complete("9012", 12)


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: ungrouped, grouped by spaces or dashes, 15 and 19 digits
        (VISA, 1, [(0, 16)]),
        (f"card {VISA_SPACED} exp soon", 1, [(5, 24)]),
        (f"cc: {VISA_DASHED}", 1, [(4, 23)]),
        (f"{MASTERCARD} is the mastercard", 1, [(0, 16)]),
        (f"amex {AMEX_SPACED}", 1, [(5, 22)]),
        (f"number {DISCOVER_19}", 1, [(7, 26)]),
        (f"it's {group(VISA, (4,) * 4, '  ')} ok", 1, [(5, 27)]),
        # valid: 12-digit Maestro and 19-digit UnionPay, as Presidio finds them
        (f"maestro {MAESTRO_12}", 1, [(8, 20)]),
        (group(MAESTRO_12, (4, 4, 4)), 1, [(0, 14)]),
        (f"unionpay {UNIONPAY_19}", 1, [(9, 28)]),
        # valid: a card followed by an unrelated small number (its expiry, a count)
        (f"{VISA_SPACED} 12 27", 1, [(0, 19)]),
        (f"{VISA_SPACED} 2 kids", 1, [(0, 19)]),
        # invalid: Luhn fails, too short/long, repeated digit, phone numbers, prices
        (NOT_LUHN, 0, []),
        ("4111 1111 1111", 0, []),
        ("0000 0000 0000 0000", 0, []),
        ("call 555-123-4567 or 555-987-6543", 0, []),
        ("order 12345678901234567890123", 0, []),
        ("price $1,299.99", 0, []),
        ("zip 90210 dob 01/02/1980", 0, []),
        # valid: a cued card run into the number said after it (assembled speech)
        (f"card {VISA}1227", 1, [(5, 21)]),
        # invalid: a run-on with no cue, and 12 digits with no card network's first digit
        (f"{VISA}1227", 0, []),
        (NO_NETWORK_12, 0, []),
    ],
)
def test_when_text_scanned_then_card_spans_match_table(
    recognizer: PaymentCardRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["CREDIT_CARD"])
    assert_spans(results, expected_len, expected_positions, "CREDIT_CARD")


@pytest.mark.parametrize(
    "digits, valid", [(VISA, True), (AMEX, True), (NOT_LUHN, False), ("12ab", False)]
)
def test_when_luhn_checked_then_only_valid_pass(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid
