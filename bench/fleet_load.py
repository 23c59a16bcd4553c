"""Fleet load: N gateways on one PostgreSQL and one dialer sink, one killed mid-load.

    .venv/bin/python bench/fleet_load.py                         # 3 replicas, 3,000 calls
    .venv/bin/python bench/fleet_load.py --calls 6000 --concurrency 24 --json fleet.json
    .venv/bin/python bench/fleet_load.py --no-kill               # the rate without a kill
    .venv/bin/python bench/fleet_load.py --database-url postgresql://...   # your server

The same fleet as tests/gateway/test_fleet.py (tests/fleet.py): ``--replicas`` ``leadgate
serve`` processes on loopback, each with its own data directory, sharing only
``ledger_url``/``outbox_url`` (one database), ``ledger_key_file`` and the example dialer
sink (``examples/dialer_sink.py``). Without ``--database-url`` it starts a throwaway
PostgreSQL in a temporary directory (tests/postgres.py: Unix socket, fsync off, so
the database's own disk is not measured) and makes one empty database.

The load: ``--calls`` RedactLead calls over ``--concurrency`` client tasks, closed loop
(each sends its next call when the last is answered), record n to live replica n mod
(live count); unless ``--no-kill``, the last replica gets SIGKILL once half the calls are
answered and is never restarted. Then it waits until the sink holds every accepted
record (or nothing arrived for ``--stall-seconds``).

Printed (and with ``--json`` written): the fleet's aggregate rate (answered calls per
second of load), per replica the calls it answered with p50/p99 latency (nearest rank,
OK answers only), the failures by replica and code, and the books: accepted, delivered
(distinct accepted ids in the sink's file), lost, duplicated (ids with more than one
line), the repeats the sink absorbed (answered ``duplicate=True``), the dead replica's
records not yet in the sink at the kill, the time from the end of the load until the
sink had everything, and the ledger's entries by delivery status (``leadgate audit``
through a survivor). Exit status 1 when a record is lost or duplicated.

Ledger commits per second on PostgreSQL against SQLite are the ledger's own bench's.
All processes share this machine (and its cores) with the client: read the rate as the
fleet's on one host, not as N times one replica's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import fleet, postgres  # noqa: E402  (needs the repository root on sys.path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=3000, help="RedactLead calls (3000)")
    parser.add_argument("--replicas", type=int, default=3, help="gateway processes (3)")
    parser.add_argument("--concurrency", type=int, default=12, help="client tasks (12)")
    parser.add_argument("--no-kill", action="store_true", help="kill no replica")
    parser.add_argument("--database-url", default="", help="default: a throwaway server")
    parser.add_argument("--sink-delay-ms", type=int, default=0, help="a slower sink")
    parser.add_argument("--stall-seconds", type=float, default=15.0, help="drain gives up")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.calls < 1 or args.replicas < 2 or args.concurrency < 1:
        parser.error("--calls and --concurrency must be >= 1, --replicas >= 2")
    return args


@asynccontextmanager
async def database(given: str) -> AsyncIterator[str]:
    """``given``, else one empty database on a throwaway server (stopped after)."""
    if given:
        yield given
        return
    import psycopg

    directory = Path(tempfile.mkdtemp(prefix="leadgate-fleet-pg-"))
    try:
        server = await asyncio.to_thread(postgres.start, directory)
        name = f"fleet_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield postgres.with_database(server, name)
    finally:
        await asyncio.to_thread(postgres.stop, directory)
        shutil.rmtree(directory, ignore_errors=True)


@asynccontextmanager
async def _workdir() -> AsyncIterator[Path]:
    """A temporary directory for the logs, data directories and the sink's file."""
    with tempfile.TemporaryDirectory(prefix="leadgate-fleet-") as directory:
        yield Path(directory)


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Start the fleet, load it, drain it, read the books."""
    async with (
        database(args.database_url) as url,
        _workdir() as workdir,
        fleet.running_fleet(workdir, url, args.replicas, args.sink_delay_ms) as running,
    ):
        victim = None if args.no_kill else running.replicas[-1]
        load = await fleet.send_load(
            running,
            args.calls,
            args.concurrency,
            kill_after=None if victim is None else args.calls // 2,
            victim=victim,
        )
        load_end = time.perf_counter()
        complete = await fleet.wait_until(
            lambda: set(load.accepted) <= set(running.stored()),
            lambda: len(running.stored()),
            600,
            args.stall_seconds,
        )
        drain_seconds = time.perf_counter() - load_end
        stored = running.stored()
        ledger = await running.ledger_rows(running.alive[0])
    accepted = set(load.accepted)
    by_status = Counter(str(row.get("delivery_status")) for row in ledger)
    stranded = load.accepted_by(load.killed) - load.stored_at_kill if load.killed else set()
    return {
        "calls": args.calls,
        "replicas": args.replicas,
        "concurrency": args.concurrency,
        "killed": load.killed or None,
        "load_seconds": round(load.seconds, 2),
        "aggregate_rate": round(len(accepted) / load.seconds, 1),
        "per_replica": {
            name: {
                "answered": len(latency),
                "p50_ms": _ms(fleet.percentile(latency, 0.50)),
                "p99_ms": _ms(fleet.percentile(latency, 0.99)),
            }
            for name, latency in load.latency.items()
        },
        "failed": dict(Counter(load.failed.values())),
        "accepted": len(accepted),
        "delivered": len(accepted & set(stored)),
        "lost": len(accepted - set(stored)),
        "duplicated": sum(1 for count in stored.values() if count > 1),
        "sink_lines": sum(stored.values()),
        "repeats_absorbed_by_sink": running.repeats_absorbed(),
        "dead_replicas_records_undelivered_at_kill": len(stranded),
        "drained": complete,
        "drain_seconds": round(drain_seconds, 2),
        "ledger_entries": len(ledger),
        "ledger_accepted_missing": len(accepted - {row["record_id"] for row in ledger}),
        "ledger_by_delivery_status": dict(by_status),
        "load_average": os.getloadavg(),
    }


def report(results: dict[str, Any]) -> str:
    """The results as a few lines of text."""
    lines = [
        f"{results['replicas']} replicas, {results['calls']} RedactLead calls over"
        f" {results['concurrency']} client tasks; killed: {results['killed'] or 'none'}",
        f"aggregate: {results['aggregate_rate']} calls/s over {results['load_seconds']} s",
        f"{'replica':<10} {'answered':>8} {'p50 ms':>8} {'p99 ms':>8}",
    ]
    for name, row in results["per_replica"].items():
        lines.append(f"{name:<10} {row['answered']:>8} {row['p50_ms']!s:>8} {row['p99_ms']!s:>8}")
    lines += [
        f"failed: {results['failed'] or 0}",
        f"sink: accepted {results['accepted']}, delivered {results['delivered']}, lost"
        f" {results['lost']}, duplicated {results['duplicated']}, lines"
        f" {results['sink_lines']}, repeats absorbed {results['repeats_absorbed_by_sink']}",
        f"dead replica's records not in the sink at the kill:"
        f" {results['dead_replicas_records_undelivered_at_kill']}; drained:"
        f" {results['drained']} in {results['drain_seconds']} s after the load",
        f"ledger (audit through a survivor): {results['ledger_entries']} entries,"
        f" accepted missing {results['ledger_accepted_missing']},"
        f" by delivery status {results['ledger_by_delivery_status']}",
        f"load average: {', '.join(f'{x:.2f}' for x in results['load_average'])}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run, print, write the JSON; 1 when a record was lost or duplicated."""
    args = parse_args(argv)
    results = asyncio.run(run(args))
    print(report(results))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 1 if results["lost"] or results["duplicated"] else 0


if __name__ == "__main__":
    sys.exit(main())
