"""The one path a record takes after redaction: engine result -> ledger entry -> outbox.

Every door calls it: the servicer's unary, bulk and live-call RPCs, the batch
runners and the Spark driver. It holds the status rules:

- a record answered to its caller is ``queued`` when a sink is configured (and is
  put in the outbox), else ``returned``;
- the outbox refusing it, or its call failing or being cancelled after the entry
  was written, turns the entry ``refused`` (shielded from the cancellation);
- a live call is ``open`` from its first released segment, and its final entry
  replaces the open one (same id): ``queued``/``returned`` when it ends, ``returned``
  when it ends early after segments went back;
- a batch record is ``written`` once its output line is flushed (``record_written``).

Ledger first, then the outbox: a record is never delivered unrecorded. The entry is
submitted on the engine thread (the consumer-index hashes cost CPU), so with group
commit (LedgerWriter) the commit overlaps the response's conversion; ``accept``
awaits it before the call answers. The outbox payload is opaque bytes the edge built.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import replace

from gateway.custody.consumer_index import CallKeys, ConsumerIndex
from gateway.custody.delivery import Forwarder
from gateway.custody.entry import Door, LedgerEntry, entry_for
from gateway.custody.outbox import Parcel
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import LedgerStore
from gateway.custody.writer import LedgerWriter
from redaction import Lead, RedactedLead, RedactedTranscript, StreamSummary, Transcript

Pending = Future[int] | None  # a ledger entry's commit (None: no ledger configured)


class Intake:
    """Records redacted records in the ledger and, with a sink, accepts them for delivery."""

    def __init__(
        self,
        ledger: LedgerWriter | LedgerStore | None,
        forwarder: Forwarder | None = None,
        index: ConsumerIndex | None = None,
    ) -> None:
        """``ledger``: a LedgerWriter (group commit, the gateway) or a store written in place.

        ``forwarder`` None: no dialer sink, records are only answered (``returned``).
        ``index``: what keys the entries of a store written in place (a LedgerWriter
        brings its own); without one, ``submit`` refuses rather than write entries that
        ``rights`` requests could never find.
        """
        self._writer = ledger if isinstance(ledger, LedgerWriter) else None
        self._store = ledger.store if isinstance(ledger, LedgerWriter) else ledger
        self._index = self._writer.index if self._writer is not None else index
        self._forwarder = forwarder
        self._refusing: set[asyncio.Task[None]] = set()

    @property
    def index(self) -> ConsumerIndex | None:
        """The consumer index entries are keyed with (None: no ledger, or entries unkeyed)."""
        return self._index

    @property
    def delivers(self) -> bool:
        """Whether records go on to a dialer sink (the edge builds a parcel only then)."""
        return self._forwarder is not None

    async def has_room(self) -> bool:
        """Whether the outbox would take a record now (checked before a live call starts)."""
        return self._forwarder is None or await self._forwarder.has_room()

    def submit(
        self, record: Lead | Transcript, result: RedactedLead | RedactedTranscript, door: Door
    ) -> Pending:
        """Queue a redacted record's entry (on the engine thread); ``accept`` awaits it.

        ``record``: the original, its fields keyed as the findings name them (the index
        reads values where findings point).
        """
        return self._submit(record, result, door, self._answered())

    def open_call(self, header: Transcript, call: StreamSummary, keys: CallKeys) -> Pending:
        """Queue a live call's entry as ``open``, before its first segment goes back."""
        return self._submit_call(header, call, keys, DeliveryStatus.OPEN)

    def end_call(
        self, header: Transcript, call: StreamSummary, keys: CallKeys, open_entry: int | None
    ) -> Pending:
        """Queue a finished call's final entry, replacing its open one; ``accept`` awaits it."""
        return self._submit_call(header, call, keys, self._answered(), open_entry)

    def cut_call(
        self, header: Transcript, call: StreamSummary, keys: CallKeys, open_entry: int | None
    ) -> Pending:
        """Queue the final entry of a call ended early after segments went back: ``returned``.

        What went back passed through; nothing of it goes to the sink. Safe to call
        from a cancelled call's cleanup: it queues without awaiting.
        """
        return self._submit_call(header, call, keys, DeliveryStatus.RETURNED, open_entry)

    async def accept(
        self,
        pending: Pending,
        parcel: Callable[[], Parcel],
        check: Callable[[], None] | None = None,
    ) -> None:
        """Await the entry's commit, then (with a sink) put the record in the outbox.

        ``parcel`` builds the payload (only called with a sink); ``check`` runs first
        and may raise (the call's deadline). If anything then fails, the call is
        cancelled included, the entry says ``refused`` and the error goes on.
        """
        waiting = None if pending is None else asyncio.wrap_future(pending)
        try:
            # Shielded: a call cancelled while its entry commits must still refuse it.
            entry_id = None if waiting is None else await asyncio.shield(waiting)
        except asyncio.CancelledError:
            if waiting is not None:
                waiting.add_done_callback(self._refuse_once_committed)
            raise
        try:
            if check is not None:
                check()
            if self._forwarder is not None:
                await self._forwarder.accept(parcel(), entry_id, self._store)
        except BaseException:  # a cancelled call too: its entry must not say queued
            if self._store is not None and entry_id is not None:
                refuse = self._store.set_entry_delivery_status
                await asyncio.shield(asyncio.to_thread(refuse, [entry_id], DeliveryStatus.REFUSED))
            raise

    def _refuse_once_committed(self, commit: asyncio.Future[int]) -> None:
        """The entry of a call cancelled before its commit landed: ``refused`` once it has."""
        if self._store is None or commit.cancelled() or commit.exception() is not None:
            return
        refuse = self._store.set_entry_delivery_status
        task = asyncio.ensure_future(
            asyncio.to_thread(refuse, [commit.result()], DeliveryStatus.REFUSED)
        )
        self._refusing.add(task)  # held until done: a task only weakly referenced may vanish
        task.add_done_callback(self._refusing.discard)

    def record_written(self, entries: Sequence[LedgerEntry]) -> int:
        """Record batch entries, in one transaction, once their lines are flushed to the output.

        Built where the records were redacted (``written_entry``); returns how many.
        """
        if self._store is None or not entries:
            return 0
        self._store.record(entries)
        return len(entries)

    @staticmethod
    def written_entry(
        record: Lead | Transcript,
        result: RedactedLead | RedactedTranscript,
        door: Door,
        index: ConsumerIndex,
    ) -> LedgerEntry:
        """A batch record's entry, built in a worker or an executor: ``written``."""
        return entry_for(record, result, door, DeliveryStatus.WRITTEN, index)

    def _answered(self) -> DeliveryStatus:
        return DeliveryStatus.QUEUED if self._forwarder is not None else DeliveryStatus.RETURNED

    def _submit_call(
        self,
        header: Transcript,
        call: StreamSummary,
        keys: CallKeys,
        status: DeliveryStatus,
        finishes: int | None = None,
    ) -> Pending:
        """A live call's entry: its tags and findings so far, the hashes it said."""
        whole = RedactedTranscript(header, call.tags, call.findings)
        return self._submit(header, whole, "stream", status, keys, finishes)

    def _submit(
        self,
        record: Lead | Transcript,
        result: RedactedLead | RedactedTranscript,
        door: Door,
        status: DeliveryStatus,
        keys: CallKeys | None = None,
        finishes: int | None = None,
    ) -> Pending:
        if self._store is None:
            return None
        if self._writer is None and self._index is None:
            raise ValueError("an Intake over a store written in place needs the consumer index")
        entry = entry_for(record, result, door, status, self.index)
        if keys is not None:
            entry = replace(entry, consumer_keys=keys.keys)
        if self._writer is None:  # no group commit: written here, on this thread
            done: Future[int] = Future()
            if finishes is None:
                (finishes,) = self._store.record([entry])
            else:
                self._store.finish(finishes, entry)
            done.set_result(finishes)
            return done
        if finishes is not None:
            return self._writer.submit_finish(finishes, entry)
        return self._writer.submit(entry)


async def committed(pending: Pending) -> int | None:
    """The entry's id once committed (None: no ledger); raises LedgerUnavailableError."""
    if pending is None:
        return None
    entry_id: int = await asyncio.wrap_future(pending)
    return entry_id
