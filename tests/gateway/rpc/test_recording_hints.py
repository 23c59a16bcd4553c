"""Recording hints over a real channel: the dialer hears PAUSE before the digits, RESUME after.

A real gateway (the session's engine) on loopback sends each hint back on the
StreamTranscript call and to the example dialer sink (examples/dialer_sink.py), a
real gRPC server that appends what it gets to ``<out>.hints.jsonl``.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from examples.dialer_sink import hints_path, start_sink
from gateway._pb.leadgate.v1 import dialer_sink_pb2_grpc
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from gateway.rpc.recording_hints import RecordingHintSender
from gateway.rpc.sink import open_sink_channel
from gateway.rpc.stream import PAUSE_OVER, StreamInbox
from redaction import Redactor
from tests.assertions import assert_no_raw_values
from tests.gateway.serving import hinting_gateway
from tests.synthetic import MASTERCARD, VISA

pytestmark = pytest.mark.timeout(60)

A, C = pb.SPEAKER_AGENT, pb.SPEAKER_CUSTOMER
PAUSE, RESUME = pb.RECORDING_ACTION_PAUSE, pb.RECORDING_ACTION_RESUME
Response = service_pb.StreamTranscriptResponse


@pytest.fixture
async def sink(tmp_path: Path) -> AsyncIterator[tuple[str, Path]]:
    out = tmp_path / "received.jsonl"
    server, port = await start_sink("127.0.0.1:0", out)
    try:
        yield f"127.0.0.1:{port}", hints_path(out)
    finally:
        await server.stop(None)


def _start(call_id: str, hints: bool = True) -> service_pb.StreamTranscriptRequest:
    return service_pb.StreamTranscriptRequest(
        start=service_pb.StreamStart(call_id=call_id, owner="acme-insurance", recording_hints=hints)
    )


def _segment(
    speaker: pb.Speaker.ValueType, text: str, at_ms: int = 0
) -> service_pb.StreamTranscriptRequest:
    words = []
    cursor = at_ms
    for word in text.split():
        words.append(pb.WordTiming(word=word, start_ms=cursor, end_ms=cursor + 300))
        cursor += 350
    return service_pb.StreamTranscriptRequest(
        segment=pb.TranscriptSegment(
            speaker=speaker, text=text, start_ms=at_ms, end_ms=cursor, words=words
        )
    )


async def _silence() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
    """A client that sends nothing for longer than any test waits."""
    await asyncio.sleep(10)
    yield _start("never")


async def _sink_hints(path: Path, count: int, seconds: float = 10) -> list[dict[str, Any]]:
    """The sink's hint lines, once there are ``count`` of them."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        lines = [json.loads(line) for line in text.splitlines()]
        if len(lines) >= count:
            return lines
        await asyncio.sleep(0.05)
    raise AssertionError(f"the sink got fewer than {count} hints in {seconds} s")


async def _until(
    call: grpc.aio.StreamStreamCall[service_pb.StreamTranscriptRequest, Response],
    wanted: str,
    seen: list[Response],
) -> Response:
    """Read responses (kept in ``seen``) until one whose event is ``wanted``."""
    while True:
        response = await asyncio.wait_for(call.read(), 20)
        assert response is not grpc.aio.EOF, f"the stream ended before a {wanted}"
        seen.append(response)
        if response.WhichOneof("event") == wanted:
            return response


