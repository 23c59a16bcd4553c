"""The durable outbox: accepted, redacted records waiting for the dialer sink.

SQLite in WAL mode with ``synchronous=FULL``: once ``accept`` returns, the record
survives a crash of the process (and of the machine). Only redacted payloads are
stored. A record id accepted again while still waiting replaces the waiting one
(one delivery per record id) under a new, higher sequence number, which the sink
sees as the revision. Rows leave the outbox when the sink confirms them; rows the
sink refuses for good, or too large for it, are parked (kept with a reason, counted,
not retried until an operator runs ``leadgate outbox retry``). A row whose attempt
failed may carry a ``retry_at``: it backs off on its own while the rows after it go.

A consumer's deletion request (or the end of a record's retention) withdraws a
record: ``withdraw`` removes its rows, waiting or parked, and, for a deletion
request, queues a deletion notice for the sink in the same transaction, so a
record can never be left both withdrawn and un-notified. Notices wait in their own
table, are delivered and parked like records, and never count against
``max_records`` (a deletion must never be refused for want of room).

``OutboxStore`` is what the deliverer, the intake, rights and retention use; this
SQLite ``Outbox`` (one host) and ``PostgresOutbox`` (gateway/custody/postgres_outbox.py,
a fleet) implement it, and ``open_outbox`` (gateway/custody/outbox_store.py) picks one
by ``outbox_url``. Every row
carries an idempotency key, made when it is accepted and sent with each attempt, so
a sink stores it once however many times, and by whichever replica, it is sent.
"""

from __future__ import annotations

import math
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, Protocol

from gateway.custody.store.sqlite import connect, create_schema, immediate
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
    last_error  TEXT    NOT NULL DEFAULT ''         -- a status code or a reason, never data
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

# Columns added since the first release: a file from before gains them when opened.
_ADDED_COLUMNS = (
    ("outbox", "entry_id", "INTEGER"),  # the record's ledger entry
    ("outbox", "retry_at", "REAL NOT NULL DEFAULT 0"),  # unix seconds: not sent before then
    ("outbox", "strikes", "INTEGER NOT NULL DEFAULT 0"),  # failures blamed on this record
    ("outbox", "parked_at", "REAL"),  # unix seconds (NULL: waiting, or parked before it)
    ("deletion_notices", "retry_at", "REAL NOT NULL DEFAULT 0"),
    ("deletion_notices", "strikes", "INTEGER NOT NULL DEFAULT 0"),
    ("outbox", "idempotency_key", "TEXT NOT NULL DEFAULT ''"),  # '': accepted before keys
)
# On a column added since (entry_id): created once an older file has gained it.
_ENTRY_INDEX = "CREATE INDEX IF NOT EXISTS outbox_entry ON outbox (entry_id)"
_ENTRY_COLUMNS = (
    "seq, kind, owner, record_id, payload, accepted_at, attempts, entry_id, strikes,"
    " idempotency_key"
)
_NOTICE_COLUMNS = "notice_id, kind, owner, record_id, requested_at, reference, attempts, strikes"
_PARKED_COLUMNS = (
    "seq, kind, owner, record_id, last_error, accepted_at, parked_at, attempts,"
    " length(payload), entry_id"
)


class Queue(StrEnum):
    """The outbox's two queues: both delivered, retried, backed off and parked alike."""

    RECORDS = "records"
    NOTICES = "notices"


@dataclass(frozen=True)
class _Table:
    name: str
    key: str  # the row's id: its delivery order
    parked_at: bool  # whether the table keeps when a row was parked


_TABLES = {
    Queue.RECORDS: _Table("outbox", "seq", parked_at=True),
    Queue.NOTICES: _Table("deletion_notices", "notice_id", parked_at=False),
}


