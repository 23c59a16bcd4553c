"""The outbox on its own: durable, ordered, one waiting row per record id, bounded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gateway.errors import OutboxFullError
from gateway.outbox import Outbox, RecordKind


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


# -- withdrawal and deletion notices ------------------------------------------------------

REQUESTED_AT = 1_714_566_600.25  # 2024-05-01T12:30:00.25Z


def _withdraw(
    outbox: Outbox, keys: list[tuple[RecordKind, str, str]], notify: bool = True
) -> tuple[int, int]:
    return outbox.withdraw(keys, notify=notify, requested_at=REQUESTED_AT, reference="TICKET-0001")


def _records(outbox: Outbox) -> list[tuple[str, str, str]]:
    return [(e.kind, e.owner, e.record_id) for e in outbox.waiting(100)]


def test_when_withdrawn_then_waiting_and_parked_rows_of_the_keys_go_and_others_stay(
    tmp_path: Path,
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3", max_records=10)
    outbox.accept("lead", "acme", "l1", b"x")
    outbox.park(outbox.accept("lead", "acme", "l2", b"x"), "INVALID_ARGUMENT")
    outbox.accept("lead", "acme", "l3", b"x")
    outbox.accept("transcript", "acme", "l1", b"x")  # same id, other kind
    outbox.accept("lead", "globex", "l1", b"x")  # same id, other owner
    outbox.park(outbox.accept("lead", "globex", "l2", b"x"), "INVALID_ARGUMENT")
    assert outbox.depth() == (4, 2)

    purged, queued = _withdraw(
        outbox, [("lead", "acme", "l1"), ("lead", "acme", "l2"), ("lead", "acme", "l9")]
    )

    assert (purged, queued) == (2, 3)
    assert _records(outbox) == [
        ("lead", "acme", "l3"),
        ("transcript", "acme", "l1"),
        ("lead", "globex", "l1"),
    ]
    assert outbox.depth() == (3, 1)  # the trigger-kept counts follow the purge
    notices = outbox.waiting_notices(10)
    assert [(n.kind, n.owner, n.record_id) for n in notices] == [
        ("lead", "acme", "l1"),
        ("lead", "acme", "l2"),
        ("lead", "acme", "l9"),
    ]
    assert notices[0].notice_id < notices[1].notice_id < notices[2].notice_id
    assert {(n.requested_at, n.reference, n.attempts) for n in notices} == {
        (REQUESTED_AT, "TICKET-0001", 0)
    }
    assert outbox.notice_depth() == (3, 0)


def test_when_a_record_is_parked_and_waiting_again_then_both_rows_are_purged(
    outbox: Outbox,
) -> None:
    outbox.park(outbox.accept("lead", "acme", "l1", b"old"), "INVALID_ARGUMENT")
    outbox.accept("lead", "acme", "l1", b"new")
    assert outbox.depth() == (1, 1)
    assert _withdraw(outbox, [("lead", "acme", "l1")]) == (2, 1)
    assert outbox.depth() == (0, 0)


def test_when_withdrawn_without_notify_then_purged_and_no_notice(outbox: Outbox) -> None:
    outbox.accept("lead", "acme", "l1", b"x")
    outbox.accept("lead", "acme", "l2", b"x")
    assert _withdraw(outbox, [("lead", "acme", "l1")], notify=False) == (1, 0)
    assert _records(outbox) == [("lead", "acme", "l2")]
    assert outbox.waiting_notices(10) == [] and outbox.notice_depth() == (0, 0)


def test_when_a_key_is_given_twice_then_one_notice(outbox: Outbox) -> None:
    assert _withdraw(outbox, [("lead", "acme", "l1"), ("lead", "acme", "l1")]) == (0, 1)


def test_when_full_then_notices_are_still_queued_and_do_not_take_room(outbox: Outbox) -> None:
    for record_id in ("l1", "l2", "l3"):
        outbox.accept("lead", "acme", record_id, b"x")
    assert _withdraw(outbox, [("lead", "acme", f"gone-{n}") for n in range(5)]) == (0, 5)
    assert outbox.notice_depth() == (5, 0) and outbox.depth() == (3, 0)
    assert _withdraw(outbox, [("lead", "acme", "l1")]) == (1, 1)
    assert outbox.has_room()
    outbox.accept("lead", "acme", "l4", b"x")  # the purge freed room, the notices took none


def test_when_withdraw_fails_midway_then_nothing_is_purged_or_queued(outbox: Outbox) -> None:
    outbox.accept("lead", "acme", "l1", b"x")
    with pytest.raises(sqlite3.IntegrityError):
        outbox.withdraw(
            [("lead", "acme", "l1"), ("fax", "acme", "l2")],  # type: ignore[list-item]
            notify=True,
            requested_at=REQUESTED_AT,
            reference="",
        )
    assert _records(outbox) == [("lead", "acme", "l1")] and outbox.depth() == (1, 0)
    assert outbox.notice_depth() == (0, 0)


def test_when_notice_fails_then_counted_and_parked_then_neither_waiting_nor_retried(
    outbox: Outbox,
) -> None:
    _withdraw(outbox, [("lead", "acme", "l1"), ("transcript", "acme", "c1")])
    first, second = outbox.waiting_notices(10)
    outbox.notice_failed_attempt(first.notice_id, "UNAVAILABLE")
    outbox.notice_failed_attempt(first.notice_id, "UNAVAILABLE")
    assert outbox.waiting_notices(1)[0].attempts == 2
    outbox.park_notice(second.notice_id, "UNIMPLEMENTED")
    assert [n.notice_id for n in outbox.waiting_notices(10)] == [first.notice_id]
    assert outbox.notice_depth() == (1, 1)
    outbox.notice_delivered([first.notice_id])
    assert outbox.waiting_notices(10) == [] and outbox.notice_depth() == (0, 1)


def test_when_reopened_after_withdraw_then_purge_and_notices_survive(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    first = Outbox(path, 10)
    first.accept("lead", "acme", "l1", b"x")
    first.park(first.accept("lead", "acme", "l2", b"x"), "INVALID_ARGUMENT")
    first.accept("lead", "acme", "l3", b"x")
    _withdraw(first, [("lead", "acme", "l1"), ("lead", "acme", "l2")])
    # No close(): as if the process died here.
    again = Outbox(path, 10)
    assert _records(again) == [("lead", "acme", "l3")] and again.depth() == (1, 0)
    notices = again.waiting_notices(10)
    assert [(n.record_id, n.reference) for n in notices] == [
        ("l1", "TICKET-0001"),
        ("l2", "TICKET-0001"),
    ]
    assert again.notice_depth() == (2, 0)
    # Notice ids are never reused, even once the rows are gone (AUTOINCREMENT).
    again.notice_delivered([n.notice_id for n in notices])
    _withdraw(again, [("lead", "acme", "l4")])
    assert again.waiting_notices(1)[0].notice_id > notices[-1].notice_id
    again.close()


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
    assert _withdraw(outbox, [("lead", "acme", "l1")]) == (1, 1)
    assert _records(outbox) == [("lead", "acme", "l2")] and outbox.notice_depth() == (1, 0)
    outbox.close()


def test_when_another_handle_withdraws_then_counts_hold_for_both(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    gateway, cli = Outbox(path, 3), Outbox(path, 3)  # the server and `leadgate delete`
    for record_id in ("l1", "l2", "l3"):
        gateway.accept("lead", "acme", record_id, b"x")
    assert _withdraw(cli, [("lead", "acme", "l2")]) == (1, 1)
    assert gateway.depth() == cli.depth() == (2, 0)
    assert [n.record_id for n in gateway.waiting_notices(10)] == ["l2"]
    gateway.accept("lead", "acme", "l4", b"x")


def test_when_row_replaced_or_withdrawn_then_delivered_many_and_park_say_so(
    outbox: Outbox,
) -> None:
    old = outbox.accept("lead", "acme", "l1", b"old")
    new = outbox.accept("lead", "acme", "l1", b"new")  # replaces the waiting row
    gone = outbox.accept("lead", "acme", "l2", b"x")
    _withdraw(outbox, [("lead", "acme", "l2")], notify=False)
    assert outbox.delivered_many([old, new, gone]) == [new]
    kept = outbox.accept("lead", "acme", "l3", b"x")
    assert outbox.park(gone, "INVALID_ARGUMENT") is False
    assert outbox.park(kept, "INVALID_ARGUMENT") is True
