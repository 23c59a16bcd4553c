"""The ledger store contract: what SqliteLedger and PostgresLedger both do, run on both.

Record, status moves, consumer lookup, deletion, expiry, queries, the index key,
reopening. PostgreSQL is a real server (the ``postgres_url`` fixture), never skipped
silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from gateway.custody.entry import LedgerEntry
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery, LedgerStore
from gateway.custody.store.sqlite_ledger import SqliteLedger
from tests.gateway.custody.test_sqlite_store import EMAIL_KEY, PHONE_KEY, T0, entry


@pytest.fixture(params=["sqlite", "postgresql"])
def open_store(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], LedgerStore]]:
    """Opens a store of the backend on one ledger (a file, or a fresh database), as often as asked.

    Each call is a new store object on the same ledger, as another process (or replica) opens it.
    """
    if request.param == "postgresql":
        from gateway.custody.store.postgres_ledger import PostgresLedger

        url: str = request.getfixturevalue("postgres_url")

        def opened() -> LedgerStore:
            return PostgresLedger(url)
    else:
        path = tmp_path / "ledger.sqlite3"

        def opened() -> LedgerStore:
            return SqliteLedger(path)

    yield opened


@pytest.fixture
def store(open_store: Callable[[], LedgerStore]) -> Iterator[LedgerStore]:
    ledger = open_store()
    yield ledger
    ledger.close()


def test_recorded_entry_reads_back_with_every_field(store: LedgerStore) -> None:
    [entry_id] = store.record([entry("L1", keys=(PHONE_KEY,))])
    [row] = list(store.query(AuditQuery()))
    assert row.entry_id == entry_id
    assert (row.record_id, row.kind, row.owner, row.status) == ("L1", "lead", "acme", "active")
    assert row.legal_terms == ("CCPA: service provider",)
    assert row.jurisdictions == ("US-CA",)
    assert row.findings == {"US_SSN": 1} and row.removed == 1
    assert row.sensitive_categories == {"GOVERNMENT_ID": 1}
    assert (row.received_at, row.retain_until) == (T0, T0 + timedelta(days=120))
    assert (row.door, row.delivery_status, row.policy_id) == (
        "unary",
        DeliveryStatus.RETURNED,
        "default",
    )


def test_new_revision_replaces_the_queued_one_and_delivery_moves_only_the_latest(
    store: LedgerStore,
) -> None:
    store.record([entry("L1", status=DeliveryStatus.QUEUED)])
    store.record([entry("L1", status=DeliveryStatus.QUEUED, received=T0 + timedelta(minutes=1))])
    store.set_delivery_status(
        [("acme", "lead", "L1")], DeliveryStatus.DELIVERED, T0 + timedelta(minutes=2)
    )
    assert [r.delivery_status for r in store.query(AuditQuery())] == [
        "replaced",
        DeliveryStatus.DELIVERED,
    ]


def test_lookup_finds_only_the_owners_entries_for_the_digest(store: LedgerStore) -> None:
    store.record(
        [
            entry("L1", keys=(PHONE_KEY, EMAIL_KEY)),
            entry("L2", keys=(EMAIL_KEY,)),
            entry("L3"),
            entry("G1", owner="globex", keys=(PHONE_KEY,)),
        ]
    )
    assert [r.record_id for r in store.lookup("acme", [PHONE_KEY[1]])] == ["L1"]
    assert [r.record_id for r in store.lookup("acme", [EMAIL_KEY[1]])] == ["L1", "L2"]
    assert [r.record_id for r in store.lookup("globex", [EMAIL_KEY[1]])] == []


def test_deletion_tombstones_entries_records_the_request_and_drops_the_index(
    store: LedgerStore,
) -> None:
    ids = store.record([entry("L1", keys=(PHONE_KEY,)), entry("L2", keys=(PHONE_KEY,))])
    at = T0 + timedelta(days=3)
    request = store.delete_consumer("acme", [PHONE_KEY[1]], ["phone"], ids, "REQ-7", at, 2, 2)
    assert store.lookup("acme", [PHONE_KEY[1]]) == []
    [found] = store.deletion_requests("acme", [PHONE_KEY[1]])
    assert found == request
    assert (found.records, found.outbox_purged, found.notices) == (2, 2, 2)
    assert store.deletion_requests("globex", [PHONE_KEY[1]]) == []
    rows = list(store.query(AuditQuery()))
    assert {(r.status, r.closed_at, r.deletion_request) for r in rows} == {
        ("deleted", at, request.request_id)
    }
    assert all(r.findings == {} and r.data_category == "" for r in rows)  # detail gone


def test_expiry_lists_entries_past_retention_in_pages_and_tombstones(store: LedgerStore) -> None:
    store.record(
        [
            entry("OLD", days=10),
            entry("L1", days=10),
            entry("L1", days=10, received=T0 + timedelta(days=30)),  # a newer pass
            entry("NEW", days=400),
        ]
    )
    now = T0 + timedelta(days=20)
    expired = store.expired(now, 10)
    found = [(e.record_id, e.delivery_status) for e in expired]
    assert found == [("OLD", DeliveryStatus.RETURNED), ("L1", DeliveryStatus.RETURNED)]
    assert [e.record_id for e in store.expired(now, 1, after=expired[0].entry_id)] == ["L1"]
    assert store.tombstone([e.entry_id for e in expired], now) == 2
    assert store.expired(now, 10) == []
    by_status = {(r.record_id, r.status) for r in store.query(AuditQuery())}
    assert by_status == {("OLD", "expired"), ("L1", "expired"), ("L1", "active"), ("NEW", "active")}
    live = [r.record_id for r in store.query(AuditQuery(include_tombstones=False))]
    assert live == ["L1", "NEW"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (AuditQuery(owner="globex"), ["G1"]),
        (AuditQuery(since=T0 + timedelta(days=1)), ["L2", "G1"]),
        (AuditQuery(until=T0 + timedelta(days=1)), ["L1"]),
        (AuditQuery(category="HEALTH"), ["L2"]),
        (AuditQuery(category="DATA_ENHANCEMENT"), ["G1"]),
        (AuditQuery(entity_type="CREDIT_CARD"), ["G1"]),
        (AuditQuery(owner="acme", entity_type="US_SSN"), ["L1"]),
    ],
)
def test_queries_filter_by_owner_time_category_and_entity_type(
    store: LedgerStore, query: AuditQuery, expected: list[str]
) -> None:
    store.record(
        [
            entry("L1"),
            entry(
                "L2",
                received=T0 + timedelta(days=2),
                findings=(("MEDICAL_CONDITION", 2),),
                categories=(("HEALTH", 2),),
            ),
            entry(
                "G1",
                owner="globex",
                received=T0 + timedelta(days=3),
                findings=(("CREDIT_CARD", 1),),
                categories=(("FINANCIAL", 1),),
                category="DATA_ENHANCEMENT",
            ),
        ]
    )
    assert [r.record_id for r in store.query(query)] == expected


def test_a_ledger_keeps_to_the_index_key_it_was_first_written_with(
    open_store: Callable[[], LedgerStore],
) -> None:
    from gateway.config import ConfigError

    first = open_store()
    first.bind_key("aaaa")
    first.bind_key("aaaa")
    first.close()
    again = open_store()
    with pytest.raises(ConfigError, match="another consumer-index key"):
        again.bind_key("bbbb")
    again.close()


def test_delivery_status_by_entry_id_moves_only_that_entry(store: LedgerStore) -> None:
    first, second = store.record(
        [entry("L1", status=DeliveryStatus.QUEUED), entry("L2", status=DeliveryStatus.QUEUED)]
    )
    at = T0 + timedelta(hours=1)
    store.set_entry_delivery_status([second], DeliveryStatus.DELIVERED, at)
    rows = {r.entry_id: r for r in store.query(AuditQuery())}
    assert (rows[first].delivery_status, rows[first].delivery_at) == (DeliveryStatus.QUEUED, None)
    assert (rows[second].delivery_status, rows[second].delivery_at) == (
        DeliveryStatus.DELIVERED,
        at,
    )
    assert store.is_active(first) and not store.is_active(999)


def test_entries_survive_reopening(open_store: Callable[[], LedgerStore]) -> None:
    first = open_store()
    first.record([entry("L1")])
    first.close()
    again = open_store()
    assert [r.record_id for r in again.query(AuditQuery())] == ["L1"]
    again.close()


def test_a_batch_keeps_only_its_last_queued_revision_of_a_record_waiting(
    store: LedgerStore,
) -> None:
    ids = store.record(
        [
            entry("L1", status=DeliveryStatus.QUEUED),
            entry("L2", status=DeliveryStatus.QUEUED),
            entry("L1", status=DeliveryStatus.QUEUED, received=T0 + timedelta(seconds=1)),
        ]
    )
    assert ids == sorted(ids) and len(set(ids)) == 3
    rows = {r.entry_id: r.delivery_status for r in store.query(AuditQuery())}
    assert [rows[i] for i in ids] == ["replaced", "queued", "queued"]


def test_a_finished_call_replaces_its_open_entry_and_is_indexed_once(store: LedgerStore) -> None:
    [open_id] = store.record([entry("C1", status=DeliveryStatus.OPEN)])
    store.finish(open_id, entry("C1", status=DeliveryStatus.RETURNED, keys=(PHONE_KEY,)))
    [row] = store.lookup("acme", [PHONE_KEY[1]])
    assert (row.entry_id, row.delivery_status) == (open_id, DeliveryStatus.RETURNED)
    store.finish(open_id, entry("C1", status=DeliveryStatus.QUEUED))  # no longer open: kept
    assert [r.delivery_status for r in store.query(AuditQuery())] == [DeliveryStatus.RETURNED]


def test_calls_left_open_by_a_stopped_gateway_are_cut_off_once(
    open_store: Callable[[], LedgerStore],
) -> None:
    stopped = open_store()
    stopped.record([entry("C1", status=DeliveryStatus.OPEN), entry("L1")])
    stopped.close()
    store = open_store()
    try:
        assert store.cut_off_open_calls(T0 + timedelta(hours=1)) == 1
        assert store.cut_off_open_calls(T0 + timedelta(hours=2)) == 0
        statuses = [(r.delivery_status, r.delivery_at) for r in store.query(AuditQuery())]
    finally:
        store.close()
    assert statuses == [
        (DeliveryStatus.CUT_OFF, T0 + timedelta(hours=1)),
        (DeliveryStatus.RETURNED, None),
    ]


def test_a_lone_sweeper_gets_the_sweep_lock(store: LedgerStore) -> None:
    with store.sweep_lock() as held:
        assert held
    with store.sweep_lock() as held:  # released after the first
        assert held


def _call(record_id: str, captured: int, status: str = DeliveryStatus.RETURNED) -> LedgerEntry:
    """A live call's entry: ``captured`` findings were said while it was recorded."""
    return replace(
        entry(record_id, status=status, findings=(("CREDIT_CARD", 2), ("US_SSN", 3))),
        kind="transcript",
        door="stream",
        captured_while_recording=captured,
    )


