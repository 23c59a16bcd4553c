"""The Redactor: leads and transcripts in, redacted records with tags and findings out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import MappingProxyType

from redaction.analyzer import DEFAULT_SPACY_MODEL, build_analyzer, build_nlp_engine
from redaction.audio import mute_intervals
from redaction.call_text import CallText
from redaction.catalogue import UNSCANNED, spec_for
from redaction.dialogue import Turn
from redaction.errors import FieldViolation, InvalidRecordError, WorkDeadlineExceeded
from redaction.field_names import classify_field, classify_value, name_tokens
from redaction.metadata import MetadataGuard
from redaction.normalize import may_hold_numbers
from redaction.plain_values import is_plain
from redaction.policy import PolicyBook, RedactionPolicy
from redaction.record_fields import classify_record
from redaction.registry import build_registry
from redaction.reidentify import reidentify
from redaction.spanish import Language
from redaction.spoken import said_in_english, value_pending
from redaction.stream import CallStream
from redaction.tags import build_tags
from redaction.text_scanner import ScanScope, Span, TextScanner
from redaction.types import (
    Action,
    DataSource,
    Finding,
    Lead,
    RedactedLead,
    RedactedSegment,
    RedactedTranscript,
    Segment,
    Sensitivity,
    Tags,
    Transcript,
)
from redaction.us_states import state_code
from redaction.validation import validate_lead, validate_transcript
from redaction.version import __version__
from redaction.work_deadline import check_deadline

# Segments looked at for a number half given (a live call's last few turns).
PENDING_LOOKBACK = 8
# Score of a value handled as the kind a field map or column profile gives its column.
MAPPED_SCORE = 0.9


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
        policies: PolicyBook | RedactionPolicy | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._scanner = scanner
        if isinstance(policies, RedactionPolicy):
            policies = PolicyBook(default=policies)
        self._policies = policies or PolicyBook()
        self._clock = clock
        self._metadata = MetadataGuard(scanner)

    @classmethod
    def create(
        cls,
        spacy_model: str = DEFAULT_SPACY_MODEL,
        policies: PolicyBook | RedactionPolicy | None = None,
    ) -> Redactor:
        """Load the spaCy model and recognizers; takes a second or two."""
        analyzer = build_analyzer(build_registry(), build_nlp_engine(spacy_model))
        return cls(TextScanner(analyzer), policies)

    @property
    def metadata(self) -> MetadataGuard:
        """Screens ids and field names for sensitive identifiers (request ids too)."""
        return self._metadata

    @property
    def policies(self) -> PolicyBook:
        """The default policy and the owners' own."""
        return self._policies

    def reidentify(self, owner: str, encrypted_values: Sequence[str]) -> list[str]:
        """The original values of items ``owner``'s policy encrypted (owner's key only)."""
        if not owner.strip():
            raise InvalidRecordError(
                "owner: required", (FieldViolation("owner", "required: non-empty string"),)
            )
        return reidentify(self.policy_for(owner), encrypted_values)

    def with_policies(self, policies: PolicyBook | RedactionPolicy) -> Redactor:
        """The same loaded engine under other policies (no second model load)."""
        return Redactor(self._scanner, policies, self._clock)

    def policy_for(self, owner: str) -> RedactionPolicy:
        """The policy that applies to ``owner``'s records."""
        return self._policies.for_owner(owner)

    def redact_lead(
        self,
        lead: Lead,
        received_at: datetime | None = None,
        column_kinds: Mapping[str, str] | None = None,
    ) -> RedactedLead:
        """Transform sensitive field values by policy; keep the ordinary PI the dialer needs.

        ``column_kinds``: kinds a column profile gave this record's columns (a batch
        job's sample); each such column is handled whole as its kind. The owner
        policy's ``field_map`` wins where both name a column. Checked as a policy's
        map is: a kind the policy keeps, or not in the catalogue, refuses the record.
        """
        validate_lead(lead, screen=self._metadata)
        policy = self.policy_for(lead.owner)
        names = self._metadata.field_names(lead.fields)  # redacted as named, leave renamed
        mapped = self._column_map(policy, column_kinds)
        if names:  # a profile knows a renamed column by its new name (<US_SSN>)
            original = {new: old for old, new in names.renamed.items()}
            mapped = {original.get(column, column): kind for column, kind in mapped.items()}
        fields: dict[str, str] = {}
        findings: list[Finding] = []
        by_value = classify_record(lead.fields, (received_at or self._clock()).date())
        with self._scanner.prepared(_free_texts(lead, by_value), policy):
            for name, value in lead.fields.items():
                check_deadline()  # between fields: a late call stops here
                redacted_value, field_findings = self._redact_field(
                    name, value, policy, by_value.get(name), mapped.get(name)
                )
                if redacted_value is not None:
                    fields[name] = redacted_value
                findings.extend(field_findings)
        state = state_code(lead.consumer_state) or _state_from_fields(lead.fields)
        tags = self._tags(lead.owner, lead.source, False, state, findings, received_at)
        redacted = replace(lead, fields=MappingProxyType(fields))
        return names.apply(RedactedLead(redacted, tags, tuple(findings)))

    def redact_transcript(
        self, transcript: Transcript, received_at: datetime | None = None
    ) -> RedactedTranscript:
        """Scan every segment and replace sensitive values."""
        validate_transcript(transcript, screen=self._metadata)
        policy = self.policy_for(transcript.owner)
        redacted = self.redact_segments(
            transcript.segments, policy, language=policy.language_for(transcript.language)
        )
        findings = [f for r in redacted for f in r.findings]
        tags = self.transcript_tags(transcript, findings, received_at)
        return RedactedTranscript(
            replace(transcript, segments=tuple(r.segment for r in redacted)),
            tags,
            tuple(findings),
            tuple(i for r in redacted for i in r.mute_intervals),
        )

    def open_stream(self, header: Transcript, received_at: datetime | None = None) -> CallStream:
        """Start a live call; ``header`` is the call's id/owner/state with no segments."""
        validate_transcript(header, screen=self._metadata)
        return CallStream(self, header, received_at or self._clock())

    def redact_segments(
        self,
        segments: Sequence[Segment],
        policy: RedactionPolicy,
        first_index: int = 0,
        context: Sequence[Segment] = (),
        partial: bool = False,
        language: Language = Language.AUTO,
    ) -> list[RedactedSegment]:
        """Redact ``segments`` as one stretch of a call, ``context`` (already sent) before them.

        The texts are scanned joined, so cues and numbers carry across segment
        boundaries; spans falling in ``context`` are not ours to change any more.
        ``partial``: the stretch may end mid-value (a live call's hold ran out).
        ``language``: the call's setting (``RedactionPolicy.language_for``).
        """
        call, turns = _call_text((*context, *segments))
        found = self._scanner.find(
            call.text, policy, in_transcript=True, turns=turns, partial=partial, language=language
        )
        per_segment = call.split_spans(found)[len(context) :]
        out: list[RedactedSegment] = []
        for offset, (segment, spans) in enumerate(zip(segments, per_segment, strict=True)):
            check_deadline()  # between segments
            index = first_index + offset
            removed = [(s.start, s.end) for s in spans if s.action is not Action.KEPT]
            out.append(
                RedactedSegment(
                    index=index,
                    segment=replace(
                        segment, text=self._scanner.apply(segment.text, spans, policy), words=()
                    ),
                    findings=tuple(_findings(spans, Location(segment_index=index))),
                    mute_intervals=tuple(
                        mute_intervals(index, segment.text, segment.words, removed)
                    ),
                )
            )
        return out

    def value_pending(
        self, segments: Sequence[Segment], language: Language = Language.AUTO
    ) -> bool:
        """True when ``segments`` end inside a number the agent asked for (a live call holds)."""
        recent = segments[-PENDING_LOOKBACK:]
        if not any(may_hold_numbers(said_in_english(s.text, language)) for s in recent):
            return False  # no number said lately: nothing can be half given
        call, turns = _call_text(segments)
        try:
            return value_pending(call.text, turns, language)
        except WorkDeadlineExceeded:
            raise  # the caller's deadline: stop, do not hold
        except Exception:  # holding is the safe side; the scan itself fails closed later
            return True

    def unscanned(self, index: int, segment: Segment) -> RedactedSegment:
        """A live segment detection failed on: replaced whole (fail closed) and marked."""
        return unscanned_segment(index, segment)

    def free_texts(self, *leads: Lead) -> list[str]:
        """The texts NER would read in these leads: their free-text and unknown fields."""
        today = self._clock().date()
        return [
            text
            for lead in leads
            for text in _free_texts(lead, classify_record(lead.fields, today))
        ]

    def prepared(self, leads: Sequence[Lead]) -> AbstractContextManager[None]:
        """NER for a whole batch of one owner's leads in one pass (batch jobs)."""
        owners = {lead.owner for lead in leads}
        if len(owners) != 1:
            return nullcontext()
        return self._scanner.prepared(self.free_texts(*leads), self.policy_for(owners.pop()))

    def _scan_unclassified(
        self, name: str, value: str, where: Location, policy: RedactionPolicy
    ) -> tuple[str | None, list[Finding]]:
        """Scan a free-text or unknown field, its name read as context ("routing: 0210...")."""
        shape = classify_value(name, value)
        if shape is not None:
            return self._whole_value(shape, value, where, policy, score=0.6)
        text = _with_name(name, value)
        prefix = len(text) - len(value)
        spans = tuple(
            replace(s, start=s.start - prefix, end=s.end - prefix)
            for s in self._scanner.find(text, policy, value_start=prefix)
            if s.start >= prefix
        )
        return self._scanner.apply(value, spans, policy), _findings(spans, where)

    def _whole_value(
        self, entity_type: str, value: str, where: Location, policy: RedactionPolicy, score: float
    ) -> tuple[str | None, list[Finding]]:
        """A field that is one entity: removed (the field is dropped) or transformed whole."""
        span = Span(entity_type, 0, len(value), score, policy.action_for(entity_type))
        if span.action is Action.REMOVED:
            return None, _findings((span,), where)
        return self._scanner.apply(value, (span,), policy), _findings((span,), where)

    def transcript_tags(
        self,
        transcript: Transcript,
        findings: Iterable[Finding],
        received_at: datetime | None = None,
    ) -> Tags:
        """Tags for a call: data enhancement for clients, law terms by the consumer's state."""
        state = state_code(transcript.consumer_state)
        return self._tags(transcript.owner, transcript.source, True, state, findings, received_at)

    def _redact_field(
        self,
        name: str,
        value: str,
        policy: RedactionPolicy,
        by_value: str | None = None,
        mapped: str | None = None,
    ) -> tuple[str | None, list[Finding]]:
        """The field's new value (None: drop it) and its findings.

        ``by_value``: the entity type the record's values give a field whose name says nothing.
        ``mapped``: the kind a field map or column profile gives the column (wins over both).
        """
        where = Location(field_name=name)
        if mapped is not None:
            if not value.strip():
                return value, []
            return self._whole_value(mapped, value, where, policy, score=MAPPED_SCORE)
        rule = classify_field(name)
        if rule is None and by_value is not None:
            return self._whole_value(by_value, value, where, policy, score=0.6)
        if rule is None:
            return self._scan_unclassified(name, value, where, policy)
        if not value.strip():
            return value, []
        if policy.action_for(rule.entity_type) is not Action.KEPT:
            return self._whole_value(rule.entity_type, value, where, policy, score=1.0)
        whole = Span(rule.entity_type, 0, len(value), 1.0, Action.KEPT)
        if is_plain(rule.entity_type, value):  # nothing but what the name says: no scan
            return value, _findings((whole,), where)
        scanned = self._scanner.scan(value, policy, ScanScope.IDENTIFIER_FIELD)
        return scanned.text, _findings(scanned.spans or (whole,), where)

    @staticmethod
    def _column_map(
        policy: RedactionPolicy, column_kinds: Mapping[str, str] | None
    ) -> Mapping[str, str]:
        """The policy's field map over the record's column kinds (checked like the map)."""
        if not column_kinds:
            return policy.field_map
        violations = policy.field_map_violations(column_kinds, "column_kinds")
        if violations:
            raise InvalidRecordError(
                "; ".join(f"{v.field}: {v.description}" for v in violations), tuple(violations)
            )
        return {**column_kinds, **policy.field_map}

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
            if f.sensitivity is Sensitivity.SENSITIVE and f.action is not Action.KEPT
        )
        return build_tags(
            owner=owner,
            source=source,
            is_transcript=is_transcript,
            state=state,
            sensitive_categories=counts,
            received_at=received_at or self._clock(),
            policy=self.policy_for(owner),
            engine_version=__version__,
        )


