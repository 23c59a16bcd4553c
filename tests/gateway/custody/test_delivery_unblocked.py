"""One record never holds the delivery queue (issue 15): too large, refused, or stuck.

A fake dialer sink on loopback refuses chosen record ids with chosen status codes;
the deliverer must park what retrying cannot fix (with a reason, never contents),
back off alone what it may fix, and keep delivering everything else.
"""

from __future__ import annotations

import asyncio
import math
import random
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest

from examples.dialer_sink import start_sink
from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import dialer_sink_pb2_grpc as sink_grpc
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import ConfigError, Settings, load_settings
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.delivery import Deliverer, Forwarder, RetryPolicy
from gateway.custody.entry import LedgerEntry
from gateway.custody.outbox import Outbox, Queue
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.custody.writer import LedgerWriter
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.sink import DEFAULT_SINK_MAX_MESSAGE_BYTES, GrpcSink, open_sink_channel, parcel_of
from redaction import Redactor
from tests.builders import free_port, read_jsonl
from tests.gateway.serving import running_gateway, wait_for

# Part of the standing adversarial suite: `pytest -m adversarial`.
pytestmark = pytest.mark.adversarial


C = grpc.StatusCode
SMALL_LIMIT = 4096
FAST_RETRY = RetryPolicy(initial_seconds=0.05, max_seconds=0.3)
# Synthetic filler: the size matters, not the words.
LONG_NOTES = "The caller asked about the family plan and a later start date. " * 100


class _Sink(sink_grpc.DialerSinkServiceServicer):
    """A fake dialer sink: takes every record but those in ``refusals`` (id -> code, text)."""

    def __init__(self, refusals: dict[str, tuple[grpc.StatusCode, str]] | None = None) -> None:
        self.refusals = dict(refusals or {})
        self.stored: list[str] = []
        self.tries: Counter[str] = Counter()

    async def DeliverLead(  # noqa: N802 (the proto's name)
        self, request: sink_pb.DeliverLeadRequest, context: grpc.aio.ServicerContext
    ) -> sink_pb.DeliverLeadResponse:
        await self._take(request.delivery.record_id, context)
        return sink_pb.DeliverLeadResponse()

    async def DeliverTranscript(  # noqa: N802 (the proto's name)
        self, request: sink_pb.DeliverTranscriptRequest, context: grpc.aio.ServicerContext
    ) -> sink_pb.DeliverTranscriptResponse:
        await self._take(request.delivery.record_id, context)
        return sink_pb.DeliverTranscriptResponse()

    async def DeleteRecord(  # noqa: N802 (the proto's name)
        self, request: sink_pb.DeleteRecordRequest, context: grpc.aio.ServicerContext
    ) -> sink_pb.DeleteRecordResponse:
        await self._take(f"notice:{request.record_id}", context)
        return sink_pb.DeleteRecordResponse()

    async def _take(self, record_id: str, context: grpc.aio.ServicerContext) -> None:
        self.tries[record_id] += 1
        if record_id in self.refusals:
            code, text = self.refusals[record_id]
            await context.abort(code, text)
        self.stored.append(record_id)


@asynccontextmanager
async def _serving(servicer: _Sink, max_receive: int | None = None) -> AsyncIterator[str]:
    """The sink on a loopback port (``max_receive``: its message limit); yields its address."""
    options = [("grpc.max_receive_message_length", max_receive)] if max_receive else []
    server = grpc.aio.server(options=options)
    sink_grpc.add_DialerSinkServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        await server.stop(None)


