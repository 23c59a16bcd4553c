"""Ledger commits per second: PostgreSQL against SQLite, the same entries in batches of 1, 64, 256.

    .venv/bin/python bench/ledger_commits.py                      # 4,096 entries per run
    .venv/bin/python bench/ledger_commits.py --entries 2048 --batches 1 64 --rounds 3
    .venv/bin/python bench/ledger_commits.py --postgres-url postgresql://...   # a real server

A batch is what ``LedgerWriter`` commits in one transaction (its group commit: up to
256 concurrent calls share one), or what a Spark driver records at a time. Each
entry is a lead's, with two consumer-index keys (a phone, an email), as a RedactLead
call with both writes.

The stores, each durable when ``record`` returns, on the same disk:
- ``sqlite-full``: ``ledger_sync = "full"``, an fsync per commit;
- ``sqlite-normal``: the default, ``ledger_sync = "normal"`` (on disk within a second);
- ``postgresql``: ``PostgresLedger`` through its pool, over the Unix socket, to a server
  this bench starts (initdb in a temporary directory, fsync and synchronous_commit on,
  the defaults), unless ``--postgres-url`` names one (its settings are then its own).

Runs alternate (every store for a batch size, then the next round), so drift on the
machine hits all alike. Prints one markdown row per store and batch size: entries/s
and commits/s (medians over rounds), and the median commit's milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gateway.custody.entry import LedgerEntry  # noqa: E402
from gateway.custody.status import DeliveryStatus  # noqa: E402
from gateway.custody.store.protocol import LedgerStore  # noqa: E402


def make_entries(count: int) -> list[LedgerEntry]:
    """Leads' entries, each with a phone and an email key (random digests)."""
    received = datetime.now(UTC)
    return [
        LedgerEntry(
            record_id=f"L-{n}",
            kind="lead",
            owner="acme",
            data_category="LEAD_DATA",
            role="PROCESSOR",
            legal_terms=("CCPA: service provider", "TCPA: prior express consent"),
            jurisdictions=("US-CA",),
            findings=(("EMAIL_ADDRESS", 1), ("PHONE_NUMBER", 1), ("US_SSN", 1)),
            removed=3,
            sensitive_categories=(("GOVERNMENT_ID", 1),),
            contains_child_data=False,
            policy_id="default",
            policy_version="1",
            engine_version="bench",
            door="unary",
            received_at=received,
            retain_until=received + timedelta(days=120),
            delivery_status=DeliveryStatus.QUEUED,
            consumer_keys=(("email", os.urandom(32)), ("phone", os.urandom(32))),
        )
        for n in range(count)
    ]


@dataclass(frozen=True)
class Run:
    """One store recording its entries a batch at a time."""

    entries: int
    seconds: float
    commits: list[float]  # each commit's seconds


def run(store: LedgerStore, entries: list[LedgerEntry], batch: int) -> Run:
    """Record ``entries`` ``batch`` at a time."""
    commits: list[float] = []
    started = time.perf_counter()
    for start in range(0, len(entries), batch):
        before = time.perf_counter()
        store.record(entries[start : start + batch])
        commits.append(time.perf_counter() - before)
    return Run(len(entries), time.perf_counter() - started, commits)


# ----------------------------------------------------------------------------- PostgreSQL


@contextmanager
def postgres_server() -> Iterator[str]:
    """A durable PostgreSQL server (the defaults: fsync, synchronous_commit) on a Unix socket."""
    from tests.postgres import SUPERUSER, binaries

    workdir = Path(tempfile.mkdtemp(prefix="leadgate-bench-pg-"))
    bin_dir = binaries()
    if bin_dir is None:
        raise SystemExit("PostgreSQL's initdb and pg_ctl were not found (apt install postgresql)")
    as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data, socket = workdir / "pgdata", workdir / "pgsocket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(socket, "postgres")
    subprocess.run(
        [*as_server, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust"],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    options = f"-k {socket} -p 5499 -c listen_addresses=''"
    subprocess.run(
        [
            *as_server,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(workdir / "server.log"),
            "-w",
            "start",
        ],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    try:
        yield f"postgresql://{SUPERUSER}@/postgres?host={socket}&port=5499"
    finally:
        subprocess.run(
            [*as_server, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def fresh_database(server_url: str) -> Callable[[], str]:
    """Makes a new empty database on the server per call; returns its URL."""
    import psycopg

    from tests.postgres import with_database

    def made() -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return with_database(server_url, name)

    return made


# ----------------------------------------------------------------------------- the bench


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=4096, help="entries per run")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 64, 256])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres-url", default="", help="a server to use (default: start one)")
    args = parser.parse_args()

    from gateway.custody.store.postgres_ledger import PostgresLedger
    from gateway.custody.store.sqlite_ledger import SqliteLedger

    workdir = Path(tempfile.mkdtemp(prefix="leadgate-bench-"))
    rows: dict[tuple[str, int], list[Run]] = {}
    try:
        with _server(args.postgres_url) as server_url:
            new_database = fresh_database(server_url)
            stores: dict[str, Callable[[], LedgerStore]] = {
                "sqlite-full": lambda: SqliteLedger(_new_file(workdir), "FULL"),
                "sqlite-normal": lambda: SqliteLedger(_new_file(workdir), "NORMAL"),
                "postgresql": lambda: PostgresLedger(new_database()),
            }
            for _ in range(args.rounds):
                for batch in args.batches:
                    count = min(args.entries, 512) if batch == 1 else args.entries
                    for name, opened in stores.items():
                        store = opened()
                        try:
                            rows.setdefault((name, batch), []).append(
                                run(store, make_entries(count), batch)
                            )
                        finally:
                            store.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{args.entries} entries per run (512 at batch 1), {args.rounds} rounds, medians\n")
    print("| store | batch | entries/s | commits/s | commit p50 ms |")
    print("|---|---:|---:|---:|---:|")
    for (name, batch), runs in sorted(rows.items(), key=lambda item: (item[0][1], item[0][0])):
        entries_per_s = statistics.median(r.entries / r.seconds for r in runs)
        commits_per_s = statistics.median(len(r.commits) / r.seconds for r in runs)
        p50 = statistics.median(statistics.median(r.commits) for r in runs) * 1000
        print(f"| {name} | {batch} | {entries_per_s:,.0f} | {commits_per_s:,.0f} | {p50:.2f} |")
    return 0


def _new_file(workdir: Path) -> Path:
    return workdir / f"ledger-{uuid.uuid4().hex[:10]}.sqlite3"


@contextmanager
def _server(url: str) -> Iterator[str]:
    if url:
        yield url
        return
    with postgres_server() as started:
        yield started


if __name__ == "__main__":
    sys.exit(main())
