"""What runs on Spark's executors: one input file's numbered lines, redacted in chunks.

Each record comes back as one ``Redacted`` (its outcome to count, its output line,
its ledger entry), so the driver takes each apart by name, never by type.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from gateway.batch.inputs import InputRecord, csv_row_record, jsonl_records
from gateway.batch.job import LedgerTarget, Outcome, chunks, process_chunk, profile_records
from gateway.batch.loop import unwritable
from gateway.batch.outputs import UnwritableRecordError, jsonl_line
from gateway.batch.spark.specs import HADOOP_NOT_UTF8, FileSpec, csv_row
from gateway.batch.summary import BatchSummary
from gateway.config import Settings, build_redactor
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.entry import LedgerEntry
from redaction import Redactor, SampleProfile

SPANNING_FIELD = "has a quoted field that goes on past the end of the line (not supported on Spark)"


@dataclass(frozen=True)
class Job:
    """What every partition needs besides its file; picklable, shipped with each task."""

    settings: Settings
    received_at: datetime
    dry_run: bool
    owner: str
    # The consumer index secret, when the job is recorded in the ledger (not a dry run):
    # executors hash phones and emails where the records are; use Spark's RPC encryption
    # (spark.network.crypto.enabled) on a cluster.
    index_secret: bytes | None = None


_ENGINES: dict[Settings, Redactor] = {}


def engine_for(settings: Settings) -> Redactor:
    """The engine for ``settings`` in this process: loaded on first use, kept for every task.

    Loading takes seconds (spaCy); Spark reuses its Python workers across tasks,
    so a cache here means once per executor process, not per partition.
    """
    engine = _ENGINES.get(settings)
    if engine is None:
        engine = _ENGINES[settings] = build_redactor(settings)
    return engine


@dataclass(frozen=True)
class Redacted:
    """One record's result, as an executor sends it back; picklable."""

    outcome: Outcome  # what the summary counts (its output is the line, its entry below)
    line: str | None = None  # the output line, as the local writer writes it; None if bad
    entry: LedgerEntry | None = None  # what the ledger records once the line is saved


def redact_file(job: Job, spec: FileSpec, lines: Iterable[tuple[str, int]]) -> Iterator[Redacted]:
    """``process_record`` (by chunks) over one partition of one input file, in order.

    ``lines`` are ``zipWithIndex`` pairs (text, 0-based line). In chunks, as the
    local door runs them: the NER of a chunk's leads is batched.
    """
    target = _ledger_target(job.index_secret)
    for chunk in chunks(raw_records(spec, lines, job.owner)):
        redactor = engine_for(job.settings)  # at the first chunk: an empty partition loads none
        for outcome in process_chunk(
            redactor, chunk, job.received_at, job.dry_run, target, spec.column_kinds
        ):
            yield _redacted(outcome)


def _redacted(outcome: Outcome) -> Redacted:
    """An outcome as a Redacted: a record whose line cannot be written is a bad record."""
    if outcome.output is None:
        return Redacted(outcome)
    try:
        line = jsonl_line(outcome.output)
    except UnwritableRecordError as error:
        return Redacted(unwritable(outcome, error))
    return Redacted(replace(outcome, output=None, entry=None), line, outcome.entry)


def summary_of(results: Iterable[Redacted]) -> Iterator[BatchSummary]:
    """One partition's summary (a partition of no records: an empty one)."""
    summary = BatchSummary()
    for result in results:
        summary.add(result.outcome)
    yield summary


def lines_of(results: Iterable[Redacted]) -> Iterator[str]:
    """The output lines of a partition's records (none for a bad record)."""
    return (result.line for result in results if result.line is not None)


def entries_of(results: Iterable[Redacted]) -> Iterator[LedgerEntry]:
    """The ledger entries of a partition's records (none in a dry run or unrecorded job)."""
    return (result.entry for result in results if result.entry is not None)


_TARGETS: dict[bytes, LedgerTarget] = {}


def _ledger_target(secret: bytes | None) -> LedgerTarget | None:
    """One ConsumerIndex per executor process (it caches the owners' derived keys)."""
    if secret is None:
        return None
    target = _TARGETS.get(secret)
    if target is None:
        target = _TARGETS[secret] = LedgerTarget(ConsumerIndex(secret), door="spark")
    return target


def raw_records(
    spec: FileSpec, lines: Iterable[tuple[str, int]], owner: str = ""
) -> Iterator[InputRecord]:
    """The InputRecords of numbered lines of one file, as the local reader would make them."""
    if spec.premade:
        # Drained all the same: a Python worker that leaves input unread is not reused.
        deque(lines, maxlen=0)
        yield from spec.premade
        return
    numbered = ((position + 1, text) for text, position in lines)
    if spec.format == "csv":
        yield from _csv_records(spec, numbered, owner)
    else:
        yield from jsonl_records(spec.path, _jsonl_texts(spec, numbered), owner)


def _jsonl_texts(
    spec: FileSpec, lines: Iterable[tuple[int, str]]
) -> Iterator[tuple[int, str | None]]:
    """Lines as the local reader sees them: with their line break, None where not UTF-8."""
    for line, text in lines:
        if HADOOP_NOT_UTF8 in text:
            yield line, None
        else:
            yield line, text if line == spec.unterminated else text + "\n"


def _csv_records(
    spec: FileSpec, lines: Iterable[tuple[int, str]], owner: str
) -> Iterator[InputRecord]:
    header = list(spec.header)
    for line, text in lines:
        if line == 1:
            continue  # the header, read by the driver
        try:
            row = csv_row(text, line == spec.unterminated)
        except csv.Error as error:
            yield InputRecord(spec.path, line, None, f"not valid CSV ({error})")
            continue
        if any("\n" in cell for cell in row):
            yield InputRecord(spec.path, line, None, SPANNING_FIELD)
        else:
            yield csv_row_record(spec.path, header, row, line, owner)


def profile_files(
    job: Job, samples: Iterable[tuple[FileSpec, list[tuple[str, int]]]]
) -> Iterator[dict[str, SampleProfile]]:
    """Each file's column profiles from its first numbered lines (one task does them all)."""
    redactor = engine_for(job.settings)
    for spec, lines in samples:
        yield profile_records(redactor, list(raw_records(spec, lines, job.owner)), job.received_at)
