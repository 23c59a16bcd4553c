import pytest

from redaction.recognizers.card_expiry import CardExpiryRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> CardExpiryRecognizer:
    return CardExpiryRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: numeric and month-name forms next to a cue
        ("exp 04/27", 1, [(4, 9)]),
        ("expires 4/2027", 1, [(8, 14)]),
        ("expiration date is 11-28", 1, [(19, 24)]),
        ("valid thru 09 / 26", 1, [(11, 18)]),
        ("it expires in march 2028", 1, [(14, 24)]),
        ("good through Jan '29", 1, [(13, 20)]),
        # invalid: dates without a cue, fractions, scores
        ("call me on 04/27", 0, []),
        ("born 4/12/1980", 0, []),
        ("the game was 3-1", 0, []),
        ("see you in march 2028", 0, []),
        ("exp 13/27", 0, []),
    ],
)
def test_when_text_scanned_then_expiry_spans_match_table(
    recognizer: CardExpiryRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["CARD_EXPIRY"])
    assert_spans(results, expected_len, expected_positions, "CARD_EXPIRY")


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: spoken forms as the normalizer writes them
        ("expires 0427", 1, [(8, 12)]),
        ("exp 427", 1, [(4, 7)]),
        ("expiration 042027", 1, [(11, 17)]),
        # invalid: no cue, impossible month
        ("room 0427", 0, []),
        ("expires 1327", 0, []),
    ],
)
def test_when_expiry_spoken_then_digits_form_found(
    recognizer: CardExpiryRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    assert_spans(recognizer.analyze(text, ["CARD_EXPIRY"]), expected_len, expected_positions)
