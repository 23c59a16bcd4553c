"""The ledger through the real server: every door records, nothing raw is stored, rights work.

Each test starts a real gateway on loopback with a real SQLite ledger and calls
it through a real channel; the values sent are synthetic (Faker, generated
checksums), and the ledger's files are scanned byte by byte for every one.
"""

from __future__ import annotations

import asyncio
import math
import sqlite3
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from faker import Faker

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from gateway.custody import rights
from gateway.custody.consumer_index import ConsumerIndex, normalize_email, normalize_phone
from gateway.custody.retention import RetentionSweeper, sweep
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery, LedgerRow
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.custody.writer import LedgerWriter
from redaction import Redactor
from tests.builders import ROOT, free_port, read_jsonl, wait_serving
from tests.gateway.serving import delivering_gateway, running_gateway, wait_for
from tests.synthetic import SSN, VISA

SECRET = bytes(range(100, 132))


class Consumer:
    """One synthetic consumer's values, as a dialer would send them."""

    def __init__(self, fake: Faker) -> None:
        self.first = fake.first_name()
        self.last = fake.last_name()
        self.street = fake.street_address()
        self.city = fake.city()
        self.phone = fake.numerify("(2##) 5##-####")
        self.email = fake.unique.email()

    def fields(self) -> dict[str, str]:
        return {
            "first_name": self.first,
            "last_name": self.last,
            "address": self.street,
            "city": self.city,
            "phone": self.phone,
            "email": self.email,
            "ssn": SSN,
            "notes": f"paid with card {VISA}; diagnosed with diabetes",
            "state": "CA",
        }

    def values(self) -> list[str]:
        """Every value sent (but the state: the jurisdiction is recorded by design)."""
        fields = self.fields()
        del fields["state"]
        raw = [*fields.values(), SSN.replace("-", ""), VISA]
        normalized = [normalize_phone(self.phone), normalize_email(self.email)]
        return raw + [v for v in normalized if v] + [self.first.lower(), self.email.upper()]


@pytest.fixture
def fake() -> Faker:
    Faker.seed(4711)
    return Faker("en_US")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[LedgerWriter]:
    store = SqliteLedger(tmp_path / "ledger" / "ledger.sqlite3", "NORMAL")  # the default
    writer = LedgerWriter(store, ConsumerIndex(SECRET))
    yield writer
    writer.close()


@pytest.fixture
async def stub(
    settings: Settings, redactor: Redactor, ledger: LedgerWriter
) -> AsyncIterator[service_grpc.LeadGatewayServiceStub]:
    async with running_gateway(settings, redactor, ledger=ledger) as parts:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            yield service_grpc.LeadGatewayServiceStub(channel)


def _lead(record_id: str, owner: str, consumer: Consumer) -> pb.Lead:
    return pb.Lead(id=record_id, owner=owner, campaign_id="spring", fields=consumer.fields())


def _rows(ledger: LedgerWriter, query: AuditQuery | None = None) -> list[LedgerRow]:
    return list(ledger.store.query(query or AuditQuery()))


def _ledger_bytes(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file())


async def _stream_call(
    stub: service_grpc.LeadGatewayServiceStub, call_id: str, texts: list[str]
) -> None:
    async def requests() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
        yield service_pb.StreamTranscriptRequest(
            start=service_pb.StreamStart(call_id=call_id, owner="acme", consumer_state="TX")
        )
        for text in texts:
            yield service_pb.StreamTranscriptRequest(
                segment=pb.TranscriptSegment(speaker=pb.SPEAKER_CUSTOMER, text=text)
            )

    async for _ in stub.StreamTranscript(requests()):
        pass


