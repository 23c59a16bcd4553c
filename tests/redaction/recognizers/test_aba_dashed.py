import pytest

from redaction.recognizers.aba_dashed import DashedRoutingNumberRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> DashedRoutingNumberRecognizer:
    return DashedRoutingNumberRecognizer()


@pytest.mark.parametrize(
    "text, expected_positions",
    [
        # valid: 4-4-1, assigned prefix, ABA checksum; no cue needed
        ("3222-7162-7", [(0, 11)]),
        ("it's 0711-0130-7 on the check", [(5, 16)]),
        ("routing 0711-0130-7, order number 5", [(8, 19)]),
        # invalid: checksum, prefix, another grouping, a business reference in the window
        ("1234-0000-0", []),
        ("4210-4211-1", []),
        ("071101307", []),
        ("order number 3222-7162-7", []),
        ("3222-7162-7 is my phone", []),
    ],
)
def test_when_dashed_routing_scanned_then_spans_match_table(
    recognizer: DashedRoutingNumberRecognizer,
    text: str,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["ABA_ROUTING_NUMBER"])
    assert_spans(results, len(expected_positions), expected_positions, "ABA_ROUTING_NUMBER")
