"""The durable outbox: accepted, redacted records waiting for the dialer sink.

SQLite in WAL mode with ``synchronous=FULL``: once ``accept`` returns, the record
survives a crash of the process (and of the machine). Only redacted payloads are
stored. A record id accepted again while still waiting replaces the waiting one
(one delivery per record id) under a new, higher sequence number, which the sink
sees as the revision. Rows leave the outbox when the sink confirms them; rows the
sink refuses for good are parked (kept, counted, never retried).

A consumer's deletion request (or the end of a record's retention) withdraws a
record: ``withdraw`` removes its rows, waiting or parked, and, for a deletion
request, queues a deletion notice for the sink in the same transaction, so a
record can never be left both withdrawn and un-notified. Notices wait in their own
table, are delivered and parked like records, and never count against
``max_records`` (a deletion must never be refused for want of room).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gateway.errors import OutboxFullError
from gateway.sqlite_schema import statements

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
-- withdraw() finds parked rows by record too, without scanning a long backlog.
CREATE INDEX IF NOT EXISTS outbox_parked_record
    ON outbox (kind, owner, record_id) WHERE parked = 1;
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
-- Deletion notices for the sink: ids only, no payload. Few, so counted with count(*).
CREATE TABLE IF NOT EXISTS deletion_notices (
    notice_id    INTEGER PRIMARY KEY AUTOINCREMENT,  -- sent as DeleteRecordRequest.notice_id
    kind         TEXT    NOT NULL CHECK (kind IN ('lead', 'transcript')),
    owner        TEXT    NOT NULL,
    record_id    TEXT    NOT NULL,
    requested_at REAL    NOT NULL,                   -- unix seconds
    reference    TEXT    NOT NULL DEFAULT '',        -- the controller's ticket, a short token
    attempts     INTEGER NOT NULL DEFAULT 0,
    parked       INTEGER NOT NULL DEFAULT 0,         -- 1: the sink refused it for good
    last_error   TEXT    NOT NULL DEFAULT ''         -- a status code name, never data
);
CREATE INDEX IF NOT EXISTS deletion_notices_waiting
    ON deletion_notices (notice_id) WHERE parked = 0;
"""

_NOTICE_COLUMNS = "notice_id, kind, owner, record_id, requested_at, reference, attempts"


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
    entry_id: int | None = None  # the record's ledger entry (None: accepted before the ledger)


