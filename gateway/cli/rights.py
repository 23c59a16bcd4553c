"""``leadgate rights lookup|delete``: a controller's access or deletion request for a consumer.

The work is ``gateway.custody.rights``; what is printed, ``gateway.reports.rights``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings
from gateway.cli.ledger import existing_ledger, ledger_errors, sink_outbox

if TYPE_CHECKING:
    from gateway.config import Settings


def add_rights_command(commands: Any) -> None:
    """Add ``rights lookup`` and ``rights delete`` to the CLI's sub-commands."""
    rights = commands.add_parser(
        "rights", help="find or delete one consumer's records for a controller's request"
    )
    actions = rights.add_subparsers(dest="rights_action", required=True)
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
    rights.set_defaults(run=WithSettings(run_rights))


@ledger_errors("rights")
def run_rights(args: argparse.Namespace, settings: Settings) -> int:
    """Look up (or, with ``delete --yes``, delete) the consumer's records of one owner."""
    from gateway.custody import rights
    from gateway.custody.files import load_index
    from gateway.reports.rights import write_consumer_records, write_deletion

    with existing_ledger(settings, with_key=True) as store:
        index = load_index(settings, create=False)
        identifiers = rights.consumer_identifiers(index, args.owner, args.phone, args.email)
        if args.rights_action == "lookup" or not args.yes:
            found = rights.lookup(store, args.owner, identifiers)
            write_consumer_records(found, args.json, sys.stdout)
            if args.rights_action == "delete":
                print(
                    f"nothing deleted: re-run with --yes to delete these {len(found.entries)}"
                    " record(s)",
                    file=sys.stderr,
                )
            return 0
        rights.check_reference(args.reference, args.phone)
        with sink_outbox(settings) as outbox:
            request, entries = rights.delete(store, outbox, args.owner, identifiers, args.reference)
    write_deletion(request, entries, args.json, bool(settings.sink_address), sys.stdout)
    return 0
