"""The fleet's ledger: one PostgreSQL database shared by every replica, batch and Spark job.

The same tables and meaning as ``SqliteLedger``, in PostgreSQL's types: times are
``timestamptz``, counts ``jsonb``, lists ``text[]``. A batch is written with COPY in
one transaction (its ids drawn from the sequence first, so they come back in order),
which is what makes the writer's group commit and a Spark job's batches bulk writes.

Replicas come and go while others keep calls open: each store holds an advisory
lock naming it for as long as it lives, and an open call's entry carries that
name, so a replica starting up cuts off only the calls of replicas that are gone.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from gateway.config import ConfigError
from gateway.config import without_password as shown
from gateway.custody.entry import LedgerEntry
from gateway.custody.status import DeliveryStatus, EntryState
from gateway.custody.store.postgres import (
    Migration,
    is_behind,
    is_migrated,
    migrate,
    open_pool,
)
from gateway.custody.store.protocol import (
    DETAIL_COLUMNS,
    ROW_COLUMNS,
    AuditQuery,
    DeletionRequestRow,
    ExpiredEntry,
    LedgerRow,
    ledger_row,
)

COMPONENT = "ledger"
MIGRATIONS: tuple[Migration, ...] = (
    (
        1,
        """
CREATE TABLE deletion_requests (
    request_id    BIGSERIAL   PRIMARY KEY,
    owner         TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    reference     TEXT        NOT NULL,
    identifiers   TEXT[]      NOT NULL,  -- kinds given (phone, email), no values
    records       INTEGER     NOT NULL,
    outbox_purged INTEGER     NOT NULL,
    notices       INTEGER     NOT NULL
);
CREATE TABLE deletion_request_keys (
    request_id BIGINT NOT NULL REFERENCES deletion_requests (request_id),
    digest     BYTEA  NOT NULL,
    PRIMARY KEY (digest, request_id)
);
CREATE TABLE ledger (
    entry_id         BIGSERIAL   PRIMARY KEY,
    record_id        TEXT        NOT NULL,
    kind             TEXT        NOT NULL,
    owner            TEXT        NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    retain_until     TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL DEFAULT 'active',  -- active | deleted | expired
    closed_at        TIMESTAMPTZ,
    deletion_request BIGINT REFERENCES deletion_requests (request_id),
    -- The detail below is NULL on a tombstone.
    door                 TEXT,
    data_category        TEXT,
    role                 TEXT,
    legal_terms          TEXT[],
    jurisdictions        TEXT[],
    findings             JSONB,
    removed              INTEGER,
    sensitive_categories JSONB,
    contains_child_data  BOOLEAN,
    policy_id            TEXT,
    policy_version       TEXT,
    engine_version       TEXT,
    delivery_status      TEXT,
    delivery_at          TIMESTAMPTZ,
    opened_by            INTEGER  -- an open call's replica (its liveness lock), else NULL
);
CREATE INDEX ledger_owner_received ON ledger (owner, received_at);
CREATE INDEX ledger_record ON ledger (owner, kind, record_id);
CREATE INDEX ledger_live_expiry ON ledger (retain_until) WHERE status = 'active';
CREATE INDEX ledger_open ON ledger (entry_id) WHERE delivery_status = 'open';
CREATE TABLE consumer_index (
    digest   BYTEA  NOT NULL,  -- HMAC-SHA256 under the owner's key; never the value
    entry_id BIGINT NOT NULL REFERENCES ledger (entry_id),
    kind     TEXT   NOT NULL,  -- phone | email
    PRIMARY KEY (digest, entry_id)
);
CREATE INDEX consumer_index_entry ON consumer_index (entry_id);
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
""",
    ),
    (
        2,
        # Findings said into a live call's recording; NULL on a tombstone and on an
        # entry from before (read as 0).
        "ALTER TABLE ledger ADD COLUMN captured_while_recording INTEGER",
    ),
)

# The retention sweeper's lock: one sweep at a time across the fleet.
SWEEP_LOCK = 0x1EAD6A7E_0002
# pg_advisory_lock(LIVE_CLASS, replica): held by each live store, named in its open calls.
LIVE_CLASS = 0x1EAD

_ENTRY_COLUMNS = (
    "entry_id",
    "record_id",
    "kind",
    "owner",
    "received_at",
    "retain_until",
    *DETAIL_COLUMNS[:-1],
    "opened_by",
)
_REPLACE_WAITING = (
    "UPDATE ledger SET delivery_status = 'replaced' WHERE owner = %s AND kind = %s"
    " AND record_id = %s AND delivery_status = 'queued'"
)


class PostgresLedger:
    """Thread-safe (a pool of connections); any number of processes and hosts may share it."""

    def __init__(self, url: str, *, create: bool = True, pool_size: int = 8) -> None:
        """Connect and bring the schema up to date (``create`` False: it must exist already).

        ``create`` False is for the commands that read an existing ledger: a wrong
        database must not answer "no records". An existing ledger is still brought up
        to date, as a SQLite file gains its added columns: a command's query reads them.
        """
        self.url = url
        self._pool = open_pool(url, "ledger_url", pool_size)
        # Claimed with the first open call (a gateway's): the commands and batch jobs never
        # hold calls open, and need no session beyond the pool's.
        self._liveness: psycopg.Connection[Any] | None = None
        self._replica = 0
        self._claiming = threading.Lock()
        try:
            if not create and not is_migrated(self._pool, COMPONENT):
                raise ValueError(f"no ledger in the database {shown(url)} (check ledger_url)")
            # A command on a current ledger runs no DDL (a read-only role may run audits).
            if create or is_behind(self._pool, COMPONENT, MIGRATIONS):
                migrate(self._pool, COMPONENT, MIGRATIONS)
        except BaseException:
            self._pool.close()
            raise

    # -- writing -----------------------------------------------------------------

    def bind_key(self, fingerprint: str) -> None:
        """Remember the index key's fingerprint; raise ConfigError if another one was used.

        Every replica binds at start: one given another key file fails to start rather
        than write hashes no lookup would ever match.
        """
        with self._pool.connection() as conn:
            conn.execute(
                "INSERT INTO meta (name, value) VALUES ('key_fingerprint', %s)"
                " ON CONFLICT (name) DO NOTHING",
                (fingerprint,),
            )
            row = conn.execute("SELECT value FROM meta WHERE name = 'key_fingerprint'").fetchone()
        stored = row[0] if row else fingerprint
        if stored != fingerprint:
            raise ConfigError(
                f"ledger {shown(self.url)} was written with another consumer-index key than"
                f" ledger_key_file (fingerprint {stored}, given {fingerprint}): use that key"
            )

    def record(self, entries: Sequence[LedgerEntry]) -> list[int]:
        """Store entries in one transaction (COPY); returns their entry ids, in order."""
        if not entries:
            return []
        if any(e.delivery_status == DeliveryStatus.OPEN for e in entries):
            self._claim_replica()
        with self._pool.connection() as conn, conn.transaction():
            ids = [
                row[0]
                for row in conn.execute(
                    "SELECT nextval('ledger_entry_id_seq') FROM generate_series(1, %s)",
                    (len(entries),),
                )
            ]
            ids.sort()
            waiting = {_key(e) for e in entries if e.delivery_status == DeliveryStatus.QUEUED}
            with conn.cursor() as cursor:
                cursor.executemany(_REPLACE_WAITING, sorted(waiting))
                # Within the batch too, only the last queued revision of a record waits.
                last_queued = {
                    _key(e): i
                    for i, e in enumerate(entries)
                    if e.delivery_status == DeliveryStatus.QUEUED
                }
                columns = ", ".join(_ENTRY_COLUMNS)
                with cursor.copy(f"COPY ledger ({columns}) FROM STDIN") as copy:
                    for i, (entry_id, entry) in enumerate(zip(ids, entries, strict=True)):
                        replaced = entry.delivery_status == DeliveryStatus.QUEUED and (
                            last_queued[_key(entry)] != i
                        )
                        status = DeliveryStatus.REPLACED if replaced else entry.delivery_status
                        opened_by = self._replica if status == DeliveryStatus.OPEN else None
                        copy.write_row((entry_id, *_entry_values(entry, status), opened_by))
                with cursor.copy("COPY consumer_index (digest, entry_id, kind) FROM STDIN") as copy:
                    for entry_id, entry in zip(ids, entries, strict=True):
                        for digest, kind in _index_rows(entry):
                            copy.write_row((digest, entry_id, kind))
        return ids

    def finish(self, entry_id: int, entry: LedgerEntry) -> None:
        """Replace an open call's provisional entry with its final one, keeping its id.

        Only an entry still ``open`` and live is finished: one cut off meanwhile (a
        restart of any replica) or deleted keeps what it says.
        """
        detail = DETAIL_COLUMNS[:-1]
        values = _entry_values(entry, entry.delivery_status)[5:]
        with self._pool.connection() as conn, conn.transaction():
            if entry.delivery_status == DeliveryStatus.QUEUED:
                conn.execute(_REPLACE_WAITING, _key(entry))
            cursor = conn.execute(
                "UPDATE ledger SET opened_by = NULL, "
                + ", ".join(f"{column} = %s" for column in detail)
                + " WHERE entry_id = %s AND status = 'active' AND delivery_status = 'open'",
                (*values, entry_id),
            )
            if cursor.rowcount:
                with conn.cursor() as index:
                    index.executemany(
                        "INSERT INTO consumer_index (digest, entry_id, kind) VALUES (%s, %s, %s)"
                        " ON CONFLICT DO NOTHING",
                        [(digest, entry_id, kind) for digest, kind in _index_rows(entry)],
                    )

    def cut_off_open_calls(self, at: datetime) -> int:
        """Close as ``cut-off`` the ``open`` entries of replicas that are gone; returns how many.

        A replica's liveness lock ends with its session (a crash, a SIGKILL, a lost
        host): its calls are cut off; the calls other live replicas hold stay open.
        """
        with self._pool.connection() as conn:
            cursor = conn.execute(
                "UPDATE ledger SET delivery_status = %s, delivery_at = %s"
                " WHERE delivery_status = 'open' AND status = 'active' AND NOT EXISTS ("
                "  SELECT 1 FROM pg_locks AS held WHERE held.locktype = 'advisory'"
                "  AND held.granted AND held.objsubid = 2 AND held.classid = %s::oid"
                "  AND held.objid = ledger.opened_by::oid AND held.database ="
                "  (SELECT oid FROM pg_database WHERE datname = current_database()))",
                (DeliveryStatus.CUT_OFF.value, at, LIVE_CLASS),
            )
            return cursor.rowcount

    def set_delivery_status(
        self, keys: Sequence[tuple[str, str, str]], status: DeliveryStatus, at: datetime
    ) -> None:
        """Move the queued entries of (owner, kind, record_id) keys to ``status``."""
        with self._pool.connection() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "UPDATE ledger SET delivery_status = %s, delivery_at = %s WHERE owner = %s"
                " AND kind = %s AND record_id = %s AND delivery_status = 'queued'",
                [(status.value, at, *key) for key in keys],
            )

    def set_entry_delivery_status(
        self, entry_ids: Sequence[int], status: DeliveryStatus, at: datetime | None = None
    ) -> None:
        """Set the delivery status of live entries by id (and when, if ``at`` is given)."""
        with self._pool.connection() as conn:
            conn.execute(
                "UPDATE ledger SET delivery_status = %s,"
                " delivery_at = coalesce(%s::timestamptz, delivery_at)"
                " WHERE entry_id = ANY(%s) AND status = 'active'",
                (status.value, at, list(entry_ids)),
            )

    def sync(self) -> None:
        """Nothing to do: a PostgreSQL commit is durable when it returns."""

    def is_active(self, entry_id: int) -> bool:
        """Whether the entry is still live (not deleted, not expired)."""
        with self._pool.connection() as conn:
            row = conn.execute(
                "SELECT status FROM ledger WHERE entry_id = %s", (entry_id,)
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
        kinds = sorted(set(identifier_kinds))
        ids = list(entry_ids)
        with self._pool.connection() as conn, conn.transaction():
            live = conn.execute(
                "SELECT count(*) FROM ledger WHERE status = 'active' AND owner = %s"
                " AND entry_id = ANY(%s)",
                (owner, ids),
            ).fetchone()
            row = conn.execute(
                "INSERT INTO deletion_requests (owner, requested_at, reference, identifiers,"
                " records, outbox_purged, notices) VALUES (%s, %s, %s, %s, %s, %s, %s)"
                " RETURNING request_id",
                (owner, at, reference, kinds, len(ids), outbox_purged, notices),
            ).fetchone()
            request_id = int(row[0]) if row else 0
            with conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO deletion_request_keys (request_id, digest) VALUES (%s, %s)"
                    " ON CONFLICT DO NOTHING",
                    [(request_id, digest) for digest in digests],
                )
            _close_entries(conn, ids, EntryState.DELETED, at, request_id, owner)
        closable = int(live[0]) if live else 0
        return DeletionRequestRow(
            request_id, owner, at, reference, tuple(kinds), closable, outbox_purged, notices
        )

    def tombstone(self, entry_ids: Sequence[int], at: datetime) -> int:
        """Drop the detail and index of expired entries, keeping id, owner and dates."""
        with self._pool.connection() as conn, conn.transaction():
            return _close_entries(conn, list(entry_ids), EntryState.EXPIRED, at, None, None)

    @contextmanager
    def sweep_lock(self) -> Iterator[bool]:
        """Hold the fleet's sweep lock while the block runs; yields False if another holds it.

        A session advisory lock: a sweeper that dies releases it with its connection.
        """
        with self._pool.connection() as conn:
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (SWEEP_LOCK,)).fetchone()
            conn.commit()
            held = bool(row and row[0])
            try:
                yield held
            finally:
                if held:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (SWEEP_LOCK,))

    # -- reading -----------------------------------------------------------------

    def lookup(self, owner: str, digests: Sequence[bytes]) -> list[LedgerRow]:
        """The owner's live entries indexed under any of ``digests``."""
        if not digests:
            return []
        with self._pool.connection() as conn:
            rows = conn.execute(
                f"SELECT {ROW_COLUMNS} FROM ledger WHERE owner = %s AND status = 'active'"
                " AND entry_id IN (SELECT entry_id FROM consumer_index WHERE digest = ANY(%s))"
                " ORDER BY received_at, entry_id",
                (owner, list(digests)),
            ).fetchall()
        return [_row(r) for r in rows]

    def deletion_requests(self, owner: str, digests: Sequence[bytes]) -> list[DeletionRequestRow]:
        """The owner's recorded deletion requests made for any of ``digests``."""
        if not digests:
            return []
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT request_id, owner, requested_at, reference, identifiers, records,"
                " outbox_purged, notices FROM deletion_requests WHERE owner = %s AND request_id"
                " IN (SELECT request_id FROM deletion_request_keys WHERE digest = ANY(%s))"
                " ORDER BY request_id",
                (owner, list(digests)),
            ).fetchall()
        return [
            DeletionRequestRow(
                request_id=r[0],
                owner=r[1],
                requested_at=_time(r[2]),
                reference=r[3],
                identifier_kinds=tuple(r[4]),
                records=r[5],
                outbox_purged=r[6],
                notices=r[7],
            )
            for r in rows
        ]

    def expired(self, now: datetime, limit: int, after: int = 0) -> list[ExpiredEntry]:
        """Live entries past ``retain_until`` with ids above ``after``, in id order."""
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT entry_id, owner, kind, record_id, delivery_status FROM ledger"
                " WHERE status = 'active' AND retain_until <= %s AND entry_id > %s"
                " ORDER BY entry_id LIMIT %s",
                (now, after, limit),
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
            with self._pool.connection() as conn:
                rows = conn.execute(
                    f"SELECT {ROW_COLUMNS} FROM ledger WHERE entry_id > %s {where}"
                    " ORDER BY entry_id LIMIT 1000",
                    (after, *args),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _row(row)
            after = rows[-1][0]

    def _claim_replica(self) -> None:
        """Hold a liveness lock no live replica holds, for as long as this store is open.

        Its own connection, outside the pool, idle and out of any transaction.
        """
        with self._claiming:
            if self._liveness is not None:
                return
            conn = psycopg.connect(self.url, autocommit=True)
            try:
                while True:
                    replica = 1 + secrets.randbelow(2**31 - 2)
                    row = conn.execute(
                        "SELECT pg_try_advisory_lock(%s, %s)", (LIVE_CLASS, replica)
                    ).fetchone()
                    if row and row[0]:
                        break
            except BaseException:
                conn.close()
                raise
            self._liveness, self._replica = conn, replica

    def close(self) -> None:
        """Close the pool's connections, and end this replica's life (its lock)."""
        self._pool.close()
        if self._liveness is not None:
            # Released before the connection goes: the server ends a session a moment
            # after the client leaves, and a gateway restarted at once must see it gone.
            self._liveness.execute("SELECT pg_advisory_unlock_all()")
            self._liveness.close()


def _close_entries(
    conn: psycopg.Connection[Any],
    entry_ids: list[int],
    status: EntryState,
    at: datetime,
    request_id: int | None,
    owner: str | None,
) -> int:
    nulls = ", ".join(f"{column} = NULL" for column in DETAIL_COLUMNS)
    owner_rule = " AND owner = %s" if owner is not None else ""
    args: list[Any] = [status.value, at, request_id, entry_ids]
    if owner is not None:
        args.append(owner)
    closed = conn.execute(
        f"UPDATE ledger SET status = %s, closed_at = %s, deletion_request = %s, {nulls}"
        f" WHERE status = 'active' AND entry_id = ANY(%s){owner_rule}",
        args,
    ).rowcount
    conn.execute("DELETE FROM consumer_index WHERE entry_id = ANY(%s)", (entry_ids,))
    return closed


def _filters(query: AuditQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if query.owner is not None:
        clauses.append("owner = %s")
        args.append(query.owner)
    if query.since is not None:
        clauses.append("received_at >= %s")
        args.append(query.since)
    if query.until is not None:
        clauses.append("received_at < %s")
        args.append(query.until)
    if query.category is not None:
        clauses.append("(data_category = %s OR jsonb_exists(sensitive_categories, %s))")
        args += [query.category, query.category]
    if query.entity_type is not None:
        clauses.append("jsonb_exists(findings, %s)")
        args.append(query.entity_type)
    if not query.include_tombstones:
        clauses.append("status = 'active'")
    return "".join(f" AND {clause}" for clause in clauses), args


def _index_rows(entry: LedgerEntry) -> list[tuple[bytes, str]]:
    """(digest, kind) once per digest, the first kind kept (as SQLite's INSERT OR IGNORE)."""
    first: dict[bytes, str] = {}
    for kind, digest in entry.consumer_keys:
        first.setdefault(digest, kind)
    return list(first.items())


def _key(entry: LedgerEntry) -> tuple[str, str, str]:
    return (entry.owner, entry.kind, entry.record_id)


def _entry_values(entry: LedgerEntry, status: DeliveryStatus) -> tuple[Any, ...]:
    return (
        entry.record_id,
        entry.kind,
        entry.owner,
        entry.received_at,
        entry.retain_until,
        entry.door,
        entry.data_category,
        entry.role,
        list(entry.legal_terms),
        list(entry.jurisdictions),
        Jsonb(dict(entry.findings)),
        entry.removed,
        entry.captured_while_recording,
        Jsonb(dict(entry.sensitive_categories)),
        entry.contains_child_data,
        entry.policy_id,
        entry.policy_version,
        entry.engine_version,
        DeliveryStatus(status).value,
    )


def _time(stamp: datetime) -> datetime:
    return stamp.astimezone(UTC)


def _row(row: tuple[Any, ...]) -> LedgerRow:
    return ledger_row(row, _time, _as_stored)


def _as_stored(value: Any) -> Any:
    """Jsonb comes back decoded already."""
    return value
