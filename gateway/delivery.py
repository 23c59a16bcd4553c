"""Deliver the outbox to the dialer sink: in order, with retries and backoff, exactly once.

The deliverer sends the oldest waiting record, and removes it from the outbox
only after the sink answers OK. A retryable failure (the sink down, slow or busy)
backs the whole deliverer off, doubling up to ``retry_max_seconds``, and then tries
the same record again; a refusal the sink will repeat (INVALID_ARGUMENT, ...)
parks that record and moves on. A crash between the sink's OK and the removal
sends the record again after restart with the same revision, which the sink
ignores: exactly once by (owner, record id, revision).

Each round then sends the waiting deletion notices (DeleteRecord), read after the
round's records so a record sent in the round reaches the sink before its notice;
they follow the same retry, backoff and park rules (a sink without DeleteRecord
answers UNIMPLEMENTED, which parks the notice at once). With a ledger, delivered and
parked records move their ledger entries on; the ledger failing never stops delivery.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import dialer_sink_pb2_grpc as sink_grpc
from gateway.ledger import entry as ledger_status
from gateway.ledger.store import LedgerStore
from gateway.metrics import GatewayMetrics
from gateway.outbox import DeletionNoticeEntry, Outbox, OutboxEntry, RecordKind

logger = logging.getLogger(__name__)

# The sink is down or busy: retried without end (the record is fine).
RETRYABLE = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.ABORTED,
        grpc.StatusCode.CANCELLED,
    }
)
# The sink failed on this record, or on everything (a bug, a rotated credential):
# retried, but parked after MAX_UNCERTAIN_ATTEMPTS so one record cannot block the rest.
UNCERTAIN = frozenset(
    {grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.UNAUTHENTICATED}
)
MAX_UNCERTAIN_ATTEMPTS = 10
DELIVERED, RETRY, PARKED = "delivered", "retry", "parked"
BATCH = 64
COALESCE_SECONDS = 0.01
NOTICE_METRIC_KIND = "deletion"  # the ``deliveries`` counter's kind label for notices
_PROTO_KINDS = {
    "lead": sink_pb.RECORD_KIND_LEAD,
    "transcript": sink_pb.RECORD_KIND_TRANSCRIPT,
}
"""(owner, kind, record_id), as the ledger names a record."""


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff between attempts while the sink fails: initial, doubling, capped, jittered."""

    initial_seconds: float
    max_seconds: float

    def delay(self, consecutive_failures: int) -> float:
        """Seconds to wait after the n-th failure in a row (n >= 1)."""
        doubled = self.initial_seconds * 2.0 ** (consecutive_failures - 1)
        return float(min(self.max_seconds, doubled) * random.uniform(0.5, 1.0))


def open_sink_channel(address: str, ca_file: str) -> grpc.aio.Channel:
    """A channel to the sink: TLS when a CA file is given, else plain (loopback, a pod)."""
    if ca_file:
        with open(ca_file, "rb") as ca:
            credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
        return grpc.aio.secure_channel(address, credentials)
    return grpc.aio.insecure_channel(address)


