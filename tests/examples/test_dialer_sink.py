"""The example DialerSinkService: exactly-once JSONL storage, retries, validation, CLI."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from examples.dialer_sink import load_stored_keys, start_sink
from gateway._pb.leadgate.v1 import dialer_sink_pb2, dialer_sink_pb2_grpc, leadgate_pb2

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "dialer_sink.py"
ACCEPTED_AT = "2024-05-01T12:30:00Z"


def _delivery(
    record_id: str = "lead-1", owner: str = "client-a", revision: int = 1, attempt: int = 1
) -> dialer_sink_pb2.Delivery:
    accepted_at = Timestamp()
    accepted_at.FromJsonString(ACCEPTED_AT)
    return dialer_sink_pb2.Delivery(
        record_id=record_id,
        owner=owner,
        revision=revision,
        accepted_at=accepted_at,
        attempt=attempt,
    )


def _tags(owner: str = "client-a") -> leadgate_pb2.RecordTags:
    return leadgate_pb2.RecordTags(
        owner=owner,
        data_category=leadgate_pb2.DATA_CATEGORY_LEAD_DATA,
        role=leadgate_pb2.ROLE_PROCESSOR,
        legal_terms=[leadgate_pb2.LegalTerm(law="CCPA", term="service provider")],
        sensitive_categories={"GOVERNMENT_ID": 1},
        policy_id="default",
    )


def _lead_request(
    record_id: str = "lead-1", owner: str = "client-a", revision: int = 1, attempt: int = 1
) -> dialer_sink_pb2.DeliverLeadRequest:
    return dialer_sink_pb2.DeliverLeadRequest(
        delivery=_delivery(record_id, owner, revision, attempt),
        lead=leadgate_pb2.Lead(
            id=record_id,
            owner=owner,
            campaign_id="spring",
            fields={"first_name": "Maria", "notes": "ssn <US_SSN>"},
        ),
        tags=_tags(owner),
        findings=[
            leadgate_pb2.Finding(
                entity_type="US_SSN",
                field_name="notes",
                start=4,
                end=15,
                action=leadgate_pb2.ACTION_REPLACED,
                sensitivity=leadgate_pb2.SENSITIVITY_SENSITIVE,
                category="GOVERNMENT_ID",
                score=0.85,
            )
        ],
    )


def _transcript_request(record_id: str = "call-1") -> dialer_sink_pb2.DeliverTranscriptRequest:
    return dialer_sink_pb2.DeliverTranscriptRequest(
        delivery=_delivery(record_id=record_id),
        transcript=leadgate_pb2.Transcript(
            id=record_id,
            owner="client-a",
            segments=[
                leadgate_pb2.TranscriptSegment(
                    speaker=leadgate_pb2.SPEAKER_CUSTOMER, text="my card is <CREDIT_CARD>"
                )
            ],
        ),
        tags=_tags(),
        findings=[leadgate_pb2.Finding(entity_type="CREDIT_CARD", segment_index=0, start=11)],
        mute_intervals=[leadgate_pb2.AudioInterval(segment_index=0, start_ms=1200, end_ms=2900)],
    )


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class _Sink:
    """An in-process sink on a loopback port with a stub talking to it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.server: grpc.aio.Server | None = None
        self.channel: grpc.aio.Channel | None = None
        self.stub: dialer_sink_pb2_grpc.DialerSinkServiceStub

    async def start(self, delay_ms: int = 0, fail_first: int = 0) -> _Sink:
        await self.stop()
        self.server, port = await start_sink(
            "127.0.0.1:0", self.out, delay_ms=delay_ms, fail_first=fail_first
        )
        self.channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
        self.stub = dialer_sink_pb2_grpc.DialerSinkServiceStub(self.channel)
        return self

    async def stop(self) -> None:
        if self.channel is not None:
            await self.channel.close()
            self.channel = None
        if self.server is not None:
            await self.server.stop(None)
            self.server = None


