import pytest

from redaction.recognizers.ssn import SocialSecurityNumberRecognizer, is_issuable_ssn
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> SocialSecurityNumberRecognizer:
    return SocialSecurityNumberRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: dashed needs no cue
        ("536-22-8174", 1, [(0, 11)]),
        ("ssn on file 536-22-8174.", 1, [(12, 23)]),
        ("call back re 536-22-8174 asap", 1, [(13, 24)]),
        # valid: one dash left out, 3-6 (as Presidio's SSN2)
        ("078-051121", 1, [(0, 10)]),
        # valid: spaced or dotted 3-2-4 alone (no phone, zip or date is grouped so)
        ("536 22 8174", 1, [(0, 11)]),
        ("see 536.22.8174 above", 1, [(4, 15)]),
        # valid: spaced or bare with a cue on either side
        ("my social is 536 22 8174", 1, [(13, 24)]),
        ("social security number 536228174", 1, [(23, 32)]),
        ("536228174 that's my social", 1, [(0, 9)]),
        ("SSN: 536.22.8174", 1, [(5, 16)]),
        ("ss# 536228174", 1, [(4, 13)]),
        # invalid: never-issued numbers
        ("000-12-3456", 0, []),
        ("666-12-3456", 0, []),
        ("912-34-5678", 0, []),
        ("536-00-8174", 0, []),
        ("536-22-0000", 0, []),
        # valid: odd-looking but issuable, redacted (fail safe)
        ("111-11-1111", 1, [(0, 11)]),
        # invalid: phone numbers, order numbers, zips, dates, prices
        ("call me at 555-123-4567", 0, []),
        ("call me at (555) 123-4567", 0, []),
        ("my number is 5551234567", 0, []),
        ("order number 536228174 shipped", 0, []),
        ("zip 90210-1234", 0, []),
        ("born 12-25-1980", 0, []),
        ("total $536,228.17", 0, []),
        ("card 4539 5362 2817 4123", 0, []),
    ],
)
def test_when_text_scanned_then_ssn_spans_match_table(
    recognizer: SocialSecurityNumberRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["US_SSN"])
    assert_spans(results, expected_len, expected_positions, "US_SSN")


@pytest.mark.parametrize(
    "digits, issuable",
    [
        ("536228174", True),
        ("000228174", False),
        ("666228174", False),
        ("936228174", False),
        ("536008174", False),
        ("536220000", False),
        ("53622817", False),
    ],
)
def test_when_digits_checked_then_ssa_rules_apply(digits: str, issuable: bool) -> None:
    assert is_issuable_ssn(digits) is issuable


@pytest.mark.parametrize(
    "text, expected_len",
    [
        ("what's your social? and your order number is 536228174", 0),
        ("ssn on file; confirmation number: 536 22 8174", 0),
        ("social security number 536228174", 1),
        ("my social, the account number is different, it's 536-22-8174", 1),
    ],
)
def test_when_number_introduced_as_reference_then_not_ssn(
    recognizer: SocialSecurityNumberRecognizer, text: str, expected_len: int
) -> None:
    assert len(recognizer.analyze(text, ["US_SSN"])) == expected_len
