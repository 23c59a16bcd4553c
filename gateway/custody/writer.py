"""Group commit for the request path: one thread writes, many calls share each transaction.

A call awaits its entry's commit before it answers, so no accepted record goes
unrecorded, yet concurrent calls cost one fsync between them rather than one
each, and the event loop never waits on the disk. ``submit`` may be called from
any thread: the servicer submits from the engine thread as soon as the record
is redacted, so the commit overlaps the response's conversion to protobuf.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future, InvalidStateError

from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.entry import LedgerEntry
from gateway.custody.store.protocol import LedgerStore
from gateway.errors import LedgerUnavailableError

logger = logging.getLogger(__name__)

MAX_BATCH = 256

# An entry, the future its caller awaits, and the open entry it finishes (None: a new one).
_Item = tuple[LedgerEntry, Future[int], int | None]


class LedgerWriter:
    """Owns the store's writes from the gateway; an entry's future resolves once committed."""

    def __init__(self, store: LedgerStore, index: ConsumerIndex | None) -> None:
        """``index`` None: entries carry no consumer keys (tests of other parts)."""
        self.store = store
        self.index = index
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="leadgate-ledger", daemon=True)
        self._thread.start()

    def submit(self, entry: LedgerEntry) -> Future[int]:
        """Queue one entry; the future gives its id once committed, or LedgerUnavailableError."""
        future: Future[int] = Future()
        self._queue.put((entry, future, None))
        return future

    def submit_finish(self, entry_id: int, entry: LedgerEntry) -> Future[int]:
        """Queue the final entry of an open call in place of its provisional one (same id).

        Through the same queue as ``submit``, so it is written after the provisional
        entry and may be queued from a cancelled call's cleanup without awaiting.
        """
        future: Future[int] = Future()
        self._queue.put((entry, future, entry_id))
        return future

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

    def _write(self, batch: list[_Item]) -> None:
        new = [(entry, future) for entry, future, finishes in batch if finishes is None]
        try:
            ids = self.store.record([entry for entry, _ in new]) if new else []
            for entry, _, finishes in batch:
                if finishes is not None:
                    self.store.finish(finishes, entry)
        except Exception as error:  # a full disk, a locked file: the calls fail closed
            logger.error("ledger write failed", extra={"error": type(error).__name__})
            for _, future, _ in batch:
                _settle(
                    future,
                    LedgerUnavailableError("the compliance ledger cannot record; retry later"),
                )
            return
        for (_, future), entry_id in zip(new, ids, strict=True):
            _settle(future, entry_id)
        for _, future, finishes in batch:
            if finishes is not None:
                _settle(future, finishes)


def _settle(future: Future[int], outcome: int | BaseException) -> None:
    """Resolve a caller's future; a cancelled call's entry simply stays recorded."""
    try:
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
    except InvalidStateError:
        pass
