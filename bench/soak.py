"""Soak: leads and live calls for a minute while the dialer sink goes away, then the books.

    .venv/bin/python bench/soak.py                              # 60 s, 100 leads/s, 50 calls
    .venv/bin/python bench/soak.py --workers 2 --json soak.json
    .venv/bin/python bench/soak.py --duration 20 --outage-at 5 --sink-signal term --no-check
    .venv/bin/python bench/soak.py --keep /tmp/soak     # keep logs, ledger, outbox, sink file

What it runs, all on loopback, in a temporary directory:

- the example dialer sink (``examples/dialer_sink.py``) as its own process on a fixed
  free port, writing ``received.jsonl``;
- ``leadgate serve --port P --workers N`` (``--workers``, default 1) with a private
  ``LEADGATE_DATA_DIR`` (ledger and outbox), ``LEADGATE_SINK_ADDRESS`` set to the sink,
  the metrics endpoint off and no other ``LEADGATE_*`` variable of this shell;
- a warm-up: 50 sequential RedactLead calls, then ``--warmup-seconds`` (15) of the full
  load below (its own rows in the table; its records are counted in the books);
- the load, for ``--duration`` (60) seconds: open-loop ``--rate`` (100) RedactLead/s,
  each sent at its scheduled instant whether or not earlier ones were answered, with a
  ``--deadline`` (2 s), on synthetic leads (Faker names, phones, emails, an SSN from
  generated digits, a note with a card number and a health condition; a unique id per
  request); and ``--calls`` (50) live calls open at all times: each StreamTranscript
  sends its ``start`` and 6-12 agent/customer segments (SSNs, phones, dates, cards said
  in digits or in words, some across two segments) about one a second, then ends and
  is replaced at once by a new call. Both go over ``--channels`` (32) connections, leads
  in turn, each call slot on one (50 streams on one connection would reach
  ``max_streams_per_caller``). A connection stays with the worker the kernel gave it
  (SO_REUSEPORT hashes it), and runs split them 22:10 between two workers, the busy one
  shedding: so the connections are opened one by one, each one's worker is read from
  /proc, and one more than its worker's share is closed again (``--no-balance`` takes
  the kernel's split); the split is printed;
- the outage: ``--outage-at`` (20) seconds into the load the sink gets SIGKILL
  (``--sink-signal term``: SIGTERM, a clean stop) and ``--outage-seconds`` (10) later
  it is started again on the same port with the same file;
- the drain: after the load, up to ``--drain-seconds`` (90) until the sink holds every
  accepted record or the outbox has nothing waiting; then SIGTERM to the gateway and the
  sink.

How to read the report:

- Load: per kind, requests sent, OK, errors by status code (and the gateway's
  ``ErrorInfo`` reason) and latency percentiles (nearest rank, OK answers only). A
  lead's latency runs from its scheduled instant to the answer (a late send counts). A
  call's is per segment: from writing the segment to receiving its redacted segment;
  a segment the hold rule keeps back (a number that may go on, a back-channel) waits
  for the next segment by design, so the segments answered at once are shown apart.
  The lead p99 before, during and after the outage follows the table.
- Memory: summed VmRSS of the gateway's process tree (supervisor, workers) at the
  start of the load (after the warm-up, under full load) and at its end (still under
  full load), their ratio, the peak of the samples taken every 2 s, and after the drain;
  then the RSS and outbox backlog every 2 s, and when the sink's file grew again after
  its restart (the gateway's deliverer retries with jittered exponential backoff, so
  delivery resumes some seconds after the sink is back).
- Records: **accepted** is what the gateway answered OK (leads with a response, calls
  that got their summary; the warm-up's included), **delivered** the distinct
  accepted record ids in the sink's file, **duplicated** the record ids with more than
  one line there, **lost** accepted minus delivered. The example sink stores each
  (owner, record id, revision) once and answers a repeat ``duplicate=True`` without
  writing, so repeats the gateway sent (expected after a SIGKILL: the sink stored a
  record but its OK never arrived) do not reach the file; they are counted from the
  sink's log ("repeats absorbed"). **In the ledger**: entries by delivery status, read
  from a copy of the ledger file (opened with ``SqliteLedger``, so the gateway's own
  file is never written), after the gateway has stopped. Every lost record is traced:
  not in the ledger, in the outbox (waiting or parked), or neither.

Targets, checked unless ``--no-check`` (exit code 1 when one is missed, 0 otherwise;
2 when the gateway or the sink could not be started): lost = 0; duplicated = 0;
every accepted record has exactly one ledger entry and no call entry is left ``open``
or ``cut-off``; RSS at the end within ``--max-rss-growth`` (10%) of the start; no
error other than what the gateway may shed with a clear status: RESOURCE_EXHAUSTED
with reason SERVER_BUSY (refused at once, before any work, nothing recorded; the
caller retries), and that on at most ``--max-shed`` (5%) of the leads, or the rate was
not really served (one worker on 2 cores shed 7% and 21%; two shed 1-14% in full runs
on a 2-core machine others loaded to a load average of 4-7). A
DEADLINE_EXCEEDED, an UNAVAILABLE, a refused stream (TOO_MANY_STREAMS) or a call cut
short is a failure: the sink's outage must not reach the callers.

The client runs on the same machine (its CPU is in the report) and so does anything
else: the load average is printed at the start and the end. One worker's engine thread
is the limit (about one core); ``make soak`` passes ``--workers 2``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc
from faker import Faker
from google.rpc import error_details_pb2, status_pb2

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
if TYPE_CHECKING:  # mypy would follow them into bench/corpus/generate.py, off its path
    load: Any
    server_load: Any
else:
    import server_load  # bench/server_load.py: process tree, gateway log, readiness
    import sidecar_load as load  # bench/sidecar_load.py: leads, processes, percentile

OWNER = "soak-bench"
CAMPAIGN = "soak"
KINDS = ("lead", "transcript")  # the sink's and the ledger's names for the two kinds
SHED = frozenset({"RESOURCE_EXHAUSTED/SERVER_BUSY"})  # what the gateway may shed
SEQUENTIAL_WARMUP = 50
SAMPLE_S = 2.0
DRAIN_POLL_S = 0.5
SPEAKER = {"agent": pb.SPEAKER_AGENT, "customer": pb.SPEAKER_CUSTOMER}


def say(line: str = "") -> None:
    """Print now (the run takes minutes)."""
    print(line, flush=True)


def fmt(value: Any) -> str:
    """``n/a`` for missing values, floats without trailing zeros."""
    return "n/a" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def pct(values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile of unsorted values, to 0.01."""
    value: float | None = load.percentile(sorted(values), fraction)
    return None if value is None else round(value, 2)


def codes_text(codes: Counter[str]) -> str:
    """``CODE=n, ...`` or ``0``."""
    return ", ".join(f"{code}={n}" for code, n in sorted(codes.items())) or "0"


# ----------------------------------------------------------------------------- synthetic calls


Turn = tuple[str, str]  # (speaker, text)


def read_digits(digits: str, rng: random.Random) -> str:
    """A digit group as a person says it: typed, spaced, one word each, in tens, 'oh'."""
    mode = rng.choice(("typed", "spaced", "words", "tens", "oh", "runs"))
    text: str = load.corpus.group_reading(digits, mode, rng)
    return text


