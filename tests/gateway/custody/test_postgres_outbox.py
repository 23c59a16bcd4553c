"""The PostgreSQL outbox as a fleet uses it: claims and leases, any replica delivers.

A real PostgreSQL server (``postgres_url``: a fresh database per test), a real example
sink over a real gRPC channel, and several handles on one outbox standing for replicas.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import grpc
import psycopg
import pytest

from examples.dialer_sink import start_sink
from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.cli import app as cli
from gateway.config import ConfigError, Settings
from gateway.custody.delivery import Deliverer, Forwarder, RetryPolicy
from gateway.custody.outbox import Queue
from gateway.custody.outbox_store import open_outbox
from gateway.custody.postgres_outbox import PostgresOutbox, without_password
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.server import delivery_parts
from gateway.rpc.sink import GrpcSink, open_sink_channel
from redaction import Redactor
from tests.assertions import assert_no_raw_values
from tests.builders import read_jsonl
from tests.gateway.serving import running_gateway, wait_for
from tests.synthetic import SSN

LEASE = 0.5  # seconds: short, so the tests see leases end


@pytest.fixture
def replicas(postgres_url: str) -> Iterator[list[PostgresOutbox]]:
    """Two handles on one PostgreSQL outbox, as two replicas of a fleet."""
    handles = [
        PostgresOutbox(postgres_url, 1000, lease_seconds=LEASE, replica=name)
        for name in ("replica-a", "replica-b")
    ]
    yield handles
    for handle in handles:
        handle.close()


def _payload(record_id: str) -> bytes:
    """An already redacted lead as the edge stores it (the deliverer adds ``delivery``)."""
    return sink_pb.DeliverLeadRequest(
        lead=pb.Lead(id=record_id, owner="acme", fields={"ssn": "<US_SSN>"}),
        tags=pb.RecordTags(owner="acme", policy_id="default"),
    ).SerializeToString()


def _ids(replica: PostgresOutbox) -> list[str]:
    return [e.record_id for e in replica.due_and_depth(100)[0]]


def test_when_one_replica_claims_rows_then_the_other_gets_them_only_after_the_lease(
    replicas: list[PostgresOutbox],
) -> None:
    a, b = replicas
    for record_id in ("l1", "l2", "l3"):
        a.accept("lead", "acme", record_id, b"x")
    assert [e.record_id for e in a.due_and_depth(2)[0]] == ["l1", "l2"]
    assert _ids(b) == ["l3"]
    assert _ids(a) == ["l1", "l2"], "a replica sees its own claims again, not another's"
    time.sleep(LEASE + 0.1)
    assert _ids(b) == ["l1", "l2", "l3"]
    assert _ids(a) == []


def test_when_rows_are_handed_back_or_settled_then_another_replica_takes_them_at_once(
    replicas: list[PostgresOutbox],
) -> None:
    a, b = replicas
    for record_id in ("l1", "l2", "l3"):
        a.accept("lead", "acme", record_id, b"x")
    first, second, third = a.due_and_depth(10)[0]
    a.unclaim(Queue.RECORDS, [first.seq])
    a.failed_attempt(Queue.RECORDS, second.seq, "UNAVAILABLE")
    assert a.park(Queue.RECORDS, third.seq, "refused: INVALID_ARGUMENT")
    assert [(e.record_id, e.attempts) for e in b.due_and_depth(10)[0]] == [("l1", 0), ("l2", 1)]
    assert b.depth() == (2, 1)


def test_when_notices_are_claimed_then_each_goes_to_one_replica(
    replicas: list[PostgresOutbox],
) -> None:
    a, b = replicas
    a.withdraw(
        [("lead", "acme", f"l{n}") for n in range(4)], notify=True, requested_at=1.0, reference=""
    )
    first = a.due_notices(2)
    second = b.due_notices(10)
    assert len(first) == len(second) == 2
    assert {n.notice_id for n in first}.isdisjoint(n.notice_id for n in second)
    a.delivered(Queue.NOTICES, [n.notice_id for n in first])
    time.sleep(LEASE + 0.1)
    assert [n.notice_id for n in a.due_notices(10)] == [n.notice_id for n in second]


def test_when_a_claimed_record_is_withdrawn_then_its_notice_waits_for_the_lease(
    replicas: list[PostgresOutbox],
) -> None:
    a, b = replicas
    a.accept("lead", "acme", "l1", b"x")
    a.accept("lead", "acme", "l2", b"x")
    (claimed, unsent), _ = a.due_and_depth(2)  # a is sending l1 (and has l2 in its batch)
    a.unclaim(Queue.RECORDS, [unsent.seq])
    assert b.withdraw(
        [("lead", "acme", "l1"), ("lead", "acme", "l2")],
        notify=True,
        requested_at=1.0,
        reference="",
    ) == (2, 2)
    assert [n.record_id for n in b.due_notices(10)] == ["l2"], "l1 may still be in flight"
    time.sleep(LEASE + 0.1)
    assert [n.record_id for n in b.due_notices(10)] == ["l1", "l2"]
    assert a.delivered(Queue.RECORDS, [claimed.seq]) == [], "withdrawn: no status to report"


def test_when_accepted_then_each_row_has_its_own_idempotency_key_kept_on_every_claim(
    replicas: list[PostgresOutbox],
) -> None:
    a, b = replicas
    a.accept("lead", "acme", "l1", b"old")
    a.accept("lead", "acme", "l1", b"new")  # a new revision: a new key
    b.accept("lead", "acme", "l2", b"x")
    entries = a.due_and_depth(10)[0]
    assert len({e.idempotency_key for e in entries}) == 2
    assert all(len(e.idempotency_key) == 32 for e in entries)
    time.sleep(LEASE + 0.1)
    assert [e.idempotency_key for e in b.due_and_depth(10)[0]] == [
        e.idempotency_key for e in entries
    ]


def test_when_url_cannot_be_reached_then_config_error_names_the_setting_not_the_password(
    tmp_path: Path,
) -> None:
    url = f"postgresql://leadgate:s3cret@/leadgate?host={tmp_path}&connect_timeout=1"
    with pytest.raises(ConfigError) as raised:
        PostgresOutbox(url, 10, connect_seconds=0.5)
    assert "outbox_url" in str(raised.value) and "s3cret" not in str(raised.value)
    assert without_password(url) in str(raised.value)


def test_when_outbox_url_is_postgresql_then_open_outbox_opens_it(postgres_url: str) -> None:
    outbox = open_outbox(Settings(outbox_url=postgres_url, outbox_max_records=7), lease_seconds=9)
    try:
        assert isinstance(outbox, PostgresOutbox)
        assert (outbox.max_records, outbox.lease_seconds) == (7, 9)
    finally:
        outbox.close()


# -- with a real sink over a real channel -------------------------------------------------


@asynccontextmanager
async def _sink(tmp_path: Path, delay_ms: int = 0) -> AsyncIterator[tuple[str, Path]]:
    """The example sink on a free loopback port; yields its address and output file."""
    received = tmp_path / "received.jsonl"
    server, port = await start_sink("127.0.0.1:0", received, delay_ms=delay_ms)
    try:
        yield f"127.0.0.1:{port}", received
    finally:
        await server.stop(None)


@asynccontextmanager
async def _replica(outbox: PostgresOutbox, address: str) -> AsyncIterator[Deliverer]:
    """A started deliverer on one replica's outbox handle; stopped (if still running) after."""
    channel = open_sink_channel(address, "")
    retry = RetryPolicy(initial_seconds=0.05, max_seconds=0.3)
    sink = GrpcSink(channel, timeout_seconds=5)
    deliverer = Deliverer(outbox, sink, GatewayMetrics(), retry, idle_poll_seconds=0.05)
    deliverer.start()
    try:
        yield deliverer
    finally:
        await deliverer.stop()
        await channel.close()


