"""Record limits and rules as tables: at the limit passes, one over fails naming the field.

Every violation names a field path and a rule; none may carry a value, and a
field whose name could be a value (digits in it, non-ASCII) is shown as ``?``.
"""

from __future__ import annotations

import pytest

from redaction.errors import FieldViolation, InvalidRecordError, RecordTooLargeError
from redaction.types import Lead, Segment, Transcript
from redaction.validation import (
    check_limits,
    check_segment_length,
    validate_lead,
    validate_transcript,
)
from tests.synthetic import SSN_DIGITS


def _check(record: Lead | Transcript) -> None:
    check_limits(record, max_fields=3, max_segments=2, max_segment_chars=5, max_field_chars=4)


def _lead(**fields: str) -> Lead:
    return Lead(id="l1", owner="acme", fields=fields)


def _call(*texts: str) -> Transcript:
    return Transcript(id="c1", owner="acme", segments=tuple(Segment(text=t) for t in texts))


@pytest.mark.parametrize(
    ("record", "violations"),
    [
        pytest.param(_lead(), [], id="empty-lead"),
        pytest.param(_call(), [], id="empty-call"),
        pytest.param(_lead(a="1", b="2", c="3"), [], id="fields-at-limit"),
        pytest.param(
            _lead(a="1", b="2", c="3", d="4"),
            [("lead.fields", "at most 3 fields")],
            id="fields-one-over",
        ),
        pytest.param(_lead(a="abcd"), [], id="field-chars-at-limit"),
        pytest.param(
            _lead(notes="abcde"),
            [("lead.fields['notes']", "at most 4 characters")],
            id="field-chars-one-over-named",
        ),
        pytest.param(
            _lead(**{SSN_DIGITS: "abcde"}),
            [("lead.fields[?]", "at most 4 characters")],
            id="field-name-that-is-a-number-hidden",
        ),
        pytest.param(
            _lead(**{"n\u00famero": "abcde"}),
            [("lead.fields[?]", "at most 4 characters")],
            id="non-ascii-field-name-hidden",
        ),
        pytest.param(
            _lead(address2="abcde"),
            [("lead.fields['address2']", "at most 4 characters")],
            id="two-trailing-digits-still-plain",
        ),
        pytest.param(_lead(a="\U0001f44d" * 4), [], id="emoji-count-as-one-character-each"),
        pytest.param(
            _lead(a="abcde", b="x", c="abcdef"),
            [
                ("lead.fields['a']", "at most 4 characters"),
                ("lead.fields['c']", "at most 4 characters"),
            ],
            id="every-long-field-listed",
        ),
        pytest.param(
            _lead(a="abcde", b="2", c="3", d="4"),
            [("lead.fields['a']", "at most 4 characters")],
            id="length-checked-before-count",
        ),
        pytest.param(_call("abcde", "x"), [], id="segments-at-limit"),
        pytest.param(
            _call("a", "b", "c"),
            [("transcript.segments", "at most 2 segments")],
            id="segments-one-over",
        ),
        pytest.param(
            _call("abcdef", "ok"),
            [("transcript.segments[0].text", "at most 5 characters")],
            id="segment-chars-one-over",
        ),
        pytest.param(_call("\u00e9t\u00e9 !"), [], id="unicode-segment-at-limit"),
    ],
)
def test_when_limits_checked_then_violations_match_table(
    record: Lead | Transcript, violations: list[tuple[str, str]]
) -> None:
    if not violations:
        _check(record)
        return
    with pytest.raises(RecordTooLargeError) as raised:
        _check(record)
    assert [(v.field, v.description) for v in raised.value.violations] == violations
    assert raised.value.reason == "RECORD_TOO_LARGE"


@pytest.mark.parametrize(
    ("record", "kwargs"),
    [
        pytest.param(_lead(a="x" * 100), {"max_fields": 1, "max_segments": 1}, id="no-char-limit"),
        pytest.param(
            _call("x" * 100),
            {"max_fields": 1, "max_segments": 1, "max_field_chars": 1},
            id="field-limit-ignores-calls",
        ),
        pytest.param(
            _lead(a="1", b="2"),
            {"max_fields": 2, "max_segments": 0},
            id="segment-limit-ignores-leads",
        ),
    ],
)
def test_when_a_limit_does_not_apply_then_record_passes(
    record: Lead | Transcript, kwargs: dict[str, int]
) -> None:
    check_limits(record, **kwargs)


@pytest.mark.parametrize(
    ("text", "index", "limit", "violation"),
    [
        pytest.param("", 0, 0, None, id="empty-at-zero-limit"),
        pytest.param("abc", 7, 3, None, id="at-limit"),
        pytest.param("abcd", 7, 3, ("segment[7].text", "at most 3 characters"), id="one-over"),
        pytest.param("\U0001f44d\U0001f44d", 0, 2, None, id="emoji-at-limit"),
        pytest.param(
            SSN_DIGITS, 2, 4, ("segment[2].text", "at most 4 characters"), id="value-never-shown"
        ),
    ],
)
def test_when_streamed_segment_checked_then_length_violation_matches_table(
    text: str, index: int, limit: int, violation: tuple[str, str] | None
) -> None:
    segment = Segment(text=text)
    if violation is None:
        check_segment_length(segment, index, limit)
        return
    with pytest.raises(RecordTooLargeError) as raised:
        check_segment_length(segment, index, limit)
    assert raised.value.violations == (FieldViolation(*violation),)
    assert str(raised.value) == f"segment {index} is longer than {limit} characters"
    assert text not in str(raised.value)


@pytest.mark.parametrize(
    ("record", "fields"),
    [
        pytest.param(Lead(id="l", owner="o", fields={}), [], id="minimal-lead"),
        pytest.param(Lead(id="", owner="o", fields={}), ["lead.id"], id="empty-id"),
        pytest.param(Lead(id=" \t", owner="o", fields={}), ["lead.id"], id="blank-id"),
        pytest.param(
            Lead(id="", owner="", fields={" ": "x"}),
            ["lead.id", "lead.owner", "lead.fields"],
            id="every-rule-listed",
        ),
        pytest.param(Transcript(id="c", owner="o", segments=()), [], id="minimal-call"),
        pytest.param(
            Transcript(id="c", owner="o", segments=(Segment("a", start_ms=-1),)),
            ["transcript.segments[0].start_ms"],
            id="negative-start",
        ),
        pytest.param(
            Transcript(id="c", owner="o", segments=(Segment("a", start_ms=0, end_ms=0),)),
            [],
            id="zero-length-segment",
        ),
        pytest.param(
            Transcript(
                id="c", owner="o", segments=(Segment("a"), Segment("b", start_ms=5, end_ms=4))
            ),
            ["transcript.segments[1].end_ms"],
            id="end-before-start",
        ),
        pytest.param(
            Transcript(id="c", owner="o", segments=(Segment("a", end_ms=4),)),
            [],
            id="end-without-start",
        ),
    ],
)
def test_when_record_validated_then_broken_rules_match_table(
    record: Lead | Transcript, fields: list[str]
) -> None:
    def validate() -> None:
        if isinstance(record, Lead):
            validate_lead(record)
        else:
            validate_transcript(record)

    if not fields:
        validate()
        return
    with pytest.raises(InvalidRecordError) as raised:
        validate()
    assert [v.field for v in raised.value.violations] == fields