async def test_every_door_records_its_entry_with_tags_and_counts_and_never_a_value(
    stub: service_grpc.LeadGatewayServiceStub,
    ledger: LedgerWriter,
    fake: Faker,
    tmp_path: Path,
) -> None:
    people = [Consumer(fake) for _ in range(4)]
    await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead("L-1", "acme", people[0])))

    async def bulk() -> AsyncIterator[service_pb.RedactLeadsRequest]:
        for n, person in enumerate(people[1:3], start=2):
            yield service_pb.RedactLeadsRequest(lead=_lead(f"L-{n}", "acme", person))

    assert len([r async for r in stub.RedactLeads(bulk())]) == 2
    said = [
        f"my name is {people[3].first} {people[3].last}",
        f"social is {SSN} and my email is {people[3].email}",
    ]
    await stub.RedactTranscript(
        service_pb.RedactTranscriptRequest(
            transcript=pb.Transcript(
                id="C-1",
                owner="acme",
                consumer_state="CA",
                segments=[pb.TranscriptSegment(text=t) for t in said],
            )
        )
    )
    await _stream_call(stub, "C-2", said)

    rows = {row.record_id: row for row in _rows(ledger)}
    assert set(rows) == {"L-1", "L-2", "L-3", "C-1", "C-2"}
    doors = {k: (rows[k].kind, rows[k].door) for k in rows}
    assert doors == {
        "L-1": ("lead", "unary"),
        "L-2": ("lead", "stream"),
        "L-3": ("lead", "stream"),
        "C-1": ("transcript", "unary"),
        "C-2": ("transcript", "stream"),
    }
    lead = rows["L-1"]
    assert (lead.owner, lead.data_category, lead.role) == ("acme", "LEAD_DATA", "PROCESSOR")
    assert lead.legal_terms == ("CCPA: service provider",)
    assert lead.jurisdictions == ("US-CA",)
    assert lead.findings["US_SSN"] >= 1 and lead.findings["CREDIT_CARD"] >= 1
    assert lead.sensitive_categories["GOVERNMENT_ID"] >= 1
    assert lead.sensitive_categories["HEALTH"] >= 1
    assert lead.removed >= 3
    assert (lead.policy_id, lead.policy_version, lead.engine_version) == ("default", "1", "0.1.0")
    assert lead.retain_until - lead.received_at == timedelta(days=120)
    assert abs(lead.received_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert {row.delivery_status for row in rows.values()} == {DeliveryStatus.RETURNED}
    assert rows["C-2"].data_category == "DATA_ENHANCEMENT"
    assert rows["C-2"].jurisdictions == ("US-TX",)
    assert rows["C-2"].legal_terms == ("TDPSA: processor",)
    assert rows["C-2"].findings["US_SSN"] == 1

    ledger_dir = tmp_path / "ledger"
    raw = _ledger_bytes(ledger_dir)  # with the WAL, before it is folded in
    ledger.close()
    raw += _ledger_bytes(ledger_dir)
    sent = [value for person in people for value in person.values()] + said
    leaked = [value for value in sent if value.encode() in raw]
    assert leaked == [], f"{len(leaked)} sent values are in the ledger's files"
    ledger.store = SqliteLedger(ledger_dir / "ledger.sqlite3")  # for the fixture's close


async def test_lookup_finds_a_consumers_records_by_phone_and_by_email_and_not_another_owners(
    stub: service_grpc.LeadGatewayServiceStub, ledger: LedgerWriter, fake: Faker
) -> None:
    dana, other = Consumer(fake), Consumer(fake)
    for record_id, owner, person in [
        ("A-1", "acme", dana),
        ("A-2", "acme", other),
        ("A-3", "acme", dana),
        ("G-1", "globex", dana),
    ]:
        await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead(record_id, owner, person)))
    index = ConsumerIndex(SECRET)
    spoken_phone = "+1 " + dana.phone.replace("(", "").replace(")", "").replace("-", ".")
    for phones, emails in [([spoken_phone], []), ([], [dana.email.upper()])]:
        ids = rights.consumer_identifiers(index, "acme", phones, emails)
        found = rights.lookup(ledger.store, "acme", ids)
        assert [e.record_id for e in found.entries] == ["A-1", "A-3"]
        assert all(e.received_at <= datetime.now(UTC) for e in found.entries)
    globex = rights.lookup(
        ledger.store, "globex", rights.consumer_identifiers(index, "globex", [dana.phone], [])
    )
    assert [e.record_id for e in globex.entries] == ["G-1"]
    nobody = rights.consumer_identifiers(index, "acme", ["(212) 555-0100"], [])
    assert rights.lookup(ledger.store, "acme", nobody).entries == []


