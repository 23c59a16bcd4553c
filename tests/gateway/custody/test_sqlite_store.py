"""SqliteLedger's own settings, and the ``entry`` the ledger tests build.

What every ledger store must do is in test_ledger_store_contract.py, run against
SQLite and PostgreSQL.
"""

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