def ssn_turns(rng: random.Random) -> list[Turn]:
    """The agent asks for the SSN; the customer gives it, sometimes over two segments."""
    digits: str = load.corpus.make_ssn(rng)
    groups = [digits[:3], digits[3:5], digits[5:]]
    ask = rng.choice(
        (
            "To run the quote I'll need your social security number.",
            "Can you verify your social for me?",
            "And what's your SSN?",
        )
    )
    if rng.random() < 0.35:  # split: the number goes on in the next customer turn
        return [
            ("agent", ask),
            ("customer", f"sure, it's {read_digits(groups[0], rng)} {read_digits(groups[1], rng)}"),
            ("customer", read_digits(groups[2], rng)),
        ]
    said = " ".join(read_digits(group, rng) for group in groups)
    return [("agent", ask), ("customer", rng.choice(("yeah it's ", "okay ", "")) + said)]


def phone_turns(rng: random.Random) -> list[Turn]:
    """A callback number (ordinary lead data, kept)."""
    digits: str = load.corpus.phone_digits(rng)
    said: str = rng.choice((load.corpus.phone_typed, load.corpus.phone_spoken))(digits, rng)
    return [("agent", "What's the best callback number?"), ("customer", f"it's {said}")]


def card_turns(rng: random.Random) -> list[Turn]:
    """A card number read in groups, then the security code."""
    number: str = load.make_card(rng)
    groups = number.replace("-", " ").split()
    return [
        ("agent", "How would you like to pay, card on file?"),
        ("customer", "visa, " + ", ".join(read_digits(g, rng) for g in groups)),
        ("agent", "and the three digits on the back?"),
        ("customer", read_digits(f"{rng.randint(100, 999)}", rng)),
    ]


def dob_turns(rng: random.Random, fake: Faker) -> list[Turn]:
    """Date of birth."""
    born = fake.date_of_birth(minimum_age=25, maximum_age=80)
    said = rng.choice((born.strftime("%B %d %Y"), born.strftime("%m/%d/%Y")))
    return [("agent", "And your date of birth?"), ("customer", said)]


def health_turns(rng: random.Random) -> list[Turn]:
    """A condition and a medication."""
    condition = rng.choice(load.corpus.CONDITIONS_PLAIN)
    medication = rng.choice(load.corpus.MEDICATIONS_PLAIN)
    return [
        ("agent", "Any health conditions we should know about for the plan?"),
        ("customer", f"I have {condition}, I take {medication} every morning"),
    ]


def contact_turns(rng: random.Random, fake: Faker) -> list[Turn]:
    """Zip and email (kept)."""
    return [
        ("agent", "What's the zip code there?"),
        ("customer", fake.postcode()[:5]),
        ("agent", "I'll email the quote, what address should I use?"),
        ("customer", fake.free_email()),
    ]


FILLER: tuple[Turn, ...] = (
    ("agent", "Let me pull that up, one moment."),
    ("customer", "okay"),
    ("customer", "uh huh"),
    ("agent", "Thanks, I appreciate your patience."),
)


def make_call(rng: random.Random, fake: Faker, segments: int) -> list[Turn]:
    """``segments`` turns: a greeting, sensitive and ordinary exchanges, a goodbye."""
    first, last = fake.first_name(), fake.last_name()
    turns: list[Turn] = [
        ("agent", f"Thanks for calling, this is {fake.first_name()}. Who am I speaking with?"),
        ("customer", f"Hi, this is {first} {last}."),
    ]
    blocks = [
        ssn_turns(rng),
        phone_turns(rng),
        card_turns(rng),
        dob_turns(rng, fake),
        health_turns(rng),
        contact_turns(rng, fake),
    ]
    rng.shuffle(blocks)
    for block in blocks:
        turns += block
    closing_turns: list[Turn] = [
        ("agent", "Great, you're all set. Anything else today?"),
        ("customer", "no that's it, thanks, bye"),
    ]
    body = turns[: max(0, segments - len(closing_turns))]
    while len(body) + len(closing_turns) < segments:
        body.append(rng.choice(FILLER))
    return (body + closing_turns)[:segments]


def make_leads(seed: int) -> list[pb.Lead]:
    """sidecar_load's synthetic leads under this owner; half also carry an ``ssn`` field."""
    rng = random.Random(seed + 1)
    leads: list[pb.Lead] = load.make_leads(seed, load.LEAD_POOL)
    for lead in leads:
        lead.owner = OWNER
        lead.campaign_id = CAMPAIGN
        if rng.random() < 0.5:
            lead.fields["ssn"] = load.make_ssn(rng)
    return leads


# ----------------------------------------------------------------------------- the client side


def error_label(error: grpc.aio.AioRpcError) -> str:
    """``CODE/REASON`` from the rich status's ErrorInfo, or just ``CODE``."""
    code: str = error.code().name
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin" or not isinstance(value, bytes):
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            if detail.Unpack(info) and info.reason:
                return f"{code}/{info.reason}"
    return code


@dataclass
class LeadStats:
    """RedactLead outcomes of one phase."""

    sent: int = 0
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (offset s, ms)
    samples: list[str] = field(default_factory=list)
    max_send_lag_ms: float = 0.0


@dataclass
class CallStats:
    """StreamTranscript outcomes of one phase (calls by the instant they started)."""

    calls: int = 0
    summaries: int = 0
    segments_sent: int = 0
    segments_answered: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    # (offset of the segment's send s, ms to its answer, was_held)
    segment_latencies: list[tuple[float, float, bool]] = field(default_factory=list)
    summary_latencies: list[float] = field(default_factory=list)  # done_writing -> summary
    samples: list[str] = field(default_factory=list)
    short_summaries: int = 0  # a summary counting fewer segments than were sent


def note_error(errors: Counter[str], samples: list[str], label: str, detail: str) -> None:
    """Count an error, keep a few samples (codes and gateway messages, never values)."""
    errors[label] += 1
    if len(samples) < 5:
        samples.append(f"{label}: {detail[:200]}")


@dataclass
class Load:
    """Everything the load tasks share."""

    args: argparse.Namespace
    begin: float  # start of the warm-up load (perf_counter)
    t0: float  # start of the measured load
    end: float  # no lead scheduled, no call started after this
    leads: Sequence[pb.Lead]
    lead_stats: dict[str, LeadStats] = field(
        default_factory=lambda: {"warmup": LeadStats(), "load": LeadStats()}
    )
    call_stats: dict[str, CallStats] = field(
        default_factory=lambda: {"warmup": CallStats(), "load": CallStats()}
    )
    accepted: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})

    def phase(self, instant: float) -> str:
        """``warmup`` before t0, ``load`` after."""
        return "load" if instant >= self.t0 else "warmup"


async def sleep_until(instant: float) -> None:
    """Sleep until a perf_counter instant."""
    delay = instant - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)


