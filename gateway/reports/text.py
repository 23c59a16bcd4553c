"""Text rules the operator reports share: one line per value, times in UTC with a Z."""

from __future__ import annotations

from datetime import UTC, datetime


def printable(text: str) -> str:
    """One line per row, whatever a client put in an id: control characters become '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


def iso_z(moment: datetime) -> str:
    """ISO 8601 in UTC, ending in ``Z`` (the ledger commands' text and JSON)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
