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
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from itertools import chain, islice
from pathlib import Path

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.batch.inputs import InputRecord, RecordReader, discover
from gateway.batch.job import ColumnKinds, Outcome, kinds_of, outcome_of, sample_leads
from gateway.batch.local import take_outcome
from gateway.batch.options import BatchOptions
from gateway.batch.outputs import OutputPlan
from gateway.batch.progress import Progress
from gateway.batch.summary import BatchSummary
from gateway.rpc import convert
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
    return asyncio.run(_run(options, ca_file))


def _channel(target: str, ca_file: Path | None) -> grpc.aio.Channel:
    if ca_file is not None:
        credentials = grpc.ssl_channel_credentials(root_certificates=ca_file.read_bytes())
        return grpc.aio.secure_channel(target, credentials)
    return grpc.aio.insecure_channel(target)


async def _run(options: BatchOptions, ca_file: Path | None) -> BatchSummary:
    started = time.monotonic()
    files = discover(options.inputs, options.input_format)
    plan = OutputPlan(options.output, files, options.dry_run)
    summary = BatchSummary(input_files=len(files))
    progress = Progress(sum(f.size for f in files), tty=options.progress)
    key = os.environ.get(API_KEY_ENV, "")
    metadata = (("authorization", f"Bearer {key}"),) if key else ()
    done_bytes = 0
    async with _channel(options.remote, ca_file) as channel:
        stub = service_grpc.LeadGatewayServiceStub(channel)
        try:
            for source in files:
                reader = RecordReader(source, options.owner)
                records = iter(reader)
                sample = list(islice(records, options.profile_sample))
                try:
                    profiles = await _profiles(stub, metadata, sample)
                except grpc.aio.AioRpcError as error:
                    if error.code() is grpc.StatusCode.UNIMPLEMENTED:
                        raise OSError(
                            "the gateway does not profile columns (ProfileLeads): update it, "
                            "or run with --profile-sample 0"
                        ) from None
                    raise _stopped(error) from None
                summary.add_profiles(source.path, profiles)
                kinds = kinds_of(profiles)
                writer = plan.writer_for(source)
                try:
                    async for outcome in _outcomes(
                        stub, metadata, chain(sample, records), options.dry_run, kinds
                    ):
                        take_outcome(outcome, summary, writer, reader, options.on_error)
                        progress.update(summary.records_in, done_bytes + reader.position)
                except grpc.aio.AioRpcError as error:
                    raise _stopped(error) from None
                finally:
                    if writer is not plan.shared:
                        writer.close()
                done_bytes += source.size
        finally:
            if plan.shared is not None:
                plan.shared.close()
            progress.close()
    summary.elapsed_s = time.monotonic() - started
    return summary


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
) -> AsyncIterator[Outcome]:
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
