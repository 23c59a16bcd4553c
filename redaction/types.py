"""Plain values the engine takes and returns; no gRPC, no protobuf."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


class Speaker(enum.Enum):
    """Who spoke a transcript segment."""

    UNSPECIFIED = "unspecified"
    AGENT = "agent"
    CUSTOMER = "customer"


class DataSource(enum.Enum):
    """Whose record this is: a client's (the default) or the call center's own."""

    CLIENT = "client"
    CALL_CENTER = "call_center"


class DataCategory(enum.Enum):
    """The policies' data categories (customer-solutions-group.txt §3)."""

    LEAD_DATA = "LEAD_DATA"
    DATA_ENHANCEMENT = "DATA_ENHANCEMENT"
    OTHER_INFORMATION = "OTHER_INFORMATION"


class Role(enum.Enum):
    """The call center's generic legal role for a record."""

    PROCESSOR = "PROCESSOR"
    CONTROLLER = "CONTROLLER"


class Sensitivity(enum.Enum):
    """How the law treats an entity type."""

    SENSITIVE = "SENSITIVE"
    PERSONAL = "PERSONAL"


class Action(enum.Enum):
    """What the engine did with a finding."""

    REPLACED = "REPLACED"  # by its type label
    REMOVED = "REMOVED"
    MASKED = "MASKED"
    HASHED = "HASHED"
    ENCRYPTED = "ENCRYPTED"
    KEPT = "KEPT"


@dataclass(frozen=True)
class Lead:
    """A lead record: named string fields owned by a client."""

    id: str
    owner: str
    fields: Mapping[str, str]
    campaign_id: str = ""
    consumer_state: str = ""
    source: DataSource = DataSource.CLIENT


@dataclass(frozen=True)
class WordTiming:
    """One recognized word and when it was said (ms from the start of the call)."""

    word: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Segment:
    """One recognized utterance of a call, in call order.

    ``words``, when the recognizer gives them, are the segment's words in
    order, with timings; they let redactions be mapped to audio to silence.
    """

    text: str
    speaker: Speaker = Speaker.UNSPECIFIED
    start_ms: int | None = None
    end_ms: int | None = None
    words: tuple[WordTiming, ...] = ()


@dataclass(frozen=True)
class AudioInterval:
    """A stretch of the call recording to silence because it carries a removed value."""

    segment_index: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Transcript:
    """A finished call: ordered segments owned by a client."""

    id: str
    owner: str
    segments: tuple[Segment, ...]
    campaign_id: str = ""
    consumer_state: str = ""
    source: DataSource = DataSource.CLIENT
    # "auto", "en" or "es" when the caller knows the call's language; "" leaves it to the
    # owner's policy (``RedactionPolicy.language``).
    language: str = ""


@dataclass(frozen=True)
class Finding:
    """One detected entity: where it was and what was done. Never the value.

    ``start``/``end`` index the original text of the field or segment.
    Exactly one of ``field_name`` and ``segment_index`` is set.
    """

    entity_type: str
    start: int
    end: int
    action: Action
    sensitivity: Sensitivity
    category: str
    score: float
    field_name: str | None = None
    segment_index: int | None = None
    # A live call's value of a type that pauses recording, said while it was not paused.
    captured_while_recording: bool = False


@dataclass(frozen=True)
class LegalTerm:
    """The word one law uses for the call center's role ("service provider")."""

    law: str
    term: str


@dataclass(frozen=True)
class Tags:
    """Who owns a record and under which role and terms the call center holds it."""

    owner: str
    data_category: DataCategory
    role: Role
    legal_terms: tuple[LegalTerm, ...]
    sensitive_categories: Mapping[str, int]
    received_at: datetime
    retain_until: datetime
    engine_version: str
    policy_id: str
    policy_version: str
    consumer_state: str = ""
    contains_child_data: bool = False


@dataclass(frozen=True)
class RedactedLead:
    """A lead with sensitive values replaced, its tags and findings."""

    lead: Lead
    tags: Tags
    findings: tuple[Finding, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RedactedTranscript:
    """A transcript with sensitive values replaced, its tags and findings."""

    transcript: Transcript
    tags: Tags
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    mute_intervals: tuple[AudioInterval, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RedactedSegment:
    """One segment of a live call after redaction, with its findings and the audio to silence."""

    index: int
    segment: Segment
    findings: tuple[Finding, ...]
    mute_intervals: tuple[AudioInterval, ...]


@dataclass(frozen=True)
class StreamSummary:
    """End-of-call tags, the number of segments sent and findings per entity type."""

    tags: Tags
    segments: int
    findings_by_type: dict[str, int]
    findings: tuple[Finding, ...] = ()
