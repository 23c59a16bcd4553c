"""Run a batch job on Spark: the local door's per-record function, on executors.

Lines are read with ``sc.textFile`` and numbered with ``zipWithIndex`` per input
file, turned into the same RawRecords the local reader makes (same problems,
same words: the helpers come from inputs.py) and handed to ``process_record``
inside ``mapPartitions`` (by ``process_chunk``, in chunks, as the local door
does). Each executor Python process builds the engine once (a module-level
cache keyed by the settings) and keeps it for every later task.

Partitions stay in input order (files in order, then lines), so the part files
of the output directory, read in name order, are the local door's output.

Before that, each file's first records are profiled, as the local door does
(``job.profile_records``): the driver reads their lines through the JVM and one
Python task profiles them all; the column kinds found ship with each file's spec.

Where Spark differs from the local door (documented, not hidden):

* Output is a directory of JSONL part files (``part-00000.jsonl`` ..., then
  ``_SUCCESS``); never ``-``, never CSV.
* A CSV quoted field that spans lines is not supported: each line is parsed on
  its own, so the line that opens it is reported as a bad row (and the lines
  after it are parsed as rows of their own, usually with the wrong column count).
* Hadoop decodes lines with U+FFFD for bytes that are not UTF-8, so a line with
  a literal U+FFFD is reported "not valid UTF-8" (the local door would accept it).
  Hadoop also ends a line at a lone carriage return, which Python does not.
* Paths without a scheme are local files (``file://``), checked on the driver: a
  missing one is a bad record, as locally. ``hdfs://``, ``s3a://`` ... are passed
  to Spark as they are (a directory there is one input, its lines numbered across
  its files). A file Spark cannot read, or that stops being readable half-way (a
  truncated .gz), fails the whole job: an OSError naming the root cause.
* ``--workers`` and ``--progress`` do not apply: Spark's cores and partitions are the workers.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial, reduce
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from gateway.batch.inputs import (
    STDIN,
    Format,
    InputFile,
    RawRecord,
    RecordReader,
    csv_header_problem,
    csv_row_record,
    discover,
    jsonl_records,
)
from gateway.batch.job import ColumnKinds, LedgerTarget, kinds_of, process_chunk, profile_records
from gateway.batch.local import CHUNK, BatchAbortedError, BatchOptions
from gateway.batch.outputs import UnwritableRecordError, jsonl_line
from gateway.batch.summary import BatchSummary
from gateway.config import ConfigError, Settings, build_redactor, load_settings
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.entry import LedgerEntry
from gateway.custody.intake import Intake
from gateway.custody.store.protocol import LedgerStore
from redaction import Redactor, SampleProfile

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext
    from pyspark.sql import SparkSession

APP_NAME = "leadgate-redact"
PART_EXTENSION = ".jsonl"  # every part file is JSONL (a dry run's too)
LEDGER_BATCH = 500  # ledger entries per transaction on the driver
SPANNING_FIELD = "has a quoted field that goes on past the end of the line (not supported on Spark)"
_NOT_UTF8 = "\ufffd"  # what Hadoop puts where the bytes were not UTF-8
_CSV_NOT_UTF8 = "\udcff"  # what RecordReader puts in a CSV line that was not UTF-8

# What a partition sends back: the JSONL lines of its redacted records and their ledger
# entries, then its summary.
Result = str | LedgerEntry | BatchSummary


@dataclass(frozen=True)
class FileSpec:
    """What executors need to know about one input file to make its RawRecords."""

    path: str  # as the local door names it in problems
    format: Format
    header: tuple[str, ...] = ()  # CSV: the header's names, stripped
    # A line that ended the file without a line break (0: none, or not known): its
    # JSON errors at the very end are numbered as the local reader numbers them.
    unterminated: int = 0
    # Records the driver already made (a file it cannot open, a bad CSV header):
    # the file's lines are not read.
    premade: tuple[RawRecord, ...] = ()
    # What the file's column profile makes its columns, per owner.
    column_kinds: ColumnKinds = field(default_factory=dict)


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


# --- executors ----------------------------------------------------------------------

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


def redact_file(job: Job, spec: FileSpec, lines: Iterable[tuple[str, int]]) -> Iterator[Result]:
    """``process_record`` (by chunks) over one partition of one input file, in order.

    ``lines`` are ``zipWithIndex`` pairs (text, 0-based line). Yields the output
    line of each record redacted, then the partition's summary: counting here, in
    the same Python worker, is what keeps it one worker (one engine) per task.
    """
    summary = BatchSummary()
    records = raw_records(spec, lines, job.owner)
    # In chunks, as the local door runs them: process_chunk is process_record over a
    # chunk, with the NER of a chunk's leads batched.
    target = _ledger_target(job.index_secret)
    while chunk := list(islice(records, CHUNK)):
        redactor = engine_for(job.settings)
        for outcome in process_chunk(
            redactor, chunk, job.received_at, job.dry_run, target, spec.column_kinds
        ):
            line = None
            if outcome.output is not None:
                try:
                    line = jsonl_line(outcome.output)  # as the local writer writes it
                except UnwritableRecordError as error:  # a bad record, as locally
                    outcome = replace(outcome, output=None, entry=None, problem=str(error))
            summary.add(outcome)
            if line is not None:
                yield line
            if outcome.entry is not None:
                yield outcome.entry
    yield summary


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
) -> Iterator[RawRecord]:
    """The RawRecords of numbered lines of one file, as the local reader would make them."""
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
        if _NOT_UTF8 in text:
            yield line, None
        else:
            yield line, text if line == spec.unterminated else text + "\n"


def _csv_records(
    spec: FileSpec, lines: Iterable[tuple[int, str]], owner: str
) -> Iterator[RawRecord]:
    header = list(spec.header)
    for line, text in lines:
        if line == 1:
            continue  # the header, read by the driver
        try:
            row = _csv_row(text, line == spec.unterminated)
        except csv.Error as error:
            yield RawRecord(spec.path, line, None, f"not valid CSV ({error})")
            continue
        if any("\n" in cell for cell in row):
            yield RawRecord(spec.path, line, None, SPANNING_FIELD)
        else:
            yield csv_row_record(spec.path, header, row, line, owner)


def _csv_row(text: str, unterminated: bool = False) -> list[str]:
    """One line parsed alone; a line that was not UTF-8 parses as RecordReader's does."""
    if _NOT_UTF8 in text:
        text = _CSV_NOT_UTF8
    # The line break Hadoop took off goes back on: a quoted field still open at the
    # end of the line then holds it, which is how a spanning field is recognised.
    return next(csv.reader([text if unterminated else text + "\n"]))


