"""What ``leadgate outbox parked|retry`` prints: parked records as ids, reasons and times.

Never a record's contents: kind, owner, record id, reason and when.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

from gateway.custody.delivery_rules import split_reason
from gateway.custody.outbox import ParkedRecord, Unparked

_COLUMNS = ("kind", "owner", "record_id", "reason", "parked_at", "detail")


def write_parked(parked: list[ParkedRecord], fmt: Literal["table", "json"], out: TextIO) -> None:
    """The parked records as a fixed-width table or a JSON array."""
    if fmt == "json":
        json.dump([_as_dict(p) for p in parked], out, indent=2)
        out.write("\n")
    else:
        _table([_cells(p) for p in parked], out)


def write_unparked(result: Unparked, moved: bool, out: TextIO) -> None:
    """What a retry moved back to waiting (``moved``: else would move), and what it left."""
    verb = "moved back to waiting" if moved else "would move back to waiting"
    out.write(f"{len(result.moved)} parked record(s) {verb}\n")
    for record in result.moved:
        out.write(f"  {_line(record)}\n")
    if result.superseded:
        out.write(
            f"{len(result.superseded)} left parked: a newer revision of their record"
            " was accepted since\n"
        )
        for record in result.superseded:
            out.write(f"  {_line(record)}\n")


def _as_dict(record: ParkedRecord) -> dict[str, Any]:
    code, detail = split_reason(record.reason)
    return {
        "seq": record.seq,
        "kind": record.kind,
        "owner": record.owner,
        "record_id": record.record_id,
        "reason": code,
        "detail": detail,
        "accepted_at": _iso(record.accepted_at),
        "parked_at": _iso(record.parked_at) if record.parked_at is not None else None,
        "attempts": record.attempts,
        "bytes": record.size,
    }


def _cells(record: ParkedRecord) -> tuple[str, ...]:
    code, detail = split_reason(record.reason)
    when = _iso(record.parked_at) if record.parked_at is not None else "-"
    return (record.kind, record.owner, record.record_id, code or "-", when, detail)


def _table(rows: list[tuple[str, ...]], out: TextIO) -> None:
    widths = [max(len(c) for c in column) for column in zip(_COLUMNS, *rows, strict=True)]
    for row in (_COLUMNS, *rows):
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _line(record: ParkedRecord) -> str:
    code, _ = split_reason(record.reason)
    return f"{record.kind} {record.owner} {record.record_id} ({code or 'no reason'})"


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