@dataclass(frozen=True)
class Parcel:
    """A redacted record as the edge hands it over: opaque bytes the sink's side can read."""

    kind: RecordKind
    owner: str
    record_id: str
    payload: bytes  # a serialized Deliver*Request (gateway/rpc/sink.py), already redacted
    size: int  # bytes it takes on the wire, with the envelope the deliverer adds


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
    strikes: int = 0  # failed attempts blamed on this record (see gateway.custody.delivery_rules)
    idempotency_key: str = ""  # the same on every attempt ('': accepted before keys)


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
    strikes: int = 0


@dataclass(frozen=True)
class ParkedRecord:
    """A parked record as an operator sees it: ids, reason, times and size, never its payload."""

    seq: int
    kind: RecordKind
    owner: str
    record_id: str
    reason: str  # "<reason code>: <text>" (a bare status code if parked before reason codes)
    accepted_at: float
    parked_at: float | None  # None: parked before the outbox kept the time
    attempts: int
    size: int  # bytes of the stored, redacted payload
    entry_id: int | None


@dataclass(frozen=True)
class Unparked:
    """What ``unpark`` moved back to waiting, and what it left parked."""

    moved: list[ParkedRecord]
    superseded: list[ParkedRecord]  # a newer revision of the record is waiting or parked


def new_idempotency_key() -> str:
    """A key no other accepted row has, on any replica: what a sink stores each record by."""
    return uuid.uuid4().hex


class OutboxStore(Protocol):
    """An outbox as its users see it; the methods' meaning is the SQLite ``Outbox``'s.

    ``due_and_depth`` and ``due_notices`` claim what they return for ``lease_seconds``:
    another handle (a replica) is not given those rows until the lease ends or the
    claim is settled (delivered, failed_attempt, park, unclaim). A deliverer starts
    no attempt on a row past half its lease.
    """

    max_records: int
    lease_seconds: float

    def accept(
        self,
        kind: RecordKind,
        owner: str,
        record_id: str,
        payload: bytes,
        entry_id: int | None = None,
        parked: str | None = None,
    ) -> int: ...

    def has_room(self) -> bool: ...

    def due_and_depth(
        self, limit: int, now: float | None = None
    ) -> tuple[list[OutboxEntry], tuple[int, int]]: ...

    def due_notices(self, limit: int, now: float | None = None) -> list[DeletionNoticeEntry]: ...

    def delivered(self, queue: Queue, keys: Sequence[int]) -> list[int]: ...

    def failed_attempt(
        self, queue: Queue, key: int, code: str, retry_at: float = 0.0, strike: bool = False
    ) -> None: ...

    def release(self, queue: Queue, keys: Sequence[int]) -> None: ...

    def unclaim(self, queue: Queue, keys: Sequence[int]) -> None: ...

    def park(self, queue: Queue, key: int, reason: str) -> bool: ...

    def parked(self) -> list[ParkedRecord]: ...

    def unpark(self, dry_run: bool = False) -> Unparked: ...

    def withdraw(
        self,
        keys: Sequence[tuple[RecordKind, str, str]],
        *,
        notify: bool,
        requested_at: float,
        reference: str,
    ) -> tuple[int, int]: ...

    def withdraw_entries(self, entry_ids: Sequence[int]) -> int: ...

    def depth(self, queue: Queue = Queue.RECORDS) -> tuple[int, int]: ...

    def close(self) -> None: ...


