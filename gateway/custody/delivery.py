"""Deliver the outbox to the dialer sink: in order, with retries and backoff, exactly once.

The deliverer sends the oldest waiting record, and removes it from the outbox
only after the sink answers OK. What a failure does (gateway/custody/delivery_rules.py):

- the sink unreachable (no connection): the whole deliverer backs off, doubling up
  to ``retry_max_seconds``, and tries the same record again: order is kept;
- the sink answered, but not OK, with something retrying may fix (UNAVAILABLE,
  a quota, INTERNAL, ...): that record backs off on its own and the records after
  it go on, so one record never holds the queue; if the next one fails too, the
  sink fails everything: the deliverer backs off as well, and each record tried
  meanwhile waits until the next delivery releases it (at most ``retry_max_seconds``),
  so the deliverer works down the queue past several bad records. A quota or sink
  error blamed on the record MAX_STRIKES times parks it;
- retrying cannot fix it (INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, a
  message over a size limit, ...): parked at once with its reason, and counted.

Records over ``sink_max_message_bytes`` never wait: the Forwarder parks them when
they are accepted. A crash between the sink's OK and the removal sends the record
again after restart with the same revision, which the sink ignores: exactly once
by (owner, record id, revision). Order holds per record id (one waiting revision
each); across records, one backing off on its own arrives after later ones.

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
from gateway.custody.delivery_rules import (
    MAX_STRIKES,
    Action,
    Blame,
    ParkReason,
    judge,
    too_large_reason,
)
from gateway.custody.outbox import DeletionNoticeEntry, Outbox, OutboxEntry, Queue, RecordKind
from gateway.custody.status import Attempt, DeliveryStatus
from gateway.custody.store.protocol import LedgerStore
from gateway.rpc.metrics import GatewayMetrics

logger = logging.getLogger(__name__)

# grpc's default receive limit, so a stock sink takes what we send (sink_max_message_bytes).
DEFAULT_SINK_MAX_MESSAGE_BYTES = 4 * 1024 * 1024
BATCH = 64
COALESCE_SECONDS = 0.01
NOTICE_METRIC_KIND = "deletion"  # the ``deliveries`` counter's kind label for notices
_PROTO_KINDS = {
    "lead": sink_pb.RECORD_KIND_LEAD,
    "transcript": sink_pb.RECORD_KIND_TRANSCRIPT,
}
# The Delivery the deliverer adds to a stored request, at its largest (size checks).
_LATEST_TIMESTAMP = Timestamp(seconds=253_402_300_799, nanos=999_999_999)


SINK_RECONNECT_MAX_MS = 3000


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff between attempts while the sink fails: initial, doubling, capped, jittered."""

    initial_seconds: float
    max_seconds: float

    def delay(self, consecutive_failures: int) -> float:
        """Seconds to wait after the n-th failure in a row (n >= 1)."""
        doubled = self.initial_seconds * 2.0 ** (consecutive_failures - 1)
        return float(min(self.max_seconds, doubled) * random.uniform(0.5, 1.0))


@dataclass(frozen=True)
class _Decision:
    """What one failed attempt leads to (``Deliverer._decide``)."""

    outcome: Attempt  # PARKED, DEFERRED or RETRY
    reason: str = ""  # PARKED: the stored reason
    label: ParkReason | None = None  # PARKED: the metric's label
    retry_at: float = 0.0  # not sent again before (unix seconds); 0: next round
    strike: bool = False  # blamed on the record, toward parking it


def open_sink_channel(
    address: str, ca_file: str, max_message_bytes: int = DEFAULT_SINK_MAX_MESSAGE_BYTES
) -> grpc.aio.Channel:
    """A channel to the sink: TLS when a CA file is given, else plain (loopback, a pod).

    It sends nothing over ``max_message_bytes`` (sink_max_message_bytes): such a
    record fails at once, unsent, and is parked as too large.
    """
    options = [
        ("grpc.max_send_message_length", max_message_bytes),
        # Reconnect to a sink that went away within a few seconds of its return (grpc's
        # own default backs off to 120 s); the deliverer resumes as soon as it is READY.
        ("grpc.initial_reconnect_backoff_ms", 500),
        ("grpc.max_reconnect_backoff_ms", SINK_RECONNECT_MAX_MS),
    ]
    if ca_file:
        with open(ca_file, "rb") as ca:
            credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
        return grpc.aio.secure_channel(address, credentials, options=options)
    return grpc.aio.insecure_channel(address, options=options)


