"""A fleet: three gateways on one PostgreSQL and one dialer sink, one of them killed mid-load.

The scenario runs once (``fleet_run``) and the tests read its outcome:

- three ``leadgate serve`` processes on their own ports and data directories share only
  ``ledger_url``/``outbox_url`` (one database), ``ledger_key_file`` and the sink;
- ``CALLS`` RedactLead calls go to the live replicas in turn; when half are answered,
  the third replica gets SIGKILL and is never restarted;
- then the sink must hold every accepted record exactly once (by (owner, record id,
  revision), the key it stores once), the ledger must hold every accepted record, and
  ``leadgate rights delete`` with a surviving replica's settings must delete one
  consumer's records, those the dead replica accepted too, and the sink must get a
  deletion notice for each.

What needs the shared PostgreSQL ledger and outbox is marked xfail until they are in:
with a private SQLite outbox per replica, the dead replica's undelivered records wait
for it, and a replica's ledger holds only what went through it.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import fleet, postgres

CALLS = 3_000
"""As in issue 17. On a shared 2-core machine the run took 57 s alone and 88 s at a load
average of 8 (engines' start, then 25-45 s of calls); STALL_SECONDS more when a record
is stranded."""
CONCURRENCY = 12
KILL_AFTER = CALLS // 2
DRAIN_SECONDS = 120.0
STALL_SECONDS = 40.0
"""Stop waiting for the sink when nothing arrives for this long (a record is stranded).

Longer than the outbox's lease, which a record the dead replica had claimed waits out."""
REFERENCE = "FLEET-0001"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@dataclass(frozen=True)
class FleetRun:
    """What happened, read after the fleet stopped."""

    load: fleet.LoadResult
    stored: Counter[str]  # the sink's lines per record id, after the drain
    repeats_absorbed: int
    ledger: list[dict[str, Any]]  # `leadgate audit` through a survivor
    deletion_status: int
    deletion: dict[str, Any]  # `leadgate rights delete --json` through a survivor
    stored_after_deletion: Counter[str]
    notices: list[dict[str, Any]]


@pytest.fixture(scope="module")
def fleet_database(postgres_server: str) -> Iterator[str]:
    """One empty database for the module's one fleet run (``postgres_url`` is per test)."""
    import psycopg

    name = f"fleet_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres.with_database(postgres_server, name)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def fleet_run(fleet_database: str) -> FleetRun:
    with tempfile.TemporaryDirectory(prefix="leadgate-fleet-") as workdir:
        return asyncio.run(_run(Path(workdir), fleet_database))


async def _run(workdir: Path, database_url: str) -> FleetRun:
    async with fleet.running_fleet(workdir, database_url) as running:
        first, second, victim = running.replicas
        load = await fleet.send_load(
            running, CALLS, CONCURRENCY, kill_after=KILL_AFTER, victim=victim
        )
        await fleet.wait_until(
            lambda: set(load.accepted) <= set(running.stored()),
            lambda: len(running.stored()),
            DRAIN_SECONDS,
            STALL_SECONDS,
        )
        stored = running.stored()
        ledger = await running.ledger_rows(first)
        status, out, err = await running.leadgate(
            second,
            "rights",
            "delete",
            "--owner",
            fleet.OWNER,
            "--phone",
            fleet.CONSUMER_PHONE,
            "--reference",
            REFERENCE,
            "--yes",
            "--json",
        )
        deletion: dict[str, Any] = json.loads(out) if status == 0 else {"error": err[-400:]}
        expected_notices = len(deletion.get("records", []))
        await fleet.wait_until(
            lambda: len(running.notices()) >= expected_notices,
            lambda: len(running.notices()),
            DRAIN_SECONDS,
            STALL_SECONDS,
        )
        return FleetRun(
            load=load,
            stored=stored,
            repeats_absorbed=running.repeats_absorbed(),
            ledger=ledger,
            deletion_status=status,
            deletion=deletion,
            stored_after_deletion=running.stored(),
            notices=running.notices(),
        )


def _consumers(record_ids: set[str]) -> set[str]:
    return {rid for rid in record_ids if fleet.is_consumers(int(rid.split("-")[1]))}


def test_when_calls_spread_and_one_replica_killed_then_survivors_serve_and_deliver_once(
    fleet_run: FleetRun,
) -> None:
    load = fleet_run.load
    victim = load.killed
    assert victim == "replica-2"
    assert load.sent == CALLS
    assert len(load.accepted) + len(load.failed) == CALLS
    # Spread: each replica answered its share before the kill (the dead one, perhaps, a
    # few calls more that were already answered on the wire), the survivors the rest.
    by_replica = Counter(load.accepted.values())
    assert set(by_replica) == {"replica-0", "replica-1", "replica-2"}
    assert load.victim_accepted_at_kill > KILL_AFTER // 4
    assert by_replica[victim] - load.victim_accepted_at_kill <= CONCURRENCY
    assert by_replica["replica-0"] + by_replica["replica-1"] > CALLS - KILL_AFTER
    # Only the calls in flight at the dead replica failed.
    assert len(load.failed) <= CONCURRENCY
    assert all(where.startswith(f"{victim} ") for where in load.failed.values()), load.failed
    # The sink stores a key once; nothing reached it that was not sent.
    assert set(fleet_run.stored.values()) <= {1}
    assert all(rid.startswith("fleet-") for rid in fleet_run.stored)
    survivors = set(load.accepted) - load.accepted_by(victim)
    missing = survivors - set(fleet_run.stored)
    assert not missing, f"{len(missing)} records the survivors accepted never reached the sink"


def test_when_replica_killed_then_every_accepted_record_delivered_once_and_in_ledger(
    fleet_run: FleetRun,
) -> None:
    load = fleet_run.load
    missing = set(load.accepted) - set(fleet_run.stored)
    assert not missing, f"{len(missing)} accepted records never delivered, e.g. {min(missing)}"
    assert set(fleet_run.stored.values()) == {1}, "each record exactly once"
    entries = Counter(row["record_id"] for row in fleet_run.ledger)
    not_recorded = set(load.accepted) - set(entries)
    assert not not_recorded, f"{len(not_recorded)} accepted records not in the fleet's ledger"
    assert {entries[rid] for rid in load.accepted} == {1}, "one ledger entry per record"


def test_when_rights_delete_through_a_survivor_then_dead_replicas_records_go_too(
    fleet_run: FleetRun,
) -> None:
    load = fleet_run.load
    assert fleet_run.deletion_status == 0, fleet_run.deletion
    deleted = {record["record_id"] for record in fleet_run.deletion["records"]}
    accepted = _consumers(set(load.accepted))
    through_dead = _consumers(load.accepted_by(load.killed))
    assert through_dead, "the dead replica accepted none of the consumer's records"
    # Every record of theirs that was accepted; perhaps also one the dead replica recorded
    # but never answered (it was killed mid-call), never anyone else's.
    assert accepted <= deleted <= _consumers({fleet.record_id(n) for n in range(CALLS)})
    assert through_dead <= deleted
    # The sink got a notice for each and no longer holds any of them.
    noticed = {notice["record_id"] for notice in fleet_run.notices if notice["held"]}
    assert accepted <= noticed
    assert not _consumers(set(fleet_run.stored_after_deletion))
    others = set(fleet_run.stored) - deleted
    assert others <= set(fleet_run.stored_after_deletion), "only the consumer's records went"
