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

A fleet sharing a PostgreSQL outbox runs one deliverer per replica: each round
claims its rows for the outbox's lease (gateway/custody/postgres_outbox.py), starts
no attempt past half of it (a later round claims again), and hands back the rows it
did not attempt, so another replica need not wait for the lease. A replica that dies
keeps its claims until they expire; a sink sees a repeat by the idempotency key.

No transport here: the deliverer sends through a ``Sink`` (gateway/rpc/sink.py is the
gRPC one), and the outbox holds opaque payloads the edge serialized.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from gateway.custody.delivery_rules import (
    MAX_STRIKES,
    Action,
    Blame,
    Failure,
    ParkReason,
    SinkError,
    judge,
    too_large_reason,
)
from gateway.custody.outbox import (
    DeletionNoticeEntry,
    OutboxEntry,
    OutboxStore,
    Parcel,
    Queue,
    RecordKind,
)
from gateway.custody.status import Attempt, DeliveryStatus
from gateway.custody.store.protocol import LedgerStore

if TYPE_CHECKING:  # the counters only: custody loads nothing of the gRPC edge
    from gateway.rpc.metrics import GatewayMetrics

logger = logging.getLogger(__name__)

BATCH = 64
COALESCE_SECONDS = 0.01
NOTICE_METRIC_KIND = "deletion"  # the ``deliveries`` counter's kind label for notices

# A row of either queue, as the deliverer sends it.
Item = OutboxEntry | DeletionNoticeEntry


class Sink(Protocol):
    """The dialer sink as the deliverer sees it (gateway/rpc/sink.py: over gRPC)."""

    async def send(self, entry: OutboxEntry) -> None:
        """Send one stored record with its revision and attempt; raises SinkError."""
        ...

    async def send_notice(self, notice: DeletionNoticeEntry) -> None:
        """Send one deletion notice; raises SinkError."""
        ...

    def ready(self, connect: bool = False) -> bool:
        """Whether the connection is up (``connect``: start connecting if it is not)."""
        ...

    async def changed(self) -> None:
        """Return once the connection leaves the state ``ready`` last saw."""
        ...


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