@dataclass(frozen=True)
class DeletionNoticeEntry:
    """One waiting deletion notice, as the deliverer sends it."""

    notice_id: int
    kind: RecordKind
    owner: str
    record_id: str
    requested_at: float
    reference: str
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
            for statement in statements(_SCHEMA):
                self._db.execute(statement)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(outbox)")}
            if "entry_id" not in columns:  # a file from before the ledger
                self._db.execute("ALTER TABLE outbox ADD COLUMN entry_id INTEGER")
            self._db.execute("CREATE INDEX IF NOT EXISTS outbox_entry ON outbox (entry_id)")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def accept(
        self,
        kind: RecordKind,
        owner: str,
        record_id: str,
        payload: bytes,
        entry_id: int | None = None,
    ) -> int:
        """Store a record durably; returns its sequence number (the revision).

        ``entry_id`` links the row to the record's ledger entry (delivery status,
        retention). Raises OutboxFullError, storing nothing, when max_records are waiting.
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
                    "INSERT INTO outbox (kind, owner, record_id, payload, accepted_at, entry_id)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (kind, owner, record_id, payload, time.time(), entry_id),
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
            return self._waiting(limit)

    def waiting_and_depth(self, limit: int) -> tuple[list[OutboxEntry], tuple[int, int]]:
        """``waiting(limit)`` and ``depth()`` in one call (one thread hop for the deliverer)."""
        with self._lock:
            return self._waiting(limit), self._counts()

    def _waiting(self, limit: int) -> list[OutboxEntry]:
        rows = self._db.execute(
            "SELECT seq, kind, owner, record_id, payload, accepted_at, attempts, entry_id"
            " FROM outbox WHERE parked = 0 ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [OutboxEntry(*row) for row in rows]

    def delivered_many(self, seqs: Sequence[int]) -> list[int]:
        """The sink confirmed these: forget them, in one transaction.

        Returns the seqs actually removed: a row replaced by a newer revision or
        withdrawn meanwhile is gone already, and its record's status is not this one's.
        """
        removed: list[int] = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for seq in seqs:
                    if self._db.execute("DELETE FROM outbox WHERE seq = ?", (seq,)).rowcount:
                        removed.append(seq)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return removed

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

    def park(self, seq: int, code: str) -> bool:
        """The sink refused it for good: keep it aside, stop retrying it.

        Returns False when the row was no longer waiting (replaced or withdrawn).
        """
        with self._lock:
            cursor = self._db.execute(
                "UPDATE outbox SET attempts = attempts + 1, parked = 1, last_error = ?"
                " WHERE seq = ? AND parked = 0",
                (code, seq),
            )
        return cursor.rowcount > 0

    def withdraw(
        self,
        keys: Sequence[tuple[RecordKind, str, str]],
        *,
        notify: bool,
        requested_at: float,
        reference: str,
    ) -> tuple[int, int]:
        """Remove every row, waiting or parked, of each (kind, owner, record_id) key.

        With ``notify`` (a consumer's deletion request), also queue one deletion notice
        per key for the sink, in the same transaction: the sink may already hold the
        record. Without it (retention), nothing is sent. Returns (rows purged, notices
        queued). Never refused for want of room.
        """
        unique = list(dict.fromkeys(keys))  # one notice per key, in the order given
        purged = queued = 0
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for kind, owner, record_id in unique:
                    for parked in (0, 1):  # one partial index each
                        purged += self._db.execute(
                            "DELETE FROM outbox WHERE kind = ? AND owner = ? AND record_id = ?"
                            f" AND parked = {parked}",
                            (kind, owner, record_id),
                        ).rowcount
                    if notify:
                        self._db.execute(
                            "INSERT INTO deletion_notices"
                            " (kind, owner, record_id, requested_at, reference)"
                            " VALUES (?, ?, ?, ?, ?)",
                            (kind, owner, record_id, requested_at, reference),
                        )
                        queued += 1
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return purged, queued

    def withdraw_entries(self, entry_ids: Sequence[int]) -> int:
        """Remove the rows (waiting or parked) of these ledger entries; returns how many.

        Retention: a row replaced by a newer revision belongs to the newer entry and stays.
        """
        purged = 0
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for entry_id in entry_ids:
                    purged += self._db.execute(
                        "DELETE FROM outbox WHERE entry_id = ?", (entry_id,)
                    ).rowcount
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return purged

    def waiting_notices(self, limit: int) -> list[DeletionNoticeEntry]:
        """The oldest waiting deletion notices, in the order they were queued."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_NOTICE_COLUMNS} FROM deletion_notices"
                " WHERE parked = 0 ORDER BY notice_id LIMIT ?",
                (limit,),
            ).fetchall()
        return [DeletionNoticeEntry(*row) for row in rows]

    def notice_delivered(self, notice_ids: Sequence[int]) -> None:
        """The sink confirmed these notices: forget them, in one transaction."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "DELETE FROM deletion_notices WHERE notice_id = ?",
                    [(n,) for n in notice_ids],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def notice_failed_attempt(self, notice_id: int, code: str) -> None:
        """Count a failed attempt at a notice that will be retried."""
        with self._lock:
            self._db.execute(
                "UPDATE deletion_notices SET attempts = attempts + 1, last_error = ?"
                " WHERE notice_id = ?",
                (code, notice_id),
            )

    def park_notice(self, notice_id: int, code: str) -> None:
        """The sink refused the notice for good: keep it aside, stop retrying it."""
        with self._lock:
            self._db.execute(
                "UPDATE deletion_notices SET attempts = attempts + 1, parked = 1, last_error = ?"
                " WHERE notice_id = ? AND parked = 0",
                (code, notice_id),
            )

    def notice_depth(self) -> tuple[int, int]:
        """(waiting, parked) deletion notice counts."""
        with self._lock:
            row = self._db.execute(
                "SELECT count(*) FILTER (WHERE parked = 0), count(*) FILTER (WHERE parked = 1)"
                " FROM deletion_notices"
            ).fetchone()
        return int(row[0]), int(row[1])

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