def _stored(received: Path) -> Counter[str]:
    return Counter(line["record_id"] for line in read_jsonl(received))


async def test_when_two_replicas_race_at_a_lease_boundary_then_the_sink_stores_one_record(
    replicas: list[PostgresOutbox], tmp_path: Path
) -> None:
    a, b = replicas
    a.accept("lead", "acme", "l1", _payload("l1"))
    (late,) = a.due_and_depth(10)[0]
    await asyncio.sleep(LEASE + 0.1)  # a was slow: its lease ended
    (taken,) = b.due_and_depth(10)[0]
    assert (taken.seq, taken.idempotency_key) == (late.seq, late.idempotency_key)
    async with _sink(tmp_path) as (address, received):
        async with grpc.aio.insecure_channel(address) as channel:
            sink = GrpcSink(channel, timeout_seconds=5)
            await asyncio.gather(sink.send(late), sink.send(taken))  # both send, at once
    lines = read_jsonl(received)
    assert len(lines) == 1 and lines[0]["idempotency_key"] == late.idempotency_key
    assert a.delivered(Queue.RECORDS, [late.seq]) == [late.seq]
    assert b.delivered(Queue.RECORDS, [taken.seq]) == []  # the other confirmation finds none


async def test_when_two_replicas_deliver_500_records_then_each_is_stored_once(
    replicas: list[PostgresOutbox], tmp_path: Path
) -> None:
    a, b = replicas
    for number in range(500):
        record_id = f"lead-{number:03d}"
        (a if number % 2 else b).accept("lead", "acme", record_id, _payload(record_id))
    async with _sink(tmp_path, delay_ms=1) as (address, received):
        async with _replica(a, address) as first, _replica(b, address) as second:
            await wait_for(lambda: len(_stored(received)) == 500, 60, "500 deliveries")
            await wait_for(lambda: a.depth() == (0, 0), 10, "an empty outbox")
    counts = _stored(received)
    assert set(counts.values()) == {1}, "each record stored once"
    delivered = [d.metrics.deliveries.labels(kind="lead")._value.get() for d in (first, second)]
    assert all(n > 0 for n in delivered), f"both replicas delivered: {delivered}"
    assert sum(delivered) >= 500