@pytest.fixture
async def sink(tmp_path: Path) -> AsyncIterator[_Sink]:
    running = _Sink(tmp_path / "received.jsonl")
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


async def test_when_lead_delivered_then_appended_with_fields(sink: _Sink) -> None:
    response = await sink.stub.DeliverLead(_lead_request(attempt=2))

    assert response.duplicate is False
    [entry] = _lines(sink.out)
    assert entry["kind"] == "lead"
    assert entry["owner"] == "client-a"
    assert entry["record_id"] == "lead-1"
    assert entry["revision"] == 1
    assert entry["attempt"] == 2
    assert entry["accepted_at"] == ACCEPTED_AT
    assert entry["record"]["id"] == "lead-1"
    assert entry["record"]["campaign_id"] == "spring"
    assert entry["record"]["fields"] == {"first_name": "Maria", "notes": "ssn <US_SSN>"}
    assert entry["tags"]["data_category"] == "DATA_CATEGORY_LEAD_DATA"
    assert entry["tags"]["sensitive_categories"] == {"GOVERNMENT_ID": 1}
    assert entry["findings"][0]["entity_type"] == "US_SSN"
    assert entry["findings"][0]["field_name"] == "notes"
    assert "mute_intervals" not in entry


async def test_when_delivery_repeated_then_stored_once(sink: _Sink) -> None:
    first = await sink.stub.DeliverLead(_lead_request(attempt=1))
    again = await sink.stub.DeliverLead(_lead_request(attempt=2))

    assert first.duplicate is False
    assert again.duplicate is True
    assert len(_lines(sink.out)) == 1


async def test_when_repeats_concurrent_then_stored_once(sink: _Sink) -> None:
    responses = await asyncio.gather(
        *(sink.stub.DeliverLead(_lead_request(attempt=n)) for n in range(1, 6))
    )

    assert sorted(r.duplicate for r in responses) == [False, True, True, True, True]
    assert len(_lines(sink.out)) == 1


async def test_when_higher_revision_delivered_then_stored(sink: _Sink) -> None:
    await sink.stub.DeliverLead(_lead_request(revision=1))
    response = await sink.stub.DeliverLead(_lead_request(revision=2))

    assert response.duplicate is False
    assert [e["revision"] for e in _lines(sink.out)] == [1, 2]


async def test_when_same_record_id_other_owner_then_stored(sink: _Sink) -> None:
    await sink.stub.DeliverLead(_lead_request(owner="client-a"))
    response = await sink.stub.DeliverLead(_lead_request(owner="client-b"))

    assert response.duplicate is False
    assert [e["owner"] for e in _lines(sink.out)] == ["client-a", "client-b"]


async def test_when_sink_restarted_then_still_deduplicates(sink: _Sink) -> None:
    await sink.stub.DeliverLead(_lead_request())
    await sink.start()  # a new server on the same file

    again = await sink.stub.DeliverLead(_lead_request(attempt=2))
    newer = await sink.stub.DeliverLead(_lead_request(revision=2))

    assert again.duplicate is True
    assert newer.duplicate is False
    assert len(_lines(sink.out)) == 2


async def test_when_last_line_torn_then_dropped_and_appends_stay_valid(tmp_path: Path) -> None:
    out = tmp_path / "received.jsonl"
    stored = json.dumps({"owner": "client-a", "record_id": "lead-1", "revision": 1})
    out.write_text(stored + "\n" + '{"owner": "client-a", "record_id": "lead-2", "rev')

    assert load_stored_keys(out) == {("client-a", "lead-1", 1)}
    sink = await _Sink(out).start()
    try:
        response = await sink.stub.DeliverLead(_lead_request(record_id="lead-2"))
    finally:
        await sink.stop()

    assert response.duplicate is False
    assert [e["record_id"] for e in _lines(out)] == ["lead-1", "lead-2"]


