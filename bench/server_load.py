"""RedactLead latency at fixed request rates, and the highest sustained rate, for ``serve``.

    .venv/bin/python bench/server_load.py                        # 2 workers, 50,100,200 req/s
    .venv/bin/python bench/server_load.py --workers 1 --rates 50 --step-duration 5
    .venv/bin/python bench/server_load.py --find-max --json server.json

Starts ``leadgate serve --port P --workers N`` once (N gateway processes sharing the
port through SO_REUSEPORT under a supervisor; ``--workers 1`` is the plain single
process) on a free loopback port with the metrics endpoint off
(``LEADGATE_METRICS_PORT=0``; other ``LEADGATE_*`` variables of this shell are not
passed on). It reports the seconds from spawn to the first SERVING health answer and
until every worker is ready (the ``leadgate ready`` log line of the supervisor), warms
up with 200 sequential calls, then runs one open-loop step per rate: ``rate`` calls per
second for ``--step-duration`` seconds, each sent at its scheduled instant whether or
not earlier ones were answered, 2 s deadline. Latency is measured from the scheduled
instant to the answer, percentiles over the OK calls (nearest rank). The functions that
do this come from ``bench/sidecar_load.py``.

The client spreads its calls round-robin over ``--channels`` separate connections
(each channel has its own subchannel pool): one HTTP/2 connection stays with one
process, so the kernel can only share the load out between workers connection by
connection. The per-process split of the calls is taken from the gateway's access log
(each line carries the pid) and printed under the table.

One markdown row per step: offered rate, achieved OK/s (OK calls over the time from the
first send to the last answer), errors by status code, p50/p90/p99/max (ms), the CPU of
the gateway's whole process tree (supervisor, workers and their helpers, found through
/proc) as % of one core, this client's own CPU, and the summed VmRSS of the tree after
the step. A step fails on any error, a p99 above ``--max-p99-ms`` or an achieved OK rate
below 97% of the offered one. With ``--find-max`` the rate then goes up from the last
fixed rate by ``--find-step`` (25) req/s per step until one fails; the last passing
rate is the maximum sustained rate. When a fixed rate already failed, the steps go up
from the highest passing fixed rate below it instead, and stop before the failed one.

The client runs on the same machine as the gateway: its CPU (a column of the table)
and anything else running (the load average is printed) limit what can be measured.

At the end the gateway gets SIGTERM; its exit code and shutdown time are printed.
This is a report: the exit code is 0 even when steps fail; 1 only when the gateway
could not be started.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import grpc

from gateway._pb.leadgate.v1 import leadgate_pb2, leadgate_service_pb2, leadgate_service_pb2_grpc

sys.path.insert(0, str(Path(__file__).parent))
import sidecar_load as load  # bench/sidecar_load.py: leads, process and load helpers

WARMUP_CALLS = 200
OK_RATE_FRACTION = 0.97
CHANNEL_OPTIONS = [("grpc.use_local_subchannel_pool", 1)]


# ----------------------------------------------------------------------------- the client


class RoundRobinStub:
    """Quacks like ``LeadGatewayServiceStub`` for RedactLead: each call on the next channel."""

    def __init__(self, channels: Sequence[grpc.aio.Channel]) -> None:
        """One stub per channel, used in turn."""
        stubs = [leadgate_service_pb2_grpc.LeadGatewayServiceStub(c) for c in channels]
        self._next = itertools.cycle(stubs)

    def RedactLead(  # noqa: N802  (the name call_once uses)
        self, request: leadgate_service_pb2.RedactLeadRequest, timeout: float | None = None
    ) -> Any:
        """Start the call on the next channel; returns the awaitable call."""
        return next(self._next).RedactLead(request, timeout=timeout)


def as_stub(pool: RoundRobinStub) -> leadgate_service_pb2_grpc.LeadGatewayServiceStub:
    """The pool typed as the stub that sidecar_load's helpers take."""
    return cast(leadgate_service_pb2_grpc.LeadGatewayServiceStub, pool)


# ----------------------------------------------------------------------------- the process tree


