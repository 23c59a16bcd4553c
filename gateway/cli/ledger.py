"""``leadgate rights``, ``leadgate retention sweep`` and ``leadgate audit``: run and print.

Each opens the configured ledger (and, where records may still be held, the
outbox), does one thing, prints what it did, and returns the exit status.
Nothing printed carries a phone number or email: only ids, dates and counts.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from gateway.config import ConfigError, Settings
from gateway.custody import rights
from gateway.custody.files import load_index, open_ledger, open_store
from gateway.custody.outbox import Outbox
from gateway.custody.retention import plan_sweep, sweep
from gateway.custody.store.protocol import AuditQuery, DeletionRequestRow
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.reports.audit import row_to_dict, write_rows
from redaction import CATALOGUE, DataCategory, Sensitivity


def add_ledger_commands(commands: Any) -> None:
    """Add ``rights``, ``retention`` and ``audit`` to the CLI's sub-commands."""
    rights_parser = commands.add_parser(
        "rights", help="find or delete one consumer's records for a controller's request"
    )
    actions = rights_parser.add_subparsers(dest="rights_action", required=True)
    for name, text in (
        ("lookup", "list the records and dates that concerned a consumer (access request)"),
        ("delete", "delete a consumer's records, purge them and notify the dialer sink"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("--owner", required=True, help="the controller (client id) asking")
        action.add_argument("--phone", action="append", default=[], help="repeatable")
        action.add_argument("--email", action="append", default=[], help="repeatable")
        action.add_argument("--json", action="store_true", help="print JSON instead of text")
        if name == "delete":
            action.add_argument(
                "--reference", default="", help="the controller's request id (a short token)"
            )
            action.add_argument(
                "--yes", action="store_true", help="really delete (without it: show what would go)"
            )

    retention = commands.add_parser("retention", help="retention of held data")
    retention_actions = retention.add_subparsers(dest="retention_action", required=True)
    sweep_parser = retention_actions.add_parser(
        "sweep",
        help="purge data past retain_until, leaving tombstones (without --yes: show what would go)",
    )
    sweep_parser.add_argument(
        "--as-of", type=_timestamp, help="sweep as if it were this ISO 8601 time (UTC if bare)"
    )
    sweep_parser.add_argument(
        "--yes", action="store_true", help="really purge (without it: show what would go)"
    )

    audit = commands.add_parser(
        "audit", help="query the compliance ledger; tables, CSV, JSON, HTML"
    )
    audit.add_argument("--owner", help="one owner (client id)")
    audit.add_argument("--since", type=_timestamp, help="received at or after (ISO 8601)")
    audit.add_argument("--until", type=_timestamp, help="received before (ISO 8601)")
    audit.add_argument(
        "--category", help="a data category (LEAD_DATA, ...) or a sensitive one (HEALTH, ...)"
    )
    audit.add_argument("--entity-type", help="records with this finding type, e.g. US_SSN")
    audit.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="default: table"
    )
    audit.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    audit.add_argument("--html", type=Path, help="also write a one-page HTML report here")
    audit.add_argument(
        "--no-tombstones", action="store_true", help="leave out deleted and expired entries"
    )


def run_ledger_command(settings: Settings, args: argparse.Namespace) -> int:
    """Dispatch a ledger sub-command; user errors print one line and return 1."""
    try:
        if args.command == "rights":
            return _rights(settings, args)
        if args.command == "retention":
            if not args.yes:
                return _preview_sweep(settings, args.as_of)
            return _sweep(settings, args.as_of)
        return _audit(settings, args)
    except ConfigError:
        raise  # the key or the settings are wrong: exit 2, like any configuration error
    except ValueError as error:
        print(f"leadgate {args.command}: {error}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:  # locked, corrupt, read-only: SQLite's words carry no data
        print(f"leadgate {args.command}: the ledger or outbox failed: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the CLI ends quietly
    except OSError as error:  # an output path that cannot be written
        print(f"leadgate {args.command}: {error.strerror}: {error.filename}", file=sys.stderr)
        return 1


def _rights(settings: Settings, args: argparse.Namespace) -> int:
    with _store(settings, with_key=True) as store:
        index = load_index(settings, create=False)
        identifiers = rights.consumer_identifiers(index, args.owner, args.phone, args.email)
        if args.rights_action == "lookup" or not args.yes:
            found = rights.lookup(store, args.owner, identifiers)
            _print_consumer(found, args.json, sys.stdout)
            if args.rights_action == "delete":
                print(
                    f"nothing deleted: re-run with --yes to delete these {len(found.entries)}"
                    " record(s)",
                    file=sys.stderr,
                )
            return 0
        rights.check_reference(args.reference, args.phone)
        outbox = _outbox(settings)
        try:
            request, entries = rights.delete(store, outbox, args.owner, identifiers, args.reference)
        finally:
            if outbox is not None:
                outbox.close()
    if args.json:
        json.dump(
            {
                "deletion_request": _request_dict(request),
                "records": [
                    {"record_id": e.record_id, "kind": e.kind, "received_at": _iso(e.received_at)}
                    for e in entries
                ],
            },
            sys.stdout,
            indent=2,
        )
        print()
    else:
        print(
            f"deletion request {request.request_id} for {request.owner}: {request.records}"
            f" record(s) marked deleted, {request.outbox_purged} outbox row(s) purged,"
            f" {request.notices} deletion notice(s) queued for the dialer sink"
        )
        for entry in entries:
            print(f"  {entry.kind} {entry.record_id}  received {_iso(entry.received_at)}")
        if not settings.sink_address:
            print("no dialer sink is configured: nothing was held, no notices to send")
    return 0


def _preview_sweep(settings: Settings, as_of: datetime | None) -> int:
    """What ``--yes`` would purge, by owner and kind; changes nothing, opens no outbox."""
    moment = as_of or datetime.now(UTC)
    with _store(settings) as store:
        plan = plan_sweep(store, bool(settings.sink_address), moment)
    print(
        f"retention sweep as of {_iso(moment)} (preview): {_entries(plan.expired)}"
        " would be left as tombstones"
    )
    if plan.due:
        width = max(len("owner"), *(len(_printable(owner)) for owner, _ in plan.due))
        print(f"  {'owner':<{width}}  {'kind':<10}  entries")
        for (owner, kind), count in sorted(plan.due.items()):
            print(f"  {_printable(owner):<{width}}  {kind:<10}  {count}")
    if plan.held:
        print(f"  {plan.held} of them may still wait in the dialer outbox: withdrawn too")
    if plan.left_held:
        print(
            f"{_entries(plan.left_held)} would be left alone: their records may still wait"
            " in a dialer outbox; sweep with the gateway's configuration (sink_address)",
            file=sys.stderr,
        )
    if plan.expired:
        again = " and the same --as-of" if as_of is not None else ""
        print(
            f"nothing purged: re-run with --yes{again} to purge these {_entries(plan.expired)}",
            file=sys.stderr,
        )
    return 0


def _entries(count: int) -> str:
    return f"{count} expired entr{'y' if count == 1 else 'ies'}"


def _printable(text: str) -> str:
    """One line per owner, whatever a client put in its id: control characters become '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


def _sweep(settings: Settings, as_of: datetime | None) -> int:
    outbox = _outbox(settings)
    try:
        with _store(settings) as store:
            result = sweep(store, outbox, as_of)
    finally:
        if outbox is not None:
            outbox.close()
    print(
        f"retention sweep: {result.expired} expired entr{'y' if result.expired == 1 else 'ies'}"
        f" left as tombstones, {result.outbox_purged} outbox row(s) purged"
    )
    if result.left_held:
        print(
            f"{result.left_held} expired entries were left alone: their records may still wait"
            " in a dialer outbox; sweep with the gateway's configuration (sink_address)",
            file=sys.stderr,
        )
    return 0


def _audit(settings: Settings, args: argparse.Namespace) -> int:
    query = AuditQuery(
        owner=args.owner,
        since=args.since,
        until=args.until,
        category=args.category,
        entity_type=args.entity_type,
        include_tombstones=not args.no_tombstones,
    )
    with _store(settings) as store:
        if query.category is not None and (problem := _category_problem(store, query.category)):
            print(f"leadgate audit: {problem}", file=sys.stderr)
            return 2  # a usage error, as argparse's
        if args.output is not None:
            with args.output.open("w", newline="") as out:
                count = write_rows(store.query(query), args.format, out)
            print(f"{count} ledger entr{'y' if count == 1 else 'ies'} -> {args.output}")
        else:
            write_rows(store.query(query), args.format, sys.stdout)
        if args.html is not None:
            from gateway.reports.audit import summarize
            from gateway.reports.html import write_html_report  # matplotlib: only when asked

            summary = summarize(store.query(query))
            write_html_report(summary, query, args.html, datetime.now(UTC))
            print(f"report -> {args.html}", file=sys.stderr)
    return 0


def known_categories() -> list[str]:
    """What ``--category`` may name: the data categories, then the sensitive ones."""
    sensitive = {s.category for s in CATALOGUE.values() if s.sensitivity is Sensitivity.SENSITIVE}
    return [c.value for c in DataCategory] + sorted(sensitive)


def _category_problem(store: SqliteLedger, category: str) -> str | None:
    """Why ``--category`` would match nothing (a misspelling), else None.

    A name the engine does not know but the ledger holds (an older engine's, or a
    policy's own) is a category too.
    """
    known = known_categories()
    if category in known or next(store.query(AuditQuery(category=category)), None):
        return None
    close = difflib.get_close_matches(category.upper(), known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown --category {category!r}{hint}; expected one of: {', '.join(known)}"


@contextmanager
def _store(settings: Settings, with_key: bool = False) -> Iterator[SqliteLedger]:
    """The existing ledger (never a new empty one); ``with_key``: checked against the key."""
    if not Path(settings.ledger_file).exists():
        raise ValueError(f"no ledger at {settings.ledger_file} (set ledger_path or --config)")
    if with_key:
        store, _ = open_ledger(settings, create_key=False)
    else:
        store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


def _outbox(settings: Settings) -> Outbox | None:
    """The outbox a gateway with a sink keeps (None without a sink: nothing is held)."""
    if not settings.sink_address:
        return None
    return Outbox(Path(settings.outbox_file), settings.outbox_max_records)


def _print_consumer(found: rights.ConsumerRecords, as_json: bool, out: TextIO) -> None:
    if as_json:
        json.dump(
            {
                "owner": found.owner,
                "records": [row_to_dict(e) for e in found.entries],
                "deletion_requests": [_request_dict(r) for r in found.deletions],
            },
            out,
            indent=2,
        )
        out.write("\n")
        return
    out.write(f"{found.owner}: {len(found.entries)} record(s) concerned this consumer\n")
    for e in found.entries:
        sensitive = ", ".join(f"{k}={v}" for k, v in e.sensitive_categories.items()) or "none"
        out.write(
            f"  {e.kind} {e.record_id}  received {_iso(e.received_at)} via {e.door}"
            f"  retain until {_iso(e.retain_until)}  delivery {e.delivery_status}"
            f"  {e.data_category}  sensitive: {sensitive}\n"
        )
    for r in found.deletions:
        out.write(
            f"  deletion request {r.request_id} on {_iso(r.requested_at)}"
            f" ({r.reference or 'no reference'}): {r.records} record(s) deleted\n"
        )


def _request_dict(request: DeletionRequestRow) -> dict[str, Any]:
    data = asdict(request)
    data["requested_at"] = _iso(request.requested_at)
    data["identifier_kinds"] = list(request.identifier_kinds)
    return data


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _timestamp(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
