"""Protobuf messages <-> engine values. The only module that knows both."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from redaction import (
    Action,
    AudioInterval,
    ColumnProfile,
    DataCategory,
    DataSource,
    FieldViolation,
    Finding,
    InvalidRecordError,
    Language,
    Lead,
    LegalTerm,
    RecordingAction,
    RecordingCause,
    RecordingHint,
    RedactedLead,
    RedactedSegment,
    RedactedTranscript,
    Role,
    SampleProfile,
    Segment,
    Sensitivity,
    Speaker,
    StreamSummary,
    Tags,
    Transcript,
    WordTiming,
)

SOURCE_FROM_PB = {
    pb.DATA_SOURCE_UNSPECIFIED: DataSource.CLIENT,
    pb.DATA_SOURCE_CLIENT: DataSource.CLIENT,
    pb.DATA_SOURCE_CALL_CENTER: DataSource.CALL_CENTER,
}
SOURCE_TO_PB = {
    DataSource.CLIENT: pb.DATA_SOURCE_CLIENT,
    DataSource.CALL_CENTER: pb.DATA_SOURCE_CALL_CENTER,
}
SPEAKER_FROM_PB = {
    pb.SPEAKER_UNSPECIFIED: Speaker.UNSPECIFIED,
    pb.SPEAKER_AGENT: Speaker.AGENT,
    pb.SPEAKER_CUSTOMER: Speaker.CUSTOMER,
}
SPEAKER_TO_PB = {value: key for key, value in SPEAKER_FROM_PB.items()}
CATEGORY_TO_PB = {
    DataCategory.LEAD_DATA: pb.DATA_CATEGORY_LEAD_DATA,
    DataCategory.DATA_ENHANCEMENT: pb.DATA_CATEGORY_DATA_ENHANCEMENT,
    DataCategory.OTHER_INFORMATION: pb.DATA_CATEGORY_OTHER_INFORMATION,
}
ROLE_TO_PB = {Role.PROCESSOR: pb.ROLE_PROCESSOR, Role.CONTROLLER: pb.ROLE_CONTROLLER}
SENSITIVITY_TO_PB = {
    Sensitivity.SENSITIVE: pb.SENSITIVITY_SENSITIVE,
    Sensitivity.PERSONAL: pb.SENSITIVITY_PERSONAL,
}
# A call's language setting as sent; "" leaves it to the owner's policy. Language.MIXED is
# a reading of a segment, never a setting.
LANGUAGE_SETTINGS_FROM_PB = ("", Language.AUTO, Language.ENGLISH, Language.SPANISH)
ACTION_TO_PB = {
    Action.REPLACED: pb.ACTION_REPLACED,
    Action.REMOVED: pb.ACTION_REMOVED,
    Action.MASKED: pb.ACTION_MASKED,
    Action.HASHED: pb.ACTION_HASHED,
    Action.ENCRYPTED: pb.ACTION_ENCRYPTED,
    Action.KEPT: pb.ACTION_KEPT,
}


def lead_from_pb(message: pb.Lead) -> Lead:
    """A proto Lead as an engine Lead (unknown enum numbers count as client data)."""
    return Lead(
        id=message.id,
        owner=message.owner,
        fields=dict(message.fields),
        campaign_id=message.campaign_id,
        consumer_state=message.consumer_state,
        source=SOURCE_FROM_PB.get(message.source, DataSource.CLIENT),
    )


def transcript_from_pb(message: pb.Transcript) -> Transcript:
    """A proto Transcript as an engine Transcript."""
    return Transcript(
        id=message.id,
        owner=message.owner,
        segments=tuple(segment_from_pb(s) for s in message.segments),
        campaign_id=message.campaign_id,
        consumer_state=message.consumer_state,
        source=SOURCE_FROM_PB.get(message.source, DataSource.CLIENT),
        language=message.language,  # checked with the record (transcript.language)
    )


def language_from_pb(value: str, path: str) -> str:
    """A language setting as sent, or InvalidRecordError naming ``path`` (never the value)."""
    if value not in LANGUAGE_SETTINGS_FROM_PB:
        allowed = ", ".join(LANGUAGE_SETTINGS_FROM_PB[1:])
        rule = f"must be empty (the owner's policy decides) or one of {allowed}"
        raise InvalidRecordError(f"invalid record: {path}: {rule}", (FieldViolation(path, rule),))
    return value


def segment_from_pb(message: pb.TranscriptSegment) -> Segment:
    """A proto segment; unset offsets stay None."""
    return Segment(
        text=message.text,
        speaker=SPEAKER_FROM_PB.get(message.speaker, Speaker.UNSPECIFIED),
        start_ms=message.start_ms if message.HasField("start_ms") else None,
        end_ms=message.end_ms if message.HasField("end_ms") else None,
        words=tuple(WordTiming(w.word, w.start_ms, w.end_ms) for w in message.words),
    )


def lead_to_pb(lead: Lead) -> pb.Lead:
    """An engine Lead as a proto Lead."""
    return pb.Lead(
        id=lead.id,
        owner=lead.owner,
        campaign_id=lead.campaign_id,
        consumer_state=lead.consumer_state,
        fields=dict(lead.fields),
        source=SOURCE_TO_PB[lead.source],
    )


def transcript_to_pb(transcript: Transcript) -> pb.Transcript:
    """An engine Transcript as a proto Transcript."""
    return pb.Transcript(
        id=transcript.id,
        owner=transcript.owner,
        campaign_id=transcript.campaign_id,
        consumer_state=transcript.consumer_state,
        segments=[segment_to_pb(s) for s in transcript.segments],
        source=SOURCE_TO_PB[transcript.source],
        language=transcript.language,
    )


def segment_to_pb(segment: Segment) -> pb.TranscriptSegment:
    """An engine segment as a proto segment."""
    message = pb.TranscriptSegment(speaker=SPEAKER_TO_PB[segment.speaker], text=segment.text)
    if segment.start_ms is not None:
        message.start_ms = segment.start_ms
    if segment.end_ms is not None:
        message.end_ms = segment.end_ms
    return message


def _timestamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def tags_to_pb(tags: Tags) -> pb.RecordTags:
    """Engine tags as proto RecordTags."""
    return pb.RecordTags(
        owner=tags.owner,
        data_category=CATEGORY_TO_PB[tags.data_category],
        role=ROLE_TO_PB[tags.role],
        legal_terms=[pb.LegalTerm(law=t.law, term=t.term) for t in tags.legal_terms],
        sensitive_categories=dict(tags.sensitive_categories),
        received_at=_timestamp(tags.received_at),
        retain_until=_timestamp(tags.retain_until),
        engine_version=tags.engine_version,
        policy_id=tags.policy_id,
        policy_version=tags.policy_version,
        consumer_state=tags.consumer_state,
        contains_child_data=tags.contains_child_data,
    )


def finding_to_pb(finding: Finding) -> pb.Finding:
    """An engine finding as a proto Finding (location in the oneof)."""
    message = pb.Finding(
        entity_type=finding.entity_type,
        start=finding.start,
        end=finding.end,
        action=ACTION_TO_PB[finding.action],
        sensitivity=SENSITIVITY_TO_PB[finding.sensitivity],
        category=finding.category,
        score=finding.score,
        captured_while_recording=finding.captured_while_recording,
    )
    if finding.field_name is not None:
        message.field_name = finding.field_name
    elif finding.segment_index is not None:
        message.segment_index = finding.segment_index
    return message


def findings_to_pb(findings: Iterable[Finding]) -> list[pb.Finding]:
    """Every finding, in order."""
    return [finding_to_pb(f) for f in findings]


def redacted_lead_parts(result: RedactedLead) -> tuple[pb.Lead, pb.RecordTags, list[pb.Finding]]:
    """The three parts of a RedactLead response."""
    return lead_to_pb(result.lead), tags_to_pb(result.tags), findings_to_pb(result.findings)


def intervals_to_pb(intervals: Iterable[AudioInterval]) -> list[pb.AudioInterval]:
    """Audio intervals to silence."""
    return [
        pb.AudioInterval(segment_index=i.segment_index, start_ms=i.start_ms, end_ms=i.end_ms)
        for i in intervals
    ]


def redacted_transcript_response(result: RedactedTranscript) -> service_pb.RedactTranscriptResponse:
    """A RedactTranscript response."""
    return service_pb.RedactTranscriptResponse(
        transcript=transcript_to_pb(result.transcript),
        tags=tags_to_pb(result.tags),
        findings=findings_to_pb(result.findings),
        mute_intervals=intervals_to_pb(result.mute_intervals),
    )


def stream_header_from_pb(start: service_pb.StreamStart) -> Transcript:
    """The call a StreamTranscript is about, as an engine Transcript with no segments."""
    return Transcript(
        id=start.call_id,
        owner=start.owner,
        segments=(),
        campaign_id=start.campaign_id,
        consumer_state=start.consumer_state,
        source=SOURCE_FROM_PB.get(start.source, DataSource.CLIENT),
        language=language_from_pb(start.language, "start.language"),
    )


def stream_segment_response(
    redacted: RedactedSegment, tags: Tags, was_held: bool
) -> service_pb.StreamTranscriptResponse:
    """One released segment of a live call."""
    return service_pb.StreamTranscriptResponse(
        segment=service_pb.RedactedSegment(
            segment_index=redacted.index,
            segment=segment_to_pb(redacted.segment),
            findings=findings_to_pb(redacted.findings),
            mute_intervals=intervals_to_pb(redacted.mute_intervals),
            was_held=was_held,
            tags=tags_to_pb(tags),
        )
    )


RECORDING_ACTION_TO_PB = {
    RecordingAction.PAUSE: pb.RECORDING_ACTION_PAUSE,
    RecordingAction.RESUME: pb.RECORDING_ACTION_RESUME,
}
RECORDING_CAUSE_TO_PB = {
    RecordingCause.ASKED: pb.RECORDING_CAUSE_ASKED,
    RecordingCause.VOLUNTEERED: pb.RECORDING_CAUSE_VOLUNTEERED,
    RecordingCause.ANSWERED: pb.RECORDING_CAUSE_ANSWERED,
    RecordingCause.TIMED_OUT: pb.RECORDING_CAUSE_TIMED_OUT,
    RecordingCause.STREAM_ENDED: pb.RECORDING_CAUSE_STREAM_ENDED,
}


def recording_hint_to_pb(hint: RecordingHint) -> pb.RecordingHint:
    """A live call's pause/resume cue (no value in it)."""
    return pb.RecordingHint(
        action=RECORDING_ACTION_TO_PB[hint.action],
        entity_type=hint.entity_type,
        segment_index=hint.segment_index,
        cause=RECORDING_CAUSE_TO_PB[hint.cause],
        warning=hint.warning,
        sequence=hint.sequence,
    )


