"""The outbox on PostgreSQL: one outbox a fleet of gateways shares, any replica delivers.

The same rows and meaning as the SQLite ``Outbox`` (gateway/custody/outbox.py):
records and deletion notices, replacement by a newer revision, parking with reasons,
strikes, ``retry_at`` backoff, withdrawal, ``max_records``. What a fleet adds:

- Claims. ``due_and_depth`` and ``due_notices`` take the due rows with
  ``SELECT ... FOR UPDATE SKIP LOCKED`` and stamp them ``claimed_by`` this handle,
  ``lease_until`` the database's clock plus ``lease_seconds``: two replicas never
  get the same row while its lease runs. Settling a row (delivered, failed attempt,
  park, unclaim) ends its claim. A replica that dies mid-delivery keeps its claims
  only until they expire; then any replica takes them.
- Idempotency. A replica past its lease may still finish an attempt another replica
  repeats: both send the row's idempotency key (and the same revision), and the sink
  stores it once.
- Order. Each replica sends its claim in ``seq`` order, and the revision (``seq``,
  one sequence for the fleet) grows with every acceptance, so per record id the sink
  keeps the newest revision. Across records a fleet keeps no order: replicas deliver
  their claims side by side, and a row backing off arrives after later ones.
- Deletion notices, claimed the same way, wait until the leases of the rows they
  withdrew have ended, so a delivery in flight never lands after its notice.
- Counts. ``outbox_counts`` keeps the waiting and parked records in a few shard
  rows, each transaction adding its change to one of them as its last statement:
  ``depth`` and the room check cost O(1), not a count over a backlog (100k waiting
  rows: 18 ms a count), and no transaction waits for anything while it holds a shard.
  ``max_records`` is checked per acceptance against that count: replicas accepting
  at the same moment may overshoot it by one row each.
"""

from __future__ import annotations

import random
import socket
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from gateway.config import ConfigError, without_password
from gateway.custody.outbox import (
    DeletionNoticeEntry,
    OutboxEntry,
    ParkedRecord,
    Queue,
    RecordKind,
    Unparked,
    new_idempotency_key,
)
from gateway.custody.store.postgres import Migration, migrate
from gateway.errors import OutboxFullError

# Advisory lock keys: creating the schema (one bigint), and one record's key (int, int).
_RECORD_LOCK_CLASS = 0x6C67_6F62  # "lgob"
# A claim outlives this many sink timeouts: the deliverer starts nothing past half of it.
_LEASE_SINK_TIMEOUTS = 6
_MIN_LEASE_SECONDS = 30.0

# Versioned like the ledger's (schema_version, one lock): append, never edit.
_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS outbox (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- order, revision
    kind            text NOT NULL CHECK (kind IN ('lead', 'transcript')),
    owner           text NOT NULL,
    record_id       text NOT NULL,
    payload         bytea NOT NULL,          -- serialized Deliver*Request, redacted
    accepted_at     double precision NOT NULL,  -- unix seconds
    attempts        integer NOT NULL DEFAULT 0,
    parked          boolean NOT NULL DEFAULT false,
    last_error      text NOT NULL DEFAULT '',   -- a status code or a reason, never data
    entry_id        bigint,                     -- the record's ledger entry
    retry_at        double precision NOT NULL DEFAULT 0,
    strikes         integer NOT NULL DEFAULT 0,
    parked_at       double precision,
    idempotency_key text NOT NULL,
    claimed_by      text NOT NULL DEFAULT '',   -- the replica delivering it
    lease_until     double precision NOT NULL DEFAULT 0  -- database clock, unix seconds
);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_waiting_record
    ON outbox (kind, owner, record_id) WHERE NOT parked;