def unscanned_segment(index: int, segment: Segment) -> RedactedSegment:
    """A live segment detection failed on: replaced whole (fail closed) and marked."""
    whole = Span(UNSCANNED, 0, len(segment.text), 1.0, Action.REPLACED)
    return RedactedSegment(
        index=index,
        segment=replace(segment, text=f"<{UNSCANNED}>", words=()),
        findings=tuple(_findings((whole,), Location(segment_index=index))),
        mute_intervals=tuple(
            mute_intervals(index, segment.text, segment.words, [(0, len(segment.text))])
        ),
    )


def _call_text(segments: Sequence[Segment]) -> tuple[CallText, tuple[Turn, ...]]:
    """The segments joined, and each one's speaker and span in the joined text."""
    call = CallText.join(s.text for s in segments)
    turns = tuple(
        Turn(s.speaker, start, start + length)
        for s, start, length in zip(segments, call.starts, call.lengths, strict=True)
    )
    return call, turns


def _free_texts(lead: Lead, by_value: Mapping[str, str]) -> list[str]:
    """The texts NER would read in ``lead``, given what its values already classify."""
    return [
        _with_name(name, value)
        for name, value in lead.fields.items()
        if classify_field(name) is None
        and classify_value(name, value) is None
        and name not in by_value
    ]


def _with_name(name: str, value: str) -> str:
    """A field's text as scanned: its name read as context ("routing: 0210...")."""
    return name_tokens(name).replace("_", " ") + ": " + value


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
