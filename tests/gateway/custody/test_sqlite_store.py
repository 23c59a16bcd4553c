"""SqliteLedger's own settings, and the ``entry`` the ledger tests build.

What every ledger store must do is in test_ledger_store_contract.py, run against
SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
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


# The ledger table as releases before captured_while_recording wrote it.
_LEDGER_BEFORE_CAPTURED = """
CREATE TABLE ledger (
    entry_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id        TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    owner            TEXT    NOT NULL,
    received_at      REAL    NOT NULL,
    retain_until     REAL    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'active',
    closed_at        REAL,
    deletion_request INTEGER,
    door                TEXT,
    data_category       TEXT,
    role                TEXT,
    legal_terms         TEXT,
    jurisdictions       TEXT,
    findings            TEXT,
    removed             INTEGER,
    sensitive_categories TEXT,
    contains_child_data INTEGER,
    policy_id           TEXT,
    policy_version      TEXT,
    engine_version      TEXT,
    delivery_status     TEXT,
    delivery_at         REAL
)
"""


def _columns(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {row[1] for row in db.execute("PRAGMA table_info(ledger)")}
    finally:
        db.close()


def test_an_older_ledger_file_gains_the_captured_column_and_its_entries_read_0(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.sqlite3"
    db = sqlite3.connect(path)
    db.execute(_LEDGER_BEFORE_CAPTURED)
    db.execute(
        "INSERT INTO ledger (record_id, kind, owner, received_at, retain_until, door,"
        " data_category, role, legal_terms, jurisdictions, findings, removed,"
        " sensitive_categories, contains_child_data, policy_id, policy_version,"
        " engine_version, delivery_status) VALUES"
        " ('OLD', 'transcript', 'acme', ?, ?, 'stream', 'LEAD_DATA', 'PROCESSOR', '[]', '[]',"
        " ?, 1, '{}', 0, 'default', '1', '0.1.0', 'returned')",
        (T0.timestamp(), (T0 + timedelta(days=120)).timestamp(), json.dumps({"CREDIT_CARD": 1})),
    )
    db.commit()
    db.close()
    assert "captured_while_recording" not in _columns(path)

    ledger = SqliteLedger(path)
    try:
        call = replace(entry("NEW"), kind="transcript", captured_while_recording=2)
        ledger.record([call])
        rows = {r.record_id: r for r in ledger.query(AuditQuery())}
    finally:
        ledger.close()
    assert "captured_while_recording" in _columns(path)
    assert (rows["OLD"].status, rows["OLD"].findings) == ("active", {"CREDIT_CARD": 1})
    assert rows["OLD"].captured_while_recording == 0  # NULL: recorded before the count
    assert rows["NEW"].captured_while_recording == 2
    SqliteLedger(path).close()  # opened again: the column is there, nothing to add
