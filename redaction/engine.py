"""The Redactor: leads and transcripts in, redacted records with tags and findings out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import MappingProxyType

from redaction import __version__
from redaction.analyzer import DEFAULT_SPACY_MODEL, build_analyzer, build_nlp_engine
from redaction.call_text import CallText
from redaction.catalogue import spec_for
from redaction.field_names import classify_field
from redaction.policy import RedactionPolicy
from redaction.registry import build_registry
from redaction.tags import build_tags
from redaction.text_scanner import ScanScope, Span, TextScanner, placeholder
from redaction.types import (
    Action,
    DataSource,
    Finding,
    Lead,
    RedactedLead,
    RedactedTranscript,
    Segment,
    Sensitivity,
    Tags,
    Transcript,
)
from redaction.us_states import state_code
from redaction.validation import validate_lead, validate_transcript


@dataclass(frozen=True)
class Location:
    """Where a text came from: a lead field or a transcript segment."""

    field_name: str | None = None
    segment_index: int | None = None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Redactor:
    """One engine for every door (gRPC, batch, Spark): built once, reused for every record."""

    def __init__(
        self,
        scanner: TextScanner,
        policy: RedactionPolicy,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._scanner = scanner
        self._policy = policy
        self._clock = clock

    @classmethod
    def create(
        cls,
        spacy_model: str = DEFAULT_SPACY_MODEL,
        policy: RedactionPolicy | None = None,
    ) -> Redactor:
        """Load the spaCy model and recognizers; takes a second or two."""
        policy = policy or RedactionPolicy()
        analyzer = build_analyzer(build_registry(), build_nlp_engine(spacy_model))
        return cls(TextScanner(analyzer, policy), policy)

    @property
    def policy(self) -> RedactionPolicy:
        """The policy applied to every record."""
        return self._policy

    def redact_lead(self, lead: Lead, received_at: datetime | None = None) -> RedactedLead:
        """Replace sensitive field values; keep the ordinary PI the dialer needs."""
        validate_lead(lead)
        fields: dict[str, str] = {}
        findings: list[Finding] = []
        for name, value in lead.fields.items():
            fields[name], field_findings = self._redact_field(name, value)
            findings.extend(field_findings)
        state = state_code(lead.consumer_state) or _state_from_fields(lead.fields)
        tags = self._tags(lead.owner, lead.source, False, state, findings, received_at)
        redacted = replace(lead, fields=MappingProxyType(fields))
        return RedactedLead(redacted, tags, tuple(findings))

    def redact_transcript(
        self, transcript: Transcript, received_at: datetime | None = None
    ) -> RedactedTranscript:
        """Scan every segment and replace sensitive values."""
        validate_transcript(transcript)
        call = CallText.join(segment.text for segment in transcript.segments)
        per_segment = call.split_spans(self._scanner.find(call.text))
        segments: list[Segment] = []
        findings: list[Finding] = []
        for index, (segment, spans) in enumerate(
            zip(transcript.segments, per_segment, strict=True)
        ):
            segments.append(replace(segment, text=self._scanner.apply(segment.text, spans)))
            findings.extend(_findings(spans, Location(segment_index=index)))
        state = state_code(transcript.consumer_state)
        tags = self._tags(transcript.owner, transcript.source, True, state, findings, received_at)
        return RedactedTranscript(
            replace(transcript, segments=tuple(segments)), tags, tuple(findings)
        )

    def _redact_field(self, name: str, value: str) -> tuple[str, list[Finding]]:
        where = Location(field_name=name)
        rule = classify_field(name)
        if rule is None:
            scanned = self._scanner.scan(value)
            return scanned.text, _findings(scanned.spans, where)
        action = self._policy.action_for(rule.entity_type)
        whole = Span(rule.entity_type, 0, len(value), 1.0, action)
        if not value.strip():
            return value, []
        if action is Action.REPLACED:
            return placeholder(rule.entity_type), _findings((whole,), where)
        scanned = self._scanner.scan(value, ScanScope.SENSITIVE)
        return scanned.text, _findings(scanned.spans or (whole,), where)

    def _tags(
        self,
        owner: str,
        source: DataSource,
        is_transcript: bool,
        state: str,
        findings: Iterable[Finding],
        received_at: datetime | None,
    ) -> Tags:
        counts = Counter(
            f.category
            for f in findings
            if f.sensitivity is Sensitivity.SENSITIVE and f.action is Action.REPLACED
        )
        return build_tags(
            owner=owner,
            source=source,
            is_transcript=is_transcript,
            state=state,
            sensitive_categories=counts,
            received_at=received_at or self._clock(),
            policy=self._policy,
            engine_version=__version__,
        )


def _findings(spans: Iterable[Span], where: Location) -> list[Finding]:
    found = []
    for span in spans:
        spec = spec_for(span.entity_type)
        found.append(
            Finding(
                entity_type=span.entity_type,
                start=span.start,
                end=span.end,
                action=span.action,
                sensitivity=spec.sensitivity,
                category=spec.category,
                score=round(span.score, 2),
                field_name=where.field_name,
                segment_index=where.segment_index,
            )
        )
    return found


def _state_from_fields(fields: Mapping[str, str]) -> str:
    for name, value in fields.items():
        rule = classify_field(name)
        if rule is not None and rule.entity_type == "US_STATE":
            code = state_code(value)
            if code:
                return code
    return ""
