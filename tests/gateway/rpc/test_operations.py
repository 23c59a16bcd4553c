"""Operations: metrics without values, NOT_SERVING until loaded, limits, deadlines, logs, drain."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import grpc
import pytest

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from gateway.logs import JsonFormatter
from gateway.rpc.channel import open_channel
from gateway.rpc.metrics import GatewayMetrics, stop_http
from redaction import Redactor
from tests.builders import ROOT, free_port, lead_request, wait_answering, wait_serving, wait_status
from tests.gateway.serving import running_gateway, served_in_process, wait_for
from tests.synthetic import SSN, VISA


async def test_when_scraped_then_metrics_count_calls_and_findings_without_values(
    settings: Settings, redactor: Redactor
) -> None:
    metrics = GatewayMetrics()
    httpd, port = metrics.serve_http("127.0.0.1", 0)
    try:
        async with (
            running_gateway(settings, redactor, metrics) as parts,
            open_channel(f"127.0.0.1:{parts.port}") as channel,
        ):
            stub = service_grpc.LeadGatewayServiceStub(channel)
            await stub.RedactLead(lead_request(ssn=SSN, notes=f"card {VISA}"))
            with pytest.raises(grpc.aio.AioRpcError):
                await stub.RedactLead(service_pb.RedactLeadRequest(lead=pb.Lead(owner="acme")))
        url = f"http://127.0.0.1:{port}/metrics"
        body = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=5).read())
    finally:
        stop_http(httpd)
    text = body.decode()
    assert 'leadgate_requests_total{code="OK",rpc="RedactLead"} 1.0' in text
    assert 'leadgate_requests_total{code="INVALID_ARGUMENT",rpc="RedactLead"} 1.0' in text
    assert 'leadgate_findings_total{entity_type="US_SSN"} 1.0' in text
    assert 'leadgate_findings_total{entity_type="CREDIT_CARD"} 1.0' in text
    assert 'leadgate_request_duration_seconds_bucket{le="0.025",rpc="RedactLead"}' in text
    assert "leadgate_outbox_depth" in text and "leadgate_delivery_failures" in text
    assert SSN not in text and VISA not in text and "acme" not in text


async def test_when_serve_starts_and_stops_then_health_follows_the_engine_and_the_drain(
    settings: Settings, redactor: Redactor, tmp_path: Path
) -> None:
    """serve() itself: NOT_SERVING while the engine loads, SERVING, NOT_SERVING on SIGTERM."""
    async with served_in_process(settings, redactor, tmp_path) as gateway:
        assert await wait_answering(gateway.target) == "NOT_SERVING"
        async with grpc.aio.insecure_channel(gateway.target) as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await stub.RedactLead(lead_request(ssn=SSN))
            assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
            assert "loading" in (raised.value.details() or "")
            gateway.engine_may_load.set()
            await wait_serving(gateway.target, 30)
            assert (await stub.RedactLead(lead_request(ssn=SSN))).lead.fields["ssn"] == "<US_SSN>"
        await gateway.ready.wait()
        assert gateway.journal == ["NOT_SERVING", "SERVING"]
        gateway.terminate()
        await wait_status(gateway.target, "UNAVAILABLE", 10)
    # The drain: health said NOT_SERVING before the server stopped taking calls.
    assert gateway.journal == ["NOT_SERVING", "SERVING", "NOT_SERVING", "stop"]


async def test_when_segment_too_long_then_resource_exhausted_naming_it(
    settings: Settings, redactor: Redactor
) -> None:
    limited = replace(settings, max_segment_chars=40)
    transcript = pb.Transcript(
        id="c1",
        owner="acme",
        segments=[pb.TranscriptSegment(text="hello"), pb.TranscriptSegment(text="x" * 41)],
    )
    async with (
        running_gateway(limited, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.RedactTranscript(service_pb.RedactTranscriptRequest(transcript=transcript))
        assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "40 characters" in (raised.value.details() or "")

        async def call() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
            yield service_pb.StreamTranscriptRequest(
                start=service_pb.StreamStart(call_id="c2", owner="acme")
            )
            yield service_pb.StreamTranscriptRequest(segment=pb.TranscriptSegment(text="y" * 41))

        with pytest.raises(grpc.aio.AioRpcError) as streamed:
            async for _ in stub.StreamTranscript(call()):
                pass
        assert streamed.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "segment 0" in (streamed.value.details() or "")


async def test_when_stream_limit_reached_then_next_stream_refused_until_one_ends(
    settings: Settings, redactor: Redactor
) -> None:
    limited = replace(settings, max_concurrent_streams=1)
    async with (
        running_gateway(limited, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        first = stub.StreamTranscript()
        await first.write(
            service_pb.StreamTranscriptRequest(
                start=service_pb.StreamStart(call_id="c1", owner="acme")
            )
        )
        await asyncio.sleep(0.2)
        assert parts.servicer.stream_slots.active == 1
        second = stub.StreamTranscript()
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await second.read()
        assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        await first.done_writing()
        assert (await first.read()).HasField("summary")
        await asyncio.sleep(0.1)

        async def call() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
            yield service_pb.StreamTranscriptRequest(
                start=service_pb.StreamStart(call_id="c3", owner="acme")
            )

        assert [r async for r in stub.StreamTranscript(call())][-1].HasField("summary")


async def test_when_deadline_passes_while_queued_then_deadline_exceeded(
    settings: Settings, redactor: Redactor
) -> None:
    async with (
        running_gateway(settings, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        busy = parts.servicer.engine.executor.submit(time.sleep, 0.6)  # the engine thread is busy
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.RedactLead(lead_request(ssn=SSN), timeout=0.2)
        assert raised.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        await asyncio.wrap_future(busy)
        assert (await stub.RedactLead(lead_request(ssn=SSN), timeout=10)).lead.fields["ssn"]


@pytest.fixture
def access_log() -> Iterator[io.StringIO]:
    lines = io.StringIO()
    handler = logging.StreamHandler(lines)
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("leadgate.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    yield lines
    access.removeHandler(handler)


async def test_when_called_then_access_log_is_json_with_request_id_and_no_values(
    settings: Settings, redactor: Redactor, access_log: io.StringIO
) -> None:
    async with (
        running_gateway(settings, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        await stub.RedactLead(lead_request(ssn=SSN), metadata=(("x-request-id", "trace-9"),))
    (entry,) = [json.loads(line) for line in access_log.getvalue().splitlines()]
    assert entry["rpc"] == "RedactLead" and entry["code"] == "OK"
    assert entry["request_id"] == "trace-9" and entry["findings"] == 1
    assert SSN not in access_log.getvalue()


async def test_when_sigterm_during_a_live_call_then_call_finishes_and_process_exits_0() -> None:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gateway",
        "serve",
        "--port",
        str(port),
        cwd=ROOT,
        env={**os.environ, "LEADGATE_METRICS_PORT": "0", "LEADGATE_GRACE_SECONDS": "10"},
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await wait_serving(f"127.0.0.1:{port}", 120, process)
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            call = stub.StreamTranscript()
            await call.write(
                service_pb.StreamTranscriptRequest(
                    start=service_pb.StreamStart(call_id="c1", owner="acme")
                )
            )
            await call.write(
                service_pb.StreamTranscriptRequest(segment=pb.TranscriptSegment(text="hello"))
            )
            assert (await call.read()).HasField("segment")
            process.send_signal(signal.SIGTERM)  # mid-call
            await asyncio.sleep(0.5)
            await call.write(
                service_pb.StreamTranscriptRequest(
                    segment=pb.TranscriptSegment(text=f"my social is {SSN}")
                )
            )
            await call.done_writing()
            rest = []
            while (response := await call.read()) is not grpc.aio.EOF:
                rest.append(response)
        assert rest[0].segment.segment.text == "my social is <US_SSN>"
        assert rest[-1].HasField("summary")
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0
    messages = [json.loads(line)["message"] for line in stderr.decode().splitlines()]
    assert messages.index("leadgate stopping") < messages.index("leadgate stopped")
    assert SSN not in stderr.decode()


async def test_when_engine_queue_full_then_new_calls_shed_and_queued_ones_finish(
    settings: Settings, redactor: Redactor
) -> None:
    limited = replace(settings, max_pending_calls=2)
    async with (
        running_gateway(limited, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        busy = parts.servicer.engine.executor.submit(time.sleep, 0.5)  # the engine thread is busy
        outcomes = await asyncio.gather(
            *(stub.RedactLead(lead_request(ssn=SSN), timeout=10) for _ in range(4)),
            return_exceptions=True,
        )
        await asyncio.wrap_future(busy)
    codes = sorted(o.code().name if isinstance(o, grpc.aio.AioRpcError) else "OK" for o in outcomes)
    assert codes == ["OK", "OK", "RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED"]
    shed = next(o for o in outcomes if isinstance(o, grpc.aio.AioRpcError))
    assert "retry with backoff" in (shed.details() or "")


async def test_when_engine_queue_full_then_bulk_leads_are_shed_as_single_leads_are(
    settings: Settings, redactor: Redactor
) -> None:
    limited = replace(settings, max_pending_calls=1)
    bulk = [service_pb.RedactLeadsRequest(lead=lead_request(ssn=SSN).lead)]
    async with (
        running_gateway(limited, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        busy = parts.servicer.engine.executor.submit(time.sleep, 0.5)  # the engine thread is busy
        queued = asyncio.ensure_future(stub.RedactLead(lead_request(ssn=SSN), timeout=10))
        await wait_for(lambda: parts.servicer.engine.pending_calls == 1, 5, "one queued call")
        with pytest.raises(grpc.aio.AioRpcError) as shed:
            _ = [r async for r in stub.RedactLeads(iter(bulk), timeout=10)]
        assert (await queued).lead.fields["ssn"] == "<US_SSN>"
        await asyncio.wrap_future(busy)
        after = [r async for r in stub.RedactLeads(iter(bulk), timeout=10)]  # queue drained
    assert shed.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "retry with backoff" in (shed.value.details() or "")
    assert [r.lead.fields["ssn"] for r in after] == ["<US_SSN>"]


async def test_when_deadline_passes_while_bulk_lead_queued_then_stream_ends_deadline_exceeded(
    settings: Settings, redactor: Redactor
) -> None:
    bulk = [service_pb.RedactLeadsRequest(lead=lead_request(ssn=SSN).lead)]
    async with (
        running_gateway(settings, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        busy = parts.servicer.engine.executor.submit(time.sleep, 0.6)  # the engine thread is busy
        with pytest.raises(grpc.aio.AioRpcError) as late:
            _ = [r async for r in stub.RedactLeads(iter(bulk), timeout=0.2)]
        await asyncio.wrap_future(busy)
    assert late.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another process is listening on."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


def test_when_metrics_port_is_busy_then_error_names_host_port_and_the_setting(
    busy_port: int,
) -> None:
    with pytest.raises(OSError) as raised:
        GatewayMetrics().serve_http("127.0.0.1", busy_port)
    message = str(raised.value)
    assert f"127.0.0.1:{busy_port}" in message
    assert "in use" in message and "metrics_port" in message and "\n" not in message


def test_when_serve_finds_metrics_port_busy_then_one_line_and_exit_1(busy_port: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LEADGATE_METRICS_PORT"}
    result = subprocess.run(
        [sys.executable, "-m", "gateway", "serve", "--port", "0"],
        cwd=ROOT,
        env={**env, "LEADGATE_METRICS_PORT": str(busy_port)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"127.0.0.1:{busy_port}" in result.stderr and "Traceback" not in result.stderr
