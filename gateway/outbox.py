"""The durable outbox: accepted, redacted records waiting for the dialer sink.

SQLite in WAL mode with ``synchronous=FULL``: once ``accept`` returns, the record
survives a crash of the process (and of the machine). Only redacted payloads are
stored. A record id accepted again while still waiting replaces the waiting one
(one delivery per record id) under a new, higher sequence number, which the sink
sees as the revision. Rows leave the outbox when the sink confirms them; rows the
sink refuses for good are parked (kept, counted, never retried).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gateway.errors import OutboxFullError

RecordKind = Literal["lead", "transcript"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- delivery order and the revision
    kind        TEXT    NOT NULL CHECK (kind IN ('lead', 'transcript')),
    owner       TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    payload     BLOB    NOT NULL,                   -- serialized Deliver*Request, redacted
    accepted_at REAL    NOT NULL,                   -- unix seconds
    attempts    INTEGER NOT NULL DEFAULT 0,
    parked      INTEGER NOT NULL DEFAULT 0,         -- 1: the sink refused it for good
    last_error  TEXT    NOT NULL DEFAULT ''         -- a status code name, never data
);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_waiting_record
    ON outbox (kind, owner, record_id) WHERE parked = 0;
-- Counts kept by triggers, so every process writing the file sees them in O(1):
-- count(*) over a long backlog would cost milliseconds on every accept.
CREATE TABLE IF NOT EXISTS outbox_counts (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    waiting INTEGER NOT NULL,
    parked  INTEGER NOT NULL
);
INSERT OR IGNORE INTO outbox_counts (id, waiting, parked)
    SELECT 1, count(*) FILTER (WHERE parked = 0), count(*) FILTER (WHERE parked = 1) FROM outbox;
CREATE TRIGGER IF NOT EXISTS outbox_counts_insert AFTER INSERT ON outbox BEGIN
    UPDATE outbox_counts SET waiting = waiting + (NEW.parked = 0), parked = parked + NEW.parked;
END;
CREATE TRIGGER IF NOT EXISTS outbox_counts_delete AFTER DELETE ON outbox BEGIN
    UPDATE outbox_counts SET waiting = waiting - (OLD.parked = 0), parked = parked - OLD.parked;
END;
CREATE TRIGGER IF NOT EXISTS outbox_counts_park AFTER UPDATE OF parked ON outbox
    WHEN OLD.parked != NEW.parked BEGIN
    UPDATE outbox_counts SET waiting = waiting + OLD.parked - NEW.parked,
                             parked = parked + NEW.parked - OLD.parked;
END;
"""


@dataclass(frozen=True)
class OutboxEntry:
    """One waiting record, as the deliverer sends it."""

    seq: int
    kind: RecordKind
    owner: str
    record_id: str
    payload: bytes
    accepted_at: float
    attempts: int


class Outbox:
    """Thread-safe (one connection behind a lock) and safe for several processes on one file."""

    def __init__(self, path: Path, max_records: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.max_records = max_records
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute("BEGIN IMMEDIATE")  # one process at a time creates the schema
        try:
            for statement in _statements(_SCHEMA):
                self._db.execute(statement)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def accept(self, kind: RecordKind, owner: str, record_id: str, payload: bytes) -> int:
        """Store a record durably; returns its sequence number (the revision).

        Raises OutboxFullError, storing nothing, when max_records are waiting.
        """
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                replaced = self._db.execute(
                    "DELETE FROM outbox WHERE kind = ? AND owner = ? AND record_id = ?"
                    " AND parked = 0",
                    (kind, owner, record_id),
                ).rowcount
                if not replaced and self._counts()[0] >= self.max_records:
                    raise OutboxFullError(
                        f"the delivery outbox holds its limit of {self.max_records} records;"
                        " retry when the dialer has caught up"
                    )
                cursor = self._db.execute(
                    "INSERT INTO outbox (kind, owner, record_id, payload, accepted_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (kind, owner, record_id, payload, time.time()),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def has_room(self) -> bool:
        """True when one more record would be accepted."""
        with self._lock:
            return self._counts()[0] < self.max_records

    def waiting(self, limit: int) -> list[OutboxEntry]:
        """The oldest waiting records, in acceptance order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, kind, owner, record_id, payload, accepted_at, attempts FROM outbox"
                " WHERE parked = 0 ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [OutboxEntry(*row) for row in rows]

    def waiting_and_depth(self, limit: int) -> tuple[list[OutboxEntry], tuple[int, int]]:
        """``waiting(limit)`` and ``depth()`` in one call (one thread hop for the deliverer)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, kind, owner, record_id, payload, accepted_at, attempts FROM outbox"
                " WHERE parked = 0 ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
            return [OutboxEntry(*row) for row in rows], self._counts()

    def delivered_many(self, seqs: list[int]) -> None:
        """The sink confirmed these: forget them, in one transaction."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("DELETE FROM outbox WHERE seq = ?", [(s,) for s in seqs])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def delivered(self, seq: int) -> None:
        """The sink confirmed it: forget the payload."""
        with self._lock:
            self._db.execute("DELETE FROM outbox WHERE seq = ?", (seq,))

    def failed_attempt(self, seq: int, code: str) -> None:
        """Count a failed attempt that will be retried."""
        with self._lock:
            self._db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?",
                (code, seq),
            )

    def park(self, seq: int, code: str) -> None:
        """The sink refused it for good: keep it aside, stop retrying it."""
        with self._lock:
            self._db.execute(
                "UPDATE outbox SET attempts = attempts + 1, parked = 1, last_error = ?"
                " WHERE seq = ? AND parked = 0",
                (code, seq),
            )

    def depth(self) -> tuple[int, int]:
        """(waiting, parked) record counts."""
        with self._lock:
            return self._counts()

    def close(self) -> None:
        """Fold the WAL into the database file and close it."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()

    def _counts(self) -> tuple[int, int]:
        row = self._db.execute("SELECT waiting, parked FROM outbox_counts WHERE id = 1").fetchone()
        return int(row[0]), int(row[1])


def _statements(script: str) -> list[str]:
    """The schema's statements one by one (executescript would commit on its own)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements
