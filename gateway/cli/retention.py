"""``leadgate retention sweep``: purge data past ``retain_until``; a preview unless ``--yes``.

The work is ``gateway.custody.retention``; what is printed, ``gateway.reports.retention``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings, timestamp
from gateway.cli.ledger import existing_ledger, ledger_errors, sink_outbox

if TYPE_CHECKING:
    from gateway.config import Settings


def add_retention_command(commands: Any) -> None:
    """Add ``retention sweep`` to the CLI's sub-commands."""
    retention = commands.add_parser("retention", help="retention of held data")
    actions = retention.add_subparsers(dest="retention_action", required=True)
    sweep = actions.add_parser(
        "sweep",
        help="purge data past retain_until, leaving tombstones (without --yes: show what would go)",
    )
    sweep.add_argument(
        "--as-of", type=timestamp, help="sweep as if it were this ISO 8601 time (UTC if bare)"
    )
    sweep.add_argument(
        "--yes", action="store_true", help="really purge (without it: show what would go)"
    )
    retention.set_defaults(run=WithSettings(run_retention))


@ledger_errors("retention")
def run_retention(args: argparse.Namespace, settings: Settings) -> int:
    """Purge with ``--yes``; else show what would go (changes nothing, opens no outbox)."""
    from gateway.custody.retention import plan_sweep, sweep
    from gateway.reports.retention import write_sweep_preview, write_sweep_result

    if not args.yes:
        moment: datetime = args.as_of or datetime.now(UTC)
        with existing_ledger(settings) as store:
            plan = plan_sweep(store, bool(settings.sink_address), moment)
        write_sweep_preview(plan, moment, args.as_of is not None, sys.stdout, sys.stderr)
        return 0
    with sink_outbox(settings) as outbox, existing_ledger(settings) as store:
        result = sweep(store, outbox, args.as_of)
    write_sweep_result(result, sys.stdout, sys.stderr)
    return 0
