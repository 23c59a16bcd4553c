"""`leadgate audit` output: rows from a real SQLite ledger as JSON, CSV, a table, a summary."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from gateway.custody.entry import Door, LedgerEntry
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery, LedgerRow
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.reports.audit import (
    AUDIT_COLUMNS,
    AuditFormat,
    row_to_dict,
    summarize,
    write_rows,
)

DAY1 = datetime(2026, 3, 1, tzinfo=UTC)
CCPA_SP = "CCPA: service provider"


def at(day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return DAY1 + timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)


def make_entry(
    record_id: str,
    *,
    owner: str = "acme",
    kind: str = "lead",
    received_at: datetime = DAY1,
    data_category: str = "LEAD_DATA",
    role: str = "PROCESSOR",
    legal_terms: tuple[str, ...] = (CCPA_SP,),
    jurisdictions: tuple[str, ...] = ("US-CA",),
    findings: dict[str, int] | None = None,
    removed: int = 0,
    sensitive: dict[str, int] | None = None,
    door: Door = "unary",
    delivery_status: str = DeliveryStatus.RETURNED,
    captured: int = 0,
) -> LedgerEntry:
    """A synthetic entry: ids, tags and counts only, as the gateway writes them."""
    sensitive = sensitive or {}
    return LedgerEntry(
        record_id=record_id,
        kind="lead" if kind == "lead" else "transcript",
        owner=owner,
        data_category=data_category,
        role=role,
        legal_terms=legal_terms,
        jurisdictions=jurisdictions,
        findings=tuple(sorted((findings or {}).items())),
        removed=removed,
        sensitive_categories=tuple(sorted(sensitive.items())),
        contains_child_data=sensitive.get("CHILD_DATA", 0) > 0,
        policy_id="default",
        policy_version="3",
        engine_version="0.1.0",
        door=door,
        received_at=received_at,
        retain_until=received_at + timedelta(days=30),
        delivery_status=delivery_status,
        captured_while_recording=captured,
    )


# Seven passes over two clients and four days (none on 2026-03-03). L3 is deleted on
# request and G3 expires: they become tombstones.
ENTRIES: tuple[LedgerEntry, ...] = (
    make_entry(
        "L1",
        received_at=at(1, 9),
        findings={"US_SSN": 1, "PHONE_NUMBER": 1},
        removed=1,
        sensitive={"GOVERNMENT_ID": 1},
        delivery_status=DeliveryStatus.QUEUED,
    ),
    make_entry(
        "C1",
        kind="transcript",
        received_at=at(1, 10, 30),
        data_category="DATA_ENHANCEMENT",
        findings={"CREDIT_CARD": 2, "HEALTH_CONDITION": 2, "PERSON": 1},
        removed=4,
        sensitive={"FINANCIAL_ACCOUNT": 2, "HEALTH": 2},
        door="stream",
        delivery_status=DeliveryStatus.DELIVERED,
        captured=2,  # both card numbers said while the call was recorded
    ),
    make_entry(
        "L2",
        received_at=at(2, 23, 59, 59),
        legal_terms=("VCDPA: processor",),
        jurisdictions=("US-VA",),
        findings={"EMAIL_ADDRESS": 1},
        removed=1,
        door="batch",
        delivery_status=DeliveryStatus.WRITTEN,
    ),
    make_entry(
        "G1",
        owner="globex",
        received_at=at(2, 8),
        data_category="OTHER_INFORMATION",
        role="CONTROLLER",
        legal_terms=("CCPA: business",),
        findings={"US_SSN": 2, "CHILD_AGE": 1},
        removed=3,
        sensitive={"GOVERNMENT_ID": 2, "CHILD_DATA": 1},
        door="spark",
        delivery_status=DeliveryStatus.WRITTEN,
    ),
    make_entry(
        "G2",
        owner="globex",
        kind="transcript",
        received_at=at(4, 12),
        data_category="DATA_ENHANCEMENT",
        legal_terms=(),
        jurisdictions=(),
    ),
    make_entry(
        "L3",
        received_at=at(4),
        findings={"US_SSN": 1},
        removed=1,
        sensitive={"GOVERNMENT_ID": 1},
    ),
    make_entry(
        "G3",
        owner="globex",
        received_at=at(1, 15),
        findings={"CREDIT_CARD": 1},
        removed=1,
        sensitive={"FINANCIAL_ACCOUNT": 1},
    ),
)
DELETED_ID, EXPIRED_ID = "L3", "G3"
CLOSED_AT = at(20)


@dataclass
class Ledger:
    store: SqliteLedger
    ids: dict[str, int]  # record id -> entry id

    def rows(self, query: AuditQuery | None = None) -> list[LedgerRow]:
        return list(self.store.query(query or AuditQuery()))


def populate(path: Path, entries: tuple[LedgerEntry, ...] = ENTRIES) -> Ledger:
    """A real SqliteLedger holding ``entries``, with L3 deleted and G3 expired if present."""
    store = SqliteLedger(path)
    ids = dict(zip((e.record_id for e in entries), store.record(entries), strict=True))
    if DELETED_ID in ids:
        store.delete_consumer(
            "acme", [b"\x01" * 32], ["phone"], [ids[DELETED_ID]], "T-1", CLOSED_AT, 0, 0
        )
    if EXPIRED_ID in ids:
        assert store.tombstone([ids[EXPIRED_ID]], CLOSED_AT) == 1
    return Ledger(store, ids)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = populate(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.store.close()


def _write(rows: list[LedgerRow], fmt: AuditFormat) -> tuple[int, str]:
    out = io.StringIO()
    count = write_rows(iter(rows), fmt, out)  # a one-shot iterator, as store.query gives
    return count, out.getvalue()


# -- row_to_dict -------------------------------------------------------------------


def test_when_row_exported_then_keys_are_the_audit_columns_in_order(ledger: Ledger) -> None:
    for row in ledger.rows():
        assert tuple(row_to_dict(row)) == AUDIT_COLUMNS


def test_when_live_row_exported_then_values_are_json_ready_and_utc(ledger: Ledger) -> None:
    (row,) = ledger.rows(AuditQuery(owner="globex", entity_type="CHILD_AGE"))
    values = row_to_dict(row)
    assert json.loads(json.dumps(values)) == values
    assert values["received_at"] == "2026-03-02T08:00:00+00:00"
    assert values["retain_until"] == "2026-04-01T08:00:00+00:00"
    assert values["closed_at"] is None and values["delivery_at"] is None
    assert values["findings"] == {"CHILD_AGE": 1, "US_SSN": 2}
    assert values["sensitive_categories"] == {"CHILD_DATA": 1, "GOVERNMENT_ID": 2}
    assert values["legal_terms"] == ["CCPA: business"] and values["jurisdictions"] == ["US-CA"]
    assert values["contains_child_data"] is True and values["removed"] == 3
    assert values["captured_while_recording"] == 0
    assert (values["door"], values["delivery_status"], values["role"]) == (
        "spark",
        DeliveryStatus.WRITTEN,
        "CONTROLLER",
    )


@pytest.mark.parametrize(
    ("record_id", "status"), [(DELETED_ID, "deleted"), (EXPIRED_ID, "expired")]
)
def test_when_tombstone_exported_then_detail_is_null_and_dates_kept(
    ledger: Ledger, record_id: str, status: str
) -> None:
    (row,) = [r for r in ledger.rows() if r.record_id == record_id]
    values = row_to_dict(row)
    assert values["status"] == status
    assert values["closed_at"] == "2026-03-20T00:00:00+00:00"
    assert values["received_at"] is not None and values["retain_until"] is not None
    detail = AUDIT_COLUMNS[AUDIT_COLUMNS.index("door") :]
    assert all(values[column] is None for column in detail)
    assert (values["deletion_request"] is not None) == (status == "deleted")


# -- write_rows ----------------------------------------------------------------------


def test_when_json_then_one_array_matching_the_rows(ledger: Ledger) -> None:
    rows = ledger.rows()
    count, text = _write(rows, "json")
    parsed = json.loads(text)
    assert count == len(parsed) == len(ENTRIES)
    assert parsed == [row_to_dict(row) for row in rows]
    assert [datetime.fromisoformat(p["received_at"]) for p in parsed] == [
        r.received_at for r in rows
    ]
    assert len(text.splitlines()) == len(rows) + 2  # "[", one object per line, "]"


def test_when_csv_then_round_trips_through_dictreader(ledger: Ledger) -> None:
    rows = ledger.rows()
    count, text = _write(rows, "csv")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == AUDIT_COLUMNS
    records = list(reader)
    assert count == len(records) == len(ENTRIES)
    by_id = {record["record_id"]: record for record in records}
    for row in rows:
        record = by_id[row.record_id]
        assert int(record["entry_id"]) == row.entry_id
        assert datetime.fromisoformat(record["received_at"]) == row.received_at
        if row.status == "active":
            assert json.loads(record["findings"]) == row.findings
            assert json.loads(record["sensitive_categories"]) == row.sensitive_categories
            assert json.loads(record["legal_terms"]) == list(row.legal_terms)
            assert int(record["removed"]) == row.removed
            assert int(record["captured_while_recording"]) == row.captured_while_recording
            assert record["contains_child_data"] == ("true" if row.contains_child_data else "false")
        else:
            assert record["findings"] == record["door"] == record["removed"] == ""
            assert record["captured_while_recording"] == ""
    assert by_id["L1"]["findings"] == '{"PHONE_NUMBER":1,"US_SSN":1}'  # compact, sorted
    assert by_id["C1"]["captured_while_recording"] == "2"


def test_when_table_then_header_rule_and_one_line_per_row(ledger: Ledger) -> None:
    rows = ledger.rows()
    count, text = _write(rows, "table")
    lines = text.splitlines()
    assert count == len(rows) and len(lines) == 2 + len(rows)
    assert lines[0].split() == [
        "record",
        "owner",
        "kind",
        "door",
        "received",
        "(UTC)",
        "status",
        "delivery",
        "category",
        "removed",
        "sensitive",
    ]
    assert set(lines[1]) == {"-", " "}
    for row, line in zip(rows, lines[2:], strict=True):
        assert line.split()[:3] == [row.record_id, row.owner, row.kind]
    (g1,) = [line for line in lines if line.startswith("G1 ")]
    assert g1.split()[3:] == [
        "spark",
        "2026-03-02",
        "08:00",
        "active",
        "written",
        "OTHER_INFORMATION",
        "3",
        "CHILD_DATA=1,GOVERNMENT_ID=2",
    ]
    (l3,) = [line for line in lines if line.startswith("L3 ")]
    assert l3.split()[3:] == ["-", "2026-03-04", "00:00", "deleted", "-", "-", "-", "-"]


def test_when_ids_are_long_or_multiline_then_table_stays_one_line_per_row(
    tmp_path: Path,
) -> None:
    entries = (make_entry("x" * 80), make_entry("two\nlines\r\x1b[31m", owner="o\tb"))
    ledger = populate(tmp_path / "ledger.sqlite3", entries)
    count, text = _write(ledger.rows(), "table")
    lines = text.splitlines()
    assert count == 2 and len(lines) == 4
    assert lines[2].startswith("x" * 23 + "~ ")
    assert lines[3].startswith("two?lines??[31m") and "o?b" in lines[3]
    assert "\x1b" not in text
    ledger.store.close()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", "[]\n"),
        ("csv", ",".join(AUDIT_COLUMNS) + "\r\n"),
    ],
)
def test_when_nothing_matches_then_empty_but_valid_output(
    ledger: Ledger, fmt: AuditFormat, expected: str
) -> None:
    assert _write(ledger.rows(AuditQuery(owner="initech")), fmt) == (0, expected)


def test_when_nothing_matches_then_table_says_so(ledger: Ledger) -> None:
    count, text = _write(ledger.rows(AuditQuery(owner="initech")), "table")
    assert count == 0
    assert text.splitlines()[0].startswith("record") and text.endswith("(no records match)\n")


def test_when_format_unknown_then_value_error(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="xml"):
        write_rows(ledger.rows(), "xml", io.StringIO())  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_when_more_rows_than_a_page_then_all_streamed(tmp_path: Path, fmt: AuditFormat) -> None:
    entries = tuple(make_entry(f"L{n}", received_at=at(1, second=n)) for n in range(2500))
    store = SqliteLedger(tmp_path / "ledger.sqlite3")
    store.record(entries)
    out = io.StringIO()
    assert write_rows(store.query(AuditQuery()), fmt, out) == 2500
    assert "L2499" in out.getvalue()
    store.close()


# -- summarize -----------------------------------------------------------------------


def test_when_summarized_then_totals_match_hand_counts(ledger: Ledger) -> None:
    s = summarize(ledger.store.query(AuditQuery()))
    assert (s.records, s.active, s.tombstones) == (7, 5, 2)
    assert s.by_status == Counter(active=5, deleted=1, expired=1)
    assert s.by_owner == Counter(acme=4, globex=3)
    assert s.by_kind == Counter(lead=5, transcript=2)
    assert s.by_door == Counter(unary=2, stream=1, batch=1, spark=1)
    assert s.by_data_category == Counter(LEAD_DATA=2, DATA_ENHANCEMENT=2, OTHER_INFORMATION=1)
    assert s.by_delivery_status == Counter(queued=1, delivered=1, written=2, returned=1)
    assert s.by_role == Counter(PROCESSOR=4, CONTROLLER=1)
    assert s.by_legal_term == Counter({CCPA_SP: 2, "VCDPA: processor": 1, "CCPA: business": 1})
    assert s.by_jurisdiction == Counter({"US-CA": 3, "US-VA": 1})
    assert s.by_policy == Counter({"default@3": 5})
    assert s.sensitive_by_category == Counter(
        GOVERNMENT_ID=3, FINANCIAL_ACCOUNT=2, HEALTH=2, CHILD_DATA=1
    )
    assert s.sensitive_findings == 8
    assert s.findings_by_entity == Counter(
        US_SSN=3,
        CREDIT_CARD=2,
        PHONE_NUMBER=1,
        HEALTH_CONDITION=2,
        PERSON=1,
        EMAIL_ADDRESS=1,
        CHILD_AGE=1,
    )
    assert (s.findings, s.removed, s.child_data_records) == (11, 9, 1)
    assert s.captured_while_recording == 2
    assert dict(s.captured_while_recording_by_owner) == {"acme": 2, "globex": 0}
    assert (s.first_received, s.last_received) == (at(1, 9), at(4, 12))


def test_when_summarized_then_per_day_by_utc_date(ledger: Ledger) -> None:
    s = summarize(ledger.store.query(AuditQuery()))
    assert s.records_per_day == {
        date(2026, 3, 1): Counter({"LEAD_DATA": 1, "DATA_ENHANCEMENT": 1, "(expired)": 1}),
        date(2026, 3, 2): Counter(LEAD_DATA=1, OTHER_INFORMATION=1),  # 23:59:59 stays on the 2nd
        date(2026, 3, 4): Counter({"DATA_ENHANCEMENT": 1, "(deleted)": 1}),
    }
    assert s.sensitive_per_day == {
        date(2026, 3, 1): Counter(GOVERNMENT_ID=1, FINANCIAL_ACCOUNT=2, HEALTH=2),
        date(2026, 3, 2): Counter(GOVERNMENT_ID=2, CHILD_DATA=1),
    }


@pytest.mark.parametrize(
    ("query", "records", "active", "sensitive", "owners"),
    [
        (AuditQuery(), 7, 5, 8, {"acme": 4, "globex": 3}),
        (AuditQuery(owner="acme"), 4, 3, 5, {"acme": 4}),
        (AuditQuery(owner="globex"), 3, 2, 3, {"globex": 3}),
        (AuditQuery(include_tombstones=False), 5, 5, 8, {"acme": 3, "globex": 2}),
        (AuditQuery(since=at(2), until=at(4)), 2, 2, 3, {"acme": 1, "globex": 1}),
        (AuditQuery(category="GOVERNMENT_ID"), 2, 2, 4, {"acme": 1, "globex": 1}),
        (AuditQuery(category="DATA_ENHANCEMENT"), 2, 2, 4, {"acme": 1, "globex": 1}),
        (AuditQuery(entity_type="US_SSN"), 2, 2, 4, {"acme": 1, "globex": 1}),
        (AuditQuery(owner="initech"), 0, 0, 0, {}),
    ],
)
def test_when_filtered_then_summary_counts_only_matching_rows(
    ledger: Ledger,
    query: AuditQuery,
    records: int,
    active: int,
    sensitive: int,
    owners: dict[str, int],
) -> None:
    s = summarize(ledger.store.query(query))
    assert (s.records, s.active, s.sensitive_findings) == (records, active, sensitive)
    assert s.by_owner == Counter(owners)
    assert sum(sum(c.values()) for c in s.records_per_day.values()) == records


def test_when_nothing_to_summarize_then_zeros_and_no_dates() -> None:
    s = summarize([])
    assert (s.records, s.tombstones, s.sensitive_findings) == (0, 0, 0)
    assert s.first_received is None and s.last_received is None
    assert s.records_per_day == {} and s.sensitive_per_day == {}


# -- captured while recording: what a PCI assessor counts, per client ---------------------

# Live calls of two clients (and a lead, which has no recording). G-C3 expires: its count
# goes with its detail.
CALLS: tuple[LedgerEntry, ...] = (
    make_entry(
        "A-C1",
        kind="transcript",
        door="stream",
        received_at=at(1),
        findings={"CREDIT_CARD": 1, "CARD_EXPIRY": 1},
        removed=2,
        captured=2,
    ),
    make_entry(
        "A-C2",
        kind="transcript",
        door="stream",
        received_at=at(2),
        findings={"US_SSN": 1},
        removed=1,
        captured=1,
    ),
    make_entry("A-L1", received_at=at(2), findings={"US_SSN": 1}, removed=1),
    make_entry(
        "G-C1",
        owner="globex",
        kind="transcript",
        door="stream",
        received_at=at(1),
        findings={"US_BANK_NUMBER": 1},
        removed=1,
    ),
    make_entry(
        "G-C2",
        owner="globex",
        kind="transcript",
        door="stream",
        received_at=at(3),
        findings={"CREDIT_CARD": 1, "CARD_SECURITY_CODE": 1, "CARD_EXPIRY": 1},
        removed=3,
        captured=3,
    ),
    make_entry(
        "G-C3",
        owner="globex",
        kind="transcript",
        door="stream",
        received_at=at(1),
        findings={"CREDIT_CARD": 1},
        removed=1,
        captured=1,
    ),
)
CAPTURED = {"A-C1": 2, "A-C2": 1, "A-L1": 0, "G-C1": 0, "G-C2": 3}  # live entries


@pytest.fixture
def calls(tmp_path: Path) -> Iterator[Ledger]:
    ledger = populate(tmp_path / "calls.sqlite3", CALLS)
    assert ledger.store.tombstone([ledger.ids["G-C3"]], CLOSED_AT) == 1
    yield ledger
    ledger.store.close()


def _json_captured(text: str) -> dict[str, int | None]:
    return {row["record_id"]: row["captured_while_recording"] for row in json.loads(text)}


def _csv_captured(text: str) -> dict[str, int | None]:
    return {
        row["record_id"]: int(row["captured_while_recording"])
        if row["captured_while_recording"]
        else None
        for row in csv.DictReader(io.StringIO(text))
    }


@pytest.mark.parametrize(("fmt", "read"), [("json", _json_captured), ("csv", _csv_captured)])
def test_when_exported_then_each_row_carries_its_count_captured_while_recording(
    calls: Ledger, fmt: AuditFormat, read: Callable[[str], dict[str, int | None]]
) -> None:
    _, text = _write(calls.rows(), fmt)
    assert read(text) == {**CAPTURED, "G-C3": None}  # a tombstone's count is dropped


@pytest.mark.parametrize(
    ("query", "total", "by_owner"),
    [
        (AuditQuery(), 6, {"acme": 3, "globex": 3}),
        (AuditQuery(owner="acme"), 3, {"acme": 3}),
        (AuditQuery(owner="globex"), 3, {"globex": 3}),
        (AuditQuery(until=at(2)), 2, {"acme": 2, "globex": 0}),
        (AuditQuery(since=at(2)), 4, {"acme": 1, "globex": 3}),
        (AuditQuery(entity_type="US_SSN"), 1, {"acme": 1}),
        (AuditQuery(owner="initech"), 0, {}),
    ],
)
def test_when_summarized_then_captured_while_recording_totals_per_owner(
    calls: Ledger, query: AuditQuery, total: int, by_owner: dict[str, int]
) -> None:
    s = summarize(calls.store.query(query))
    assert s.captured_while_recording == total
    assert dict(s.captured_while_recording_by_owner) == by_owner