async def test_when_a_replica_dies_mid_delivery_then_the_other_delivers_the_rest_once(
    postgres_url: str, replicas: list[PostgresOutbox], tmp_path: Path
) -> None:
    _, survivor = replicas
    dying = PostgresOutbox(postgres_url, 1000, lease_seconds=2.0, replica="replica-dying")
    for number in range(500):
        record_id = f"lead-{number:03d}"
        survivor.accept("lead", "acme", record_id, _payload(record_id))
    async with _sink(tmp_path, delay_ms=5) as (address, received):
        channel = open_sink_channel(address, "")
        retry = RetryPolicy(initial_seconds=0.05, max_seconds=0.3)
        doomed = Deliverer(dying, GrpcSink(channel, 5), GatewayMetrics(), retry, 0.05)
        doomed.start()
        await wait_for(lambda: len(_stored(received)) >= 40, 30, "the first deliveries")
        (task,) = [t for t in asyncio.all_tasks() if t.get_name() == "leadgate-deliverer"]
        task.cancel()  # dies mid-batch: no hand-back, its claims run out with the lease
        await asyncio.gather(task, return_exceptions=True)
        await channel.close()
        dying.close()
        with psycopg.connect(postgres_url) as db:
            held, lease_end = db.execute(
                "SELECT count(*), max(lease_until) FROM outbox WHERE claimed_by = 'replica-dying'"
                " AND lease_until > extract(epoch FROM clock_timestamp())"
            ).fetchone() or (0, None)
        assert held > 0, "it died holding claims"
        async with _replica(survivor, address):
            await wait_for(lambda: len(_stored(received)) == 500, 60, "the other 460-odd")
            await wait_for(lambda: survivor.depth() == (0, 0), 10, "an empty outbox")
        assert time.time() >= lease_end, "its claims went to the survivor once they ran out"
    counts = _stored(received)
    assert len(counts) == 500 and set(counts.values()) == {1}, "each record stored once"


