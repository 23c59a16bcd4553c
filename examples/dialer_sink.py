"""A small DialerSinkService that appends every delivered record to a JSONL file.

Start from this when you integrate a dialer with the gateway. Run it on loopback:

    python examples/dialer_sink.py --listen 127.0.0.1:50061 --out received.jsonl

It prints one line, ``listening on HOST:PORT``, with the port actually bound (so
``--listen 127.0.0.1:0`` picks a free one), and stops cleanly on SIGINT or SIGTERM.
``--delay-ms N`` makes every delivery N ms slower (a slow dialer) and ``--fail-first N``
answers UNAVAILABLE to the first N calls, deletion notices included (an outage), to watch
the gateway retry.

Exactly-once contract: the gateway delivers at least once and may repeat a delivery it
already got OK for (after a timeout, a restart, or from a second replica of a fleet
when a lease ran out). This sink stores each delivery's ``idempotency_key`` once (a
delivery without one, from an older gateway: each (owner, record_id, revision)): a
repeat is answered OK with ``duplicate=True`` and writes nothing. The set of stored
keys is rebuilt from the file at start-up, so the guarantee holds across restarts. A
line is written, flushed and fsynced before OK is answered, so OK means durably stored;
a torn last line left by a crash was never acknowledged and is dropped at start-up. The
file is an append-only log: a higher revision of a record is a new line, and readers
keep the highest revision per (owner, record_id).

Each line is a JSON object with ``kind`` ("lead" or "transcript"), ``owner``,
``record_id``, ``revision``, ``idempotency_key``, ``attempt``, ``accepted_at`` (RFC 3339),
``record`` (the redacted lead or transcript), ``tags``, ``findings`` and, for transcripts,
``mute_intervals``; the last four are proto JSON with every field present (int64 values
are strings). It listens without TLS: keep it on loopback or put TLS in front.

Deletion notices (DeleteRecord, sent when a consumer asked the client to delete their
data): the sink removes every revision of the (owner, record_id) of that kind from the
output file, which it rewrites atomically (written aside as ``<out>.tmp``, fsynced,
renamed over ``<out>``), and forgets those keys. It then appends the notice to
``<out>.deletions.jsonl`` (e.g. ``received.jsonl.deletions.jsonl``), one JSON object a
line with ``notice_id``, ``owner``, ``record_id``, ``kind``, ``requested_at`` (RFC 3339),
``reference``, ``attempt``, ``held`` (whether it held the record) and ``removed`` (lines
removed), and answers ``held``. Each notice_id is acted on once, across restarts: a
repeat is answered with the ``held`` recorded the first time. The removal is made durable
before the notice line is, so a crash in between only repeats the (now empty) deletion,
answering held=false.

Recording hints (NoteRecordingHint, sent during live calls): a dialer pauses or resumes
the call's recorder. This example logs each one (``recording PAUSE call-7 #1: asked
CREDIT_CARD``) and appends it to ``<out>.hints.jsonl``, one JSON object a line with
``call_id``, ``owner``, ``action``, ``entity_type``, ``cause``, ``segment_index``,
``sequence``, ``warning`` and ``decided_at``; hints carry no values. A real integration
calls its recorder here (see the README, "Pausing the call recording").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import json_format
from google.protobuf.message import Message

from gateway._pb.leadgate.v1 import dialer_sink_pb2, dialer_sink_pb2_grpc, leadgate_pb2

logger = logging.getLogger("dialer_sink")

RecordKey = tuple[str, str, int]
"""(owner, record_id, revision): what a sink stores once when a delivery has no key."""
StoreKey = str | RecordKey
"""What a sink stores only once: the idempotency key, else the record key."""

_KIND_NAMES = {
    dialer_sink_pb2.RECORD_KIND_LEAD: "lead",
    dialer_sink_pb2.RECORD_KIND_TRANSCRIPT: "transcript",
}


def deletions_path(out: Path) -> Path:
    """Where the sink logs the deletion notices it acted on: ``<out>.deletions.jsonl``."""
    return out.with_name(out.name + ".deletions.jsonl")


def hints_path(out: Path) -> Path:
    """Where the sink appends the recording hints it got: beside ``out``."""
    return out.with_name(out.name + ".hints.jsonl")


def _to_dict(message: Message) -> dict[str, Any]:
    """Proto JSON with the proto's field names and every field, so readers need no defaults.

    Without ``always_print_fields_with_no_presence`` a zero (segment_index 0, an
    unspecified enum) would be left out and look like a missing field. As in all proto
    JSON, int64 values such as start_ms are strings.
    """
    return json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def _complete_lines(path: Path) -> list[tuple[int, bytes]]:
    """The file's complete, non-blank lines, numbered; a torn last line is cut off.

    A last line without its newline was being written when the process died; it was
    never acknowledged (OK comes only after the fsync), so dropping it loses nothing and
    the gateway will send it again.
    """
    if not path.exists():
        return []
    data = path.read_bytes()
    complete_end = data.rfind(b"\n") + 1
    if complete_end < len(data):
        logger.warning("%s: dropping a torn last line (%d bytes)", path, len(data) - complete_end)
        with path.open("r+b") as handle:
            handle.truncate(complete_end)
            handle.flush()
            os.fsync(handle.fileno())
    numbered = enumerate(data[:complete_end].splitlines(), start=1)
    return [(number, raw) for number, raw in numbered if raw.strip()]


def store_key(owner: str, record_id: str, revision: int, idempotency_key: str) -> StoreKey:
    """The delivery's idempotency key; without one (an older gateway), its record key.

    Not the record key when there is a key: separate outboxes (one per host) number
    their revisions apart, so two records may share (owner, record_id, revision).
    """
    return idempotency_key or (owner, record_id, revision)


def _line_key(entry: dict[str, Any]) -> StoreKey:
    """The store key of one output line (lines from before keys have none)."""
    return store_key(
        str(entry["owner"]),
        str(entry["record_id"]),
        int(entry["revision"]),
        str(entry.get("idempotency_key", "")),
    )


def load_stored_keys(out: Path) -> set[StoreKey]:
    """Read the keys already in ``out`` and cut off a torn last line so appends stay clean.

    A damaged line elsewhere raises ValueError: the file is not what this sink wrote,
    and guessing would break exactly-once.
    """
    keys: set[StoreKey] = set()
    for number, raw in _complete_lines(out):
        try:
            keys.add(_line_key(json.loads(raw)))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{out}:{number}: not a sink record: {exc}") from exc
    return keys


def load_notices(deletions: Path) -> dict[int, bool]:
    """The notice ids already acted on, each with the ``held`` it was answered with."""
    notices: dict[int, bool] = {}
    for number, raw in _complete_lines(deletions):
        try:
            entry = json.loads(raw)
            notices[int(entry["notice_id"])] = bool(entry["held"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{deletions}:{number}: not a deletion notice: {exc}") from exc
    return notices


def _fsync_dir(path: Path) -> None:
    """Make a newly created file's directory entry durable too (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class JsonlSink(dialer_sink_pb2_grpc.DialerSinkServiceServicer):
    """Stores each delivery (by its store key) once, as one fsynced JSONL line."""

    def __init__(self, out: Path, delay_ms: int = 0, fail_first: int = 0) -> None:
        """Load what ``out`` already holds so repeats after a restart are still caught."""
        self.out = out
        self.deletions = deletions_path(out)
        self.delay_ms = delay_ms
        self._failures_left = fail_first
        self._lock = asyncio.Lock()
        self._stored = load_stored_keys(out)
        self._notices = load_notices(self.deletions)
        out.with_name(out.name + ".tmp").unlink(missing_ok=True)  # a rewrite cut short
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            out.touch()
            _fsync_dir(out.parent)

    async def DeliverLead(  # noqa: N802 - the proto's method name
        self,
        request: dialer_sink_pb2.DeliverLeadRequest,
        context: grpc.aio.ServicerContext,
    ) -> dialer_sink_pb2.DeliverLeadResponse:
        """Store one redacted lead; answers duplicate=True for a repeat."""
        await self._check(request.delivery, request.HasField("lead"), "lead", context)
        duplicate = await self._store(
            "lead", request.delivery, request.lead, request.tags, request.findings, None
        )
        return dialer_sink_pb2.DeliverLeadResponse(duplicate=duplicate)

    async def DeliverTranscript(  # noqa: N802 - the proto's method name
        self,
        request: dialer_sink_pb2.DeliverTranscriptRequest,
        context: grpc.aio.ServicerContext,
    ) -> dialer_sink_pb2.DeliverTranscriptResponse:
        """Store one redacted transcript; answers duplicate=True for a repeat."""
        await self._check(request.delivery, request.HasField("transcript"), "transcript", context)
        duplicate = await self._store(
            "transcript",
            request.delivery,
            request.transcript,
            request.tags,
            request.findings,
            request.mute_intervals,
        )
        return dialer_sink_pb2.DeliverTranscriptResponse(duplicate=duplicate)

    async def DeleteRecord(  # noqa: N802 - the proto's method name
        self,
        request: dialer_sink_pb2.DeleteRecordRequest,
        context: grpc.aio.ServicerContext,
    ) -> dialer_sink_pb2.DeleteRecordResponse:
        """Delete every stored revision of the record; held=False when there was none."""
        await self._fail_first(context)
        if request.notice_id <= 0:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "notice_id is required")
        if not request.record_id:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "record_id is required")
        if not request.owner:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "owner is required")
        kind = _KIND_NAMES.get(request.kind)
        if kind is None:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "kind is required")
        notice: dict[str, Any] = {
            "notice_id": request.notice_id,
            "owner": request.owner,
            "record_id": request.record_id,
            "kind": kind,
            "requested_at": (
                request.requested_at.ToJsonString() if request.HasField("requested_at") else None
            ),
            "reference": request.reference,
            "attempt": request.attempt,
        }
        # Shielded like a store: a notice given up on mid-way still completes as one step.
        held, repeat = await asyncio.shield(self._delete_once(notice))
        logger.info(
            "%s notice %d: %s %s/%s %s",
            "repeated" if repeat else "applied",
            request.notice_id,
            kind,
            request.owner,
            request.record_id,
            "held" if held else "not held",
        )
        return dialer_sink_pb2.DeleteRecordResponse(held=held)

    async def NoteRecordingHint(  # noqa: N802 - the proto's method name
        self,
        request: dialer_sink_pb2.NoteRecordingHintRequest,
        context: grpc.aio.ServicerContext,
    ) -> dialer_sink_pb2.NoteRecordingHintResponse:
        """Pause or resume the call's recorder: here, log the hint and append it to a file."""
        if not request.call_id or not request.HasField("hint"):
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "call_id and hint are required")
        hint = request.hint
        action = leadgate_pb2.RecordingAction.Name(hint.action).removeprefix("RECORDING_ACTION_")
        cause = leadgate_pb2.RecordingCause.Name(hint.cause).removeprefix("RECORDING_CAUSE_")
        logger.info(
            "recording %s %s #%d: %s %s%s",
            action,
            request.call_id,
            hint.sequence,
            cause.lower(),
            hint.entity_type,
            f" ({hint.warning})" if hint.warning else "",
        )
        line = {
            "call_id": request.call_id,
            "owner": request.owner,
            "action": action,
            "entity_type": hint.entity_type,
            "cause": cause,
            "segment_index": hint.segment_index,
            "sequence": hint.sequence,
            "warning": hint.warning,
            "decided_at": request.decided_at.ToJsonString(),
        }
        text = json.dumps(line, sort_keys=True) + "\n"
        async with self._lock:
            await asyncio.to_thread(self._append_to, hints_path(self.out), text)
        return dialer_sink_pb2.NoteRecordingHintResponse()

    async def _delete_once(self, notice: dict[str, Any]) -> tuple[bool, bool]:
        """Apply a notice unless its id was applied; returns (held, whether it was a repeat)."""
        async with self._lock:
            notice_id = int(notice["notice_id"])
            if notice_id in self._notices:
                return self._notices[notice_id], True
            removed = await asyncio.to_thread(
                self._remove_record, notice["owner"], notice["record_id"], notice["kind"]
            )
            self._stored.difference_update(removed)
            held = bool(removed)
            line = {**notice, "held": held, "removed": len(removed)}
            await asyncio.to_thread(
                self._append_to,
                self.deletions,
                json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n",
            )
            self._notices[notice_id] = held
            return held, False

    def _remove_record(self, owner: str, record_id: str, kind: str) -> list[StoreKey]:
        """Rewrite the output without the record's lines (atomically); returns their keys."""
        kept: list[bytes] = []
        removed: list[StoreKey] = []
        for raw in self.out.read_bytes().splitlines(keepends=True):
            if not raw.strip():
                continue
            entry = json.loads(raw)
            if (entry["owner"], entry["record_id"], entry["kind"]) == (owner, record_id, kind):
                removed.append(_line_key(entry))
            else:
                kept.append(raw)
        if not removed:
            return removed
        aside = self.out.with_name(self.out.name + ".tmp")
        with aside.open("wb") as handle:
            handle.writelines(kept)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(aside, self.out)  # readers see the old file or the new one, never half
        _fsync_dir(self.out.parent)
        return removed

    async def _fail_first(self, context: grpc.aio.ServicerContext) -> None:
        """Simulate an outage: UNAVAILABLE to the first ``--fail-first`` calls."""
        if self._failures_left > 0:
            self._failures_left -= 1
            await context.abort(grpc.StatusCode.UNAVAILABLE, "sink unavailable (--fail-first)")

    async def _check(
        self,
        delivery: dialer_sink_pb2.Delivery,
        has_record: bool,
        record_field: str,
        context: grpc.aio.ServicerContext,
    ) -> None:
        """Simulate an outage first, then reject what can never be stored (not retried)."""
        await self._fail_first(context)
        if not delivery.record_id:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "delivery.record_id is required")
        if not delivery.owner:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "delivery.owner is required")
        if not has_record:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"{record_field} is required")

    async def _store(
        self,
        kind: str,
        delivery: dialer_sink_pb2.Delivery,
        record: Message,
        tags: Message,
        findings: Iterable[Message],
        mute_intervals: Iterable[Message] | None,
    ) -> bool:
        """Append the record unless its key is stored; True when it was a duplicate."""
        if self.delay_ms > 0:
            await asyncio.sleep(self.delay_ms / 1000)
        key = store_key(
            delivery.owner, delivery.record_id, delivery.revision, delivery.idempotency_key
        )
        entry: dict[str, Any] = {
            "kind": kind,
            "owner": delivery.owner,
            "record_id": delivery.record_id,
            "revision": delivery.revision,
            "idempotency_key": delivery.idempotency_key,
            "attempt": delivery.attempt,
            "accepted_at": (
                delivery.accepted_at.ToJsonString() if delivery.HasField("accepted_at") else None
            ),
            "record": _to_dict(record),
            "tags": _to_dict(tags),
            "findings": [_to_dict(f) for f in findings],
        }
        if mute_intervals is not None:
            entry["mute_intervals"] = [_to_dict(m) for m in mute_intervals]
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
        # Shielded: if the gateway gives up mid-write the line still lands and its key is
        # still recorded, so a retry is answered as a duplicate instead of written twice.
        duplicate = await asyncio.shield(self._append_once(key, line))
        logger.info(
            "%s %s %s/%s revision %d",
            "duplicate" if duplicate else "stored",
            kind,
            delivery.owner,
            delivery.record_id,
            delivery.revision,
        )
        return duplicate

    async def _append_once(self, key: StoreKey, line: str) -> bool:
        """Check and append as one step under the lock; True when the key was stored."""
        # Without the lock two concurrent repeats could both miss the key and both write.
        async with self._lock:
            if key in self._stored:
                return True
            await asyncio.to_thread(self._append, line)
            self._stored.add(key)
            return False

    def _append(self, line: str) -> None:
        """Write one whole line and fsync it, so OK is only answered for durable data."""
        self._append_to(self.out, line)

    @staticmethod
    def _append_to(path: Path, line: str) -> None:
        """Append one whole line to ``path`` and fsync it (and a new file's directory)."""
        new = not path.exists()
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        if new:
            _fsync_dir(path.parent)