async def send_lead(
    stub: Any, request: service_pb.RedactLeadRequest, scheduled: float, run: Load
) -> None:
    """One RedactLead; latency from its scheduled instant."""
    stats = run.lead_stats[run.phase(scheduled)]
    try:
        await stub.RedactLead(request, timeout=run.args.deadline)
    except grpc.aio.AioRpcError as error:
        note_error(stats.errors, stats.samples, error_label(error), error.details() or "")
        return
    stats.ok += 1
    stats.latencies.append((scheduled - run.t0, (time.perf_counter() - scheduled) * 1000))
    run.accepted["lead"].add(request.lead.id)


async def lead_loop(stub: Any, run: Load) -> None:
    """Open loop: lead ``i`` at ``begin + i / rate`` until ``end``, never waiting."""
    interval = 1.0 / run.args.rate
    tasks: set[asyncio.Task[None]] = set()
    index = 0
    while (scheduled := run.begin + index * interval) < run.end:
        await sleep_until(scheduled)
        stats = run.lead_stats[run.phase(scheduled)]
        stats.max_send_lag_ms = max(stats.max_send_lag_ms, (time.perf_counter() - scheduled) * 1000)
        request = load.request_for(run.leads[index % len(run.leads)], f"soak-lead-{index:06d}")
        stats.sent += 1
        task = asyncio.create_task(send_lead(stub, request, scheduled, run))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        index += 1
    if tasks:
        await asyncio.gather(*tasks)


def segment_message(speaker: str, text: str) -> service_pb.StreamTranscriptRequest:
    """One ``segment`` message."""
    return service_pb.StreamTranscriptRequest(
        segment=pb.TranscriptSegment(speaker=SPEAKER[speaker], text=text)
    )


async def run_call(
    stub: service_grpc.LeadGatewayServiceStub,
    call_id: str,
    turns: Sequence[Turn],
    rng: random.Random,
    run: Load,
) -> bool:
    """One live call: start, the segments ~1 s apart, then end; True when it got its summary."""
    started = time.perf_counter()
    stats = run.call_stats[run.phase(started)]
    stats.calls += 1
    interval = run.args.segment_interval
    call = stub.StreamTranscript(timeout=len(turns) * interval * 3 + 30)
    sent_at: dict[int, float] = {}
    answered: set[int] = set()
    summary: list[service_pb.StreamSummary] = []
    done_writing = [0.0]

    async def read() -> None:
        while True:
            message = await call.read()
            if message is grpc.aio.EOF:
                return
            now = time.perf_counter()
            if message.HasField("segment"):
                index = message.segment.segment_index
                sent = sent_at.get(index)
                if sent is not None and index not in answered:
                    answered.add(index)
                    at = run.call_stats[run.phase(sent)]
                    at.segments_answered += 1
                    latency = (now - sent) * 1000
                    at.segment_latencies.append((sent - run.t0, latency, message.segment.was_held))
            elif message.HasField("summary"):
                summary.append(message.summary)
                stats.summary_latencies.append((now - done_writing[0]) * 1000)

    reader = asyncio.create_task(read())
    try:
        start = service_pb.StreamStart(
            call_id=call_id,
            owner=OWNER,
            campaign_id=CAMPAIGN,
            consumer_state=rng.choice(load.STATES),
        )
        await call.write(service_pb.StreamTranscriptRequest(start=start))
        next_at = time.perf_counter()
        for index, (speaker, text) in enumerate(turns):
            if index:
                next_at += interval * rng.uniform(0.8, 1.2)
                await sleep_until(next_at)
            sent_at[index] = time.perf_counter()
            run.call_stats[run.phase(sent_at[index])].segments_sent += 1
            await call.write(segment_message(speaker, text))
        done_writing[0] = time.perf_counter()
        await call.done_writing()
        await reader
    except grpc.aio.AioRpcError as error:
        note_error(stats.errors, stats.samples, error_label(error), error.details() or "")
        return False
    except asyncio.InvalidStateError:  # a write after the call ended: its status says why
        code = await call.code()
        note_error(stats.errors, stats.samples, code.name, await call.details() or "")
        return False
    finally:
        if not reader.done():
            reader.cancel()
        elif not reader.cancelled():
            reader.exception()  # seen (the call's error was counted once, above)
    if not summary:
        note_error(stats.errors, stats.samples, "NO_SUMMARY", "the stream ended without one")
        return False
    stats.summaries += 1
    if summary[0].segments != len(turns) or len(answered) != len(turns):
        stats.short_summaries += 1
    run.accepted["transcript"].add(call_id)
    return True


async def call_slot(slot: int, stubs: Sequence[Any], run: Load) -> None:
    """Keep one call open until ``end``: a finished call is replaced at once."""
    rng = random.Random(run.args.seed * 1000 + slot)
    fake = Faker("en_US")
    fake.seed_instance(run.args.seed * 1000 + slot)
    stub = stubs[slot % len(stubs)]
    await asyncio.sleep(rng.random() * run.args.segment_interval)  # not all in step
    number = 0
    while time.perf_counter() < run.end:
        turns = make_call(rng, fake, rng.randint(run.args.min_segments, run.args.max_segments))
        ok = await run_call(stub, f"soak-call-{slot:02d}-{number:04d}", turns, rng, run)
        number += 1
        if not ok:
            await asyncio.sleep(0.5)  # a refused call is not retried in a tight loop


# ----------------------------------------------------------------------------- the sink


class SinkProcess:
    """examples/dialer_sink.py as a child process on a fixed port, stopped and restarted."""

    def __init__(self, workdir: Path, port: int) -> None:
        """Nothing runs yet."""
        self.address = f"127.0.0.1:{port}"
        self.out = workdir / "received.jsonl"
        self.log = workdir / "sink.log"
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self, timeout: float = 60.0) -> None:
        """Start it and wait for its ``listening on`` line."""
        with self.log.open("ab") as log:
            log.write(f"--- soak: sink started at {time.strftime('%H:%M:%S')} ---\n".encode())
            log.flush()
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                str(load.SINK_SCRIPT),
                "--listen",
                self.address,
                "--out",
                str(self.out),
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
                cwd=self.out.parent,
            )
        assert self.proc.stdout is not None
        try:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        except TimeoutError:
            line = b""
        if not line.startswith(b"listening on "):
            self.proc.kill()
            await self.proc.wait()
            raise RuntimeError(f"sink did not start: {line!r}\n{load.log_tail(self.log)}")

    async def stop(self, sig: signal.Signals, timeout: float = 30.0) -> int | None:
        """Send ``sig``; returns the exit code (SIGKILL after ``timeout``)."""
        if self.proc is None or self.proc.returncode is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(sig)
        try:
            return await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            return await self.proc.wait()


async def outage(sink: SinkProcess, run: Load, events: dict[str, Any]) -> None:
    """Stop the sink at t0 + outage_at, start it again outage_seconds later."""
    args = run.args
    sig = signal.SIGKILL if args.sink_signal == "kill" else signal.SIGTERM
    await sleep_until(run.t0 + args.outage_at)
    events["stop_at_s"] = round(time.perf_counter() - run.t0, 2)
    events["signal"] = sig.name
    events["sink_exit_code"] = await sink.stop(sig)
    events["stopped_at_s"] = round(time.perf_counter() - run.t0, 2)
    await sleep_until(run.t0 + args.outage_at + args.outage_seconds)
    events["restart_at_s"] = round(time.perf_counter() - run.t0, 2)
    try:
        await sink.start()
    except RuntimeError as error:  # the load goes on; what it accepts will be missing
        events["restart_error"] = str(error)
        say(f"soak: the sink could not be started again: {error}")
        return
    events["listening_at_s"] = round(time.perf_counter() - run.t0, 2)


