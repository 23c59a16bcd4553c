"""Writing batch output: JSONL or CSV, one file, one file per input, or stdout; gzip by name."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from gateway.batch.inputs import RECORD_COLUMNS, STDIN, InputFile, RecordReader, input_format
from gateway.batch.job import Outcome

STDOUT = "-"


class OutputError(ValueError):
    """The output cannot take these inputs (says which option to change)."""


class UnwritableRecordError(ValueError):
    """One redacted record cannot be written as UTF-8 text; nothing of it was written."""


NOT_UTF8 = "the redacted record cannot be written as UTF-8 (a lone surrogate)"


def jsonl_line(output: dict[str, Any]) -> str:
    """One output line (no line break), checked to be UTF-8 text before anything is written.

    A half-written line would corrupt the file, and an encoding error raised by the
    file object would stop the whole job for one record.
    """
    return _utf8(json.dumps(output, ensure_ascii=False))


def _utf8(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnwritableRecordError(NOT_UTF8) from None
    return text


class _Text(Protocol):
    """What the writer needs of an output: a text file, or stdout as UTF-8."""

    def write(self, text: str, /) -> int: ...
    def flush(self) -> None: ...
    def fileno(self) -> int: ...
    def close(self) -> None: ...


class _Utf8Stdout:
    """stdout as UTF-8 whatever the locale says, as files are; never closed (not ours)."""

    def __init__(self, buffer: BinaryIO, line_buffered: bool) -> None:
        self._buffer = buffer
        self._line_buffered = line_buffered  # a terminal: each line shows as it is written

    def write(self, text: str, /) -> int:
        self._buffer.write(text.encode("utf-8"))
        if self._line_buffered:
            self._buffer.flush()
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()

    def fileno(self) -> int:
        return self._buffer.fileno()

    def close(self) -> None:
        self._buffer.flush()


def _open_text(path: str) -> _Text:
    if path == STDOUT:
        sys.stdout.flush()  # anything printed before goes first
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stand-in (tests): write to it as it is
            return sys.stdout
        return _Utf8Stdout(buffer, bool(getattr(sys.stdout, "line_buffering", False)))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if path.endswith(".gz"):
        return gzip.open(path, "wt", encoding="utf-8", newline="")
    return Path(path).open("w", encoding="utf-8", newline="")


class RecordWriter:
    """Writes outcomes to one target; CSV targets take their columns from the CSV input."""

    def __init__(self, path: str, dry_run: bool) -> None:
        self.path = path
        self.format = "jsonl" if path == STDOUT else (input_format(path) or "jsonl")
        if self.format == "csv" and dry_run:
            raise OutputError("a dry run writes JSONL: name the output .jsonl or use -")
        self._handle: _Text | None = None
        self._buffer = io.StringIO()  # one CSV row at a time, checked before it is written
        self._csv = csv.writer(self._buffer)
        self._header: list[str] = []
        self._failed = False  # a write or flush failed: nothing after it is taken as written

    def write(self, outcome: Outcome, reader: RecordReader) -> None:
        """Append one redacted record; UnwritableRecordError (nothing written) if it cannot be."""
        assert outcome.output is not None
        if self.format == "jsonl":
            text = jsonl_line(outcome.output) + "\n"
        else:
            text = self._csv_text(outcome.output, reader, outcome.columns)
        if self._handle is None:
            self._handle = _open_text(self.path)
        try:
            self._handle.write(text)
        except BaseException:
            self._failed = True  # what reached the output is not known now
            raise

    def _csv_text(
        self, output: dict[str, Any], reader: RecordReader, columns: tuple[str, ...]
    ) -> str:
        """One row (after the header, first); ``columns``: the header, names screened."""
        if reader.source.format != "csv" or not reader.header:
            raise OutputError("CSV output needs CSV input (its header fixes the columns)")
        header = [*(columns or _renamed_header(reader.header, output)), "tags", "findings"]
        if self._header and header != self._header:
            raise OutputError(
                "CSV inputs with different headers cannot share one CSV output: "
                "write JSONL, or give a directory as --output"
            )
        row = _utf8(self._csv_row([_cell(output, column) for column in header]))
        if self._header:
            return row
        self._header = header
        return self._csv_row(header) + row

    def _csv_row(self, cells: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._csv.writerow(cells)
        return self._buffer.getvalue()

    def flush(self) -> None:
        """Push what is written into the output, and a file's to disk: it is in the output now."""
        if self._failed:
            raise OSError("the output failed half-way: which lines it holds is not known")
        if self._handle is None:
            return
        try:
            self._handle.flush()
            descriptor = _descriptor(self._handle)
            if descriptor is not None and stat.S_ISREG(os.fstat(descriptor).st_mode):
                os.fsync(descriptor)  # a file (not a pipe, not a terminal): to disk
        except BaseException:
            self._failed = True
            raise

    def close(self) -> None:
        """Flush and close (stdout is flushed and left open)."""
        if self._handle is None and self.path != STDOUT:
            self._handle = _open_text(self.path)  # an empty input still makes its output
        if self._handle is None:
            sys.stdout.flush()
        elif self._handle is sys.stdout:
            self._handle.flush()
        else:
            self._handle.close()  # stdout's: flushed only


