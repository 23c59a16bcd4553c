"""A fleet on one machine: N ``leadgate serve`` processes, one database, one dialer sink.

Shared by the fleet test (tests/gateway/test_fleet.py) and its benchmark
(bench/fleet_load.py), so both run exactly the same setup:

- the example dialer sink (``examples/dialer_sink.py``) as its own process, writing
  ``received.jsonl`` (it stores each (owner, record_id, revision) once and logs a repeat
  as ``duplicate``);
- N replicas, each ``python -m gateway serve`` on its own loopback port with its own
  ``LEADGATE_DATA_DIR`` and only these settings in common: ``ledger_url`` and
  ``outbox_url`` (the shared database), ``ledger_key_file`` (one consumer-index secret)
  and ``sink_address``. Nothing else of the caller's ``LEADGATE_*`` environment reaches
  them, so a replica can only see another's records through the database;
- a load of RedactLead calls spread over the live replicas in turn, which can SIGKILL one
  replica part-way (it is then never restarted and gets no more calls);
- the operator commands (``leadgate rights``, ``leadgate audit``) run "through" a
  replica: with that replica's settings, as on its host.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from tests.builders import ROOT, free_port, person, read_jsonl, wait_serving

OWNER = "fleet"
CONSUMER_EVERY = 50
"""Every 50th record (from record 7 on) is the one consumer's, who later asks for deletion."""
CONSUMER_OFFSET = 7
CONSUMER_PHONE = "(212) 555-0142"
"""The consumer's phone (555-01xx is reserved for fiction), in every one of their records."""
START_SECONDS = 180.0
"""Three engines loading at once on a shared 2-core machine take a while."""


def record_id(number: int) -> str:
    """The id of the load's record ``number``."""
    return f"fleet-{number:05d}"


def is_consumers(number: int) -> bool:
    """Whether record ``number`` carries the consumer's phone."""
    return number % CONSUMER_EVERY == CONSUMER_OFFSET


def fleet_lead(number: int) -> pb.Lead:
    """A synthetic lead; the consumer's records carry their phone instead of Faker's."""
    fields = person(record_id(number)).fields()
    if is_consumers(number):
        fields["phone"] = CONSUMER_PHONE
    return pb.Lead(id=record_id(number), owner=OWNER, campaign_id="fleet", fields=fields)


@dataclass
class Replica:
    """One ``leadgate serve`` process of the fleet."""

    name: str
    port: int
    env: dict[str, str]
    log: Path
    process: asyncio.subprocess.Process | None = None
    killed: bool = False

    @property
    def target(self) -> str:
        """Its gRPC address."""
        return f"127.0.0.1:{self.port}"


@dataclass
class Fleet:
    """The running fleet: its replicas, the sink and where the sink writes."""

    workdir: Path
    replicas: list[Replica]
    received: Path
    sink_log: Path
    sink: asyncio.subprocess.Process

    @property
    def alive(self) -> list[Replica]:
        """The replicas not killed."""
        return [replica for replica in self.replicas if not replica.killed]

    def kill(self, replica: Replica) -> None:
        """SIGKILL: no drain, no checkpoint, its leases and connections just stop."""
        replica.killed = True
        assert replica.process is not None
        replica.process.send_signal(signal.SIGKILL)

    async def leadgate(self, replica: Replica, *args: str) -> tuple[int, str, str]:
        """Run ``leadgate ARGS`` with ``replica``'s settings: (exit status, stdout, stderr)."""
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "gateway",
            *args,
            cwd=ROOT,
            env=replica.env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        assert process.returncode is not None
        return process.returncode, out.decode(), err.decode()

    async def ledger_rows(self, replica: Replica) -> list[dict[str, Any]]:
        """Every ledger entry of the fleet's owner, as ``leadgate audit --format json``."""
        status, out, err = await self.leadgate(
            replica, "audit", "--owner", OWNER, "--format", "json"
        )
        assert status == 0, f"leadgate audit exited {status}: {err.strip()[-400:]}"
        rows: list[dict[str, Any]] = json.loads(out)
        return rows

    def stored(self) -> Counter[str]:
        """Lines per record id in the sink's file (the sink writes a key once)."""
        return Counter(line["record_id"] for line in read_jsonl(self.received))

    def repeats_absorbed(self) -> int:
        """Deliveries the sink answered ``duplicate=True`` (a repeat it did not write)."""
        if not self.sink_log.exists():
            return 0
        return sum(line.startswith("duplicate ") for line in self.sink_log.read_text().splitlines())

    def notices(self) -> list[dict[str, Any]]:
        """The deletion notices the sink acted on."""
        return read_jsonl(self.received.with_name(self.received.name + ".deletions.jsonl"))


