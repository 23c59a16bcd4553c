"""leadgate's redaction engine: pure Python on Presidio, no gRPC, no I/O."""

from __future__ import annotations

__version__ = "0.1.0"

from redaction.catalogue import CATALOGUE, SENSITIVE_ENTITIES, EntitySpec, spec_for
from redaction.column_profile import ColumnProfile, SampleProfile, profile_sample
from redaction.engine import Redactor
from redaction.errors import (
    DetectionError,
    FieldViolation,
    InvalidRecordError,
    PolicyError,
    RecordTooLargeError,
    RedactionError,
    SensitiveMetadataError,
    WorkDeadlineExceeded,
)
from redaction.metadata import FieldNames, MetadataGuard, may_hold_identifier
from redaction.policy import PolicyBook, RedactionPolicy
from redaction.reidentify import migrate_encrypted
from redaction.types import (
    Action,
    AudioInterval,
    DataCategory,
    DataSource,
    Finding,
    Lead,
    LegalTerm,
    RedactedLead,
    RedactedTranscript,
    Role,
    Segment,
    Sensitivity,
    Speaker,
    Tags,
    Transcript,
    WordTiming,
)
from redaction.work_deadline import check_deadline, within_deadline

__all__ = [
    "CATALOGUE",
    "SENSITIVE_ENTITIES",
    "Action",
    "AudioInterval",
    "ColumnProfile",
    "DataCategory",
    "DataSource",
    "DetectionError",
    "EntitySpec",
    "FieldNames",
    "FieldViolation",
    "Finding",
    "InvalidRecordError",
    "Lead",
    "LegalTerm",
    "MetadataGuard",
    "PolicyBook",
    "PolicyError",
    "RecordTooLargeError",
    "RedactedLead",
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
    "Tags",
    "Transcript",
    "WordTiming",
    "WorkDeadlineExceeded",
    "__version__",
    "check_deadline",
    "may_hold_identifier",
    "migrate_encrypted",
    "profile_sample",
    "spec_for",
    "within_deadline",
]
