"""``leadgate redact --remote HOST:PORT``: the same job through a running gateway.

Leads go over one RedactLeads stream with at most WINDOW leads sent ahead of
the answers read (flow control: a slow gateway slows the reader, memory stays
flat); transcripts go one RedactTranscript call at a time, in file order. The
output is written exactly as a local run writes it. The API key comes from
LEADGATE_API_KEY (never the command line); --remote-ca turns on TLS.

Each file's first records are profiled first, by the gateway (ProfileLeads, one
call per owner: nothing recorded or delivered), and the column kinds found go
with every lead of that owner (``column_kinds``), as the local door applies them.
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from pathlib import Path

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.batch.inputs import InputRecord
from gateway.batch.job import ColumnKinds, Outcome, outcome_of, sample_leads
from gateway.batch.loop import Profiled, run_job
from gateway.batch.options import BatchOptions
from gateway.batch.summary import BatchSummary
from gateway.rpc import convert
from gateway.rpc.channel import open_channel
from redaction import Lead, SampleProfile, Transcript

WINDOW = int(os.environ.get("LEADGATE_REMOTE_WINDOW", "64"))  # leads sent ahead of answers
API_KEY_ENV = "LEADGATE_API_KEY"
CALL_TIMEOUT_S = 60.0


def run_remote(options: BatchOptions, ca_file: Path | None = None) -> BatchSummary:
    """Run the job through the gateway at ``options.remote``."""
    if options.received_at is not None:
        raise ValueError(
            "--received-at applies to local and Spark runs; the gateway stamps its own"
        )
    return run_job(options, _Gateway(options, ca_file))


class _Gateway:
    """The redact step: a running gateway, called on an event loop of this step's own.

    The record loop is not async; each of its steps here runs the loop until the
    next answer is in, so the calls and their flow control are as they were.
    """

    def __init__(self, options: BatchOptions, ca_file: Path | None) -> None:
        self._options = options
        self._ca_file = ca_file
        key = os.environ.get(API_KEY_ENV, "")
        self._metadata: tuple[tuple[str, str], ...] = (
            (("authorization", f"Bearer {key}"),) if key else ()
        )
        self._streams: list[AsyncGenerator[Outcome, None]] = []

    def __enter__(self) -> _Gateway:
        self._loop = asyncio.new_event_loop()
        try:
            self._channel = self._loop.run_until_complete(self._open())
        except BaseException:
            self._loop.close()
            raise
        self._stub = service_grpc.LeadGatewayServiceStub(self._channel)
        return self

    async def _open(self) -> grpc.aio.Channel:
        """The channel, made on this step's loop (a channel belongs to the loop it is made on)."""
        return open_channel(self._options.remote, self._ca_file)

    def profile(self, sample: list[InputRecord]) -> Profiled:
        """Each owner's column profile from a file's first records, made by the gateway."""
        try:
            return Profiled(
                self._loop.run_until_complete(_profiles(self._stub, self._metadata, sample))
            )
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.UNIMPLEMENTED:
                raise OSError(
                    "the gateway does not profile columns (ProfileLeads): update it, "
                    "or run with --profile-sample 0"
                ) from None
            raise _stopped(error) from None

    def redact(self, records: Iterator[InputRecord], kinds: ColumnKinds) -> Iterator[Outcome]:
        """The records' outcomes, in file order, as the gateway answers them."""
        dry_run = self._options.dry_run
        stream = _outcomes(self._stub, self._metadata, records, dry_run, kinds)
        self._streams.append(stream)
        while True:
            try:
                yield self._loop.run_until_complete(anext(stream))
            except StopAsyncIteration:
                return
            except grpc.aio.AioRpcError as error:
                raise _stopped(error) from None

    def __exit__(self, *exc: object) -> None:
        """Close what a stopped job left open (its calls with the channel), then the loop."""
        try:
            for stream in self._streams:
                self._loop.run_until_complete(stream.aclose())
            self._loop.run_until_complete(self._channel.close())
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        finally:
            self._loop.close()


async def _profiles(
    stub: service_grpc.LeadGatewayServiceStub,
    metadata: tuple[tuple[str, str], ...],
    sample: list[InputRecord],
) -> dict[str, SampleProfile]:
    """Each owner's column profile from a file's first records, made by the gateway."""
    return {
        owner: await _profile(stub, metadata, leads)
        for owner, leads in sample_leads(sample).items()
    }


