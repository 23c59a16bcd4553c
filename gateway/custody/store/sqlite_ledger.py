"""The default ledger store: one SQLite file (WAL, ``synchronous=FULL``), shared by processes.

Times are unix seconds; finding and category counts are JSON objects, queried
with SQLite's JSON functions. A tombstone is the same row with its detail set
to NULL and its consumer index rows gone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gateway.config import ConfigError
from gateway.custody.entry import LedgerEntry
from gateway.custody.status import DeliveryStatus, EntryState
from gateway.custody.store.protocol import (
    DETAIL_COLUMNS,
    ROW_COLUMNS,
    AuditQuery,
    DeletionRequestRow,
    ExpiredEntry,
    LedgerRow,
    ledger_row,
)
from gateway.custody.store.sqlite import AddedColumn, connect, create_schema, immediate

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger (
    entry_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id        TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    owner            TEXT    NOT NULL,
    received_at      REAL    NOT NULL,
    retain_until     REAL    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'active',  -- active | deleted | expired
    closed_at        REAL,                               -- when deleted or expired
    deletion_request INTEGER REFERENCES deletion_requests (request_id),
    -- The detail below is NULL on a tombstone.
    door                TEXT,
    data_category       TEXT,
    role                TEXT,
    legal_terms         TEXT,     -- JSON list of "LAW: term"
    jurisdictions       TEXT,     -- JSON list of "US-CA"
    findings            TEXT,     -- JSON object entity type -> count
    removed             INTEGER,
    captured_while_recording INTEGER,  -- findings said into a live call's recording
    sensitive_categories TEXT,    -- JSON object category -> count
    contains_child_data INTEGER,
    policy_id           TEXT,
    policy_version      TEXT,
    engine_version      TEXT,
    delivery_status     TEXT,
    delivery_at         REAL
);
CREATE INDEX IF NOT EXISTS ledger_owner_received ON ledger (owner, received_at);
CREATE INDEX IF NOT EXISTS ledger_record ON ledger (owner, kind, record_id);
CREATE INDEX IF NOT EXISTS ledger_live_expiry ON ledger (retain_until) WHERE status = 'active';
CREATE TABLE IF NOT EXISTS consumer_index (
    digest   BLOB    NOT NULL,   -- HMAC-SHA256 under the owner's key; never the value
    entry_id INTEGER NOT NULL REFERENCES ledger (entry_id),
    kind     TEXT    NOT NULL,   -- phone | email
    PRIMARY KEY (digest, entry_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS consumer_index_entry ON consumer_index (entry_id);
CREATE TABLE IF NOT EXISTS deletion_requests (
    request_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    owner         TEXT    NOT NULL,
    requested_at  REAL    NOT NULL,
    reference     TEXT    NOT NULL,  -- the controller's ticket, checked to be a short token
    identifiers   TEXT    NOT NULL,  -- JSON list of kinds given (phone, email), no values
    records       INTEGER NOT NULL,
    outbox_purged INTEGER NOT NULL,
    notices       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deletion_request_keys (
    request_id INTEGER NOT NULL REFERENCES deletion_requests (request_id),
    digest     BLOB    NOT NULL,
    PRIMARY KEY (digest, request_id)
) WITHOUT ROWID;
"""

# Columns added since the first release: a file from before gains them when opened.
_ADDED_COLUMNS: tuple[AddedColumn, ...] = (
    # NULL on a tombstone, as the other detail, and on an entry from before: read as 0.
    ("ledger", "captured_while_recording", "INTEGER"),
)

_CHUNK = 500  # ids per IN (...) list, under SQLite's variable limit