def stream_summary_response(
    call_id: str, summary: StreamSummary
) -> service_pb.StreamTranscriptResponse:
    """The last message of a live call."""
    return service_pb.StreamTranscriptResponse(
        summary=service_pb.StreamSummary(
            call_id=call_id,
            tags=tags_to_pb(summary.tags),
            segments=summary.segments,
            findings_by_type=summary.findings_by_type,
            captured_while_recording=sum(f.captured_while_recording for f in summary.findings),
        )
    )


CATEGORY_FROM_PB = {value: key for key, value in CATEGORY_TO_PB.items()}
ROLE_FROM_PB = {value: key for key, value in ROLE_TO_PB.items()}
SENSITIVITY_FROM_PB = {value: key for key, value in SENSITIVITY_TO_PB.items()}
ACTION_FROM_PB = {value: key for key, value in ACTION_TO_PB.items()}


def tags_from_pb(message: pb.RecordTags) -> Tags:
    """Proto RecordTags back to engine tags (the batch tool's --remote door)."""
    return Tags(
        owner=message.owner,
        data_category=CATEGORY_FROM_PB[message.data_category],
        role=ROLE_FROM_PB[message.role],
        legal_terms=tuple(LegalTerm(t.law, t.term) for t in message.legal_terms),
        sensitive_categories=dict(message.sensitive_categories),
        received_at=message.received_at.ToDatetime(tzinfo=UTC),
        retain_until=message.retain_until.ToDatetime(tzinfo=UTC),
        engine_version=message.engine_version,
        policy_id=message.policy_id,
        policy_version=message.policy_version,
        consumer_state=message.consumer_state,
        contains_child_data=message.contains_child_data,
    )