class Deliverer:
    """The background task that drains the outbox into the dialer sink."""

    def __init__(
        self,
        outbox: OutboxStore,
        sink: Sink,
        metrics: GatewayMetrics,
        retry: RetryPolicy,
        idle_poll_seconds: float = 1.0,
        ledger: LedgerStore | None = None,
        max_strikes: int = MAX_STRIKES,
    ) -> None:
        """``ledger``: told when records are delivered or parked (None: no ledger).

        ``max_strikes``: failures blamed on a record (a quota, a sink error) before it parks.
        """
        self._outbox = outbox
        self._ledger = ledger
        self._idle_poll = idle_poll_seconds
        self._sink = sink
        self._metrics = metrics
        self._retry = retry
        self._max_strikes = max_strikes
        self._blame = {Queue.RECORDS: Blame(), Queue.NOTICES: Blame()}  # one per queue
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
        claimed_at = time.monotonic()
        entries, depth = await asyncio.to_thread(self._outbox.due_and_depth, BATCH)
        entries = self._blame[Queue.RECORDS].untried_first(entries, _key)
        self._set_gauges(*depth)
        failures, retrying = await self._deliver_all(Queue.RECORDS, entries, failures, claimed_at)
        if retrying or self._stopping.is_set():
            return failures
        # Read after the records above: a withdrawn record sent this round precedes its notice.
        claimed_at = time.monotonic()
        notices = await asyncio.to_thread(self._outbox.due_notices, BATCH)
        notices = self._blame[Queue.NOTICES].untried_first(notices, _key)
        if not entries and not notices:
            await self._pause(self._idle_poll)
            return failures
        failures, retrying = await self._deliver_all(Queue.NOTICES, notices, failures, claimed_at)
        if retrying or self._stopping.is_set():
            return failures
        if len(entries) < BATCH and len(notices) < BATCH:
            await asyncio.sleep(COALESCE_SECONDS)  # let a few more records gather
        return failures

    async def _deliver_all(
        self, queue: Queue, items: Sequence[Item], failures: int, claimed_at: float
    ) -> tuple[int, bool]:
        """Send one queue's rows in order; returns (failures in a row, whether it backed off).

        ``claimed_at`` (monotonic): when the rows were claimed. Rows not attempted (a
        stop, a backoff, half the lease gone) are handed back.
        """
        confirmed: list[int] = []
        give_up_at = claimed_at + self._outbox.lease_seconds / 2
        attempted = 0
        try:
            for item in items:
                if self._stopping.is_set() or time.monotonic() > give_up_at:
                    break
                attempted += 1
                outcome = await self._deliver(queue, item)
                if outcome is Attempt.DELIVERED:
                    confirmed.append(_key(item))
                    if released := self._blame[queue].delivered():
                        await asyncio.to_thread(self._outbox.release, queue, released)
                failures, backed_off = await self._after(outcome, failures)
                if backed_off:
                    await self._unclaim(queue, items[attempted:])
                    return failures, True  # re-read the outbox: the due rows first
            await self._unclaim(queue, items[attempted:])
        finally:
            # One transaction for the batch: fewer thread hops and fsyncs. A crash
            # before it only repeats deliveries the sink already holds (same revision).
            if confirmed:
                removed = set(await asyncio.to_thread(self._outbox.delivered, queue, confirmed))
                # Only rows still there: a replaced or withdrawn row's entry is not queued.
                records = [i for i in items if isinstance(i, OutboxEntry) and i.seq in removed]
                await self._report(records, DeliveryStatus.DELIVERED)
        return failures, False

    async def _unclaim(self, queue: Queue, items: Sequence[Item]) -> None:
        """Hand back rows claimed but not attempted (not on a crash: their leases expire)."""
        if items:
            await asyncio.to_thread(self._outbox.unclaim, queue, [_key(i) for i in items])

    async def _after(self, outcome: Attempt, failures: int) -> tuple[int, bool]:
        """Failures in a row after ``outcome``, and whether the deliverer backed off."""
        if outcome in (Attempt.DELIVERED, Attempt.PARKED):
            return 0, False
        failures += 1
        if outcome is Attempt.DEFERRED:  # the next record tells whether the sink works
            return failures, False
        if failures == 1:  # once per outage: the records wait, nothing is lost
            logger.warning("delivery to the sink failing; records wait in the outbox")
        await self._back_off(self._retry.delay(failures))
        return failures, True

    async def _back_off(self, seconds: float) -> None:
        """Wait ``seconds``, or less: until the sink's connection is up again.

        An unreachable sink is retried on the connection's own reconnect schedule, so
        delivery resumes within moments of the sink's return, not a long backoff later.
        """
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        if self._sink.ready(connect=True):  # it answered, with an error
            await self._pause(seconds, interruptible=False)
            return
        ready = False
        while not ready and not self._stopping.is_set():
            left = until - loop.time()
            if left <= 0:
                return
            change = asyncio.ensure_future(self._sink.changed())
            stop = asyncio.ensure_future(self._stopping.wait())
            await asyncio.wait([change, stop], timeout=left, return_when="FIRST_COMPLETED")
            for waiter in (change, stop):
                waiter.cancel()
            ready = self._sink.ready(connect=True)
        if ready:
            logger.info("sink reachable again; delivering the outbox")

    def _decide(self, error: SinkError, queue: Queue, item: Item) -> _Decision:
        """What a failed attempt at one record (or notice) leads to; see the module doc."""
        verdict = judge(error)
        if verdict.action is Action.PARK:
            return _Decision(Attempt.PARKED, verdict.stored(), verdict.reason)
        if verdict.action is Action.RETRY and not self._sink.ready():
            return _Decision(Attempt.RETRY)  # the sink is unreachable: no record's fault
        if not self._blame[queue].failed(_key(item)):
            # Not to blame, but tried: it waits for the next delivery to release it (or
            # the longest backoff), so the next round tries a record it has not tried.
            return _Decision(Attempt.RETRY, retry_at=time.time() + self._retry.max_seconds)
        if verdict.action is Action.STRIKE and item.strikes + 1 >= self._max_strikes:
            return _Decision(Attempt.PARKED, verdict.stored(self._max_strikes), verdict.reason)
        retry_at = time.time() + self._retry.delay(item.attempts + 1)
        strike = verdict.action is Action.STRIKE
        return _Decision(Attempt.DEFERRED, retry_at=retry_at, strike=strike)

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

    async def _deliver(self, queue: Queue, item: Item) -> Attempt:
        """One attempt: DELIVERED, PARKED, DEFERRED (it backs off alone) or RETRY (all do)."""
        try:
            if isinstance(item, OutboxEntry):
                await self._sink.send(item)
            else:
                await self._sink.send_notice(item)
        except SinkError as error:
            self._metrics.delivery_failures.labels(code=error.code).inc()
            decision = self._decide(error, queue, item)
            if decision.outcome is Attempt.PARKED:
                await self._park(queue, item, decision, error)
            else:
                await asyncio.to_thread(
                    self._outbox.failed_attempt,
                    queue,
                    _key(item),
                    error.code,
                    decision.retry_at,
                    decision.strike,
                )
            return decision.outcome
        kind = item.kind if isinstance(item, OutboxEntry) else NOTICE_METRIC_KIND
        self._metrics.deliveries.labels(kind=kind).inc()
        return Attempt.DELIVERED

    async def _park(self, queue: Queue, item: Item, decision: _Decision, error: SinkError) -> None:
        parked = await asyncio.to_thread(self._outbox.park, queue, _key(item), decision.reason)
        code, label = error.code, str(decision.label)
        if not isinstance(item, OutboxEntry):
            message = (
                "sink does not implement DeleteRecord; deletion notice parked"
                if error.failure is Failure.UNIMPLEMENTED
                else "sink refused a deletion notice; parked"
            )
            logger.error(message, extra={"code": code, "reason": label, "notice_id": _key(item)})
            return
        logger.error(
            "sink refused a record; parked",
            extra={"code": code, "reason": label, "kind": item.kind},
        )
        if parked:  # else replaced or withdrawn meanwhile: its entry is not queued
            self._metrics.records_parked.labels(reason=label).inc()
            await self._report([item], DeliveryStatus.PARKED)


