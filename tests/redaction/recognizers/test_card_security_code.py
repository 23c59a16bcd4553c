import pytest

from redaction.recognizers.card_security_code import CardSecurityCodeRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> CardSecurityCodeRecognizer:
    return CardSecurityCodeRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: a cue before or after
        ("cvv 123", 1, [(4, 7)]),
        ("CVV2: 4821", 1, [(6, 10)]),
        ("the security code is 739", 1, [(21, 24)]),
        ("739 is the code on the back", 1, [(0, 3)]),
        ("three digit code 052 ok", 1, [(17, 20)]),
        ("verification number 8830", 1, [(20, 24)]),
        # invalid: no cue, prices, extensions, times, street numbers
        ("I live at 123 Main St", 0, []),
        ("it costs $129 a month", 0, []),
        ("extension 415 please", 0, []),
        ("call me at 3:30", 0, []),
        ("I have 3 kids", 0, []),
        ("my zip code is 90210", 0, []),
        ("cvv 123 and it expires 0427", 1, [(4, 7)]),
        ("security code is 123 extension 4455", 1, [(17, 20)]),
    ],
)
def test_when_text_scanned_then_security_code_spans_match_table(
    recognizer: CardSecurityCodeRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["CARD_SECURITY_CODE"])
    assert_spans(results, expected_len, expected_positions, "CARD_SECURITY_CODE")


def test_when_grouped_reference_number_near_cue_then_not_a_security_code(
    recognizer: CardSecurityCodeRecognizer,
) -> None:
    text = "and the cvv was fine\nyour confirmation number is 120 803 176"
    assert recognizer.analyze(text, ["CARD_SECURITY_CODE"]) == []
