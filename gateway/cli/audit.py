"""``leadgate audit``: query the compliance ledger; a table, CSV or JSON, and an HTML report.

The rows and their summary are ``gateway.reports.audit``; the page, ``gateway.reports.html``
(matplotlib, the ``reports`` extra, loaded only for ``--html``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings, timestamp
from gateway.cli.ledger import existing_ledger, ledger_errors

if TYPE_CHECKING:
    from gateway.config import Settings
    from gateway.custody.store.protocol import AuditQuery


def add_audit_command(commands: Any) -> None:
    """Add ``audit`` to the CLI's sub-commands."""
    audit = commands.add_parser(
        "audit", help="query the compliance ledger; tables, CSV, JSON, HTML"
    )
    audit.add_argument("--owner", help="one owner (client id)")
    audit.add_argument("--since", type=timestamp, help="received at or after (ISO 8601)")
    audit.add_argument("--until", type=timestamp, help="received before (ISO 8601)")
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
    audit.set_defaults(run=WithSettings(run_audit))


@ledger_errors("audit")
def run_audit(args: argparse.Namespace, settings: Settings) -> int:
    """Write the matching rows (and the report); 2 for a misspelt category or no matplotlib."""
    from gateway.reports.audit import summarize, write_rows
    from gateway.reports.categories import category_problem
    from gateway.reports.html import REPORTS_EXTRA, charts_available, write_html_report

    if args.html is not None and not charts_available():
        print(
            "leadgate audit: --html draws its charts with matplotlib, which is not installed:"
            f" {REPORTS_EXTRA}",
            file=sys.stderr,
        )
        return 2  # before any output: nothing half done
    query = _query(args)
    with existing_ledger(settings) as store:
        if query.category is not None and (problem := category_problem(store, query.category)):
            print(f"leadgate audit: {problem}", file=sys.stderr)
            return 2  # a usage error, as argparse's
        if args.output is not None:
            with args.output.open("w", newline="") as out:
                count = write_rows(store.query(query), args.format, out)
            print(f"{count} ledger entr{'y' if count == 1 else 'ies'} -> {args.output}")
        else:
            write_rows(store.query(query), args.format, sys.stdout)
        if args.html is not None:
            summary = summarize(store.query(query))
            write_html_report(summary, query, args.html, datetime.now(UTC))
            print(f"report -> {args.html}", file=sys.stderr)
    return 0


def _query(args: argparse.Namespace) -> AuditQuery:
    from gateway.custody.store.protocol import AuditQuery

    return AuditQuery(
        owner=args.owner,
        since=args.since,
        until=args.until,
        category=args.category,
        entity_type=args.entity_type,
        include_tombstones=not args.no_tombstones,
    )
