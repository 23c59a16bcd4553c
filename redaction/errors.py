"""Errors the engine raises. Messages name fields and rules, never values.

LeadgateError                  the shape every refusal has, the engine's and the edge's
│                              (gateway/errors.GatewayError): ``reason``, ``message``,
│                              ``violations``; one table maps them all to a status
RedactionError                 base; ``reason`` is a stable UPPER_SNAKE code
├── InvalidRecordError         the record breaks a rule (missing id, bad field) -> caller's fault
│   ├── PolicyError            a policy breaks a legal or format rule (names the key)
│   └── SensitiveMetadataError an id holds a sensitive identifier (names the id, never the value)
├── RecordTooLargeError        the record exceeds a configured limit
└── DetectionError             detection failed; nothing unredacted may leave (fail closed)

WorkDeadlineExceeded           not a RedactionError: the caller's deadline passed and the
                               work was stopped (no fault of the record; the caller maps it
                               to its own deadline status)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldViolation:
    """One broken rule: the field's path ("lead.owner") and what is wrong."""

    field: str
    description: str


class LeadgateError(Exception):
    """Base of every refusal made on purpose, by the engine or the edge.

    One base so a door (gRPC, batch, Spark) reads ``reason``, ``message`` and
    ``violations`` the same way whoever refused; messages never hold values.
    """

    reason = "LEADGATE_ERROR"

    def __init__(self, message: str, violations: tuple[FieldViolation, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.violations = violations


class RedactionError(LeadgateError):
    """Base of every error the engine raises on purpose."""

    reason = "REDACTION_ERROR"


class InvalidRecordError(RedactionError):
    """The record is malformed; ``violations`` says which fields and why."""

    reason = "INVALID_RECORD"


class PolicyError(InvalidRecordError):
    """A policy breaks a rule; ``violations`` name the keys."""

    reason = "INVALID_POLICY"


class SensitiveMetadataError(InvalidRecordError):
    """An id (record, campaign, owner, request) holds a sensitive identifier; see metadata.py."""

    reason = "SENSITIVE_METADATA"


class RecordTooLargeError(RedactionError):
    """The record exceeds a configured limit (fields, characters, segments)."""

    reason = "RECORD_TOO_LARGE"


class DetectionError(RedactionError):
    """Detection or anonymization failed; the record must not be released."""

    reason = "DETECTION_FAILED"


class WorkDeadlineExceeded(Exception):  # noqa: N818  # the name the gateway maps by
    """The deadline set with ``redaction.work_deadline.within_deadline`` passed; work stopped.

    Not a ``RedactionError``: the record is not at fault and nothing was returned.
    The caller maps it to its deadline status (gRPC ``DEADLINE_EXCEEDED``).
    """

    reason = "WORK_DEADLINE_EXCEEDED"
