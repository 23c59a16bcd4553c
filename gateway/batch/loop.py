"""The one record loop of every batch door: read, redact, write, count, record.

local.py and remote.py are thin runners over ``run_job``: they differ only in the
redact step (an engine here, worker processes, a running gateway). Spark's driver
cannot stream one output, so it takes the same pieces on its own terms: each
record's outcome is written or made a bad record (``unwritable``), counted by
``BatchSummary.add``, stopped at under ``--on-error fail`` (``aborted``), and its
entry recorded, after the output holds its line, by ``recorder``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice
from typing import Protocol, Self

from gateway.batch.inputs import InputRecord, RecordReader, discover
from gateway.batch.job import CHUNK, ColumnKinds, Outcome, kinds_of
from gateway.batch.options import BatchOptions, OnError
from gateway.batch.outputs import OutputPlan, RecordWriter, UnwritableRecordError
from gateway.batch.progress import Progress
from gateway.batch.summary import BatchSummary
from gateway.custody.entry import LedgerEntry
from gateway.custody.intake import Intake
from gateway.custody.store.protocol import LedgerStore
from redaction import SampleProfile

# Records the entries of lines already in the output as "written", in one transaction.
Record = Callable[[Sequence[LedgerEntry]], object]


class BatchAbortedError(Exception):
    """``--on-error fail`` met a bad record; the message says where and what."""


def recorder(ledger: LedgerStore | None) -> Record | None:
    """The one call every batch door records its written records' entries through.

    Custody's Intake, as for every other door: it holds the status rules.
    """
    return Intake(ledger).record_written if ledger is not None else None


@dataclass(frozen=True)
class Profiled:
    """A file's first records profiled.

    ``outcomes``: the sample's own outcomes, in order, when the step made them while
    profiling (an engine in this process or a worker's); None: redact them as the rest.
    """

    profiles: Mapping[str, SampleProfile]
    outcomes: list[Outcome] | None = None


class RedactStep(Protocol):
    """Where a door's records are redacted: an engine, worker processes, a gateway.

    Entered once the job's inputs and outputs are known to be usable, so a wrong
    option fails before an engine loads or a channel opens.
    """

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def profile(self, sample: list[InputRecord]) -> Profiled:
        """Each owner's column profile from a file's first records (and their outcomes)."""
        ...

    def redact(self, records: Iterator[InputRecord], kinds: ColumnKinds) -> Iterator[Outcome]:
        """The outcomes of ``records``, in their order; ``kinds``: the file's column profile."""
        ...


def run_job(options: BatchOptions, step: RedactStep, record: Record | None = None) -> BatchSummary:
    """Every input file through ``step`` into the output; entries recorded by ``record``.

    Each file's first records are profiled first: a column whose values are mostly
    one sensitive kind is that kind for every row of the file.
    """
    started = time.monotonic()
    files = discover(options.inputs, options.input_format)
    plan = OutputPlan(options.output, files, options.dry_run)
    summary = BatchSummary(input_files=len(files))
    progress = Progress(sum(f.size for f in files), tty=options.progress)
    done_bytes = 0
    with step:
        try:
            for source in files:
                reader = RecordReader(source, options.owner)
                records = iter(reader)
                sample = list(islice(records, options.profile_sample))
                profiled = step.profile(sample) if sample else Profiled({})
                summary.add_profiles(source.path, profiled.profiles)
                writer = plan.writer_for(source)
                try:
                    outcomes = _outcomes(step, sample, records, profiled)
                    with Written(writer, record, summary) as written:
                        for taken, outcome in enumerate(outcomes, start=1):
                            if take_outcome(outcome, summary, writer, reader, options.on_error):
                                written.add(outcome)
                            progress.update(summary.records_in, done_bytes + reader.position)
                            if taken % CHUNK == 0:
                                written.record()
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


def _outcomes(
    step: RedactStep, sample: list[InputRecord], rest: Iterator[InputRecord], profiled: Profiled
) -> Iterator[Outcome]:
    """Every record's outcome in file order; the sample's own when profiling made them."""
    kinds = kinds_of(profiled.profiles)
    if profiled.outcomes is None:
        return step.redact(chain(sample, rest), kinds)
    return chain(profiled.outcomes, step.redact(rest, kinds))


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
            outcome = unwritable(outcome, error)
    summary.add(outcome)
    if outcome.problem and on_error == "fail":
        raise aborted(outcome.source, outcome.line, outcome.problem)
    return not outcome.problem


def unwritable(outcome: Outcome, error: UnwritableRecordError) -> Outcome:
    """A record whose redacted line cannot be written: a bad record, with nothing to record."""
    return replace(outcome, output=None, entry=None, problem=str(error))


def aborted(source: str, line: int, problem: str) -> BatchAbortedError:
    """How ``--on-error fail`` stops a job at its first bad record."""
    return BatchAbortedError(f"{source}:{line}: {problem}")


class Written:
    """The ledger entries of lines written, recorded once those lines are in the output.

    ``record()`` (every CHUNK records, and on leaving: normally, or when the job stops:
    ``--on-error fail``, an output error, an interrupt) flushes the output first and
    only then records the entries of the lines written so far, in one transaction. So
    the ledger never says "written" of a line that is not in the output: if the flush
    fails nothing is recorded, and a crash between the flush and the commit leaves
    lines without entries, never the reverse.
    """

    def __init__(self, writer: RecordWriter, record: Record | None, summary: BatchSummary):
        self._writer = writer
        self._record = record
        self._summary = summary
        self._entries: list[LedgerEntry] = []

    def add(self, outcome: Outcome) -> None:
        """Note a line just written (its entry, if the job records any)."""
        if self._record is not None and outcome.entry is not None:
            self._entries.append(outcome.entry)

    def record(self) -> None:
        """Flush the output, then record the entries of the lines written since the last time."""
        if self._record is None or not self._entries:
            return
        self._writer.flush()
        self._record(self._entries)
        self._summary.ledger_entries += len(self._entries)
        self._entries = []

    def __enter__(self) -> Written:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self.record()
            return
        # The job is stopping with its own error, which is the one to report: record
        # the lines already written if they can still be flushed, else leave them.
        with contextlib.suppress(Exception):
            self.record()
