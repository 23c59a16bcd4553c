import pytest

from redaction.recognizers.health_plan_member_id import HealthPlanMemberIdRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> HealthPlanMemberIdRecognizer:
    return HealthPlanMemberIdRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: typed insurer shapes, cue before
        ("Member ID: XYZ123456789", 1, [(11, 23)]),
        ("Insurance ID W123456789", 1, [(13, 23)]),
        ("subscriber id: 884512390", 1, [(15, 24)]),
        ("Medicaid # 90000123A", 1, [(11, 20)]),
        # valid: normalized speech, lowercase, suffix after a pause
        ("um my member id is 123456789 01", 1, [(19, 31)]),
        ("yeah the medicaid number is ab12345c", 1, [(28, 36)]),
        ("policy holder id 0045 8812 99", 1, [(17, 29)]),
        ("my health plan id is jqa998877665", 1, [(21, 33)]),
        ("health insurance policy number 55123987", 1, [(31, 39)]),
        # valid: cue after the number
        ("h12345678 that's my member id", 1, [(0, 9)]),
        # valid: only the member id when the group number stands next to it
        ("member id 123456789 group number 554433", 1, [(10, 19)]),
        # invalid: group numbers and Rx routing numbers are not the person's (deliberate)
        ("group number 554433", 0, []),
        ("on my insurance card the rx bin is 610014", 0, []),
        # invalid: too few digits, too short, too long, no cue
        ("member id abcdef12", 0, []),
        ("member id 12345", 0, []),
        ("member id 1234567890123456", 0, []),
        ("123456789", 0, []),
        # invalid: the nearest cue names another number
        ("member id is on file the policy number is 55123987", 0, []),
        ("my member id is on the card call 8005551234", 0, []),
        ("claim number 2024123456 for member id", 0, []),
        ("insurance card came but order number 55512345 didn't", 0, []),
        # invalid: dates, phones, prices
        ("member id 12-15-1980", 0, []),
        ("member id 800-555-1234", 0, []),
        ("health insurance premium $412.50 a month", 0, []),
        ("health plan zip code 90210", 0, []),
    ],
)
def test_when_text_scanned_then_member_id_spans_match_table(
    recognizer: HealthPlanMemberIdRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["HEALTH_PLAN_ID"])
    assert_spans(results, expected_len, expected_positions, "HEALTH_PLAN_ID")