async def start_sink(
    listen: str, out: Path, delay_ms: int = 0, fail_first: int = 0
) -> tuple[grpc.aio.Server, int]:
    """Start a sink on ``listen`` (insecure, port 0 picks one); returns it and its port."""
    server = grpc.aio.server()
    dialer_sink_pb2_grpc.add_DialerSinkServiceServicer_to_server(
        JsonlSink(out, delay_ms=delay_ms, fail_first=fail_first), server
    )
    port = server.add_insecure_port(listen)
    if port == 0:
        raise OSError(f"could not bind {listen}")
    await server.start()
    return server, port


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--listen", default="127.0.0.1:50061", help="HOST:PORT; port 0 picks")
    parser.add_argument("--out", type=Path, required=True, help="JSONL file to append to")
    parser.add_argument("--delay-ms", type=int, default=0, help="sleep before each store")
    parser.add_argument(
        "--fail-first", type=int, default=0, help="answer UNAVAILABLE to the first N calls"
    )
    args = parser.parse_args(argv)
    if args.delay_ms < 0 or args.fail_first < 0:
        parser.error("--delay-ms and --fail-first must not be negative")
    return args


async def _serve(args: argparse.Namespace) -> None:
    """Serve until SIGINT/SIGTERM, then give in-flight deliveries two seconds to finish."""
    server, port = await start_sink(args.listen, args.out, args.delay_ms, args.fail_first)
    host = args.listen.rsplit(":", 1)[0]
    print(f"listening on {host}:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop(grace=2)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; logs go to stderr so stdout has only the listening line."""
    args = _parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