def test_when_outbox_url_is_postgresql_then_outbox_commands_list_and_retry_the_fleet(
    replicas: list[PostgresOutbox],
    postgres_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b = replicas
    a.park(Queue.RECORDS, a.accept("lead", "acme", "l1", b"CONTENT-7731"), "refused: x")
    b.accept("lead", "acme", "l2", b"x", None, "too_large: 9 bytes > 4")  # another replica's
    config = tmp_path / "leadgate.toml"
    config.write_text(f'sink_address = "127.0.0.1:1"\noutbox_url = "{postgres_url}"\n')

    assert cli.main(["--config", str(config), "outbox", "parked", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["record_id"], p["reason"]) for p in listed] == [
        ("l1", "refused"),
        ("l2", "too_large"),
    ]
    assert cli.main(["--config", str(config), "outbox", "retry", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "2 parked record(s) moved back to waiting" in out and "CONTENT" not in out
    assert a.depth() == (2, 0)


async def test_when_a_slow_sink_outlasts_half_a_lease_then_replicas_never_send_a_row_twice(
    postgres_url: str, tmp_path: Path
) -> None:
    # 150 ms a delivery, a 0.4 s lease: a batch of 8 would outlast it. Each replica stops
    # starting attempts at half its lease and claims again, so no claim runs out mid-batch.
    short = [PostgresOutbox(postgres_url, 100, lease_seconds=0.4, replica=name) for name in "ab"]
    for number in range(8):
        short[0].accept("lead", "acme", f"l{number}", _payload(f"l{number}"))
    try:
        async with _sink(tmp_path, delay_ms=150) as (address, received):
            async with _replica(short[0], address) as a, _replica(short[1], address) as b:
                await wait_for(lambda: short[0].depth() == (0, 0), 30, "8 deliveries")
        sent = [d.metrics.deliveries.labels(kind="lead")._value.get() for d in (a, b)]
        assert sum(sent) == 8, f"no row sent twice: {sent}"
        assert _stored(received) == Counter({f"l{n}": 1 for n in range(8)})
    finally:
        for handle in short:
            handle.close()


async def test_when_two_gateways_share_a_postgresql_outbox_then_leads_to_either_arrive_once(
    settings: Settings, redactor: Redactor, postgres_url: str, tmp_path: Path
) -> None:
    async with _sink(tmp_path) as (address, received):
        fleet = replace(
            settings,
            outbox_url=postgres_url,
            sink_address=address,
            retry_initial_seconds=0.05,
            retry_max_seconds=0.3,
        )
        async with contextlib.AsyncExitStack() as stack:
            stubs = []
            for _ in range(2):  # two replicas, wired as serve() wires one
                metrics = GatewayMetrics()
                outbox, deliverer, channel = delivery_parts(fleet, metrics, idle_poll_seconds=0.05)
                assert isinstance(outbox, PostgresOutbox) and deliverer and channel
                stack.callback(outbox.close)
                stack.push_async_callback(channel.close)
                stack.push_async_callback(deliverer.stop)
                deliverer.start()
                forwarder = Forwarder(outbox, deliverer, fleet.sink_max_message_bytes, metrics)
                parts = await stack.enter_async_context(
                    running_gateway(fleet, redactor, metrics, forwarder)
                )
                gateway = await stack.enter_async_context(
                    grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}")
                )
                stubs.append(service_grpc.LeadGatewayServiceStub(gateway))
            for number in range(40):
                lead = pb.Lead(id=f"lead-{number:02d}", owner="acme", fields={"ssn": SSN})
                response = await stubs[number % 2].RedactLead(
                    service_pb.RedactLeadRequest(lead=lead)
                )
                assert response.lead.fields["ssn"] == "<US_SSN>"
            await wait_for(lambda: len(_stored(received)) == 40, 30, "40 deliveries")
    lines = read_jsonl(received)
    assert len(lines) == 40 and len({line["idempotency_key"] for line in lines}) == 40
    assert_no_raw_values(received.read_text(), [SSN])


def test_when_replicas_work_at_once_then_the_kept_counts_match_the_rows(
    replicas: list[PostgresOutbox], postgres_url: str
) -> None:
    def work(replica: PostgresOutbox, part: int) -> None:
        for number in range(60):
            record_id = f"l{number % 25}"  # replaced, withdrawn and parked under each other
            seq = replica.accept("lead", "acme", record_id, b"x")
            if number % 5 == part:
                replica.park(Queue.RECORDS, seq, "refused: x")
            if number % 7 == part:
                replica.withdraw(
                    [("lead", "acme", record_id)], notify=False, requested_at=1.0, reference=""
                )
            if number % 3 == part:
                entries, _ = replica.due_and_depth(4)
                replica.delivered(Queue.RECORDS, [e.seq for e in entries])

    threads = [
        threading.Thread(target=work, args=(replica, part))
        for part, replica in enumerate(replicas * 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with psycopg.connect(postgres_url) as db:
        rows = db.execute(
            "SELECT count(*) FILTER (WHERE NOT parked), count(*) FILTER (WHERE parked) FROM outbox"
        ).fetchone()
    assert rows is not None and rows[0] + rows[1] > 0
    assert replicas[0].depth() == replicas[1].depth() == (rows[0], rows[1])
