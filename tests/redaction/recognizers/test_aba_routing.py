import pytest

from redaction.recognizers.aba_routing import (
    AbaRoutingRecognizer,
    aba_checksum_valid,
    is_aba_routing,
)
from tests.assertions import assert_spans


def with_check_digit(prefix: str) -> str:
    """Synthetic routing number: eight digits plus the digit that makes 3-7-1 sum to 0 mod 10."""
    weights = (3, 7, 1, 3, 7, 1, 3, 7)
    partial = sum(w * int(d) for w, d in zip(weights, prefix, strict=True))
    return prefix + str((10 - partial % 10) % 10)


RTN = with_check_digit("07140213")  # Fed district 07
THRIFT = with_check_digit("26108455")  # thrift range 21-32
ELECTRONIC = with_check_digit("63918427")  # electronic range 61-72
BAD_CHECK = RTN[:-1] + str((int(RTN[-1]) + 1) % 10)
BAD_PREFIX = with_check_digit("45117320")  # 45: never assigned
ZIP_LIKE = with_check_digit("10001123")  # passes, but typed as a zip+4 below


@pytest.fixture(scope="module")
def recognizer() -> AbaRoutingRecognizer:
    return AbaRoutingRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: typed, with a cue before
        (f"routing number {RTN}", 1, [(15, 24)]),
        (f"ABA: {THRIFT}", 1, [(5, 14)]),
        (f"RTN {ELECTRONIC} acct 55012983", 1, [(4, 13)]),
        # valid: normalized speech, lowercase, no punctuation
        (f"yeah my routing number is {RTN} okay", 1, [(26, 35)]),
        (f"the bank routing and transit number is {THRIFT}", 1, [(39, 48)]),
        # valid: cue after the number
        (f"it's {RTN} that's the routing", 1, [(5, 14)]),
        (f"{ELECTRONIC} is the aba number", 1, [(0, 9)]),
        # valid: grouped by speech pauses or typed with dashes
        (f"routing {RTN[:3]} {RTN[3:6]} {RTN[6:]}", 1, [(8, 19)]),
        (f"transit number {RTN[:4]}-{RTN[4:8]}-{RTN[8]}", 1, [(15, 26)]),
        # valid: routing and account back to back, only the routing number counts
        (f"my routing and account are {RTN} 55012983", 1, [(27, 36)]),
        (f"routing number is {RTN} and the account number is 55012983", 1, [(18, 27)]),
        # invalid: wrong checksum, unassigned prefix, one repeated digit
        (f"routing number {BAD_CHECK}", 0, []),
        (f"routing number {BAD_PREFIX}", 0, []),
        ("routing number 000000000", 0, []),
        # invalid: no cue (nine digits are also SSNs and order numbers)
        (RTN, 0, []),
        (f"my number is {RTN}", 0, []),
        # invalid: a nearer anti-cue names the number
        (f"routing is on the check but the order number is {RTN}", 0, []),
        (f"confirmation {THRIFT} for the routing change", 0, []),
        # invalid: phone, zip+4, too long or short, dates, prices
        ("routing number 5551234567", 0, []),
        ("routing 555-123-4567", 0, []),
        (f"routing number zip is {ZIP_LIKE[:5]}-{ZIP_LIKE[5:]}", 0, []),
        (f"routing {RTN}1", 0, []),
        (f"routing {RTN[:8]}", 0, []),
        ("routing change on 01-15-2024", 0, []),
        ("routing fee $071,402.13", 0, []),
    ],
)
def test_when_text_scanned_then_routing_spans_match_table(
    recognizer: AbaRoutingRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["ABA_ROUTING_NUMBER"])
    assert_spans(results, expected_len, expected_positions, "ABA_ROUTING_NUMBER")


@pytest.mark.parametrize(
    "digits, checksum, routing",
    [
        (RTN, True, True),
        (THRIFT, True, True),
        (ELECTRONIC, True, True),
        (with_check_digit("80000001"), True, True),
        (BAD_CHECK, False, False),
        (BAD_PREFIX, True, False),
        (with_check_digit("13000001"), True, False),
        ("000000000", True, False),
        (RTN[:8], False, False),
        ("07140213x", False, False),
    ],
)
def test_when_digits_checked_then_aba_rules_apply(
    digits: str, checksum: bool, routing: bool
) -> None:
    assert aba_checksum_valid(digits) is checksum
    assert is_aba_routing(digits) is routing
