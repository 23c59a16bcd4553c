"""What ``leadgate audit --category`` may name, and why a name would match nothing."""

from __future__ import annotations

import difflib

from gateway.custody.store.protocol import AuditQuery, LedgerStore
from redaction import CATALOGUE, DataCategory, Sensitivity


def known_categories() -> list[str]:
    """What ``--category`` may name: the data categories, then the sensitive ones."""
    sensitive = {s.category for s in CATALOGUE.values() if s.sensitivity is Sensitivity.SENSITIVE}
    return [c.value for c in DataCategory] + sorted(sensitive)


def category_problem(store: LedgerStore, category: str) -> str | None:
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