def finding_from_pb(message: pb.Finding) -> Finding:
    """A proto Finding back to an engine finding."""
    where = message.WhichOneof("location")
    return Finding(
        entity_type=message.entity_type,
        start=message.start,
        end=message.end,
        action=ACTION_FROM_PB[message.action],
        sensitivity=SENSITIVITY_FROM_PB[message.sensitivity],
        category=message.category,
        score=message.score,
        field_name=message.field_name if where == "field_name" else None,
        segment_index=message.segment_index if where == "segment_index" else None,
        captured_while_recording=message.captured_while_recording,
    )


def redacted_lead_from_pb(
    lead: pb.Lead, tags: pb.RecordTags, findings: Iterable[pb.Finding]
) -> RedactedLead:
    """A RedactLead(s) answer as the engine's RedactedLead."""
    return RedactedLead(
        lead_from_pb(lead), tags_from_pb(tags), tuple(finding_from_pb(f) for f in findings)
    )


def redacted_transcript_from_pb(
    response: service_pb.RedactTranscriptResponse,
) -> RedactedTranscript:
    """A RedactTranscript answer as the engine's RedactedTranscript."""
    return RedactedTranscript(
        transcript_from_pb(response.transcript),
        tags_from_pb(response.tags),
        tuple(finding_from_pb(f) for f in response.findings),
        tuple(
            AudioInterval(i.segment_index, i.start_ms, i.end_ms) for i in response.mute_intervals
        ),
    )


def profile_to_pb(profile: SampleProfile) -> service_pb.ProfileLeadsResponse:
    """A sample's column profile as the ProfileLeads answer (shapes, never values)."""
    return service_pb.ProfileLeadsResponse(
        owner=profile.owner,
        leads=profile.leads,
        threshold=profile.threshold,
        columns=[
            service_pb.ColumnProfile(
                column=c.column,
                values=c.values,
                entity_type=c.entity_type,
                share=c.share,
                source=c.source,
                examples=c.examples,
                mapped=c.mapped,
            )
            for c in profile.columns
        ],
    )


def profile_from_pb(message: service_pb.ProfileLeadsResponse) -> SampleProfile:
    """A ProfileLeads answer as the engine's SampleProfile."""
    return SampleProfile(
        owner=message.owner,
        leads=message.leads,
        threshold=message.threshold,
        columns=tuple(
            ColumnProfile(
                column=c.column,
                values=c.values,
                entity_type=c.entity_type,
                share=c.share,
                source=c.source,
                examples=tuple(c.examples),
                mapped=c.mapped,
            )
            for c in message.columns
        ),
    )
