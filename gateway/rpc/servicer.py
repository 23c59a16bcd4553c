"""LeadGatewayService: owner check -> convert -> engine -> convert -> ledger -> accept.

Every redacted record is recorded in the compliance ledger before the call
answers (and before it is accepted for delivery), so no record leaves without
an entry; a ledger that cannot record fails the call (UNAVAILABLE).

Access logs, metrics and authentication are interceptors (gateway/rpc/interceptors.py);
the principal they establish decides the owner here, never the payload alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

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
from gateway.errors import (
    DeadlineExceededError,
    EngineTimeLimitError,
    NotReadyError,
    OutboxFullError,
    PermissionDeniedError,
    ServerBusyError,
    StreamLimitError,
    TooManyStreamsError,
)
from gateway.rpc import convert
from gateway.rpc.auth import LOCAL_PRINCIPAL, Principal
from gateway.rpc.errors import abort_with_error, to_record_error
from gateway.rpc.interceptors import current_principal, note_findings
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.sink import parcel_of
from gateway.rpc.stream import StreamInbox, StreamSize
from redaction import (
    FieldViolation,
    Finding,
    InvalidRecordError,
    Lead,
    RedactedLead,
    RedactedTranscript,
    RedactionError,
    Redactor,
    Transcript,
    WorkDeadlineExceeded,
    within_deadline,
)
from redaction.column_profile import profile_rows, screened_fields
from redaction.engine import RedactedSegment
from redaction.stream import CallStream
from redaction.validation import check_limits, check_segment_length

T = TypeVar("T")


class LeadGatewayServicer(service_grpc.LeadGatewayServiceServicer):
    """Runs the engine on one worker thread so the event loop keeps serving."""

    def __init__(
        self,
        redactor: Redactor | None,
        settings: Settings,
        executor: ThreadPoolExecutor,
        metrics: GatewayMetrics,
        forwarder: Forwarder | None = None,
        ledger: LedgerWriter | None = None,
    ) -> None:
        self._redactor = redactor
        self._settings = settings
        self._executor = executor
        self._metrics = metrics
        self._intake = Intake(ledger, forwarder)
        self.active_streams = 0
        self._streams_by_caller: Counter[str] = Counter()
        self.pending_calls = 0

    def set_redactor(self, redactor: Redactor) -> None:
        """The engine finished loading: start answering (until then, UNAVAILABLE)."""
        self._redactor = redactor

    @property
    def redactor(self) -> Redactor:
        """The loaded engine; raises NotReadyError while it is still loading."""
        if self._redactor is None:
            raise NotReadyError("the redaction engine is still loading; retry shortly")
        return self._redactor

    async def RedactLead(
        self, request: service_pb.RedactLeadRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.RedactLeadResponse:
        """Redact one lead; with a sink configured, accept it for delivery first."""
        try:
            self._admit()
            request.lead.owner = current_principal().owner_for(request.lead.owner, "lead.owner")
            lead = convert.lead_from_pb(request.lead)
            check_limits(lead, **self._limits())
            result, pending = await self._run(context, lambda: self._redact_lead(lead, "unary"))
            record, tags, findings = convert.redacted_lead_parts(result)
            self._count(findings)
            delivery = sink_pb.DeliverLeadRequest(lead=record, tags=tags, findings=findings)
            await self._intake.accept(
                pending, partial(parcel_of, delivery), partial(_check_deadline, context)
            )
        except Exception as error:
            await abort_with_error(context, error)
        return service_pb.RedactLeadResponse(lead=record, tags=tags, findings=findings)

    async def RedactLeads(
        self,
        request_iterator: AsyncIterator[service_pb.RedactLeadsRequest],
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[service_pb.RedactLeadsResponse]:
        """Redact leads in bulk, in order; a refused lead gets its own error, the rest go on."""
        try:
            principal = current_principal()
            index = 0
            async for request in request_iterator:
                kinds = dict(request.column_kinds)
                yield await self._bulk_lead(principal, request.lead, index, context, kinds)
                index += 1
        except Exception as error:
            await abort_with_error(context, error)

    async def _bulk_lead(
        self,
        principal: Principal,
        message: pb.Lead,
        index: int,
        context: grpc.aio.ServicerContext,
        column_kinds: Mapping[str, str] | None = None,
    ) -> service_pb.RedactLeadsResponse:
        try:
            message.owner = principal.owner_for(message.owner, "lead.owner")
            lead = convert.lead_from_pb(message)
            check_limits(lead, **self._limits())
            result, pending = await self._run(
                context, lambda: self._redact_lead(lead, "stream", column_kinds)
            )
            record, tags, findings = convert.redacted_lead_parts(result)
            delivery = sink_pb.DeliverLeadRequest(lead=record, tags=tags, findings=findings)
            await self._intake.accept(pending, partial(parcel_of, delivery))
        except (RedactionError, PermissionDeniedError) as error:
            # The lead's own fault. Passing conditions (engine loading, outbox full,
            # deadline) end the stream instead, so a client retries rather than skips.
            return service_pb.RedactLeadsResponse(index=index, error=to_record_error(error))
        self._count(findings)
        return service_pb.RedactLeadsResponse(
            index=index, lead=record, tags=tags, findings=findings
        )

    async def ProfileLeads(
        self, request: service_pb.ProfileLeadsRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.ProfileLeadsResponse:
        """Profile one owner's sample; nothing is recorded or delivered, no value returned.

        Leads are redacted one engine call each, so other calls go on in between.
        A lead the engine refuses says nothing about the columns and is left out.
        """
        try:
            self._admit()
            principal = current_principal()
            owners = {principal.owner_for(m.owner, "leads.owner") for m in request.leads}
            if len(owners) > 1:
                one_owner = FieldViolation("leads.owner", "a sample is of one owner's leads")
                raise InvalidRecordError("leads.owner: one owner per sample", (one_owner,))
            owner = owners.pop() if owners else principal.owner_for("", "leads.owner")
            rows: list[tuple[Mapping[str, str], tuple[Finding, ...]]] = []
            for message in request.leads:
                message.owner = owner
                lead = convert.lead_from_pb(message)
                found = await self._run(context, partial(self._findings, lead))
                if found is not None:
                    rows.append((screened_fields(self.redactor, lead), found))
            policy_map = self.redactor.policy_for(owner).field_map
        except Exception as error:
            await abort_with_error(context, error)
        return convert.profile_to_pb(profile_rows(owner, rows, policy_map))

    async def RedactTranscript(
        self, request: service_pb.RedactTranscriptRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.RedactTranscriptResponse:
        """Redact a finished call; with a sink configured, accept it for delivery first."""
        try:
            self._admit()
            owner = current_principal().owner_for(request.transcript.owner, "transcript.owner")
            request.transcript.owner = owner
            transcript = convert.transcript_from_pb(request.transcript)
            check_limits(transcript, **self._limits())
            result, pending = await self._run(
                context, lambda: self._redact_transcript(transcript, "unary")
            )
            response = convert.redacted_transcript_response(result)
            self._count(response.findings)
            delivery = _transcript_delivery(response)
            await self._intake.accept(
                pending, partial(parcel_of, delivery), partial(_check_deadline, context)
            )
        except Exception as error:
            await abort_with_error(context, error)
        return response

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
        caller: str | None = None
        recorded = False
        stream: CallStream | None = None
        entry_id: int | None = None
        try:
            caller = self._open_stream_slot(context)
            if not await self._intake.has_room():
                raise OutboxFullError(
                    "the delivery outbox is full; retry when the dialer catches up"
                )
            start = await inbox.first_start()
            start.owner = current_principal().owner_for(start.owner, "start.owner")
            header = convert.stream_header_from_pb(start)
            stream = await self._run(context, lambda: self.redactor.open_stream(header))
            call_keys = CallKeys(self._intake.index, header.owner)
            delivered = _transcript_delivery_for(start)
            size = StreamSize(settings.max_segments_per_transcript, settings.max_stream_bytes)
            limit: StreamLimitError | None = None
            try:
                async for segment in inbox.segments(
                    lambda: stream.holding, settings.stream_hold_seconds
                ):
                    held_before = stream.held_count
                    if segment is None:  # hold time over
                        released = await self._run(context, stream.flush)
                    else:
                        check_segment_length(segment, size.segments, settings.max_segment_chars)
                        size.take(segment)
                        call_keys.pushed(size.segments - 1, segment.text)
                        released = await self._run(context, lambda s=segment: stream.push(s))  # type: ignore[misc]
                    if released and entry_id is None:
                        opened = self._intake.open_call(header, stream.summary(), call_keys)
                        entry_id = await committed(opened)
                    for position, redacted in enumerate(released):
                        # Released by a new segment: the ones before it waited, it did not.
                        was_held = segment is None or position < held_before
                        call_keys.released(redacted.index, redacted.findings)
                        yield self._segment_out(stream, redacted, was_held, delivered)
            except StreamLimitError as passed:
                limit = passed  # what the engine holds still goes back first
            released = await self._run(context, stream.flush)
            if released and entry_id is None:
                opened = self._intake.open_call(header, stream.summary(), call_keys)
                entry_id = await committed(opened)
            for redacted in released:
                call_keys.released(redacted.index, redacted.findings)
                yield self._segment_out(stream, redacted, True, delivered)
            if limit is not None:
                if entry_id is not None:  # what went back passed through: recorded so
                    recorded = True
                    call = await self._run(context, stream.summary)
                    await committed(self._intake.cut_call(header, call, call_keys, entry_id))
                raise limit
            call = await self._run(context, stream.summary)
            summary = convert.stream_summary_response(header.id, call)
            delivered.tags.CopyFrom(summary.summary.tags)
            recorded = True
            pending = self._intake.end_call(header, call, call_keys, entry_id)
            await self._intake.accept(pending, partial(parcel_of, delivered))
            yield summary
        except Exception as error:
            await abort_with_error(context, error)
        finally:
            inbox.close()
            if caller is not None:
                self._close_stream_slot(caller)
            if stream is not None and entry_id is not None and not recorded:
                # The call ended early (cancelled, failed, past a limit) after segments went
                # back to the caller: they passed through, so its entry says so.
                with contextlib.suppress(Exception):
                    self._intake.cut_call(header, stream.summary(), call_keys, entry_id)

    def _open_stream_slot(self, context: grpc.aio.ServicerContext) -> str:
        """Take a stream slot for the caller, or refuse: over the total or the caller's share.

        The caller is its principal when keys are configured, else its connection.
        """
        principal = current_principal()
        caller = principal.name if principal is not LOCAL_PRINCIPAL else f"peer {context.peer()}"
        total, share = self._settings.max_concurrent_streams, self._settings.max_streams_per_caller
        if self.active_streams >= total:
            raise TooManyStreamsError(
                f"{total} streams are already open (max_concurrent_streams); retry later"
            )
        if share and self._streams_by_caller[caller] >= share:
            raise TooManyStreamsError(
                f"this caller already has {share} streams open (max_streams_per_caller);"
                " end one or retry later"
            )
        self._streams_by_caller[caller] += 1
        self._set_active_streams(+1)
        return caller

    def _close_stream_slot(self, caller: str) -> None:
        self._streams_by_caller[caller] -= 1
        if not self._streams_by_caller[caller]:
            del self._streams_by_caller[caller]
        self._set_active_streams(-1)

    async def Reidentify(
        self, request: service_pb.ReidentifyRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.ReidentifyResponse:
        """Return encrypted values to their owner; logs counts only."""
        try:
            self._admit()
            owner = current_principal().owner_for(request.owner, "owner")
            encrypted = list(request.encrypted_values)
            values = await self._run(context, lambda: self.redactor.reidentify(owner, encrypted))
        except Exception as error:
            await abort_with_error(context, error)
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

    def _set_active_streams(self, delta: int) -> None:
        self.active_streams += delta
        self._metrics.active_streams.set(self.active_streams)

    def _limits(self) -> dict[str, int]:
        return {
            "max_fields": self._settings.max_fields_per_lead,
            "max_segments": self._settings.max_segments_per_transcript,
            "max_segment_chars": self._settings.max_segment_chars,
            "max_field_chars": self._settings.max_field_chars,
        }

    async def _run(self, context: grpc.aio.ServicerContext, work: Callable[[], T]) -> T:
        """Run engine work on the engine thread, unless the caller's deadline passes first.

        The deadline is checked again when the work reaches the thread, so calls that
        expired while queued behind others are not redacted for nobody, and the engine
        stops at its next checkpoint once the deadline (or ``max_engine_seconds``) passes.
        """
        remaining = context.time_remaining()
        expires = None if remaining is None else time.monotonic() + remaining

        def guarded() -> T:
            now = time.monotonic()
            if expires is not None and now >= expires:
                raise DeadlineExceededError("the call's deadline passed before the work was done")
            cap = now + self._settings.max_engine_seconds
            try:
                with within_deadline(cap if expires is None else min(cap, expires)):
                    return work()
            except WorkDeadlineExceeded:
                if expires is not None and time.monotonic() >= expires:
                    raise DeadlineExceededError(
                        "the call's deadline passed; the engine stopped its work"
                    ) from None
                raise EngineTimeLimitError(
                    f"the engine worked {self._settings.max_engine_seconds:g} s on this call"
                    " (max_engine_seconds) and stopped; send smaller records"
                ) from None

        _check_deadline(context)
        self.pending_calls += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, guarded)
        finally:
            self.pending_calls -= 1

    def _admit(self) -> None:
        """Refuse a new call at once when the engine is this far behind (load shedding).

        A queue the engine cannot drain only turns every call into a late one.
        """
        if self.pending_calls >= self._settings.max_pending_calls:
            raise ServerBusyError(
                f"{self.pending_calls} calls are waiting for the engine; retry with backoff"
            )


def _check_deadline(context: grpc.aio.ServicerContext) -> None:
    remaining = context.time_remaining()
    if remaining is not None and remaining <= 0:
        raise DeadlineExceededError("the call's deadline passed before the work was done")


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
        )
    )
