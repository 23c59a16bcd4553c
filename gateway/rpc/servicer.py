"""LeadGatewayService: owner check -> convert -> engine -> convert -> ledger -> accept.

Every redacted record is recorded in the compliance ledger before the call
answers (and before it is accepted for delivery), so no record leaves without
an entry; a ledger that cannot record fails the call (UNAVAILABLE).

Access logs, metrics and authentication are interceptors (gateway/rpc/interceptors.py);
the principal they establish decides the owner here, never the payload alone. Errors
become statuses in one place (``translates_errors``); engine work runs through the
EngineRunner (load shedding, deadlines), live calls take StreamSlots.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import aclosing
from dataclasses import dataclass
from functools import partial

import grpc

from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from gateway.custody.consumer_index import CallKeys
from gateway.custody.delivery import Forwarder
from gateway.custody.entry import Door
from gateway.custody.intake import Intake, Pending, committed
from gateway.custody.writer import LedgerWriter
from gateway.errors import NotReadyError, OutboxFullError, PermissionDeniedError, StreamLimitError
from gateway.rpc import convert
from gateway.rpc.auth import LOCAL_PRINCIPAL, Principal
from gateway.rpc.engine_runner import EngineRunner
from gateway.rpc.engine_runner import check_call_deadline as _check_deadline
from gateway.rpc.errors import to_record_error, translates_errors
from gateway.rpc.interceptors import current_principal, note_findings
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.recording_hints import RecordingHintSender
from gateway.rpc.sink import parcel_of
from gateway.rpc.stream import PauseOver, StreamInbox, StreamSize
from gateway.rpc.stream_slots import StreamSlots
from redaction import (
    CallStream,
    FieldViolation,
    Finding,
    InvalidRecordError,
    Lead,
    RecordingHint,
    RedactedLead,
    RedactedSegment,
    RedactedTranscript,
    RedactionError,
    Redactor,
    Transcript,
    check_limits,
    check_segment_length,
    profile_rows,
    screened_fields,
)


@dataclass
class LiveCall:
    """What the steps of one StreamTranscript call share."""

    header: Transcript
    stream: CallStream
    keys: CallKeys  # the consumer hashes of what the call said
    delivered: sink_pb.DeliverTranscriptRequest  # built up segment by segment
    entry_id: int | None = None  # its ledger entry, once a segment went back
    recorded: bool = False  # its entry says how it ended
    hints_on_stream: bool = False  # StreamStart.recording_hints: hints go back on the call too
    # What the sink was last told (on the event loop): a PAUSE here when the stream ends,
    # however it ends, gets its RESUME, whatever the engine thread did meanwhile.
    sink_paused: pb.RecordingHint | None = None
    last_sequence: int = 0
    segments_heard: int = 0


class LeadGatewayServicer(service_grpc.LeadGatewayServiceServicer):
    """The RPCs; the engine runs on one worker thread so the event loop keeps serving."""

    def __init__(
        self,
        redactor: Redactor | None,
        settings: Settings,
        executor: ThreadPoolExecutor,
        metrics: GatewayMetrics,
        forwarder: Forwarder | None = None,
        ledger: LedgerWriter | None = None,
        hints: RecordingHintSender | None = None,
    ) -> None:
        """``hints``: sends live calls' recording hints to the sink (None: no sink)."""
        self._redactor = redactor
        self._hints = hints
        self._settings = settings
        self._metrics = metrics
        self._intake = Intake(ledger, forwarder)
        self.engine = EngineRunner(
            executor, settings.max_engine_seconds, settings.max_pending_calls
        )
        self.stream_slots = StreamSlots(
            settings.max_concurrent_streams, settings.max_streams_per_caller, metrics.active_streams
        )

    def set_redactor(self, redactor: Redactor) -> None:
        """The engine finished loading: start answering (until then, UNAVAILABLE)."""
        self._redactor = redactor

    @property
    def redactor(self) -> Redactor:
        """The loaded engine; raises NotReadyError while it is still loading."""
        if self._redactor is None:
            raise NotReadyError("the redaction engine is still loading; retry shortly")
        return self._redactor

    @translates_errors
    async def RedactLead(
        self, request: service_pb.RedactLeadRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.RedactLeadResponse:
        """Redact one lead; with a sink configured, accept it for delivery first."""
        record, tags, findings = await self._lead(current_principal(), request.lead, context)
        return service_pb.RedactLeadResponse(lead=record, tags=tags, findings=findings)

    @translates_errors
    async def RedactLeads(
        self,
        request_iterator: AsyncIterator[service_pb.RedactLeadsRequest],
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[service_pb.RedactLeadsResponse]:
        """Redact leads in bulk, in order; a refused lead gets its own error, the rest go on.

        Each lead is admitted and timed as one RedactLead is. Passing conditions (engine
        loading or busy, outbox full, deadline) end the stream instead, so a client
        retries rather than skips.
        """
        principal = current_principal()
        index = 0
        async for request in request_iterator:
            yield await self._bulk_response(principal, request, index, context)
            index += 1

    async def _bulk_response(
        self,
        principal: Principal,
        request: service_pb.RedactLeadsRequest,
        index: int,
        context: grpc.aio.ServicerContext,
    ) -> service_pb.RedactLeadsResponse:
        """One bulk lead's answer: redacted, or refused for its own fault."""
        kinds = dict(request.column_kinds)
        try:
            record, tags, findings = await self._lead(
                principal, request.lead, context, "stream", kinds
            )
        except (RedactionError, PermissionDeniedError) as error:  # the lead's own fault
            return service_pb.RedactLeadsResponse(index=index, error=to_record_error(error))
        return service_pb.RedactLeadsResponse(
            index=index, lead=record, tags=tags, findings=findings
        )

    async def _lead(
        self,
        principal: Principal,
        message: pb.Lead,
        context: grpc.aio.ServicerContext,
        door: Door = "unary",
        column_kinds: Mapping[str, str] | None = None,
    ) -> tuple[pb.Lead, pb.RecordTags, list[pb.Finding]]:
        """One lead, admitted, redacted within the deadline, recorded and accepted."""
        self.engine.admit()
        message.owner = principal.owner_for(message.owner, "lead.owner")
        lead = convert.lead_from_pb(message)
        check_limits(lead, **self._limits())
        result, pending = await self.engine.run(
            context, lambda: self._redact_lead(lead, door, column_kinds)
        )
        record, tags, findings = convert.redacted_lead_parts(result)
        delivery = sink_pb.DeliverLeadRequest(lead=record, tags=tags, findings=findings)
        await self._intake.accept(
            pending, partial(parcel_of, delivery), partial(_check_deadline, context)
        )
        self._count(findings)
        return record, tags, findings

    @translates_errors
    async def ProfileLeads(
        self, request: service_pb.ProfileLeadsRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.ProfileLeadsResponse:
        """Profile one owner's sample; nothing is recorded or delivered, no value returned.

        Leads are redacted one engine call each, so other calls go on in between.
        A lead the engine refuses says nothing about the columns and is left out.
        """
        self.engine.admit()
        owner = _sample_owner(current_principal(), request.leads)
        rows: list[tuple[Mapping[str, str], tuple[Finding, ...]]] = []
        for message in request.leads:
            message.owner = owner
            lead = convert.lead_from_pb(message)
            found = await self.engine.run(context, partial(self._findings, lead))
            if found is not None:
                rows.append((screened_fields(self.redactor, lead), found))
        policy_map = self.redactor.policy_for(owner).field_map
        return convert.profile_to_pb(profile_rows(owner, rows, policy_map))

    @translates_errors
    async def RedactTranscript(
        self, request: service_pb.RedactTranscriptRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.RedactTranscriptResponse:
        """Redact a finished call; with a sink configured, accept it for delivery first."""
        self.engine.admit()
        owner = current_principal().owner_for(request.transcript.owner, "transcript.owner")
        request.transcript.owner = owner
        transcript = convert.transcript_from_pb(request.transcript)
        check_limits(transcript, **self._limits())
        result, pending = await self.engine.run(
            context, lambda: self._redact_transcript(transcript, "unary")
        )
        response = convert.redacted_transcript_response(result)
        self._count(response.findings)
        await self._intake.accept(
            pending,
            partial(parcel_of, _transcript_delivery(response)),
            partial(_check_deadline, context),
        )
        return response

    @translates_errors
    async def StreamTranscript(
        self,
        request_iterator: AsyncIterator[service_pb.StreamTranscriptRequest],
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[service_pb.StreamTranscriptResponse]:
        """Redact a live call segment by segment; hold a segment whose number may go on.

        The call's entry is on disk before its first redacted segment goes back ("open"),
        so a call cut by a crash is in the ledger; a restart closes it as "cut-off".
        """
        settings = self._settings
        inbox = StreamInbox(
            request_iterator, settings.stream_idle_seconds, settings.max_call_seconds
        )
        caller: str | None = None  # set once the call holds a stream slot
        live: LiveCall | None = None
        try:
            caller = self.stream_slots.take(_caller(context))
            live = await self._start_call(inbox, context)
            async with aclosing(self._redacted_segments(live, inbox, context)) as segments:
                async for response in segments:
                    yield response
            yield await self._end_call(live, context)
        finally:
            inbox.close()
            if caller is not None:
                self.stream_slots.give_back(caller)
            if live is not None:
                self._record_cut_call(live)
                self._resume_at_the_sink(live)

    async def _start_call(self, inbox: StreamInbox, context: grpc.aio.ServicerContext) -> LiveCall:
        """Read the call's start message and open its stream in the engine."""
        if not await self._intake.has_room():
            raise OutboxFullError("the delivery outbox is full; retry when the dialer catches up")
        start = await inbox.first_start()
        start.owner = current_principal().owner_for(start.owner, "start.owner")
        header = convert.stream_header_from_pb(start)
        stream = await self.engine.run(context, lambda: self.redactor.open_stream(header))
        call_keys = CallKeys(self._intake.index, header.owner)
        delivered = _transcript_delivery_for(start)
        return LiveCall(header, stream, call_keys, delivered, hints_on_stream=start.recording_hints)

    async def _redacted_segments(
        self, live: LiveCall, inbox: StreamInbox, context: grpc.aio.ServicerContext
    ) -> AsyncGenerator[service_pb.StreamTranscriptResponse, None]:
        """The call's segments, redacted, as the hold rule releases them, in order.

        Past a stream limit, what the engine still holds goes back first; then the
        limit ends the call, its entry saying that what went back passed through.
        """
        settings, header, stream, call_keys = self._settings, live.header, live.stream, live.keys
        size = StreamSize(settings.max_segments_per_transcript, settings.max_stream_bytes)
        limit: StreamLimitError | None = None
        try:
            async for segment in inbox.segments(
                lambda: stream.holding, settings.stream_hold_seconds, stream.pause_seconds_left
            ):
                held_before = stream.held_count
                hints: list[RecordingHint] = []
                if isinstance(segment, PauseOver):  # the recording's pause lasted too long
                    hints = await self.engine.run(context, stream.take_hints)
                    released: list[RedactedSegment] = []
                elif segment is None:  # hold time over
                    released = await self.engine.run(context, stream.flush)
                else:
                    check_segment_length(segment, size.segments, settings.max_segment_chars)
                    size.take(segment)
                    live.segments_heard = size.segments
                    call_keys.pushed(size.segments - 1, segment.text)
                    released, hints = await self.engine.run(
                        context,
                        lambda s=segment: (stream.push(s), stream.take_hints()),  # type: ignore[misc]
                    )
                for response in self._hints_out(live, hints):  # before the segment they concern
                    yield response
                await self._open_entry_before_first(live, released)
                for response in self._sent_back(live, released, segment is None, held_before):
                    yield response
        except StreamLimitError as passed:
            limit = passed  # what the engine holds still goes back first
        released = await self.engine.run(context, stream.flush)
        await self._open_entry_before_first(live, released)
        for response in self._sent_back(live, released, flushed=True):
            yield response
        for response in self._hints_out(live, await self.engine.run(context, stream.end_recording)):
            yield response
        if limit is not None:
            if live.entry_id is not None:  # what went back passed through: recorded so
                call = await self.engine.run(context, stream.summary)
                live.recorded = True  # only now: had the summary failed, the cleanup cuts it
                await committed(self._intake.cut_call(header, call, call_keys, live.entry_id))
            raise limit

    async def _open_entry_before_first(
        self, live: LiveCall, released: Sequence[RedactedSegment]
    ) -> None:
        """The call's open entry, written before its first segment goes back."""
        if released and live.entry_id is None:
            opened = self._intake.open_call(live.header, live.stream.summary(), live.keys)
            live.entry_id = await committed(opened)

    def _sent_back(
        self,
        live: LiveCall,
        released: Sequence[RedactedSegment],
        flushed: bool,
        held_before: int = 0,
    ) -> Iterator[service_pb.StreamTranscriptResponse]:
        """One response per released segment; ``flushed``: released by time or the end."""
        for position, redacted in enumerate(released):
            # Released by a new segment: the ones before it waited, it did not.
            was_held = flushed or position < held_before
            live.keys.released(redacted.index, redacted.findings)
            yield self._segment_out(live.stream, redacted, was_held, live.delivered)

    async def _end_call(
        self, live: LiveCall, context: grpc.aio.ServicerContext
    ) -> service_pb.StreamTranscriptResponse:
        """The call's summary, once its entry is recorded and it is accepted for delivery."""
        header, stream, call_keys, delivered = live.header, live.stream, live.keys, live.delivered
        call = await self.engine.run(context, stream.summary)
        summary = convert.stream_summary_response(header.id, call)
        delivered.tags.CopyFrom(summary.summary.tags)
        live.recorded = True
        pending = self._intake.end_call(header, call, call_keys, live.entry_id)
        await self._intake.accept(pending, partial(parcel_of, delivered))
        return summary

    def _hints_out(
        self, live: LiveCall, hints: Sequence[RecordingHint]
    ) -> Iterator[service_pb.StreamTranscriptResponse]:
        """Every recording hint to the sink at once, then back on the stream if asked for."""
        messages = [convert.recording_hint_to_pb(hint) for hint in hints]
        for message in messages:
            self._to_sink(live, message)
        if live.hints_on_stream:
            for message in messages:
                yield service_pb.StreamTranscriptResponse(recording_hint=message)

    def _to_sink(self, live: LiveCall, message: pb.RecordingHint) -> None:
        live.last_sequence = max(live.last_sequence, message.sequence)
        live.sink_paused = message if message.action == pb.RECORDING_ACTION_PAUSE else None
        if self._hints is not None:
            self._hints.note(live.header.id, live.header.owner, message)

    def _resume_at_the_sink(self, live: LiveCall) -> None:
        """A stream that ends with the sink told PAUSE sends it RESUME, however it ended.

        Decided here, on the event loop, from what the sink was told: a RESUME the
        engine decided during a push the client's cancel cut short never reached it.
        """
        paused = live.sink_paused
        if paused is None:
            return
        self._to_sink(
            live,
            pb.RecordingHint(
                action=pb.RECORDING_ACTION_RESUME,
                entity_type=paused.entity_type,
                segment_index=max(live.segments_heard - 1, 0),
                cause=pb.RECORDING_CAUSE_STREAM_ENDED,
                sequence=live.last_sequence + 1,
            ),
        )

    def _record_cut_call(self, live: LiveCall) -> None:
        """Record a call that ended early (cancelled, failed, past a limit) as returned.

        Segments went back to the caller: they passed through, so its entry says so.
        """
        header, stream, call_keys, entry_id = live.header, live.stream, live.keys, live.entry_id
        if entry_id is not None and not live.recorded:
            with contextlib.suppress(Exception):
                self._intake.cut_call(header, stream.summary(), call_keys, entry_id)

    @translates_errors
    async def Reidentify(
        self, request: service_pb.ReidentifyRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.ReidentifyResponse:
        """Return encrypted values to their owner; logs counts only."""
        self.engine.admit()
        owner = current_principal().owner_for(request.owner, "owner")
        encrypted = list(request.encrypted_values)
        values = await self.engine.run(context, lambda: self.redactor.reidentify(owner, encrypted))
        note_findings(len(values))
        return service_pb.ReidentifyResponse(values=values)

    def _segment_out(
        self,
        stream: CallStream,
        redacted: RedactedSegment,
        was_held: bool,
        delivered: sink_pb.DeliverTranscriptRequest,
    ) -> service_pb.StreamTranscriptResponse:
        tags = stream.segment_tags(redacted)
        response = convert.stream_segment_response(redacted, tags, was_held)
        self._count(response.segment.findings)
        if self._intake.delivers:
            delivered.transcript.segments.append(response.segment.segment)
            delivered.findings.extend(response.segment.findings)
            delivered.mute_intervals.extend(response.segment.mute_intervals)
        return response

    def _redact_lead(
        self, lead: Lead, door: Door, column_kinds: Mapping[str, str] | None = None
    ) -> tuple[RedactedLead, Pending]:
        result = self.redactor.redact_lead(lead, column_kinds=column_kinds)
        # The index reads values where findings point: under the names they leave with.
        record = self.redactor.metadata.field_names(lead.fields).rekey(lead)
        return result, self._intake.submit(record, result, door)

    def _findings(self, lead: Lead) -> tuple[Finding, ...] | None:
        """What redacting a sampled lead finds (nothing recorded); None if it is refused."""
        try:
            check_limits(lead, **self._limits())
            return self.redactor.redact_lead(lead).findings
        except RedactionError:
            return None

    def _redact_transcript(
        self, transcript: Transcript, door: Door
    ) -> tuple[RedactedTranscript, Pending]:
        result = self.redactor.redact_transcript(transcript)
        return result, self._intake.submit(transcript, result, door)

    def _count(self, findings: Iterable[pb.Finding]) -> None:
        note_findings(self._metrics.count_findings(f.entity_type for f in findings))

    def _limits(self) -> dict[str, int]:
        return {
            "max_fields": self._settings.max_fields_per_lead,
            "max_segments": self._settings.max_segments_per_transcript,
            "max_segment_chars": self._settings.max_segment_chars,
            "max_field_chars": self._settings.max_field_chars,
        }


def _caller(context: grpc.aio.ServicerContext) -> str:
    """Whose share of the stream slots a call takes: its principal, else its connection."""
    principal = current_principal()
    return principal.name if principal is not LOCAL_PRINCIPAL else f"peer {context.peer()}"


def _sample_owner(principal: Principal, leads: Iterable[pb.Lead]) -> str:
    """The one owner a profiled sample belongs to; a sample of two owners is refused."""
    owners = {principal.owner_for(m.owner, "leads.owner") for m in leads}
    if len(owners) > 1:
        one_owner = FieldViolation("leads.owner", "a sample is of one owner's leads")
        raise InvalidRecordError("leads.owner: one owner per sample", (one_owner,))
    return owners.pop() if owners else principal.owner_for("", "leads.owner")


def _transcript_delivery(
    response: service_pb.RedactTranscriptResponse,
) -> sink_pb.DeliverTranscriptRequest:
    return sink_pb.DeliverTranscriptRequest(
        transcript=response.transcript,
        tags=response.tags,
        findings=response.findings,
        mute_intervals=response.mute_intervals,
    )


def _transcript_delivery_for(start: service_pb.StreamStart) -> sink_pb.DeliverTranscriptRequest:
    """The delivery a live call builds up segment by segment."""
    return sink_pb.DeliverTranscriptRequest(
        transcript=pb.Transcript(
            id=start.call_id,
            owner=start.owner,
            campaign_id=start.campaign_id,
            consumer_state=start.consumer_state,
            source=start.source,
            language=start.language,
        )
    )
