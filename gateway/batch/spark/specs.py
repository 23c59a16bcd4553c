"""What the driver learns of each input file before the job: its FileSpec, and its URI.

Local files are opened here, as the local reader opens them (a file that cannot be
read, or a bad CSV header, becomes premade records and its lines are not read);
URIs are Spark's to read.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from gateway.batch.inputs import Format, InputFile, InputRecord, RecordReader, csv_header_problem
from gateway.batch.job import ColumnKinds

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

HADOOP_NOT_UTF8 = "\ufffd"  # what Hadoop puts where the bytes were not UTF-8
_CSV_NOT_UTF8 = "\udcff"  # what RecordReader puts in a CSV line that was not UTF-8


@dataclass(frozen=True)
class FileSpec:
    """What executors need to know about one input file to make its InputRecords."""

    path: str  # as the local door names it in problems
    format: Format
    header: tuple[str, ...] = ()  # CSV: the header's names, stripped
    # A line that ended the file without a line break (0: none, or not known): its
    # JSON errors at the very end are numbered as the local reader numbers them.
    unterminated: int = 0
    # Records the driver already made (a file it cannot open, a bad CSV header):
    # the file's lines are not read.
    premade: tuple[InputRecord, ...] = ()
    # What the file's column profile makes its columns, per owner.
    column_kinds: ColumnKinds = field(default_factory=dict)


def file_spec(spark: SparkSession, source: InputFile, owner: str) -> FileSpec:
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
    if first is not None and first.line == 1 and first.record is None:
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
    header = tuple(name.strip() for name in csv_row(str(first[0][0])))
    problem = csv_header_problem(list(header))
    if problem:
        return FileSpec(source.path, "csv", premade=(InputRecord(source.path, 1, None, problem),))
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


def input_uri(path: str) -> str:
    """Local paths as file:// URIs, so a cluster's default file system does not claim them."""
    return f"file://{os.path.abspath(path)}" if _is_local(path) else path


def output_uri(output: str) -> str:
    if output == "-":
        raise ValueError("Spark writes a directory of part files: give -o DIRECTORY, not -")
    if output.endswith((".csv", ".csv.gz")):
        raise ValueError("Spark writes JSONL part files: name the output directory without .csv")
    if _is_local(output) and Path(output).exists():
        raise ValueError(f"{output} already exists: Spark writes a new directory, give another")
    return input_uri(output)


def csv_row(text: str, unterminated: bool = False) -> list[str]:
    """One line parsed alone; a line that was not UTF-8 parses as RecordReader's does."""
    if HADOOP_NOT_UTF8 in text:
        text = _CSV_NOT_UTF8
    # The line break Hadoop took off goes back on: a quoted field still open at the
    # end of the line then holds it, which is how a spanning field is recognised.
    return next(csv.reader([text if unterminated else text + "\n"]))