class _BrokenLedger(SqliteLedger):
    """A ledger whose disk fails: every write raises, as a full disk would."""

    def record(self, entries: object) -> list[int]:
        raise sqlite3.OperationalError("database or disk is full")


async def test_a_ledger_that_cannot_record_fails_the_call_closed(
    settings: Settings, redactor: Redactor, tmp_path: Path, fake: Faker
) -> None:
    broken = LedgerWriter(_BrokenLedger(tmp_path / "broken.sqlite3"), ConsumerIndex(SECRET))
    person = Consumer(fake)
    try:
        async with running_gateway(settings, redactor, ledger=broken) as parts:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
                stub = service_grpc.LeadGatewayServiceStub(channel)
                with pytest.raises(grpc.aio.AioRpcError) as refused:
                    await stub.RedactLead(
                        service_pb.RedactLeadRequest(lead=_lead("L-1", "acme", person))
                    )
    finally:
        broken.close()
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "ledger" in (refused.value.details() or "")
    assert not any(value in (refused.value.details() or "") for value in person.values())


async def test_delivery_status_moves_from_queued_to_delivered(
    settings: Settings, redactor: Redactor, ledger: LedgerWriter, tmp_path: Path, fake: Faker
) -> None:
    from examples.dialer_sink import start_sink

    sink, sink_port = await start_sink("127.0.0.1:0", tmp_path / "sink.jsonl")
    try:
        async with delivering_gateway(
            settings, redactor, tmp_path / "outbox.sqlite3", f"127.0.0.1:{sink_port}", ledger
        ) as (parts, _, _outbox):
            async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
                stub = service_grpc.LeadGatewayServiceStub(channel)
                for n in range(3):
                    await stub.RedactLead(
                        service_pb.RedactLeadRequest(lead=_lead(f"L-{n}", "acme", Consumer(fake)))
                    )
            await wait_for(
                lambda: {r.delivery_status for r in _rows(ledger)} == {DeliveryStatus.DELIVERED},
                10,
                "the ledger to say delivered",
            )
    finally:
        await sink.stop(None)
    assert all(r.delivery_at is not None for r in _rows(ledger))


async def test_sweep_purges_held_records_past_retention_and_keeps_tombstones(
    settings: Settings, redactor: Redactor, ledger: LedgerWriter, tmp_path: Path, fake: Faker
) -> None:
    nowhere = "127.0.0.1:9"  # no sink listens: records stay in the outbox
    async with delivering_gateway(
        settings, redactor, tmp_path / "outbox.sqlite3", nowhere, ledger
    ) as (parts, _, outbox):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            people = [Consumer(fake) for _ in range(3)]
            for n, person in enumerate(people):
                await stub.RedactLead(
                    service_pb.RedactLeadRequest(lead=_lead(f"L-{n}", "acme", person))
                )
        assert outbox.depth()[0] == 3
        assert {r.delivery_status for r in _rows(ledger)} == {DeliveryStatus.QUEUED}
        assert sweep(ledger.store, outbox).expired == 0  # nothing is due yet
        later = datetime.now(UTC) + timedelta(days=121)
        result = sweep(ledger.store, outbox, later)
        assert (result.expired, result.outbox_purged) == (3, 3)
        assert outbox.depth() == (0, 0)
    rows = _rows(ledger)
    assert [(r.record_id, r.owner, r.status) for r in rows] == [
        (f"L-{n}", "acme", "expired") for n in range(3)
    ]
    for row in rows:
        assert row.retain_until < later
        # Stamped with the real time of the sweep, not the --as-of time.
        assert row.closed_at is not None and row.closed_at <= datetime.now(UTC)
        assert (row.findings, row.sensitive_categories, row.door) == ({}, {}, "")
    index = ConsumerIndex(SECRET)
    for person in people:  # the index went with the detail
        ids = rights.consumer_identifiers(index, "acme", [person.phone], [person.email])
        assert rights.lookup(ledger.store, "acme", ids).entries == []


