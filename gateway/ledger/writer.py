"""Group commit for the request path: one thread writes, many calls share each transaction.

A call awaits its entry's commit before it answers, so no accepted record goes
unrecorded, yet concurrent calls cost one fsync between them rather than one
each, and the event loop never waits on the disk. ``submit`` may be called from
any thread: the servicer submits from the engine thread as soon as the record
is redacted, so the commit overlaps the response's conversion to protobuf.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from concurrent.futures import Future, InvalidStateError

from gateway.errors import LedgerUnavailableError
from gateway.ledger.consumer_index import ConsumerIndex
from gateway.ledger.entry import LedgerEntry
from gateway.ledger.store import LedgerStore

logger = logging.getLogger(__name__)

MAX_BATCH = 256


class LedgerWriter:
    """Owns the store's writes from the gateway; ``record`` resolves once committed."""

    def __init__(self, store: LedgerStore, index: ConsumerIndex | None) -> None:
        """``index`` None: entries carry no consumer keys (tests of other parts)."""
        self.store = store
        self.index = index
        self._queue: queue.SimpleQueue[tuple[LedgerEntry, Future[int]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="leadgate-ledger", daemon=True)
        self._thread.start()

    def submit(self, entry: LedgerEntry) -> Future[int]:
        """Queue one entry; the future gives its id once committed, or LedgerUnavailableError."""
        future: Future[int] = Future()
        self._queue.put((entry, future))
        return future

    async def record(self, entry: LedgerEntry) -> int:
        """Record one entry and wait for the commit; returns its id."""
        return await asyncio.wrap_future(self.submit(entry))

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

    def _write(self, batch: list[tuple[LedgerEntry, Future[int]]]) -> None:
        try:
            ids = self.store.record([entry for entry, _ in batch])
        except Exception as error:  # a full disk, a locked file: the calls fail closed
            logger.error("ledger write failed", extra={"error": type(error).__name__})
            for _, future in batch:
                _settle(
                    future,
                    LedgerUnavailableError("the compliance ledger cannot record; retry later"),
                )
            return
        for (_, future), entry_id in zip(batch, ids, strict=True):
            _settle(future, entry_id)


def _settle(future: Future[int], outcome: int | BaseException) -> None:
    """Resolve a caller's future; a cancelled call's entry simply stays recorded."""
    try:
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
    except InvalidStateError:
        pass