def delivery_size(payload: bytes, owner: str, record_id: str) -> int:
    """The largest a stored request grows to once the deliverer adds its ``delivery``."""
    envelope = sink_pb.Delivery(
        record_id=record_id,
        owner=owner,
        revision=2**63 - 1,
        accepted_at=_LATEST_TIMESTAMP,
        attempt=2**31 - 1,
    )
    # Field 1 of both request types: serialized messages concatenate as a merge.
    return len(payload) + sink_pb.DeliverLeadRequest(delivery=envelope).ByteSize()


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
        max_message_bytes: int = DEFAULT_SINK_MAX_MESSAGE_BYTES,
        max_strikes: int = MAX_STRIKES,
    ) -> None:
        """``ledger``: told when records are delivered or parked (None: no ledger).

        ``max_message_bytes``: the sink's limit (the channel's too), for the Forwarder.
        ``max_strikes``: failures blamed on a record (a quota, a sink error) before it parks.
        """
        self._outbox = outbox
        self._ledger = ledger
        self._idle_poll = idle_poll_seconds
        self._channel = channel
        self._stub = sink_grpc.DialerSinkServiceStub(channel)
        self._metrics = metrics
        self._retry = retry
        self._timeout = timeout_seconds
        self.max_message_bytes = max_message_bytes
        self._max_strikes = max_strikes
        self._blame = Blame()  # records
        self._notice_blame = Blame()  # deletion notices: their own queue
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def metrics(self) -> GatewayMetrics:
        """Where deliveries and parked records are counted (the Forwarder counts there too)."""
        return self._metrics

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
        entries, depth = await asyncio.to_thread(self._outbox.due_and_depth, BATCH)
        self._set_gauges(*depth)
        failures, retrying = await self._deliver_records(entries, failures)
        if retrying or self._stopping.is_set():
            return failures
        # Read after the records above: a withdrawn record sent this round precedes its notice.
        notices = await asyncio.to_thread(self._outbox.due_notices, BATCH)
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
                if outcome == Attempt.DELIVERED:
                    confirmed.append(entry.seq)
                    if released := self._blame.delivered():
                        await asyncio.to_thread(self._outbox.release, Queue.RECORDS, released)
                failures, backed_off = await self._after(outcome, failures)
                if backed_off:
                    return failures, True  # re-read the outbox: the due records first
        finally:
            # One transaction for the batch: fewer thread hops and fsyncs. A crash
            # before it only repeats deliveries the sink already holds (same revision).
            if confirmed:
                removed = set(
                    await asyncio.to_thread(self._outbox.delivered, Queue.RECORDS, confirmed)
                )
                # Only rows still there: a replaced or withdrawn row's entry is not queued.
                await self._report(
                    [e for e in entries if e.seq in removed], DeliveryStatus.DELIVERED
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
                if outcome == Attempt.DELIVERED:
                    confirmed.append(notice.notice_id)
                    if released := self._notice_blame.delivered():
                        await asyncio.to_thread(self._outbox.release, Queue.NOTICES, released)
                failures, backed_off = await self._after(outcome, failures)
                if backed_off:
                    return failures, True  # the due notices first next round
        finally:
            if confirmed:
                await asyncio.to_thread(self._outbox.delivered, Queue.NOTICES, confirmed)
        return failures, False

    async def _after(self, outcome: Attempt, failures: int) -> tuple[int, bool]:
        """Failures in a row after ``outcome``, and whether the deliverer backed off."""
        if outcome in (Attempt.DELIVERED, Attempt.PARKED):
            return 0, False
        failures += 1
        if outcome == Attempt.DEFERRED:  # the next record tells whether the sink works
            return failures, False
        if failures == 1:  # once per outage: the records wait, nothing is lost
            logger.warning("delivery to the sink failing; records wait in the outbox")
        await self._back_off(self._retry.delay(failures))
        return failures, True

    async def _back_off(self, seconds: float) -> None:
        """Wait ``seconds``, or less: until the sink's channel is READY again.

        An unreachable sink is retried on the channel's own reconnect schedule, so
        delivery resumes within moments of the sink's return, not a long backoff later.
        """
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        state = self._channel.get_state(try_to_connect=True)
        if state == grpc.ChannelConnectivity.READY:  # it answered, with an error
            await self._pause(seconds, interruptible=False)
            return
        while state != grpc.ChannelConnectivity.READY and not self._stopping.is_set():
            left = until - loop.time()
            if left <= 0:
                return
            change = asyncio.ensure_future(self._channel.wait_for_state_change(state))
            stop = asyncio.ensure_future(self._stopping.wait())
            await asyncio.wait([change, stop], timeout=left, return_when="FIRST_COMPLETED")
            for waiter in (change, stop):
                waiter.cancel()
            state = self._channel.get_state(try_to_connect=True)
        if state == grpc.ChannelConnectivity.READY:
            logger.info("sink reachable again; delivering the outbox")

    def _decide(
        self, error: grpc.aio.AioRpcError, blame: Blame, key: int, attempts: int, strikes: int
    ) -> _Decision:
        """What a failed attempt at one record (or notice) leads to; see the module doc."""
        code = error.code()
        verdict = judge(code, error.details())
        if verdict.action is Action.PARK:
            return _Decision(Attempt.PARKED, verdict.stored(), verdict.reason)
        connected = self._channel.get_state() == grpc.ChannelConnectivity.READY
        if verdict.action is Action.RETRY and not connected:
            return _Decision(
                Attempt.RETRY
            )  # the sink is unreachable: no record's fault, keep order
        if not blame.failed(key):
            # Not to blame, but tried: it waits for the next delivery to release it (or
            # the longest backoff), so the next round tries a record it has not tried.
            return _Decision(Attempt.RETRY, retry_at=time.time() + self._retry.max_seconds)
        if verdict.action is Action.STRIKE and strikes + 1 >= self._max_strikes:
            return _Decision(Attempt.PARKED, verdict.stored(self._max_strikes), verdict.reason)
        retry_at = time.time() + self._retry.delay(attempts + 1)
        return _Decision(
            Attempt.DEFERRED, retry_at=retry_at, strike=verdict.action is Action.STRIKE
        )

    async def _report(self, entries: Sequence[OutboxEntry], status: DeliveryStatus) -> None:
        """Move these rows' ledger entries to ``status``; a failure is logged, not raised."""
        rows = [(e.entry_id, (e.owner, e.kind, e.record_id)) for e in entries]
        await report_status(self._ledger, rows, status)

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

    async def _deliver(self, entry: OutboxEntry) -> Attempt:
        """One attempt: DELIVERED, PARKED, DEFERRED (it backs off alone) or RETRY (all do)."""
        try:
            await self._send(entry)
        except grpc.aio.AioRpcError as error:
            code = error.code()
            self._metrics.delivery_failures.labels(code=code.name).inc()
            decision = self._decide(error, self._blame, entry.seq, entry.attempts, entry.strikes)
            if decision.outcome == Attempt.PARKED:
                await self._park(entry, decision, code)
            else:
                await asyncio.to_thread(
                    self._outbox.failed_attempt,
                    Queue.RECORDS,
                    entry.seq,
                    code.name,
                    decision.retry_at,
                    decision.strike,
                )
            return decision.outcome
        self._metrics.deliveries.labels(kind=entry.kind).inc()
        return Attempt.DELIVERED

    async def _park(self, entry: OutboxEntry, decision: _Decision, code: grpc.StatusCode) -> None:
        parked = await asyncio.to_thread(
            self._outbox.park, Queue.RECORDS, entry.seq, decision.reason
        )
        logger.error(
            "sink refused a record; parked",
            extra={"code": code.name, "reason": str(decision.label), "kind": entry.kind},
        )
        if parked:  # else replaced or withdrawn meanwhile: its entry is not queued
            self._metrics.records_parked.labels(reason=str(decision.label)).inc()
            await self._report([entry], DeliveryStatus.PARKED)

    async def _send(self, entry: OutboxEntry) -> None:
        """Send one stored record with its delivery envelope; raises AioRpcError."""
        delivery = sink_pb.Delivery(
            record_id=entry.record_id,
            owner=entry.owner,
            revision=entry.seq,
            accepted_at=_timestamp(entry.accepted_at),
            attempt=entry.attempts + 1,
        )
        if entry.kind == "lead":
            lead_request = sink_pb.DeliverLeadRequest.FromString(entry.payload)
            lead_request.delivery.CopyFrom(delivery)
            await self._stub.DeliverLead(lead_request, timeout=self._timeout)
        else:
            call_request = sink_pb.DeliverTranscriptRequest.FromString(entry.payload)
            call_request.delivery.CopyFrom(delivery)
            await self._stub.DeliverTranscript(call_request, timeout=self._timeout)

    async def _deliver_notice(self, notice: DeletionNoticeEntry) -> Attempt:
        """One attempt at a deletion notice: DELIVERED, PARKED, DEFERRED or RETRY."""
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
            key = notice.notice_id
            decision = self._decide(error, self._notice_blame, key, notice.attempts, notice.strikes)
            if decision.outcome != Attempt.PARKED:
                await asyncio.to_thread(
                    self._outbox.failed_attempt,
                    Queue.NOTICES,
                    key,
                    code.name,
                    decision.retry_at,
                    decision.strike,
                )
                return decision.outcome
            await asyncio.to_thread(self._outbox.park, Queue.NOTICES, key, decision.reason)
            message = (
                "sink does not implement DeleteRecord; deletion notice parked"
                if code == grpc.StatusCode.UNIMPLEMENTED
                else "sink refused a deletion notice; parked"
            )
            logger.error(
                message,
                extra={"code": code.name, "reason": str(decision.label), "notice_id": key},
            )
            return Attempt.PARKED
        self._metrics.deliveries.labels(kind=NOTICE_METRIC_KIND).inc()
        return Attempt.DELIVERED


async def report_status(
    ledger: LedgerStore | None,
    rows: Sequence[tuple[int | None, tuple[str, RecordKind, str]]],
    status: DeliveryStatus,
) -> None:
    """Move the ledger entries of (entry id, (owner, kind, record id)) rows to ``status``.

    By entry id; a row accepted before the ledger existed has none, and goes by key.
    A failure is logged, not raised: a locked or full ledger must not hold up delivery.
    """
    if ledger is None or not rows:
        return
    ids = [entry_id for entry_id, _ in rows if entry_id is not None]
    keys = [key for entry_id, key in rows if entry_id is None]
    now = datetime.now(UTC)
    try:
        if ids:
            await asyncio.to_thread(ledger.set_entry_delivery_status, ids, status, now)
        if keys:
            await asyncio.to_thread(ledger.set_delivery_status, keys, status, now)
    except Exception as error:
        logger.error(
            "ledger delivery status not recorded",
            extra={"error": type(error).__name__, "status": status},
        )


def _timestamp(seconds: float) -> Timestamp:
    stamp = Timestamp()
    stamp.FromNanoseconds(int(seconds * 1e9))
    return stamp


class Forwarder:
    """What the servicer sees of delivery: accept a redacted record into the outbox.

    A record larger than the sink takes is parked at once, never queued: sent, it
    would only be refused (issue 15: a 4.75 MB call held every lead behind it).
    """

    def __init__(
        self,
        outbox: Outbox,
        deliverer: Deliverer | None,
        max_message_bytes: int | None = None,
        metrics: GatewayMetrics | None = None,
    ) -> None:
        """``deliverer`` None: another process delivers (it polls the shared outbox).

        ``max_message_bytes`` (sink_max_message_bytes) and ``metrics`` default to the
        deliverer's; without a deliverer, to grpc's default limit and no counting.
        """
        self._outbox = outbox
        self._deliverer = deliverer
        default_limit = deliverer.max_message_bytes if deliverer else DEFAULT_SINK_MAX_MESSAGE_BYTES
        self._limit = max_message_bytes or default_limit
        self._metrics = metrics or (deliverer.metrics if deliverer else None)

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
        size = delivery_size(payload, owner, record_id)
        too_large = too_large_reason(size, self._limit) if size > self._limit else None

        def accept() -> None:
            if ledger is not None:
                ledger.sync()  # the entry is on disk before its record is accepted
            if too_large is None:
                self._outbox.accept(kind, owner, record_id, payload, entry_id)
            else:
                self._outbox.accept_parked(kind, owner, record_id, payload, entry_id, too_large)
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
        if too_large is not None:
            await self._parked_at_once(kind, owner, record_id, entry_id, ledger, size)
        elif self._deliverer is not None:
            self._deliverer.wake()

    async def _parked_at_once(
        self,
        kind: RecordKind,
        owner: str,
        record_id: str,
        entry_id: int | None,
        ledger: LedgerStore | None,
        size: int,
    ) -> None:
        """Count, log (sizes, never contents) and record a record parked as too large."""
        if self._metrics is not None:
            self._metrics.records_parked.labels(reason=str(ParkReason.TOO_LARGE)).inc()
        logger.warning(
            "record too large for the sink; parked, not queued",
            extra={"kind": kind, "bytes": size, "limit": self._limit},
        )
        await report_status(ledger, [(entry_id, (owner, kind, record_id))], DeliveryStatus.PARKED)