async def first_store(sink: SinkProcess, run: Load, events: dict[str, Any]) -> None:
    """When the gateway's deliverer finds the restarted sink: when its file grows.

    Cancelled at the end of the drain if it never does.
    """
    while "listening_at_s" not in events:
        await asyncio.sleep(0.1)
    size = sink.out.stat().st_size if sink.out.exists() else 0
    while not (sink.out.exists() and sink.out.stat().st_size > size):
        await asyncio.sleep(0.1)
    events["first_store_after_restart_s"] = round(time.perf_counter() - run.t0, 2)


@dataclass
class SinkFile:
    """The sink's JSONL file, read as it grows (complete lines only)."""

    path: Path
    offset: int = 0
    lines: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, id) -> lines
    other_owner: int = 0
    redelivered: int = 0  # lines with attempt > 1

    def update(self) -> None:
        """Read what was appended since the last call."""
        try:
            size = self.path.stat().st_size
            if size < self.offset:  # rewritten (a deletion notice): read it again
                self.reset()
            with self.path.open("rb") as handle:
                handle.seek(self.offset)
                data = handle.read()
        except OSError:
            return
        end = data.rfind(b"\n") + 1
        self.offset += end
        for raw in data[:end].splitlines():
            if not raw.strip():
                continue
            entry = json.loads(raw)
            if entry.get("owner") != OWNER:
                self.other_owner += 1
                continue
            self.lines[(str(entry["kind"]), str(entry["record_id"]))] += 1
            if int(entry.get("attempt", 1)) > 1:
                self.redelivered += 1

    def reset(self) -> None:
        """Forget what was read."""
        self.offset = self.other_owner = self.redelivered = 0
        self.lines.clear()

    def ids(self, kind: str) -> set[str]:
        """Record ids of ``kind`` in the file."""
        return {record_id for (k, record_id) in self.lines if k == kind}


def sink_log_counts(path: Path) -> dict[str, Counter[str]]:
    """The sink's own log: ``stored``/``duplicate`` lines by kind, and other lines."""
    counts: dict[str, Counter[str]] = {"stored": Counter(), "duplicate": Counter()}
    other: Counter[str] = Counter()
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return {**counts, "other": other}
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in counts:
            counts[words[0]][words[1]] += 1
        elif line and not line.startswith("--- soak:"):
            other[line[:120]] += 1
    return {**counts, "other": other}


# ----------------------------------------------------------------------------- the gateway side