@asynccontextmanager
async def _delivering(
    outbox_path: Path,
    address: str,
    max_message_bytes: int = DEFAULT_SINK_MAX_MESSAGE_BYTES,
    ledger: SqliteLedger | None = None,
    max_strikes: int | None = None,
    retry: RetryPolicy = FAST_RETRY,
) -> AsyncIterator[tuple[Outbox, Deliverer, GatewayMetrics]]:
    """A started deliverer wired as a lone gateway wires it (server.delivery_parts)."""
    outbox = Outbox(outbox_path, 100)
    channel = open_sink_channel(address, "", max_message_bytes)
    metrics = GatewayMetrics()
    extra = {} if max_strikes is None else {"max_strikes": max_strikes}
    deliverer = Deliverer(
        outbox,
        GrpcSink(channel, timeout_seconds=5),
        metrics,
        retry,
        idle_poll_seconds=0.05,
        ledger=ledger,
        **extra,
    )
    deliverer.start()
    try:
        yield outbox, deliverer, metrics
    finally:
        await deliverer.stop()
        await channel.close()
        outbox.close()


def _request(record_id: str, notes: str = "") -> sink_pb.DeliverLeadRequest:
    """An already redacted lead as the servicer hands it over (the deliverer adds ``delivery``)."""
    fields = {"first_name": "Test", "ssn": "<US_SSN>"}
    if notes:
        fields["notes"] = notes
    return sink_pb.DeliverLeadRequest(
        lead=pb.Lead(id=record_id, owner="acme", fields=fields),
        tags=pb.RecordTags(owner="acme", policy_id="default"),
    )


def _accept(outbox: Outbox, deliverer: Deliverer, record_id: str, notes: str = "") -> None:
    outbox.accept("lead", "acme", record_id, _request(record_id, notes).SerializeToString())
    deliverer.wake()


def _parked(outbox: Outbox) -> list[tuple[str, str]]:
    """(record id, reason code) of each parked record."""
    return [(p.record_id, p.reason.split(":", 1)[0]) for p in outbox.parked()]


def _parked_count(metrics: GatewayMetrics, reason: str) -> float:
    return float(metrics.records_parked.labels(reason=reason)._value.get())


# -- refused as too large by the sink ------------------------------------------------------


async def test_when_sink_refuses_a_record_as_too_large_then_it_is_parked_and_later_ones_flow(
    tmp_path: Path,
) -> None:
    sink = _Sink()
    async with (
        _serving(sink, max_receive=SMALL_LIMIT) as address,
        _delivering(tmp_path / "outbox.sqlite3", address) as (outbox, deliverer, metrics),
    ):
        _accept(outbox, deliverer, "lead-a")
        _accept(outbox, deliverer, "lead-big", notes=LONG_NOTES)
        for record_id in ("lead-c", "lead-d"):
            _accept(outbox, deliverer, record_id)
        await wait_for(lambda: len(sink.stored) == 3, 10, "the three records that fit")
        await wait_for(lambda: outbox.depth() == (0, 1), 5, "the big record parked")
        (parked,) = outbox.parked()
        assert _parked_count(metrics, "too_large") == 1
        # One attempt: the sink's grpc layer refused it before any handler saw it.
        failures = metrics.delivery_failures.labels(code="RESOURCE_EXHAUSTED")._value.get()
        assert failures == 1, "parked at once, not retried"
    assert sink.stored == ["lead-a", "lead-c", "lead-d"]
    assert parked.record_id == "lead-big" and parked.kind == "lead" and parked.owner == "acme"
    assert re.fullmatch(
        r"too_large: RESOURCE_EXHAUSTED: larger than the sink's message limit"
        r" \(\d+ vs\. 4096 bytes\)",
        parked.reason,
    ), parked.reason
    assert "family plan" not in parked.reason


# -- which status codes park and which retry ------------------------------------------------

