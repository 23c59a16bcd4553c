"""SqliteLedger: record, status moves, consumer lookup, deletion, expiry, queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gateway.custody.entry import LedgerEntry
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
PHONE_KEY = ("phone", b"\x01" * 32)
EMAIL_KEY = ("email", b"\x02" * 32)


def entry(
    record_id: str,
    owner: str = "acme",
    *,
    received: datetime = T0,
    days: int = 120,
    status: str = DeliveryStatus.RETURNED,
    keys: tuple[tuple[str, bytes], ...] = (),
    findings: tuple[tuple[str, int], ...] = (("US_SSN", 1),),
    categories: tuple[tuple[str, int], ...] = (("GOVERNMENT_ID", 1),),
    category: str = "LEAD_DATA",
) -> LedgerEntry:
    return LedgerEntry(
        record_id=record_id,
        kind="lead",
        owner=owner,
        data_category=category,
        role="PROCESSOR",
        legal_terms=("CCPA: service provider",),
        jurisdictions=("US-CA",),
        findings=findings,
        removed=sum(n for _, n in findings),
        sensitive_categories=categories,
        contains_child_data=False,
        policy_id="default",
        policy_version="1",
        engine_version="0.1.0",
        door="unary",
        received_at=received,
        retain_until=received + timedelta(days=days),
        delivery_status=status,
        consumer_keys=keys,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(tmp_path: Path) -> SqliteLedger:
    ledger = SqliteLedger(tmp_path / "ledger.sqlite3")
    yield ledger  # type: ignore[misc]
    ledger.close()


def test_recorded_entry_reads_back_with_every_field(store: SqliteLedger) -> None:
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
    store: SqliteLedger,
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


def test_lookup_finds_only_the_owners_entries_for_the_digest(store: SqliteLedger) -> None:
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
    store: SqliteLedger,
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


def test_expiry_lists_entries_past_retention_in_pages_and_tombstones(store: SqliteLedger) -> None:
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
    store: SqliteLedger, query: AuditQuery, expected: list[str]
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


def test_a_ledger_keeps_to_the_index_key_it_was_first_written_with(tmp_path: Path) -> None:
    from gateway.config import ConfigError

    path = tmp_path / "ledger.sqlite3"
    first = SqliteLedger(path)
    first.bind_key("aaaa")
    first.bind_key("aaaa")
    first.close()
    again = SqliteLedger(path)
    with pytest.raises(ConfigError, match="another consumer-index key"):
        again.bind_key("bbbb")
    again.close()


def test_delivery_status_by_entry_id_moves_only_that_entry(store: SqliteLedger) -> None:
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


def test_entries_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    first = SqliteLedger(path)
    first.record([entry("L1")])
    first.close()
    again = SqliteLedger(path)
    assert [r.record_id for r in again.query(AuditQuery())] == ["L1"]
    again.close()


@pytest.mark.parametrize(
    ("synchronous", "works"), [("FULL", True), ("NORMAL", True), ("OFF", False)]
)
def test_sync_mode_is_full_or_normal(tmp_path: Path, synchronous: str, works: bool) -> None:
    if not works:
        with pytest.raises(ValueError, match="FULL or NORMAL"):
            SqliteLedger(tmp_path / "ledger.sqlite3", synchronous)
        return
    ledger = SqliteLedger(tmp_path / "ledger.sqlite3", synchronous)
    ledger.record([entry("L1")])
    assert [r.record_id for r in ledger.query(AuditQuery())] == ["L1"]
    ledger.close()


def test_ledger_sync_setting_is_checked() -> None:
    from gateway.config import ConfigError, load_settings

    assert load_settings(environ={"LEADGATE_LEDGER_SYNC": "normal"}).ledger_sync == "normal"
    with pytest.raises(ConfigError, match="ledger_sync"):
        load_settings(environ={"LEADGATE_LEDGER_SYNC": "sometimes"})
