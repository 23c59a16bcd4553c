"""The JSONL batch door: read records, redact each with the shared engine, write results.

A bad line is reported by number (what is wrong, never its content) and
skipped or fatal, as ``on_error`` says; every other line is still written.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from redaction import Lead, RedactedLead, RedactedTranscript, RedactionError, Redactor
from redaction.records import record_from_dict, result_to_dict

OnError = Literal["skip", "fail"]


@dataclass
class BatchSummary:
    """What a batch run did: counts only."""

    records_in: int = 0
    records_out: int = 0
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    findings: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        counts = f"records in: {self.records_in}, out: {self.records_out}"
        out = [f"{counts}, bad lines: {len(self.bad_lines)}"]
        out += [f"  line {number}: {problem}" for number, problem in self.bad_lines]
        if self.findings:
            out.append(
                "findings: " + ", ".join(f"{k}={v}" for k, v in sorted(self.findings.items()))
            )
        return out


class BatchAbortedError(Exception):
    """``on_error="fail"`` met a bad line."""


@contextmanager
def _open(path: str, mode: Literal["r", "w"]) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin if mode == "r" else sys.stdout
        return
    with Path(path).open(mode, encoding="utf-8") as handle:
        yield handle


def redact_line(redactor: Redactor, line: str) -> RedactedLead | RedactedTranscript:
    """Parse and redact one JSONL line; raises ValueError or RedactionError when it is bad."""
    record = record_from_dict(json.loads(line))
    if isinstance(record, Lead):
        return redactor.redact_lead(record)
    return redactor.redact_transcript(record)


def run_batch(
    redactor: Redactor, source: str, target: str, on_error: OnError = "skip"
) -> BatchSummary:
    """Redact every line of ``source`` into ``target`` ("-" for stdin/stdout)."""
    summary = BatchSummary()
    with _open(source, "r") as reader, _open(target, "w") as writer:
        for number, line in enumerate(reader, start=1):
            if not line.strip():
                continue
            summary.records_in += 1
            try:
                result = redact_line(redactor, line)
            except (ValueError, RedactionError) as error:
                problem = _describe(error)
                summary.bad_lines.append((number, problem))
                if on_error == "fail":
                    raise BatchAbortedError(f"line {number}: {problem}") from None
                continue
            writer.write(json.dumps(result_to_dict(result), ensure_ascii=False) + "\n")
            summary.records_out += 1
            summary.findings.update(f.entity_type for f in result.findings)
    return summary


def _describe(error: Exception) -> str:
    if isinstance(error, RedactionError):
        return error.message
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at column {error.colno})"
    return "not a valid record"
