"""Bounded sidecar load run: start-up time, memory, and a fixed-rate RedactLead load.

    .venv/bin/python bench/sidecar_load.py                      # 100 req/s for 60 s
    .venv/bin/python bench/sidecar_load.py --rate 50 --duration 10
    .venv/bin/python bench/sidecar_load.py --with-sink --json sidecar.json

Starts ``leadgate serve`` as a subprocess on a free loopback port with the metrics
endpoint off (``LEADGATE_METRICS_PORT=0``; other ``LEADGATE_*`` variables of this
shell are not passed on), and measures:

- start-up: wall time from spawn to the first SERVING answer of ``grpc.health.v1``
  (polled every 50 ms), and to the first answer of any kind (the port is bound);
- resident memory (VmRSS from /proc/PID/status) at SERVING, after a 50-request
  warm-up and after the load, plus the peak (VmHWM);
- an open-loop load: ``--rate`` RedactLead calls per second for ``--duration``
  seconds, each sent at its scheduled instant whether or not earlier ones have been
  answered, with a 2 s deadline. Latency is measured from the scheduled instant
  (so a late send counts against the gateway run, not hidden) to the answer;
  percentiles are over the OK calls, nearest rank;
- CPU: the gateway's and this script's CPU time during the load, as % of one core;
- shutdown: SIGTERM, how long the process takes to exit and its exit code;
- the gateway's own log: WARNING/ERROR lines and its access log's RedactLead codes.

Everything runs in a temporary directory; ``--keep DIR`` works in DIR instead and
keeps gateway.log, sink.log, the outbox and the sink's file for a closer look.

With ``--with-sink`` the example dialer sink (``examples/dialer_sink.py``) runs too
and the gateway forwards every redacted lead to it through an outbox in a temporary
directory. After the load the script waits (up to ``--drain-timeout`` s) until the
sink's file holds every lead the gateway answered OK, then reports how many were
delivered, how many lines are duplicates (the same record written more than once),
and lines for leads it never got OK for.

Leads are synthetic (Faker and ``random`` with a fixed ``--seed``): name, phone,
email, state, zip and notes carrying a valid-format SSN, a Luhn-valid card number
and a health condition. Each request has its own lead id.

Exit code 1 when any call failed (warm-up or load), a lead was not delivered or was
written twice (``--with-sink``), or the gateway did not exit with 0 on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from faker import Faker
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway._pb.leadgate.v1 import leadgate_pb2, leadgate_service_pb2, leadgate_service_pb2_grpc

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
import generate as corpus  # bench/corpus/generate.py: the synthetic value makers

ROOT = Path(__file__).resolve().parents[1]
SINK_SCRIPT = ROOT / "examples" / "dialer_sink.py"
OWNER = "sidecar-bench"
DEADLINE_S = 2.0
WARMUP_REQUESTS = 50
POLL_S = 0.05
LEAD_POOL = 1000
STATES = ("CA", "TX", "FL", "VA", "CO", "AZ", "OH", "GA", "NC", "PA", "NY", "OR", "UT", "CT")
NOTE_TEMPLATES = (
    "Customer gave SSN {ssn} for the quote. Card on file {card}. Has {condition}.",
    "Diagnosed with {condition} last year; wants low copays. SSN {ssn}, pays by card {card}.",
    "Callback requested. Social {ssn}. Visa/MC {card}. Mentioned {condition} meds.",
    "Spouse also applying. {condition} (managed). Payment card {card}, SSN {ssn}.",
)


# ----------------------------------------------------------------------------- synthetic leads


def make_ssn(rng: random.Random) -> str:
    """An issuable-format SSN as typed, ``AAA-GG-SSSS`` (the corpus generator's digits)."""
    digits = corpus.make_ssn(rng)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def make_card(rng: random.Random) -> str:
    """A Luhn-valid card number of a common brand, grouped as printed."""
    brand = rng.choice(sorted(corpus.CARD_BRANDS))
    digits = corpus.make_card(rng, brand)
    groups = corpus.split_groups(digits, corpus.CARD_GROUPS[len(digits)])
    return rng.choice((" ", "-")).join(groups)


def make_leads(seed: int, count: int) -> list[leadgate_pb2.Lead]:
    """``count`` distinct synthetic leads (ids are set per request)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    leads = []
    for _ in range(count):
        first, last = fake.first_name(), fake.last_name()
        state = rng.choice(STATES)
        notes = rng.choice(NOTE_TEMPLATES).format(
            ssn=make_ssn(rng), card=make_card(rng), condition=rng.choice(corpus.CONDITIONS_PLAIN)
        )
        fields = {
            "first_name": first,
            "last_name": last,
            "phone": f"({rng.randint(201, 989)}) 555-{rng.randint(100, 199):04d}",
            "email": f"{first}.{last}{rng.randint(1, 99)}@example.com".lower(),
            "state": state,
            "zip": fake.postcode()[:5],
            "notes": notes,
        }
        leads.append(leadgate_pb2.Lead(owner=OWNER, campaign_id="sidecar-load", fields=fields))
    return leads


def request_for(lead: leadgate_pb2.Lead, lead_id: str) -> leadgate_service_pb2.RedactLeadRequest:
    """A RedactLead request for a copy of ``lead`` under ``lead_id``."""
    copy = leadgate_pb2.Lead()
    copy.CopyFrom(lead)
    copy.id = lead_id
    return leadgate_service_pb2.RedactLeadRequest(lead=copy)


# ----------------------------------------------------------------------------- processes


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def leadgate_command() -> list[str]:
    """The ``leadgate`` console script next to this interpreter, else ``python -m gateway``."""
    script = Path(sys.executable).parent / "leadgate"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "gateway"]


def read_status_kb(pid: int, key: str) -> int | None:
    """A ``kB`` value such as VmRSS from /proc/PID/status, or None when unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of ``pid`` so far (all its threads), in seconds."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # the name may hold spaces
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def rss_mb(pid: int, key: str = "VmRSS") -> float | None:
    """Resident memory of ``pid`` in MiB."""
    kb = read_status_kb(pid, key)
    return None if kb is None else round(kb / 1024, 1)


def log_tail(path: Path, lines: int = 20) -> str:
    """The last lines of a log file, for error messages."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start_sink(workdir: Path, out: Path) -> tuple[subprocess.Popen[str], str]:
    """Start the example sink on a free port; returns it and its ``HOST:PORT``."""
    log = (workdir / "sink.log").open("w")
    sink = subprocess.Popen(
        [sys.executable, str(SINK_SCRIPT), "--listen", "127.0.0.1:0", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        cwd=workdir,
    )
    log.close()
    assert sink.stdout is not None
    line = sink.stdout.readline().strip()  # blocks until the sink is bound (or dies)
    if not line.startswith("listening on "):
        sink.kill()
        raise RuntimeError(f"sink did not start: {line!r}\n{log_tail(workdir / 'sink.log')}")
    return sink, line.removeprefix("listening on ")


def stop_process(proc: subprocess.Popen[Any], timeout: float) -> tuple[int | None, float, bool]:
    """SIGTERM, wait; returns (exit code, seconds to exit, whether it had to be killed)."""
    started = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout)
        return code, time.perf_counter() - started, False
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
        return code, time.perf_counter() - started, True


# ----------------------------------------------------------------------------- measurements


@dataclass
class Startup:
    """Seconds from spawn to the first health answer and to SERVING."""

    first_answer_s: float
    serving_s: float
    polls: int


async def wait_serving(
    proc: subprocess.Popen[bytes], target: str, spawned: float, timeout: float, log: Path
) -> Startup:
    """Poll the health service every 50 ms until it answers SERVING."""
    first_answer: float | None = None
    polls = 0
    channel: grpc.aio.Channel | None = None
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"gateway exited with {proc.returncode} before SERVING:\n{log_tail(log)}"
                )
            if time.perf_counter() - spawned > timeout:
                raise RuntimeError(f"gateway not SERVING after {timeout} s:\n{log_tail(log)}")
            polls += 1
            # A fresh channel until the port answers: a refused connection puts a channel
            # into reconnect backoff (1 s and up), which would blur the start-up time.
            if channel is None:
                channel = grpc.aio.insecure_channel(target)
            stub = health_pb2_grpc.HealthStub(channel)
            try:
                reply = await stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=0.5)
            except grpc.aio.AioRpcError:
                if first_answer is None:
                    await channel.close()
                    channel = None
            else:
                now = time.perf_counter()
                if first_answer is None:
                    first_answer = now - spawned
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return Startup(first_answer, now - spawned, polls)
            await asyncio.sleep(POLL_S)
    finally:
        if channel is not None:
            await channel.close()


@dataclass
class LoadResult:
    """Per-request outcomes of the load phase."""

    sent: int = 0
    ok_latencies_ms: list[float] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    ok_ids: list[str] = field(default_factory=list)
    ok_offsets_s: list[float] = field(default_factory=list)
    start: float = 0.0
    max_send_lag_ms: float = 0.0
    send_window_s: float = 0.0
    wall_s: float = 0.0


async def call_once(
    stub: leadgate_service_pb2_grpc.LeadGatewayServiceStub,
    request: leadgate_service_pb2.RedactLeadRequest,
    scheduled: float,
    result: LoadResult,
) -> float:
    """Send one RedactLead; record its status and latency since ``scheduled``."""
    try:
        await stub.RedactLead(request, timeout=DEADLINE_S)
    except grpc.aio.AioRpcError as error:
        result.codes[error.code().name] += 1
        if len(result.error_samples) < 5:
            result.error_samples.append(f"{error.code().name}: {error.details()}")
    else:
        result.codes["OK"] += 1
        result.ok_latencies_ms.append((time.perf_counter() - scheduled) * 1000)
        result.ok_ids.append(request.lead.id)
        result.ok_offsets_s.append(scheduled - result.start)
    return time.perf_counter()


async def warm_up(
    stub: leadgate_service_pb2_grpc.LeadGatewayServiceStub,
    leads: Sequence[leadgate_pb2.Lead],
    count: int = WARMUP_REQUESTS,
    prefix: str = "warmup",
) -> LoadResult:
    """Sequential calls, one at a time (the warm-up, or a pure-latency step)."""
    result = LoadResult()
    for index in range(count):
        request = request_for(leads[index % len(leads)], f"{prefix}-{index:05d}")
        result.sent += 1
        await call_once(stub, request, time.perf_counter(), result)
    return result


async def open_loop(
    stub: leadgate_service_pb2_grpc.LeadGatewayServiceStub,
    leads: Sequence[leadgate_pb2.Lead],
    rate: float,
    duration: float,
) -> LoadResult:
    """Send ``rate * duration`` calls at fixed intervals without waiting for answers."""
    result = LoadResult()
    total = round(rate * duration)
    interval = 1.0 / rate
    tasks: list[asyncio.Task[float]] = []
    start = result.start = time.perf_counter() + 0.05
    last_send = start
    for index in range(total):
        scheduled = start + index * interval
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        last_send = time.perf_counter()
        result.max_send_lag_ms = max(result.max_send_lag_ms, (last_send - scheduled) * 1000)
        request = request_for(leads[index % len(leads)], f"load-{index:06d}")
        tasks.append(asyncio.create_task(call_once(stub, request, scheduled, result)))
        result.sent += 1
    finished = await asyncio.gather(*tasks)
    result.send_window_s = last_send - start
    result.wall_s = (max(finished) if finished else last_send) - start
    return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class SinkReport:
    """What the sink's file holds for the leads answered OK."""

    expected: int
    delivered: int
    duplicates: int
    unexpected: int
    redelivered: int
    drain_s: float
    lines: int


def scan_sink(out: Path, expected: set[str]) -> tuple[set[str], int, int, int, int]:
    """(ids delivered, duplicate lines, unexpected lines, lines with attempt > 1, lines)."""
    seen: Counter[tuple[str, str]] = Counter()
    redelivered = lines = 0
    try:
        data = out.read_text(encoding="utf-8")
    except OSError:
        return set(), 0, 0, 0, 0
    for raw in data.splitlines():
        if not raw.strip():
            continue
        try:
            entry = json.loads(raw)
        except ValueError:
            continue  # a line still being written
        lines += 1
        seen[(str(entry["owner"]), str(entry["record_id"]))] += 1
        if int(entry.get("attempt", 1)) > 1:
            redelivered += 1
    delivered = {record_id for owner, record_id in seen if owner == OWNER}
    duplicates = sum(count - 1 for count in seen.values())
    unexpected = sum(
        count for (_owner, record_id), count in seen.items() if record_id not in expected
    )
    return delivered & expected, duplicates, unexpected, redelivered, lines


async def wait_delivered(out: Path, expected: set[str], timeout: float) -> SinkReport:
    """Wait until the sink holds every expected lead (or the timeout); then count."""
    started = time.perf_counter()
    while True:
        delivered, duplicates, unexpected, redelivered, lines = scan_sink(out, expected)
        elapsed = time.perf_counter() - started
        if len(delivered) == len(expected) or elapsed > timeout:
            return SinkReport(
                expected=len(expected),
                delivered=len(delivered),
                duplicates=duplicates,
                unexpected=unexpected,
                redelivered=redelivered,
                drain_s=elapsed,
                lines=lines,
            )
        await asyncio.sleep(0.25)


def gateway_log_summary(path: Path) -> dict[str, Any]:
    """Counts of the gateway's log levels, its own start-up time and the outbox at exit."""
    levels: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    problems: list[str] = []
    summary: dict[str, Any] = {}
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return {}
    for raw in text.splitlines():
        try:
            entry = json.loads(raw)
        except ValueError:
            levels["NON_JSON"] += 1
            if len(problems) < 5:
                problems.append(raw[:200])
            continue
        level = str(entry.get("level", "?"))
        if entry.get("rpc") == "RedactLead":
            codes[str(entry.get("code"))] += 1
        levels[level] += 1
        if level in {"WARNING", "ERROR", "CRITICAL"} and len(problems) < 5:
            problems.append(raw[:300])
        if entry.get("message") == "leadgate ready":
            summary["self_reported_startup_s"] = entry.get("startup_s")
        if entry.get("message") == "outbox saved":
            summary["outbox_at_exit"] = {
                "waiting": entry.get("waiting"),
                "parked": entry.get("parked"),
            }
    summary["levels"] = dict(levels)
    summary["redact_lead_codes"] = dict(sorted(codes.items()))
    summary["problems"] = problems
    return summary


# ----------------------------------------------------------------------------- the run


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Start everything, measure, stop everything; returns the results."""
    leads = make_leads(args.seed, min(LEAD_POOL, max(1, round(args.rate * args.duration))))
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env["LEADGATE_METRICS_PORT"] = "0"
    sink: subprocess.Popen[str] | None = None
    sink_out = workdir / "received.jsonl"
    if args.with_sink:
        sink, sink_address = start_sink(workdir, sink_out)
        env["LEADGATE_SINK_ADDRESS"] = sink_address
        env["LEADGATE_OUTBOX_PATH"] = str(workdir / "outbox.sqlite3")

    port = free_port()
    target = f"127.0.0.1:{port}"
    gateway_log = workdir / "gateway.log"
    results: dict[str, Any] = {
        "rate_rps": args.rate,
        "duration_s": args.duration,
        "with_sink": args.with_sink,
        "seed": args.seed,
    }
    with gateway_log.open("wb") as log:
        spawned = time.perf_counter()
        gateway = subprocess.Popen(
            [*leadgate_command(), "serve", "--port", str(port), "--workers", str(args.workers)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=workdir,
        )
    try:
        startup = await wait_serving(gateway, target, spawned, args.startup_timeout, gateway_log)
        results["startup_s"] = round(startup.serving_s, 3)
        results["first_health_answer_s"] = round(startup.first_answer_s, 3)
        results["health_polls"] = startup.polls
        results["rss_mb_serving"] = rss_mb(gateway.pid)

        async with grpc.aio.insecure_channel(target) as channel:
            stub = leadgate_service_pb2_grpc.LeadGatewayServiceStub(channel)
            warm = await warm_up(stub, leads)
            results["rss_mb_after_warmup"] = rss_mb(gateway.pid)
            results["warmup_errors"] = warm.sent - warm.codes["OK"]
            warm_ms = sorted(warm.ok_latencies_ms)
            results["warmup_latency_ms"] = {
                "p50": _round(percentile(warm_ms, 0.50)),
                "max": _round(warm_ms[-1] if warm_ms else None),
            }
            cpu_before = cpu_seconds(gateway.pid)
            own_before = time.process_time()
            load = await open_loop(stub, leads, args.rate, args.duration)
            cpu_after = cpu_seconds(gateway.pid)
            if load.wall_s > 0:
                results["client_cpu_pct_during_load"] = round(
                    100 * (time.process_time() - own_before) / load.wall_s, 1
                )
            if cpu_before is not None and cpu_after is not None and load.wall_s > 0:
                results["gateway_cpu_pct_during_load"] = round(
                    100 * (cpu_after - cpu_before) / load.wall_s, 1
                )
            results["rss_mb_after_load"] = rss_mb(gateway.pid)
            results["rss_mb_peak"] = rss_mb(gateway.pid, "VmHWM")

        latencies = sorted(load.ok_latencies_ms)
        per_second = Counter(int(offset) for offset in load.ok_offsets_s)
        seconds = math.ceil(args.duration)
        results["ok_per_second_sent"] = [per_second.get(s, 0) for s in range(seconds)]
        half = seconds // 2
        results["ok_rate_second_half_rps"] = round(
            sum(per_second.get(s, 0) for s in range(half, seconds)) / max(1, seconds - half), 2
        )
        ok = load.codes["OK"]
        results.update(
            {
                "sent": load.sent,
                "ok": ok,
                "errors": load.sent - ok,
                "errors_by_code": {c: n for c, n in sorted(load.codes.items()) if c != "OK"},
                "error_samples": warm.error_samples + load.error_samples,
                "send_rate_rps": round((load.sent - 1) / load.send_window_s, 2)
                if load.send_window_s > 0
                else None,
                "achieved_rate_rps": round(ok / load.wall_s, 2) if load.wall_s > 0 else None,
                "max_send_lag_ms": round(load.max_send_lag_ms, 2),
                "latency_ms": {
                    name: None if value is None else round(value, 2)
                    for name, value in (
                        ("p50", percentile(latencies, 0.50)),
                        ("p90", percentile(latencies, 0.90)),
                        ("p99", percentile(latencies, 0.99)),
                        ("max", latencies[-1] if latencies else None),
                    )
                },
            }
        )
        if sink is not None:
            expected = set(warm.ok_ids) | set(load.ok_ids)
            report = await wait_delivered(sink_out, expected, args.drain_timeout)
            results["sink"] = {
                "expected": report.expected,
                "delivered": report.delivered,
                "duplicates": report.duplicates,
                "unexpected": report.unexpected,
                "redelivered_attempts": report.redelivered,
                "lines": report.lines,
                "drain_s": round(report.drain_s, 2),
            }
            results["rss_mb_after_drain"] = rss_mb(gateway.pid)
    finally:
        if gateway.poll() is None:
            code, took, killed = stop_process(gateway, args.shutdown_timeout)
        else:
            code, took, killed = gateway.returncode, 0.0, False
            results["gateway_died"] = True
        results["shutdown"] = {"exit_code": code, "seconds": round(took, 3), "killed": killed}
        if sink is not None:
            sink_code, _, sink_killed = stop_process(sink, 10)
            results["sink_exit_code"] = sink_code
            results["sink_killed"] = sink_killed
        results["gateway_log"] = gateway_log_summary(gateway_log)
    return results


def failed(results: dict[str, Any]) -> bool:
    """True when the run should exit 1."""
    if results.get("errors", 1) or results.get("warmup_errors", 1):
        return True
    shutdown = results.get("shutdown", {})
    if shutdown.get("exit_code") != 0 or shutdown.get("killed"):
        return True
    sink = results.get("sink")
    return sink is not None and (
        sink["delivered"] != sink["expected"] or sink["duplicates"] or sink["unexpected"]
    )


def table(results: dict[str, Any]) -> str:
    """The results as a two-column text table."""

    def fmt(value: Any) -> str:
        return "n/a" if value is None else str(value)

    latency = results.get("latency_ms", {})
    errors = results.get("errors_by_code") or {}
    rows: list[tuple[str, Any]] = [
        ("rate (req/s) x duration (s)", f"{results['rate_rps']} x {results['duration_s']}"),
        ("startup_s (spawn -> SERVING)", results.get("startup_s")),
        ("first health answer_s", results.get("first_health_answer_s")),
        ("rss_mb at SERVING", results.get("rss_mb_serving")),
        (f"rss_mb after warm-up ({WARMUP_REQUESTS})", results.get("rss_mb_after_warmup")),
        ("rss_mb after load", results.get("rss_mb_after_load")),
        ("rss_mb peak (VmHWM)", results.get("rss_mb_peak")),
        ("warm-up errors", results.get("warmup_errors")),
        (
            "warm-up latency p50/max (ms)",
            "{}/{}".format(
                *(fmt(results.get("warmup_latency_ms", {}).get(k)) for k in ("p50", "max"))
            ),
        ),
        ("requests sent", results.get("sent")),
        ("ok", results.get("ok")),
        ("errors", results.get("errors")),
        ("errors by code", ", ".join(f"{c}={n}" for c, n in errors.items()) or "-"),
        ("send rate (req/s)", results.get("send_rate_rps")),
        ("achieved rate (ok/s)", results.get("achieved_rate_rps")),
        ("ok/s, 2nd half of the load", results.get("ok_rate_second_half_rps")),
        ("max send lag (ms)", results.get("max_send_lag_ms")),
        ("gateway CPU during load (% core)", results.get("gateway_cpu_pct_during_load")),
        ("client CPU during load (% core)", results.get("client_cpu_pct_during_load")),
        ("latency p50 (ms)", latency.get("p50")),
        ("latency p90 (ms)", latency.get("p90")),
        ("latency p99 (ms)", latency.get("p99")),
        ("latency max (ms)", latency.get("max")),
    ]
    sink = results.get("sink")
    if sink is not None:
        rows += [
            ("sink delivered / expected", f"{sink['delivered']} / {sink['expected']}"),
            ("sink duplicates", sink["duplicates"]),
            ("sink unexpected records", sink["unexpected"]),
            ("sink redelivered (attempt>1)", sink["redelivered_attempts"]),
            ("sink drain after load (s)", sink["drain_s"]),
            ("rss_mb after drain", results.get("rss_mb_after_drain")),
        ]
    shutdown = results.get("shutdown", {})
    rows += [
        ("shutdown exit code", shutdown.get("exit_code")),
        ("shutdown_s (SIGTERM -> exit)", shutdown.get("seconds")),
    ]
    if shutdown.get("killed"):
        rows.append(("shutdown", "KILLED after timeout"))
    log = results.get("gateway_log", {})
    levels = log.get("levels", {})
    codes = log.get("redact_lead_codes", {})
    outbox = log.get("outbox_at_exit")
    if outbox is not None:
        rows.append(("outbox at exit waiting/parked", f"{outbox['waiting']}/{outbox['parked']}"))
    rows += [
        ("gateway log WARNING/ERROR", f"{levels.get('WARNING', 0)}/{levels.get('ERROR', 0)}"),
        (
            "gateway access log RedactLead",
            ", ".join(f"{c}={n}" for c, n in codes.items()) + " (incl. warm-up)",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}}  {fmt(value)}" for name, value in rows]
    for sample in results.get("error_samples", []):
        lines.append(f"error sample: {sample}")
    for problem in results.get("gateway_log", {}).get("problems", []):
        lines.append(f"gateway log: {problem}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="gateway processes (serve --workers; with more than 1 a supervisor delivers,"
        " and the memory shown is the supervisor's only)",
    )
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument(
        "--with-sink", action="store_true", help="forward to the example dialer sink"
    )
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--seed", type=int, default=20240611, help="synthetic data seed")
    parser.add_argument("--startup-timeout", type=float, default=180.0, help="seconds")
    parser.add_argument("--shutdown-timeout", type=float, default=30.0, help="seconds")
    parser.add_argument(
        "--drain-timeout", type=float, default=120.0, help="seconds to wait for the sink"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR and keep gateway.log, sink.log, the outbox and the sink file",
    )
    args = parser.parse_args(argv)
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error("--keep needs a new or empty directory")
    if args.rate <= 0 or args.duration <= 0:
        parser.error("--rate and --duration must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run once, print the table, optionally write JSON; 1 when anything failed."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="leadgate-sidecar-") as tmp:
        workdir = Path(tmp)
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            workdir = args.keep
        try:
            results = asyncio.run(run(args, workdir))
        except RuntimeError as error:
            print(f"sidecar_load: {error}", file=sys.stderr)
            return 1
    print(table(results))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 1 if failed(results) else 0


if __name__ == "__main__":
    sys.exit(main())
