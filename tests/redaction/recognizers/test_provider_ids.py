import pytest

from redaction.recognizers.provider_ids import DeaNumberRecognizer, NationalProviderIdRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def npi() -> NationalProviderIdRecognizer:
    return NationalProviderIdRecognizer()


@pytest.fixture(scope="module")
def dea() -> DeaNumberRecognizer:
    return DeaNumberRecognizer()


@pytest.mark.parametrize(
    "text, expected_positions",
    [
        # valid: Luhn over "80840" + NPI; starting with 1 or grouped 4-3-3 needs no cue
        ("1234567893", [(0, 10)]),
        ("1234-567-893", [(0, 12)]),
        ("my doctor's npi is 1245319599", [(19, 29)]),
        ("provider number 2125551236", [(16, 26)]),
        # invalid: check digit, one digit repeated, a phone-shaped 2xx without a cue,
        # a business reference or phone named first, part of a longer number or an email
        ("1234567890", []),
        ("1111111112", []),
        ("2125551236", []),
        ("order number 1234567893", []),
        ("call me at 1234567893", []),
        ("12345678931", []),
        ("1234567893@example.com", []),
    ],
)
def test_when_npi_scanned_then_spans_match_table(
    npi: NationalProviderIdRecognizer, text: str, expected_positions: list[tuple[int, int]]
) -> None:
    results = npi.analyze(text, ["US_NPI"])
    assert_spans(results, len(expected_positions), expected_positions, "US_NPI")


@pytest.mark.parametrize(
    "text, expected_positions",
    [
        # valid: registrant letter, a letter (or 9), seven digits with their check digit
        ("GL0285191 EU4488929", [(0, 9), (10, 19)]),
        ("K92993548", [(0, 9)]),
        ("DEA number is BB1388568", [(14, 23)]),
        # invalid: check digit, inside a longer token or an email, a business reference
        ("The DEA number is  BG8207031", []),
        ("XGL0285191", []),
        ("GL0285191@example.com", []),
        ("order GL0285191", []),
        ("H12234567", []),
    ],
)
def test_when_dea_number_scanned_then_spans_match_table(
    dea: DeaNumberRecognizer, text: str, expected_positions: list[tuple[int, int]]
) -> None:
    results = dea.analyze(text, ["MEDICAL_LICENSE"])
    assert_spans(results, len(expected_positions), expected_positions, "MEDICAL_LICENSE")
