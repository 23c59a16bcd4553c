"""Run a batch job on this machine: stream records through one engine or N worker processes.

Records are read, redacted and written in order, in chunks, with a bounded
number of chunks in flight, so memory stays flat whatever the input size. Each
worker process builds its engine once, at start-up. Each file's first records
are profiled first (``job.profile_records``): a column whose values are mostly
one sensitive kind is that kind for every row of the file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import chain, islice
from typing import Literal, TypeVar

from gateway.batch.inputs import Format, RawRecord, RecordReader, discover
from gateway.batch.job import (
    PROFILE_SAMPLE,
    ColumnKinds,
    LedgerTarget,
    Outcome,
    kinds_of,
    process_chunk,
    profile_records,
)
from gateway.batch.outputs import OutputPlan, RecordWriter, UnwritableRecordError
from gateway.batch.progress import Progress
from gateway.batch.summary import BatchSummary
from gateway.config import Settings, build_redactor
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.entry import LedgerEntry
from gateway.custody.intake import Intake
from gateway.custody.store.protocol import LedgerStore
from redaction import Redactor, SampleProfile

OnError = Literal["skip", "fail"]
CHUNK = 64


class BatchAbortedError(Exception):
    """``--on-error fail`` met a bad record; the message says where and what."""


@dataclass(frozen=True)
class BatchOptions:
    """What a ``leadgate redact`` run was asked to do."""

    inputs: tuple[str, ...]
    output: str = "-"
    input_format: Format | None = None
    owner: str = ""
    workers: int = 1
    on_error: OnError = "skip"
    dry_run: bool = False
    received_at: datetime | None = None
    progress: bool | None = None  # None: a bar on a terminal, plain lines otherwise
    remote: str = ""  # HOST:PORT of a gateway to redact through, instead of a local engine
    profile_sample: int = PROFILE_SAMPLE  # first records of each file profiled (0: none)


def run_local(
    settings: Settings,
    options: BatchOptions,
    redactor: Redactor | None = None,
    ledger: LedgerStore | None = None,
    index: ConsumerIndex | None = None,
) -> BatchSummary:
    """Run the job; ``redactor`` (single process only) saves loading another engine.

    With ``ledger`` and ``index``, each chunk's records are written, flushed into the
    output, and then their entries recorded as "written" (``Written``).
    """
    started = time.monotonic()
    received_at = options.received_at or datetime.now(UTC)
    files = discover(options.inputs, options.input_format)
    plan = OutputPlan(options.output, files, options.dry_run)
    summary = BatchSummary(input_files=len(files))
    progress = Progress(sum(f.size for f in files), tty=options.progress)
    done_bytes = 0
    recording = index if ledger is not None and not options.dry_run else None
    with _engine(settings, options, redactor, received_at, recording) as engine:
        try:
            for source in files:
                reader = RecordReader(source, options.owner)
                records = iter(reader)
                sample = list(islice(records, options.profile_sample))
                profiles = engine.profile(sample) if sample else {}
                summary.add_profiles(source.path, profiles)
                kinds = kinds_of(profiles)
                writer = plan.writer_for(source)
                try:
                    for outcomes in _chunks(engine.run(_chunks(chain(sample, records)), kinds)):
                        written = Written(ledger, writer, summary)
                        with written:
                            for outcome in outcomes:
                                if take_outcome(outcome, summary, writer, reader, options.on_error):
                                    written.add(outcome)
                                progress.update(summary.records_in, done_bytes + reader.position)
                finally:
                    if writer is not plan.shared:
                        writer.close()
                done_bytes += source.size
        finally:
            if plan.shared is not None:
                plan.shared.close()
            progress.close()
    summary.elapsed_s = time.monotonic() - started
    return summary


def take_outcome(
    outcome: Outcome,
    summary: BatchSummary,
    writer: RecordWriter,
    reader: RecordReader,
    on_error: OnError,
) -> bool:
    """Write an outcome and count it, or stop the job on a bad record under ``fail``.

    True if it was written. A record that cannot be written (not UTF-8 text) is a bad
    record like any other: counted, reported, and the job goes on.
    """
    if not outcome.problem:
        try:
            writer.write(outcome, reader)
        except UnwritableRecordError as error:
            outcome = replace(outcome, output=None, entry=None, problem=str(error))
    summary.add(outcome)
    if outcome.problem and on_error == "fail":
        raise BatchAbortedError(f"{outcome.source}:{outcome.line}: {outcome.problem}")
    return not outcome.problem


class Written:
    """The ledger entries of one chunk's lines, recorded once those lines are in the output.

    On leaving (normally, or when the job stops: ``--on-error fail``, an output error,
    an interrupt) the output is flushed first and only then are the entries of the lines
    written so far recorded, in one transaction. So the ledger never says "written" of a
    line that is not in the output: if the flush fails nothing is recorded, and a crash
    between the flush and the commit leaves lines without entries, never the reverse.
    """

    def __init__(self, ledger: LedgerStore | None, writer: RecordWriter, summary: BatchSummary):
        self._ledger = ledger
        self._intake = Intake(ledger)
        self._writer = writer
        self._summary = summary
        self._entries: list[LedgerEntry] = []

    def add(self, outcome: Outcome) -> None:
        """Note a line just written (its entry, if the job records any)."""
        if self._ledger is not None and outcome.entry is not None:
            self._entries.append(outcome.entry)

    def __enter__(self) -> Written:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self._record()
            return
        # The job is stopping with its own error, which is the one to report: record
        # the lines already written if they can still be flushed, else leave them.
        with contextlib.suppress(Exception):
            self._record()

    def _record(self) -> None:
        if self._ledger is None or not self._entries:
            return
        self._writer.flush()
        self._summary.ledger_entries += self._intake.record_written(self._entries)
        self._entries = []


T = TypeVar("T")


def _chunks(records: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


ChunkRunner = Callable[[Iterator[list[RawRecord]], ColumnKinds], Iterator[Outcome]]


class _engine:  # noqa: N801 (used as a context manager, reads like one)
    """In-process engine, or a pool of worker processes each with its own engine.

    ``run`` redacts chunks in order; ``profile`` profiles a file's first records.
    """

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
        self.run: ChunkRunner = self._pooled

    def __enter__(self) -> _engine:
        if self._options.workers <= 1:
            redactor = self._local = self._redactor or build_redactor(self._settings)
            target = LedgerTarget(self._recording) if self._recording is not None else None
            self.run = lambda chunks, kinds: (
                outcome
                for chunk in chunks
                for outcome in process_chunk(
                    redactor, chunk, self._received_at, self._options.dry_run, target, kinds
                )
            )
            return self
        self._pool = ProcessPoolExecutor(
            max_workers=self._options.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self._settings, self._recording.secret if self._recording else None),
        )
        return self

    def profile(self, sample: list[RawRecord]) -> dict[str, SampleProfile]:
        """Each owner's column profile from a file's first records (in a worker, if pooled)."""
        if self._local is not None:
            return profile_records(self._local, sample, self._received_at)
        assert self._pool is not None
        return self._pool.submit(_profile, sample, self._received_at).result()

    def _pooled(self, chunks: Iterator[list[RawRecord]], kinds: ColumnKinds) -> Iterator[Outcome]:
        """In input order, with at most 2 chunks per worker in flight."""
        assert self._pool is not None
        window: deque[Future[list[Outcome]]] = deque()
        limit = 2 * self._options.workers
        dry_run = self._options.dry_run
        for chunk in chunks:
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
    chunk: list[RawRecord], received_at: datetime, dry_run: bool, kinds: ColumnKinds
) -> list[Outcome]:
    assert _WORKER_ENGINE is not None, "worker started without its engine"
    return process_chunk(_WORKER_ENGINE, chunk, received_at, dry_run, _WORKER_LEDGER, kinds)


def _profile(sample: list[RawRecord], received_at: datetime) -> dict[str, SampleProfile]:
    assert _WORKER_ENGINE is not None, "worker started without its engine"
    return profile_records(_WORKER_ENGINE, sample, received_at)
