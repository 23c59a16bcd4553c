"""Record rules checked before any detection; every violation names its field, never a value."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from redaction.errors import (
    FieldViolation,
    InvalidRecordError,
    RecordTooLargeError,
    SensitiveMetadataError,
)
from redaction.policy import LANGUAGE_WORDS
from redaction.types import Lead, Segment, Transcript


class IdScreen(Protocol):
    """Finds sensitive identifiers in ids (``redaction.metadata.MetadataGuard``)."""

    def violations(self, path: str, value: str) -> list[FieldViolation]:
        """The violation of the id at ``path``, if it holds one; never the value."""
        ...


def _required(path: str, value: str) -> list[FieldViolation]:
    if not value.strip():
        return [FieldViolation(path, "required: must be a non-empty string")]
    return []


def validate_lead(lead: Lead, path: str = "lead", screen: IdScreen | None = None) -> None:
    """Raise InvalidRecordError listing every broken rule of a lead.

    With ``screen``, a well-formed lead whose ids hold a sensitive identifier raises
    SensitiveMetadataError naming them.
    """
    violations = _required(f"{path}.id", lead.id) + _required(f"{path}.owner", lead.owner)
    for name in lead.fields:
        if not name.strip():
            violations.append(FieldViolation(f"{path}.fields", "field names must not be empty"))
    if violations:
        raise InvalidRecordError(_summary(violations), tuple(violations))
    _screen_ids(screen, path, lead.id, lead.campaign_id, lead.owner)


def validate_transcript(
    transcript: Transcript, path: str = "transcript", screen: IdScreen | None = None
) -> None:
    """Raise InvalidRecordError listing every broken rule of a transcript (ids as leads')."""
    violations = _required(f"{path}.id", transcript.id) + _required(
        f"{path}.owner", transcript.owner
    )
    violations += language_violations(f"{path}.language", transcript.language)
    for index, segment in enumerate(transcript.segments):
        where = f"{path}.segments[{index}]"
        if segment.start_ms is not None and segment.start_ms < 0:
            violations.append(FieldViolation(f"{where}.start_ms", "must be >= 0"))
        if (
            segment.start_ms is not None
            and segment.end_ms is not None
            and segment.end_ms < segment.start_ms
        ):
            violations.append(FieldViolation(f"{where}.end_ms", "must be >= start_ms"))
    if violations:
        raise InvalidRecordError(_summary(violations), tuple(violations))
    _screen_ids(screen, path, transcript.id, transcript.campaign_id, transcript.owner)


def language_violations(path: str, value: str) -> list[FieldViolation]:
    """A call's language setting: empty (the owner's policy decides) or one a policy may say."""
    if value and value not in LANGUAGE_WORDS:
        allowed = ", ".join(LANGUAGE_WORDS)
        return [
            FieldViolation(path, f"must be empty (the owner's policy decides) or one of {allowed}")
        ]
    return []


def _screen_ids(
    screen: IdScreen | None, path: str, record_id: str, campaign_id: str, owner: str
) -> None:
    """Raise SensitiveMetadataError when an id of the record holds a sensitive identifier."""
    if screen is None:
        return
    violations = [
        *screen.violations(f"{path}.id", record_id),
        *screen.violations(f"{path}.campaign_id", campaign_id),
        *screen.violations(f"{path}.owner", owner),
    ]
    if violations:
        raise SensitiveMetadataError(_summary(violations), tuple(violations))


def _summary(violations: list[FieldViolation]) -> str:
    return "invalid record: " + "; ".join(f"{v.field}: {v.description}" for v in violations)


def check_limits(
    record: Lead | Transcript,
    *,
    max_fields: int,
    max_segments: int,
    max_segment_chars: int | None = None,
    max_field_chars: int | None = None,
) -> None:
    """Raise RecordTooLargeError when a record has more fields, segments or text than allowed."""
    if max_field_chars is not None and isinstance(record, Lead):
        _check_field_lengths(record, max_field_chars)
    if max_segment_chars is not None:
        segments = record.segments if isinstance(record, Transcript) else ()
        _check_segment_lengths(segments, max_segment_chars)
    if isinstance(record, Lead) and len(record.fields) > max_fields:
        raise RecordTooLargeError(
            f"lead has {len(record.fields)} fields; the limit is {max_fields}",
            (FieldViolation("lead.fields", f"at most {max_fields} fields"),),
        )
    if isinstance(record, Transcript) and len(record.segments) > max_segments:
        raise RecordTooLargeError(
            f"transcript has {len(record.segments)} segments; the limit is {max_segments}",
            (FieldViolation("transcript.segments", f"at most {max_segments} segments"),),
        )


def _check_field_lengths(lead: Lead, limit: int) -> None:
    long = [name for name, value in lead.fields.items() if len(value) > limit]
    if long:
        raise RecordTooLargeError(
            f"{len(long)} field value(s) longer than {limit} characters (max_field_chars)",
            tuple(
                FieldViolation(f"lead.fields[{_shown_name(name)}]", f"at most {limit} characters")
                for name in long
            ),
        )


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z_ .-]{0,40}[0-9]{0,2}")


def _shown_name(name: str) -> str:
    """A field's name as errors show it: plain words only (a name may hold a value)."""
    return repr(name) if _PLAIN_NAME.fullmatch(name) else "?"


def _check_segment_lengths(segments: Sequence[Segment], limit: int) -> None:
    long = [index for index, segment in enumerate(segments) if len(segment.text) > limit]
    if long:
        raise RecordTooLargeError(
            f"{len(long)} segment(s) longer than {limit} characters",
            tuple(
                FieldViolation(f"transcript.segments[{i}].text", f"at most {limit} characters")
                for i in long
            ),
        )


def check_segment_length(segment: Segment, index: int, limit: int) -> None:
    """Raise RecordTooLargeError when one streamed segment is longer than allowed."""
    if len(segment.text) > limit:
        raise RecordTooLargeError(
            f"segment {index} is longer than {limit} characters",
            (FieldViolation(f"segment[{index}].text", f"at most {limit} characters"),),
        )
