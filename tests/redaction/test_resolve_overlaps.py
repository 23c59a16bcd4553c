"""resolve_overlaps as a table: recognizer results in, the decided spans out.

Each row gives results as ``(entity_type, start, end, score)`` and the spans
expected as ``(entity_type, start, end, action)`` in text order. No text is
read: only offsets, scores and the policy's actions decide.
"""

from __future__ import annotations

from types import MappingProxyType

import pytest
from presidio_analyzer import RecognizerResult

from redaction.policy import RedactionPolicy
from redaction.recognizers.child_data import CHILD_AGE_YEARS_KEY
from redaction.text_scanner import PART_KEY, Span, resolve_overlaps
from redaction.types import Action

LABEL, KEEP, MASK = Action.REPLACED, Action.KEPT, Action.MASKED
DEFAULT = RedactionPolicy()
MASK_SSN = RedactionPolicy(actions=MappingProxyType({"US_SSN": Action.MASKED}))
MASK_ORDINARY = RedactionPolicy(transcript_ordinary=Action.MASKED)

Result = tuple[str, int, int, float]
Expected = tuple[str, int, int, Action]


def _results(rows: list[Result]) -> list[RecognizerResult]:
    return [RecognizerResult(kind, start, end, score) for kind, start, end, score in rows]


def _decided(spans: tuple[Span, ...]) -> list[Expected]:
    return [(s.entity_type, s.start, s.end, s.action) for s in spans]


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        pytest.param([], [], id="empty"),
        pytest.param([("US_SSN", 3, 14, 0.85)], [("US_SSN", 3, 14, LABEL)], id="one-removed"),
        pytest.param([("PERSON", 0, 4, 0.85)], [("PERSON", 0, 4, KEEP)], id="one-kept"),
        pytest.param(
            [("CREDIT_CARD", 20, 36, 1.0), ("US_SSN", 0, 11, 0.85)],
            [("US_SSN", 0, 11, LABEL), ("CREDIT_CARD", 20, 36, LABEL)],
            id="disjoint-come-out-in-text-order",
        ),
        pytest.param(
            [("US_SSN", 0, 5, 0.85), ("CREDIT_CARD", 5, 10, 0.9)],
            [("US_SSN", 0, 5, LABEL), ("CREDIT_CARD", 5, 10, LABEL)],
            id="adjacent-end-equals-start-not-merged",
        ),
        pytest.param(
            [("US_SSN", 0, 11, 0.6), ("US_ITIN", 4, 15, 0.9)],
            [("US_ITIN", 0, 15, LABEL)],
            id="overlap-merged-typed-by-the-stronger-later",
        ),
        pytest.param(
            [("US_SSN", 0, 11, 0.9), ("US_ITIN", 4, 15, 0.6)],
            [("US_SSN", 0, 15, LABEL)],
            id="overlap-merged-typed-by-the-stronger-earlier",
        ),
        pytest.param(
            [("US_ITIN", 4, 15, 0.7), ("US_SSN", 0, 11, 0.7)],
            [("US_SSN", 0, 15, LABEL)],
            id="equal-score-tie-goes-to-the-earlier-start",
        ),
        pytest.param(
            [("US_ITIN", 0, 9, 0.7), ("US_SSN", 0, 11, 0.7)],
            [("US_SSN", 0, 11, LABEL)],
            id="same-start-equal-score-the-longer-wins",
        ),
        pytest.param(
            [("US_ITIN", 0, 11, 0.7), ("US_SSN", 0, 11, 0.7)],
            [("US_ITIN", 0, 11, LABEL)],
            id="identical-span-and-score-first-given-wins",
        ),
        pytest.param(
            [("US_SSN", 0, 11, 0.7), ("US_ITIN", 0, 11, 0.7)],
            [("US_SSN", 0, 11, LABEL)],
            id="identical-span-and-score-first-given-wins-reversed",
        ),
        pytest.param(
            [("US_BANK_NUMBER", 0, 20, 0.5), ("US_SSN", 5, 16, 0.85)],
            [("US_SSN", 0, 20, LABEL)],
            id="nested-stronger-inner-types-the-outer-range",
        ),
        pytest.param(
            [("US_SSN", 0, 5, 0.5), ("US_ITIN", 4, 10, 0.6), ("CREDIT_CARD", 9, 15, 0.7)],
            [("CREDIT_CARD", 0, 15, LABEL)],
            id="chain-of-three-merges-into-one",
        ),
        pytest.param(
            [("PERSON", 0, 8, 0.85), ("US_SSN", 6, 17, 0.85)],
            [("US_SSN", 6, 17, LABEL)],
            id="kept-overlapping-removed-is-dropped",
        ),
        pytest.param(
            [("PERSON", 0, 6, 0.85), ("US_SSN", 6, 17, 0.85)],
            [("PERSON", 0, 6, KEEP), ("US_SSN", 6, 17, LABEL)],
            id="kept-adjacent-to-removed-survives",
        ),
        pytest.param(
            [("PERSON", 0, 8, 0.85), ("LOCATION", 5, 12, 0.95)],
            [("PERSON", 0, 8, KEEP)],
            id="two-kept-overlapping-first-by-start-stays",
        ),
        pytest.param(
            [("PERSON", 5, 12, 0.6), ("LOCATION", 5, 12, 0.95)],
            [("LOCATION", 5, 12, KEEP)],
            id="two-kept-same-span-higher-score-stays",
        ),
        pytest.param(
            [("US_SSN", 0, 11, 0.0)],
            [("US_SSN", 0, 11, LABEL)],
            id="zero-score-still-decided",
        ),
        pytest.param(
            [("US_SSN", 0, 0, 0.85)],
            [("US_SSN", 0, 0, LABEL)],
            id="empty-span-passes-through",
        ),
    ],
)
def test_when_results_overlap_then_spans_match_table(
    results: list[Result], expected: list[Expected]
) -> None:
    assert _decided(resolve_overlaps(_results(results), DEFAULT)) == expected