class Deliverer:
    """The background task that drains the outbox into a DialerSinkService."""

    def __init__(
        self,
        outbox: Outbox,
        channel: grpc.aio.Channel,
        metrics: GatewayMetrics,
        retry: RetryPolicy,
        timeout_seconds: float,
        idle_poll_seconds: float = 1.0,
        ledger: LedgerStore | None = None,
    ) -> None:
        """``ledger``: told when records are delivered or parked (None: no ledger)."""
        self._outbox = outbox
        self._ledger = ledger
        self._idle_poll = idle_poll_seconds
        self._stub = sink_grpc.DialerSinkServiceStub(channel)
        self._metrics = metrics
        self._retry = retry
        self._timeout = timeout_seconds
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start delivering (what is already waiting goes first: resume after restart)."""
        self._task = asyncio.create_task(self._run(), name="leadgate-deliverer")

    def wake(self) -> None:
        """A record was accepted: deliver now rather than at the next poll."""
        self._wake.set()

    async def stop(self) -> None:
        """Finish the attempt in flight, then stop; waiting records stay in the outbox."""
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            await self._task

    async def refresh_gauges(self) -> tuple[int, int]:
        """Read the outbox depth into the metrics; returns (waiting, parked)."""
        waiting, parked = await asyncio.to_thread(self._outbox.depth)
        self._set_gauges(waiting, parked)
        return waiting, parked

    async def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                failures = await self._round(failures)
            except Exception as error:  # a locked database, a corrupt payload: never die
                failures += 1
                logger.error("delivery round failed", extra={"error": type(error).__name__})
                await self._pause(self._retry.delay(failures), interruptible=False)

    async def _round(self, failures: int) -> int:
        """Deliver one batch of records, then of notices, in order; returns failures in a row."""
        self._wake.clear()
        entries, depth = await asyncio.to_thread(self._outbox.waiting_and_depth, BATCH)
        self._set_gauges(*depth)
        failures, retrying = await self._deliver_records(entries, failures)
        if retrying or self._stopping.is_set():
            return failures
        # Read after the records above: a withdrawn record sent this round precedes its notice.
        notices = await asyncio.to_thread(self._outbox.waiting_notices, BATCH)
        if not entries and not notices:
            await self._pause(self._idle_poll)
            return failures
        failures, retrying = await self._deliver_notices(notices, failures)
        if retrying or self._stopping.is_set():
            return failures
        if len(entries) < BATCH and len(notices) < BATCH:
            await asyncio.sleep(COALESCE_SECONDS)  # let a few more records gather
        return failures

    async def _deliver_records(self, entries: list[OutboxEntry], failures: int) -> tuple[int, bool]:
        """Send records in order; returns (failures in a row, whether it backed off)."""
        confirmed: list[int] = []
        try:
            for entry in entries:
                if self._stopping.is_set():
                    break
                outcome = await self._deliver(entry)
                if outcome == DELIVERED:
                    confirmed.append(entry.seq)
                if outcome in (DELIVERED, PARKED):
                    failures = 0
                    continue
                failures += 1
                await self._pause(self._retry.delay(failures), interruptible=False)
                return failures, True  # re-read the outbox: the same record first
        finally:
            # One transaction for the batch: fewer thread hops and fsyncs. A crash
            # before it only repeats deliveries the sink already holds (same revision).
            if confirmed:
                removed = set(await asyncio.to_thread(self._outbox.delivered_many, confirmed))
                # Only rows still there: a replaced or withdrawn row's entry is not queued.
                await self._report(
                    [e for e in entries if e.seq in removed], ledger_status.DELIVERED
                )
        return failures, False

    async def _deliver_notices(
        self, notices: list[DeletionNoticeEntry], failures: int
    ) -> tuple[int, bool]:
        """Send deletion notices in order; returns (failures in a row, whether it backed off)."""
        confirmed: list[int] = []
        try:
            for notice in notices:
                if self._stopping.is_set():
                    break
                outcome = await self._deliver_notice(notice)
                if outcome == DELIVERED:
                    confirmed.append(notice.notice_id)
                if outcome in (DELIVERED, PARKED):
                    failures = 0
                    continue
                failures += 1
                await self._pause(self._retry.delay(failures), interruptible=False)
                return failures, True  # the same notice first next round
        finally:
            if confirmed:
                await asyncio.to_thread(self._outbox.notice_delivered, confirmed)
        return failures, False

    async def _report(self, entries: Sequence[OutboxEntry], status: str) -> None:
        """Move these rows' ledger entries to ``status``; a failure is logged, not raised.

        By entry id; a row accepted before the ledger existed has none, and goes by key.
        """
        if self._ledger is None or not entries:
            return
        ids = [e.entry_id for e in entries if e.entry_id is not None]
        keys = [(e.owner, e.kind, e.record_id) for e in entries if e.entry_id is None]
        now = datetime.now(UTC)
        try:
            if ids:
                await asyncio.to_thread(self._ledger.set_entry_delivery_status, ids, status, now)
            if keys:
                await asyncio.to_thread(self._ledger.set_delivery_status, keys, status, now)
        except Exception as error:  # a locked or full ledger must not hold up delivery
            logger.error(
                "ledger delivery status not recorded",
                extra={"error": type(error).__name__, "status": status},
            )

    def _set_gauges(self, waiting: int, parked: int) -> None:
        self._metrics.outbox_depth.set(waiting)
        self._metrics.outbox_parked.set(parked)

    async def _pause(self, seconds: float, interruptible: bool = True) -> None:
        """Sleep, cut short by stop() and, if interruptible, by a new record."""
        waiters = [asyncio.ensure_future(self._stopping.wait())]
        if interruptible:
            waiters.append(asyncio.ensure_future(self._wake.wait()))
        _done, pending = await asyncio.wait(waiters, timeout=seconds, return_when="FIRST_COMPLETED")
        for waiter in pending:
            waiter.cancel()

    async def _deliver(self, entry: OutboxEntry) -> str:
        """One attempt: DELIVERED, RETRY (the sink is down or failing) or PARKED."""
        delivery = sink_pb.Delivery(
            record_id=entry.record_id,
            owner=entry.owner,
            revision=entry.seq,
            accepted_at=_timestamp(entry.accepted_at),
            attempt=entry.attempts + 1,
        )
        try:
            if entry.kind == "lead":
                lead_request = sink_pb.DeliverLeadRequest.FromString(entry.payload)
                lead_request.delivery.CopyFrom(delivery)
                await self._stub.DeliverLead(lead_request, timeout=self._timeout)
            else:
                call_request = sink_pb.DeliverTranscriptRequest.FromString(entry.payload)
                call_request.delivery.CopyFrom(delivery)
                await self._stub.DeliverTranscript(call_request, timeout=self._timeout)
        except grpc.aio.AioRpcError as error:
            code = error.code()
            self._metrics.delivery_failures.labels(code=code.name).inc()
            uncertain = code in UNCERTAIN and entry.attempts + 1 < MAX_UNCERTAIN_ATTEMPTS
            if code in RETRYABLE or uncertain:
                await asyncio.to_thread(self._outbox.failed_attempt, entry.seq, code.name)
                return RETRY
            parked = await asyncio.to_thread(self._outbox.park, entry.seq, code.name)
            logger.error("sink refused a record; parked", extra={"code": code.name})
            if parked:  # else replaced or withdrawn meanwhile: its entry is not queued
                await self._report([entry], ledger_status.PARKED)
            return PARKED
        self._metrics.deliveries.labels(kind=entry.kind).inc()
        return DELIVERED

    async def _deliver_notice(self, notice: DeletionNoticeEntry) -> str:
        """One attempt at a deletion notice: DELIVERED, RETRY or PARKED."""
        request = sink_pb.DeleteRecordRequest(
            notice_id=notice.notice_id,
            record_id=notice.record_id,
            owner=notice.owner,
            kind=_PROTO_KINDS[notice.kind],
            requested_at=_timestamp(notice.requested_at),
            reference=notice.reference,
            attempt=notice.attempts + 1,
        )
        try:
            await self._stub.DeleteRecord(request, timeout=self._timeout)
        except grpc.aio.AioRpcError as error:
            code = error.code()
            self._metrics.delivery_failures.labels(code=code.name).inc()
            uncertain = code in UNCERTAIN and notice.attempts + 1 < MAX_UNCERTAIN_ATTEMPTS
            if code in RETRYABLE or uncertain:
                await asyncio.to_thread(
                    self._outbox.notice_failed_attempt, notice.notice_id, code.name
                )
                return RETRY
            await asyncio.to_thread(self._outbox.park_notice, notice.notice_id, code.name)
            message = (
                "sink does not implement DeleteRecord; deletion notice parked"
                if code == grpc.StatusCode.UNIMPLEMENTED
                else "sink refused a deletion notice; parked"
            )
            logger.error(message, extra={"code": code.name, "notice_id": notice.notice_id})
            return PARKED
        self._metrics.deliveries.labels(kind=NOTICE_METRIC_KIND).inc()
        return DELIVERED


def _timestamp(seconds: float) -> Timestamp:
    stamp = Timestamp()
    stamp.FromNanoseconds(int(seconds * 1e9))
    return stamp


class Forwarder:
    """What the servicer sees of delivery: accept a redacted record into the outbox."""

    def __init__(self, outbox: Outbox, deliverer: Deliverer | None) -> None:
        """``deliverer`` None: another process delivers (it polls the shared outbox)."""
        self._outbox = outbox
        self._deliverer = deliverer

    async def has_room(self) -> bool:
        """Whether a record would be accepted now (checked before a stream starts)."""
        return await asyncio.to_thread(self._outbox.has_room)

    async def accept_lead(
        self,
        request: sink_pb.DeliverLeadRequest,
        entry_id: int | None = None,
        ledger: LedgerStore | None = None,
    ) -> None:
        """Store a redacted lead durably; raises OutboxFullError when full."""
        lead = request.lead
        await self._accept("lead", lead.owner, lead.id, request, entry_id, ledger)

    async def accept_transcript(
        self,
        request: sink_pb.DeliverTranscriptRequest,
        entry_id: int | None = None,
        ledger: LedgerStore | None = None,
    ) -> None:
        """Store a redacted call durably; raises OutboxFullError when full."""
        call = request.transcript
        await self._accept("transcript", call.owner, call.id, request, entry_id, ledger)

    async def _accept(
        self,
        kind: RecordKind,
        owner: str,
        record_id: str,
        request: sink_pb.DeliverLeadRequest | sink_pb.DeliverTranscriptRequest,
        entry_id: int | None,
        ledger: LedgerStore | None,
    ) -> None:
        payload = request.SerializeToString()

        def accept() -> None:
            if ledger is not None:
                ledger.sync()  # the entry is on disk before its record is accepted
            self._outbox.accept(kind, owner, record_id, payload, entry_id)
            # A consumer's deletion (`leadgate rights delete`, another process) may have
            # closed the entry between its commit and this accept: withdraw and notify,
            # as the deletion itself would have.
            if entry_id is not None and ledger is not None and not ledger.is_active(entry_id):
                self._outbox.withdraw(
                    [(kind, owner, record_id)],
                    notify=True,
                    requested_at=time.time(),
                    reference="",
                )

        await asyncio.to_thread(accept)
        if self._deliverer is not None:
            self._deliverer.wake()
