"""LeadGatewayService: each RPC is convert -> one engine call -> convert."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import grpc

from gateway import convert
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from gateway.errors import abort_with_error, status_code_for
from gateway.stream_inbox import StreamInbox
from redaction import Redactor
from redaction.validation import check_limits

logger = logging.getLogger(__name__)

T = TypeVar("T")


class LeadGatewayServicer(service_grpc.LeadGatewayServiceServicer):
    """Runs the engine on one worker thread so the event loop keeps serving."""

    def __init__(
        self, redactor: Redactor, settings: Settings, executor: ThreadPoolExecutor
    ) -> None:
        self._redactor = redactor
        self._settings = settings
        self._executor = executor
        self._hold_seconds = settings.stream_hold_seconds
        self.active_streams = 0

    async def RedactLead(
        self, request: service_pb.RedactLeadRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.RedactLeadResponse:
        """Redact one lead."""
        started = time.perf_counter()
        try:
            lead = convert.lead_from_pb(request.lead)
            check_limits(lead, **self._limits())
            result = await self._run(lambda: self._redactor.redact_lead(lead))
            record, tags, findings = convert.redacted_lead_parts(result)
        except Exception as error:
            _log_call("RedactLead", status_code_for(error).name, started, 0)
            await abort_with_error(context, error)
        _log_call("RedactLead", "OK", started, len(findings))
        return service_pb.RedactLeadResponse(lead=record, tags=tags, findings=findings)

    async def RedactTranscript(
        self, request: service_pb.RedactTranscriptRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.RedactTranscriptResponse:
        """Redact a finished call."""
        started = time.perf_counter()
        try:
            transcript = convert.transcript_from_pb(request.transcript)
            check_limits(transcript, **self._limits())
            result = await self._run(lambda: self._redactor.redact_transcript(transcript))
            response = convert.redacted_transcript_response(result)
        except Exception as error:
            _log_call("RedactTranscript", status_code_for(error).name, started, 0)
            await abort_with_error(context, error)
        _log_call("RedactTranscript", "OK", started, len(response.findings))
        return response

    async def StreamTranscript(
        self,
        request_iterator: AsyncIterator[service_pb.StreamTranscriptRequest],
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[service_pb.StreamTranscriptResponse]:
        """Redact a live call segment by segment; hold a segment whose number may go on."""
        started = time.perf_counter()
        inbox = StreamInbox(request_iterator)
        self.active_streams += 1
        sent = 0
        try:
            header = convert.stream_header_from_pb(await inbox.first_start())
            stream = await self._run(lambda: self._redactor.open_stream(header))
            async for segment in inbox.segments(lambda: stream.holding, self._hold_seconds):
                held_before = stream.held_count
                if segment is None:  # hold time over
                    released = await self._run(stream.flush)
                else:
                    released = await self._run(lambda s=segment: stream.push(s))  # type: ignore[misc]
                for position, redacted in enumerate(released):
                    # Released by a new segment: the ones before it waited, it did not.
                    was_held = segment is None or position < held_before
                    yield convert.stream_segment_response(
                        redacted, stream.segment_tags(redacted), was_held
                    )
                    sent += 1
            for redacted in await self._run(stream.flush):
                yield convert.stream_segment_response(redacted, stream.segment_tags(redacted), True)
                sent += 1
            yield convert.stream_summary_response(header.id, await self._run(stream.summary))
        except Exception as error:
            _log_call("StreamTranscript", status_code_for(error).name, started, sent)
            await abort_with_error(context, error)
        finally:
            inbox.close()
            self.active_streams -= 1
        _log_call("StreamTranscript", "OK", started, sent)

    async def Reidentify(
        self, request: service_pb.ReidentifyRequest, context: grpc.aio.ServicerContext
    ) -> service_pb.ReidentifyResponse:
        """Return encrypted values to their owner; logs counts only."""
        started = time.perf_counter()
        try:
            values = await self._run(
                lambda: self._redactor.reidentify(request.owner, list(request.encrypted_values))
            )
        except Exception as error:
            _log_call("Reidentify", status_code_for(error).name, started, 0)
            await abort_with_error(context, error)
        _log_call("Reidentify", "OK", started, len(values))
        return service_pb.ReidentifyResponse(values=values)

    def _limits(self) -> dict[str, int]:
        return {
            "max_fields": self._settings.max_fields_per_lead,
            "max_segments": self._settings.max_segments_per_transcript,
        }

    async def _run(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, work)


def _log_call(rpc: str, code: str, started: float, findings: int) -> None:
    """One access-log line per call: names, codes, counts and timings only."""
    logger.info(
        "rpc done",
        extra={
            "rpc": rpc,
            "code": code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "findings": findings,
        },
    )
