import pytest

from redaction.recognizers.drivers_license import UsDriverLicenseRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> UsDriverLicenseRecognizer:
    return UsDriverLicenseRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: typed state formats with a cue before
        ("Driver's License: A1234567", 1, [(18, 26)]),
        ("DL# D123-456-78-901-2", 1, [(4, 21)]),
        ("lic# S530-4413-2291", 1, [(5, 19)]),
        # state formats written with spaces or dashes
        ("DL: F255-921-50-094-0", 1, [(4, 21)]),
        ("drivers license S530 4413 2291", 1, [(16, 30)]),
        ("DL NJ G0229 89519 73554", 1, [(6, 23)]),
        ("DL: A123 4567 8901 23", 1, [(4, 21)]),
        ("license # 12-345-678", 1, [(10, 20)]),
        ("dl number 12345678", 1, [(10, 18)]),
        ("license no. WDLAB12CD3EF", 1, [(12, 24)]),
        ("NJ drivers license A1234 56789 01234", 1, [(19, 36)]),
        ("id card number 0123456789012345", 1, [(15, 31)]),
        # valid: normalized speech, lowercase, no punctuation
        ("my drivers license is 123456789", 1, [(22, 31)]),
        ("uh my state id is 987 654 321", 1, [(18, 29)]),
        ("my license number is s12345678901 okay", 1, [(21, 33)]),
        # valid: cue after the number
        ("a7654321 is my driver's license", 1, [(0, 8)]),
        ("it's 44012399 on my license", 1, [(5, 13)]),
        # valid: expiry said after the number does not cancel it
        ("drivers license number d1234567 it expires in 2027", 1, [(23, 31)]),
        # invalid: too short, too long, no digit, no cue
        ("drivers license 1234", 0, []),
        ("drivers license 12345678901234567", 0, []),
        ("drivers license class cdl", 0, []),
        ("a1234567", 0, []),
        # invalid: plates and other licenses
        ("my license plate is 7abc123", 0, []),
        ("license plate number 7abc123", 0, []),
        ("business license number 123456789", 0, []),
        # invalid: dates, phones, zips, order numbers near the cue
        ("my drivers license expires 03-15-2027", 0, []),
        ("drivers license 2027-03-15", 0, []),
        ("drivers license 555-123-4567", 0, []),
        ("i have my drivers license call me at 5551234567", 0, []),
        ("drivers license address zip is 90210", 0, []),
        ("drivers license came but order number 55512345 didn't", 0, []),
        ("drivers license fee was $35.50", 0, []),
    ],
)
def test_when_text_scanned_then_driver_license_spans_match_table(
    recognizer: UsDriverLicenseRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["US_DRIVER_LICENSE"])
    assert_spans(results, expected_len, expected_positions, "US_DRIVER_LICENSE")


def test_when_promo_code_follows_license_question_then_not_a_license(
    recognizer: UsDriverLicenseRecognizer,
) -> None:
    text = "what is your drivers license\nok and use promo code save10"
    assert recognizer.analyze(text, ["US_DRIVER_LICENSE"]) == []
