"""Batch redaction throughput and peak memory: ``leadgate redact`` on N synthetic leads.

    .venv/bin/python bench/batch_throughput.py                         # 100,000 leads, all modes
    .venv/bin/python bench/batch_throughput.py --leads 2000
    .venv/bin/python bench/batch_throughput.py --leads 20000 --modes workers1,workers2
    .venv/bin/python bench/batch_throughput.py --keep /tmp/bt --json batch.json

Writes one JSONL file of ``--leads`` synthetic leads (Faker and ``random`` with a
fixed ``--seed``; the values come from bench/corpus/generate.py) and runs the real
CLI on it once per mode, as a subprocess:

    leadgate redact INPUT -o OUT --report REPORT --no-progress
        --received-at 2026-11-01T00:00:00+00:00 [--workers N | --engine spark --spark-master M]

Modes: ``workers1``, ``workers2`` (any ``workersN``: ``--workers N``) and ``spark``
(``--engine spark --spark-master local[2]``; the output is a directory of part files).

For each mode it measures:

- wall time: spawn to exit of the whole command, engine start-up included;
- start-up: the wall time of a 1-lead run of the same mode (run just before; skip
  with ``--no-startup``). "leads/s excl. start-up" is (N - 1) / (wall - start-up):
  an estimate of the steady rate, not a separate measurement;
- peak resident memory: /proc is polled every 0.2 s and VmRSS summed over the
  command's process and all its descendants (worker processes; Spark's JVM and
  its Python workers); the table gives the largest sum seen and the largest single
  process seen (a spike shorter than 0.2 s can be missed);
- CPU time (user + system) of the whole tree: the larger of two lower bounds,
  ``getrusage(RUSAGE_CHILDREN)`` (exact, but only for the command and descendants
  it waited for: not Spark's JVM) and the sum over every process seen in the tree
  of its CPU time at the last poll (misses at most a poll's worth per process).
  With a wall time far above CPU time / cores, the run was waiting (on I/O, or on
  a busy machine);
- the ``--report`` JSON's records_in, records_out and findings_by_type. All modes that
  succeeded must agree on records_out and findings_by_type: a line says whether they do.
  A second line says whether the outputs are byte-identical (Spark's part files
  read in name order); that one is informational only.

Each run is started in its own session. When the command has exited, the script
waits (up to 30 s) until the rest of that session is gone too (Spark's JVM exits a
moment after its driver) and says so when that took a second or more; anything
still alive then is listed and killed. That wait is not part of the wall time.

A mode that fails (exit code not 0, or no report) is kept in the table as FAILED
with the first line of its error, and the other modes go on. Exit code 1 when a
mode failed or the modes disagree.

Leads: first_name, last_name, phone, email, address, city, state, zip; dob for
~30%, ssn for ~20%, card for ~10%, and free-text notes for ~40% (about half of the
notes mention a health condition, an SSN or a card number). Three synthetic owners.
The same seed gives the same file with the same Faker version.

Everything runs in a temporary directory; ``--keep DIR`` works in DIR instead and
keeps the input, the outputs, the reports and each run's stderr (``*.log``).
The environment is passed on as it is (``LEADGATE_*`` settings apply), and
timings depend on whatever else the machine is doing: the load average before
the runs is printed with the table.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
import generate as corpus  # bench/corpus/generate.py: the synthetic value makers

ROOT = Path(__file__).resolve().parents[1]
RECEIVED_AT = "2026-11-01T00:00:00+00:00"
OWNERS = ("synthetic-insurance", "synthetic-solar", "synthetic-debt")
CAMPAIGN = "batch-throughput"
POLL_S = 0.2
LINGER_S = 30.0
DEFAULT_MODES = "workers1,workers2,spark"
NOTES_PLAIN = (
    "Prefers a call after 5 pm.",
    "Asked for the brochure by email first.",
    "Wants a quote for two people. Call back Tuesday.",
    "Already has coverage through work, shopping around.",
)
NOTES_SENSITIVE = (
    "Has {condition}, asked whether it is covered.",
    "Diagnosed with {condition} last year; wants low copays.",
    "Gave SSN {ssn} to run the quote.",
    "Callback requested. Social is {ssn}.",
    "Card on file {card}, first payment on the 1st.",
    "Pays by card {card}. Mentioned {condition} meds. SSN {ssn}.",
)


# ----------------------------------------------------------------------------- synthetic leads


def make_ssn(rng: random.Random) -> str:
    """An issuable-format SSN, usually as typed ``AAA-GG-SSSS``."""
    digits = corpus.make_ssn(rng)
    return rng.choice(("-", "-", " ", "")).join(corpus.split_groups(digits, (3, 2, 4)))


def make_card(rng: random.Random) -> str:
    """A Luhn-valid card number of a common brand, grouped as printed."""
    brand = rng.choice(sorted(corpus.CARD_BRANDS))
    digits = corpus.make_card(rng, brand)
    groups = corpus.split_groups(digits, corpus.CARD_GROUPS[len(digits)])
    return rng.choice((" ", "-", "")).join(groups)


def make_dob(rng: random.Random) -> str:
    """A date of birth (ages about 25 to 85) as vendors write it."""
    year, month, day = rng.randint(1941, 2001), rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() < 0.5:
        return f"{month:02d}/{day:02d}/{year}"
    return f"{year}-{month:02d}-{day:02d}"


def make_notes(rng: random.Random) -> str:
    """Free text; about half the time it mentions a condition, an SSN or a card."""
    if rng.random() < 0.5:
        return rng.choice(NOTES_PLAIN)
    return rng.choice(NOTES_SENSITIVE).format(
        condition=rng.choice(corpus.CONDITIONS_PLAIN), ssn=make_ssn(rng), card=make_card(rng)
    )


def make_lead(index: int, fake: Faker, rng: random.Random) -> dict[str, Any]:
    """One vendor-like lead line."""
    first, last = fake.first_name(), fake.last_name()
    state = rng.choice(corpus.STATES)
    fields: dict[str, str] = {
        "first_name": first,
        "last_name": last,
        "phone": corpus.phone_typed(corpus.phone_digits(rng), rng),
        "email": f"{first}.{last}{rng.randint(1, 99)}@example.com".lower(),
        "address": fake.street_address(),
        "city": fake.city(),
        "state": state,
        "zip": corpus.zip_code(fake, rng),
    }
    if rng.random() < 0.30:
        fields["dob"] = make_dob(rng)
    if rng.random() < 0.20:
        fields["ssn"] = make_ssn(rng)
    if rng.random() < 0.10:
        fields["card"] = make_card(rng)
    if rng.random() < 0.40:
        fields["notes"] = make_notes(rng)
    return {
        "id": f"lead-{index:07d}",
        "owner": OWNERS[index % len(OWNERS)],
        "campaign_id": CAMPAIGN,
        "consumer_state": state,
        "fields": fields,
    }


def write_leads(path: Path, count: int, seed: int) -> None:
    """Write ``count`` leads as JSONL (deterministic for a seed and Faker version)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            out.write(json.dumps(make_lead(index, fake, rng), ensure_ascii=False) + "\n")