class Outbox:
    """Thread-safe (one connection behind a lock) and safe for several processes on one file.

    One deliverer per file (the server, or the supervisor of its workers): claims are
    not needed, so rows are never leased.
    """

    lease_seconds = math.inf

    def __init__(self, path: Path, max_records: int) -> None:
        self.path = path
        self.max_records = max_records
        self._lock = threading.Lock()
        self._db = connect(path, "FULL", busy_timeout_ms=5000)
        create_schema(self._db, _SCHEMA, _ADDED_COLUMNS)
        with immediate(self._db):
            self._db.execute(_ENTRY_INDEX)

    def accept(
        self,
        kind: RecordKind,
        owner: str,
        record_id: str,
        payload: bytes,
        entry_id: int | None = None,
        parked: str | None = None,
    ) -> int:
        """Store a record durably; returns its sequence number (the revision).

        ``entry_id`` links the row to the record's ledger entry (delivery status,
        retention). Raises OutboxFullError, storing nothing, when max_records are waiting.
        ``parked``: the reason it is parked at once (too large for the sink); never
        waiting, it needs no room, and like any newer revision it replaces a waiting
        one of the same record, which must not reach the sink in its stead.
        """
        with self._lock, immediate(self._db):
            replaced = self._db.execute(
                "DELETE FROM outbox WHERE kind = ? AND owner = ? AND record_id = ? AND parked = 0",
                (kind, owner, record_id),
            ).rowcount
            if parked is None and not replaced and self._counts()[0] >= self.max_records:
                raise OutboxFullError(
                    f"the delivery outbox holds its limit of {self.max_records} records;"
                    " retry when the dialer has caught up"
                )
            now = time.time()
            cursor = self._db.execute(
                "INSERT INTO outbox (kind, owner, record_id, payload, accepted_at, entry_id,"
                " idempotency_key, parked, parked_at, last_error)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *(kind, owner, record_id, payload, now, entry_id, new_idempotency_key()),
                    *((0, None, "") if parked is None else (1, now, parked)),
                ),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def has_room(self) -> bool:
        """True when one more record would be accepted."""
        with self._lock:
            return self._counts()[0] < self.max_records

    def due_and_depth(
        self, limit: int, now: float | None = None
    ) -> tuple[list[OutboxEntry], tuple[int, int]]:
        """The oldest waiting records not backing off at ``now``, and ``depth()``.

        What the deliverer sends next, read in one thread hop.
        """
        with self._lock:
            rows = self._due(Queue.RECORDS, _ENTRY_COLUMNS, limit, now)
            return [OutboxEntry(*row) for row in rows], self._counts()

    def due_notices(self, limit: int, now: float | None = None) -> list[DeletionNoticeEntry]:
        """The oldest waiting notices not backing off at ``now``: what the deliverer sends."""
        with self._lock:
            rows = self._due(Queue.NOTICES, _NOTICE_COLUMNS, limit, now)
        return [DeletionNoticeEntry(*row) for row in rows]

    def _due(self, queue: Queue, columns: str, limit: int, now: float | None) -> list[Any]:
        table = _TABLES[queue]
        return self._db.execute(
            f"SELECT {columns} FROM {table.name} WHERE parked = 0 AND retry_at <= ?"
            f" ORDER BY {table.key} LIMIT ?",
            (time.time() if now is None else now, limit),
        ).fetchall()

    def delivered(self, queue: Queue, keys: Sequence[int]) -> list[int]:
        """The sink confirmed these: forget them, in one transaction.

        Returns the keys actually removed: a row replaced by a newer revision or
        withdrawn meanwhile is gone already, and its record's status is not this one's.
        """
        table = _TABLES[queue]
        removed: list[int] = []
        with self._lock, immediate(self._db):
            for key in keys:
                sql = f"DELETE FROM {table.name} WHERE {table.key} = ?"
                if self._db.execute(sql, (key,)).rowcount:
                    removed.append(key)
        return removed

    def failed_attempt(
        self, queue: Queue, key: int, code: str, retry_at: float = 0.0, strike: bool = False
    ) -> None:
        """Count a failed attempt that will be retried, not before ``retry_at`` (unix s).

        ``strike``: the failure is blamed on this row (it counts toward parking it).
        """
        table = _TABLES[queue]
        with self._lock:
            self._db.execute(
                f"UPDATE {table.name} SET attempts = attempts + 1, strikes = strikes + ?,"
                f" retry_at = ?, last_error = ? WHERE {table.key} = ?",
                (int(strike), retry_at, code, key),
            )

    def release(self, queue: Queue, keys: Sequence[int]) -> None:
        """These rows were not to blame for their failures: due again at once."""
        table = _TABLES[queue]
        with self._lock:
            self._db.executemany(
                f"UPDATE {table.name} SET retry_at = 0 WHERE {table.key} = ? AND parked = 0",
                [(key,) for key in keys],
            )

    def unclaim(self, queue: Queue, keys: Sequence[int]) -> None:
        """Rows read but not attempted: nothing to do, this outbox never leases them."""

    def park(self, queue: Queue, key: int, reason: str) -> bool:
        """Retrying will not deliver it: keep it aside with its reason, stop retrying it.

        Returns False when the row was no longer waiting (replaced or withdrawn).
        """
        table = _TABLES[queue]
        stamp = ", parked_at = ?" if table.parked_at else ""
        when = (time.time(),) if table.parked_at else ()
        with self._lock:
            cursor = self._db.execute(
                f"UPDATE {table.name} SET attempts = attempts + 1, parked = 1{stamp},"
                f" retry_at = 0, last_error = ? WHERE {table.key} = ? AND parked = 0",
                (*when, reason, key),
            )
        return cursor.rowcount > 0

    def parked(self) -> list[ParkedRecord]:
        """Every parked record, oldest first: ids, reasons, times and sizes, no payloads."""
        with self._lock:
            return self._parked()

    def _parked(self) -> list[ParkedRecord]:
        rows = self._db.execute(
            f"SELECT {_PARKED_COLUMNS} FROM outbox WHERE parked = 1 ORDER BY seq"
        ).fetchall()
        return [ParkedRecord(*row) for row in rows]

    def unpark(self, dry_run: bool = False) -> Unparked:
        """Move parked records back to waiting (an operator's retry), strikes cleared.

        Per record only its newest parked revision, and only if no revision of it
        waits: an older one would overwrite newer data at the sink. ``dry_run``: say
        what would move, in the same transaction, and move nothing.
        """
        with self._lock, immediate(self._db, commit=not dry_run):
            parked = self._parked()
            newest = {(p.kind, p.owner, p.record_id): p.seq for p in parked}  # by seq
            moved = [
                p
                for p in parked
                if newest[(p.kind, p.owner, p.record_id)] == p.seq
                and not self._has_waiting(p.kind, p.owner, p.record_id)
            ]
            if not dry_run:
                self._db.executemany(
                    "UPDATE outbox SET parked = 0, parked_at = NULL, retry_at = 0,"
                    " strikes = 0, last_error = '' WHERE seq = ?",
                    [(p.seq,) for p in moved],
                )
        kept = {p.seq for p in moved}
        return Unparked(moved, [p for p in parked if p.seq not in kept])

    def _has_waiting(self, kind: str, owner: str, record_id: str) -> bool:
        return (
            self._db.execute(
                "SELECT 1 FROM outbox WHERE kind = ? AND owner = ? AND record_id = ?"
                " AND parked = 0",
                (kind, owner, record_id),
            ).fetchone()
            is not None
        )

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
        with self._lock, immediate(self._db):
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
        return purged, queued

    def withdraw_entries(self, entry_ids: Sequence[int]) -> int:
        """Remove the rows (waiting or parked) of these ledger entries; returns how many.

        Retention: a row replaced by a newer revision belongs to the newer entry and stays.
        """
        purged = 0
        with self._lock, immediate(self._db):
            for entry_id in entry_ids:
                purged += self._db.execute(
                    "DELETE FROM outbox WHERE entry_id = ?", (entry_id,)
                ).rowcount
        return purged

    def depth(self, queue: Queue = Queue.RECORDS) -> tuple[int, int]:
        """(waiting, parked) counts: records kept by triggers, the few notices counted."""
        with self._lock:
            if queue is Queue.RECORDS:
                return self._counts()
            row = self._db.execute(
                "SELECT count(*) FILTER (WHERE parked = 0), count(*) FILTER (WHERE parked = 1)"
                " FROM deletion_notices"
            ).fetchone()
        return int(row[0]), int(row[1])

    def close(self) -> None:
        """Fold the WAL into the database file and close it."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()

    def _counts(self) -> tuple[int, int]:
        row = self._db.execute("SELECT waiting, parked FROM outbox_counts WHERE id = 1").fetchone()
        return int(row[0]), int(row[1])
