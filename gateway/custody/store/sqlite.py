"""The one way the gateway opens and writes its SQLite files (the ledger, the outbox).

Both are shared by the processes of one host: WAL, autocommit off (``isolation_level``
None, so transactions are explicit), a busy timeout, and every write inside
``immediate``, which takes the write lock at BEGIN so two processes never deadlock
upgrading a read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

# (table, column, declaration) of a column added after a file's first release.
AddedColumn = tuple[str, str, str]


def connect(path: Path, synchronous: str, busy_timeout_ms: int) -> sqlite3.Connection:
    """Open (creating its folder) a file shared across threads and processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    db.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    return db


@contextmanager
def immediate(db: sqlite3.Connection, commit: bool = True) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (or when ``commit`` is False)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT" if commit else "ROLLBACK")


def create_schema(
    db: sqlite3.Connection, script: str, added_columns: Sequence[AddedColumn] = ()
) -> None:
    """Create what is missing, in one transaction (one process at a time creates it).

    A file from an older release gains the ``added_columns`` it lacks.
    """
    with immediate(db):
        for statement in statements(script):
            db.execute(statement)
        for table, column, declaration in added_columns:
            columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            if column not in columns:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


def statements(script: str) -> list[str]:
    """A schema's statements one by one (``executescript`` would commit on its own)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return found