CREATE INDEX IF NOT EXISTS outbox_parked_record
    ON outbox (kind, owner, record_id) WHERE parked;
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (seq) WHERE NOT parked;
CREATE INDEX IF NOT EXISTS outbox_entry ON outbox (entry_id);
CREATE TABLE IF NOT EXISTS outbox_notices (
    notice_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- DeleteRecordRequest's
    kind         text NOT NULL CHECK (kind IN ('lead', 'transcript')),
    owner        text NOT NULL,
    record_id    text NOT NULL,
    requested_at double precision NOT NULL,
    reference    text NOT NULL DEFAULT '',
    attempts     integer NOT NULL DEFAULT 0,
    parked       boolean NOT NULL DEFAULT false,
    last_error   text NOT NULL DEFAULT '',
    retry_at     double precision NOT NULL DEFAULT 0,
    strikes      integer NOT NULL DEFAULT 0,
    claimed_by   text NOT NULL DEFAULT '',
    lease_until  double precision NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_notices_waiting ON outbox_notices (notice_id) WHERE NOT parked;
-- Records waiting and parked, as the sum of a few rows (one hot row would serialize the fleet).
CREATE TABLE IF NOT EXISTS outbox_counts (
    shard   integer PRIMARY KEY,
    waiting bigint NOT NULL DEFAULT 0,
    parked  bigint NOT NULL DEFAULT 0
);
INSERT INTO outbox_counts (shard) SELECT generate_series(0, 15) ON CONFLICT DO NOTHING;
"""
MIGRATIONS: tuple[Migration, ...] = ((1, _SCHEMA_V1),)
_COUNT_SHARDS = 16

_CLOCK = "extract(epoch FROM clock_timestamp())"
_TABLES = {Queue.RECORDS: ("outbox", "seq"), Queue.NOTICES: ("outbox_notices", "notice_id")}
_ENTRY_COLUMNS = (
    "seq, kind, owner, record_id, payload, accepted_at, attempts, entry_id, strikes,"
    " idempotency_key"
)
_NOTICE_COLUMNS = "notice_id, kind, owner, record_id, requested_at, reference, attempts, strikes"
_PARKED_COLUMNS = (
    "seq, kind, owner, record_id, last_error, accepted_at, parked_at, attempts,"
    " octet_length(payload), entry_id"
)


def default_lease_seconds(sink_timeout_seconds: float) -> float:
    """A claim long enough that every attempt started in its first half ends inside it."""
    return max(_MIN_LEASE_SECONDS, _LEASE_SINK_TIMEOUTS * sink_timeout_seconds)


class PostgresOutbox:
    """An ``OutboxStore`` on PostgreSQL, thread-safe (a pool of connections)."""

    def __init__(
        self,
        url: str,
        max_records: int,
        *,
        lease_seconds: float = _MIN_LEASE_SECONDS,
        replica: str = "",
        pool_size: int = 4,
        connect_seconds: float = 10.0,
    ) -> None:
        """Connect, creating the tables if missing (one replica at a time); raises ConfigError.

        ``replica``: the name claims carry (default: the host and a random part).
        ``connect_seconds``: how long to try before the URL is reported unreachable.
        """
        self.max_records = max_records
        self.lease_seconds = lease_seconds
        self.replica = replica or f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"
        self._pool = ConnectionPool(  # checked on loan: a dropped connection is replaced
            url, min_size=1, max_size=pool_size, open=False, check=ConnectionPool.check_connection
        )
        try:
            self._pool.open(wait=True, timeout=connect_seconds)
        except PoolTimeout:
            self._pool.close()
            raise ConfigError(
                f"outbox_url {without_password(url)}: cannot connect to PostgreSQL"
            ) from None
        migrate(self._pool, "outbox", MIGRATIONS)

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._pool.connection() as db:
            yield db

    def accept(
        self,
        kind: RecordKind,
        owner: str,
        record_id: str,
        payload: bytes,
        entry_id: int | None = None,
        parked: str | None = None,
    ) -> int:
        """Store a record durably; returns its sequence number (see ``Outbox.accept``)."""
        with self._connection() as db:
            _lock_records(db, [(kind, owner, record_id)])
            replaced = db.execute(
                "DELETE FROM outbox WHERE kind = %s AND owner = %s AND record_id = %s"
                " AND NOT parked",
                (kind, owner, record_id),
            ).rowcount
            if parked is None and not replaced and _waiting(db) >= self.max_records:
                raise OutboxFullError(
                    f"the delivery outbox holds its limit of {self.max_records} records;"
                    " retry when the dialer has caught up"
                )
            now = time.time()
            row = db.execute(
                "INSERT INTO outbox (kind, owner, record_id, payload, accepted_at, entry_id,"
                " idempotency_key, parked, parked_at, last_error)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING seq",
                (
                    *(kind, owner, record_id, payload, now, entry_id, new_idempotency_key()),
                    *((False, None, "") if parked is None else (True, now, parked)),
                ),
            ).fetchone()
            _count(db, (parked is None) - replaced, int(parked is not None))
        assert row is not None
        return int(row[0])

    def has_room(self) -> bool:
        """True when one more record would be accepted."""
        with self._connection() as db:
            return _waiting(db) < self.max_records

    def due_and_depth(
        self, limit: int, now: float | None = None
    ) -> tuple[list[OutboxEntry], tuple[int, int]]:
        """Claim the oldest due records no other replica holds, and ``depth()``."""
        with self._connection() as db:
            rows = self._claim(db, Queue.RECORDS, _ENTRY_COLUMNS, limit, now)
            return [OutboxEntry(*row) for row in rows], _record_counts(db)

    def due_notices(self, limit: int, now: float | None = None) -> list[DeletionNoticeEntry]:
        """Claim the oldest due notices no other replica holds."""
        with self._connection() as db:
            rows = self._claim(db, Queue.NOTICES, _NOTICE_COLUMNS, limit, now)
        return [DeletionNoticeEntry(*row) for row in rows]

    def _claim(
        self, db: psycopg.Connection[Any], queue: Queue, columns: str, limit: int, now: float | None
    ) -> list[Any]:
        """Lease up to ``limit`` due rows to this replica (its own unexpired claims too)."""
        table, key = _TABLES[queue]
        rows = db.execute(
            f"WITH due AS (SELECT {key} FROM {table} WHERE NOT parked AND retry_at <= %(now)s"
            f" AND (lease_until <= {_CLOCK} OR claimed_by = %(me)s)"
            f" ORDER BY {key} LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
            f" UPDATE {table} AS t SET claimed_by = %(me)s, lease_until = {_CLOCK} + %(lease)s"
            f" FROM due WHERE t.{key} = due.{key}"
            f" RETURNING {', '.join('t.' + c.strip() for c in columns.split(','))}",
            {
                "now": time.time() if now is None else now,
                "me": self.replica,
                "limit": limit,
                "lease": self.lease_seconds,
            },
        ).fetchall()
        return sorted(rows, key=lambda row: int(row[0]))

    def delivered(self, queue: Queue, keys: Sequence[int]) -> list[int]:
        """The sink confirmed these: forget them; returns the keys actually removed."""
        table, key = _TABLES[queue]
        with self._connection() as db:
            rows = db.execute(
                f"DELETE FROM {table} WHERE {key} = ANY(%s) RETURNING {key}, parked",
                (list(keys),),
            ).fetchall()
            if queue is Queue.RECORDS:
                _count_removed(db, [bool(row[1]) for row in rows])
        removed = {int(row[0]) for row in rows}
        return [k for k in keys if k in removed]

    def failed_attempt(
        self, queue: Queue, key: int, code: str, retry_at: float = 0.0, strike: bool = False
    ) -> None:
        """Count a failed attempt, due again at ``retry_at`` (to any replica)."""
        table, column = _TABLES[queue]
        with self._connection() as db:
            db.execute(
                f"UPDATE {table} SET attempts = attempts + 1, strikes = strikes + %s,"
                f" retry_at = %s, last_error = %s, claimed_by = '', lease_until = 0"
                f" WHERE {column} = %s",
                (int(strike), retry_at, code, key),
            )

    def release(self, queue: Queue, keys: Sequence[int]) -> None:
        """These rows were not to blame for their failures: due again at once."""
        table, key = _TABLES[queue]
        with self._connection() as db:
            db.execute(
                f"UPDATE {table} SET retry_at = 0 WHERE {key} = ANY(%s) AND NOT parked",
                (list(keys),),
            )

    def unclaim(self, queue: Queue, keys: Sequence[int]) -> None:
        """Rows claimed but not attempted (a stop, a backoff): any replica may take them now."""
        table, key = _TABLES[queue]
        with self._connection() as db:
            db.execute(
                f"UPDATE {table} SET claimed_by = '', lease_until = 0"
                f" WHERE {key} = ANY(%s) AND claimed_by = %s",
                (list(keys), self.replica),
            )

    def park(self, queue: Queue, key: int, reason: str) -> bool:
        """Keep it aside with its reason; False when it was no longer waiting."""
        table, column = _TABLES[queue]
        stamp = ", parked_at = %s" if queue is Queue.RECORDS else ""
        when = (time.time(),) if queue is Queue.RECORDS else ()
        with self._connection() as db:
            cursor = db.execute(
                f"UPDATE {table} SET attempts = attempts + 1, parked = true{stamp},"
                f" retry_at = 0, last_error = %s, claimed_by = '', lease_until = 0"
                f" WHERE {column} = %s AND NOT parked",
                (*when, reason, key),
            )
            if queue is Queue.RECORDS and cursor.rowcount:
                _count(db, -1, 1)
        return cursor.rowcount > 0

    def parked(self) -> list[ParkedRecord]:
        """Every parked record, oldest first: ids, reasons, times and sizes, no payloads."""
        with self._connection() as db:
            return _parked(db)

    def unpark(self, dry_run: bool = False) -> Unparked:
        """Move parked records back to waiting (see ``Outbox.unpark``)."""
        with self._connection() as db:
            db.execute("LOCK TABLE outbox IN SHARE ROW EXCLUSIVE MODE")  # no accept meanwhile
            parked = _parked(db)
            newest = {(p.kind, p.owner, p.record_id): p.seq for p in parked}  # by seq
            waiting = {
                (str(kind), str(owner), str(record_id))
                for kind, owner, record_id in db.execute(
                    "SELECT kind, owner, record_id FROM outbox WHERE NOT parked"
                    " AND (kind, owner, record_id) IN"
                    " (SELECT kind, owner, record_id FROM outbox WHERE parked)"
                ).fetchall()
            }
            moved = [
                p
                for p in parked
                if newest[(p.kind, p.owner, p.record_id)] == p.seq
                and (p.kind, p.owner, p.record_id) not in waiting
            ]
            if not dry_run:
                db.execute(
                    "UPDATE outbox SET parked = false, parked_at = NULL, retry_at = 0,"
                    " strikes = 0, last_error = '' WHERE seq = ANY(%s)",
                    ([p.seq for p in moved],),
                )
                _count(db, len(moved), -len(moved))
        kept = {p.seq for p in moved}
        return Unparked(moved, [p for p in parked if p.seq not in kept])

    def withdraw(
        self,
        keys: Sequence[tuple[RecordKind, str, str]],
        *,
        notify: bool,
        requested_at: float,
        reference: str,
    ) -> tuple[int, int]:
        """Remove every row of each key and, with ``notify``, queue one notice per key.

        A notice waits until the leases of the rows it withdrew have ended: a replica
        sending one of them now finishes before the sink is told to delete it.
        """
        unique = list(dict.fromkeys(keys))  # one notice per key, in the order given
        queued = 0
        was_parked: list[bool] = []
        with self._connection() as db:
            _lock_records(db, unique)
            for kind, owner, record_id in unique:
                leases = db.execute(
                    "DELETE FROM outbox WHERE kind = %s AND owner = %s AND record_id = %s"
                    " RETURNING lease_until, parked",
                    (kind, owner, record_id),
                ).fetchall()
                was_parked += [bool(row[1]) for row in leases]
                if notify:
                    db.execute(
                        "INSERT INTO outbox_notices"
                        " (kind, owner, record_id, requested_at, reference, retry_at)"
                        " VALUES (%s, %s, %s, %s, %s, %s)",
                        (
                            *(kind, owner, record_id, requested_at, reference),
                            max((float(row[0]) for row in leases), default=0.0),
                        ),
                    )
                    queued += 1
            _count_removed(db, was_parked)
        return len(was_parked), queued

    def withdraw_entries(self, entry_ids: Sequence[int]) -> int:
        """Remove the rows (waiting or parked) of these ledger entries; returns how many."""
        with self._connection() as db:
            rows = db.execute(
                "DELETE FROM outbox WHERE entry_id = ANY(%s) RETURNING parked", (list(entry_ids),)
            ).fetchall()
            _count_removed(db, [bool(row[0]) for row in rows])
        return len(rows)

    def depth(self, queue: Queue = Queue.RECORDS) -> tuple[int, int]:
        """(waiting, parked) counts of one queue, for the whole fleet."""
        with self._connection() as db:
            if queue is Queue.RECORDS:
                return _record_counts(db)
            row = db.execute(
                "SELECT count(*) FILTER (WHERE NOT parked), count(*) FILTER (WHERE parked)"
                " FROM outbox_notices"
            ).fetchone()
        assert row is not None
        return int(row[0]), int(row[1])

    def close(self) -> None:
        """Close the pool (claims still held expire with their leases)."""
        self._pool.close()


def _lock_records(db: psycopg.Connection[Any], keys: Sequence[tuple[str, str, str]]) -> None:
    """Serialize acceptance and withdrawal per record key, until the transaction ends.

    Sorted, so two withdrawals of overlapping keys never wait on each other in a cycle.
    """
    for kind, owner, record_id in sorted(set(keys)):
        db.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
            (_RECORD_LOCK_CLASS, f"{kind}\x1f{owner}\x1f{record_id}"),
        )


def _count(db: psycopg.Connection[Any], waiting: int, parked: int) -> None:
    """Add a transaction's change to the record counts: its last statement, on one shard."""
    if waiting or parked:
        db.execute(
            "UPDATE outbox_counts SET waiting = waiting + %s, parked = parked + %s"
            " WHERE shard = %s",
            (waiting, parked, random.randrange(_COUNT_SHARDS)),
        )


def _count_removed(db: psycopg.Connection[Any], was_parked: Sequence[bool]) -> None:
    """Count records removed (``was_parked``: each one's state) out of the counts."""
    parked = sum(was_parked)
    _count(db, -(len(was_parked) - parked), -parked)


def _waiting(db: psycopg.Connection[Any]) -> int:
    return _record_counts(db)[0]


def _record_counts(db: psycopg.Connection[Any]) -> tuple[int, int]:
    row = db.execute("SELECT sum(waiting), sum(parked) FROM outbox_counts").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _parked(db: psycopg.Connection[Any]) -> list[ParkedRecord]:
    rows = db.execute(f"SELECT {_PARKED_COLUMNS} FROM outbox WHERE parked ORDER BY seq").fetchall()
    return [ParkedRecord(*row) for row in rows]