async def test_the_servers_sweeper_expires_entries_on_its_interval(
    ledger: LedgerWriter, tmp_path: Path, fake: Faker
) -> None:
    from tests.gateway.custody.test_sqlite_store import entry

    old = datetime.now(UTC) - timedelta(days=200)
    ledger.store.record(
        [
            entry("OLD", received=old),
            replace(entry("NEW"), retain_until=datetime.now(UTC) + timedelta(days=1)),
        ]
    )
    sweeper = RetentionSweeper(ledger.store, None, interval_seconds=0.05)
    sweeper.start()
    try:
        await wait_for(
            lambda: [r.status for r in _rows(ledger)] == ["expired", "active"], 5, "the sweep"
        )
    finally:
        await sweeper.stop()


async def test_deletion_purges_what_is_held_notifies_the_sink_and_is_recorded(
    settings: Settings, redactor: Redactor, ledger: LedgerWriter, tmp_path: Path, fake: Faker
) -> None:

    from examples.dialer_sink import deletions_path, start_sink

    sink_port = free_port()
    received = tmp_path / "sink.jsonl"
    fast = replace(settings, retry_initial_seconds=0.05, retry_max_seconds=0.2)
    dana, other = Consumer(fake), Consumer(fake)
    sink, _ = await start_sink(f"127.0.0.1:{sink_port}", received)
    async with delivering_gateway(
        fast, redactor, tmp_path / "outbox.sqlite3", f"127.0.0.1:{sink_port}", ledger
    ) as (parts, _, outbox):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            for record_id, person in [("A-1", dana), ("A-2", other)]:
                await stub.RedactLead(
                    service_pb.RedactLeadRequest(lead=_lead(record_id, "acme", person))
                )
            await wait_for(lambda: len(read_jsonl(received)) == 2, 10, "the first deliveries")
            await sink.stop(None)  # the dialer goes away: the next lead waits in the outbox
            await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead("A-3", "acme", dana)))
            assert outbox.depth()[0] == 1

            ids = rights.consumer_identifiers(ConsumerIndex(SECRET), "acme", [dana.phone], [])
            request, closed = rights.delete(ledger.store, outbox, "acme", ids, "REQ-1")
            assert sorted(e.record_id for e in closed) == ["A-1", "A-3"]
            assert (request.records, request.outbox_purged, request.notices) == (2, 1, 2)
            assert outbox.depth()[0] == 0  # A-3 will never be delivered

            sink, _ = await start_sink(f"127.0.0.1:{sink_port}", received)
            notices = deletions_path(received)
            await wait_for(lambda: len(read_jsonl(notices)) == 2, 10, "both deletion notices")
    await sink.stop(None)
    held = {line["record_id"]: line["held"] for line in read_jsonl(notices)}
    # A-1 was delivered. A-3's attempt may have been in flight when it was withdrawn (gRPC
    # retries it on the restarted sink): then its notice, sent after it, deletes it there.
    assert set(held) == {"A-1", "A-3"} and held["A-1"] is True
    assert {line["reference"] for line in read_jsonl(notices)} == {"REQ-1"}
    assert [line["record_id"] for line in read_jsonl(received)] == ["A-2"]
    assert rights.lookup(ledger.store, "acme", ids).entries == []
    [recorded] = ledger.store.deletion_requests("acme", ids.digests)
    assert recorded.request_id == request.request_id and recorded.reference == "REQ-1"
    statuses = {r.record_id: r.status for r in _rows(ledger)}
    assert statuses == {"A-1": "deleted", "A-2": "active", "A-3": "deleted"}


