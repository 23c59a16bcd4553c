"""The SQLite outbox's own traits: WAL, folding it on close, files from older releases.

What both backends share is tested in test_outbox_contract.py.
"""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from gateway.custody.outbox import Outbox, Queue

NOW = 1_800_000_000.0


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return Outbox(tmp_path / "outbox.sqlite3", max_records=3)


def test_when_opened_then_wal_mode_and_full_sync(outbox: Outbox) -> None:
    connection = sqlite3.connect(outbox.path)
    try:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    finally:
        connection.close()
    assert mode == "wal"


def test_when_closed_then_wal_folded_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path, 10)
    outbox.accept("lead", "acme", "l1", b"x")
    outbox.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert Outbox(path, 10).depth() == (1, 0)


def test_when_file_predates_notices_then_it_opens_and_withdraws(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    old = Outbox(path, 10)
    old.accept("lead", "acme", "l1", b"x")
    old.accept("lead", "acme", "l2", b"x")
    old.close()
    connection = sqlite3.connect(path)  # back to the schema before deletion notices
    connection.executescript("DROP TABLE deletion_notices; DROP INDEX outbox_parked_record;")
    connection.close()

    outbox = Outbox(path, 10)
    assert outbox.depth() == (2, 0)
    assert outbox.withdraw(
        [("lead", "acme", "l1")], notify=True, requested_at=NOW, reference=""
    ) == (1, 1)
    assert [e.record_id for e in outbox.due_and_depth(10, math.inf)[0]] == ["l2"]
    assert outbox.depth(Queue.NOTICES) == (1, 0)
    outbox.close()


def test_when_file_predates_retry_times_and_strikes_then_it_opens_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "outbox.sqlite3"
    connection = sqlite3.connect(path)  # the outbox table as it was before these columns
    connection.executescript(
        """
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('lead', 'transcript')),
            owner TEXT NOT NULL, record_id TEXT NOT NULL, payload BLOB NOT NULL,
            accepted_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            parked INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
            entry_id INTEGER
        );
        INSERT INTO outbox (kind, owner, record_id, payload, accepted_at)
            VALUES ('lead', 'acme', 'l1', x'01', 1.0);
        INSERT INTO outbox (kind, owner, record_id, payload, accepted_at, parked, last_error)
            VALUES ('lead', 'acme', 'l2', x'02', 2.0, 1, 'INVALID_ARGUMENT');
        """
    )
    connection.close()
    outbox = Outbox(path, 10)
    assert outbox.depth() == (1, 1)
    assert [e.record_id for e in outbox.due_and_depth(10)[0]] == ["l1"]
    (parked,) = outbox.parked()
    assert (parked.record_id, parked.reason, parked.parked_at) == ("l2", "INVALID_ARGUMENT", None)
    outbox.failed_attempt(
        Queue.RECORDS,
        outbox.due_and_depth(1, math.inf)[0][0].seq,
        "INTERNAL",
        retry_at=NOW,
        strike=True,
    )
    assert outbox.due_and_depth(1, math.inf)[0][0].strikes == 1
    outbox.close()