PARKS = "parks"
RETRIES = "retries"


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        # Parked at once, with a reason code.
        (C.INVALID_ARGUMENT, "campaign unknown", "refused"),
        (C.FAILED_PRECONDITION, "owner not onboarded", "refused"),
        (C.OUT_OF_RANGE, "date out of range", "refused"),
        (C.PERMISSION_DENIED, "not your owner", "refused"),
        (C.UNIMPLEMENTED, "no leads here", "unimplemented"),
        (C.RESOURCE_EXHAUSTED, "Received message larger than max (9000 vs. 4096)", "too_large"),
        # Retried (backing off on its own) while the records after it go on.
        (C.RESOURCE_EXHAUSTED, "quota exceeded", RETRIES),
        (C.INTERNAL, "boom", RETRIES),
        (C.UNKNOWN, "boom", RETRIES),
        (C.UNAVAILABLE, "try later", RETRIES),
        (C.DEADLINE_EXCEEDED, "too slow", RETRIES),
        (C.ABORTED, "conflict", RETRIES),
    ],
)
async def test_when_sink_refuses_one_record_with_code_then_parked_or_retried_by_table(
    tmp_path: Path, code: grpc.StatusCode, text: str, expected: str
) -> None:
    sink = _Sink({"lead-b": (code, text)})
    async with (
        _serving(sink) as address,
        _delivering(tmp_path / "outbox.sqlite3", address) as (outbox, deliverer, metrics),
    ):
        for record_id in ("lead-a", "lead-b", "lead-c"):
            _accept(outbox, deliverer, record_id)
        await wait_for(lambda: sink.stored == ["lead-a", "lead-c"], 10, "the records around it")
        if expected == RETRIES:
            assert outbox.depth() == (1, 0), "still waiting, not parked"
            await wait_for(lambda: sink.tries["lead-b"] >= 3, 10, "more attempts at lead-b")
            assert outbox.depth() == (1, 0)
            (waiting,) = outbox.due_and_depth(10, math.inf)[0]
            assert waiting.attempts >= 2
            del sink.refusals["lead-b"]  # the sink takes it now
            await wait_for(lambda: "lead-b" in sink.stored, 10, "lead-b at last")
            await wait_for(lambda: outbox.depth() == (0, 0), 5, "an empty outbox")
        else:
            await wait_for(lambda: outbox.depth() == (0, 1), 5, "lead-b parked")
            assert _parked(outbox) == [("lead-b", expected)]
            assert _parked_count(metrics, expected) == 1
            assert sink.tries["lead-b"] == 1
            assert text not in outbox.parked()[0].reason, "the sink's own words are not stored"


# -- stuck records do not hold the queue -----------------------------------------------------


async def test_when_one_record_is_refused_retryably_forever_then_the_rest_are_delivered(
    tmp_path: Path,
) -> None:
    sink = _Sink({"lead-b": (C.UNAVAILABLE, "overloaded shard")})
    async with (
        _serving(sink) as address,
        _delivering(tmp_path / "outbox.sqlite3", address) as (outbox, deliverer, _),
    ):
        for record_id in ("lead-a", "lead-b", "lead-c", "lead-d"):
            _accept(outbox, deliverer, record_id)
        await wait_for(lambda: len(sink.stored) == 3, 10, "the records around lead-b")
        await wait_for(lambda: sink.tries["lead-b"] >= 4, 10, "lead-b retried")
        for record_id in ("lead-e", "lead-f"):  # arriving while lead-b is still stuck
            _accept(outbox, deliverer, record_id)
        await wait_for(lambda: len(sink.stored) == 5, 10, "the records accepted later")
        # The sink stores before it answers: the outbox drops a record once the answer is in.
        await wait_for(lambda: outbox.depth() == (1, 0), 10, "delivered records out of the outbox")
        assert outbox.parked() == []
        (stuck,) = outbox.due_and_depth(10, math.inf)[0]
    assert sink.stored == ["lead-a", "lead-c", "lead-d", "lead-e", "lead-f"]
    assert stuck.record_id == "lead-b" and stuck.attempts >= 4


