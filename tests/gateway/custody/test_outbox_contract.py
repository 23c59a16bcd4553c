"""The outbox contract: each test runs on the SQLite outbox and on the PostgreSQL one.

Durable, ordered, one waiting row per record id, bounded; withdrawal and deletion
notices; parking, backoff and the operator's retry. PostgreSQL is a real server
(the ``postgres_url`` fixture, a fresh database per test).
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from gateway.custody.outbox import Outbox, OutboxStore, Queue, RecordKind
from gateway.custody.postgres_outbox import PostgresOutbox
from gateway.errors import OutboxFullError

Opener = Callable[[int], OutboxStore]
"""Opens one more handle (a process, a replica) on the test's outbox, with max_records."""


@pytest.fixture(params=["sqlite", "postgresql"])
def open_outbox(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Handles on one outbox per test, of the backend the parameter names; closed after."""
    opened: list[OutboxStore] = []
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else ""

    def open_one(max_records: int) -> OutboxStore:
        handle: OutboxStore = (
            PostgresOutbox(url, max_records, replica=f"replica-{len(opened)}")
            if url
            else Outbox(tmp_path / "outbox.sqlite3", max_records)
        )
        opened.append(handle)
        return handle

    yield open_one
    for handle in opened:
        handle.close()


@pytest.fixture
def outbox(open_outbox: Opener) -> OutboxStore:
    return open_outbox(3)


def test_when_records_accepted_then_waiting_in_acceptance_order(outbox: OutboxStore) -> None:
    first = outbox.accept("lead", "acme", "l1", b"one")
    second = outbox.accept("transcript", "acme", "c1", b"two")
    assert second > first
    assert [(e.kind, e.record_id, e.payload) for e in outbox.due_and_depth(10, math.inf)[0]] == [
        ("lead", "l1", b"one"),
        ("transcript", "c1", b"two"),
    ]


def test_when_delivered_then_removed(outbox: OutboxStore) -> None:
    seq = outbox.accept("lead", "acme", "l1", b"one")
    outbox.delivered(Queue.RECORDS, [seq])
    assert outbox.due_and_depth(10, math.inf)[0] == [] and outbox.depth() == (0, 0)


def test_when_same_record_accepted_again_then_one_row_with_higher_revision(
    outbox: OutboxStore,
) -> None:
    first = outbox.accept("lead", "acme", "l1", b"old")
    second = outbox.accept("lead", "acme", "l1", b"new")
    (entry,) = outbox.due_and_depth(10, math.inf)[0]
    assert entry.seq == second > first and entry.payload == b"new"


def test_when_same_id_under_other_owner_then_separate_records(outbox: OutboxStore) -> None:
    outbox.accept("lead", "acme", "l1", b"a")
    outbox.accept("lead", "globex", "l1", b"b")
    assert outbox.depth() == (2, 0)


def test_when_full_then_refused_and_nothing_stored(outbox: OutboxStore) -> None:
    for record_id in ("l1", "l2", "l3"):
        outbox.accept("lead", "acme", record_id, b"x")
    assert not outbox.has_room()
    with pytest.raises(OutboxFullError) as raised:
        outbox.accept("lead", "acme", "l4", b"x")
    assert raised.value.reason == "OUTBOX_FULL" and "3 records" in raised.value.message
    assert outbox.depth() == (3, 0)


def test_when_full_then_a_waiting_record_may_still_be_replaced(outbox: OutboxStore) -> None:
    for record_id in ("l1", "l2", "l3"):
        outbox.accept("lead", "acme", record_id, b"x")
    outbox.accept("lead", "acme", "l2", b"newer")
    assert outbox.depth() == (3, 0)


def test_when_parked_then_not_waiting_and_not_counted_against_the_limit(
    outbox: OutboxStore,
) -> None:
    seqs = [outbox.accept("lead", "acme", r, b"x") for r in ("l1", "l2", "l3")]
    outbox.park(Queue.RECORDS, seqs[0], "INVALID_ARGUMENT")
    assert [e.record_id for e in outbox.due_and_depth(10, math.inf)[0]] == ["l2", "l3"]
    assert outbox.depth() == (2, 1)
    outbox.accept("lead", "acme", "l4", b"x")


def test_when_attempt_fails_then_counted(outbox: OutboxStore) -> None:
    seq = outbox.accept("lead", "acme", "l1", b"x")
    outbox.failed_attempt(Queue.RECORDS, seq, "UNAVAILABLE")
    outbox.failed_attempt(Queue.RECORDS, seq, "UNAVAILABLE")
    assert outbox.due_and_depth(1, math.inf)[0][0].attempts == 2


def test_when_reopened_then_waiting_records_survive(open_outbox: Opener) -> None:
    first = open_outbox(10)
    first.accept("lead", "acme", "l1", b"x")
    # No close(): as if the process died here.
    again = open_outbox(10)
    assert [e.record_id for e in again.due_and_depth(10, math.inf)[0]] == ["l1"]


def test_when_two_writers_share_the_file_then_counts_and_limit_hold_for_both(
    open_outbox: Opener,
) -> None:
    first, second = open_outbox(3), open_outbox(3)  # as two gateway worker processes
    first.accept("lead", "acme", "l1", b"x")
    second.accept("lead", "acme", "l2", b"x")
    seq = first.accept("lead", "acme", "l3", b"x")
    with pytest.raises(OutboxFullError):
        second.accept("lead", "acme", "l4", b"x")
    second.park(Queue.RECORDS, seq, "INVALID_ARGUMENT")
    assert first.depth() == second.depth() == (2, 1)
    first.delivered(Queue.RECORDS, [second.due_and_depth(1, math.inf)[0][0].seq])
    assert second.depth() == (1, 1)


# -- withdrawal and deletion notices ------------------------------------------------------

REQUESTED_AT = 1_714_566_600.25  # 2024-05-01T12:30:00.25Z


def _withdraw(
    outbox: OutboxStore, keys: list[tuple[RecordKind, str, str]], notify: bool = True
) -> tuple[int, int]:
    return outbox.withdraw(keys, notify=notify, requested_at=REQUESTED_AT, reference="TICKET-0001")


def _records(outbox: OutboxStore) -> list[tuple[str, str, str]]:
    return [(e.kind, e.owner, e.record_id) for e in outbox.due_and_depth(100, math.inf)[0]]


def test_when_withdrawn_then_waiting_and_parked_rows_of_the_keys_go_and_others_stay(
    open_outbox: Opener,
) -> None:
    outbox = open_outbox(10)
    outbox.accept("lead", "acme", "l1", b"x")
    outbox.park(Queue.RECORDS, outbox.accept("lead", "acme", "l2", b"x"), "INVALID_ARGUMENT")
    outbox.accept("lead", "acme", "l3", b"x")
    outbox.accept("transcript", "acme", "l1", b"x")  # same id, other kind
    outbox.accept("lead", "globex", "l1", b"x")  # same id, other owner
    outbox.park(Queue.RECORDS, outbox.accept("lead", "globex", "l2", b"x"), "INVALID_ARGUMENT")
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
    notices = outbox.due_notices(10, math.inf)
    assert [(n.kind, n.owner, n.record_id) for n in notices] == [
        ("lead", "acme", "l1"),
        ("lead", "acme", "l2"),
        ("lead", "acme", "l9"),
    ]
    assert notices[0].notice_id < notices[1].notice_id < notices[2].notice_id
    assert {(n.requested_at, n.reference, n.attempts) for n in notices} == {
        (REQUESTED_AT, "TICKET-0001", 0)
    }
    assert outbox.depth(Queue.NOTICES) == (3, 0)


def test_when_a_record_is_parked_and_waiting_again_then_both_rows_are_purged(
    outbox: OutboxStore,
) -> None:
    outbox.park(Queue.RECORDS, outbox.accept("lead", "acme", "l1", b"old"), "INVALID_ARGUMENT")
    outbox.accept("lead", "acme", "l1", b"new")
    assert outbox.depth() == (1, 1)
    assert _withdraw(outbox, [("lead", "acme", "l1")]) == (2, 1)
    assert outbox.depth() == (0, 0)


def test_when_withdrawn_without_notify_then_purged_and_no_notice(outbox: OutboxStore) -> None:
    outbox.accept("lead", "acme", "l1", b"x")
    outbox.accept("lead", "acme", "l2", b"x")
    assert _withdraw(outbox, [("lead", "acme", "l1")], notify=False) == (1, 0)
    assert _records(outbox) == [("lead", "acme", "l2")]
    assert outbox.due_notices(10, math.inf) == [] and outbox.depth(Queue.NOTICES) == (0, 0)


def test_when_a_key_is_given_twice_then_one_notice(outbox: OutboxStore) -> None:
    assert _withdraw(outbox, [("lead", "acme", "l1"), ("lead", "acme", "l1")]) == (0, 1)


def test_when_full_then_notices_are_still_queued_and_do_not_take_room(outbox: OutboxStore) -> None:
    for record_id in ("l1", "l2", "l3"):
        outbox.accept("lead", "acme", record_id, b"x")
    assert _withdraw(outbox, [("lead", "acme", f"gone-{n}") for n in range(5)]) == (0, 5)
    assert outbox.depth(Queue.NOTICES) == (5, 0) and outbox.depth() == (3, 0)
    assert _withdraw(outbox, [("lead", "acme", "l1")]) == (1, 1)
    assert outbox.has_room()
    outbox.accept("lead", "acme", "l4", b"x")  # the purge freed room, the notices took none


def test_when_withdraw_fails_midway_then_nothing_is_purged_or_queued(outbox: OutboxStore) -> None:
    outbox.accept("lead", "acme", "l1", b"x")
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        outbox.withdraw(
            [("lead", "acme", "l1"), ("fax", "acme", "l2")],  # type: ignore[list-item]
            notify=True,
            requested_at=REQUESTED_AT,
            reference="",
        )
    assert _records(outbox) == [("lead", "acme", "l1")] and outbox.depth() == (1, 0)
    assert outbox.depth(Queue.NOTICES) == (0, 0)


def test_when_notice_fails_then_counted_and_parked_then_neither_waiting_nor_retried(
    outbox: OutboxStore,
) -> None:
    _withdraw(outbox, [("lead", "acme", "l1"), ("transcript", "acme", "c1")])
    first, second = outbox.due_notices(10, math.inf)
    outbox.failed_attempt(Queue.NOTICES, first.notice_id, "UNAVAILABLE")
    outbox.failed_attempt(Queue.NOTICES, first.notice_id, "UNAVAILABLE")
    assert outbox.due_notices(1, math.inf)[0].attempts == 2
    outbox.park(Queue.NOTICES, second.notice_id, "UNIMPLEMENTED")
    assert [n.notice_id for n in outbox.due_notices(10, math.inf)] == [first.notice_id]
    assert outbox.depth(Queue.NOTICES) == (1, 1)
    outbox.delivered(Queue.NOTICES, [first.notice_id])
    assert outbox.due_notices(10, math.inf) == [] and outbox.depth(Queue.NOTICES) == (0, 1)


def test_when_reopened_after_withdraw_then_purge_and_notices_survive(open_outbox: Opener) -> None:
    first = open_outbox(10)
    first.accept("lead", "acme", "l1", b"x")
    first.park(Queue.RECORDS, first.accept("lead", "acme", "l2", b"x"), "INVALID_ARGUMENT")
    first.accept("lead", "acme", "l3", b"x")
    _withdraw(first, [("lead", "acme", "l1"), ("lead", "acme", "l2")])
    # No close(): as if the process died here.
    again = open_outbox(10)
    assert _records(again) == [("lead", "acme", "l3")] and again.depth() == (1, 0)
    notices = again.due_notices(10, math.inf)
    assert [(n.record_id, n.reference) for n in notices] == [
        ("l1", "TICKET-0001"),
        ("l2", "TICKET-0001"),
    ]
    assert again.depth(Queue.NOTICES) == (2, 0)
    # Notice ids are never reused, even once the rows are gone (AUTOINCREMENT).
    again.delivered(Queue.NOTICES, [n.notice_id for n in notices])
    _withdraw(again, [("lead", "acme", "l4")])
    assert again.due_notices(1, math.inf)[0].notice_id > notices[-1].notice_id


def test_when_another_handle_withdraws_then_counts_hold_for_both(open_outbox: Opener) -> None:
    gateway, cli = open_outbox(3), open_outbox(3)  # the server and `leadgate delete`
    for record_id in ("l1", "l2", "l3"):
        gateway.accept("lead", "acme", record_id, b"x")
    assert _withdraw(cli, [("lead", "acme", "l2")]) == (1, 1)
    assert gateway.depth() == cli.depth() == (2, 0)
    assert [n.record_id for n in gateway.due_notices(10, math.inf)] == ["l2"]
    gateway.accept("lead", "acme", "l4", b"x")


def test_when_row_replaced_or_withdrawn_then_delivered_many_and_park_say_so(
    outbox: OutboxStore,
) -> None:
    old = outbox.accept("lead", "acme", "l1", b"old")
    new = outbox.accept("lead", "acme", "l1", b"new")  # replaces the waiting row
    gone = outbox.accept("lead", "acme", "l2", b"x")
    _withdraw(outbox, [("lead", "acme", "l2")], notify=False)
    assert outbox.delivered(Queue.RECORDS, [old, new, gone]) == [new]
    kept = outbox.accept("lead", "acme", "l3", b"x")
    assert outbox.park(Queue.RECORDS, gone, "INVALID_ARGUMENT") is False
    assert outbox.park(Queue.RECORDS, kept, "INVALID_ARGUMENT") is True


# -- parking, backing off alone, and the operator's retry (issue 15) -------------------------

NOW = 1_800_000_000.0


def test_when_accepted_parked_then_never_waiting_and_it_replaces_a_waiting_revision(
    outbox: OutboxStore,
) -> None:
    outbox.accept("lead", "acme", "l1", b"small")
    for record_id in ("l2", "l3"):
        outbox.accept("lead", "acme", record_id, b"x")
    assert not outbox.has_room()
    reason = "too_large: too large for the sink: 9 bytes > 4"
    seq = outbox.accept("lead", "acme", "l1", b"too big", 7, reason)  # no room needed
    assert [e.record_id for e in outbox.due_and_depth(10, math.inf)[0]] == ["l2", "l3"]
    assert outbox.depth() == (2, 1)
    (parked,) = outbox.parked()
    assert (parked.seq, parked.record_id, parked.reason, parked.entry_id) == (seq, "l1", reason, 7)
    assert parked.size == len(b"too big") and parked.parked_at is not None


def test_when_attempt_fails_with_a_retry_time_then_not_due_before_it(outbox: OutboxStore) -> None:
    first = outbox.accept("lead", "acme", "l1", b"x")
    outbox.accept("lead", "acme", "l2", b"x")
    outbox.failed_attempt(Queue.RECORDS, first, "UNAVAILABLE", retry_at=NOW + 5)
    due, depth = outbox.due_and_depth(10, now=NOW)
    assert [e.record_id for e in due] == ["l2"] and depth == (2, 0)
    assert [e.record_id for e in outbox.due_and_depth(10, now=NOW + 5)[0]] == ["l1", "l2"]
    assert [e.record_id for e in outbox.due_and_depth(10, math.inf)[0]] == [
        "l1",
        "l2",
    ]  # listed all the same


def test_when_released_then_due_again_at_once(outbox: OutboxStore) -> None:
    first = outbox.accept("lead", "acme", "l1", b"x")
    outbox.failed_attempt(Queue.RECORDS, first, "UNAVAILABLE", retry_at=NOW + 60)
    outbox.release(Queue.RECORDS, [first, 999])  # a row gone meanwhile is no error
    assert [e.record_id for e in outbox.due_and_depth(10, now=NOW)[0]] == ["l1"]


def test_when_failed_attempt_is_a_strike_then_counted_apart_from_attempts(
    outbox: OutboxStore,
) -> None:
    seq = outbox.accept("lead", "acme", "l1", b"x")
    outbox.failed_attempt(Queue.RECORDS, seq, "UNAVAILABLE")
    outbox.failed_attempt(Queue.RECORDS, seq, "INTERNAL", strike=True)
    (entry,) = outbox.due_and_depth(1, math.inf)[0]
    assert (entry.attempts, entry.strikes) == (2, 1)


def test_when_parked_then_listed_with_reason_and_size_and_never_the_payload(
    outbox: OutboxStore,
) -> None:
    seq = outbox.accept("lead", "acme", "l1", b"payload")
    outbox.failed_attempt(Queue.RECORDS, seq, "UNAVAILABLE")
    assert outbox.park(Queue.RECORDS, seq, "refused: INVALID_ARGUMENT from the sink")
    (parked,) = outbox.parked()
    assert (parked.kind, parked.owner, parked.record_id) == ("lead", "acme", "l1")
    assert parked.reason == "refused: INVALID_ARGUMENT from the sink"
    assert parked.attempts == 2 and parked.size == len(b"payload")
    assert parked.parked_at is not None and parked.parked_at >= parked.accepted_at
    assert not hasattr(parked, "payload")


def test_when_unparked_then_the_newest_parked_revision_waits_and_superseded_ones_stay(
    open_outbox: Opener,
) -> None:
    outbox = open_outbox(10)
    outbox.park(
        Queue.RECORDS, outbox.accept("lead", "acme", "l1", b"r1"), "refused: INVALID_ARGUMENT"
    )
    newest = outbox.accept("lead", "acme", "l1", b"r2", None, "too_large: x")
    outbox.park(Queue.RECORDS, outbox.accept("lead", "acme", "l2", b"old"), "INVALID_ARGUMENT")
    outbox.accept("lead", "acme", "l2", b"new")  # a newer revision waits already
    assert outbox.depth() == (1, 3)

    preview = outbox.unpark(dry_run=True)
    assert outbox.depth() == (1, 3), "a dry run moves nothing"
    moved = outbox.unpark()
    assert preview == moved
    assert [p.seq for p in moved.moved] == [newest]
    assert sorted(p.record_id for p in moved.superseded) == ["l1", "l2"]
    assert outbox.depth() == (2, 2)
    (again,) = [e for e in outbox.due_and_depth(10, math.inf)[0] if e.record_id == "l1"]
    assert (again.seq, again.payload, again.strikes) == (newest, b"r2", 0)
    assert outbox.unpark().moved == []


def test_when_notice_fails_with_a_retry_time_then_not_due_before_it(outbox: OutboxStore) -> None:
    _withdraw(outbox, [("lead", "acme", "l1"), ("lead", "acme", "l2")])
    first, second = outbox.due_notices(10, math.inf)
    outbox.failed_attempt(
        Queue.NOTICES, first.notice_id, "UNAVAILABLE", retry_at=NOW + 5, strike=True
    )
    assert [n.notice_id for n in outbox.due_notices(10, now=NOW)] == [second.notice_id]
    assert outbox.due_notices(1, math.inf)[0].strikes == 1
    outbox.release(Queue.NOTICES, [first.notice_id])
    assert len(outbox.due_notices(10, now=NOW)) == 2
