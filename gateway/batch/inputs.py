"""Reading batch input: JSONL and CSV, files and directories, gzip, stdin; one record at a time.

Each record is parsed here, once (a Lead or a Transcript), and goes on parsed to
every door's redact step. Every record comes with where it was (file, line), so a
bad one is reported precisely and skipped without losing the rest. A file that cannot be read at
all, or stops being readable half-way (a truncated .gz), is reported the same
way and the other files go on.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from redaction import Record, RedactionError, record_from_dict

Format = Literal["jsonl", "csv"]

# Columns of a CSV lead file that describe the record; every other column is a field.
RECORD_COLUMNS = ("id", "owner", "campaign_id", "consumer_state", "source")
STDIN = "-"
# A lead's notes may be long; the csv module's default field limit is 128 KiB.
CSV_FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(CSV_FIELD_LIMIT)
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}


@dataclass(frozen=True)
class InputRecord:
    """One input record before redaction: parsed (a Lead or a Transcript), or why it is none."""

    source: str
    line: int
    record: Record | None
    problem: str = ""
    columns: tuple[str, ...] = ()  # a CSV row's header (its names are screened for output)


@dataclass(frozen=True)
class InputFile:
    """A file to read (or stdin) and its format."""

    path: str
    format: Format
    root: str = ""  # the directory it was found under: output names are relative to it

    @property
    def size(self) -> int:
        """Bytes on disk (0 for stdin): the progress bar's total."""
        if self.path == STDIN:
            return 0
        try:
            return Path(self.path).stat().st_size
        except OSError:
            return 0  # reported when it is read


def input_format(path: str, forced: Format | None = None) -> Format | None:
    """The format a file name says (``leads.csv.gz`` -> csv), or None if it says none."""
    if forced is not None:
        return forced
    suffixes = Path(path).suffixes
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None  # type: ignore[return-value]


def discover(paths: Iterable[str], forced: Format | None = None) -> list[InputFile]:
    """Files to read: named files, and every JSONL/CSV (.gz) file under named directories."""
    found: list[InputFile] = []
    for path in paths:
        if path == STDIN:
            found.append(InputFile(STDIN, forced or "jsonl"))
        elif Path(path).is_dir():
            for child in sorted(p for p in Path(path).rglob("*") if p.is_file()):
                kind = input_format(str(child), forced)
                if kind is not None:
                    found.append(InputFile(str(child), kind, path))
        else:
            root = str(Path(path).parent)
            found.append(InputFile(path, input_format(path, forced) or "jsonl", root))
    return found