def profile_files(
    job: Job, samples: Iterable[tuple[FileSpec, list[tuple[str, int]]]]
) -> Iterator[dict[str, SampleProfile]]:
    """Each file's column profiles from its first numbered lines (one task does them all)."""
    redactor = engine_for(job.settings)
    for spec, lines in samples:
        yield profile_records(redactor, list(raw_records(spec, lines, job.owner)), job.received_at)


def summaries(results: Iterable[Result]) -> Iterator[BatchSummary]:
    """The partition summaries among the results."""
    return (result for result in results if isinstance(result, BatchSummary))


def ledger_entries(results: Iterable[Result]) -> Iterator[LedgerEntry]:
    """The ledger entries of a partition's results."""
    return (result for result in results if isinstance(result, LedgerEntry))


def output_lines(results: Iterable[Result]) -> Iterator[str]:
    """The output lines among the results."""
    return (result for result in results if isinstance(result, str))


# --- driver --------------------------------------------------------------------------


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
    target = _output_uri(options.output)
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
        raise OSError(f"the Spark job failed: {_java_message(error)}") from None
    finally:
        if owned:
            spark.stop()
    summary.elapsed_s = time.monotonic() - started
    return summary


def start_session(master: str | None = None) -> SparkSession:
    """A quiet classic Spark session; on a local master, bound to 127.0.0.1 with our Python.

    ``master`` None means spark-submit's ``--master`` if there was one, else local[*].
    On a local master nothing listens beyond loopback and the Python workers are
    this interpreter (they must import ``gateway``). Cluster masters keep Spark's
    addresses: executors on other machines must reach the driver.
    """
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    resolved = master or SparkConf().get("spark.master") or "local[*]"
    builder = (
        SparkSession.builder.master(resolved)
        .appName(APP_NAME)
        .config("spark.api.mode", "classic")  # the RDD API: Spark Connect has none
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if resolved.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # a JVM started from here
    with _quiet_jvm():
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")  # a JVM already running (spark-submit) too
    return spark


# The driver JVM's log4j2 configuration when this process starts it: errors only, on
# stderr. Without one Spark loads its own defaults and says so, sets WARN and says
# so, and warns about native Hadoop libraries: lines an operator reads as trouble.
LOG4J2_PROPERTIES = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
# A Python driver's JVM starts here; Spark sets the root level to this logger's
# (WARN when it has none) and says so, unless the two already agree.
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
"""


@contextmanager
def _quiet_jvm() -> Iterator[None]:
    """While a session starts: a JVM launched from here reads LOG4J2_PROPERTIES.

    Through ``SPARK_SUBMIT_OPTS`` (read by the launcher before ``--conf`` options),
    so a ``spark.driver.extraJavaOptions`` of the operator's own, log4j2 file
    included, still applies and wins. The file is needed only while the JVM starts.
    """
    logging.getLogger("py4j").setLevel(logging.WARNING)  # its INFO lines at every stop
    before = os.environ.get("SPARK_SUBMIT_OPTS")
    with tempfile.TemporaryDirectory(prefix="leadgate-spark-") as folder:
        config = Path(folder) / "log4j2.properties"
        config.write_text(LOG4J2_PROPERTIES)
        option = f"-Dlog4j2.configurationFile={config.as_uri()}"
        os.environ["SPARK_SUBMIT_OPTS"] = f"{before} {option}" if before else option
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("SPARK_SUBMIT_OPTS", None)
            else:
                os.environ["SPARK_SUBMIT_OPTS"] = before


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
    specs = [_spec(spark, source, options.owner) for source in files]
    profiles = _profiles(spark, job, specs, options.profile_sample)
    specs = [replace(s, column_kinds=kinds_of(p)) for s, p in zip(specs, profiles, strict=True)]
    parts = [_redacted(sc, job, spec) for spec in specs]
    nothing: list[Result] = [BatchSummary()]
    results = sc.union(parts) if parts else sc.parallelize(nothing, 1)
    # The results (redacted lines and counts, never raw lines) are kept between the
    # pass that counts and the pass that writes, so --on-error fail writes nothing.
    results.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # Filled by a JVM action: a Python one (count, collect of a filter) would run
        # in a second Python worker beside each redacting one, and that worker could
        # later be handed a redaction task and load an engine of its own.
        results._jrdd.count()
        partials = results.mapPartitions(summaries).collect()  # in partition order
        summary = reduce(BatchSummary.merge, partials, BatchSummary(input_files=len(specs)))
        for spec, found in zip(specs, profiles, strict=True):
            summary.add_profiles(spec.path, found)
        if options.on_error == "fail" and summary.bad_records:
            source, line, problem = summary.bad_records[0]
            raise BatchAbortedError(f"{source}:{line}: {problem}")
        _save(spark, results.mapPartitions(output_lines), target)
        # Only now, with every line saved, is each record "written": a failed save
        # records nothing (a crash while recording leaves lines without entries,
        # never an entry without its line).
        if recording:
            intake = Intake(ledger)
            entries = results.mapPartitions(ledger_entries).toLocalIterator()
            while batch := list(islice(entries, LEDGER_BATCH)):
                summary.ledger_entries += intake.record_written(batch)
    finally:
        results.unpersist()
    return summary


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
    rows = spark.read.text(_input_uri(spec.path)).limit(wanted).collect()
    return [(str(row[0]), position) for position, row in enumerate(rows)]


def _redacted(sc: SparkContext, job: Job, spec: FileSpec) -> RDD[Result]:
    """One input file's results: its lines numbered and redacted in one Python stage."""
    if spec.premade:
        lines: RDD[tuple[str, int]] = sc.parallelize([], 1)
    else:
        lines = sc.textFile(_input_uri(spec.path), sc.defaultParallelism).zipWithIndex()
    return lines.mapPartitions(partial(redact_file, job, spec))


def _spec(spark: SparkSession, source: InputFile, owner: str) -> FileSpec:
    """Local files are opened here, as the local reader opens them; URIs are Spark's to read."""
    if not _is_local(source.path):
        return _remote_spec(spark, source)
    try:
        Path(source.path).open("rb").close()
    except OSError:
        # The local reader's own words for a file it cannot open.
        return FileSpec(source.path, source.format, premade=tuple(RecordReader(source, owner)))
    unterminated = _unterminated_line(source.path)
    if source.format != "csv":
        return FileSpec(source.path, "jsonl", unterminated=unterminated)
    # The local reader reads the header (its first record, if it is one at line 1, is
    # why the file cannot be read: a bad header, unreadable bytes, and nothing follows).
    reader = RecordReader(source, owner)
    first = next(iter(reader), None)
    if first is not None and first.line == 1 and first.obj is None:
        return FileSpec(source.path, "csv", premade=(first,))
    return FileSpec(source.path, "csv", tuple(reader.header), unterminated)


def _remote_spec(spark: SparkSession, source: InputFile) -> FileSpec:
    if source.format != "csv":
        return FileSpec(source.path, source.format)
    if not source.path.endswith((".csv", ".csv.gz")) or any(c in source.path for c in "*?["):
        # A directory or glob of CSV files would read every later file's header as a row.
        raise ValueError(
            f"{source.path}: Spark reads CSV from a URI one file at a time; name each .csv file"
        )
    # The header through the JVM only: a Python take(1) would end a Python worker
    # early, and Spark does not reuse such a worker (nor the engine it loaded).
    first = spark.read.text(source.path).limit(1).collect()
    if not first:
        return FileSpec(source.path, "csv")  # an empty file: no header, no records
    header = tuple(name.strip() for name in _csv_row(str(first[0][0])))
    problem = csv_header_problem(list(header))
    if problem:
        return FileSpec(source.path, "csv", premade=(RawRecord(source.path, 1, None, problem),))
    return FileSpec(source.path, "csv", header)


def _unterminated_line(path: str) -> int:
    """The number of a local file's last line if no line break ends it (gzip: not known, 0)."""
    if path.endswith(".gz"):
        return 0
    with Path(path).open("rb") as handle:
        if handle.seek(0, os.SEEK_END) == 0:
            return 0
        handle.seek(-1, os.SEEK_END)
        if handle.read(1) == b"\n":
            return 0
        handle.seek(0)
        breaks = sum(block.count(b"\n") for block in iter(partial(handle.read, 1 << 20), b""))
    return breaks + 1


def _is_local(path: str) -> bool:
    return "://" not in path


def _input_uri(path: str) -> str:
    """Local paths as file:// URIs, so a cluster's default file system does not claim them."""
    return f"file://{os.path.abspath(path)}" if _is_local(path) else path


def _output_uri(output: str) -> str:
    if output == "-":
        raise ValueError("Spark writes a directory of part files: give -o DIRECTORY, not -")
    if output.endswith((".csv", ".csv.gz")):
        raise ValueError("Spark writes JSONL part files: name the output directory without .csv")
    if _is_local(output) and Path(output).exists():
        raise ValueError(f"{output} already exists: Spark writes a new directory, give another")
    return _input_uri(output)


def _java_message(error: BaseException) -> str:
    """The root cause of a failed Spark job, on one line (the stack is in Spark's log)."""
    text = str(error)
    try:
        cause = error.java_exception  # type: ignore[attr-defined]
        for _ in range(20):  # "Job aborted ... Python worker exited" -> "EOFException ..."
            deeper = cause.getCause()
            if deeper is None:
                break
            cause = deeper
        text = str(cause.toString())
    except Exception:  # the gateway may be gone: keep the Python text
        pass
    lines = text.strip().splitlines()
    return lines[0][:500] if lines else type(error).__name__


# --- spark-submit entry point --------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    from gateway.batch.options import add_job_arguments

    parser = argparse.ArgumentParser(
        prog="spark-submit gateway/batch/spark.py",
        description="leadgate redact on Spark: files of leads (JSONL, CSV) and transcripts "
        "(JSONL) in, a directory of redacted JSONL part files out",
    )
    parser.add_argument("--config", type=Path, help="TOML settings file (keys as in Settings)")
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files or directories (.gz ok), or URIs"
    )
    parser.add_argument("-o", "--output", required=True, help="output directory (must not exist)")
    add_job_arguments(parser)
    parser.add_argument(
        "--spark-master", help="Spark master URL (default: spark-submit's --master, or local[*])"
    )
    # What options_from_args reads that has no meaning here.
    parser.set_defaults(workers=1, remote=None, engine="spark", progress=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """``spark-submit gateway/batch/spark.py INPUT... -o DIR``: ``leadgate redact`` on Spark."""
    from gateway.batch.options import options_from_args, report_summary, run_batch

    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config, overrides={"spacy_model": args.spacy_model})
    except ConfigError as error:
        print(f"leadgate redact: {error}", file=sys.stderr)
        return 2
    try:
        options = options_from_args(args)
        summary = run_batch(settings, options, "spark", args.spark_master)
    except BatchAbortedError as error:
        print(f"leadgate redact: stopped at {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"leadgate redact: {error}", file=sys.stderr)
        return 1
    return report_summary(summary, args.report)


if __name__ == "__main__":
    # Run as a script, this file is __main__ and its directory is first on sys.path
    # (where local.py, options.py ... would shadow top-level modules). Drop that
    # directory and run the importable module's main, so the functions shipped to
    # executors are gateway.batch.spark's, imported there, with its engine cache.
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
    from gateway.batch.spark import main as _main

    sys.exit(_main())