def _with(metadata: dict[str, object], kind: str = "US_SSN") -> RecognizerResult:
    return RecognizerResult(kind, 0, 11, 0.85, recognition_metadata=metadata)


@pytest.mark.parametrize(
    ("result", "policy", "in_transcript", "expected"),
    [
        pytest.param(
            _with({CHILD_AGE_YEARS_KEY: 14}, "CHILD_AGE"), DEFAULT, False, [], id="age-over-limit"
        ),
        pytest.param(
            _with({CHILD_AGE_YEARS_KEY: 13}, "CHILD_AGE"),
            DEFAULT,
            False,
            [("CHILD_AGE", 0, 11, LABEL)],
            id="age-at-limit-is-a-child",
        ),
        pytest.param(_with({}), MASK_SSN, False, [("US_SSN", 0, 11, MASK)], id="masked-whole"),
        pytest.param(
            _with({PART_KEY: "part"}),
            MASK_SSN,
            False,
            [("US_SSN", 0, 11, LABEL)],
            id="masked-piece-before-the-last-is-labelled",
        ),
        pytest.param(
            _with({PART_KEY: "last"}),
            MASK_SSN,
            False,
            [("US_SSN", 0, 11, MASK)],
            id="masked-last-piece-keeps-the-mask",
        ),
        pytest.param(
            _with({PART_KEY: "part"}),
            DEFAULT,
            False,
            [("US_SSN", 0, 11, LABEL)],
            id="labelled-piece-stays-labelled",
        ),
        pytest.param(
            _with({}, "PERSON"), MASK_ORDINARY, False, [("PERSON", 0, 11, KEEP)], id="lead-keeps"
        ),
        pytest.param(
            _with({}, "PERSON"),
            MASK_ORDINARY,
            True,
            [("PERSON", 0, 11, MASK)],
            id="transcript-ordinary-masked",
        ),
    ],
)
def test_when_metadata_or_policy_decides_then_action_matches_table(
    result: RecognizerResult, policy: RedactionPolicy, in_transcript: bool, expected: list[Expected]
) -> None:
    spans = resolve_overlaps([result], policy, in_transcript=in_transcript)
    assert _decided(spans) == expected


def test_when_a_masked_person_overlaps_a_label_in_a_transcript_then_they_merge() -> None:
    results = _results([("PERSON", 0, 8, 0.85), ("US_SSN", 6, 17, 0.9)])
    spans = resolve_overlaps(results, MASK_ORDINARY, in_transcript=True)
    assert _decided(spans) == [("US_SSN", 0, 17, LABEL)]
