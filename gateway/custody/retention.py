"""The retention sweeper: past ``retain_until``, purge what is held and leave a tombstone.

Client data is kept as long as the client's agreement says (the policy's
retention days; 120 by default, customer-solutions-group.txt §6). The sweep
withdraws the outbox rows of expired entries (by entry id: a row replaced by a
newer revision belongs to that newer entry), then drops the ledger entry's
detail and consumer-index keys, keeping record id, owner and dates as proof of
deletion. Outbox first: a crash in between only repeats the purge.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from gateway.custody.outbox import OutboxStore
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import ExpiredEntry, LedgerStore

logger = logging.getLogger(__name__)

BATCH = 500
# Entries whose record may still sit in a dialer outbox (or the sink refused it).
HELD_FOR_A_SINK = frozenset({DeliveryStatus.QUEUED, DeliveryStatus.PARKED})


@dataclass(frozen=True)
class SweepResult:
    """What one sweep did."""

    expired: int  # ledger entries turned into tombstones
    outbox_purged: int  # waiting or parked outbox rows withdrawn
    left_held: int = 0  # expired, but held in an outbox this sweep was not given
    locked_out: bool = False  # another sweeper held the store's sweep lock: nothing done


@dataclass(frozen=True)
class SweepPlan:
    """What a sweep would do, changing nothing: counts only, so an operator can check first."""

    due: Counter[tuple[str, str]] = field(default_factory=Counter)  # (owner, kind) -> entries
    held: int = 0  # of the due, records that may wait in the outbox (their rows withdrawn)
    left_held: int = 0  # expired, but held in an outbox this sweep was not given

    @property
    def expired(self) -> int:
        """Entries the sweep would turn into tombstones."""
        return sum(self.due.values())


def plan_sweep(store: LedgerStore, with_outbox: bool, as_of: datetime) -> SweepPlan:
    """What ``sweep(store, outbox, as_of)`` would do, read-only (``with_outbox``: one is given)."""
    counts: Counter[tuple[str, str]] = Counter()
    held = left = 0
    for expired in _expired_pages(store, as_of):
        due = _due(expired, with_outbox)
        left += len(expired) - len(due)
        held += sum(1 for e in due if e.delivery_status in HELD_FOR_A_SINK)
        counts.update((e.owner, e.kind) for e in due)
    return SweepPlan(counts, held, left)


def _expired_pages(store: LedgerStore, as_of: datetime) -> Iterator[list[ExpiredEntry]]:
    """Live entries past ``retain_until`` at ``as_of``, a page of ``BATCH`` at a time."""
    after = 0
    while True:
        expired = store.expired(as_of, BATCH, after)
        if not expired:
            return
        after = expired[-1].entry_id
        yield expired
        if len(expired) < BATCH:
            return


def _due(expired: list[ExpiredEntry], with_outbox: bool) -> list[ExpiredEntry]:
    """The entries a sweep may close: without the outbox, none a sink may still hold."""
    return [e for e in expired if with_outbox or e.delivery_status not in HELD_FOR_A_SINK]


def sweep(
    store: LedgerStore,
    outbox: OutboxStore | None,
    as_of: datetime | None = None,
    *,
    now: datetime | None = None,
) -> SweepResult:
    """Expire every live entry past ``retain_until`` at ``as_of`` (default: now).

    Tombstones are stamped with the real time of the sweep (``now``), so a sweep
    run ahead of time (``--as-of``) never dates a deletion in the future. Without
    an outbox (no sink configured here), entries whose record may still be waiting
    in one are left alone: run the sweep with the gateway's configuration.

    One sweeper at a time per store (every replica of a fleet runs one): a sweep
    that finds the store's sweep lock held does nothing and says so (``locked_out``).
    """
    now = now or datetime.now(UTC)
    as_of = as_of or now
    expired_total = purged_total = left = 0
    with store.sweep_lock() as held:
        if not held:
            logger.info("retention sweep skipped: another sweeper holds the ledger's sweep lock")
            return SweepResult(0, 0, locked_out=True)
        for expired in _expired_pages(store, as_of):
            due = _due(expired, outbox is not None)
            left += len(expired) - len(due)
            if outbox is not None and due:
                purged_total += outbox.withdraw_entries([e.entry_id for e in due])
            if due:
                expired_total += store.tombstone([e.entry_id for e in due], now)
    return SweepResult(expired_total, purged_total, left)


class RetentionSweeper:
    """Runs ``sweep`` in the server every ``interval_seconds`` (first at start-up)."""

    def __init__(
        self, store: LedgerStore, outbox: OutboxStore | None, interval_seconds: float
    ) -> None:
        self._store = store
        self._outbox = outbox
        self._interval = interval_seconds
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin sweeping in the background."""
        self._task = asyncio.create_task(self._run(), name="leadgate-retention")

    async def stop(self) -> None:
        """Stop; a sweep in progress finishes first (the store and outbox close after)."""
        self._stopping.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                result = await asyncio.to_thread(sweep, self._store, self._outbox)
                if result.expired or result.outbox_purged:
                    logger.info(
                        "retention sweep",
                        extra={"expired": result.expired, "outbox_purged": result.outbox_purged},
                    )
            except Exception as error:  # a locked file: try again next time, never die
                logger.error("retention sweep failed", extra={"error": type(error).__name__})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self._interval)
