"""leadgate's redaction engine: pure Python on Presidio, no gRPC, no I/O.

The edge (gateway/) imports only the names in ``__all__``; a test holds it to that.
"""

from __future__ import annotations

from redaction.analyzer import DEFAULT_SPACY_MODEL
from redaction.catalogue import CATALOGUE, SENSITIVE_ENTITIES, EntitySpec, spec_for
from redaction.column_profile import (
    MAJORITY,
    ColumnProfile,
    SampleProfile,
    profile_redacted,
    profile_rows,
    profile_sample,
    redact_sample,
    screened_fields,
)
from redaction.engine import Redactor
from redaction.errors import (
    DetectionError,
    FieldViolation,
    InvalidRecordError,
    LeadgateError,
    PolicyError,
    RecordTooLargeError,
    RedactionError,
    SensitiveMetadataError,
    WorkDeadlineExceeded,
)
from redaction.metadata import FieldNames, MetadataGuard, may_hold_identifier
from redaction.normalize import normalize_numbers
from redaction.policy import (
    ACTION_WORDS,
    DEFAULT_MAX_PAUSE_SECONDS,
    DEFAULT_PAUSE_RECORDING,
    DEFAULT_RETENTION_DAYS,
    KEY_BYTES,
    PolicyBook,
    RedactionPolicy,
)
from redaction.recording import RecordingAction, RecordingCause, RecordingHint
from redaction.records import Record, finding_to_dict, record_from_dict, result_to_dict
from redaction.reidentify import migrate_encrypted
from redaction.spanish import Language
from redaction.stream import CallStream
from redaction.types import (
    Action,
    AudioInterval,
    DataCategory,
    DataSource,
    Finding,
    Lead,
    LegalTerm,
    RedactedLead,
    RedactedSegment,
    RedactedTranscript,
    Role,
    Segment,
    Sensitivity,
    Speaker,
    StreamSummary,
    Tags,
    Transcript,
    WordTiming,
)
from redaction.validation import check_limits, check_segment_length
from redaction.version import __version__
from redaction.work_deadline import check_deadline, within_deadline

__all__ = [
    "ACTION_WORDS",
    "CATALOGUE",
    "DEFAULT_MAX_PAUSE_SECONDS",
    "DEFAULT_PAUSE_RECORDING",
    "DEFAULT_RETENTION_DAYS",
    "DEFAULT_SPACY_MODEL",
    "KEY_BYTES",
    "MAJORITY",
    "SENSITIVE_ENTITIES",
    "Action",
    "AudioInterval",
    "CallStream",
    "ColumnProfile",
    "DataCategory",
    "DataSource",
    "DetectionError",
    "EntitySpec",
    "FieldNames",
    "FieldViolation",
    "Finding",
    "InvalidRecordError",
    "Language",
    "Lead",
    "LeadgateError",
    "LegalTerm",
    "MetadataGuard",
    "PolicyBook",
    "PolicyError",
    "Record",
    "RecordTooLargeError",
    "RecordingAction",
    "RecordingCause",
    "RecordingHint",
    "RedactedLead",
    "RedactedSegment",
    "RedactedTranscript",
    "RedactionError",
    "RedactionPolicy",
    "Redactor",
    "Role",
    "SampleProfile",
    "Segment",
    "SensitiveMetadataError",
    "Sensitivity",
    "Speaker",
    "StreamSummary",
    "Tags",
    "Transcript",
    "WordTiming",
    "WorkDeadlineExceeded",
    "__version__",
    "check_deadline",
    "check_limits",
    "check_segment_length",
    "finding_to_dict",
    "may_hold_identifier",
    "migrate_encrypted",
    "normalize_numbers",
    "profile_redacted",
    "profile_rows",
    "profile_sample",
    "record_from_dict",
    "redact_sample",
    "result_to_dict",
    "screened_fields",
    "spec_for",
    "within_deadline",
]
