import pytest

from redaction.recognizers.itin import TaxpayerIdRecognizer, is_itin
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> TaxpayerIdRecognizer:
    return TaxpayerIdRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: dashed needs no cue
        ("912-70-1234", 1, [(0, 11)]),
        ("call back re 955-65-4321 asap", 1, [(13, 24)]),
        ("ITIN: 900-50-0001.", 1, [(6, 17)]),
        # valid: spaced, dotted or bare with a cue on either side
        ("itin 912 78 1234", 1, [(5, 16)]),
        ("my itin is 912881234", 1, [(11, 20)]),
        ("taxpayer identification number 999991234", 1, [(31, 40)]),
        ("912941234 that's my itin", 1, [(0, 9)]),
        ("tax id 912.92.1234", 1, [(7, 18)]),
        # valid: normalized speech split by a pause
        ("um my individual taxpayer id is 9127 01234", 1, [(32, 42)]),
        # invalid: groups the IRS does not issue
        ("912-49-1234", 0, []),
        ("912-66-1234", 0, []),
        ("912-89-1234", 0, []),
        ("912-93-1234", 0, []),
        # invalid: not 9xx (SSN shape), bare or spaced without a cue
        ("812-70-1234", 0, []),
        ("912701234", 0, []),
        ("order number 912701234", 0, []),
        ("912 70 1234", 0, []),
        # invalid: phone numbers, zip+4, too long
        ("call me at 912-701-2345", 0, []),
        ("my itin is on file call 9127012345", 0, []),
        ("zip 91270-1234", 0, []),
        ("itin 912-70-12345", 0, []),
    ],
)
def test_when_text_scanned_then_itin_spans_match_table(
    recognizer: TaxpayerIdRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["US_ITIN"])
    assert_spans(results, expected_len, expected_positions, "US_ITIN")


@pytest.mark.parametrize(
    "digits, valid",
    [
        ("912501234", True),
        ("912651234", True),
        ("912701234", True),
        ("912881234", True),
        ("912901234", True),
        ("912921234", True),
        ("912941234", True),
        ("912991234", True),
        ("912491234", False),
        ("912661234", False),
        ("912691234", False),
        ("912891234", False),
        ("912931234", False),
        ("812701234", False),
        ("91270123", False),
    ],
)
def test_when_digits_checked_then_itin_ranges_apply(digits: str, valid: bool) -> None:
    assert is_itin(digits) is valid
