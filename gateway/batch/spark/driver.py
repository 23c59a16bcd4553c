"""The Spark job, on the driver: profile, redact on executors, count, save, then record.

Nothing is written before every record is counted (so ``--on-error fail`` writes
nothing), and no entry is recorded before every line is saved.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial, reduce
from itertools import islice
from typing import TYPE_CHECKING

from gateway.batch.inputs import STDIN, discover
from gateway.batch.job import kinds_of
from gateway.batch.loop import Record, aborted, recorder
from gateway.batch.options import BatchOptions
from gateway.batch.spark.executor import (
    Job,
    Redacted,
    entries_of,
    lines_of,
    profile_files,
    redact_file,
    summary_of,
)
from gateway.batch.spark.session import java_message, start_session
from gateway.batch.spark.specs import FileSpec, file_spec, input_uri, output_uri
from gateway.batch.summary import BatchSummary
from gateway.config import Settings
from gateway.custody.store.protocol import LedgerStore
from redaction import SampleProfile

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext
    from pyspark.sql import SparkSession

PART_EXTENSION = ".jsonl"  # every part file is JSONL (a dry run's too)
LEDGER_BATCH = 500  # ledger entries per transaction on the driver


def run_spark(
    settings: Settings,
    options: BatchOptions,
    master: str | None,
    session: SparkSession | None = None,
    *,
    ledger: LedgerStore | None = None,
    index_secret: bytes | None = None,
) -> BatchSummary:
    """Run the job on Spark; ``session`` (tests, notebooks) is used and left running.

    With ``ledger`` (and the index secret), the driver records every written
    record's entry once the output is saved.
    """
    started = time.monotonic()
    target = output_uri(options.output)
    if STDIN in options.inputs:
        raise ValueError("Spark cannot read stdin: name files or directories")
    from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]
    from pyspark.sql import SparkSession

    # Stop only a session this run started: not the caller's, not spark-submit's own.
    owned = session is None and SparkSession.getActiveSession() is None
    spark = session if session is not None else start_session(master)
    try:
        summary = _run(spark, settings, options, target, ledger, index_secret)
    except Py4JJavaError as error:
        raise OSError(f"the Spark job failed: {java_message(error)}") from None
    finally:
        if owned:
            spark.stop()
    summary.elapsed_s = time.monotonic() - started
    return summary


def _run(
    spark: SparkSession,
    settings: Settings,
    options: BatchOptions,
    target: str,
    ledger: LedgerStore | None,
    index_secret: bytes | None,
) -> BatchSummary:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    recording = ledger is not None and index_secret is not None and not options.dry_run
    job = Job(
        settings,
        options.received_at or datetime.now(UTC),
        options.dry_run,
        options.owner,
        index_secret if recording else None,
    )
    files = discover(options.inputs, options.input_format)
    specs = [file_spec(spark, source, options.owner) for source in files]
    profiles = _profiles(spark, job, specs, options.profile_sample)
    specs = [replace(s, column_kinds=kinds_of(p)) for s, p in zip(specs, profiles, strict=True)]
    parts = [_file_results(sc, job, spec) for spec in specs]
    results = sc.union(parts) if parts else sc.parallelize([], 1)
    # The results (redacted lines and counts, never raw lines) are kept between the
    # pass that counts and the pass that writes, so --on-error fail writes nothing.
    results.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # Filled by a JVM action: a Python one (count, collect of a filter) would run
        # in a second Python worker beside each redacting one, and that worker could
        # later be handed a redaction task and load an engine of its own.
        results._jrdd.count()
        partials = results.mapPartitions(summary_of).collect()  # in partition order
        summary = reduce(BatchSummary.merge, partials, BatchSummary(input_files=len(specs)))
        for spec, found in zip(specs, profiles, strict=True):
            summary.add_profiles(spec.path, found)
        if options.on_error == "fail" and summary.bad_records:
            raise aborted(*summary.bad_records[0])
        _save(spark, results.mapPartitions(lines_of), target)
        record = recorder(ledger) if recording else None
        shared = _shared_ledger_url(ledger)
        if record is not None and shared:
            summary.ledger_entries += sum(
                results.mapPartitions(partial(_record_on_executor, shared)).collect()
            )
        elif record is not None:
            _record_saved(results, record, summary)
    finally:
        results.unpersist()
    return summary


def _record_saved(results: RDD[Redacted], record: Record, summary: BatchSummary) -> None:
    """Record every saved line's entry, LEDGER_BATCH at a time.

    Only once every line is saved is each record "written": a failed save records
    nothing (a crash while recording leaves lines without entries, never an entry
    without its line).
    """
    entries = results.mapPartitions(entries_of).toLocalIterator()
    while batch := list(islice(entries, LEDGER_BATCH)):
        record(batch)
        summary.ledger_entries += len(batch)


def _shared_ledger_url(ledger: LedgerStore | None) -> str:
    """The ledger's PostgreSQL URL, when executors can reach it themselves; else ""."""
    from gateway.custody.store.postgres_ledger import PostgresLedger

    return ledger.url if isinstance(ledger, PostgresLedger) else ""


