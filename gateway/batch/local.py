"""Run a batch job on this machine: records through one engine or N worker processes.

A thin runner over the shared record loop (``loop.run_job``): this file is only the
redact step. Records are redacted in order, in chunks, with a bounded number of
chunks in flight, so memory stays flat whatever the input size. Each worker process
builds its engine once, at start-up.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime

from gateway.batch.inputs import InputRecord
from gateway.batch.job import (
    ColumnKinds,
    LedgerTarget,
    Outcome,
    chunks,
    process_chunk,
    profile_and_process,
)
from gateway.batch.loop import Profiled, recorder, run_job
from gateway.batch.options import BatchOptions
from gateway.batch.summary import BatchSummary
from gateway.config import Settings, build_redactor
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.store.protocol import LedgerStore
from redaction import Redactor


def run_local(
    settings: Settings,
    options: BatchOptions,
    redactor: Redactor | None = None,
    ledger: LedgerStore | None = None,
    index: ConsumerIndex | None = None,
) -> BatchSummary:
    """Run the job; ``redactor`` (single process only) saves loading another engine.

    With ``ledger`` and ``index``, each chunk's records are written, flushed into the
    output, and then their entries recorded as "written" (``loop.Written``).
    """
    received_at = options.received_at or datetime.now(UTC)
    recording = index if ledger is not None and not options.dry_run else None
    engine = _engine(settings, options, redactor, received_at, recording)
    return run_job(options, engine, recorder(ledger))


class _engine:  # noqa: N801 (used as a context manager, reads like one)
    """The redact step: the in-process engine, or a pool of worker processes each with its own."""

    def __init__(
        self,
        settings: Settings,
        options: BatchOptions,
        redactor: Redactor | None,
        received_at: datetime,
        recording: ConsumerIndex | None,
    ) -> None:
        self._recording = recording
        self._settings = settings
        self._options = options
        self._redactor = redactor
        self._received_at = received_at
        self._pool: ProcessPoolExecutor | None = None
        self._local: Redactor | None = None
        self._target: LedgerTarget | None = None

    def __enter__(self) -> _engine:
        if self._options.workers <= 1:
            self._local = self._redactor or build_redactor(self._settings)
            if self._recording is not None:
                self._target = LedgerTarget(self._recording)
            return self
        self._pool = ProcessPoolExecutor(
            max_workers=self._options.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self._settings, self._recording.secret if self._recording else None),
        )
        return self

    def profile(self, sample: list[InputRecord]) -> Profiled:
        """Each owner's column profile from a file's first records, and their outcomes.

        In this process or in one worker: the sample's leads are redacted once for both
        (``job.profile_and_process``).
        """
        dry_run = self._options.dry_run
        if self._local is not None:
            profiles, outcomes = profile_and_process(
                self._local, sample, self._received_at, dry_run, self._target
            )
            return Profiled(profiles, outcomes)
        assert self._pool is not None
        return self._pool.submit(_profile, sample, self._received_at, dry_run).result()

    def redact(self, records: Iterator[InputRecord], kinds: ColumnKinds) -> Iterator[Outcome]:
        """The records' outcomes in input order, redacted a chunk at a time."""
        if self._local is None:
            yield from self._pooled(records, kinds)
            return
        dry_run = self._options.dry_run
        for chunk in chunks(records):
            yield from process_chunk(
                self._local, chunk, self._received_at, dry_run, self._target, kinds
            )

    def _pooled(self, records: Iterator[InputRecord], kinds: ColumnKinds) -> Iterator[Outcome]:
        """In input order, with at most 2 chunks per worker in flight."""
        assert self._pool is not None
        window: deque[Future[list[Outcome]]] = deque()
        limit = 2 * self._options.workers
        dry_run = self._options.dry_run
        for chunk in chunks(records):
            window.append(self._pool.submit(_work, chunk, self._received_at, dry_run, kinds))
            if len(window) >= limit:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


_WORKER_ENGINE: Redactor | None = None
_WORKER_LEDGER: LedgerTarget | None = None


def _start_worker(settings: Settings, index_secret: bytes | None) -> None:
    """Worker process start-up: load the engine once (and key the consumer index)."""
    global _WORKER_ENGINE, _WORKER_LEDGER
    _WORKER_ENGINE = build_redactor(settings)
    _WORKER_LEDGER = LedgerTarget(ConsumerIndex(index_secret)) if index_secret else None


def _work(
    chunk: list[InputRecord], received_at: datetime, dry_run: bool, kinds: ColumnKinds
) -> list[Outcome]:
    assert _WORKER_ENGINE is not None, "worker started without its engine"
    return process_chunk(_WORKER_ENGINE, chunk, received_at, dry_run, _WORKER_LEDGER, kinds)


def _profile(sample: list[InputRecord], received_at: datetime, dry_run: bool) -> Profiled:
    assert _WORKER_ENGINE is not None, "worker started without its engine"
    profiles, outcomes = profile_and_process(
        _WORKER_ENGINE, sample, received_at, dry_run, _WORKER_LEDGER
    )
    return Profiled(profiles, outcomes)
