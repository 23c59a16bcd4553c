"""What ``leadgate retention sweep`` prints: the preview by owner and kind, or what it did.

Results go to ``out``; what the operator must still do (re-run with ``--yes``, sweep
with the gateway's configuration) goes to ``notes`` (stderr), so a pipe gets counts only.
"""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from gateway.custody.retention import SweepPlan, SweepResult
from gateway.reports.text import iso_z, printable

_LEFT_HELD = (
    "their records may still wait in a dialer outbox;"
    " sweep with the gateway's configuration (sink_address)"
)


def write_sweep_preview(
    plan: SweepPlan, moment: datetime, as_of_given: bool, out: TextIO, notes: TextIO
) -> None:
    """What ``--yes`` would purge as of ``moment`` (``as_of_given``: from ``--as-of``)."""
    out.write(
        f"retention sweep as of {iso_z(moment)} (preview): {_entries(plan.expired)}"
        " would be left as tombstones\n"
    )
    if plan.due:
        width = max(len("owner"), *(len(printable(owner)) for owner, _ in plan.due))
        out.write(f"  {'owner':<{width}}  {'kind':<10}  entries\n")
        for (owner, kind), count in sorted(plan.due.items()):
            out.write(f"  {printable(owner):<{width}}  {kind:<10}  {count}\n")
    if plan.held:
        out.write(f"  {plan.held} of them may still wait in the dialer outbox: withdrawn too\n")
    if plan.left_held:
        notes.write(f"{_entries(plan.left_held)} would be left alone: {_LEFT_HELD}\n")
    if plan.expired:
        again = " and the same --as-of" if as_of_given else ""
        notes.write(
            f"nothing purged: re-run with --yes{again} to purge these {_entries(plan.expired)}\n"
        )


def write_sweep_result(result: SweepResult, out: TextIO, notes: TextIO) -> None:
    """What a sweep purged, and what it had to leave alone."""
    if result.locked_out:
        notes.write("retention sweep: another sweeper is running on this ledger; nothing done\n")
        return
    out.write(
        f"retention sweep: {_entries(result.expired)} left as tombstones,"
        f" {result.outbox_purged} outbox row(s) purged\n"
    )
    if result.left_held:
        notes.write(f"{result.left_held} expired entries were left alone: {_LEFT_HELD}\n")


def _entries(count: int) -> str:
    return f"{count} expired entr{'y' if count == 1 else 'ies'}"