def _record_on_executor(url: str, results: Iterable[Redacted]) -> Iterator[int]:
    """On an executor: record its partition's entries, LEDGER_BATCH per transaction (COPY).

    A shared ledger is one database every executor reaches: the entries go there
    from where they were made, not through the driver. Run only after every line
    is saved, as on the driver. Yields how many it recorded.
    """
    from gateway.custody.store.postgres_ledger import PostgresLedger

    entries = entries_of(results)
    store = PostgresLedger(url, create=False, pool_size=1)
    try:
        record = recorder(store)
        recorded = 0
        while record is not None and (batch := list(islice(entries, LEDGER_BATCH))):
            record(batch)
            recorded += len(batch)
    finally:
        store.close()
    yield recorded


SUCCESS_MARKER = "mapreduce.fileoutputcommitter.marksuccessfuljobs"


def _save(spark: SparkSession, lines: RDD[str], target: str) -> None:
    """Save the lines as part files named for their format (``part-00000.jsonl``).

    ``saveAsTextFile`` names them ``part-00000``, with no extension; they are renamed
    through Hadoop's file system (any URI), and the ``_SUCCESS`` marker is made only
    after, so a reader that waits for it never sees the old names.
    """
    hadoop = spark.sparkContext._jsc.hadoopConfiguration()
    before = hadoop.get(SUCCESS_MARKER)
    hadoop.set(SUCCESS_MARKER, "false")
    try:
        lines.saveAsTextFile(target)
    finally:
        if before is None:
            hadoop.unset(SUCCESS_MARKER)
        else:
            hadoop.set(SUCCESS_MARKER, before)
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    directory = jvm.org.apache.hadoop.fs.Path(target)
    files = directory.getFileSystem(hadoop)
    for status in files.listStatus(directory):
        name = status.getPath().getName()
        if name.startswith("part-") and not name.endswith(PART_EXTENSION):
            renamed = jvm.org.apache.hadoop.fs.Path(directory, name + PART_EXTENSION)
            if not files.rename(status.getPath(), renamed):
                raise OSError(f"cannot rename {name} to {name}{PART_EXTENSION} in {target}")
    files.create(jvm.org.apache.hadoop.fs.Path(directory, "_SUCCESS"), True).close()


def _profiles(
    spark: SparkSession, job: Job, specs: list[FileSpec], sample: int
) -> list[Mapping[str, SampleProfile]]:
    """Each file's column profiles: its first lines read by the JVM, profiled in one task."""
    if sample <= 0:
        return [{} for _ in specs]
    samples = [(spec, [] if spec.premade else _first_lines(spark, spec, sample)) for spec in specs]
    wanted = [(spec, lines) for spec, lines in samples if lines]
    if not wanted:
        return [{} for _ in specs]
    sc = spark.sparkContext
    found = iter(sc.parallelize([wanted], 1).flatMap(partial(profile_files, job)).collect())
    return [next(found) if lines else {} for _, lines in samples]


def _first_lines(spark: SparkSession, spec: FileSpec, records: int) -> list[tuple[str, int]]:
    """A file's first lines, as zipWithIndex numbers them (a CSV header line besides)."""
    wanted = records + (1 if spec.format == "csv" else 0)
    rows = spark.read.text(input_uri(spec.path)).limit(wanted).collect()
    return [(str(row[0]), position) for position, row in enumerate(rows)]


def _file_results(sc: SparkContext, job: Job, spec: FileSpec) -> RDD[Redacted]:
    """One input file's results: its lines numbered and redacted in one Python stage."""
    if spec.premade:
        lines: RDD[tuple[str, int]] = sc.parallelize([], 1)
    else:
        lines = sc.textFile(input_uri(spec.path), sc.defaultParallelism).zipWithIndex()
    return lines.mapPartitions(partial(redact_file, job, spec))
