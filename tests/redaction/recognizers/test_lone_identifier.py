import pytest

from redaction.recognizers.lone_identifier import LoneIdentifierRecognizer
from tests.assertions import assert_spans

ENTITIES = list(LoneIdentifierRecognizer.ENTITIES)


@pytest.fixture(scope="module")
def recognizer() -> LoneIdentifierRecognizer:
    return LoneIdentifierRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions, entity_type",
    [
        # valid: a line that is one identifier-shaped value, typed by shape
        ("536228174", 1, [(0, 9)], "US_SSN"),
        ("it's 536228174.", 1, [(5, 14)], "US_SSN"),
        ("912701234", 1, [(0, 9)], "US_ITIN"),
        ("A12803456", 1, [(0, 9)], "US_PASSPORT"),
        ("H1223456", 1, [(0, 8)], "US_DRIVER_LICENSE"),
        ("945456787654", 1, [(0, 12)], "US_BANK_NUMBER"),
        ("notes: 536228174", 1, [(7, 16)], "US_SSN"),
        ("hello\n536228174\nbye", 1, [(6, 15)], "US_SSN"),
        # invalid: words around it, a harmless label, phones, zip+4, dates, short numbers
        ("the order is 536228174", 0, [], None),
        ("order: 536228174", 0, [], None),
        ("3035550185", 0, [], None),
        ("303-555-0185", 0, [], None),
        ("88824-8785", 0, [], None),
        ("936 154 785", 0, [], None),
        ("03/15/1950", 0, [], None),
        ("48213", 0, [], None),
        ("ABCDEFGHI", 0, [], None),
    ],
)
def test_when_line_scanned_then_lone_identifier_spans_match_table(
    recognizer: LoneIdentifierRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
    entity_type: str | None,
) -> None:
    results = recognizer.analyze(text, ENTITIES)
    assert_spans(results, expected_len, expected_positions, entity_type)