def _key(item: Item) -> int:
    """The row's id in its queue."""
    return item.seq if isinstance(item, OutboxEntry) else item.notice_id


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


class Forwarder:
    """What the intake sees of delivery: accept a redacted record into the outbox.

    A record larger than the sink takes is parked at once, never queued: sent, it
    would only be refused (issue 15: a 4.75 MB call held every lead behind it).
    """

    def __init__(
        self,
        outbox: OutboxStore,
        deliverer: Deliverer | None,
        max_message_bytes: int,
        metrics: GatewayMetrics | None = None,
    ) -> None:
        """``deliverer`` None: another process delivers (it polls the shared outbox).

        ``max_message_bytes``: sink_max_message_bytes. ``metrics`` default to the
        deliverer's; without a deliverer, no counting.
        """
        self._outbox = outbox
        self._deliverer = deliverer
        self._limit = max_message_bytes
        self._metrics = metrics or (deliverer.metrics if deliverer else None)

    async def has_room(self) -> bool:
        """Whether a record would be accepted now (checked before a stream starts)."""
        return await asyncio.to_thread(self._outbox.has_room)

    async def accept(
        self, parcel: Parcel, entry_id: int | None = None, ledger: LedgerStore | None = None
    ) -> None:
        """Store a redacted record durably; raises OutboxFullError when full."""
        too_large = (
            too_large_reason(parcel.size, self._limit) if parcel.size > self._limit else None
        )
        kind, owner, record_id = parcel.kind, parcel.owner, parcel.record_id

        def accept() -> None:
            if ledger is not None:
                ledger.sync()  # the entry is on disk before its record is accepted
            self._outbox.accept(kind, owner, record_id, parcel.payload, entry_id, too_large)
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
            await self._parked_at_once(parcel, entry_id, ledger)
        elif self._deliverer is not None:
            self._deliverer.wake()

    async def _parked_at_once(
        self, parcel: Parcel, entry_id: int | None, ledger: LedgerStore | None
    ) -> None:
        """Count, log (sizes, never contents) and record a record parked as too large."""
        if self._metrics is not None:
            self._metrics.records_parked.labels(reason=str(ParkReason.TOO_LARGE)).inc()
        logger.warning(
            "record too large for the sink; parked, not queued",
            extra={"kind": parcel.kind, "bytes": parcel.size, "limit": self._limit},
        )
        key = (parcel.owner, parcel.kind, parcel.record_id)
        await report_status(ledger, [(entry_id, key)], DeliveryStatus.PARKED)