@pytest.mark.parametrize("written_by", ["record", "finish"])
def test_a_calls_count_captured_while_recording_reads_back(
    store: LedgerStore, written_by: str
) -> None:
    if written_by == "record":
        [entry_id, _] = store.record([_call("C1", 4), _call("C2", 0)])
    else:
        [entry_id, _] = store.record([_call("C1", 1, DeliveryStatus.OPEN), _call("C2", 0)])
        store.finish(entry_id, _call("C1", 4))
    rows = {r.record_id: r for r in store.query(AuditQuery())}
    assert rows["C1"].entry_id == entry_id
    # Read from its own column: not removed's (5) nor a neighbour's.
    assert {k: (r.captured_while_recording, r.removed) for k, r in rows.items()} == {
        "C1": (4, 5),
        "C2": (0, 5),
    }


def test_a_tombstone_drops_the_count_captured_while_recording(store: LedgerStore) -> None:
    [expired, live] = store.record([_call("C1", 2), _call("C2", 3)])
    assert store.tombstone([expired], T0 + timedelta(days=1)) == 1
    rows = {r.entry_id: r for r in store.query(AuditQuery())}
    assert (rows[expired].status, rows[expired].captured_while_recording) == ("expired", 0)
    assert (rows[live].status, rows[live].captured_while_recording) == ("active", 3)
