"""What a fleet needs of the PostgreSQL ledger beyond the contract: replicas share one database.

Replicas starting together apply the schema once; one sweeper runs at a time; every
replica proves it uses the same index key; an operator's ``leadgate rights`` with
only the URL sees (and deletes) what any replica recorded; a password never shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg.types.json import Jsonb

from gateway.config import ConfigError, Settings
from gateway.custody import files
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.retention import sweep
from gateway.custody.store.postgres import migrate, open_pool, shown
from gateway.custody.store.postgres_ledger import COMPONENT, MIGRATIONS, PostgresLedger
from gateway.custody.store.protocol import AuditQuery
from tests.gateway.custody.test_sqlite_store import T0, entry

SECRET_HEX = "ab" * 32
LEADGATE = Path(sys.executable).parent / "leadgate"


def eventually(done: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Whether ``done`` turns true in ``seconds``: a session ends a moment after its client."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _sweep_lock_free(store: PostgresLedger) -> bool:
    with store.sweep_lock() as held:
        return held


@pytest.fixture
def replica_a(postgres_url: str) -> Iterator[PostgresLedger]:
    store = PostgresLedger(postgres_url)
    yield store
    store.close()


def test_replicas_starting_together_apply_the_schema_once(postgres_url: str) -> None:
    opened: list[PostgresLedger] = []
    failures: list[BaseException] = []
    start = threading.Barrier(4)

    def open_one() -> None:
        start.wait()
        try:
            opened.append(PostgresLedger(postgres_url))
        except BaseException as error:  # collected, asserted below
            failures.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in opened:
        store.close()
    assert failures == [] and len(opened) == 4
    with psycopg.connect(postgres_url) as conn:
        versions = conn.execute(
            "SELECT version, count(*) FROM schema_version WHERE component = 'ledger'"
            " GROUP BY version ORDER BY version"
        ).fetchall()
    assert versions == [(version, 1) for version, _ in MIGRATIONS]


def test_a_second_sweeper_finds_the_lock_held_and_does_nothing(
    replica_a: PostgresLedger, postgres_url: str
) -> None:
    replica_a.record([entry("OLD", days=10), entry("NEW", days=400)])
    now = T0 + timedelta(days=20)
    replica_b = PostgresLedger(postgres_url)
    try:
        with replica_a.sweep_lock() as held:
            assert held
            busy = sweep(replica_b, None, now, now=now)
        assert (busy.locked_out, busy.expired) == (True, 0)
        assert replica_b.expired(now, 10) != []  # untouched while the other held the lock
        done = sweep(replica_b, None, now, now=now)  # released: this one sweeps
    finally:
        replica_b.close()
    assert (done.locked_out, done.expired) == (False, 1)


def test_two_concurrent_sweeps_expire_each_entry_once(
    replica_a: PostgresLedger, postgres_url: str
) -> None:
    replica_a.record([entry(f"OLD-{n}", days=10) for n in range(2000)])
    now = T0 + timedelta(days=20)
    replica_b = PostgresLedger(postgres_url)
    start = threading.Barrier(2)
    results = []

    def sweep_from(store: PostgresLedger) -> None:
        start.wait()
        results.append(sweep(store, None, now, now=now))

    threads = [threading.Thread(target=sweep_from, args=(s,)) for s in (replica_a, replica_b)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        replica_b.close()
    assert sum(r.expired for r in results) == 2000
    assert sum(r.locked_out for r in results) <= 1  # the later one either waited out or ran after
    statuses = {row.status for row in replica_a.query(AuditQuery())}
    assert statuses == {"expired"}


def test_a_sweepers_lock_is_released_when_its_connection_dies(
    replica_a: PostgresLedger, postgres_url: str
) -> None:
    from gateway.custody.store.postgres_ledger import SWEEP_LOCK

    dying = psycopg.connect(postgres_url, autocommit=True)
    dying.execute("SELECT pg_advisory_lock(%s)", (SWEEP_LOCK,))
    with replica_a.sweep_lock() as held:
        assert not held
    dying.close()  # a killed replica: its session ends
    assert eventually(lambda: _sweep_lock_free(replica_a))


def test_a_starting_replica_cuts_off_only_the_calls_of_replicas_that_are_gone(
    replica_a: PostgresLedger, postgres_url: str
) -> None:
    from gateway.custody.status import DeliveryStatus

    replica_a.record([entry("LIVE", status=DeliveryStatus.OPEN)])
    dying = PostgresLedger(postgres_url)
    dying.record([entry("DEAD", status=DeliveryStatus.OPEN)])
    dying.close()  # its liveness lock ends, as a SIGKILLed replica's does with its session
    starting = PostgresLedger(postgres_url)
    try:
        assert starting.cut_off_open_calls(T0) == 1
    finally:
        starting.close()
    statuses = {row.record_id: row.delivery_status for row in replica_a.query(AuditQuery())}
    assert statuses == {"LIVE": DeliveryStatus.OPEN, "DEAD": DeliveryStatus.CUT_OFF}


def test_a_replica_with_another_index_key_is_refused_by_name(
    replica_a: PostgresLedger, postgres_url: str
) -> None:
    replica_a.bind_key(ConsumerIndex(bytes.fromhex(SECRET_HEX)).fingerprint)
    replica_b = PostgresLedger(postgres_url)
    try:
        with pytest.raises(ConfigError, match="another consumer-index key"):
            replica_b.bind_key(ConsumerIndex(b"\x07" * 32).fingerprint)
    finally:
        replica_b.close()


def test_a_large_batch_is_one_transaction_with_ids_in_order(replica_a: PostgresLedger) -> None:
    batch = [entry(f"S-{n}", keys=(("phone", n.to_bytes(32, "big")),)) for n in range(1000)]
    ids = replica_a.record(batch)
    assert ids == sorted(ids) and len(set(ids)) == 1000
    rows = list(replica_a.query(AuditQuery()))
    assert [r.record_id for r in rows] == [f"S-{n}" for n in range(1000)]
    [found] = replica_a.lookup("acme", [(999).to_bytes(32, "big")])
    assert found.entry_id == ids[-1]


def test_an_unreachable_database_is_a_config_error_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://leadgate:s3cret-pw@/nowhere?host={tmp_path}&port=1"
    with pytest.raises(ConfigError) as raised:
        PostgresLedger(url)
    assert "s3cret-pw" not in str(raised.value)
    assert str(raised.value).startswith("ledger_url postgresql://leadgate:***@")


def test_shown_hides_only_the_password() -> None:
    assert shown("postgresql://u:pw@db:5432/x?sslmode=require") == (
        "postgresql://u:***@db:5432/x?sslmode=require"
    )
    assert shown("postgresql://u@db/x") == "postgresql://u@db/x"


def test_the_url_picks_the_store_and_a_shared_ledger_needs_the_key_file(
    postgres_url: str, tmp_path: Path
) -> None:
    no_key = Settings(ledger_url=postgres_url, data_dir=str(tmp_path))
    with pytest.raises(ConfigError, match="ledger_key_file"):
        files.open_ledger(no_key)
    key = tmp_path / "ledger.key"
    key.write_text(SECRET_HEX + "\n")
    settings = Settings(ledger_url=postgres_url, ledger_key_file=str(key))
    store, _ = files.open_ledger(settings)
    try:
        assert isinstance(store, PostgresLedger)
    finally:
        store.close()
    sqlite = files.open_store(Settings(ledger_url=f"sqlite:///{tmp_path}/l.sqlite3"))
    try:
        assert type(sqlite).__name__ == "SqliteLedger" and (tmp_path / "l.sqlite3").exists()
    finally:
        sqlite.close()


def test_an_empty_database_is_no_ledger_to_the_commands(postgres_url: str) -> None:
    with pytest.raises(ValueError, match="no ledger in the database"):
        PostgresLedger(postgres_url, create=False)


@pytest.mark.parametrize("create", [True, False], ids=["a replica", "a command"])
def test_a_ledger_from_before_the_captured_count_gains_it_and_its_entries_read_0(
    postgres_url: str, create: bool
) -> None:
    pool = open_pool(postgres_url, "ledger_url", 1)
    try:
        migrate(pool, COMPONENT, MIGRATIONS[:1])  # as the release before the count left it
    finally:
        pool.close()
    with psycopg.connect(postgres_url) as conn:
        conn.execute(
            "INSERT INTO ledger (record_id, kind, owner, received_at, retain_until, door,"
            " data_category, role, legal_terms, jurisdictions, findings, removed,"
            " sensitive_categories, contains_child_data, policy_id, policy_version,"
            " engine_version, delivery_status) VALUES ('OLD', 'transcript', 'acme', %s, %s,"
            " 'stream', 'LEAD_DATA', 'PROCESSOR', '{}', '{}', %s, 1, '{}',"
            " false, 'default', '1', '0.1.0', 'returned')",
            (T0, T0 + timedelta(days=120), Jsonb({"CREDIT_CARD": 1})),
        )
    store = PostgresLedger(postgres_url, create=create)
    try:
        store.record([replace(entry("NEW"), kind="transcript", captured_while_recording=2)])
        rows = {r.record_id: r for r in store.query(AuditQuery())}
    finally:
        store.close()
    assert (rows["OLD"].status, rows["OLD"].findings) == ("active", {"CREDIT_CARD": 1})
    assert rows["OLD"].captured_while_recording == 0  # NULL: recorded before the count
    assert rows["NEW"].captured_while_recording == 2


def test_rights_from_an_operators_machine_see_and_delete_what_a_replica_recorded(
    replica_a: PostgresLedger, postgres_url: str, tmp_path: Path
) -> None:
    index = ConsumerIndex(bytes.fromhex(SECRET_HEX))
    replica_a.bind_key(index.fingerprint)
    phone = ("phone", index.lookup_digest("acme", "phone", "(415) 555-0142"))
    replica_a.record([entry("A-1", keys=(phone,)), entry("A-2"), entry("A-3", keys=(phone,))])
    key = tmp_path / "copy-of-the-secret.key"
    key.write_text(SECRET_HEX + "\n")
    environment = {
        **os.environ,
        "LEADGATE_LEDGER_URL": postgres_url,
        "LEADGATE_LEDGER_KEY_FILE": str(key),
        "LEADGATE_DATA_DIR": str(tmp_path / "laptop"),  # nothing local to find
    }

    def leadgate(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(LEADGATE), *args], env=environment, capture_output=True, text=True, timeout=60
        )

    found = leadgate("rights", "lookup", "--owner", "acme", "--phone", "415-555-0142")
    assert found.returncode == 0, found.stderr
    assert "2 record(s)" in found.stdout and "A-1" in found.stdout and "A-3" in found.stdout
    deleted = leadgate(
        "rights",
        "delete",
        "--owner",
        "acme",
        "--phone",
        "4155550142",
        "--reference",
        "T-9",
        "--yes",
    )
    assert deleted.returncode == 0, deleted.stderr
    statuses = {row.record_id: row.status for row in replica_a.query(AuditQuery())}
    assert statuses == {"A-1": "deleted", "A-2": "active", "A-3": "deleted"}
    audit = leadgate("audit", "--format", "json")
    assert audit.returncode == 0, audit.stderr
    assert '"A-2"' in audit.stdout
    assert not (tmp_path / "laptop" / "ledger.sqlite3").exists()  # no stray local ledger


@pytest.mark.slow
def test_spark_executors_record_into_the_shared_ledger_in_batches(
    settings: Settings, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    from gateway.batch import BatchOptions
    from gateway.batch.spark import driver
    from gateway.batch.spark.driver import run_spark
    from gateway.batch.spark.session import start_session
    from tests.synthetic import SSN

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # workers must import gateway
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    monkeypatch.setattr(driver, "_record_saved", None)  # not through the driver: it would fail
    source = tmp_path / "leads.jsonl"
    leads = [
        {"id": f"s{n}", "owner": "acme", "fields": {"ssn": SSN, "phone": f"(415) 555-{n:04d}"}}
        for n in range(40)
    ]
    source.write_text("".join(json.dumps(lead) + "\n" for lead in leads))
    options = BatchOptions(
        inputs=(str(source),), output=str(tmp_path / "out"), received_at=T0, progress=False
    )
    secret = bytes.fromhex(SECRET_HEX)
    ledger = PostgresLedger(postgres_url)
    session = start_session("local[2]")
    try:
        summary = run_spark(
            settings, options, None, session=session, ledger=ledger, index_secret=secret
        )
        rows = list(ledger.query(AuditQuery()))
        digest = ConsumerIndex(secret).lookup_digest("acme", "phone", "415-555-0007")
        found = [row.record_id for row in ledger.lookup("acme", [digest])]
    finally:
        session.stop()
        ledger.close()
    assert summary.ledger_entries == 40
    assert sorted(row.record_id for row in rows) == sorted(f"s{n}" for n in range(40))
    assert {(row.door, row.delivery_status) for row in rows} == {("spark", "written")}
    assert found == ["s7"]


def _drop_other_connections(url: str) -> int:
    """What a database restart or a failover does to a pool: every other session ends."""
    with psycopg.connect(url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


def test_when_the_server_drops_the_pools_connections_then_the_next_writes_still_land(
    postgres_url: str,
) -> None:
    from gateway.custody.postgres_outbox import PostgresOutbox

    ledger = PostgresLedger(postgres_url)
    outbox = PostgresOutbox(postgres_url, 100, lease_seconds=5.0, replica="r1")
    try:
        ledger.record([entry("before")])
        outbox.accept("lead", "acme", "before", b"payload")
        assert _drop_other_connections(postgres_url) >= 2
        (entry_id,) = ledger.record([entry("after")])  # a stale connection is replaced
        assert outbox.accept("lead", "acme", "after", b"payload") > 0
        assert entry_id > 0 and len(list(ledger.query(AuditQuery()))) == 2
        assert outbox.depth() == (2, 0)
    finally:
        outbox.close()
        ledger.close()
