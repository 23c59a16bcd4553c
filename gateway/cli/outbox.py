"""``leadgate outbox parked`` and ``leadgate outbox retry``: what the dialer sink would not take.

A record is parked when retrying cannot deliver it: the sink refused it for good,
it is larger than the sink takes, or a quota or sink error outlasted its strikes.
An operator lists them (kind, owner, record id, reason, when; never contents) and,
once the cause is fixed (the limit raised, the quota reset, the sink repaired),
moves them back to waiting; a running gateway's deliverer picks them up.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from gateway.config import ConfigError, Settings
from gateway.custody.delivery_rules import split_reason
from gateway.custody.files import open_store
from gateway.custody.outbox import Outbox, ParkedRecord
from gateway.custody.status import DeliveryStatus

_COLUMNS = ("kind", "owner", "record_id", "reason", "parked_at", "detail")


def add_outbox_commands(commands: Any) -> None:
    """Add ``outbox parked`` and ``outbox retry`` to the CLI's sub-commands."""
    outbox = commands.add_parser(
        "outbox", help="records the dialer sink would not take: list them, retry them"
    )
    actions = outbox.add_subparsers(dest="outbox_action", required=True)
    parked = actions.add_parser(
        "parked", help="list parked records: kind, owner, record id, reason, when (no contents)"
    )
    parked.add_argument(
        "--format", choices=("table", "json"), default="table", help="default: table"
    )
    retry = actions.add_parser(
        "retry", help="move parked records back to waiting (without --yes: show what would move)"
    )
    retry.add_argument("--yes", action="store_true", help="really move them")


def run_outbox_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run one outbox sub-command on the configured outbox; errors print one line, return 1."""
    path = Path(settings.outbox_file)
    if not path.exists():  # never make an empty outbox: the answer would be a false "none"
        print(
            f"leadgate outbox: no outbox at {path} (set outbox_path or --config)", file=sys.stderr
        )
        return 1
    try:
        outbox = Outbox(path, settings.outbox_max_records)
        try:
            if args.outbox_action == "parked":
                return _list(outbox.parked(), args.format, sys.stdout)
            return _retry(settings, outbox, args.yes)
        finally:
            outbox.close()
    except sqlite3.Error as error:  # locked, corrupt, read-only: SQLite's words carry no data
        print(f"leadgate outbox: the outbox failed: {error}", file=sys.stderr)
        return 1


def _list(parked: list[ParkedRecord], output_format: str, out: TextIO) -> int:
    if output_format == "json":
        json.dump([_as_dict(p) for p in parked], out, indent=2)
        out.write("\n")
    else:
        _table([_cells(p) for p in parked], out)
    print(
        f"{len(parked)} parked record(s); `leadgate outbox retry` shows what it would move back",
        file=sys.stderr,
    )
    return 0


def _retry(settings: Settings, outbox: Outbox, yes: bool) -> int:
    result = outbox.unpark(dry_run=not yes)
    verb = "moved back to waiting" if yes else "would move back to waiting"
    print(f"{len(result.moved)} parked record(s) {verb}")
    for record in result.moved:
        print(f"  {_line(record)}")
    if result.superseded:
        print(
            f"{len(result.superseded)} left parked: a newer revision of their record"
            " was accepted since"
        )
        for record in result.superseded:
            print(f"  {_line(record)}")
    if not yes:
        print("nothing moved: re-run with --yes to move them", file=sys.stderr)
        return 0
    return _requeue_ledger(settings, [r.entry_id for r in result.moved if r.entry_id is not None])


def _requeue_ledger(settings: Settings, entry_ids: list[int]) -> int:
    """The moved records' ledger entries say queued again (the deliverer moves them on)."""
    if not entry_ids or not Path(settings.ledger_file).exists():
        return 0
    try:
        store = open_store(settings)
        try:
            store.set_entry_delivery_status(entry_ids, DeliveryStatus.QUEUED)
        finally:
            store.close()
    except (ConfigError, sqlite3.Error) as error:
        print(
            f"leadgate outbox: records moved, but their ledger entries still say parked: {error}",
            file=sys.stderr,
        )
        return 1
    return 0


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