async def test_when_the_agent_asks_for_a_card_then_pause_comes_before_the_digits_and_resume_after(
    settings: Settings, redactor: Redactor, sink: tuple[str, Path]
) -> None:
    address, sink_file = sink
    card = VISA
    groups = [card[i : i + 4] for i in range(0, 16, 4)]
    async with hinting_gateway(settings, redactor, address) as (parts, _):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            call = service_grpc.LeadGatewayServiceStub(channel).StreamTranscript(timeout=30)
            seen: list[Response] = []
            await call.write(_start("call-card-1"))
            await call.write(_segment(A, "thanks for calling, how can I help?"))
            await call.write(_segment(C, "I'd like to pay my bill"))
            await call.write(_segment(A, "sure, what's the card number?"))
            pause = (await _until(call, "recording_hint", seen)).recording_hint
            # The PAUSE came back before the customer said a digit: only now do they.
            assert (pause.action, pause.entity_type, pause.segment_index) == (
                PAUSE,
                "CREDIT_CARD",
                2,
            )
            assert pause.cause == pb.RECORDING_CAUSE_ASKED
            for text in (
                f"it's {groups[0]} {groups[1]}",
                f"{groups[2]} {groups[3]}",
            ):
                await call.write(_segment(C, text))
            await call.write(_segment(A, "and the expiration date?"))
            await call.write(_segment(C, "oh five twenty eight"))
            await call.write(_segment(A, "and the three digit code on the back?"))
            await call.write(_segment(C, "seven three one"))
            await call.write(_segment(A, "great, your payment went through. anything else?"))
            resume = (await _until(call, "recording_hint", seen)).recording_hint
            await call.done_writing()
            await _until(call, "summary", seen)

    assert (resume.action, resume.cause, resume.segment_index) == (
        RESUME,
        pb.RECORDING_CAUSE_ANSWERED,
        9,  # the agent's turn after the code
    )
    assert (pause.sequence, resume.sequence) == (1, 2)
    segments = {r.segment.segment_index: r.segment for r in seen if r.HasField("segment")}
    # Every card value (number, expiry, code) was said while paused: none was captured.
    card_findings = [f for s in segments.values() for f in s.findings]
    assert {f.entity_type for f in card_findings} >= {
        "CREDIT_CARD",
        "CARD_EXPIRY",
        "CARD_SECURITY_CODE",
    }
    assert not any(f.captured_while_recording for f in card_findings)
    # The dialer's sink heard the same two hints, in order, with no value in them.
    lines = await _sink_hints(sink_file, 2)
    assert [(h["action"], h["entity_type"], h["sequence"]) for h in lines] == [
        ("PAUSE", "CREDIT_CARD", 1),
        ("RESUME", "CREDIT_CARD", 2),
    ]
    assert {h["call_id"] for h in lines} == {"call-card-1"}
    assert_no_raw_values(sink_file.read_text(encoding="utf-8"), [card, *groups])


async def test_when_a_customer_volunteers_a_card_number_then_it_is_marked_captured_and_muted(
    settings: Settings, redactor: Redactor, sink: tuple[str, Path]
) -> None:
    address, _ = sink
    card = MASTERCARD
    async with hinting_gateway(settings, redactor, address) as (parts, _):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            requests = [
                _start("call-volunteered-1"),
                _segment(A, "hi, how can I help you today?", 0),
                _segment(C, f"yeah my card number is {card} I want to pay", 3000),
                _segment(A, "thanks, let me pull up the account. what's your zip code?", 9000),
            ]
            responses = [r async for r in stub.StreamTranscript(iter(requests), timeout=30)]

    # Said whole before anyone asked: nothing is left to pause for, it is already recorded.
    assert not [r for r in responses if r.HasField("recording_hint")]
    (said,) = [r.segment for r in responses if r.HasField("segment") and r.segment.findings]
    assert said.segment_index == 1
    assert [(f.entity_type, f.captured_while_recording) for f in said.findings] == [
        ("CREDIT_CARD", True)
    ]
    assert said.mute_intervals, "the captured digits are still muted afterwards"
    assert card not in said.segment.text
    summary = responses[-1].summary
    assert summary.captured_while_recording == 1


async def test_when_the_stream_drops_while_paused_then_the_sink_gets_a_resume(
    settings: Settings, redactor: Redactor, sink: tuple[str, Path]
) -> None:
    address, sink_file = sink
    async with hinting_gateway(settings, redactor, address) as (parts, _):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            call = service_grpc.LeadGatewayServiceStub(channel).StreamTranscript(timeout=30)
            await call.write(_start("call-dropped-1"))
            await call.write(_segment(A, "can I get your social security number?"))
            seen: list[Response] = []
            await _until(call, "recording_hint", seen)
            await call.write(_segment(C, "sure it's five five five"))
            call.cancel()  # the dialer goes away mid-number
        lines = await _sink_hints(sink_file, 2)
    assert [(h["action"], h["cause"], h["entity_type"]) for h in lines] == [
        ("PAUSE", "ASKED", "US_SSN"),
        ("RESUME", "STREAM_ENDED", "US_SSN"),
    ]


