"""The outbox on its own: durable, ordered, one waiting row per record id, bounded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gateway.errors import OutboxFullError
from gateway.outbox import Outbox


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return Outbox(tmp_path / "outbox.sqlite3", max_records=3)


def test_when_records_accepted_then_waiting_in_acceptance_order(outbox: Outbox) -> None:
    first = outbox.accept("lead", "acme", "l1", b"one")
    second = outbox.accept("transcript", "acme", "c1", b"two")
    assert second > first
    assert [(e.kind, e.record_id, e.payload) for e in outbox.waiting(10)] == [
        ("lead", "l1", b"one"),
        ("transcript", "c1", b"two"),
    ]


def test_when_delivered_then_removed(outbox: Outbox) -> None:
    seq = outbox.accept("lead", "acme", "l1", b"one")
    outbox.delivered(seq)
    assert outbox.waiting(10) == [] and outbox.depth() == (0, 0)


def test_when_same_record_accepted_again_then_one_row_with_higher_revision(
    outbox: Outbox,
) -> None:
    first = outbox.accept("lead", "acme", "l1", b"old")
    second = outbox.accept("lead", "acme", "l1", b"new")
    (entry,) = outbox.waiting(10)
    assert entry.seq == second > first and entry.payload == b"new"


def test_when_same_id_under_other_owner_then_separate_records(outbox: Outbox) -> None:
    outbox.accept("lead", "acme", "l1", b"a")
    outbox.accept("lead", "globex", "l1", b"b")
    assert outbox.depth() == (2, 0)


def test_when_full_then_refused_and_nothing_stored(outbox: Outbox) -> None:
    for record_id in ("l1", "l2", "l3"):
        outbox.accept("lead", "acme", record_id, b"x")
    assert not outbox.has_room()
    with pytest.raises(OutboxFullError) as raised:
        outbox.accept("lead", "acme", "l4", b"x")
    assert raised.value.reason == "OUTBOX_FULL" and "3 records" in raised.value.message
    assert outbox.depth() == (3, 0)


def test_when_full_then_a_waiting_record_may_still_be_replaced(outbox: Outbox) -> None:
    for record_id in ("l1", "l2", "l3"):
        outbox.accept("lead", "acme", record_id, b"x")
    outbox.accept("lead", "acme", "l2", b"newer")
    assert outbox.depth() == (3, 0)


def test_when_parked_then_not_waiting_and_not_counted_against_the_limit(outbox: Outbox) -> None:
    seqs = [outbox.accept("lead", "acme", r, b"x") for r in ("l1", "l2", "l3")]
    outbox.park(seqs[0], "INVALID_ARGUMENT")
    assert [e.record_id for e in outbox.waiting(10)] == ["l2", "l3"]
    assert outbox.depth() == (2, 1)
    outbox.accept("lead", "acme", "l4", b"x")


def test_when_attempt_fails_then_counted(outbox: Outbox) -> None:
    seq = outbox.accept("lead", "acme", "l1", b"x")
    outbox.failed_attempt(seq, "UNAVAILABLE")
    outbox.failed_attempt(seq, "UNAVAILABLE")
    assert outbox.waiting(1)[0].attempts == 2


def test_when_reopened_then_waiting_records_survive(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    first = Outbox(path, 10)
    first.accept("lead", "acme", "l1", b"x")
    # No close(): as if the process died here.
    again = Outbox(path, 10)
    assert [e.record_id for e in again.waiting(10)] == ["l1"]
    again.close()


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


def test_when_two_writers_share_the_file_then_counts_and_limit_hold_for_both(
    tmp_path: Path,
) -> None:
    path = tmp_path / "outbox.sqlite3"
    first, second = Outbox(path, 3), Outbox(path, 3)  # as two gateway worker processes
    first.accept("lead", "acme", "l1", b"x")
    second.accept("lead", "acme", "l2", b"x")
    seq = first.accept("lead", "acme", "l3", b"x")
    with pytest.raises(OutboxFullError):
        second.accept("lead", "acme", "l4", b"x")
    second.park(seq, "INVALID_ARGUMENT")
    assert first.depth() == second.depth() == (2, 1)
    first.delivered(second.waiting(1)[0].seq)
    assert second.depth() == (1, 1)