@pytest.mark.parametrize("backoff", ["growing", "at_its_cap"])
async def test_when_two_records_in_a_row_keep_failing_then_the_records_after_them_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backoff: str
) -> None:
    retry = FAST_RETRY
    if backoff == "at_its_cap":
        # Every backoff as long as a stuck record's wait: each of the two is due again
        # whenever the deliverer re-reads (they took turns forever; CI caught it once).
        retry = RetryPolicy(initial_seconds=0.3, max_seconds=0.3)
        monkeypatch.setattr(random, "uniform", lambda low, high: high)
    refusal = (C.UNAVAILABLE, "overloaded shard")
    sink = _Sink({"lead-b": refusal, "lead-c": refusal})
    async with (
        _serving(sink) as address,
        _delivering(tmp_path / "outbox.sqlite3", address, retry=retry) as (outbox, deliverer, _),
    ):
        for record_id in ("lead-a", "lead-b", "lead-c", "lead-d", "lead-e"):
            _accept(outbox, deliverer, record_id)
        await wait_for(lambda: len(sink.stored) == 3, 10, "the records around them")
        # The sink stores before it answers: the outbox drops a record once the answer is in.
        await wait_for(lambda: outbox.depth() == (2, 0), 10, "delivered records out of the outbox")
    assert sink.stored == ["lead-a", "lead-d", "lead-e"]


async def test_when_a_quota_refusal_outlasts_the_strikes_then_parked_while_others_flow(
    tmp_path: Path,
) -> None:
    sink = _Sink({"lead-q": (C.RESOURCE_EXHAUSTED, "quota exceeded for campaign")})
    async with (
        _serving(sink) as address,
        _delivering(tmp_path / "outbox.sqlite3", address, max_strikes=3) as (
            outbox,
            deliverer,
            metrics,
        ),
    ):
        _accept(outbox, deliverer, "lead-q")

        async def traffic() -> None:  # other records keep arriving and going through
            for number in range(200):
                _accept(outbox, deliverer, f"lead-{number:03d}")
                await asyncio.sleep(0.05)

        feeder = asyncio.create_task(traffic())
        try:
            await wait_for(lambda: outbox.depth()[1] == 1, 20, "lead-q parked")
        finally:
            feeder.cancel()
        (parked,) = outbox.parked()
        # Counted right after the park commits, on the deliverer's task.
        await wait_for(lambda: _parked_count(metrics, "quota") == 1, 5, "the parked count")
    assert parked.record_id == "lead-q"
    assert parked.reason == "quota: RESOURCE_EXHAUSTED from the sink 3 times"
    assert sink.tries["lead-q"] >= 3 and "lead-q" not in sink.stored


async def test_when_one_deletion_notice_keeps_failing_then_the_notices_after_it_go(
    tmp_path: Path,
) -> None:
    sink = _Sink({"notice:lead-x": (C.UNAVAILABLE, "overloaded shard")})
    async with (
        _serving(sink) as address,
        _delivering(tmp_path / "outbox.sqlite3", address) as (outbox, deliverer, _),
    ):
        outbox.withdraw(
            [("lead", "acme", r) for r in ("lead-w", "lead-x", "lead-y", "lead-z")],
            notify=True,
            requested_at=1_714_566_600.0,
            reference="TICKET-1",
        )
        deliverer.wake()
        await wait_for(lambda: len(sink.stored) == 3, 10, "the notices around lead-x")
        await wait_for(lambda: sink.tries["notice:lead-x"] >= 3, 10, "lead-x's notice retried")
        assert outbox.depth(Queue.NOTICES) == (1, 0)
    assert sink.stored == ["notice:lead-w", "notice:lead-y", "notice:lead-z"]


async def test_when_the_sink_is_unreachable_then_records_wait_and_go_in_order(
    tmp_path: Path,
) -> None:
    received = tmp_path / "received.jsonl"
    port = free_port()  # nothing listens yet: the sink is down
    async with _delivering(tmp_path / "outbox.sqlite3", f"127.0.0.1:{port}") as (
        outbox,
        deliverer,
        metrics,
    ):
        for number in range(6):
            _accept(outbox, deliverer, f"lead-{number}")
        await wait_for(
            lambda: metrics.delivery_failures.labels(code="UNAVAILABLE")._value.get() >= 3,
            10,
            "failed attempts while the sink is down",
        )
        assert outbox.parked() == []
        sink, _ = await start_sink(f"127.0.0.1:{port}", received)
        try:
            await wait_for(lambda: len(read_jsonl(received)) == 6, 10, "delivery once it is up")
        finally:
            await sink.stop(None)
    assert [line["record_id"] for line in read_jsonl(received)] == [f"lead-{n}" for n in range(6)]


