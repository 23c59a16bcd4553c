import pytest

from redaction.normalize import normalize_numbers
from redaction.recognizers.last_four import LastFourRecognizer
from tests.assertions import assert_spans

ENTITY = "LAST_FOUR_DIGITS"


@pytest.fixture(scope="module")
def recognizer() -> LastFourRecognizer:
    return LastFourRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: agents reading back, callers giving the tail
        ("Okay, that's the one ending in 8171, correct?", 1, [(31, 35)]),
        ("the card ending in 8171", 1, [(19, 23)]),
        ("my visa ends in 4432", 1, [(16, 20)]),
        ("checking account ending with 0091", 1, [(29, 33)]),
        ("the last four of my social are 8171", 1, [(31, 35)]),
        ("the last four of my social security number is 8171", 1, [(46, 50)]),
        ("last 4 of ssn: 8171", 1, [(15, 19)]),
        ("last four digits 8171", 1, [(17, 21)]),
        ("the one ending in, uh, 8171", 1, [(23, 27)]),
        # valid: normalized speech ("last four, eight one seven one" -> "last 48171")
        ("last 48171", 1, [(6, 10)]),
        ("the last 48171 correct", 1, [(10, 14)]),
        # valid: cue after the digits
        ("8171 is the last four", 1, [(0, 4)]),
        ("8171, those are the last four digits", 1, [(0, 4)]),
        # valid: a year-shaped tail of a card is still a tail (fail safe)
        ("card ending in 2019", 1, [(15, 19)]),
        # valid: only the tail when a price stands before it
        ("for the last four years we paid 1200 a month on the card ending in 8171", 1, [(67, 71)]),
        # invalid: no digits, or not four of them
        ("ending in june", 0, []),
        ("the last four years", 0, []),
        ("last four is 817", 0, []),
        ("ending in 81710", 0, []),
        ("ending in 8171 5362", 0, []),
        # invalid: the cue does not lead into the number
        ("ending in june and it costs 1200", 0, []),
        ("my card ends in, well, i paid 1200 for it", 0, []),
        # invalid: the last four of a span of time, a period that ends in a year
        ("the last four years i paid 1200", 0, []),
        ("for the last four months 2019 to 2023", 0, []),
        ("the last four years 48171", 0, []),
        ("the lease ending in 2026", 0, []),
        ("the year ending in 2019", 0, []),
        # invalid: times, prices, decimals, no cue
        ("call ending at 4:30", 0, []),
        ("the call ended at 1030", 0, []),
        ("ending in $1200", 0, []),
        ("ending in 12.50", 0, []),
        ("8171", 0, []),
        ("my pin is 8171", 0, []),
    ],
)
def test_when_text_scanned_then_last_four_spans_match_table(
    recognizer: LastFourRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, [ENTITY])
    assert_spans(results, expected_len, expected_positions, ENTITY)


@pytest.mark.parametrize(
    "spoken, said",
    [
        (
            "Okay, that's the one ending in eight one seven one, correct?",
            "eight one seven one",
        ),
        ("the last four is um eight one seven one", "eight one seven one"),
        ("ending in eighty one seventy one", "eighty one seventy one"),
    ],
)
def test_when_spoken_tail_normalized_then_span_maps_to_the_words_said(
    recognizer: LastFourRecognizer, spoken: str, said: str
) -> None:
    normalized = normalize_numbers(spoken)
    (result,) = recognizer.analyze(normalized.text, [ENTITY])
    spans = normalized.source_spans(result.start, result.end)
    assert [spoken[start:end] for start, end in spans] == [said]


def test_when_cued_then_score_is_cue_score(recognizer: LastFourRecognizer) -> None:
    (result,) = recognizer.analyze("the card ending in 8171", [ENTITY])
    assert result.score == LastFourRecognizer.CUE_SCORE
    assert result.entity_type == ENTITY
