"""The retention sweeper: past ``retain_until``, purge what is held and leave a tombstone.

Client data is kept as long as the client's agreement says (the policy's
retention days; 120 by default, customer-solutions-group.txt §6). The sweep
withdraws expired records still waiting in the outbox, then drops the ledger
entry's detail and consumer-index keys, keeping record id, owner and dates as
proof of deletion. Outbox first: a crash in between only repeats the purge.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from gateway.ledger.store import LedgerStore
from gateway.outbox import Outbox

logger = logging.getLogger(__name__)

BATCH = 500


@dataclass(frozen=True)
class SweepResult:
    """What one sweep did."""

    expired: int  # ledger entries turned into tombstones
    outbox_purged: int  # waiting or parked outbox rows withdrawn


def sweep(store: LedgerStore, outbox: Outbox | None, now: datetime | None = None) -> SweepResult:
    """Expire everything past ``retain_until`` at ``now`` (default: the current time)."""
    now = now or datetime.now(UTC)
    expired_total = purged_total = 0
    while True:
        expired = store.expired(now, BATCH)
        if not expired:
            break
        # A newer pass of the same record id owns the outbox row now: leave it.
        keys = [(e.kind, e.owner, e.record_id) for e in expired if not e.superseded]
        if outbox is not None and keys:
            purged, _ = outbox.withdraw(
                keys,  # type: ignore[arg-type]
                notify=False,
                requested_at=now.timestamp(),
                reference="retention",
            )
            purged_total += purged
        expired_total += store.tombstone([e.entry_id for e in expired], now)
        if len(expired) < BATCH:
            break
    return SweepResult(expired_total, purged_total)


class RetentionSweeper:
    """Runs ``sweep`` in the server every ``interval_seconds`` (first at start-up)."""

    def __init__(self, store: LedgerStore, outbox: Outbox | None, interval_seconds: float) -> None:
        self._store = store
        self._outbox = outbox
        self._interval = interval_seconds
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin sweeping in the background."""
        self._task = asyncio.create_task(self._run(), name="leadgate-retention")

    async def stop(self) -> None:
        """Stop between sweeps (a sweep in progress finishes its batch)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                result = await asyncio.to_thread(sweep, self._store, self._outbox)
                if result.expired or result.outbox_purged:
                    logger.info(
                        "retention sweep",
                        extra={"expired": result.expired, "outbox_purged": result.outbox_purged},
                    )
            except Exception as error:  # a locked file: try again next time, never die
                logger.error("retention sweep failed", extra={"error": type(error).__name__})
            await asyncio.sleep(self._interval)