async def test_when_the_sink_has_no_hint_method_then_calls_go_on_and_it_gets_no_more(
    settings: Settings, redactor: Redactor
) -> None:
    server = grpc.aio.server()
    # The generated base class answers UNIMPLEMENTED to everything: a sink from before hints.
    dialer_sink_pb2_grpc.add_DialerSinkServiceServicer_to_server(
        dialer_sink_pb2_grpc.DialerSinkServiceServicer(), server
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with hinting_gateway(settings, redactor, f"127.0.0.1:{port}") as (parts, sender):
            async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
                stub = service_grpc.LeadGatewayServiceStub(channel)
                for call_id in ("call-old-sink-1", "call-old-sink-2"):
                    requests = [
                        _start(call_id),
                        _segment(A, "what's the card number?"),
                        _segment(C, "4111 1111 1111 1111"),
                        _segment(A, "thanks, and your zip?"),
                    ]
                    responses = [r async for r in stub.StreamTranscript(iter(requests))]
                    actions = [
                        r.recording_hint.action for r in responses if r.recording_hint.action
                    ]
                    assert actions == [PAUSE, RESUME]  # the stream still carries them
                deadline = time.monotonic() + 10
                while not sender.unimplemented and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)  # the sender tries the sink in the background
            assert sender.unimplemented
            assert sender.sent == 0
    finally:
        await server.stop(None)


async def test_when_a_pause_runs_out_with_no_segment_then_the_inbox_wakes_for_it() -> None:
    """The hold timer is not the only clock: a pause's limit wakes the stream too."""

    inbox = StreamInbox(_silence())
    began = time.monotonic()
    try:
        events = inbox.segments(lambda: False, 1.5, lambda: 0.05 - (time.monotonic() - began))
        assert await asyncio.wait_for(anext(events), 2) is PAUSE_OVER
        assert time.monotonic() - began < 1.0  # not the hold time
    finally:
        inbox.close()


async def test_when_a_pause_wakes_the_inbox_then_a_held_segment_still_goes_at_its_hold_time() -> (
    None
):
    inbox = StreamInbox(_silence())
    began = time.monotonic()
    resumed = False

    def pause_left() -> float | None:
        return None if resumed else 0.5 - (time.monotonic() - began)

    try:
        events = inbox.segments(lambda: True, 1.0, pause_left)
        assert await asyncio.wait_for(anext(events), 3) is PAUSE_OVER
        resumed = True  # the servicer's take_hints ends the pause
        assert await asyncio.wait_for(anext(events), 3) is None  # the hold's flush
        # From the push (1.0 s), not from the wake-up (0.5 + 1.0 s).
        assert 0.95 < time.monotonic() - began < 1.4
    finally:
        inbox.close()


async def test_the_hint_sender_never_drops_a_resume_and_drops_a_pause_too_late_to_help(
    sink: tuple[str, Path],
) -> None:
    address, sink_file = sink
    channel = open_sink_channel(address, "")
    sender = RecordingHintSender(channel, give_up_seconds=0.5, max_waiting=1)

    def hint(action: pb.RecordingAction.ValueType, sequence: int) -> pb.RecordingHint:
        return pb.RecordingHint(action=action, entity_type="CREDIT_CARD", sequence=sequence)

    try:
        sender.note("call-q", "acme-insurance", hint(PAUSE, 1))
        sender.note("call-q", "acme-insurance", hint(PAUSE, 2))  # the queue is full: dropped
        sender.note("call-q", "acme-insurance", hint(RESUME, 3))  # a RESUME always goes in
        assert sender.dropped == 1
        await asyncio.sleep(0.6)  # the sink was not being sent to: PAUSE 1 is now too late
        sender.start()
        lines = await _sink_hints(sink_file, 1)
        await sender.close()
    finally:
        await channel.close()
    assert [(h["action"], h["sequence"]) for h in lines] == [("RESUME", 3)]
    assert (sender.sent, sender.dropped) == (1, 2)
    sender.note("call-q", "acme-insurance", hint(RESUME, 4))  # after close: counted, not kept
    assert sender.dropped == 3


async def test_when_a_client_does_not_ask_for_hints_then_only_the_sink_gets_them(
    settings: Settings, redactor: Redactor, sink: tuple[str, Path]
) -> None:
    address, sink_file = sink
    async with hinting_gateway(settings, redactor, address) as (parts, _):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            requests = [
                _start("call-quiet-1", hints=False),
                _segment(A, "what's the card number?"),
                _segment(C, VISA),
                _segment(A, "thanks, and your zip?"),
            ]
            responses = [r async for r in stub.StreamTranscript(iter(requests), timeout=30)]
        lines = await _sink_hints(sink_file, 2)
    assert [r.WhichOneof("event") for r in responses] == ["segment"] * 3 + ["summary"]
    assert [h["action"] for h in lines] == ["PAUSE", "RESUME"]
