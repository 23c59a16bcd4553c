import pytest

from redaction.recognizers.medicare_mbi import MedicareMbiRecognizer
from tests.assertions import assert_spans

# Synthetic: CMS's own documentation example and two built from the position rules.
MBI = "1EG4TE5MK73"
MBI_2 = "9C29Y86WN12"
MBI_3 = "5KD8PX4RT10"


@pytest.fixture(scope="module")
def recognizer() -> MedicareMbiRecognizer:
    return MedicareMbiRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: the format alone, bare or dashed 4-3-4
        (MBI, 1, [(0, 11)]),
        ("1EG4-TE5-MK73", 1, [(0, 13)]),
        (f"notes: {MBI_2} call back", 1, [(7, 18)]),
        # valid: with a cue before or after, lowercase typed
        (f"medicare number {MBI.lower()}", 1, [(16, 27)]),
        ("MBI: 9C29-Y86-WN12", 1, [(5, 18)]),
        (f"beneficiary id {MBI_3}", 1, [(15, 26)]),
        ("1eg4 te5 mk73 is my medicare id", 1, [(0, 13)]),
        # valid: letters at the edges of the allowed set
        ("medicare 8AA0A00AA00", 1, [(9, 20)]),
        # invalid: first character 0 or a letter
        ("0EG4TE5MK73", 0, []),
        ("AEG4TE5MK73", 0, []),
        # invalid: excluded letters S, L, O, I, B, Z
        ("1SG4TE5MK73", 0, []),
        ("1EG4TE5MO73", 0, []),
        ("1EG4BE5MK73", 0, []),
        # invalid: a letter where a digit belongs, wrong length
        ("1EGATE5MK73", 0, []),
        ("1EG4TE5MK7", 0, []),
        ("1EG4TE5MK734", 0, []),
        # invalid: inside a longer token, phone numbers, tracking numbers
        ("ref X1EG4TE5MK73", 0, []),
        ("medicare help line 800-633-4227", 0, []),
        ("tracking 1Z999AA10123456784", 0, []),
        ("order ABCD-123-XYZ9", 0, []),
    ],
)
def test_when_text_scanned_then_mbi_spans_match_table(
    recognizer: MedicareMbiRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["US_MBI"])
    assert_spans(results, expected_len, expected_positions, "US_MBI")


@pytest.mark.parametrize(
    "text, expected_score",
    [
        (MBI, 0.6),
        (f"my medicare number is {MBI}", 0.9),
        (f"{MBI} that's the mbi", 0.9),
    ],
)
def test_when_cue_nearby_then_mbi_score_rises(
    recognizer: MedicareMbiRecognizer, text: str, expected_score: float
) -> None:
    [result] = recognizer.analyze(text, ["US_MBI"])
    assert result.score == expected_score
