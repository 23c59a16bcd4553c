"""Helpers shared by the SQLite files the gateway keeps (outbox, ledger)."""

from __future__ import annotations

import sqlite3


def statements(script: str) -> list[str]:
    """A schema's statements one by one (``executescript`` would commit on its own)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return found