async def test_when_fail_first_then_unavailable_then_ok(sink: _Sink) -> None:
    await sink.start(fail_first=2)

    for _ in range(2):
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await sink.stub.DeliverLead(_lead_request())
        assert failed.value.code() == grpc.StatusCode.UNAVAILABLE
    assert sink.out.read_text() == ""

    response = await sink.stub.DeliverLead(_lead_request(attempt=3))
    assert response.duplicate is False
    assert [e["attempt"] for e in _lines(sink.out)] == [3]


async def test_when_delay_ms_then_delivery_waits(sink: _Sink) -> None:
    await sink.start(delay_ms=200)

    started = time.perf_counter()
    await sink.stub.DeliverLead(_lead_request())

    assert time.perf_counter() - started >= 0.2
    assert len(_lines(sink.out)) == 1


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (_lead_request(record_id=""), "record_id"),
        (_lead_request(owner=""), "owner"),
        (dialer_sink_pb2.DeliverLeadRequest(delivery=_delivery()), "lead"),
    ],
    ids=["record_id", "owner", "lead"],
)
async def test_when_required_field_missing_then_invalid_argument(
    sink: _Sink, request_: dialer_sink_pb2.DeliverLeadRequest, field: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await sink.stub.DeliverLead(request_)

    assert failed.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (failed.value.details() or "")
    assert sink.out.read_text() == ""


async def test_when_run_as_script_then_stores_transcript_and_exits_on_sigterm(
    tmp_path: Path,
) -> None:
    out = tmp_path / "received.jsonl"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(SCRIPT),
        "--listen",
        "127.0.0.1:0",
        "--out",
        str(out),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        first_line = (await asyncio.wait_for(process.stdout.readline(), timeout=30)).decode()
        assert first_line.startswith("listening on 127.0.0.1:"), first_line
        address = first_line.removeprefix("listening on ").strip()

        async with grpc.aio.insecure_channel(address) as channel:
            stub = dialer_sink_pb2_grpc.DialerSinkServiceStub(channel)
            response = await stub.DeliverTranscript(_transcript_request(), timeout=10)
        assert response.duplicate is False

        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    assert process.returncode == 0, stderr.decode()
    assert stdout == b""  # the listening line was the only output
    [entry] = _lines(out)
    assert entry["kind"] == "transcript"
    assert entry["record_id"] == "call-1"
    assert entry["record"]["segments"][0]["text"] == "my card is <CREDIT_CARD>"
    assert entry["findings"][0]["segment_index"] == 0
    assert entry["mute_intervals"] == [{"segment_index": 0, "start_ms": "1200", "end_ms": "2900"}]


def _keyed(key: str, revision: int = 1, attempt: int = 1) -> dialer_sink_pb2.DeliverLeadRequest:
    request = _lead_request(revision=revision, attempt=attempt)
    request.delivery.idempotency_key = key
    return request


async def test_when_the_same_idempotency_key_comes_from_two_replicas_then_stored_once(
    sink: _Sink,
) -> None:
    responses = await asyncio.gather(
        sink.stub.DeliverLead(_keyed("k1")), sink.stub.DeliverLead(_keyed("k1", attempt=2))
    )
    await sink.start()  # a new server on the same file still knows the key
    again = await sink.stub.DeliverLead(_keyed("k1", attempt=3))

    assert sorted(r.duplicate for r in responses) == [False, True] and again.duplicate is True
    assert [e["idempotency_key"] for e in _lines(sink.out)] == ["k1"]


async def test_when_keys_differ_then_stored_even_under_the_same_revision(sink: _Sink) -> None:
    # Two hosts, each with its own SQLite outbox, number their revisions apart.
    await sink.stub.DeliverLead(_keyed("host-a-key"))
    response = await sink.stub.DeliverLead(_keyed("host-b-key"))

    assert response.duplicate is False
    assert [e["idempotency_key"] for e in _lines(sink.out)] == ["host-a-key", "host-b-key"]
