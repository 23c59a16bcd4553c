"""Writing batch output: JSONL or CSV, one file, one file per input, or stdout; gzip by name."""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from gateway.batch.inputs import RECORD_COLUMNS, STDIN, InputFile, RecordReader, input_format
from gateway.batch.job import Outcome

STDOUT = "-"


class OutputError(ValueError):
    """The output cannot take these inputs (says which option to change)."""


def _open_text(path: str) -> IO[str]:
    if path == STDOUT:
        return sys.stdout
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
        self._handle: IO[str] | None = None
        self._csv: Any = None
        self._header: list[str] = []

    def write(self, outcome: Outcome, reader: RecordReader) -> None:
        """Append one redacted record."""
        assert outcome.output is not None
        if self._handle is None:
            self._handle = _open_text(self.path)
        if self.format == "jsonl":
            self._handle.write(json.dumps(outcome.output, ensure_ascii=False) + "\n")
            return
        self._write_csv(outcome.output, reader, outcome.columns)

    def _write_csv(
        self, output: dict[str, Any], reader: RecordReader, columns: tuple[str, ...]
    ) -> None:
        """One row; ``columns`` is the header with its names screened (else the input's)."""
        if reader.source.format != "csv" or not reader.header:
            raise OutputError("CSV output needs CSV input (its header fixes the columns)")
        header = [*(columns or _renamed_header(reader.header, output)), "tags", "findings"]
        if self._csv is None:
            self._header = header
            assert self._handle is not None
            self._csv = csv.writer(self._handle)
            self._csv.writerow(self._header)
        elif reader.header and header != self._header:
            raise OutputError(
                "CSV inputs with different headers cannot share one CSV output: "
                "write JSONL, or give a directory as --output"
            )
        self._csv.writerow([_cell(output, column) for column in self._header])

    def close(self) -> None:
        """Flush and close (stdout is only flushed)."""
        if self._handle is None and self.path != STDOUT:
            self._handle = _open_text(self.path)  # an empty input still makes its output
        if self._handle is None or self._handle is sys.stdout:
            sys.stdout.flush()
        elif self._handle is not None:
            self._handle.close()


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