def _descriptor(handle: _Text) -> int | None:
    """The file descriptor behind an output, None for a stand-in with none (tests)."""
    try:
        return handle.fileno()
    except (OSError, ValueError):
        return None


def _renamed_header(header: Sequence[str], output: dict[str, Any]) -> list[str]:
    """The input header with the names the gateway replaced (``--remote``: no engine here).

    A column whose name held an identifier comes back under ``<US_SSN>`` (and so on):
    its input name is absent from the output's fields, and a placeholder is present.
    The placeholders take the absent names' places, in the order the gateway gave them
    (sorted original names), so the input's name never reaches the output file.
    """
    fields = output.get("fields") or {}
    absent = sorted(c for c in header if c not in RECORD_COLUMNS and c not in fields)
    if not absent:
        return list(header)
    placeholders = sorted(k for k in fields if k not in header and k.startswith("<"))
    named = dict(zip(absent, placeholders, strict=False))
    # An absent column with no placeholder is empty in this row; its name still must not
    # leave if it looks like a value: name it by its place.
    return [
        named.get(c, c if c not in absent or not _may_be_value(c) else f"<column_{i + 1}>")
        for i, c in enumerate(header)
    ]


def _may_be_value(name: str) -> bool:
    """A column name with a long number in it may be a value (never written as a name)."""
    return sum(ch.isdigit() for ch in name) >= 6


def _cell(output: dict[str, Any], column: str) -> str:
    if column in ("tags", "findings"):
        return json.dumps(output[column], ensure_ascii=False)
    if column in RECORD_COLUMNS:
        return str(output.get(column, ""))
    value = output["fields"].get(column)
    return "" if value is None else str(value)


class OutputPlan:
    """Where each input's records go: one shared target, or one file per input in a directory."""

    def __init__(self, target: str, inputs: list[InputFile], dry_run: bool) -> None:
        self._dry_run = dry_run
        self._per_input = target != STDOUT and (Path(target).is_dir() or target.endswith("/"))
        self._target = target
        if self._per_input and any(i.path == STDIN for i in inputs):
            raise OutputError("stdin has no file name to write under a directory: use -o FILE")
        self._shared = None if self._per_input else RecordWriter(target, dry_run)
        _refuse_overwrites(target, inputs, self._per_input)

    def writer_for(self, source: InputFile) -> RecordWriter:
        """The writer of this input's records (the caller closes per-input ones)."""
        if self._shared is not None:
            return self._shared
        relative = Path(source.path).relative_to(source.root or Path(source.path).parent)
        return RecordWriter(str(Path(self._target) / relative), self._dry_run)

    @property
    def shared(self) -> RecordWriter | None:
        """The one writer all inputs share, if any."""
        return self._shared


def _refuse_overwrites(target: str, inputs: list[InputFile], per_input: bool) -> None:
    """No output may be an input, and no two inputs may share an output."""
    sources = {Path(i.path).resolve() for i in inputs if i.path != STDIN}
    if not per_input:
        if target != STDOUT and Path(target).resolve() in sources:
            raise OutputError(f"the output {target} is also an input")
        return
    seen: set[Path] = set()
    for source in inputs:
        out = (
            Path(target) / Path(source.path).relative_to(source.root or Path(source.path).parent)
        ).resolve()
        if out in sources:
            raise OutputError(f"the output for {source.path} would overwrite an input")
        if out in seen:
            raise OutputError(
                f"two inputs would write {out}: give each its own --output, or one output file"
            )
        seen.add(out)
