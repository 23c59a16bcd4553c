import pytest

from redaction.recognizers.passport import PassportNumberRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> PassportNumberRecognizer:
    return PassportNumberRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: typed, cue before
        ("Passport No. 561203948", 1, [(13, 22)]),
        ("US passport: C03005988", 1, [(13, 22)]),
        ("passport card c12345678", 1, [(14, 23)]),
        # valid: normalized speech, lowercase, letter said apart, pauses
        ("my passport is a12345678", 1, [(15, 24)]),
        ("passport number is a 12345678", 1, [(19, 29)]),
        ("my passport number is 5612 03948", 1, [(22, 32)]),
        ("passport book number 561 203 948", 1, [(21, 32)]),
        # valid: cue after the number
        ("561203948 is my passport number", 1, [(0, 9)]),
        ("it's e44120398 on the passport", 1, [(5, 14)]),
        # invalid: no cue
        ("561203948", 0, []),
        ("a12345678", 0, []),
        # invalid: wrong length or shape
        ("passport 56120394", 0, []),
        ("passport 5612039481", 0, []),
        ("passport ab1234567", 0, []),
        ("passport a1234567", 0, []),
        # invalid: the nearest cue names another number
        ("i don't have a passport my social is 561203948", 0, []),
        ("passport renewal order number 561203948", 0, []),
        ("passport is fine call me at 561 203 9481", 0, []),
        ("passport zip is 90210", 0, []),
        # invalid: dates and prices
        ("my passport expires 03-15-2031", 0, []),
        ("passport fee $130.00", 0, []),
    ],
)
def test_when_text_scanned_then_passport_spans_match_table(
    recognizer: PassportNumberRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["US_PASSPORT"])
    assert_spans(results, expected_len, expected_positions, "US_PASSPORT")