async def _profile(
    stub: service_grpc.LeadGatewayServiceStub,
    metadata: tuple[tuple[str, str], ...],
    leads: list[Lead],
) -> SampleProfile:
    """One ProfileLeads call; a sample over the gateway's message limit is halved."""
    while True:
        request = service_pb.ProfileLeadsRequest(leads=[convert.lead_to_pb(x) for x in leads])
        try:
            response = await stub.ProfileLeads(request, metadata=metadata, timeout=CALL_TIMEOUT_S)
        except grpc.aio.AioRpcError as error:
            too_big = error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED and not _reason(error)
            if too_big and len(leads) > 1:
                leads = leads[: len(leads) // 2]
                continue
            raise
        return convert.profile_from_pb(response)


async def _outcomes(
    stub: service_grpc.LeadGatewayServiceStub,
    metadata: tuple[tuple[str, str], ...],
    records: Iterator[InputRecord],
    dry_run: bool,
    kinds: ColumnKinds,
) -> AsyncGenerator[Outcome, None]:
    """Outcomes in file order: runs of leads over a stream, transcripts one call each."""
    while True:
        leads = _leads_until_transcript(records)
        async for outcome in _stream_leads(stub, metadata, leads, dry_run, kinds):
            yield outcome
        if leads.stopped_at is None:
            return
        yield await _transcript(stub, metadata, leads.stopped_at, dry_run)


class _leads_until_transcript:  # noqa: N801 (an iterator, named for what it yields)
    """Leads (and bad records) up to the next transcript, where it stops."""

    def __init__(self, records: Iterator[InputRecord]) -> None:
        self._records = records
        self.stopped_at: InputRecord | None = None

    def __iter__(self) -> Iterator[InputRecord]:
        for item in self._records:
            if item.record is not None and not isinstance(item.record, Lead):
                self.stopped_at = item
                return
            yield item


async def _stream_leads(
    stub: service_grpc.LeadGatewayServiceStub,
    metadata: tuple[tuple[str, str], ...],
    leads: _leads_until_transcript,
    dry_run: bool,
    kinds: ColumnKinds,
) -> AsyncIterator[Outcome]:
    """One RedactLeads call; never more than WINDOW leads ahead of the answers."""
    call = None
    sent: deque[InputRecord] = deque()
    for item in leads:
        lead = item.record
        if not isinstance(lead, Lead):
            if not sent:  # nothing in flight: report in order right away
                yield Outcome(item.source, item.line, None, item.problem)
                continue
            sent.append(item)
            continue
        if call is None:
            call = stub.RedactLeads(metadata=metadata, timeout=None)
        request = service_pb.RedactLeadsRequest(
            lead=convert.lead_to_pb(lead), column_kinds=kinds.get(lead.owner, {})
        )
        await call.write(request)
        sent.append(item)
        while _in_flight(sent) >= WINDOW:
            async for outcome in _answer(call, sent, dry_run):
                yield outcome
    if call is not None:
        await call.done_writing()
        while sent:
            async for outcome in _answer(call, sent, dry_run):
                yield outcome


def _in_flight(sent: deque[InputRecord]) -> int:
    return sum(1 for item in sent if item.record is not None)


async def _answer(
    call: grpc.aio.StreamStreamCall, sent: deque[InputRecord], dry_run: bool
) -> AsyncIterator[Outcome]:
    """Read one answer; report it, and any bad records queued behind it, in order."""
    while sent and sent[0].record is None:
        bad = sent.popleft()
        yield Outcome(bad.source, bad.line, None, bad.problem)
    if not sent:
        return
    response = await call.read()
    if response is grpc.aio.EOF:
        raise ConnectionError("the gateway ended the stream early")
    yield _lead_outcome(sent.popleft(), response, dry_run)
    while sent and sent[0].record is None:
        bad = sent.popleft()
        yield Outcome(bad.source, bad.line, None, bad.problem)


def _lead_outcome(
    item: InputRecord, response: service_pb.RedactLeadsResponse, dry_run: bool
) -> Outcome:
    if response.HasField("error"):
        return Outcome(item.source, item.line, None, response.error.message)
    result = convert.redacted_lead_from_pb(response.lead, response.tags, response.findings)
    return outcome_of(item, result, dry_run)


async def _transcript(
    stub: service_grpc.LeadGatewayServiceStub,
    metadata: tuple[tuple[str, str], ...],
    item: InputRecord,
    dry_run: bool,
) -> Outcome:
    transcript = item.record
    assert isinstance(transcript, Transcript)
    request = service_pb.RedactTranscriptRequest(transcript=convert.transcript_to_pb(transcript))
    try:
        response = await stub.RedactTranscript(request, metadata=metadata, timeout=CALL_TIMEOUT_S)
    except grpc.aio.AioRpcError as error:
        if _record_at_fault(error):
            return Outcome(item.source, item.line, None, error.details() or error.code().name)
        raise _stopped(error) from None
    return outcome_of(item, convert.redacted_transcript_from_pb(response), dry_run)


def _record_at_fault(error: grpc.aio.AioRpcError) -> bool:
    """The record was refused (bad, not ours, too big), not the gateway busy or down."""
    if error.code() in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED):
        return True
    return error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED and _reason(error) == (
        "RECORD_TOO_LARGE"
    )


def _reason(error: grpc.aio.AioRpcError) -> str:
    status = rpc_status.from_call(error)
    for detail in status.details if status is not None else ():
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return str(info.reason)
    return ""


def _stopped(error: grpc.aio.AioRpcError) -> OSError:
    """The gateway could not take records now (loading, busy, outbox full, down): stop."""
    return OSError(f"the gateway stopped the job: {error.code().name}: {error.details()}")