async def test_a_live_call_cut_off_after_segments_went_back_is_still_recorded(
    stub: service_grpc.LeadGatewayServiceStub, ledger: LedgerWriter
) -> None:
    async def requests() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
        yield service_pb.StreamTranscriptRequest(
            start=service_pb.StreamStart(call_id="C-cut", owner="acme")
        )
        yield service_pb.StreamTranscriptRequest(
            segment=pb.TranscriptSegment(text=f"my social is {SSN} thanks")
        )
        await asyncio.sleep(30)  # the caller hangs up before ending the stream

    call = stub.StreamTranscript(requests())
    first = await call.read()
    assert first.segment.segment.text == "my social is <US_SSN> thanks"
    # On disk before the first redacted segment came back, as an open call.
    [opened] = _rows(ledger)
    assert (opened.record_id, opened.delivery_status) == ("C-cut", DeliveryStatus.OPEN)
    call.cancel()
    # The handler parked at the next request is closed when grpc lets go of it, which
    # took over 5 s once in a full `make test` (passes alone); the rule tested is that
    # the entry is recorded at all, so the wait is generous.
    await wait_for(
        lambda: _rows(ledger)[0].delivery_status == DeliveryStatus.RETURNED,
        20,
        "the cut-off call's entry",
    )
    [row] = _rows(ledger)
    assert (row.record_id, row.door, row.delivery_status) == (
        "C-cut",
        "stream",
        DeliveryStatus.RETURNED,
    )
    assert row.findings == {"US_SSN": 1}


async def test_a_record_accepted_after_its_consumer_was_deleted_withdraws_itself(
    tmp_path: Path, ledger: LedgerWriter
) -> None:
    from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
    from gateway.custody.delivery import Forwarder
    from gateway.custody.outbox import Outbox
    from gateway.rpc.sink import DEFAULT_SINK_MAX_MESSAGE_BYTES, parcel_of
    from tests.gateway.custody.test_sqlite_store import entry

    outbox = Outbox(tmp_path / "outbox.sqlite3", 10)
    try:
        key = ("phone", b"\x07" * 32)
        [entry_id] = ledger.store.record([replace(entry("R-1"), consumer_keys=(key,))])
        # `leadgate rights delete` (another process) closes the entry before the accept.
        ledger.store.delete_consumer("acme", [key[1]], ["phone"], [entry_id], "", T_NOW, 0, 1)
        request = sink_pb.DeliverLeadRequest(lead=pb.Lead(id="R-1", owner="acme"))
        forwarder = Forwarder(outbox, None, DEFAULT_SINK_MAX_MESSAGE_BYTES)
        await forwarder.accept(parcel_of(request), entry_id, ledger.store)
        assert outbox.depth() == (0, 0)
        assert [(n.record_id, n.owner) for n in outbox.due_notices(10, math.inf)] == [
            ("R-1", "acme")
        ]
    finally:
        outbox.close()


T_NOW = datetime.now(UTC)


@pytest.mark.slow
async def test_every_answered_call_is_in_the_ledger_after_the_gateway_is_killed(
    tmp_path: Path, fake: Faker
) -> None:
    import os
    import signal
    import subprocess
    import sys

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env |= {
        "LEADGATE_PORT": str(port),
        "LEADGATE_METRICS_PORT": "0",
        "LEADGATE_LEDGER_PATH": str(tmp_path / "ledger.sqlite3"),
        "LEADGATE_LOG_LEVEL": "ERROR",
    }
    process = subprocess.Popen([sys.executable, "-m", "gateway", "serve"], cwd=ROOT, env=env)
    answered: list[str] = []
    try:
        await wait_serving(f"127.0.0.1:{port}", 60, process)
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            for n in range(20):
                lead = _lead(f"K-{n}", "acme", Consumer(fake))
                await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
                answered.append(f"K-{n}")
    finally:
        process.send_signal(signal.SIGKILL)  # no shutdown, no checkpoint
        process.wait(timeout=30)
    store = SqliteLedger(tmp_path / "ledger.sqlite3")
    try:
        assert [r.record_id for r in store.query(AuditQuery())] == answered
    finally:
        store.close()
