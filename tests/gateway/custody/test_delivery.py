"""Delivery to the dialer without loss: outages, restarts, SIGKILL, a full outbox."""

from __future__ import annotations

import asyncio
import math
import os
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest

from examples.dialer_sink import JsonlSink, deletions_path, start_sink
from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import dialer_sink_pb2_grpc as sink_grpc
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from gateway.custody.delivery import Deliverer, RetryPolicy
from gateway.custody.entry import LedgerEntry
from gateway.custody.outbox import Outbox, Queue, RecordKind
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery, LedgerStore
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.sink import GrpcSink, open_sink_channel
from redaction import Redactor
from tests.assertions import assert_no_raw_values
from tests.builders import ROOT, free_port, read_jsonl, wait_serving
from tests.gateway.serving import delivering_gateway, wait_for
from tests.synthetic import SSN, VISA


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
    sink_port = free_port()
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
    nowhere = f"127.0.0.1:{free_port()}"  # no sink listens: nothing drains
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
        assert sorted(e.record_id for e in outbox.due_and_depth(10, math.inf)[0]) == [
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
    port = free_port()
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
        await wait_serving(f"127.0.0.1:{port}", 60)
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


# -- deletion notices and the ledger --------------------------------------------------------

REQUESTED_AT = 1_714_566_600.0  # 2024-05-01T12:30:00Z


def _withdraw(outbox_path: Path, *record_ids: str, kind: RecordKind = "lead") -> tuple[int, int]:
    """What `leadgate delete` does to the outbox: from its own handle, as another process."""
    other = Outbox(outbox_path, 100)
    try:
        return other.withdraw(
            [(kind, "acme", record_id) for record_id in record_ids],
            notify=True,
            requested_at=REQUESTED_AT,
            reference="TICKET-0042",
        )
    finally:
        other.close()


async def test_when_records_withdrawn_then_sink_deletes_them_and_logs_each_notice(
    tmp_path: Path, fast_retry: Settings, redactor: Redactor
) -> None:
    received = tmp_path / "received.jsonl"
    sink, sink_port = await start_sink("127.0.0.1:0", received)
    outbox_path = tmp_path / "outbox.sqlite3"
    try:
        async with (
            delivering_gateway(fast_retry, redactor, outbox_path, f"127.0.0.1:{sink_port}") as (
                parts,
                metrics,
                outbox,
            ),
            grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
        ):
            stub = service_grpc.LeadGatewayServiceStub(channel)
            for number in range(3):
                await stub.RedactLead(_lead(number))
            await wait_for(lambda: len(read_jsonl(received)) == 3, 10, "three deliveries")
            await stub.RedactLead(_lead(1))  # a second revision of lead-001
            await wait_for(lambda: len(read_jsonl(received)) == 4, 10, "the second revision")
            assert _ids(received)["lead-001"] == 2

            assert _withdraw(outbox_path, "lead-001", "lead-404") == (0, 2)
            deletions = deletions_path(received)
            await wait_for(lambda: len(read_jsonl(deletions)) == 2, 10, "the two notices")
            await wait_for(lambda: outbox.depth(Queue.NOTICES) == (0, 0), 5, "no notice left")
            assert metrics.deliveries.labels(kind="deletion")._value.get() == 2
    finally:
        await sink.stop(None)
    assert _ids(received) == Counter({"lead-000": 1, "lead-002": 1})
    first, second = read_jsonl(deletions)
    assert first["notice_id"] < second["notice_id"]
    assert {k: first[k] for k in ("owner", "record_id", "kind", "reference", "held")} == {
        "owner": "acme",
        "record_id": "lead-001",
        "kind": "lead",
        "reference": "TICKET-0042",
        "held": True,
    }
    assert first["removed"] == 2 and first["requested_at"] == "2024-05-01T12:30:00Z"
    assert (second["record_id"], second["held"], second["removed"]) == ("lead-404", False, 0)
    assert_no_raw_values(received.read_text() + deletions.read_text(), [SSN, VISA])


@asynccontextmanager
async def _deliverer(
    outbox_path: Path, sink_address: str, ledger: LedgerStore | None = None
) -> AsyncIterator[tuple[Outbox, Deliverer, GatewayMetrics]]:
    """A started deliverer on its own (no gateway): records go in with ``outbox.accept``."""
    outbox = Outbox(outbox_path, 100)
    channel = open_sink_channel(sink_address, "")
    metrics = GatewayMetrics()
    retry = RetryPolicy(initial_seconds=0.05, max_seconds=0.3)
    sink = GrpcSink(channel, timeout_seconds=5)
    deliverer = Deliverer(outbox, sink, metrics, retry, idle_poll_seconds=0.05, ledger=ledger)
    deliverer.start()
    try:
        yield outbox, deliverer, metrics
    finally:
        await deliverer.stop()
        await channel.close()
        outbox.close()


def _lead_payload(record_id: str, with_lead: bool = True) -> bytes:
    """An already redacted lead as the servicer stores it (the deliverer adds ``delivery``)."""
    request = sink_pb.DeliverLeadRequest(
        tags=pb.RecordTags(owner="acme", policy_id="default"),
        findings=[pb.Finding(entity_type="US_SSN", field_name="ssn")],
    )
    if with_lead:  # without it the example sink refuses it for good (INVALID_ARGUMENT)
        request.lead.CopyFrom(
            pb.Lead(id=record_id, owner="acme", fields={"first_name": "Test", "ssn": "<US_SSN>"})
        )
    return request.SerializeToString()


def _accept(outbox: Outbox, deliverer: Deliverer, record_id: str, with_lead: bool = True) -> int:
    seq = outbox.accept("lead", "acme", record_id, _lead_payload(record_id, with_lead))
    deliverer.wake()
    return seq


async def test_when_sink_down_then_notice_retried_and_delivered_when_it_is_back(
    tmp_path: Path,
) -> None:
    received = tmp_path / "received.jsonl"
    sink_port = free_port()
    sink, _ = await start_sink(f"127.0.0.1:{sink_port}", received)
    outbox_path = tmp_path / "outbox.sqlite3"
    async with _deliverer(outbox_path, f"127.0.0.1:{sink_port}") as (outbox, deliverer, metrics):
        for record_id in ("lead-a", "lead-b"):
            _accept(outbox, deliverer, record_id)
        await wait_for(lambda: len(read_jsonl(received)) == 2, 10, "two deliveries")
        await sink.stop(None)  # the dialer goes down
        _accept(outbox, deliverer, "lead-c")  # waits in the outbox: never sent
        assert _withdraw(outbox_path, "lead-b", "lead-c") == (1, 2)
        await wait_for(
            lambda: (
                bool(outbox.due_notices(1, math.inf))
                and outbox.due_notices(1, math.inf)[0].attempts >= 2
            ),
            10,
            "failed attempts at the first notice",
        )
        assert metrics.delivery_failures.labels(code="UNAVAILABLE")._value.get() >= 2
        assert outbox.depth(Queue.NOTICES) == (2, 0) and outbox.depth() == (0, 0)
        sink, _ = await start_sink(f"127.0.0.1:{sink_port}", received)  # back up
        deletions = deletions_path(received)
        await wait_for(lambda: len(read_jsonl(deletions)) == 2, 10, "both notices")
        await wait_for(lambda: outbox.depth(Queue.NOTICES) == (0, 0), 5, "no notice left")
    await sink.stop(None)
    assert _ids(received) == Counter({"lead-a": 1})  # lead-c was never sent
    notices = read_jsonl(deletions)
    assert [(n["record_id"], n["held"]) for n in notices] == [("lead-b", True), ("lead-c", False)]
    assert notices[0]["attempt"] >= 3  # the attempt that reached the sink


class _SinkWithoutDeleteRecord(sink_grpc.DialerSinkServiceServicer):
    """A sink built before DeleteRecord: it takes leads and answers UNIMPLEMENTED to notices."""

    def __init__(self) -> None:
        self.stored: list[str] = []

    async def DeliverLead(  # noqa: N802 (the proto's name)
        self, request: sink_pb.DeliverLeadRequest, context: grpc.aio.ServicerContext
    ) -> sink_pb.DeliverLeadResponse:
        self.stored.append(request.delivery.record_id)
        return sink_pb.DeliverLeadResponse()


async def test_when_sink_lacks_delete_record_then_notice_parked_and_records_still_flow(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old_sink = _SinkWithoutDeleteRecord()
    sink = grpc.aio.server()
    sink_grpc.add_DialerSinkServiceServicer_to_server(old_sink, sink)
    sink_port = sink.add_insecure_port("127.0.0.1:0")
    await sink.start()
    outbox_path = tmp_path / "outbox.sqlite3"
    try:
        async with _deliverer(outbox_path, f"127.0.0.1:{sink_port}") as (
            outbox,
            deliverer,
            metrics,
        ):
            for record_id in ("lead-a", "lead-b"):
                _accept(outbox, deliverer, record_id)
            await wait_for(lambda: len(old_sink.stored) == 2, 10, "two deliveries")
            assert _withdraw(outbox_path, "lead-a") == (0, 1)
            for record_id in ("lead-c", "lead-d"):
                _accept(outbox, deliverer, record_id)
            await wait_for(lambda: outbox.depth(Queue.NOTICES) == (0, 1), 10, "a parked notice")
            await wait_for(lambda: len(old_sink.stored) == 4, 10, "the records after it")
            await asyncio.sleep(0.3)  # several idle rounds: a parked notice is not retried
            assert metrics.delivery_failures.labels(code="UNIMPLEMENTED")._value.get() == 1
            assert metrics.deliveries.labels(kind="deletion")._value.get() == 0
            assert outbox.depth() == (0, 0)
    finally:
        await sink.stop(None)
    assert old_sink.stored == ["lead-a", "lead-b", "lead-c", "lead-d"]
    connection = sqlite3.connect(outbox_path)
    try:
        row = connection.execute(
            "SELECT record_id, attempts, parked, last_error FROM deletion_notices"
        ).fetchall()
    finally:
        connection.close()
    assert row == [("lead-a", 1, 1, "unimplemented: UNIMPLEMENTED from the sink")]
    assert any(
        r.levelname == "ERROR" and "DeleteRecord" in r.getMessage() for r in caplog.records
    ), "the parked notice is logged"


class _SignallingSink(JsonlSink):
    """The example sink, telling the test when a lead delivery has reached it."""

    def __init__(self, out: Path, delay_ms: int) -> None:
        super().__init__(out, delay_ms=delay_ms)
        self.lead_arrived = asyncio.Event()

    async def DeliverLead(  # noqa: N802 (the proto's name)
        self, request: sink_pb.DeliverLeadRequest, context: grpc.aio.ServicerContext
    ) -> sink_pb.DeliverLeadResponse:
        self.lead_arrived.set()
        return await super().DeliverLead(request, context)


async def test_when_record_withdrawn_while_being_delivered_then_notice_follows_it(
    tmp_path: Path,
) -> None:
    received = tmp_path / "received.jsonl"
    servicer = _SignallingSink(received, delay_ms=300)
    sink = grpc.aio.server()
    sink_grpc.add_DialerSinkServiceServicer_to_server(servicer, sink)
    sink_port = sink.add_insecure_port("127.0.0.1:0")
    await sink.start()
    outbox_path = tmp_path / "outbox.sqlite3"
    try:
        async with _deliverer(outbox_path, f"127.0.0.1:{sink_port}") as (outbox, deliverer, _):
            _accept(outbox, deliverer, "lead-a")
            await asyncio.wait_for(servicer.lead_arrived.wait(), 10)
            # The delivery is in flight (the sink stores it 300 ms from now): its row is
            # purged, but the sink will hold the record, so the notice must not overtake it.
            assert _withdraw(outbox_path, "lead-a") == (1, 1)
            deletions = deletions_path(received)
            await wait_for(lambda: len(read_jsonl(deletions)) == 1, 10, "the notice")
            await wait_for(lambda: outbox.depth() == (0, 0), 5, "an empty outbox")
    finally:
        await sink.stop(None)
    assert read_jsonl(received) == []
    ((notice),) = read_jsonl(deletions)
    assert (notice["record_id"], notice["held"]) == ("lead-a", True)


def _ledger_entry(record_id: str) -> LedgerEntry:
    """A small synthetic entry, as the servicer records it before accepting the record."""
    now = datetime.now(UTC)
    return LedgerEntry(
        record_id=record_id,
        kind="lead",
        owner="acme",
        data_category="lead_data",
        role="processor",
        legal_terms=("CCPA: service provider",),
        jurisdictions=("US-CA",),
        findings=(("US_SSN", 1),),
        removed=1,
        sensitive_categories=(("GOVERNMENT_ID", 1),),
        contains_child_data=False,
        policy_id="default",
        policy_version="1",
        engine_version="test",
        door="unary",
        received_at=now,
        retain_until=now + timedelta(days=120),
        delivery_status=DeliveryStatus.QUEUED,
    )


def _statuses(ledger: SqliteLedger) -> dict[str, str]:
    return {row.record_id: row.delivery_status for row in ledger.query(AuditQuery(owner="acme"))}


async def test_when_ledger_given_then_delivered_and_parked_records_are_marked(
    tmp_path: Path,
) -> None:
    received = tmp_path / "received.jsonl"
    sink, sink_port = await start_sink("127.0.0.1:0", received)
    ledger = SqliteLedger(tmp_path / "ledger.sqlite3")
    ledger.record([_ledger_entry(r) for r in ("lead-a", "lead-b", "lead-bad", "lead-later")])
    started = datetime.now(UTC)
    try:
        async with _deliverer(tmp_path / "outbox.sqlite3", f"127.0.0.1:{sink_port}", ledger) as (
            outbox,
            deliverer,
            _,
        ):
            _accept(outbox, deliverer, "lead-a")
            _accept(outbox, deliverer, "lead-bad", with_lead=False)  # refused for good
            _accept(outbox, deliverer, "lead-b")
            await wait_for(
                lambda: (
                    _statuses(ledger)
                    == {
                        "lead-a": "delivered",
                        "lead-b": "delivered",
                        "lead-bad": "parked",
                        "lead-later": "queued",  # not in the outbox: left alone
                    }
                ),
                10,
                "the ledger to follow delivery",
            )
            assert outbox.depth() == (0, 1)
    finally:
        await sink.stop(None)
    rows = {row.record_id: row for row in ledger.query(AuditQuery(owner="acme"))}
    delivered_at = rows["lead-a"].delivery_at
    assert delivered_at is not None and started <= delivered_at <= datetime.now(UTC)
    assert rows["lead-later"].delivery_at is None
    ledger.close()
    assert _ids(received) == Counter({"lead-a": 1, "lead-b": 1})


async def test_when_ledger_fails_then_delivery_carries_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    received = tmp_path / "received.jsonl"
    sink, sink_port = await start_sink("127.0.0.1:0", received)
    broken = SqliteLedger(tmp_path / "ledger.sqlite3")
    broken.close()  # every call now raises sqlite3.ProgrammingError
    try:
        async with _deliverer(tmp_path / "outbox.sqlite3", f"127.0.0.1:{sink_port}", broken) as (
            outbox,
            deliverer,
            _,
        ):
            for record_id in ("lead-a", "lead-b"):
                _accept(outbox, deliverer, record_id)
            await wait_for(lambda: len(read_jsonl(received)) == 2, 10, "both deliveries")
            await wait_for(lambda: outbox.depth() == (0, 0), 5, "an empty outbox")
            _accept(outbox, deliverer, "lead-c")
            await wait_for(lambda: len(read_jsonl(received)) == 3, 10, "a later delivery")
    finally:
        await sink.stop(None)
    assert _ids(received) == Counter({"lead-a": 1, "lead-b": 1, "lead-c": 1})
    failures = [
        r for r in caplog.records if r.getMessage() == "ledger delivery status not recorded"
    ]
    assert failures and {getattr(r, "error", None) for r in failures} == {"ProgrammingError"}


async def test_when_sink_returns_then_delivery_resumes_before_the_backoff_ends(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    """The soak saw delivery resume 10-16 s after a 10 s outage: the backoff ran on.

    With a 30 s backoff, the records must still reach the sink within a few seconds
    of its return: the deliverer watches the channel come back, not the clock.
    """
    slow_retry = replace(settings, retry_initial_seconds=30, retry_max_seconds=60)
    received = tmp_path / "received.jsonl"
    sink_port = free_port()
    outbox = tmp_path / "outbox.sqlite3"
    async with (
        delivering_gateway(slow_retry, redactor, outbox, f"127.0.0.1:{sink_port}") as (
            parts,
            metrics,
            _,
        ),
        grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        for number in range(5):  # the sink is not there yet
            await stub.RedactLead(_lead(number))
        await wait_for(
            lambda: metrics.delivery_failures.labels(code="UNAVAILABLE")._value.get() > 0,
            10,
            "a failed delivery attempt",
        )
        sink, _ = await start_sink(f"127.0.0.1:{sink_port}", received)
        try:
            await wait_for(lambda: len(_ids(received)) == 5, 10, "delivery once the sink is up")
        finally:
            await sink.stop(None)
