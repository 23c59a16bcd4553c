"""``leadgate outbox parked`` and ``leadgate outbox retry``: what the dialer sink would not take.

A record is parked when retrying cannot deliver it: the sink refused it for good,
it is larger than the sink takes, or a quota or sink error outlasted its strikes.
An operator lists them (kind, owner, record id, reason, when; never contents) and,
once the cause is fixed (the limit raised, the quota reset, the sink repaired),
moves them back to waiting; a running gateway's deliverer picks them up.

The outbox is the one ``outbox_url`` names: a SQLite file (never created here), or
the PostgreSQL database a fleet shares, seen whole from any replica or a laptop.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings

if TYPE_CHECKING:
    from gateway.config import Settings
    from gateway.custody.outbox import OutboxStore


def add_outbox_command(commands: Any) -> None:
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
    outbox.set_defaults(run=WithSettings(run_outbox_command))


def run_outbox_command(args: argparse.Namespace, settings: Settings) -> int:
    """Run one outbox sub-command on the configured outbox; errors print one line, return 1."""
    import psycopg

    from gateway.config import store_url
    from gateway.custody.outbox_store import open_outbox
    from gateway.reports.outbox import write_parked

    where = store_url(settings.outbox_url, settings.outbox_file)
    if where.kind == "sqlite" and not Path(where.location).exists():
        # Never make an empty outbox: the answer would be a false "none".
        print(
            f"leadgate outbox: no outbox at {where.location}"
            " (set outbox_url, outbox_path or --config)",
            file=sys.stderr,
        )
        return 1
    try:
        outbox = open_outbox(settings)
        try:
            if args.outbox_action == "parked":
                parked = outbox.parked()
                write_parked(parked, args.format, sys.stdout)
                print(
                    f"{len(parked)} parked record(s); `leadgate outbox retry` shows what it"
                    " would move back",
                    file=sys.stderr,
                )
                return 0
            return _retry(settings, outbox, args.yes)
        finally:
            outbox.close()
    except (sqlite3.Error, psycopg.Error) as error:
        print(f"leadgate outbox: the outbox failed: {_failure(error)}", file=sys.stderr)
        return 1


def _retry(settings: Settings, outbox: OutboxStore, yes: bool) -> int:
    from gateway.reports.outbox import write_unparked

    result = outbox.unpark(dry_run=not yes)
    write_unparked(result, yes, sys.stdout)
    if not yes:
        print("nothing moved: re-run with --yes to move them", file=sys.stderr)
        return 0
    return _requeue_ledger(settings, [r.entry_id for r in result.moved if r.entry_id is not None])


def _requeue_ledger(settings: Settings, entry_ids: list[int]) -> int:
    """The moved records' ledger entries say queued again (the deliverer moves them on)."""
    import psycopg

    from gateway.config import ConfigError, store_url
    from gateway.custody.files import open_store
    from gateway.custody.status import DeliveryStatus

    ledger = store_url(settings.ledger_url, settings.ledger_file)
    if not entry_ids or (ledger.kind == "sqlite" and not Path(ledger.location).exists()):
        return 0
    try:
        store = open_store(settings)
        try:
            store.set_entry_delivery_status(entry_ids, DeliveryStatus.QUEUED)
        finally:
            store.close()
    except (ConfigError, sqlite3.Error, psycopg.Error) as error:
        print(
            "leadgate outbox: records moved, but their ledger entries still say parked:"
            f" {_failure(error)}",
            file=sys.stderr,
        )
        return 1
    return 0


def _failure(error: Exception) -> str:
    """What to print of a store error: a PostgreSQL one's DETAIL may quote a row's values.

    SQLite's and our own words are printed; of a PostgreSQL error only its kind.
    """
    from gateway.config import ConfigError

    if isinstance(error, (sqlite3.Error, ConfigError)):
        return str(error)
    return f"the database refused the change ({type(error).__name__})"
