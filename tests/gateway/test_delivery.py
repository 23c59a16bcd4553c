"""Delivery to the dialer without loss: outages, restarts, SIGKILL, a full outbox."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import grpc
import pytest

from examples.dialer_sink import start_sink
from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import dialer_sink_pb2_grpc as sink_grpc
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from redaction import Redactor
from tests.assertions import assert_no_raw_values
from tests.gateway.serving import delivering_gateway, read_jsonl, wait_for
from tests.synthetic import SSN, VISA

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _lead(number: int) -> service_pb.RedactLeadRequest:
    return service_pb.RedactLeadRequest(
        lead=pb.Lead(
            id=f"lead-{number:03d}",
            owner="acme",
            fields={"first_name": "Dana", "ssn": SSN, "notes": f"card {VISA} on file"},
        )
    )


@pytest.fixture
def fast_retry(settings: Settings) -> Settings:
    return replace(settings, retry_initial_seconds=0.05, retry_max_seconds=0.3)


def _ids(path: Path) -> Counter[str]:
    return Counter(line["record_id"] for line in read_jsonl(path))


async def test_when_sink_down_then_restarted_every_accepted_lead_delivered_once(
    tmp_path: Path, fast_retry: Settings, redactor: Redactor
) -> None:
    received = tmp_path / "received.jsonl"
    sink_port = _free_port()
    sink, _ = await start_sink(f"127.0.0.1:{sink_port}", received)
    outbox = tmp_path / "outbox.sqlite3"
    async with (
        delivering_gateway(fast_retry, redactor, outbox, f"127.0.0.1:{sink_port}") as (
            parts,
            metrics,
            _,
        ),
        grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        for number in range(10):
            await stub.RedactLead(_lead(number))
        await wait_for(lambda: len(_ids(received)) == 10, 10, "the first 10 deliveries")
        await sink.stop(None)  # the dialer goes down; leads keep arriving
        for number in range(10, 25):
            response = await stub.RedactLead(_lead(number))
            assert response.lead.fields["ssn"] == "<US_SSN>"
        await wait_for(
            lambda: metrics.delivery_failures.labels(code="UNAVAILABLE")._value.get() > 0,
            10,
            "a failed delivery attempt",
        )
        assert len(_ids(received)) == 10
        sink, _ = await start_sink(f"127.0.0.1:{sink_port}", received)  # back up
        await wait_for(lambda: len(_ids(received)) == 25, 20, "delivery after the restart")
        await wait_for(lambda: metrics.outbox_depth._value.get() == 0, 5, "an empty outbox")
    await sink.stop(None)
    counts = _ids(received)
    assert set(counts) == {f"lead-{n:03d}" for n in range(25)}
    assert set(counts.values()) == {1}, "each record exactly once"
    assert_no_raw_values(received.read_text(), [SSN, VISA])
    line = read_jsonl(received)[0]
    assert line["record"]["fields"]["ssn"] == "<US_SSN>" and line["tags"]["owner"] == "acme"


async def test_when_outbox_full_then_resource_exhausted_and_nothing_lost(
    tmp_path: Path, fast_retry: Settings, redactor: Redactor
) -> None:
    settings = replace(fast_retry, outbox_max_records=3)
    nowhere = f"127.0.0.1:{_free_port()}"  # no sink listens: nothing drains
    outbox_path = tmp_path / "outbox.sqlite3"
    async with delivering_gateway(settings, redactor, outbox_path, nowhere) as (parts, _, outbox):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            for number in range(3):
                await stub.RedactLead(_lead(number))
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await stub.RedactLead(_lead(3))
            assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            assert "outbox" in (raised.value.details() or "")
            await stub.RedactLead(_lead(1))  # a waiting record may still be replaced

            async def call() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
                yield service_pb.StreamTranscriptRequest(
                    start=service_pb.StreamStart(call_id="c1", owner="acme")
                )

            with pytest.raises(grpc.aio.AioRpcError) as refused:
                async for _ in stub.StreamTranscript(call()):
                    pass
            assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert sorted(e.record_id for e in outbox.waiting(10)) == [
            "lead-000",
            "lead-001",
            "lead-002",
        ]


async def test_when_call_streamed_then_whole_redacted_call_delivered(
    tmp_path: Path, fast_retry: Settings, redactor: Redactor
) -> None:
    received = tmp_path / "received.jsonl"
    sink, sink_port = await start_sink("127.0.0.1:0", received)
    async with (
        delivering_gateway(
            fast_retry, redactor, tmp_path / "outbox.sqlite3", f"127.0.0.1:{sink_port}"
        ) as (parts, _, _),
        grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)

        async def call() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
            yield service_pb.StreamTranscriptRequest(
                start=service_pb.StreamStart(call_id="call-7", owner="acme")
            )
            for text in ("can I get your social", f"sure it is {SSN}", "thanks"):
                yield service_pb.StreamTranscriptRequest(segment=pb.TranscriptSegment(text=text))

        responses = [r async for r in stub.StreamTranscript(call())]
        assert responses[-1].HasField("summary")
        await wait_for(lambda: len(read_jsonl(received)) == 1, 10, "the call's delivery")
    await sink.stop(None)
    (line,) = read_jsonl(received)
    assert line["kind"] == "transcript" and line["record_id"] == "call-7"
    texts = [segment["text"] for segment in line["record"]["segments"]]
    assert texts == ["can I get your social", "sure it is <US_SSN>", "thanks"]
    assert [f["entity_type"] for f in line["findings"]] == ["US_SSN"]
    assert line["tags"]["sensitive_categories"]
    assert_no_raw_values(received.read_text(), [SSN])


class _RefusingSink(sink_grpc.DialerSinkServiceServicer):
    """A sink that refuses one record id for good and takes the rest."""

    def __init__(self) -> None:
        self.stored: list[str] = []

    async def DeliverLead(  # noqa: N802 (the proto's name)
        self, request: sink_pb.DeliverLeadRequest, context: grpc.aio.ServicerContext
    ) -> sink_pb.DeliverLeadResponse:
        if request.delivery.record_id == "lead-001":
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "campaign unknown")
        self.stored.append(request.delivery.record_id)
        return sink_pb.DeliverLeadResponse()


async def test_when_sink_refuses_a_record_for_good_then_it_is_parked_and_others_flow(
    tmp_path: Path, fast_retry: Settings, redactor: Redactor
) -> None:
    refusing = _RefusingSink()
    sink = grpc.aio.server()
    sink_grpc.add_DialerSinkServiceServicer_to_server(refusing, sink)
    sink_port = sink.add_insecure_port("127.0.0.1:0")
    await sink.start()
    try:
        async with delivering_gateway(
            fast_retry, redactor, tmp_path / "outbox.sqlite3", f"127.0.0.1:{sink_port}"
        ) as (parts, metrics, outbox):
            async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
                stub = service_grpc.LeadGatewayServiceStub(channel)
                for number in range(3):
                    await stub.RedactLead(_lead(number))
                await wait_for(lambda: len(refusing.stored) == 2, 10, "the two good records")
                await wait_for(lambda: outbox.depth() == (0, 1), 5, "one parked record")
                assert metrics.delivery_failures.labels(code="INVALID_ARGUMENT")._value.get() == 1
    finally:
        await sink.stop(None)
    assert refusing.stored == ["lead-000", "lead-002"]


async def _start_process(*args: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *args,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def _wait_serving(port: int, timeout: float = 60) -> None:
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)

        async def serving() -> bool:
            try:
                reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
            except grpc.aio.AioRpcError:
                return False
            return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)

        deadline = asyncio.get_running_loop().time() + timeout
        while not await serving():
            assert asyncio.get_running_loop().time() < deadline, "gateway never became SERVING"
            await asyncio.sleep(0.1)


async def test_when_gateway_killed_mid_delivery_then_restart_delivers_everything_once(
    tmp_path: Path,
) -> None:
    received = tmp_path / "received.jsonl"
    sink = await _start_process(
        sys.executable,
        "examples/dialer_sink.py",
        "--listen",
        "127.0.0.1:0",
        "--out",
        str(received),
        "--delay-ms",
        "60",
        env={},
    )
    assert sink.stdout is not None
    sink_address = (await sink.stdout.readline()).decode().split()[-1]
    port = _free_port()
    gateway_env = {
        "LEADGATE_PORT": str(port),
        "LEADGATE_SINK_ADDRESS": sink_address,
        "LEADGATE_OUTBOX_PATH": str(tmp_path / "outbox.sqlite3"),
        "LEADGATE_METRICS_PORT": "0",
        "LEADGATE_RETRY_INITIAL_SECONDS": "0.05",
        "LEADGATE_RETRY_MAX_SECONDS": "0.3",
    }
    command = (sys.executable, "-m", "gateway", "serve")
    gateway = await _start_process(*command, env=gateway_env)
    try:
        await _wait_serving(port)
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            for number in range(30):
                await stub.RedactLead(_lead(number), timeout=10)
        await wait_for(lambda: len(read_jsonl(received)) >= 3, 20, "deliveries to begin")
        gateway.send_signal(signal.SIGKILL)  # mid-delivery: no shutdown, no checkpoint
        await gateway.wait()
        assert len(_ids(received)) < 30, "the kill came too late to test anything"
        gateway = await _start_process(*command, env=gateway_env)
        await wait_for(lambda: len(_ids(received)) == 30, 60, "delivery after the restart")
    finally:
        for process in (gateway, sink):
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 20)
    counts = _ids(received)
    assert set(counts) == {f"lead-{n:03d}" for n in range(30)}
    assert set(counts.values()) == {1}, "each record exactly once"
    assert_no_raw_values(received.read_text(), [SSN, VISA])
