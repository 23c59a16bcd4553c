import pytest
from presidio_analyzer import EntityRecognizer

from redaction.recognizers.health_admin import (
    HealthClaimNumberRecognizer,
    InsuranceMemberIdRecognizer,
    PrescriptionNumberRecognizer,
    PriorAuthorizationNumberRecognizer,
    ProviderTaxIdRecognizer,
    ReferralNumberRecognizer,
)

RECOGNIZERS: tuple[EntityRecognizer, ...] = (
    PriorAuthorizationNumberRecognizer(),
    HealthClaimNumberRecognizer(),
    PrescriptionNumberRecognizer(),
    ReferralNumberRecognizer(),
    ProviderTaxIdRecognizer(),
    InsuranceMemberIdRecognizer(),
)


def found(text: str) -> list[tuple[str, str]]:
    spans = {
        (r.entity_type, text[r.start : r.end])
        for recognizer in RECOGNIZERS
        for r in recognizer.analyze(text, recognizer.supported_entities)
    }
    return sorted(spans)


@pytest.mark.parametrize(
    "text, expected",
    [
        # labelled: the label is the cue
        ("prior auth 987654321 approved", [("US_PRIOR_AUTHORIZATION_NUMBER", "987654321")]),
        ("Claim number: 1234567890123 was paid", [("US_CLAIM_NUMBER", "1234567890123")]),
        ("Rx #1234567", [("US_PRESCRIPTION_NUMBER", "1234567")]),
        ("referral REF123456", [("US_REFERRAL_NUMBER", "REF123456")]),
        ("billing provider EIN: 12-3456789", [("US_PROVIDER_TAX_ID", "12-3456789")]),
        # weak prefixed: a context word on either side
        ("RX789456 is ready at the pharmacy", [("US_PRESCRIPTION_NUMBER", "RX789456")]),
        # member IDs: Presidio's shapes and phrasings, as HEALTH_PLAN_ID
        ("Insurance plan ID UHC-12345AB", [("HEALTH_PLAN_ID", "UHC-12345AB")]),
        ("Policy ID CIGNA123456 belongs to the patient", [("HEALTH_PLAN_ID", "CIGNA123456")]),
        ("Member ID ABCDE-12345678901234", [("HEALTH_PLAN_ID", "ABCDE-12345678901234")]),
        # not: no cue, a business reference nearer, too long, a date
        ("RX789456123", []),
        ("Order number PA-987654321 is ready", []),
        ("Tracking number CLM456789123 at the billing desk", []),
        ("Member ID ABCDE-123456789012345", []),
        ("Invoice number 12-3456789 was posted", []),
        ("my prescription is ready, call 555-123-4567", []),
    ],
)
def test_when_health_admin_text_scanned_then_found_matches_table(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text) == expected