def first_lines(source: Path, target: Path, count: int) -> None:
    """Copy the first ``count`` lines of ``source`` (the start-up run's input)."""
    with source.open("rb") as src, target.open("wb") as out:
        for _ in range(count):
            line = src.readline()
            if not line:
                break
            out.write(line)


# ----------------------------------------------------------------------------- memory


@dataclass(frozen=True)
class ProcStat:
    """The fields of /proc/PID/stat used here."""

    pid: int
    name: str
    state: str
    ppid: int
    pgrp: int
    cpu_ticks: int  # user + system, all threads, in clock ticks
    start_ticks: int  # start time after boot: with pid, names one process for good


def processes() -> list[ProcStat]:
    """Every process alive now, from /proc/PID/stat."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue  # gone since the listing
        name = stat[stat.index(b"(") + 1 : stat.rindex(b")")].decode(errors="replace")
        fields = stat[stat.rindex(b")") + 2 :].split()  # the name may hold spaces
        found.append(
            ProcStat(
                pid=int(entry.name),
                name=name,
                state=fields[0].decode(),
                ppid=int(fields[1]),
                pgrp=int(fields[2]),
                cpu_ticks=int(fields[11]) + int(fields[12]),
                start_ticks=int(fields[19]),
            )
        )
    return found


def group_members(pgid: int) -> list[str]:
    """``pid name`` of the live (not zombie) processes in process group ``pgid``."""
    return [f"{p.pid} {p.name}" for p in processes() if p.pgrp == pgid and p.state != "Z"]


def wait_group_empty(pgid: int, limit: float) -> float:
    """Seconds until process group ``pgid`` had no live process (at most ``limit``)."""
    started = time.perf_counter()
    while group_members(pgid) and time.perf_counter() - started < limit:
        time.sleep(0.1)
    return time.perf_counter() - started


def tree(root: int) -> list[ProcStat]:
    """``root`` and all its descendants alive now."""
    children: dict[int, list[ProcStat]] = {}
    by_pid: dict[int, ProcStat] = {}
    for process in processes():
        children.setdefault(process.ppid, []).append(process)
        by_pid[process.pid] = process
    if root not in by_pid:
        return []
    found, todo = [], [by_pid[root]]
    while todo:
        process = todo.pop()
        found.append(process)
        todo.extend(children.get(process.pid, ()))
    return found


def rss_kb(pid: int) -> tuple[int, str] | None:
    """(VmRSS in kB, process name) of ``pid``, or None (gone, a zombie, a kernel thread)."""
    name, rss = "", None
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("Name:"):
                    name = line.split(None, 1)[1].strip()
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                    break
    except (OSError, ValueError, IndexError):
        return None
    return None if rss is None else (rss, name)


@dataclass
class MemoryPeak:
    """What the poller saw: the largest tree sum, the largest single process."""

    tree_kb: int = 0
    tree_processes: int = 0  # processes in the tree at the largest sum
    single_kb: int = 0
    single_name: str = ""
    max_processes: int = 0
    samples: int = 0
    seen_processes: int = 0  # different processes seen in the tree over the run
    polled_cpu_s: float = 0.0  # their CPU time as last seen (a lower bound)


class TreePoller:
    """Polls the process tree of ``root`` every POLL_S seconds in a thread."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak = MemoryPeak()
        self._cpu_ticks: dict[tuple[int, int], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreePoller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(POLL_S):
                return

    def sample(self) -> None:
        """One look at the tree."""
        members = tree(self.root)
        for process in members:
            self._cpu_ticks[(process.pid, process.start_ticks)] = process.cpu_ticks
        sizes = [size for process in members if (size := rss_kb(process.pid)) is not None]
        if not sizes:
            return
        peak = self.peak
        peak.seen_processes = len(self._cpu_ticks)
        peak.polled_cpu_s = sum(self._cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")
        peak.samples += 1
        total = sum(kb for kb, _ in sizes)
        peak.max_processes = max(peak.max_processes, len(sizes))
        if total > peak.tree_kb:
            peak.tree_kb, peak.tree_processes = total, len(sizes)
        biggest = max(sizes)
        if biggest[0] > peak.single_kb:
            peak.single_kb, peak.single_name = biggest


# ----------------------------------------------------------------------------- runs


def leadgate_command() -> list[str]:
    """The ``leadgate`` console script next to this interpreter, else the repository's .venv."""
    for script in (Path(sys.executable).parent / "leadgate", ROOT / ".venv" / "bin" / "leadgate"):
        if script.exists():
            return [str(script)]
    return [sys.executable, "-m", "gateway"]


def mode_args(mode: str, spark_master: str) -> list[str]:
    """The options a mode adds to ``leadgate redact``."""
    if mode == "spark":
        return ["--engine", "spark", "--spark-master", spark_master]
    return ["--workers", mode.removeprefix("workers")]


def parse_modes(text: str) -> list[str]:
    """``workers1,workers2,spark`` -> the list; ValueError names a bad one."""
    modes = [m.strip() for m in text.split(",") if m.strip()]
    for mode in modes:
        if mode != "spark" and not re.fullmatch(r"workers[1-9][0-9]*", mode):
            raise ValueError(f"unknown mode {mode!r}: use workersN or spark")
    if not modes or len(set(modes)) != len(modes):
        raise ValueError("--modes needs one or more different modes")
    return modes


@dataclass
class Run:
    """One ``leadgate redact`` subprocess."""

    leads: int
    command: list[str]
    exit_code: int | None = None
    wall_s: float = 0.0
    timed_out: bool = False
    error: str = ""
    report: dict[str, Any] | None = None
    memory: MemoryPeak = field(default_factory=MemoryPeak)
    output_lines: int | None = None
    output_sha256: str = ""
    waited_cpu_s: float = 0.0  # user + system of it and the descendants it waited for

    @property
    def cpu_s(self) -> float:
        """CPU time of the tree: the larger of two lower bounds (see the module docstring)."""
        return max(self.waited_cpu_s, self.memory.polled_cpu_s)

    linger_s: float = 0.0  # from its exit until the last process of its session was gone
    left_behind: list[str] = field(default_factory=list)  # alive LINGER_S after it exited

    @property
    def ok(self) -> bool:
        """Exit code 0 and a report with every lead in it."""
        return not self.error


def error_line(stderr: str) -> str:
    """The first line that says what went wrong in a run's stderr."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("leadgate redact:", "leadgate:")):
            return line
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1]  # the exception itself
    for line in lines:
        if re.search(r"error|exception", line, re.IGNORECASE):
            return line
    return lines[0] if lines else "(no output on stderr)"


def scan_output(output: Path) -> tuple[int, str]:
    """(lines, sha256) of an output file, or of a directory's part files in name order (Spark)."""
    files = sorted(output.glob("part-*")) if output.is_dir() else [output]
    total, digest = 0, hashlib.sha256()
    for path in files:
        with path.open("rb") as handle:
            while block := handle.read(1 << 22):
                total += block.count(b"\n")
                digest.update(block)
    return total, digest.hexdigest()


def run_cli(
    mode: str,
    source: Path,
    leads: int,
    workdir: Path,
    name: str,
    spark_master: str,
    timeout: float,
) -> Run:
    """Run ``leadgate redact`` on ``source`` in ``mode`` and measure it."""
    output = workdir / (name if mode == "spark" else f"{name}.jsonl")
    report = workdir / f"{name}.report.json"
    log = workdir / f"{name}.log"
    command = [
        *leadgate_command(),
        "redact",
        str(source),
        "-o",
        str(output),
        "--report",
        str(report),
        "--no-progress",
        "--received-at",
        RECEIVED_AT,
        *mode_args(mode, spark_master),
    ]
    run = Run(leads, command)
    with log.open("w") as stderr:
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        # Its own session, so a timeout or ^C can stop the whole tree (JVM included).
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr, start_new_session=True
        )
        try:
            with TreePoller(proc.pid) as poller:
                try:
                    run.exit_code = proc.wait(timeout if timeout > 0 else None)
                except subprocess.TimeoutExpired:
                    run.timed_out = True
                    os.killpg(proc.pid, signal.SIGKILL)
                    run.exit_code = proc.wait()
                run.wall_s = time.perf_counter() - started
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            # Its session may outlive it a little (Spark's JVM sees its driver gone and
            # exits): wait for that, so the next run has the machine to itself; what is
            # still there after LINGER_S was left behind.
            run.linger_s = wait_group_empty(proc.pid, LINGER_S)
            run.left_behind = group_members(proc.pid)
            if run.left_behind:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
    run.memory = poller.peak
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.waited_cpu_s = (usage.ru_utime - usage_before.ru_utime) + (
        usage.ru_stime - usage_before.ru_stime
    )
    text = log.read_text(errors="replace")
    if run.timed_out:
        run.error = f"timed out after {timeout:g} s"
    elif run.exit_code != 0:
        run.error = f"exit code {run.exit_code}: {error_line(text)}"
    else:
        try:
            run.report = json.loads(report.read_text())
        except (OSError, ValueError) as error:
            run.error = f"no readable --report ({error})"
    if run.report is not None and run.report.get("records_in") != leads:
        run.error = f"records_in {run.report.get('records_in')} != {leads} leads"
    if run.ok and output.exists():
        run.output_lines, run.output_sha256 = scan_output(output)
    return run


@dataclass
class ModeResult:
    """A mode's full run and its 1-lead start-up run."""

    mode: str
    full: Run
    startup: Run | None = None

    @property
    def startup_s(self) -> float | None:
        """Wall time of the 1-lead run, when it worked."""
        return self.startup.wall_s if self.startup is not None and self.startup.ok else None

    @property
    def leads_per_s(self) -> float | None:
        """Leads over the whole wall time (start-up included)."""
        return self.full.leads / self.full.wall_s if self.full.ok and self.full.wall_s else None

    @property
    def steady_leads_per_s(self) -> float | None:
        """(N - 1) / (wall - start-up): the rate once the engine is up (an estimate)."""
        startup = self.startup_s
        if not self.full.ok or startup is None or self.full.wall_s <= startup:
            return None
        return (self.full.leads - 1) / (self.full.wall_s - startup)


def run_mode(
    mode: str, source: Path, one: Path | None, leads: int, workdir: Path, args: argparse.Namespace
) -> ModeResult:
    """The 1-lead start-up run (unless ``one`` is None), then the full run."""
    startup = None
    if one is not None:
        print(f"[{mode}] 1-lead start-up run ...", file=sys.stderr, flush=True)
        startup = run_cli(mode, one, 1, workdir, f"{mode}-1", args.spark_master, args.timeout)
        print(
            f"[{mode}]   {startup.wall_s:.1f} s"
            + ("" if startup.ok else f"  FAILED: {startup.error}"),
            file=sys.stderr,
            flush=True,
        )
    print(f"[{mode}] {leads} leads ...", file=sys.stderr, flush=True)
    full = run_cli(mode, source, leads, workdir, f"{mode}-out", args.spark_master, args.timeout)
    print(
        f"[{mode}]   {full.wall_s:.1f} s" + ("" if full.ok else f"  FAILED: {full.error}"),
        file=sys.stderr,
        flush=True,
    )
    return ModeResult(mode, full, startup)


# ----------------------------------------------------------------------------- results


def agreement(results: Sequence[ModeResult]) -> tuple[bool | None, list[str]]:
    """Whether the modes that succeeded agree on records_out and findings_by_type.

    None when fewer than two succeeded (nothing to compare). The lines say how
    each disagreeing mode differs from the first one that succeeded.
    """
    done = [r for r in results if r.full.ok and r.full.report is not None]
    if len(done) < 2:
        return None, []
    base = done[0]
    assert base.full.report is not None
    differences: list[str] = []
    for other in done[1:]:
        assert other.full.report is not None
        a, b = base.full.report, other.full.report
        if a["records_out"] != b["records_out"]:
            differences.append(
                f"{other.mode}: records_out {b['records_out']} vs {base.mode} {a['records_out']}"
            )
        fa, fb = a.get("findings_by_type", {}), b.get("findings_by_type", {})
        for kind in sorted(set(fa) | set(fb)):
            if fa.get(kind, 0) != fb.get(kind, 0):
                differences.append(
                    f"{other.mode}: {kind} {fb.get(kind, 0)} vs {base.mode} {fa.get(kind, 0)}"
                )
    return not differences, differences


def _mb(kb: int) -> str:
    return f"{kb / 1024:.0f}"


def _num(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


COLUMNS = (
    "mode",
    "leads",
    "wall s",
    "start-up s",
    "leads/s",
    "leads/s excl. start-up",
    "CPU s",
    "peak tree RSS MB",
    "peak single-process RSS MB",
    "records_out",
    "agrees",
    "note",
)


def table(results: Sequence[ModeResult], agrees: bool | None) -> str:
    """The markdown table; a failed mode's row says FAILED and its error."""
    rows: list[Sequence[str]] = [COLUMNS, ["---"] * len(COLUMNS)]
    for result in results:
        run = result.full
        memory = run.memory
        tree_mb = f"{_mb(memory.tree_kb)} ({memory.tree_processes} procs)"
        single_mb = f"{_mb(memory.single_kb)} ({memory.single_name or '?'})"
        if not run.ok:
            note = "FAILED: " + run.error.replace("|", "/")
            rows.append(
                [
                    result.mode,
                    str(run.leads),
                    "FAILED",
                    _num(result.startup_s),
                    "-",
                    "-",
                    f"{run.cpu_s:.1f}",
                    tree_mb,
                    single_mb,
                    "-",
                    "-",
                    note,
                ]
            )
            continue
        assert run.report is not None
        agree = "n/a" if agrees is None else "yes" if agrees else "NO"
        rows.append(
            [
                result.mode,
                str(run.leads),
                f"{run.wall_s:.1f}",
                _num(result.startup_s),
                _num(result.leads_per_s),
                _num(result.steady_leads_per_s),
                f"{run.cpu_s:.1f}",
                tree_mb,
                single_mb,
                str(run.report["records_out"]),
                agree,
                "",
            ]
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def to_json(
    args: argparse.Namespace,
    info: dict[str, Any],
    results: Sequence[ModeResult],
    agrees: bool | None,
    differences: list[str],
) -> dict[str, Any]:
    """Everything measured, for ``--json``."""

    def run_json(run: Run | None) -> dict[str, Any] | None:
        if run is None:
            return None
        report = run.report or {}
        return {
            "ok": run.ok,
            "error": run.error or None,
            "command": run.command,
            "exit_code": run.exit_code,
            "leads": run.leads,
            "wall_s": round(run.wall_s, 3),
            "cli_elapsed_s": report.get("elapsed_s"),
            "cpu_s": round(run.cpu_s, 2),
            "waited_cpu_s": round(run.waited_cpu_s, 2),
            "records_in": report.get("records_in"),
            "records_out": report.get("records_out"),
            "bad_records": report.get("bad_records"),
            "output_lines": run.output_lines,
            "output_sha256": run.output_sha256 or None,
            "linger_s": round(run.linger_s, 2),
            "left_behind": run.left_behind,
            "findings_by_type": report.get("findings_by_type"),
            "memory": {
                **asdict(run.memory),
                "tree_mb": round(run.memory.tree_kb / 1024, 1),
                "single_mb": round(run.memory.single_kb / 1024, 1),
            },
        }

    return {
        **info,
        "modes": [
            {
                "mode": r.mode,
                "leads_per_s": None if r.leads_per_s is None else round(r.leads_per_s, 1),
                "startup_s": None if r.startup_s is None else round(r.startup_s, 3),
                "steady_leads_per_s": None
                if r.steady_leads_per_s is None
                else round(r.steady_leads_per_s, 1),
                "run": run_json(r.full),
                "startup_run": run_json(r.startup),
            }
            for r in results
        ],
        "agree": agrees,
        "differences": differences,
        "spark_master": args.spark_master,
        "poll_s": POLL_S,
    }


# ----------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--leads", type=int, default=100_000, help="synthetic leads (100000)")
    parser.add_argument(
        "--modes", default=DEFAULT_MODES, help=f"comma-separated, in order ({DEFAULT_MODES})"
    )
    parser.add_argument("--seed", type=int, default=20240611, help="synthetic data seed")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="work in DIR and keep input, outputs, logs"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the results here")
    parser.add_argument(
        "--spark-master", default="local[2]", help="--spark-master of the spark mode (local[2])"
    )
    parser.add_argument("--no-startup", action="store_true", help="skip the 1-lead start-up runs")
    parser.add_argument(
        "--timeout", type=float, default=0, help="seconds per run before it is killed (0: none)"
    )
    args = parser.parse_args(argv)
    if args.leads < 1:
        parser.error("--leads must be at least 1")
    try:
        args.mode_list = parse_modes(args.modes)
    except ValueError as error:
        parser.error(str(error))
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error("--keep needs a new or empty directory")
    return args


def run(args: argparse.Namespace, workdir: Path) -> int:
    """Generate, run every mode, print the table; 1 when a mode failed or modes disagree."""
    source = workdir / "leads.jsonl"
    started = time.perf_counter()
    write_leads(source, args.leads, args.seed)
    generate_s = time.perf_counter() - started
    size = source.stat().st_size
    print(
        f"input: {source.name}: {args.leads} leads, {size:,} bytes ({size / 2**20:.1f} MiB), "
        f"generated in {generate_s:.1f} s (seed {args.seed})",
        flush=True,
    )
    one = None
    if not args.no_startup:
        one = workdir / "leads-1.jsonl"
        first_lines(source, one, 1)
    load_before = os.getloadavg()
    results = [run_mode(mode, source, one, args.leads, workdir, args) for mode in args.mode_list]
    load_after = os.getloadavg()
    agrees, differences = agreement(results)

    print()
    print(
        f"{args.leads} leads, {os.cpu_count()} CPUs, load average 1/5/15 min "
        f"before {'/'.join(f'{x:.2f}' for x in load_before)}, "
        f"after {'/'.join(f'{x:.2f}' for x in load_after)}"
    )
    print()
    print(table(results, agrees))
    print()
    if not args.no_startup:
        print(
            "start-up s: wall time of a 1-lead run of the same mode (process, engine and, "
            "for spark, JVM start-up); leads/s excl. start-up = (leads - 1) / (wall - start-up)."
        )
    print(
        "CPU s: user + system time of the command and its descendants (all processes, all "
        "threads; a lower bound, see the module docstring)."
    )
    print(
        f"RSS: VmRSS polled every {POLL_S} s; tree = the command and all its descendants "
        "summed (shared pages counted in each process); procs = processes at the peak."
    )
    done = [r.mode for r in results if r.full.ok]
    if agrees is None:
        print(f"agreement: nothing to compare ({len(done)} mode(s) succeeded)")
    elif agrees:
        print(f"agreement: {', '.join(done)} agree on records_out and findings_by_type")
    else:
        print(f"agreement: modes DISAGREE ({', '.join(done)}):")
        for line in differences:
            print(f"  {line}")
    digests = {r.mode: r.full.output_sha256 for r in results if r.full.output_sha256}
    if len(digests) >= 2:
        same = len(set(digests.values())) == 1
        print(
            "outputs: byte-identical across " + ", ".join(digests)
            if same
            else "outputs: DIFFER: "
            + ", ".join(f"{mode} {digest[:12]}" for mode, digest in digests.items())
        )
    for result in results:
        if not result.full.ok:
            print(f"{result.mode} FAILED: {result.full.error}")
        for each in (result.startup, result.full):
            if each is not None and each.left_behind:
                print(
                    f"{result.mode}: {len(each.left_behind)} process(es) still running "
                    f"{LINGER_S:g} s after the {each.leads}-lead run exited (killed): "
                    + ", ".join(each.left_behind)
                )
            elif each is not None and each.linger_s >= 1:
                print(
                    f"{result.mode}: the {each.leads}-lead run's child processes took "
                    f"{each.linger_s:.1f} s to exit after it did (not in wall s)"
                )
    if args.json is not None:
        info = {
            "leads": args.leads,
            "seed": args.seed,
            "input_bytes": size,
            "generate_s": round(generate_s, 2),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_after,
            "received_at": RECEIVED_AT,
        }
        document = to_json(args, info, results, agrees, differences)
        args.json.write_text(json.dumps(document, indent=2) + "\n")
    failed = any(not r.full.ok for r in results) or agrees is False
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run in a temporary directory, or in ``--keep DIR``."""
    args = parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        return run(args, args.keep)
    with tempfile.TemporaryDirectory(prefix="leadgate-batch-") as tmp:
        return run(args, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