def outbox_depth(path: Path) -> tuple[int, int] | None:
    """(waiting, parked) from the outbox's counts table, read only; None if unreadable."""
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)) as db:
            row = db.execute("SELECT waiting, parked FROM outbox_counts WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else (int(row[0]), int(row[1]))


def snapshot(path: Path, into: Path) -> Path | None:
    """Copy an SQLite file and its WAL into ``into``; the copy's path (None: no file)."""
    if not path.exists():
        return None
    into.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            shutil.copy2(source, into / source.name)
    return into / path.name


def outbox_rows(path: Path | None) -> dict[tuple[str, str], dict[str, Any]]:
    """What the outbox copy still holds, by (kind, record id)."""
    if path is None:
        return {}
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(
            "SELECT kind, record_id, parked, attempts, last_error FROM outbox WHERE owner = ?",
            (OWNER,),
        ).fetchall()
    return {
        (kind, record_id): {"parked": bool(parked), "attempts": attempts, "last_error": error}
        for kind, record_id, parked, attempts, error in rows
    }


def ledger_entries(path: Path | None) -> dict[tuple[str, str], list[str]]:
    """Delivery status of every entry of the copy, by (kind, record id)."""
    # Imported here: gateway.custody pulls in the engine's package, which the load needs not.
    from gateway.custody.store.protocol import AuditQuery
    from gateway.custody.store.sqlite_ledger import SqliteLedger

    entries: dict[tuple[str, str], list[str]] = defaultdict(list)
    if path is None:
        return entries
    store = SqliteLedger(path)
    try:
        for row in store.query(AuditQuery(owner=OWNER)):
            entries[(row.kind, row.record_id)].append(row.delivery_status or row.status)
    finally:
        store.close()
    return entries


def gateway_log_summary(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Access-log codes by rpc, and WARNING/ERROR lines by message."""
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    by_pid: dict[str, Counter[str]] = defaultdict(Counter)
    problems: Counter[str] = Counter()
    for entry in entries:
        if entry.get("message") == "rpc done":
            codes[str(entry.get("rpc"))][str(entry.get("code"))] += 1
            by_pid[str(entry.get("pid"))][str(entry.get("rpc"))] += 1
        level = str(entry.get("level"))
        if level in {"WARNING", "ERROR", "CRITICAL", "NON_JSON"}:
            detail = entry.get("error") or entry.get("code") or entry.get("exception") or ""
            problems[f"{level} {entry.get('message')} {detail}".strip()[:160]] += 1
    return {
        "codes_by_rpc": {rpc: dict(sorted(c.items())) for rpc, c in sorted(codes.items())},
        "calls_by_pid": {pid: dict(sorted(c.items())) for pid, c in sorted(by_pid.items())},
        "problems": dict(problems.most_common(12)),
    }


def git_state() -> dict[str, Any]:
    """The commit, and the gateway/redaction files changed in the work tree (they run)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "gateway", "redaction", "examples"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
    except OSError:
        return {}
    return {"head": head, "uncommitted": [line[3:] for line in changed if line.strip()]}


def established(port: int) -> dict[tuple[str, str], int]:
    """Established TCP connections to ``port`` (remote address, remote port) -> socket inode."""
    found: dict[tuple[str, str], int] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, state, inode = fields[1], fields[2], fields[3], fields[9]
            if state == "01" and int(local.rsplit(":", 1)[1], 16) == port:
                address, remote_port = remote.rsplit(":", 1)
                found[(address, remote_port)] = int(inode)
    return found


def socket_owner(inode: int, pids: Iterable[int]) -> int | None:
    """The process of the tree holding socket ``inode``."""
    target = f"socket:[{inode}]"
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                if os.readlink(fd) == target:
                    return pid
        except OSError:
            continue
    return None


async def open_channels(
    target: str, root: int, args: argparse.Namespace, channels: list[grpc.aio.Channel]
) -> dict[str, int]:
    """``--channels`` connections, as many to each worker (unless ``--no-balance``).

    One connection stays with the worker the kernel gave it (SO_REUSEPORT hashes it): the
    channels are opened one by one, each one's worker read from /proc, and one too many
    for its worker is closed, so the load is offered evenly. Returns connections per pid.
    """
    port = int(target.rsplit(":", 1)[1])
    pids = server_load.tree_pids(root)
    share = -(-args.channels // args.workers)  # per worker, rounded up
    per_pid: Counter[str] = Counter()
    tries = 0
    while len(channels) < args.channels:
        tries += 1
        before = established(port)
        channel = grpc.aio.insecure_channel(target, options=server_load.CHANNEL_OPTIONS)
        await asyncio.wait_for(channel.channel_ready(), 10)
        new = [inode for key, inode in established(port).items() if key not in before]
        owner = socket_owner(new[0], pids) if len(new) == 1 else None
        name = str(owner) if owner is not None else "?"
        full = per_pid[name] >= share and args.workers > 1
        if args.balance and full and tries < 10 * args.channels:
            await channel.close()  # its worker has its share: try another connection
            continue
        per_pid[name] += 1
        channels.append(channel)
    return dict(sorted(per_pid.items()))


# ----------------------------------------------------------------------------- the run


@dataclass
class Samples:
    """Gateway tree RSS and outbox depth over time."""

    points: list[dict[str, Any]] = field(default_factory=list)
    rss_start: float | None = None
    rss_end: float | None = None
    by_process_start: list[dict[str, Any]] = field(default_factory=list)
    by_process_end: list[dict[str, Any]] = field(default_factory=list)
    cpu: dict[str, float | None] = field(default_factory=dict)
    gateway_died_at_s: float | None = None


def sample_times(begin: float, t0: float, end: float) -> list[float]:
    """Every 2 s from ``begin``, and exactly at ``t0`` and ``end``."""
    times = {begin, t0, end}
    instant = begin
    while instant < end:
        times.add(instant)
        instant += SAMPLE_S
    return sorted(t for t in times if t <= end)


async def sampler(
    gateway: subprocess.Popen[bytes], outbox: Path, run: Load, samples: Samples
) -> None:
    """RSS and outbox depth every 2 s from the warm-up to the end of the load."""
    pid = gateway.pid
    cpu_start: dict[int, float] = {}
    own_start = 0.0
    for instant in sample_times(run.begin, run.t0, run.end):
        await sleep_until(instant)
        offset = round(instant - run.t0, 1)
        if gateway.poll() is not None and samples.gateway_died_at_s is None:
            samples.gateway_died_at_s = offset
        rss, processes = server_load.tree_rss_mb(pid)
        depth = await asyncio.to_thread(outbox_depth, outbox)
        samples.points.append(
            {"t_s": offset, "rss_mb": rss, "processes": processes, "outbox": depth}
        )
        if instant == run.t0:
            samples.rss_start = rss
            samples.by_process_start = server_load.tree_rss_by_process(pid)
            cpu_start = server_load.tree_cpu(pid)
            own_start = time.process_time()
    samples.rss_end = samples.points[-1]["rss_mb"] if samples.points else None
    samples.by_process_end = server_load.tree_rss_by_process(pid)
    cpu_end = server_load.tree_cpu(pid)
    seconds = run.end - run.t0
    used = sum(value - cpu_start.get(p, 0.0) for p, value in cpu_end.items())
    samples.cpu = {
        "gateway_tree_pct": round(100 * used / seconds, 1),
        "client_pct": round(100 * (time.process_time() - own_start) / seconds, 1),
    }


async def drain(
    sink_file: SinkFile, outbox: Path, accepted: dict[str, set[str]], seconds: float
) -> dict[str, Any]:
    """Until the sink holds every accepted record, or nothing waits in the outbox."""
    started = time.perf_counter()
    while True:
        depth = await asyncio.to_thread(outbox_depth, outbox)  # first: then the file
        sink_file.update()
        missing = sum(len(ids - sink_file.ids(kind)) for kind, ids in accepted.items())
        waited = time.perf_counter() - started
        if missing == 0:
            why = "the sink holds every accepted record"
        elif depth is not None and depth[0] == 0:
            why = f"the outbox has nothing waiting ({missing} accepted records not at the sink)"
        elif waited > seconds:
            why = f"--drain-seconds passed ({missing} not at the sink, outbox {depth})"
        else:
            await asyncio.sleep(DRAIN_POLL_S)
            continue
        return {"seconds": round(waited, 2), "why": why, "outbox_at_end": depth}


async def measure(
    args: argparse.Namespace,
    gateway: subprocess.Popen[bytes],
    target: str,
    spawned: float,
    sink: SinkProcess,
    data_dir: Path,
    log_path: Path,
    log: Any,
    results: dict[str, Any],
) -> Load | None:
    """Everything between spawning the gateway and stopping it."""
    startup = await load.wait_serving(gateway, target, spawned, args.startup_timeout, log_path)
    remaining = max(1.0, args.startup_timeout - (time.perf_counter() - spawned))
    _, ready = await server_load.wait_all_ready(gateway, log, args.workers, remaining)
    if not ready:
        raise RuntimeError(f"no 'leadgate ready' for {args.workers} worker(s)")
    results["startup_s"] = {
        "first_serving": round(startup.serving_s, 2),
        "all_ready": round(time.perf_counter() - spawned, 2),
    }
    rss, processes = server_load.tree_rss_mb(gateway.pid)
    results["rss_mb_ready"] = rss
    say(
        f"gateway: {args.workers} worker(s), SERVING after {results['startup_s']['first_serving']}"
        f" s, all ready after {results['startup_s']['all_ready']} s; tree RSS {rss} MB"
        f" ({processes} processes)"
    )

    channels: list[grpc.aio.Channel] = []
    leads = make_leads(args.seed)
    try:
        split = await open_channels(target, gateway.pid, args, channels)
        results["connections_per_process"] = split
        say(f"client connections per gateway process: {split}")
        lead_stub = server_load.RoundRobinStub(channels)
        call_stubs = [service_grpc.LeadGatewayServiceStub(c) for c in channels]

        warm = await load.warm_up(lead_stub, leads, SEQUENTIAL_WARMUP, "soak-warmup")
        results["sequential_warmup"] = {
            "calls": warm.sent,
            "ok": warm.codes["OK"],
            "p50_ms": pct(warm.ok_latencies_ms, 0.5),
        }
        say(
            f"sequential warm-up: {warm.sent} RedactLead, {warm.codes['OK']} OK, p50 "
            f"{fmt(results['sequential_warmup']['p50_ms'])} ms"
        )

        begin = time.perf_counter() + 0.05
        t0 = begin + args.warmup_seconds
        run = Load(args=args, begin=begin, t0=t0, end=t0 + args.duration, leads=leads)
        run.accepted["lead"].update(warm.ok_ids)
        results["loadavg_before_load"] = server_load.loadavg()
        say(
            f"load: {args.warmup_seconds:g} s warm-up then {args.duration:g} s measured; "
            f"{args.rate:g} RedactLead/s, {args.calls} live calls; sink "
            f"{args.sink_signal.upper()} at {args.outage_at:g} s for {args.outage_seconds:g} s; "
            f"load average {results['loadavg_before_load']}"
        )
        samples = Samples()
        events: dict[str, Any] = {}
        work = [
            asyncio.create_task(lead_loop(lead_stub, run)),
            *(asyncio.create_task(call_slot(s, call_stubs, run)) for s in range(args.calls)),
        ]
        watcher = asyncio.create_task(sampler(gateway, data_dir / "outbox.sqlite3", run, samples))
        side = []
        resumed: asyncio.Task[None] | None = None
        if args.outage_seconds > 0 and args.outage_at < args.duration:
            side.append(asyncio.create_task(outage(sink, run, events)))
            resumed = asyncio.create_task(first_store(sink, run, events))
        await asyncio.gather(*work, watcher, *side)
        results["load_finished_s"] = round(time.perf_counter() - t0, 2)
        results["outage"] = events
        results["samples"] = samples
        results["rss_mb_after_load"] = server_load.tree_rss_mb(gateway.pid)[0]
        results["loadavg_after_load"] = server_load.loadavg()
        say(
            f"load done {results['load_finished_s']} s after its start (the last calls ran "
            f"to their end); load average {results['loadavg_after_load']}; draining"
        )
        sink_file = SinkFile(sink.out)
        results["drain"] = await drain(
            sink_file, data_dir / "outbox.sqlite3", run.accepted, args.drain_seconds
        )
        results["rss_mb_after_drain"] = server_load.tree_rss_mb(gateway.pid)[0]
        say(f"drain: {results['drain']['why']} after {results['drain']['seconds']} s")
        if resumed is not None and not resumed.done():
            await asyncio.sleep(1.0)  # the drain may end on the store it is about to see
            resumed.cancel()
        return run
    finally:
        for channel in channels:
            await channel.close()


async def run_soak(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Start the sink and the gateway, load, drain, stop both, count."""
    data_dir = workdir / "data"
    log_path = workdir / "gateway.log"
    log = server_load.GatewayLog(log_path)
    results: dict[str, Any] = {
        "workers": args.workers,
        "rate_rps": args.rate,
        "calls": args.calls,
        "duration_s": args.duration,
        "warmup_s": args.warmup_seconds,
        "deadline_s": args.deadline,
        "sink_signal": args.sink_signal,
        "cpus": os.cpu_count(),
        "loadavg_start": server_load.loadavg(),
        "git": git_state(),
        "workdir": str(workdir),
    }
    sink = SinkProcess(workdir, load.free_port())
    try:
        await sink.start()
    except RuntimeError as error:
        results["error"] = str(error)
        say(f"soak: {error}")
        return results
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env.update(
        LEADGATE_METRICS_PORT="0",
        LEADGATE_DATA_DIR=str(data_dir),
        LEADGATE_SINK_ADDRESS=sink.address,
    )
    port = load.free_port()
    target = f"127.0.0.1:{port}"
    command = [*load.leadgate_command(), "serve", "--port", str(port)]
    command += ["--workers", str(args.workers)]
    with log_path.open("wb") as log_file:
        spawned = time.perf_counter()
        gateway = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=workdir
        )
    run: Load | None = None
    try:
        run = await measure(args, gateway, target, spawned, sink, data_dir, log_path, log, results)
    except (RuntimeError, TimeoutError, grpc.aio.AioRpcError) as error:
        results["error"] = f"{type(error).__name__}: {error}"
        say(f"soak: {results['error']}")
    finally:
        if gateway.poll() is None:
            code, took, killed = await asyncio.to_thread(
                load.stop_process, gateway, args.shutdown_timeout
            )
        else:
            code, took, killed = gateway.returncode, 0.0, False
            results["gateway_died"] = True
        results["gateway_shutdown"] = {"exit_code": code, "seconds": round(took, 2)}
        results["gateway_shutdown"]["killed"] = killed
        results["sink_exit_code"] = await sink.stop(signal.SIGTERM)
        results["gateway_log"] = gateway_log_summary(server_load.GatewayLog(log_path).new_entries())
        results["loadavg_end"] = server_load.loadavg()
    if run is not None:
        results["load"] = {"leads": run.lead_stats, "calls": run.call_stats}
        results["records"] = account(run, sink, data_dir, workdir / "snapshot")
    return results


# ----------------------------------------------------------------------------- the books


def account(run: Load, sink: SinkProcess, data_dir: Path, into: Path) -> dict[str, Any]:
    """Accepted vs delivered vs ledger, per kind, and where each lost record stopped."""
    sink_file = SinkFile(sink.out)
    sink_file.update()
    sink_log = sink_log_counts(sink.log)
    ledger = ledger_entries(snapshot(data_dir / "ledger.sqlite3", into))
    outbox = outbox_rows(snapshot(data_dir / "outbox.sqlite3", into))
    books: dict[str, Any] = {}
    for kind in KINDS:
        accepted = run.accepted[kind]
        at_sink = sink_file.ids(kind)
        in_ledger = {record_id for (k, record_id) in ledger if k == kind}
        statuses: Counter[str] = Counter()
        accepted_statuses: Counter[str] = Counter()
        for (k, record_id), found in ledger.items():
            if k == kind:
                statuses.update(found)
                if record_id in accepted:
                    accepted_statuses.update(found)
        lost: dict[str, list[str]] = defaultdict(list)
        for record_id in sorted(accepted - at_sink):
            row = outbox.get((kind, record_id))
            states = ledger.get((kind, record_id), [])
            if row is not None:
                stage = "in the outbox, parked" if row["parked"] else "in the outbox, waiting"
                stage += f" (attempts {row['attempts']}, {row['last_error'] or 'no error'})"
            elif not states:
                stage = "not in the ledger, not in the outbox"
            else:
                stage = f"in the ledger as {'/'.join(states)}, not in the outbox"
            lost[stage].append(record_id)
        books[kind] = {
            "accepted": len(accepted),
            "delivered": len(accepted & at_sink),
            "lost": len(accepted - at_sink),
            "lost_by_stage": {
                stage: [*ids[:10], f"... {len(ids)} in all"] for stage, ids in lost.items()
            },
            "at_sink_not_accepted": len(at_sink - accepted),
            "duplicated": sum(1 for (k, _), n in sink_file.lines.items() if k == kind and n > 1),
            "repeats_absorbed_by_sink": sink_log["duplicate"][kind],
            "stored_per_sink_log": sink_log["stored"][kind],
            "in_ledger": len(accepted & in_ledger),
            "accepted_not_in_ledger": len(accepted - in_ledger),
            "ledger_entries": sum(len(v) for (k, _), v in ledger.items() if k == kind),
            "ids_with_several_entries": sum(
                1 for (k, _), v in ledger.items() if k == kind and len(v) > 1
            ),
            "ledger_status": dict(sorted(statuses.items())),
            "ledger_status_of_accepted": dict(sorted(accepted_statuses.items())),
            "left_in_outbox": sum(1 for (k, _) in outbox if k == kind),
        }
    books["sink_lines_with_attempt_over_1"] = sink_file.redelivered
    books["sink_other_log_lines"] = dict(sink_log["other"].most_common(5))
    return books


# ----------------------------------------------------------------------------- the report


def lead_row(name: str, stats: LeadStats) -> str:
    """A table row for RedactLead."""
    ms = [latency for _, latency in stats.latencies]
    cells = [name, str(stats.sent), str(stats.ok), codes_text(stats.errors)]
    cells += [fmt(pct(ms, 0.5)), fmt(pct(ms, 0.99)), fmt(round(max(ms), 2) if ms else None)]
    return "| " + " | ".join(cells) + " |"


def call_rows(name: str, stats: CallStats) -> list[str]:
    """Table rows for StreamTranscript: per call, per segment, segments not held."""
    every = [ms for _, ms, _ in stats.segment_latencies]
    prompt = [ms for _, ms, held in stats.segment_latencies if not held]
    short = f" ({stats.short_summaries} short)" if stats.short_summaries else ""
    rows = [
        [
            f"{name}: calls (summary after the last segment)",
            str(stats.calls),
            f"{stats.summaries}{short}",
            codes_text(stats.errors),
            fmt(pct(stats.summary_latencies, 0.5)),
            fmt(pct(stats.summary_latencies, 0.99)),
            fmt(round(max(stats.summary_latencies), 2) if stats.summary_latencies else None),
        ],
        [
            f"{name}: segments, all",
            str(stats.segments_sent),
            str(stats.segments_answered),
            "",
            fmt(pct(every, 0.5)),
            fmt(pct(every, 0.99)),
            fmt(round(max(every), 2) if every else None),
        ],
        [
            f"{name}: segments answered at once (not held)",
            "",
            str(len(prompt)),
            "",
            fmt(pct(prompt, 0.5)),
            fmt(pct(prompt, 0.99)),
            fmt(round(max(prompt), 2) if prompt else None),
        ],
    ]
    return ["| " + " | ".join(cells) + " |" for cells in rows]


def window_p99(stats: LeadStats, outage: dict[str, Any], duration: float) -> str:
    """Lead p99 before, during and after the sink's outage."""
    stop = outage.get("stop_at_s")
    back = outage.get("listening_at_s")
    if stop is None or back is None:
        return "no outage"
    windows = (("before", 0.0, stop), ("during", stop, back), ("after", back, duration))
    parts = []
    for name, low, high in windows:
        ms = [latency for offset, latency in stats.latencies if low <= offset < high]
        parts.append(f"{name} {fmt(pct(ms, 0.99))} ms ({len(ms)} OK)")
    return ", ".join(parts)


def targets(results: dict[str, Any], args: argparse.Namespace) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for every check."""
    checks: list[tuple[str, str, bool]] = []
    if "records" not in results:
        return [("the run completed", results.get("error", "no"), False)]
    books = results["records"]
    lost = sum(books[k]["lost"] for k in KINDS)
    checks.append(("lost = 0", str(lost), lost == 0))
    duplicated = sum(books[k]["duplicated"] for k in KINDS)
    checks.append(("duplicated at the sink = 0", str(duplicated), duplicated == 0))
    missing = sum(books[k]["accepted_not_in_ledger"] for k in KINDS)
    several = sum(books[k]["ids_with_several_entries"] for k in KINDS)
    checks.append(
        (
            "every accepted record has one ledger entry",
            f"{missing} missing, {several} ids with several",
            missing == 0 and several == 0,
        )
    )
    call_status = books["transcript"]["ledger_status"]
    unfinished = call_status.get("open", 0) + call_status.get("cut-off", 0)
    checks.append(("no call left open / cut-off in the ledger", str(unfinished), unfinished == 0))
    samples: Samples = results["samples"]
    if samples.rss_start and samples.rss_end:
        ratio = samples.rss_end / samples.rss_start
        checks.append(
            (
                f"RSS end / start <= {1 + args.max_rss_growth:g}",
                f"{ratio:.3f} ({samples.rss_start} -> {samples.rss_end} MB)",
                ratio <= 1 + args.max_rss_growth,
            )
        )
    else:
        checks.append(("RSS measured", "no", False))
    leads: dict[str, LeadStats] = results["load"]["leads"]
    calls: dict[str, CallStats] = results["load"]["calls"]
    bad: Counter[str] = Counter()
    shed = 0
    for stats in leads.values():
        shed += sum(n for code, n in stats.errors.items() if code in SHED)
        bad.update({code: n for code, n in stats.errors.items() if code not in SHED})
    for call_stats in calls.values():
        bad.update(call_stats.errors)
        if call_stats.short_summaries:
            bad["SHORT_SUMMARY"] += call_stats.short_summaries
    checks.append(("no error but SERVER_BUSY sheds", codes_text(bad), not bad))
    sent = sum(stats.sent for stats in leads.values())
    fraction = shed / sent if sent else 0.0
    checks.append(
        (
            f"leads shed (SERVER_BUSY) <= {args.max_shed:.0%}",
            f"{shed} ({fraction:.2%})",
            fraction <= args.max_shed,
        )
    )
    died = results.get("gateway_died") or samples.gateway_died_at_s is not None
    checks.append(("the gateway ran throughout", "died" if died else "yes", not died))
    return checks


def report(results: dict[str, Any], args: argparse.Namespace) -> list[tuple[str, str, bool]]:
    """Print the tables; returns the checks."""
    say()
    if "load" in results:
        leads: dict[str, LeadStats] = results["load"]["leads"]
        calls: dict[str, CallStats] = results["load"]["calls"]
        say(f"### Load ({args.duration:g} s measured, after {args.warmup_seconds:g} s warm-up)")
        say()
        say("| kind | sent | OK | errors | p50 ms | p99 ms | max ms |")
        say("|---|--:|--:|---|--:|--:|--:|")
        say(lead_row("lead (RedactLead, scheduled -> answer)", leads["load"]))
        for line in call_rows("call", calls["load"]):
            say(line)
        say(lead_row("warm-up: leads", leads["warmup"]))
        say(call_rows("warm-up", calls["warmup"])[0])
        say()
        say(
            "lead p99 around the outage: "
            + window_p99(leads["load"], results.get("outage", {}), args.duration)
        )
        say(f"max lead send lag {fmt(round(leads['load'].max_send_lag_ms, 1))} ms")
        for stats in (leads["load"], leads["warmup"], calls["load"], calls["warmup"]):
            for sample in dict.fromkeys(stats.samples):
                say(f"  error sample: {sample}")
    samples: Samples | None = results.get("samples")
    if samples is not None:
        say()
        say("### Gateway process tree")
        say()
        say("| measure | value |")
        say("|---|---|")
        ratio = (
            f"{samples.rss_end / samples.rss_start:.3f}"
            if samples.rss_start and samples.rss_end
            else "n/a"
        )
        peak = max((p["rss_mb"] for p in samples.points), default=None)
        start_detail = ", ".join(f"{p['role']} {p['rss_mb']}" for p in samples.by_process_start)
        end_detail = ", ".join(f"{p['role']} {p['rss_mb']}" for p in samples.by_process_end)
        say(f"| workers | {args.workers} |")
        say(f"| RSS at load start (after warm-up) | {fmt(samples.rss_start)} MB ({start_detail}) |")
        say(f"| RSS at load end | {fmt(samples.rss_end)} MB ({end_detail}) |")
        say(f"| RSS end / start | {ratio} |")
        say(f"| RSS peak of the 2 s samples | {fmt(peak)} MB |")
        say(f"| RSS after the drain | {fmt(results.get('rss_mb_after_drain'))} MB |")
        say(f"| gateway tree CPU during the load | {fmt(samples.cpu.get('gateway_tree_pct'))} % |")
        say(f"| this client's CPU during the load | {fmt(samples.cpu.get('client_pct'))} % |")
        depths = [p["outbox"][0] for p in samples.points if p["outbox"] is not None]
        say(f"| outbox waiting, peak of the samples | {fmt(max(depths, default=None))} |")
        say(
            f"| load average (start / before load / after load / end) | "
            f"{results.get('loadavg_start')} / {results.get('loadavg_before_load')} / "
            f"{results.get('loadavg_after_load')} / {results.get('loadavg_end')} |"
        )
        trend = " ".join(
            f"{p['t_s']:g}s:{p['rss_mb']:g}/{p['outbox'][0] if p['outbox'] else '-'}"
            for p in samples.points
        )
        say()
        say(f"RSS MB / outbox waiting over time: {trend}")
    outage = results.get("outage")
    if outage:
        say(
            f"sink outage: {outage.get('signal')} at {outage.get('stop_at_s')} s (exit code "
            f"{outage.get('sink_exit_code')}), restarted at {outage.get('restart_at_s')} s, "
            f"listening at {outage.get('listening_at_s')} s; the gateway's first delivery after "
            f"that at {fmt(outage.get('first_store_after_restart_s'))} s"
        )
    if "drain" in results:
        drain_info = results["drain"]
        say(
            f"drain: {drain_info['why']} after {drain_info['seconds']} s; "
            f"outbox (waiting, parked) {drain_info['outbox_at_end']}"
        )
    books = results.get("records")
    if books is not None:
        say()
        say("### Records")
        say()
        say(
            "| kind | accepted | delivered | lost | duplicated | repeats absorbed by the sink "
            "| in the ledger | ledger statuses (all entries) | left in outbox |"
        )
        say("|---|--:|--:|--:|--:|--:|--:|---|--:|")
        for kind in KINDS:
            b = books[kind]
            statuses = ", ".join(f"{s}={n}" for s, n in b["ledger_status"].items()) or "none"
            say(
                f"| {kind} | {b['accepted']} | {b['delivered']} | {b['lost']} | "
                f"{b['duplicated']} | {b['repeats_absorbed_by_sink']} | {b['in_ledger']} | "
                f"{statuses} | {b['left_in_outbox']} |"
            )
        say()
        for kind in KINDS:
            b = books[kind]
            if b["at_sink_not_accepted"]:
                say(
                    f"{kind}: {b['at_sink_not_accepted']} at the sink the client never got OK "
                    "for (its answer failed after the gateway accepted it)"
                )
            for stage, ids in b["lost_by_stage"].items():
                say(f"{kind} LOST, {stage}: {', '.join(ids)}")
        say(
            f"sink: dedups by (owner, record_id, revision); lines with attempt > 1: "
            f"{books['sink_lines_with_attempt_over_1']}"
        )
    shutdown = results.get("gateway_shutdown", {})
    say(
        f"gateway: SIGTERM -> exit {shutdown.get('exit_code')} in {shutdown.get('seconds')} s"
        f"{' (KILLED)' if shutdown.get('killed') else ''}"
    )
    gateway_log = results.get("gateway_log", {})
    for rpc, codes in gateway_log.get("codes_by_rpc", {}).items():
        say(f"  access log {rpc}: {codes_text(Counter(codes))}")
    for pid, rpcs in gateway_log.get("calls_by_pid", {}).items():
        say(f"  access log, process {pid}: {codes_text(Counter(rpcs))}")
    problems = gateway_log.get("problems", {})
    say(f"  WARNING/ERROR lines: {'none' if not problems else ''}")
    for problem, count in problems.items():
        say(f"    {count} x {problem}")
    git = results.get("git", {})
    say(f"code: {git.get('head')}; uncommitted gateway/redaction files: {git.get('uncommitted')}")
    checks = targets(results, args)
    say()
    say("### Targets")
    say()
    say("| target | measured | result |")
    say("|---|---|---|")
    for name, measured, met in checks:
        say(f"| {name} | {measured} | {'met' if met else '**MISSED**'} |")
    return checks


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("--workers", type=int, default=1, help="gateway processes (default 1)")
    add("--duration", type=float, default=60.0, help="measured load, seconds (default 60)")
    add("--warmup-seconds", type=float, default=15.0, help="full load before (default 15)")
    add("--rate", type=float, default=100.0, help="RedactLead per second (default 100)")
    add("--deadline", type=float, default=2.0, help="RedactLead deadline, seconds (default 2)")
    add("--calls", type=int, default=50, help="live calls open at all times (default 50)")
    add("--min-segments", type=int, default=6, help="segments per call, at least (default 6)")
    add("--max-segments", type=int, default=12, help="segments per call, at most (default 12)")
    add("--segment-interval", type=float, default=1.0, help="seconds between segments")
    add("--outage-at", type=float, default=20.0, help="sink stopped at (s into the load)")
    add("--outage-seconds", type=float, default=10.0, help="sink down for (0: no outage)")
    add("--sink-signal", choices=("kill", "term"), default="kill", help="how the sink stops")
    add("--channels", type=int, default=32, help="client connections (default 32)")
    add("--no-balance", dest="balance", action="store_false", help="take the kernel's split")
    add("--drain-seconds", type=float, default=90.0, help="wait for delivery, at most")
    add("--max-rss-growth", type=float, default=0.10, help="RSS end/start - 1 (default 0.10)")
    add("--max-shed", type=float, default=0.05, help="leads shed SERVER_BUSY, at most (0.05)")
    add("--no-check", action="store_true", help="report only: exit 0 whatever the targets")
    add("--json", type=Path, help="write the results here as JSON")
    add("--keep", type=Path, help="work in this directory and keep it")
    add("--seed", type=int, default=20240611, help="synthetic data seed")
    add("--startup-timeout", type=float, default=180.0, help="seconds")
    add("--shutdown-timeout", type=float, default=30.0, help="seconds")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.channels < 1 or args.calls < 0:
        parser.error("--workers and --channels >= 1, --calls >= 0")
    if args.rate <= 0 or args.duration <= 0:
        parser.error("--rate and --duration must be positive")
    if not 1 <= args.min_segments <= args.max_segments:
        parser.error("1 <= --min-segments <= --max-segments")
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: not empty (a sink file or ledger there would count)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run, report; 0 when every target is met, 1 when one is missed, 2 when it could not run."""
    args = parse_args(argv)
    say(
        f"soak: {os.cpu_count()} CPUs, load average {server_load.loadavg()}; "
        f"{args.workers} worker(s)"
    )
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = asyncio.run(run_soak(args, args.keep))
        checks = report(results, args)
    else:
        with tempfile.TemporaryDirectory(prefix="leadgate-soak-") as tmp:
            results = asyncio.run(run_soak(args, Path(tmp)))
            checks = report(results, args)
    if args.json is not None:
        results["targets"] = [{"target": n, "measured": m, "met": ok} for n, m, ok in checks]
        args.json.write_text(json.dumps(results, indent=2, default=jsonable) + "\n")
    if "records" not in results:
        return 2
    if args.no_check:
        return 0
    return 0 if all(met for _, _, met in checks) else 1


def jsonable(value: Any) -> Any:
    """Dataclasses and sets for json.dumps."""
    if isinstance(value, set):
        return sorted(value)
    # Not asdict: it rebuilds a Counter from (key, value) pairs, counting the pairs.
    return {f.name: getattr(value, f.name) for f in fields(value)}


if __name__ == "__main__":
    sys.exit(main())
