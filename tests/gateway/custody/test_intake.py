"""Intake's status rules, door by door, with a real ledger and outbox and no server.

The payload is opaque bytes here: Intake never reads it (the gRPC edge builds it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

import pytest

from gateway.custody.consumer_index import CallKeys, ConsumerIndex
from gateway.custody.delivery import Forwarder
from gateway.custody.intake import Intake, committed
from gateway.custody.outbox import Outbox, Parcel
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.custody.writer import LedgerWriter
from gateway.errors import DeadlineExceededError, OutboxFullError
from redaction import Redactor
from redaction.stream import StreamSummary
from redaction.types import Lead, Segment, Transcript

SECRET = b"k" * 32
LEAD = Lead(id="L-1", owner="acme", fields={"notes": "SSN 123-45-6789, call 212 555 0142"})
CALL = Transcript(id="C-1", owner="acme", segments=(Segment("my SSN is 123-45-6789"),))


def _parcel(record_id: str = "L-1") -> Parcel:
    return Parcel("lead", "acme", record_id, b"redacted bytes", size=14)


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[LedgerWriter]:
    ledger = LedgerWriter(
        SqliteLedger(tmp_path / "ledger.sqlite3", "NORMAL"), ConsumerIndex(SECRET)
    )
    yield ledger
    ledger.close()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.sqlite3", max_records=10)
    yield box
    box.close()


def _statuses(writer: LedgerWriter) -> dict[int, str]:
    return {row.entry_id: str(row.delivery_status) for row in writer.store.query(AuditQuery())}


def _intake(writer: LedgerWriter, outbox: Outbox | None) -> Intake:
    return Intake(writer, Forwarder(outbox, None, 1024) if outbox is not None else None)


@pytest.mark.parametrize(("with_sink", "status"), [(False, "returned"), (True, "queued")])
async def test_when_a_lead_is_accepted_then_its_entry_says_where_it_went(
    redactor: Redactor, writer: LedgerWriter, outbox: Outbox, with_sink: bool, status: str
) -> None:
    intake = _intake(writer, outbox if with_sink else None)
    pending = intake.submit(LEAD, redactor.redact_lead(LEAD), "unary")
    await intake.accept(pending, _parcel)
    assert list(_statuses(writer).values()) == [status]
    assert outbox.depth() == ((1, 0) if with_sink else (0, 0))
    (row,) = writer.store.query(AuditQuery())
    assert row.findings.get("US_SSN") == 1 and row.door == "unary"


@pytest.mark.parametrize(
    "failure", [DeadlineExceededError("the call's deadline passed"), asyncio.CancelledError()]
)
async def test_when_the_call_fails_after_the_entry_then_refused_and_nothing_queued(
    redactor: Redactor, writer: LedgerWriter, outbox: Outbox, failure: BaseException
) -> None:
    intake = _intake(writer, outbox)

    def check() -> None:
        raise failure

    pending = intake.submit(LEAD, redactor.redact_lead(LEAD), "unary")
    with pytest.raises(type(failure)):
        await intake.accept(pending, _parcel, check)
    assert list(_statuses(writer).values()) == ["refused"]
    assert outbox.depth() == (0, 0)


async def test_when_the_outbox_is_full_then_refused_and_the_error_goes_on(
    redactor: Redactor, writer: LedgerWriter, tmp_path: Path
) -> None:
    full = Outbox(tmp_path / "full.sqlite3", max_records=0)
    try:
        intake = _intake(writer, full)
        assert not await intake.has_room()
        with pytest.raises(OutboxFullError):
            await intake.accept(intake.submit(LEAD, redactor.redact_lead(LEAD), "stream"), _parcel)
    finally:
        full.close()
    assert list(_statuses(writer).values()) == ["refused"]


@pytest.mark.parametrize(("ends", "status"), [("end", "queued"), ("cut", "returned")])
async def test_when_a_live_call_opens_then_ends_or_is_cut_then_one_entry_says_so(
    redactor: Redactor, writer: LedgerWriter, outbox: Outbox, ends: str, status: str
) -> None:
    intake = _intake(writer, outbox)
    result = redactor.redact_transcript(CALL)
    summary = StreamSummary(result.tags, 1, {}, result.findings)
    keys = CallKeys(intake.index, CALL.owner)
    keys.pushed(0, CALL.segments[0].text)
    keys.released(0, result.findings)
    entry_id = await committed(intake.open_call(CALL, summary, keys))
    assert entry_id is not None and _statuses(writer) == {entry_id: "open"}
    if ends == "end":
        pending = intake.end_call(CALL, summary, keys, entry_id)
        await intake.accept(pending, lambda: _parcel("C-1"))
    else:
        await committed(intake.cut_call(CALL, summary, keys, entry_id))
    assert _statuses(writer) == {entry_id: status}
    (row,) = writer.store.query(AuditQuery())
    assert row.door == "stream" and row.findings.get("US_SSN") == 1


@pytest.mark.parametrize("ends", ["end", "cut"])
async def test_when_a_live_call_ends_then_its_entry_counts_what_its_recording_captured(
    redactor: Redactor, writer: LedgerWriter, outbox: Outbox, ends: str
) -> None:
    intake = _intake(writer, outbox)
    result = redactor.redact_transcript(CALL)
    keys = CallKeys(intake.index, CALL.owner)
    opened = StreamSummary(result.tags, 0, {}, ())
    entry_id = await committed(intake.open_call(CALL, opened, keys))
    (row,) = writer.store.query(AuditQuery())
    assert (row.delivery_status, row.captured_while_recording) == ("open", 0)
    # The SSN was said while the recording ran: the finding carries the flag.
    said = tuple(replace(f, captured_while_recording=True) for f in result.findings)
    summary = StreamSummary(result.tags, 1, {"US_SSN": 1}, said)
    if ends == "end":
        await intake.accept(intake.end_call(CALL, summary, keys, entry_id), lambda: _parcel("C-1"))
    else:
        await committed(intake.cut_call(CALL, summary, keys, entry_id))
    (row,) = writer.store.query(AuditQuery())
    assert (row.entry_id, row.captured_while_recording) == (entry_id, 1)


async def test_when_there_is_no_ledger_then_nothing_is_pending_and_the_record_still_queues(
    redactor: Redactor, outbox: Outbox
) -> None:
    intake = Intake(None, Forwarder(outbox, None, 1024))
    pending = intake.submit(LEAD, redactor.redact_lead(LEAD), "unary")
    assert pending is None and intake.index is None
    await intake.accept(pending, _parcel)
    assert outbox.depth() == (1, 0)


def test_when_batch_lines_are_flushed_then_their_entries_are_recorded_written(
    redactor: Redactor, writer: LedgerWriter
) -> None:
    index = ConsumerIndex(SECRET)
    entries = [
        Intake.written_entry(LEAD, redactor.redact_lead(LEAD), "batch", index),
        Intake.written_entry(CALL, redactor.redact_transcript(CALL), "spark", index),
    ]
    assert Intake(writer.store).record_written(entries) == 2
    assert Intake(None).record_written(entries) == 0
    assert set(_statuses(writer).values()) == {DeliveryStatus.WRITTEN}


async def test_when_the_call_is_cancelled_while_its_entry_commits_then_refused_once_committed(
    redactor: Redactor, writer: LedgerWriter, outbox: Outbox
) -> None:
    intake = _intake(writer, outbox)
    result = redactor.redact_lead(LEAD)
    slow: Future[int] = Future()  # the group commit has not landed when the call is cancelled
    call = asyncio.ensure_future(intake.accept(slow, _parcel))
    await asyncio.sleep(0.05)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    (entry_id,) = writer.store.record(
        [Intake.written_entry(LEAD, result, "unary", ConsumerIndex(SECRET))]
    )
    slow.set_result(entry_id)  # the commit lands after the cancellation
    for _ in range(100):
        if _statuses(writer) == {entry_id: "refused"}:
            break
        await asyncio.sleep(0.02)
    assert _statuses(writer) == {entry_id: "refused"}
    assert outbox.depth() == (0, 0)


def test_when_a_store_is_written_in_place_without_the_index_then_submit_refuses(
    redactor: Redactor, writer: LedgerWriter
) -> None:
    with pytest.raises(ValueError, match="consumer index"):
        Intake(writer.store).submit(LEAD, redactor.redact_lead(LEAD), "unary")
    keyed = Intake(writer.store, index=ConsumerIndex(SECRET))
    pending = keyed.submit(LEAD, redactor.redact_lead(LEAD), "unary")
    assert pending is not None and pending.result() >= 1
    (row,) = writer.store.query(AuditQuery())
    assert row.delivery_status == "returned"