# -- too large for the sink: parked before it is queued --------------------------------------


def _ledger_entry(record_id: str, kind: str = "lead") -> LedgerEntry:
    now = datetime.now(UTC)
    return LedgerEntry(
        record_id=record_id,
        kind=kind,  # type: ignore[arg-type]
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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteLedger]:
    ledger = SqliteLedger(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.close()


async def test_when_record_is_over_sink_max_message_bytes_then_parked_before_queueing(
    tmp_path: Path, store: SqliteLedger
) -> None:
    sink = _Sink()
    big_id, small_id = store.record([_ledger_entry("lead-big"), _ledger_entry("lead-small")])
    async with (
        _serving(sink) as address,
        _delivering(tmp_path / "outbox.sqlite3", address, SMALL_LIMIT, store) as (
            outbox,
            deliverer,
            metrics,
        ),
    ):
        forwarder = Forwarder(outbox, deliverer, SMALL_LIMIT)
        big = _request("lead-big", notes=LONG_NOTES)
        await forwarder.accept(parcel_of(big), big_id, store)
        # At once, before any delivery: never waiting.
        assert outbox.depth() == (0, 1) and outbox.due_and_depth(10, math.inf)[0] == []
        (parked,) = outbox.parked()
        assert _parked_count(metrics, "too_large") == 1
        assert _statuses(store)["lead-big"] == DeliveryStatus.PARKED
        await forwarder.accept(parcel_of(_request("lead-small")), small_id, store)
        await wait_for(lambda: sink.stored == ["lead-small"], 10, "the small record")
        await wait_for(lambda: _statuses(store)["lead-small"] == "delivered", 5, "its status")
    assert sink.tries["lead-big"] == 0, "never sent"
    match = re.fullmatch(r"too_large: too large for the sink: (\d+) bytes > 4096", parked.reason)
    assert match is not None, parked.reason
    assert int(match[1]) > len(big.SerializeToString()), "counts the delivery envelope too"
    assert parked.size == len(big.SerializeToString())
    assert _statuses(store)["lead-big"] == DeliveryStatus.PARKED


async def test_when_outbox_holds_a_record_over_the_channel_limit_then_parked_unsent(
    tmp_path: Path,
) -> None:
    """Accepted before the limit was lowered: the sink channel's own send limit parks it."""
    sink = _Sink()
    async with (
        _serving(sink) as address,
        _delivering(tmp_path / "outbox.sqlite3", address, SMALL_LIMIT) as (
            outbox,
            deliverer,
            metrics,
        ),
    ):
        _accept(outbox, deliverer, "lead-big", notes=LONG_NOTES)
        _accept(outbox, deliverer, "lead-c")
        await wait_for(lambda: sink.stored == ["lead-c"], 10, "the record after it")
        await wait_for(lambda: outbox.depth() == (0, 1), 5, "the big record parked")
        (parked,) = outbox.parked()
        assert _parked_count(metrics, "too_large") == 1
    assert sink.tries["lead-big"] == 0
    assert parked.reason.startswith("too_large: RESOURCE_EXHAUSTED: larger than")
    assert "sink_max_message_bytes" in parked.reason


async def test_when_a_live_call_and_a_lead_are_too_large_then_answered_and_parked(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    """The issue's reproduction, scaled down: a long call went back, then blocked the sink."""
    sink = _Sink()
    store = SqliteLedger(tmp_path / "ledger.sqlite3", "NORMAL")
    writer = LedgerWriter(store, ConsumerIndex(b"\x01" * 32))
    try:
        async with (
            _serving(sink) as address,
            _delivering(tmp_path / "outbox.sqlite3", address, SMALL_LIMIT, store) as (
                outbox,
                deliverer,
                metrics,
            ),
        ):
            forwarder = Forwarder(outbox, deliverer, SMALL_LIMIT)
            async with (
                running_gateway(settings, redactor, metrics, forwarder, writer) as parts,
                grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
            ):
                stub = service_grpc.LeadGatewayServiceStub(channel)

                async def call() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
                    yield service_pb.StreamTranscriptRequest(
                        start=service_pb.StreamStart(call_id="call-long", owner="acme")
                    )
                    for _ in range(120):
                        yield service_pb.StreamTranscriptRequest(
                            segment=pb.TranscriptSegment(
                                text="we talked about the family plan and the start date"
                            )
                        )

                responses = [r async for r in stub.StreamTranscript(call())]
                assert responses[-1].HasField("summary")
                lead = pb.Lead(id="lead-long", owner="acme", fields={"notes": LONG_NOTES})
                await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
                small = pb.Lead(id="lead-small", owner="acme", fields={"first_name": "Dana"})
                await stub.RedactLead(service_pb.RedactLeadRequest(lead=small))
                await wait_for(lambda: sink.stored == ["lead-small"], 10, "the small lead")
                assert sorted(_parked(outbox)) == [
                    ("call-long", "too_large"),
                    ("lead-long", "too_large"),
                ]
                assert _parked_count(metrics, "too_large") == 2
            await wait_for(lambda: _statuses(store)["lead-small"] == "delivered", 5, "delivered")
        statuses = _statuses(store)
    finally:
        writer.close()
    assert statuses == {
        "call-long": DeliveryStatus.PARKED,
        "lead-long": DeliveryStatus.PARKED,
        "lead-small": "delivered",
    }
    assert sink.tries["call-long"] == 0 and sink.tries["lead-long"] == 0


# -- the setting ------------------------------------------------------------------------------


def test_when_defaults_then_sink_limit_is_grpcs_default_receive_limit() -> None:
    assert Settings().sink_max_message_bytes == 4 * 1024 * 1024 == DEFAULT_SINK_MAX_MESSAGE_BYTES


def test_when_sink_limit_set_from_environment_then_used_and_checked(tmp_path: Path) -> None:
    environ = {"LEADGATE_SINK_MAX_MESSAGE_BYTES": "65536"}
    assert load_settings(None, environ=environ).sink_max_message_bytes == 65536
    with pytest.raises(ConfigError, match="sink_max_message_bytes"):
        load_settings(None, environ={"LEADGATE_SINK_MAX_MESSAGE_BYTES": "0"})


async def test_when_server_wires_delivery_then_the_setting_reaches_forwarder_and_channel(
    tmp_path: Path, settings: Settings
) -> None:
    from gateway.rpc.server import close_delivery, delivery_parts

    sink = _Sink()
    async with _serving(sink) as address:
        configured = replace(
            settings,
            sink_address=address,
            outbox_path=str(tmp_path / "outbox.sqlite3"),
            sink_max_message_bytes=SMALL_LIMIT,
        )
        outbox, deliverer, channel = delivery_parts(configured, GatewayMetrics(), 0.05)
        assert outbox is not None and deliverer is not None
        deliverer.start()
        try:
            forwarder = Forwarder(outbox, deliverer, SMALL_LIMIT)
            await forwarder.accept(parcel_of(_request("lead-big", LONG_NOTES)))
            assert _parked(outbox) == [("lead-big", "too_large")]
            assert outbox.parked()[0].reason.endswith(f"> {SMALL_LIMIT}")
            # Stored before the limit existed: the channel's send limit stops it unsent.
            _accept(outbox, deliverer, "lead-old-big", notes=LONG_NOTES)
            _accept(outbox, deliverer, "lead-small")
            await wait_for(lambda: sink.stored == ["lead-small"], 10, "the small lead")
            await wait_for(lambda: len(outbox.parked()) == 2, 5, "both big ones parked")
        finally:
            await close_delivery(deliverer, outbox, channel, None)
    assert sink.tries["lead-big"] == sink.tries["lead-old-big"] == 0
