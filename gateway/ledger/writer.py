"""Group commit for the request path: one thread writes, many calls share each transaction.

A call awaits its entry's commit before it answers, so no accepted record goes
unrecorded, yet concurrent calls cost one fsync between them rather than one
each, and the event loop never waits on the disk.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable

from gateway.errors import LedgerUnavailableError
from gateway.ledger.consumer_index import ConsumerIndex
from gateway.ledger.entry import LedgerEntry
from gateway.ledger.store import LedgerStore

logger = logging.getLogger(__name__)

MAX_BATCH = 256
Settle = Callable[[int | BaseException], None]


class LedgerWriter:
    """Owns the store's writes from the gateway; ``record`` resolves once committed."""

    def __init__(self, store: LedgerStore, index: ConsumerIndex | None) -> None:
        """``index`` None: entries carry no consumer keys (tests of other parts)."""
        self.store = store
        self.index = index
        self._queue: queue.SimpleQueue[tuple[LedgerEntry, Settle] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="leadgate-ledger", daemon=True)
        self._thread.start()

    async def record(self, entry: LedgerEntry) -> int:
        """Record one entry; returns its id. Raises LedgerUnavailableError if it cannot."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int] = loop.create_future()

        def settle(outcome: int | BaseException) -> None:
            loop.call_soon_threadsafe(_settle, future, outcome)

        self._queue.put((entry, settle))
        return await future

    def close(self) -> None:
        """Write what is queued, stop the thread, close the store."""
        self._queue.put(None)
        self._thread.join()
        self.store.close()

    def _run(self) -> None:
        stopping = False
        while not stopping:
            item = self._queue.get()
            if item is None:
                break
            batch = [item]
            while len(batch) < MAX_BATCH:
                try:
                    following = self._queue.get_nowait()
                except queue.Empty:
                    break
                if following is None:
                    stopping = True
                    break
                batch.append(following)
            self._write(batch)

    def _write(self, batch: list[tuple[LedgerEntry, Settle]]) -> None:
        try:
            ids = self.store.record([entry for entry, _ in batch])
        except Exception as error:  # a full disk, a locked file: the calls fail closed
            logger.error("ledger write failed", extra={"error": type(error).__name__})
            for _, settle in batch:
                settle(LedgerUnavailableError("the compliance ledger cannot record; retry later"))
            return
        for (_, settle), entry_id in zip(batch, ids, strict=True):
            settle(entry_id)


def _settle(future: asyncio.Future[int], outcome: int | BaseException) -> None:
    if future.done():  # the call was cancelled meanwhile; its entry stays recorded
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