class SqliteLedger:
    """Thread-safe (one connection behind a lock); several processes may share the file."""

    def __init__(self, path: Path, synchronous: str = "FULL") -> None:
        """Open or create the ledger file.

        ``synchronous`` FULL: a commit is on disk when ``record`` returns. NORMAL: it
        is with the operating system (it survives the process, not the machine), no fsync.
        """
        if synchronous not in ("FULL", "NORMAL"):
            raise ValueError(f"synchronous must be FULL or NORMAL, not {synchronous!r}")
        self.path = path
        self._lock = threading.Lock()
        self._db = connect(path, synchronous, busy_timeout_ms=10_000)
        create_schema(self._db, _SCHEMA, _ADDED_COLUMNS)
        self._synchronous = synchronous
        self._wal: int | None = None  # a descriptor of the WAL file, for sync()
        self._checkpointer: _Checkpointer | None = None
        if synchronous == "NORMAL":
            # Without a per-commit fsync, the only waits left are checkpoints (they sync
            # the WAL and the file): run them beside the writes, not inside a commit.
            self._db.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpointer = _Checkpointer(path)

    # -- writing -----------------------------------------------------------------

    def bind_key(self, fingerprint: str) -> None:
        """Remember the index key's fingerprint; raise ConfigError if another one was used.

        Hashes under two keys never match: a lookup with the wrong key would answer
        "no records" for a consumer the ledger does hold.
        """
        with self._lock, immediate(self._db):
            self._db.execute(
                "INSERT OR IGNORE INTO meta (name, value) VALUES ('key_fingerprint', ?)",
                (fingerprint,),
            )
            stored = self._db.execute(
                "SELECT value FROM meta WHERE name = 'key_fingerprint'"
            ).fetchone()[0]
        if stored != fingerprint:
            raise ConfigError(
                f"ledger {self.path} was written with another consumer-index key than"
                f" ledger_key_file (fingerprint {stored}, given {fingerprint}): use that key"
            )

    def record(self, entries: Sequence[LedgerEntry]) -> list[int]:
        """Store entries durably in one transaction; returns their entry ids, in order."""
        ids: list[int] = []
        with self._lock, immediate(self._db):
            for entry in entries:
                self._replace_waiting(entry)
                values = _entry_values(entry)
                cursor = self._db.execute(
                    "INSERT INTO ledger (record_id, kind, owner, received_at, retain_until, "
                    + ", ".join(DETAIL_COLUMNS[:-1])
                    + ") VALUES ("
                    + ", ".join("?" * len(values))
                    + ")",
                    values,
                )
                entry_id = int(cursor.lastrowid or 0)
                ids.append(entry_id)
                self._index(entry_id, entry)
        return ids

    def _replace_waiting(self, entry: LedgerEntry) -> None:
        """A new queued revision of a record replaces the one still waiting (its entry says so)."""
        if entry.delivery_status == DeliveryStatus.QUEUED:
            self._db.execute(
                "UPDATE ledger SET delivery_status = ? WHERE owner = ?"
                " AND kind = ? AND record_id = ? AND delivery_status = ?",
                (
                    DeliveryStatus.REPLACED,
                    entry.owner,
                    entry.kind,
                    entry.record_id,
                    DeliveryStatus.QUEUED,
                ),
            )

    def _index(self, entry_id: int, entry: LedgerEntry) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO consumer_index (digest, entry_id, kind) VALUES (?, ?, ?)",
            [(digest, entry_id, kind) for kind, digest in entry.consumer_keys],
        )

    def finish(self, entry_id: int, entry: LedgerEntry) -> None:
        """Replace an open call's provisional entry with its final one, keeping its id.

        Only an entry still ``open`` and live is finished: one cut off meanwhile (a
        restart) or deleted keeps what it says.
        """
        detail = DETAIL_COLUMNS[:-1]
        values = _entry_values(entry)[5:]
        with self._lock, immediate(self._db):
            self._replace_waiting(entry)
            cursor = self._db.execute(
                "UPDATE ledger SET "
                + ", ".join(f"{column} = ?" for column in detail)
                + " WHERE entry_id = ? AND status = 'active' AND delivery_status = ?",
                (*values, entry_id, DeliveryStatus.OPEN),
            )
            if cursor.rowcount:
                self._index(entry_id, entry)

    def cut_off_open_calls(self, at: datetime) -> int:
        """Close every entry still ``open`` as ``cut-off``; returns how many."""
        with self._lock, immediate(self._db):
            cursor = self._db.execute(
                "UPDATE ledger SET delivery_status = ?, delivery_at = ?"
                " WHERE delivery_status = ? AND status = 'active'",
                (DeliveryStatus.CUT_OFF, at.timestamp(), DeliveryStatus.OPEN),
            )
        return int(cursor.rowcount)

    def set_delivery_status(
        self, keys: Sequence[tuple[str, str, str]], status: DeliveryStatus, at: datetime
    ) -> None:
        """Move the queued entries of (owner, kind, record_id) keys to ``status``."""
        stamp = at.timestamp()
        with self._lock, immediate(self._db):
            self._db.executemany(
                "UPDATE ledger SET delivery_status = ?, delivery_at = ? WHERE owner = ?"
                " AND kind = ? AND record_id = ? AND delivery_status = 'queued'",
                [(status, stamp, *key) for key in keys],
            )

    def set_entry_delivery_status(
        self, entry_ids: Sequence[int], status: DeliveryStatus, at: datetime | None = None
    ) -> None:
        """Set the delivery status of live entries by id (and when, if ``at`` is given)."""
        stamp = at.timestamp() if at is not None else None
        with self._lock, immediate(self._db):
            self._db.executemany(
                "UPDATE ledger SET delivery_status = ?, delivery_at = coalesce(?, delivery_at)"
                " WHERE entry_id = ? AND status = 'active'",
                [(status, stamp, entry_id) for entry_id in entry_ids],
            )

    def sync(self) -> None:
        """Make every committed entry survive a machine crash (a no-op under FULL).

        Called before a record is accepted for delivery, so the outbox never holds a
        record whose entry a power cut could take back.
        """
        if self._synchronous == "FULL":
            return
        if self._wal is None:
            self._wal = os.open(f"{self.path}-wal", os.O_RDONLY)
        os.fsync(self._wal)

    def is_active(self, entry_id: int) -> bool:
        """Whether the entry is still live (not deleted, not expired)."""
        with self._lock:
            row = self._db.execute(
                "SELECT status FROM ledger WHERE entry_id = ?", (entry_id,)
            ).fetchone()
        return row is not None and row[0] == EntryState.ACTIVE

    def delete_consumer(
        self,
        owner: str,
        digests: Sequence[bytes],
        identifier_kinds: Sequence[str],
        entry_ids: Sequence[int],
        reference: str,
        at: datetime,
        outbox_purged: int,
        notices: int,
    ) -> DeletionRequestRow:
        """Record the request and turn ``entry_ids`` into deletion tombstones, atomically."""
        stamp = at.timestamp()
        kinds = sorted(set(identifier_kinds))
        with self._lock, immediate(self._db):
            closable = self._live_count(entry_ids, owner)
            cursor = self._db.execute(
                "INSERT INTO deletion_requests (owner, requested_at, reference, identifiers,"
                " records, outbox_purged, notices) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    owner,
                    stamp,
                    reference,
                    json.dumps(kinds),
                    len(entry_ids),
                    outbox_purged,
                    notices,
                ),
            )
            request_id = int(cursor.lastrowid or 0)
            self._db.executemany(
                "INSERT OR IGNORE INTO deletion_request_keys (request_id, digest) VALUES (?, ?)",
                [(request_id, digest) for digest in digests],
            )
            self._close_entries(entry_ids, EntryState.DELETED, stamp, request_id, owner)
        return DeletionRequestRow(
            request_id, owner, at, reference, tuple(kinds), closable, outbox_purged, notices
        )

    def _live_count(self, entry_ids: Sequence[int], owner: str) -> int:
        count = 0
        for start in range(0, len(entry_ids), _CHUNK):
            chunk = list(entry_ids[start : start + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            count += self._db.execute(
                f"SELECT count(*) FROM ledger WHERE status = 'active' AND owner = ?"
                f" AND entry_id IN ({marks})",
                (owner, *chunk),
            ).fetchone()[0]
        return count

    def tombstone(self, entry_ids: Sequence[int], at: datetime) -> int:
        """Drop the detail and index of expired entries, keeping id, owner and dates."""
        with self._lock, immediate(self._db):
            return self._close_entries(entry_ids, EntryState.EXPIRED, at.timestamp(), None, None)

    def _close_entries(
        self,
        entry_ids: Sequence[int],
        status: EntryState,
        stamp: float,
        request_id: int | None,
        owner: str | None,
    ) -> int:
        nulls = ", ".join(f"{column} = NULL" for column in DETAIL_COLUMNS)
        closed = 0
        for start in range(0, len(entry_ids), _CHUNK):
            chunk = list(entry_ids[start : start + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            owner_rule = " AND owner = ?" if owner is not None else ""
            args: list[Any] = [status, stamp, request_id, *chunk]
            if owner is not None:
                args.append(owner)
            closed += self._db.execute(
                f"UPDATE ledger SET status = ?, closed_at = ?, deletion_request = ?, {nulls}"
                f" WHERE status = 'active' AND entry_id IN ({marks}){owner_rule}",
                args,
            ).rowcount
            self._db.execute(f"DELETE FROM consumer_index WHERE entry_id IN ({marks})", chunk)
        return closed

    def sweep_lock(self) -> AbstractContextManager[bool]:
        """Always granted: one host's sweeps already take turns in ``immediate`` transactions.

        A sweep here is idempotent per page (a page another sweep closed first is
        closed again as nothing), so SQLite needs no lock beyond its write lock.
        """
        return nullcontext(True)

    # -- reading -----------------------------------------------------------------

    def lookup(self, owner: str, digests: Sequence[bytes]) -> list[LedgerRow]:
        """The owner's live entries indexed under any of ``digests``."""
        if not digests:
            return []
        marks = ", ".join("?" * len(digests))
        with self._lock:
            rows = self._db.execute(
                f"SELECT {ROW_COLUMNS} FROM ledger WHERE owner = ? AND status = 'active'"
                f" AND entry_id IN (SELECT entry_id FROM consumer_index WHERE digest IN ({marks}))"
                " ORDER BY received_at, entry_id",
                (owner, *digests),
            ).fetchall()
        return [_row(r) for r in rows]

    def deletion_requests(self, owner: str, digests: Sequence[bytes]) -> list[DeletionRequestRow]:
        """The owner's recorded deletion requests made for any of ``digests``."""
        if not digests:
            return []
        marks = ", ".join("?" * len(digests))
        with self._lock:
            rows = self._db.execute(
                "SELECT request_id, owner, requested_at, reference, identifiers, records,"
                " outbox_purged, notices FROM deletion_requests WHERE owner = ? AND request_id"
                f" IN (SELECT request_id FROM deletion_request_keys WHERE digest IN ({marks}))"
                " ORDER BY request_id",
                (owner, *digests),
            ).fetchall()
        return [
            DeletionRequestRow(
                request_id=r[0],
                owner=r[1],
                requested_at=_time(r[2]),
                reference=r[3],
                identifier_kinds=tuple(json.loads(r[4])),
                records=r[5],
                outbox_purged=r[6],
                notices=r[7],
            )
            for r in rows
        ]

    def expired(self, now: datetime, limit: int, after: int = 0) -> list[ExpiredEntry]:
        """Live entries past ``retain_until`` with ids above ``after``, in id order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT entry_id, owner, kind, record_id, delivery_status FROM ledger"
                " WHERE status = 'active' AND retain_until <= ? AND entry_id > ?"
                " ORDER BY entry_id LIMIT ?",
                (now.timestamp(), after, limit),
            ).fetchall()
        return [
            ExpiredEntry(entry_id, owner, kind, record_id, DeliveryStatus(status))
            for entry_id, owner, kind, record_id, status in rows
        ]

    def query(self, query: AuditQuery) -> Iterator[LedgerRow]:
        """Entries matching the filters, in the order they were recorded (read in pages)."""
        where, args = _filters(query)
        after = 0
        while True:
            with self._lock:
                rows = self._db.execute(
                    f"SELECT {ROW_COLUMNS} FROM ledger WHERE entry_id > ? {where}"
                    " ORDER BY entry_id LIMIT 1000",
                    (after, *args),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _row(row)
            after = rows[-1][0]

    def close(self) -> None:
        """Fold the WAL into the database file and close it."""
        if self._checkpointer is not None:
            self._checkpointer.stop()
        if self._wal is not None:
            os.close(self._wal)
        with self._lock:
            try:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                self._db.close()


class _Checkpointer:
    """A thread with its own connection that checkpoints the WAL every ``interval`` seconds.

    PASSIVE: it never blocks a writer; what it cannot copy now, it copies next time.
    It syncs the WAL first, so with ``synchronous=NORMAL`` an entry reaches the disk
    within about ``interval`` seconds.
    """

    def __init__(self, path: Path, interval: float = 1.0) -> None:
        self._path = path
        self._interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="leadgate-checkpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()

    def _run(self) -> None:
        db = sqlite3.connect(self._path, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout=1000")
            while not self._stopping.wait(self._interval):
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:  # busy now: the next round catches up
                    continue
        finally:
            db.close()


def _filters(query: AuditQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if query.owner is not None:
        clauses.append("owner = ?")
        args.append(query.owner)
    if query.since is not None:
        clauses.append("received_at >= ?")
        args.append(query.since.timestamp())
    if query.until is not None:
        clauses.append("received_at < ?")
        args.append(query.until.timestamp())
    if query.category is not None:
        clauses.append(
            "(data_category = ? OR EXISTS (SELECT 1 FROM json_each(sensitive_categories)"
            " WHERE key = ?))"
        )
        args += [query.category, query.category]
    if query.entity_type is not None:
        clauses.append("EXISTS (SELECT 1 FROM json_each(findings) WHERE key = ?)")
        args.append(query.entity_type)
    if not query.include_tombstones:
        clauses.append("status = 'active'")
    return "".join(f" AND {clause}" for clause in clauses), args


def _entry_values(entry: LedgerEntry) -> tuple[Any, ...]:
    return (
        entry.record_id,
        entry.kind,
        entry.owner,
        entry.received_at.timestamp(),
        entry.retain_until.timestamp(),
        entry.door,
        entry.data_category,
        entry.role,
        json.dumps(list(entry.legal_terms)),
        json.dumps(list(entry.jurisdictions)),
        json.dumps(dict(entry.findings)),
        entry.removed,
        entry.captured_while_recording,
        json.dumps(dict(entry.sensitive_categories)),
        int(entry.contains_child_data),
        entry.policy_id,
        entry.policy_version,
        entry.engine_version,
        entry.delivery_status,
    )


def _time(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


def _row(row: tuple[Any, ...]) -> LedgerRow:
    return ledger_row(row, _time, json.loads)
