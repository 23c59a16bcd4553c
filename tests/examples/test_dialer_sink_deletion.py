"""The example sink's DeleteRecord: removes every revision, logs the notice, once per id."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from examples.dialer_sink import deletions_path, load_notices
from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from tests.examples.test_dialer_sink import _Sink

REQUESTED_AT = "2024-05-01T12:30:00Z"


def _lead(record_id: str, owner: str = "client-a", revision: int = 1) -> sink_pb.DeliverLeadRequest:
    return sink_pb.DeliverLeadRequest(
        delivery=sink_pb.Delivery(record_id=record_id, owner=owner, revision=revision, attempt=1),
        lead=pb.Lead(id=record_id, owner=owner, fields={"notes": "ssn <US_SSN>"}),
        tags=pb.RecordTags(owner=owner),
    )


def _call(record_id: str, revision: int) -> sink_pb.DeliverTranscriptRequest:
    return sink_pb.DeliverTranscriptRequest(
        delivery=sink_pb.Delivery(record_id=record_id, owner="client-a", revision=revision),
        transcript=pb.Transcript(id=record_id, owner="client-a"),
        tags=pb.RecordTags(owner="client-a"),
    )


def _notice(
    notice_id: int,
    record_id: str = "rec-1",
    owner: str = "client-a",
    kind: sink_pb.RecordKind.ValueType = sink_pb.RECORD_KIND_LEAD,
    attempt: int = 1,
) -> sink_pb.DeleteRecordRequest:
    requested_at = Timestamp()
    requested_at.FromJsonString(REQUESTED_AT)
    return sink_pb.DeleteRecordRequest(
        notice_id=notice_id,
        record_id=record_id,
        owner=owner,
        kind=kind,
        requested_at=requested_at,
        reference="TICKET-7",
        attempt=attempt,
    )


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _keys(path: Path) -> list[tuple[str, str, str, int]]:
    return [(e["kind"], e["owner"], e["record_id"], e["revision"]) for e in _lines(path)]


@pytest.fixture
async def sink(tmp_path: Path) -> AsyncIterator[_Sink]:
    running = await _Sink(tmp_path / "received.jsonl").start()
    try:
        yield running
    finally:
        await running.stop()


async def test_when_notice_received_then_every_revision_of_that_record_only_is_removed(
    sink: _Sink,
) -> None:
    for request in (_lead("rec-1", revision=1), _lead("rec-2", revision=2)):
        await sink.stub.DeliverLead(request)
    await sink.stub.DeliverLead(_lead("rec-1", revision=3))
    await sink.stub.DeliverLead(_lead("rec-1", owner="client-b", revision=4))  # other owner
    await sink.stub.DeliverTranscript(_call("rec-1", revision=5))  # same id, other kind

    response = await sink.stub.DeleteRecord(_notice(11, attempt=2))

    assert response.held is True
    assert _keys(sink.out) == [
        ("lead", "client-a", "rec-2", 2),
        ("lead", "client-b", "rec-1", 4),
        ("transcript", "client-a", "rec-1", 5),
    ]
    assert not sink.out.with_name(sink.out.name + ".tmp").exists()
    assert deletions_path(sink.out).name == "received.jsonl.deletions.jsonl"
    assert _lines(deletions_path(sink.out)) == [
        {
            "notice_id": 11,
            "owner": "client-a",
            "record_id": "rec-1",
            "kind": "lead",
            "requested_at": REQUESTED_AT,
            "reference": "TICKET-7",
            "attempt": 2,
            "held": True,
            "removed": 2,
        }
    ]


async def test_when_nothing_held_then_ok_with_held_false_and_notice_logged(sink: _Sink) -> None:
    await sink.stub.DeliverLead(_lead("rec-2"))
    response = await sink.stub.DeleteRecord(
        _notice(12, kind=sink_pb.RECORD_KIND_TRANSCRIPT, record_id="rec-2")
    )
    assert response.held is False
    assert _keys(sink.out) == [("lead", "client-a", "rec-2", 1)]
    assert [(n["notice_id"], n["held"]) for n in _lines(deletions_path(sink.out))] == [(12, False)]


async def test_when_notice_repeated_even_after_restart_then_acted_on_once(sink: _Sink) -> None:
    await sink.stub.DeliverLead(_lead("rec-1"))
    first = await sink.stub.DeleteRecord(_notice(21))
    await sink.stub.DeliverLead(_lead("rec-1", revision=9))  # accepted again later
    again = await sink.stub.DeleteRecord(_notice(21, attempt=2))
    await sink.start()  # a new server on the same files
    after_restart = await sink.stub.DeleteRecord(_notice(21, attempt=3))

    assert first.held is again.held is after_restart.held is True
    assert _keys(sink.out) == [("lead", "client-a", "rec-1", 9)]  # a repeat deletes nothing
    assert [n["notice_id"] for n in _lines(deletions_path(sink.out))] == [21]


async def test_when_deleted_then_forgotten_so_the_same_revision_is_stored_again(
    sink: _Sink,
) -> None:
    await sink.stub.DeliverLead(_lead("rec-1"))
    await sink.stub.DeleteRecord(_notice(31))
    again = await sink.stub.DeliverLead(_lead("rec-1"))
    assert again.duplicate is False
    await sink.start()  # rebuilt from the rewritten file: the kept key is still known
    repeat = await sink.stub.DeliverLead(_lead("rec-1"))
    assert repeat.duplicate is True
    assert _keys(sink.out) == [("lead", "client-a", "rec-1", 1)]


async def test_when_deletions_log_has_a_torn_last_line_then_dropped(tmp_path: Path) -> None:
    out = tmp_path / "received.jsonl"
    log = deletions_path(out)
    whole = json.dumps({"notice_id": 1, "held": True})
    log.write_text(whole + "\n" + '{"notice_id": 2, "he')
    assert load_notices(log) == {1: True}
    assert log.read_text() == whole + "\n"
    sink = await _Sink(out).start()
    try:
        assert (await sink.stub.DeleteRecord(_notice(2))).held is False
    finally:
        await sink.stop()
    assert [n["notice_id"] for n in _lines(log)] == [1, 2]


async def test_when_fail_first_then_notice_is_unavailable_first(sink: _Sink) -> None:
    await sink.start(fail_first=1)
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await sink.stub.DeleteRecord(_notice(41))
    assert failed.value.code() == grpc.StatusCode.UNAVAILABLE
    assert _lines(deletions_path(sink.out)) == []
    assert (await sink.stub.DeleteRecord(_notice(41, attempt=2))).held is False


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (_notice(0), "notice_id"),
        (_notice(51, record_id=""), "record_id"),
        (_notice(52, owner=""), "owner"),
        (_notice(53, kind=sink_pb.RECORD_KIND_UNSPECIFIED), "kind"),
    ],
    ids=["notice_id", "record_id", "owner", "kind"],
)
async def test_when_notice_field_missing_then_invalid_argument(
    sink: _Sink, request_: sink_pb.DeleteRecordRequest, field: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await sink.stub.DeleteRecord(request_)
    assert failed.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (failed.value.details() or "")
    assert _lines(deletions_path(sink.out)) == []