class _Counted(io.RawIOBase):
    """Counts the bytes read from the disk file, for progress through compressed input."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self.consumed += len(data)
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class RecordReader:
    """Iterates the records of one input; ``position`` is how far into the file it is."""

    def __init__(self, source: InputFile, default_owner: str = "") -> None:
        self.source = source
        self.default_owner = default_owner
        self._counted: _Counted | None = None
        self._lines_read = 0
        self.header: list[str] = []
        self._columns: tuple[str, ...] = ()  # the header, shared by every row's record

    @property
    def position(self) -> int:
        """Bytes of the file read so far."""
        return self._counted.consumed if self._counted is not None else 0

    def __iter__(self) -> Iterator[InputRecord]:
        try:
            lines = self._lines()
            if self.source.format == "csv":
                yield from self._csv(lines)
            else:
                yield from self._jsonl(lines)
        except (OSError, EOFError, zlib.error) as error:
            where = f" after line {self._lines_read}" if self._lines_read else ""
            yield InputRecord(
                self.source.path,
                self._lines_read + 1,
                None,
                f"cannot read the file{where}: {_os_error(error)}",
            )

    def _lines(self) -> Iterator[tuple[int, str | None]]:
        """(line number, text) with text None where the bytes are not UTF-8."""
        handle = self._open()
        try:
            for number, raw in enumerate(handle, start=1):
                self._lines_read = number
                try:
                    yield number, raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield number, None
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()

    def _open(self) -> IO[bytes]:
        if self.source.path == STDIN:
            return sys.stdin.buffer
        self._counted = _Counted(Path(self.source.path).open("rb"))  # noqa: SIM115 (closed by _lines)
        buffered = io.BufferedReader(self._counted)
        if self.source.path.endswith(".gz"):
            return gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[return-value]
        return buffered

    def _jsonl(self, lines: Iterator[tuple[int, str | None]]) -> Iterator[InputRecord]:
        for number, text in lines:
            if text is None:
                yield InputRecord(self.source.path, number, None, "not valid UTF-8")
                continue
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except RecursionError:  # deeper than the parser goes: one bad line, not the job
                yield InputRecord(
                    self.source.path, number, None, "not valid JSON (nested too deeply)"
                )
                continue
            except ValueError as error:  # JSONDecodeError, or a number too long to convert
                yield InputRecord(
                    self.source.path,
                    number,
                    None,
                    _json_problem(error),
                )
                continue
            place = _lone_surrogate_place(obj) if _SURROGATE_ESCAPE.search(text) else None
            if place is not None:
                yield InputRecord(self.source.path, number, None, _not_text(place))
                continue
            if not isinstance(obj, dict):
                yield InputRecord(self.source.path, number, None, "must be a JSON object")
                continue
            if self.default_owner and not obj.get("owner"):
                obj["owner"] = self.default_owner
            yield parsed(self.source.path, number, obj)

    def _csv(self, lines: Iterator[tuple[int, str | None]]) -> Iterator[InputRecord]:
        texts = ((text if text is not None else "\udcff") for _, text in lines)
        reader = csv.reader(texts)
        header = next(reader, None)
        if header is None:
            return
        header = [name.strip() for name in header]
        self.header = header
        self._columns = tuple(header)
        problem = _header_problem(header)
        if problem:
            yield InputRecord(self.source.path, 1, None, problem)
            return
        start = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # e.g. a field over the size limit
                line, start = start + 1, reader.line_num
                yield InputRecord(self.source.path, line, None, f"not valid CSV ({error})")
                continue
            line, start = start + 1, reader.line_num
            yield self._csv_record(header, row, line)

    def _csv_record(self, header: list[str], row: list[str], line: int) -> InputRecord:
        if any("\udcff" in cell for cell in row):  # the line was not UTF-8
            return InputRecord(self.source.path, line, None, "not valid UTF-8")
        if not any(cell.strip() for cell in row):
            return InputRecord(self.source.path, line, None, "empty row")
        if len(row) != len(header):
            return InputRecord(
                self.source.path,
                line,
                None,
                f"has {len(row)} columns; the header has {len(header)}",
            )
        lead = lead_from_row(header, row, self.default_owner)
        return parsed(self.source.path, line, lead, self._columns or tuple(header))


def parsed(
    source: str, line: int, obj: dict[str, Any], columns: tuple[str, ...] = ()
) -> InputRecord:
    """A JSON-shaped record parsed, the one time it is: a Lead, a Transcript, or its problem."""
    try:
        return InputRecord(source, line, record_from_dict(obj), columns=columns)
    except RedactionError as error:
        return InputRecord(source, line, None, error.message, columns)


def lead_from_row(header: list[str], row: list[str], default_owner: str) -> dict[str, Any]:
    """A CSV row as a JSONL-shaped lead: record columns, and every other column a field."""
    values = dict(zip(header, row, strict=True))
    lead: dict[str, Any] = {k: values.pop(k) for k in RECORD_COLUMNS if k in values}
    if not lead.get("owner"):
        lead["owner"] = default_owner
    lead["fields"] = {name: value for name, value in values.items() if value != ""}
    return lead


def _header_problem(header: list[str]) -> str:
    if "id" not in header:
        return "the CSV header needs an 'id' column"
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        return f"the CSV header repeats column(s) {', '.join(duplicates)}"
    if any(not name for name in header):
        return "the CSV header has an empty column name"
    return ""


def _os_error(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


# For readers that split and number lines themselves (the Spark door): the same records,
# worded exactly as RecordReader words them, from lines instead of a file.


def jsonl_records(
    path: str, lines: Iterable[tuple[int, str | None]], default_owner: str = ""
) -> Iterator[InputRecord]:
    """Records of numbered JSONL lines (text None: not UTF-8); blank lines give none."""
    return RecordReader(InputFile(path, "jsonl"), default_owner)._jsonl(iter(lines))


def csv_row_record(
    path: str, header: list[str], row: list[str], line: int, default_owner: str = ""
) -> InputRecord:
    """The record of one parsed CSV row under ``header`` (a U+DCFF cell: not UTF-8)."""
    return RecordReader(InputFile(path, "csv"), default_owner)._csv_record(header, row, line)


def csv_header_problem(header: list[str]) -> str:
    """Why a CSV header (names already stripped) cannot be read, or "" if it can."""
    return _header_problem(header)


# A JSON escape that decodes to a surrogate (U+D800-U+DFFF): alone it is no character, and
# text holding one cannot be written as UTF-8 (nor sent over gRPC). Valid pairs match too;
# the walk below tells them apart, and only lines that match are walked.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# Keys named as they are in a problem (the record's own); any other key is named by place.
_RECORD_KEYS = frozenset((*RECORD_COLUMNS, "fields", "segments"))
_SEGMENT_KEYS = frozenset(("text", "speaker", "start_ms", "end_ms", "words", "word"))


def _lone_surrogate_place(obj: Any) -> str | None:
    """Where in a parsed line a string holds a lone surrogate, named by place; None if nowhere.

    Iterative (a line may nest as deep as the parser allows). Field names are never
    shown: a name may hold an identifier, so a field is named by its position.
    """
    stack: list[tuple[str, Any]] = [("", obj)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _lone_surrogate(value):
                return path or "the line"
            continue
        children: list[tuple[str, Any]] = []
        if isinstance(value, dict):
            for position, (key, item) in enumerate(value.items(), start=1):
                child = _child_path(path, key, position)
                if _lone_surrogate(key):
                    return _name_of(path, child, position)
                children.append((child, item))
        elif isinstance(value, list):
            children = [(f"{path}[{index}]", item) for index, item in enumerate(value)]
        stack.extend(reversed(children))  # in the line's order
    return None


def _child_path(path: str, key: str, position: int) -> str:
    if not path:
        return key if key in _RECORD_KEYS else f"key {position}"
    if path == "fields":
        return f"fields: field {position}"
    return f"{path}.{key}" if key in _SEGMENT_KEYS else f"{path}.key {position}"


def _name_of(path: str, child: str, position: int) -> str:
    """The place of a key's own name (a field's: by position, as always)."""
    return f"fields: the name of field {position}" if path == "fields" else f"the name of {child}"


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _not_text(place: str) -> str:
    return f"not valid text ({place}: a \\u escape of a lone surrogate, no character)"


def _json_problem(error: ValueError) -> str:
    """Where a line stops being JSON; never the text itself."""
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at column {error.colno})"
    return "not valid JSON (a number too long to read)"
