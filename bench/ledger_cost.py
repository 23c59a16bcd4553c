"""What the compliance ledger costs RedactLead: the same gateway with and without it.

    .venv/bin/python bench/ledger_cost.py                      # 50 and 100 req/s, 20 s each
    .venv/bin/python bench/ledger_cost.py --rates 100 --duration 10 --rounds 1

``leadgate serve`` always records, so this bench starts its own gateway process
(this file with ``--child``), built from the same parts (``create_server`` with
the real engine) with or without a ``LedgerWriter`` on a real SQLite file
(WAL, the consumer index keyed), for each ``ledger_sync`` in ``--sync``
(``full``: an fsync per commit group; ``normal``: none). Modes alternate
(off, full, normal, off, ... ``--rounds`` times) so drift on the machine hits
all alike.

For each gateway: 50 sequential warm-up calls, ``--sequential`` calls one at a
time (pure latency: nothing queues), then one open-loop step per rate (calls
sent at their scheduled instant whether or not earlier ones were answered;
latency from the scheduled instant). Leads are the synthetic ones of
``bench/sidecar_load.py`` (name, phone, email, SSN, card, a health condition).
With the ledger on, the entries are counted afterwards: one per OK call.

Prints one markdown row per mode and step (p50/p90/p99 ms, CPU % of one core of
the gateway process) and the added milliseconds (on minus off, medians over rounds).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sidecar_load import (
    LoadResult,
    cpu_seconds,
    free_port,
    make_leads,
    open_loop,
    percentile,
    wait_serving,
    warm_up,
)

from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------- the gateway


async def _serve_child(port: int, ledger_path: str, sync: str) -> None:
    """One gateway process: the real engine, with a ledger when ``ledger_path`` is set."""
    from gateway.config import Settings, build_redactor
    from gateway.custody.consumer_index import ConsumerIndex
    from gateway.custody.store.sqlite_ledger import SqliteLedger
    from gateway.custody.writer import LedgerWriter
    from gateway.rpc.server import create_server, set_serving

    settings = Settings(host="127.0.0.1", port=port, metrics_port=0)
    redactor = build_redactor(settings)
    ledger = None
    if ledger_path:
        store = SqliteLedger(Path(ledger_path), sync.upper())
        ledger = LedgerWriter(store, ConsumerIndex(os.urandom(32)))
    parts = create_server(settings, redactor, ledger=ledger)
    await parts.server.start()
    await set_serving(parts.health, True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await parts.server.stop(2)
    if ledger is not None:
        ledger.close()


# ----------------------------------------------------------------------------- the client


def _stats(result: LoadResult) -> dict[str, Any]:
    ordered = sorted(result.ok_latencies_ms)
    return {
        "ok": result.codes.get("OK", 0),
        "errors": sum(n for code, n in result.codes.items() if code != "OK"),
        "p50": percentile(ordered, 0.50),
        "p90": percentile(ordered, 0.90),
        "p99": percentile(ordered, 0.99),
    }


async def _measure(args: argparse.Namespace, mode: str, workdir: Path) -> dict[str, Any]:
    """``mode``: "off", or the ledger_sync of a gateway with a ledger."""
    with_ledger = mode != "off"
    port = free_port()
    ledger_path = str(workdir / f"ledger-{time.monotonic_ns()}.sqlite3") if with_ledger else ""
    log = workdir / "child.log"
    command = [sys.executable, __file__, "--child", "--port", str(port)]
    command += ["--ledger-path", ledger_path, "--child-sync", mode]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env["LEADGATE_LOG_LEVEL"] = "WARNING"
    with log.open("wb") as stderr:
        spawned = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=stderr)
        rows: dict[str, Any] = {}
        try:
            target = f"127.0.0.1:{port}"
            await wait_serving(proc, target, spawned, 180, log)
            leads = make_leads(args.seed, 1000)
            async with grpc.aio.insecure_channel(target) as channel:
                stub = leadgate_service_pb2_grpc.LeadGatewayServiceStub(channel)
                await warm_up(stub, leads)
                before = cpu_seconds(proc.pid) or 0.0
                started = time.perf_counter()
                rows["sequential"] = _stats(await warm_up(stub, leads, args.sequential, "seq"))
                rows["sequential"]["cpu"] = _cpu(proc.pid, before, started)
                for rate in args.rates:
                    await asyncio.sleep(1.0)
                    before = cpu_seconds(proc.pid) or 0.0
                    started = time.perf_counter()
                    result = await open_loop(stub, leads, rate, args.duration)
                    rows[f"{rate:g} req/s"] = _stats(result) | {
                        "cpu": _cpu(proc.pid, before, started)
                    }
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    if with_ledger:
        with sqlite3.connect(ledger_path) as db:
            recorded = db.execute("SELECT count(*) FROM ledger").fetchone()[0]
        answered = sum(row["ok"] for row in rows.values()) + 50  # + the warm-up
        rows["entries"] = {"recorded": recorded, "answered_ok": answered}
    return rows


def _cpu(pid: int, before: float, started: float) -> float:
    spent = (cpu_seconds(pid) or 0.0) - before
    return round(100 * spent / (time.perf_counter() - started), 1)


def _report(runs: list[tuple[str, dict[str, Any]]]) -> str:
    lines = ["| ledger | step | OK | errors | p50 ms | p90 ms | p99 ms | gateway CPU % |"]
    lines.append("|---|---|---|---|---|---|---|---|")
    steps = [k for k in runs[0][1] if k != "entries"]
    for step in steps:
        for mode, rows in runs:
            r = rows[step]
            lines.append(
                f"| {mode} | {step} | {r['ok']} | {r['errors']} | {r['p50']:.2f}"
                f" | {r['p90']:.2f} | {r['p99']:.2f} | {r['cpu']} |"
            )
    lines.append("")
    modes = list(dict.fromkeys(mode for mode, _ in runs if mode != "off"))
    for mode in modes:
        for step in steps:
            added = []
            for key in ("p50", "p90", "p99", "cpu"):
                on = statistics.median(rows[step][key] for m, rows in runs if m == mode)
                off = statistics.median(rows[step][key] for m, rows in runs if m == "off")
                unit = " ms" if key != "cpu" else " % CPU"
                added.append(f"{key} {on - off:+.2f}{unit} ({on:.2f} vs {off:.2f})")
            lines.append(f"- ledger_sync={mode}, {step}: medians add " + ", ".join(added))
    for mode, rows in runs:
        if mode != "off":
            e = rows["entries"]
            lines.append(
                f"- {mode}: entries recorded {e['recorded']} for {e['answered_ok']} OK calls"
            )
    return "\n".join(lines)


async def _main(args: argparse.Namespace) -> int:
    runs: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory(prefix="leadgate-ledger-bench-") as tmp:
        for _ in range(args.rounds):
            for mode in ("off", *args.sync):
                runs.append((mode, await _measure(args, mode, Path(tmp))))
                print(f"done: ledger {mode}", file=sys.stderr)
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(_report(runs))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments; run the comparison, or (``--child``) be the gateway under test."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rates", type=float, nargs="+", default=[50.0, 100.0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per rate")
    parser.add_argument("--sequential", type=int, default=500, help="one-at-a-time calls")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every mode")
    parser.add_argument(
        "--sync", nargs="+", choices=("full", "normal"), default=["full", "normal"],
        help="ledger_sync values to measure against no ledger",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--ledger-path", default="", help=argparse.SUPPRESS)
    parser.add_argument("--child-sync", default="full", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        asyncio.run(_serve_child(args.port, args.ledger_path, args.child_sync))
        return 0
    return asyncio.run(_main(args))


if __name__ == "__main__":
    sys.exit(main())
