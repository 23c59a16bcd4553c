import pytest

from redaction.recognizers.listed_identifiers import ListedIdentifierRecognizer

ENTITIES = list(ListedIdentifierRecognizer.ENTITIES)


@pytest.fixture(scope="module")
def recognizer() -> ListedIdentifierRecognizer:
    return ListedIdentifierRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list with an identifier in it: every value of six digits or more, typed by shape
        ("078-051121 07805-1121", [("US_SSN", "078-051121"), ("US_SSN", "07805-1121")]),
        ("notes: 911-701234 91170-1234", [("US_ITIN", "911-701234"), ("US_ITIN", "91170-1234")]),
        (
            "123456789 1234567890 12345679012 1234",
            [
                ("US_SSN", "123456789"),
                ("US_BANK_NUMBER", "1234567890"),
                ("US_BANK_NUMBER", "12345679012"),
            ],
        ),
        ("123-45-6789, 62704-1234", [("US_SSN", "123-45-6789"), ("US_SSN", "62704-1234")]),
        # what stays: a date or a formatted phone beside the SSN
        ("1990-01-02 123-45-6789", [("US_SSN", "123-45-6789")]),
        ("123-45-6789 303-555-0185", [("US_SSN", "123-45-6789")]),
        # no list of identifiers: one value, no anchor, words, a harmless label
        ("62704-1234", []),
        ("303-555-0185 303-555-0186", []),
        ("12345 67890", []),
        ("ABCDEFG ABCDEFGH ABCDEFGHI", []),
        ("ssn 123456789 or 987654321", []),
        ("Order: 123456789 987654321", []),
    ],
)
def test_when_line_scanned_then_listed_identifiers_match_table(
    recognizer: ListedIdentifierRecognizer, text: str, expected: list[tuple[str, str]]
) -> None:
    results = recognizer.analyze(text, ENTITIES)
    assert sorted((r.entity_type, text[r.start : r.end]) for r in results) == sorted(expected)