def children_of(pid: int) -> list[int]:
    """Child pids, from /proc/PID/task/*/children, else by scanning every /proc/*/stat."""
    kids: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids.extend(int(k) for k in (task / "children").read_text().split())
        return kids
    except FileNotFoundError:
        if not Path(f"/proc/{pid}").exists():
            return []
    except (OSError, ValueError):
        return []
    for stat in Path("/proc").glob("[0-9]*/stat"):  # no CONFIG_PROC_CHILDREN: ppid scan
        try:
            text = stat.read_text()
            if int(text[text.rindex(")") + 2 :].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return kids


def tree_pids(root: int) -> list[int]:
    """``root`` and all its descendants."""
    pids = [root]
    index = 0
    while index < len(pids):
        pids.extend(p for p in children_of(pids[index]) if p not in pids)
        index += 1
    return pids


def tree_cpu(root: int) -> dict[int, float]:
    """CPU seconds so far of every process in the tree."""
    snapshot = {}
    for pid in tree_pids(root):
        seconds = load.cpu_seconds(pid)
        if seconds is not None:
            snapshot[pid] = seconds
    return snapshot


def tree_rss_mb(root: int) -> tuple[float, int]:
    """Summed VmRSS of the tree in MiB, and how many processes it has."""
    pids = tree_pids(root)
    return round(sum(load.rss_mb(pid) or 0.0 for pid in pids), 1), len(pids)


def role(pid: int, root: int) -> str:
    """``root``, ``worker``, ``resource_tracker`` or the command name."""
    if pid == root:
        return "root"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"
    if "resource_tracker" in cmdline:
        return "resource_tracker"
    if "multiprocessing.spawn" in cmdline:
        return "worker"
    return cmdline.split(" ", 1)[0].rsplit("/", 1)[-1] or "?"


def tree_rss_by_process(root: int) -> list[dict[str, Any]]:
    """VmRSS of each process of the tree, with its role."""
    pids = tree_pids(root)
    root_role = "supervisor" if len(pids) > 1 else "gateway"
    return [
        {
            "pid": pid,
            "role": root_role if pid == root else role(pid, root),
            "rss_mb": load.rss_mb(pid),
        }
        for pid in pids
    ]


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


# ----------------------------------------------------------------------------- the gateway log


class GatewayLog:
    """Reads the JSON lines the gateway appended since the last read."""

    def __init__(self, path: Path) -> None:
        """Start at the beginning of ``path``."""
        self._path = path
        self._offset = 0

    def new_entries(self) -> list[dict[str, Any]]:
        """Complete lines written since the last call, parsed (non-JSON lines as text)."""
        try:
            with self._path.open("rb") as handle:
                handle.seek(self._offset)
                data = handle.read()
        except OSError:
            return []
        end = data.rfind(b"\n") + 1
        self._offset += end
        entries: list[dict[str, Any]] = []
        for raw in data[:end].decode(errors="replace").splitlines():
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = {"level": "NON_JSON", "message": raw[:300]}
            if isinstance(entry, dict):
                entries.append(entry)
        return entries


@dataclass
class LogCounts:
    """What the gateway logged about one phase."""

    calls_by_pid: dict[str, int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: int = 0
    errors: int = 0


def summarize(entries: Sequence[dict[str, Any]]) -> LogCounts:
    """RedactLead calls per process and code, and the WARNING/ERROR lines."""
    by_pid: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    counts = LogCounts()
    for entry in entries:
        level = str(entry.get("level"))
        if entry.get("rpc") == "RedactLead":
            by_pid[str(entry.get("pid"))] += 1
            codes[str(entry.get("code"))] += 1
        if level == "WARNING":
            counts.warnings += 1
        elif level in {"ERROR", "CRITICAL", "NON_JSON"}:
            counts.errors += 1
        if level in {"WARNING", "ERROR", "CRITICAL", "NON_JSON"} and len(counts.problems) < 5:
            counts.problems.append(json.dumps(entry)[:300])
    counts.calls_by_pid = dict(by_pid.most_common())
    counts.codes = dict(sorted(codes.items()))
    return counts


async def wait_all_ready(
    gateway: subprocess.Popen[bytes], log: GatewayLog, workers: int, timeout: float
) -> tuple[list[dict[str, Any]], bool]:
    """Until the ``leadgate ready`` line of the supervisor (or the single process).

    Returns the log entries read meanwhile and whether the line came.
    """
    seen: list[dict[str, Any]] = []
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and gateway.poll() is None:
        for entry in log.new_entries():
            seen.append(entry)
            if entry.get("message") != "leadgate ready":
                continue
            if workers == 1 or entry.get("workers") == workers:
                return seen, True
        await asyncio.sleep(load.POLL_S)
    return seen, False


# ----------------------------------------------------------------------------- one step


@dataclass
class Step:
    """The outcome of one fixed-rate step."""

    phase: str
    offered_rps: float
    duration_s: float
    sent: int
    ok: int
    errors_by_code: dict[str, int]
    achieved_ok_rps: float | None
    send_rate_rps: float | None
    max_send_lag_ms: float
    latency_ms: dict[str, float | None]
    gateway_cpu_pct: float | None
    client_cpu_pct: float | None
    tree_rss_mb: float
    tree_processes: int
    log: LogCounts
    error_samples: list[str]
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No error, p99 within the limit, and the OK rate kept up."""
        return not self.failures


def judge(step: Step, max_p99_ms: float) -> None:
    """Fill in why the step failed, if it did."""
    if step.errors_by_code:
        step.failures.append("errors")
    p99 = step.latency_ms.get("p99")
    if p99 is None or p99 > max_p99_ms:
        step.failures.append(f"p99 > {max_p99_ms:g} ms")
    if step.achieved_ok_rps is None or step.achieved_ok_rps < OK_RATE_FRACTION * step.offered_rps:
        step.failures.append(f"ok/s < {OK_RATE_FRACTION:.0%}")


async def run_step(
    phase: str,
    stub: leadgate_service_pb2_grpc.LeadGatewayServiceStub,
    leads: Sequence[leadgate_pb2.Lead],
    rate: float,
    args: argparse.Namespace,
    gateway: subprocess.Popen[bytes],
    log: GatewayLog,
) -> Step:
    """One open-loop step at ``rate``; then a pause for the gateway log to catch up."""
    log.new_entries()  # whatever came between steps is not this step's
    cpu_before = tree_cpu(gateway.pid)
    own_before = time.process_time()
    wall_before = time.perf_counter()
    result = await load.open_loop(stub, leads, rate, args.step_duration)
    elapsed = time.perf_counter() - wall_before
    own_cpu = time.process_time() - own_before
    cpu_after = tree_cpu(gateway.pid)
    rss, processes = tree_rss_mb(gateway.pid)
    await asyncio.sleep(args.settle)
    latencies = sorted(result.ok_latencies_ms)
    ok = result.codes["OK"]
    gateway_cpu = sum(seconds - cpu_before.get(pid, 0.0) for pid, seconds in cpu_after.items())
    step = Step(
        phase=phase,
        offered_rps=rate,
        duration_s=args.step_duration,
        sent=result.sent,
        ok=ok,
        errors_by_code={c: n for c, n in sorted(result.codes.items()) if c != "OK"},
        achieved_ok_rps=round(ok / result.wall_s, 2) if result.wall_s > 0 else None,
        send_rate_rps=round((result.sent - 1) / result.send_window_s, 2)
        if result.send_window_s > 0
        else None,
        max_send_lag_ms=round(result.max_send_lag_ms, 2),
        latency_ms={
            name: None if value is None else round(value, 2)
            for name, value in (
                ("p50", load.percentile(latencies, 0.50)),
                ("p90", load.percentile(latencies, 0.90)),
                ("p99", load.percentile(latencies, 0.99)),
                ("max", latencies[-1] if latencies else None),
            )
        },
        gateway_cpu_pct=round(100 * gateway_cpu / elapsed, 1) if elapsed > 0 else None,
        client_cpu_pct=round(100 * own_cpu / elapsed, 1) if elapsed > 0 else None,
        tree_rss_mb=rss,
        tree_processes=processes,
        log=summarize(log.new_entries()),
        error_samples=result.error_samples,
    )
    judge(step, args.max_p99_ms)
    return step


# ----------------------------------------------------------------------------- the report


HEADER = (
    "| phase | offered req/s | achieved OK/s | errors | p50 ms | p90 ms | p99 ms | max ms "
    "| gateway tree CPU % | client CPU % | tree RSS MB | result |\n"
    "|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|---|"
)


def fmt(value: Any) -> str:
    """``n/a`` for missing values."""
    return "n/a" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def row(step: Step) -> str:
    """One markdown table row."""
    errors = ", ".join(f"{c}={n}" for c, n in step.errors_by_code.items()) or "0"
    latency = step.latency_ms
    verdict = "pass" if step.passed else "**FAIL** (" + "; ".join(step.failures) + ")"
    cells = [
        step.phase,
        fmt(step.offered_rps),
        fmt(step.achieved_ok_rps),
        errors,
        *(fmt(latency.get(k)) for k in ("p50", "p90", "p99", "max")),
        fmt(step.gateway_cpu_pct),
        fmt(step.client_cpu_pct),
        f"{fmt(step.tree_rss_mb)} ({step.tree_processes} proc)",
        verdict,
    ]
    return "| " + " | ".join(cells) + " |"


def step_notes(step: Step) -> list[str]:
    """Lines printed under the table for one step."""
    split = "/".join(str(n) for n in step.log.calls_by_pid.values()) or "none logged"
    notes = [
        f"{fmt(step.offered_rps)} req/s: calls per gateway process (access log, any code) {split}; "
        f"send rate {fmt(step.send_rate_rps)}/s, max send lag {fmt(step.max_send_lag_ms)} ms; "
        f"gateway log WARNING/ERROR {step.log.warnings}/{step.log.errors}"
    ]
    notes += [f"  error sample: {sample}" for sample in dict.fromkeys(step.error_samples)]
    notes += [f"  gateway log: {problem}" for problem in step.log.problems]
    return notes


def rounded(value: float | None) -> float | None:
    """``value`` to 0.01, or None."""
    return None if value is None else round(value, 2)


def say(line: str = "") -> None:
    """Print now (steps take a while)."""
    print(line, flush=True)


# ----------------------------------------------------------------------------- the run


async def measure(
    args: argparse.Namespace,
    gateway: subprocess.Popen[bytes],
    target: str,
    spawned: float,
    log_path: Path,
    log: GatewayLog,
    results: dict[str, Any],
) -> None:
    """Everything between spawning the gateway and stopping it."""
    startup = await load.wait_serving(gateway, target, spawned, args.startup_timeout, log_path)
    results["first_serving_s"] = round(startup.serving_s, 3)
    remaining = max(1.0, args.startup_timeout - (time.perf_counter() - spawned))
    startup_entries, ready = await wait_all_ready(gateway, log, args.workers, remaining)
    if not ready:
        raise RuntimeError(
            f"no 'leadgate ready' line for {args.workers} worker(s):\n{load.log_tail(log_path)}"
        )
    results["all_ready_s"] = round(time.perf_counter() - spawned, 3)
    startup_log = summarize(startup_entries)
    results["startup_log"] = asdict(startup_log)
    rss, processes = tree_rss_mb(gateway.pid)
    results["tree_rss_mb_ready"] = rss
    results["tree_processes"] = processes
    results["rss_by_process_ready"] = by_process = tree_rss_by_process(gateway.pid)
    say(
        f"start-up: first SERVING {results['first_serving_s']} s, all {args.workers} "
        f"worker(s) ready {results['all_ready_s']} s; tree RSS {rss} MB ("
        + ", ".join(f"{p['role']} {fmt(p['rss_mb'])}" for p in by_process)
        + ")"
    )
    for problem in startup_log.problems:
        say(f"  gateway log: {problem}")

    leads = load.make_leads(args.seed, load.LEAD_POOL)
    channels = [
        grpc.aio.insecure_channel(target, options=CHANNEL_OPTIONS) for _ in range(args.channels)
    ]
    try:
        for channel in channels:
            await asyncio.wait_for(channel.channel_ready(), 10)
        stub = as_stub(RoundRobinStub(channels))

        warm_errors = 0
        warm_ms: list[float] = []
        for _ in range(math.ceil(WARMUP_CALLS / load.WARMUP_REQUESTS)):
            warm = await load.warm_up(stub, leads)
            warm_errors += warm.sent - warm.codes["OK"]
            warm_ms += warm.ok_latencies_ms
        await asyncio.sleep(args.settle)
        warm_log = summarize(log.new_entries())
        warm_ms.sort()
        results["warmup"] = {
            "calls": math.ceil(WARMUP_CALLS / load.WARMUP_REQUESTS) * load.WARMUP_REQUESTS,
            "errors": warm_errors,
            "p50_ms": rounded(load.percentile(warm_ms, 0.5)),
            "max_ms": rounded(warm_ms[-1] if warm_ms else None),
            "calls_by_pid": warm_log.calls_by_pid,
        }
        split = "/".join(str(n) for n in warm_log.calls_by_pid.values()) or "none logged"
        say(
            f"warm-up: {results['warmup']['calls']} sequential calls over {args.channels} "
            f"channels, {warm_errors} errors, p50 {fmt(results['warmup']['p50_ms'])} ms, "
            f"calls per gateway process {split}"
        )
        if len(warm_log.calls_by_pid) < args.workers:
            say(
                f"  NOTE: only {len(warm_log.calls_by_pid)} of {args.workers} workers got "
                "connections; try more --channels"
            )
        say(f"load average before the steps: {loadavg()}")
        say()
        say(HEADER)

        steps: list[Step] = []
        results["steps"] = steps
        plan = [("fixed", rate) for rate in args.rates]
        for phase, rate in plan:
            steps.append(await run_step(phase, stub, leads, rate, args, gateway, log))
            say(row(steps[-1]))
            if gateway.poll() is not None:
                raise RuntimeError(f"gateway exited with {gateway.returncode} during the load")
        if args.find_max:
            rate, ceiling = search_start(steps, args.max_rate)
            last = steps[-1]
            while rate is not None and rate + args.find_step <= ceiling:
                rate += args.find_step
                last = await run_step("find-max", stub, leads, rate, args, gateway, log)
                steps.append(last)
                say(row(last))
                if gateway.poll() is not None:
                    raise RuntimeError(f"gateway exited with {gateway.returncode} during the load")
                if not last.passed:
                    break
            results["max_sustained"] = max_sustained(steps, args)
    finally:
        for channel in channels:
            await channel.close()


def search_start(steps: Sequence[Step], max_rate: float) -> tuple[float | None, float]:
    """Where ``--find-max`` starts stepping up from, and the rate it must stay below.

    All fixed steps passed: from the last one up to ``--max-rate``. Otherwise from the
    highest passing rate below the lowest failing one, staying under that failing rate
    (None: no rate below it passed, nothing to search).
    """
    failing = [s.offered_rps for s in steps if not s.passed]
    if not failing:
        return steps[-1].offered_rps, max_rate
    lowest_fail = min(failing)
    below = [s.offered_rps for s in steps if s.passed and s.offered_rps < lowest_fail]
    return (max(below) if below else None), min(lowest_fail - 1e-9, max_rate)


def max_sustained(steps: Sequence[Step], args: argparse.Namespace) -> dict[str, Any]:
    """The last passing rate before the first failing step of the rising sequence."""
    passing: float | None = None
    first_fail: float | None = None
    for step in sorted(steps, key=lambda s: s.offered_rps):
        if not step.passed:
            first_fail = step.offered_rps
            break
        passing = step.offered_rps
    return {
        "rps": passing,
        "first_failing_rps": first_fail,
        "capped": first_fail is None,
        "criteria": f"no error, p99 <= {args.max_p99_ms:g} ms, ok/s >= {OK_RATE_FRACTION:.0%}",
    }


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Start the gateway, measure, stop it; returns the results."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env["LEADGATE_METRICS_PORT"] = "0"
    port = load.free_port()
    target = f"127.0.0.1:{port}"
    log_path = workdir / "gateway.log"
    log = GatewayLog(log_path)
    results: dict[str, Any] = {
        "workers": args.workers,
        "channels": args.channels,
        "rates_rps": args.rates,
        "step_duration_s": args.step_duration,
        "find_max": args.find_max,
        "max_p99_ms": args.max_p99_ms,
        "seed": args.seed,
        "cpus": os.cpu_count(),
        "loadavg_start": loadavg(),
    }
    say(
        f"leadgate serve --workers {args.workers}; {args.channels} client channels; "
        f"{args.step_duration:g} s per step; {os.cpu_count()} CPUs; "
        f"load average at start {results['loadavg_start']}"
    )
    with log_path.open("wb") as log_file:
        spawned = time.perf_counter()
        gateway = subprocess.Popen(
            [
                *load.leadgate_command(),
                "serve",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=workdir,
        )
    try:
        await measure(args, gateway, target, spawned, log_path, log, results)
    except RuntimeError as error:
        results["error"] = str(error)
        say(f"server_load: {error}")
    finally:
        if gateway.poll() is None:
            code, took, killed = load.stop_process(gateway, args.shutdown_timeout)
        else:
            code, took, killed = gateway.returncode, 0.0, False
            results["gateway_died"] = True
        results["shutdown"] = {"exit_code": code, "seconds": round(took, 3), "killed": killed}
        shutdown_log = summarize(log.new_entries())  # since the last step, and the drain
        results["shutdown_log"] = asdict(shutdown_log)
        results["loadavg_end"] = loadavg()
    return results


def report_tail(results: dict[str, Any]) -> None:
    """Notes, the maximum sustained rate, and the shutdown, after the table."""
    steps: list[Step] = results.get("steps", [])
    say()
    for step in steps:
        for line in step_notes(step):
            say(line)
    best = results.get("max_sustained")
    if best is not None:
        if best["rps"] is None:
            say(f"max sustained rate: none of the steps passed ({best['criteria']})")
        elif best["capped"]:
            say(f"max sustained rate: >= {fmt(best['rps'])} req/s (stopped at --max-rate)")
        else:
            say(
                f"max sustained rate: {fmt(best['rps'])} req/s "
                f"(first failing step {fmt(best['first_failing_rps'])} req/s; {best['criteria']})"
            )
    shutdown = results["shutdown"]
    killed = " (KILLED after the timeout)" if shutdown["killed"] else ""
    died = " (it had already exited)" if results.get("gateway_died") else ""
    say(
        f"shutdown: SIGTERM -> exit code {shutdown['exit_code']} in {shutdown['seconds']} s"
        f"{killed}{died}"
    )
    log = results["shutdown_log"]
    say(
        f"gateway log after the last step (shutdown): WARNING/ERROR "
        f"{log['warnings']}/{log['errors']}"
    )
    for problem in log["problems"]:
        say(f"  gateway log: {problem}")
    say(f"load average at the end: {results['loadavg_end']}")


def parse_rates(text: str) -> list[float]:
    """``50,100,200`` as positive floats."""
    try:
        rates = [float(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from error
    if not rates or any(rate <= 0 for rate in rates):
        raise argparse.ArgumentTypeError("rates must be positive")
    return rates


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--workers", type=int, default=2, help="gateway processes (default 2)")
    parser.add_argument(
        "--rates", type=parse_rates, default=[50.0, 100.0, 200.0], help="req/s, comma-separated"
    )
    parser.add_argument("--step-duration", type=float, default=30.0, help="seconds per rate")
    parser.add_argument(
        "--find-max", action="store_true", help="then raise the rate until a step fails"
    )
    parser.add_argument("--find-step", type=float, default=25.0, help="req/s added per step")
    parser.add_argument("--max-rate", type=float, default=2000.0, help="--find-max stops here")
    parser.add_argument(
        "--max-p99-ms", type=float, default=100.0, help="a step with a higher p99 fails"
    )
    parser.add_argument("--channels", type=int, default=8, help="client connections (default 8)")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds of pause after a step")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--seed", type=int, default=20240611, help="synthetic data seed")
    parser.add_argument("--startup-timeout", type=float, default=180.0, help="seconds")
    parser.add_argument("--shutdown-timeout", type=float, default=30.0, help="seconds")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.channels < 1:
        parser.error("--workers and --channels must be at least 1")
    if args.step_duration <= 0 or args.find_step <= 0:
        parser.error("--step-duration and --find-step must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run, print the table; 0 unless the gateway could not be started."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="leadgate-server-load-") as tmp:
        results = asyncio.run(run(args, Path(tmp)))
    report_tail(results)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2, default=asdict) + "\n")
    return 1 if "first_serving_s" not in results else 0


if __name__ == "__main__":
    sys.exit(main())