def replica_env(
    workdir: Path, name: str, port: int, database_url: str, key_file: Path, sink_address: str
) -> dict[str, str]:
    """A replica's environment: ours without LEADGATE_*, then only what a fleet shares."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("LEADGATE_")}
    env.update(
        {
            "PYTHONPATH": _with_root(env.get("PYTHONPATH", "")),
            "LEADGATE_PORT": str(port),
            "LEADGATE_DATA_DIR": str(workdir / name),
            "LEADGATE_LEDGER_URL": database_url,
            "LEADGATE_OUTBOX_URL": database_url,
            "LEADGATE_LEDGER_KEY_FILE": str(key_file),
            "LEADGATE_SINK_ADDRESS": sink_address,
            "LEADGATE_METRICS_PORT": "0",
            "LEADGATE_RETRY_INITIAL_SECONDS": "0.05",
            "LEADGATE_RETRY_MAX_SECONDS": "0.5",
            "LEADGATE_GRACE_SECONDS": "1",
        }
    )
    return env


def _with_root(pythonpath: str) -> str:
    """This checkout first on PYTHONPATH: a script (the sink) imports its gateway package."""
    return os.pathsep.join(filter(None, [str(ROOT), pythonpath]))


@asynccontextmanager
async def running_fleet(
    workdir: Path, database_url: str, replicas: int = 3, sink_delay_ms: int = 0
) -> AsyncIterator[Fleet]:
    """Start the sink and the replicas (all SERVING); on exit SIGTERM the live ones."""
    key_file = workdir / "ledger.key"
    key_file.write_text(secrets.token_hex(32) + "\n")
    key_file.chmod(0o600)
    received = workdir / "received.jsonl"
    sink_log = workdir / "sink.log"
    with sink_log.open("wb") as sink_err:
        sink = await asyncio.create_subprocess_exec(
            sys.executable,
            "examples/dialer_sink.py",
            "--listen",
            "127.0.0.1:0",
            "--out",
            str(received),
            "--delay-ms",
            str(sink_delay_ms),
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": _with_root(os.environ.get("PYTHONPATH", ""))},
            stdout=asyncio.subprocess.PIPE,
            stderr=sink_err,
        )
    fleet = Fleet(workdir, [], received, sink_log, sink)
    try:
        assert sink.stdout is not None
        line = await asyncio.wait_for(sink.stdout.readline(), 30)
        sink_address = line.decode().split()[-1]
        for number in range(replicas):
            name = f"replica-{number}"
            port = free_port()
            env = replica_env(workdir, name, port, database_url, key_file, sink_address)
            fleet.replicas.append(Replica(name, port, env, workdir / f"{name}.log"))
        for replica in fleet.replicas:
            with replica.log.open("wb") as log:
                replica.process = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "gateway",
                    "serve",
                    cwd=ROOT,
                    env=replica.env,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=log,
                )
        for replica in fleet.replicas:
            await wait_serving(replica.target, START_SECONDS, replica.process)
        yield fleet
    finally:
        await _stop(fleet)


async def _stop(fleet: Fleet) -> None:
    """SIGTERM every live replica (they drain), then the sink."""
    processes = [r.process for r in fleet.replicas if r.process is not None]
    for process in [*processes, fleet.sink]:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
    if fleet.sink.stdout is not None:  # drained so its transport closes without a warning
        with contextlib.suppress(Exception):
            await fleet.sink.stdout.read()


@dataclass
class LoadResult:
    """What the callers saw: which replica accepted which record, failures, latencies."""

    sent: int = 0
    accepted: dict[str, str] = field(default_factory=dict)  # record id -> replica name
    failed: dict[str, str] = field(default_factory=dict)  # record id -> "replica CODE"
    latency: dict[str, list[float]] = field(default_factory=dict)  # replica -> seconds
    seconds: float = 0.0
    killed: str = ""  # the replica killed mid-load
    stored_at_kill: set[str] = field(default_factory=set)  # in the sink's file at the kill
    victim_accepted_at_kill: int = 0  # records the killed replica had accepted by then

    def accepted_by(self, replica: str) -> set[str]:
        """The record ids ``replica`` answered OK."""
        return {rid for rid, name in self.accepted.items() if name == replica}


async def send_load(
    fleet: Fleet,
    calls: int,
    concurrency: int = 12,
    kill_after: int | None = None,
    victim: Replica | None = None,
    deadline: float = 30.0,
) -> LoadResult:
    """``calls`` RedactLead calls; record n goes to live replica n mod (live count).

    With ``kill_after``, ``victim`` gets SIGKILL once that many calls were answered OK;
    it gets no call after that, and its calls in flight fail (they are not accepted).
    """
    result = LoadResult(latency={r.name: [] for r in fleet.replicas})
    channels = {r.name: grpc.aio.insecure_channel(r.target) for r in fleet.replicas}
    stubs = {name: service_grpc.LeadGatewayServiceStub(ch) for name, ch in channels.items()}
    numbers = iter(range(calls))
    loop = asyncio.get_running_loop()

    def kill_now(victim: Replica) -> None:
        result.killed = victim.name
        result.stored_at_kill = set(fleet.stored())
        result.victim_accepted_at_kill = len(result.accepted_by(victim.name))
        fleet.kill(victim)

    async def caller() -> None:
        for number in numbers:
            alive = fleet.alive
            replica = alive[number % len(alive)]
            request = service_pb.RedactLeadRequest(lead=fleet_lead(number))
            result.sent += 1
            started = loop.time()
            try:
                await stubs[replica.name].RedactLead(request, timeout=deadline)
            except grpc.aio.AioRpcError as error:
                result.failed[record_id(number)] = f"{replica.name} {error.code().name}"
                continue
            result.latency[replica.name].append(loop.time() - started)
            result.accepted[record_id(number)] = replica.name
            due = kill_after is not None and len(result.accepted) >= kill_after
            if due and victim is not None and not victim.killed:
                kill_now(victim)  # before any other caller picks a replica again

    started = time.perf_counter()
    try:
        await asyncio.gather(*(caller() for _ in range(concurrency)))
    finally:
        result.seconds = time.perf_counter() - started
        for channel in channels.values():
            await channel.close()
    return result


async def wait_until(
    done: Callable[[], bool], progress: Callable[[], object], seconds: float, stall: float
) -> bool:
    """Poll until ``done()``; give up after ``seconds``, or ``stall`` s without ``progress()``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    last, moved = progress(), loop.time()
    while not done():
        now = loop.time()
        if now > deadline or now - moved > stall:
            return False
        await asyncio.sleep(0.25)
        current = progress()
        if current != last:
            last, moved = current, loop.time()
    return True


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]
