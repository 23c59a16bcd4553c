"""StreamTranscript over a real channel: order, holds, splits, disconnects."""

from __future__ import annotations

import asyncio
import time

import grpc
import pytest

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from tests.assertions import assert_no_raw_values

START = service_pb.StreamTranscriptRequest(
    start=service_pb.StreamStart(call_id="call-9", owner="acme", consumer_state="OR")
)
WORDS = dict(
    enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
)


def _spoken(digits: str) -> str:
    return " ".join(WORDS[int(d)] for d in digits)


def _seg(text: str, speaker: int = pb.SPEAKER_CUSTOMER) -> service_pb.StreamTranscriptRequest:
    return service_pb.StreamTranscriptRequest(
        segment=pb.TranscriptSegment(speaker=speaker, text=text)
    )


async def _run(
    stub: service_grpc.LeadGatewayServiceStub, texts: list[str]
) -> list[service_pb.StreamTranscriptResponse]:
    requests = [START] + [_seg(t) for t in texts]
    return [r async for r in stub.StreamTranscript(iter(requests))]


async def test_when_ssn_split_over_segments_with_backchannels_then_every_part_removed(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    texts = [
        "and what's your social security number",
        "my social is " + _spoken("536"),
        "uh huh",
        _spoken("22"),
        "okay go ahead",
        _spoken("8174"),
        "perfect thank you",
    ]
    responses = await _run(stub, texts)

    segments = [r.segment for r in responses if r.HasField("segment")]
    assert [s.segment_index for s in segments] == list(range(len(texts)))
    out = [s.segment.text for s in segments]
    assert out[1] == "my social is <US_SSN>" and out[3] == "<US_SSN>" and out[5] == "<US_SSN>"
    assert out[2] == "uh huh" and out[4] == "okay go ahead" and out[6] == texts[6]
    assert dict(segments[1].tags.sensitive_categories) == {"GOVERNMENT_ID": 1}
    assert not segments[2].tags.sensitive_categories and segments[2].tags.owner == "acme"
    assert_no_raw_values(" ".join(out), [_spoken("536"), _spoken("8174")])
    summary = responses[-1].summary
    assert responses[-1].HasField("summary") and summary.segments == len(texts)
    assert summary.findings_by_type["US_SSN"] == 3
    assert summary.tags.legal_terms[0].law == "OCPA"


async def test_when_card_read_in_four_segments_then_removed_and_order_kept(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    from tests.synthetic import VISA

    groups = [VISA[i : i + 4] for i in range(0, 16, 4)]
    texts = (
        ["the card number is " + _spoken(groups[0])]
        + [_spoken(g) for g in groups[1:]]
        + ["and that's it"]
    )
    responses = await _run(stub, texts)
    segments = [r.segment for r in responses if r.HasField("segment")]
    assert [s.segment_index for s in segments] == [0, 1, 2, 3, 4]
    assert [s.segment.text for s in segments[1:4]] == ["<CREDIT_CARD>"] * 3
    assert segments[0].segment.text == "the card number is <CREDIT_CARD>"


async def test_when_next_segment_arrives_then_held_segment_released_with_it(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    call = stub.StreamTranscript()
    await call.write(START)
    await call.write(_seg("my social is " + _spoken("536")))
    pending = asyncio.ensure_future(_read_segment(call))
    done, _ = await asyncio.wait({pending}, timeout=0.15)
    assert not done, "a segment ending in a number was not held"
    await call.write(_seg(_spoken("228174") + " that's it"))
    first, second = await asyncio.wait_for(pending, 3), await _read_segment(call)
    assert (first.segment_index, second.segment_index) == (0, 1)
    assert first.was_held and first.segment.text == "my social is <US_SSN>"
    assert not second.was_held, "the segment that released the hold did not wait"
    await call.done_writing()
    assert (await call.read()).HasField("summary")


async def test_when_hold_time_passes_then_held_segment_released_alone(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    call = stub.StreamTranscript()
    await call.write(START)
    started = time.perf_counter()
    await call.write(_seg("my zip is " + _spoken("97201")))
    released = await asyncio.wait_for(_read_segment(call), 3)
    waited = time.perf_counter() - started
    assert released.was_held and released.segment.text == "my zip is " + _spoken("97201")
    assert 0.3 <= waited < 2.0
    await call.write(_seg("and my social is " + _spoken("536228174")))
    nxt = await asyncio.wait_for(_read_segment(call), 3)
    assert nxt.segment_index == 1 and nxt.segment.text == "and my social is <US_SSN>"
    await call.done_writing()


async def _read_segment(call: grpc.aio.StreamStreamCall) -> service_pb.RedactedSegment:  # type: ignore[type-arg]
    response = await call.read()
    assert response is not grpc.aio.EOF and response.HasField("segment")
    return response.segment


async def test_when_client_disconnects_mid_call_then_nothing_left_behind(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    call = stub.StreamTranscript()
    await call.write(START)
    await call.write(_seg("my card is " + _spoken("4539")))
    await asyncio.sleep(0.05)
    call.cancel()
    for _ in range(50):
        readers = [t for t in asyncio.all_tasks() if t.get_name() == "leadgate-stream-reader"]
        if not readers:
            break
        await asyncio.sleep(0.02)
    assert not readers
    # the server is still fine for the next call
    responses = await _run(stub, ["hello"])
    assert responses[0].segment.segment.text == "hello"


@pytest.mark.parametrize(
    "requests, field",
    [
        ([_seg("hi")], "stream.start"),
        ([START, START], "stream.messages[1]"),
        (
            [service_pb.StreamTranscriptRequest(start=service_pb.StreamStart(call_id="c"))],
            "transcript.owner",
        ),
    ],
)
async def test_when_stream_malformed_then_invalid_argument_names_field(
    stub: service_grpc.LeadGatewayServiceStub,
    requests: list[service_pb.StreamTranscriptRequest],
    field: str,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        _ = [r async for r in stub.StreamTranscript(iter(requests))]
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (raised.value.details() or "")


async def test_when_ssn_said_one_digit_per_segment_after_agent_asks_then_no_digit_reaches_dialer(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    from tests.synthetic import SSN_DIGITS

    requests = [START, _seg("and can I get your social security number", pb.SPEAKER_AGENT)]
    for position, digit in enumerate(SSN_DIGITS):
        requests.append(_seg(_spoken(digit)))
        if position % 3 == 2:
            requests.append(_seg("mm hmm", pb.SPEAKER_AGENT))
    requests.append(_seg("perfect, and what's a good time to call back", pb.SPEAKER_AGENT))
    responses = [r async for r in stub.StreamTranscript(iter(requests))]

    out = [r.segment.segment.text for r in responses if r.HasField("segment")]
    assert len(out) == len(requests) - 1
    said = [o for o, r in zip(out, requests[1:], strict=True) if r.segment.speaker == 2]
    assert said == ["<US_SSN>"] * len(SSN_DIGITS)
    assert_no_raw_values(" ".join(out), [_spoken(SSN_DIGITS[i : i + 2]) for i in range(8)])


async def test_when_detection_fails_on_a_segment_then_that_segment_is_replaced_and_call_goes_on(
    stub: service_grpc.LeadGatewayServiceStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redaction.engine import Redactor
    from redaction.errors import DetectionError

    original = Redactor.redact_segments

    def failing(self: Redactor, segments: object, *args: object, **kwargs: object) -> object:
        if any("explode" in s.text for s in segments):  # type: ignore[attr-defined]
            raise DetectionError("detection failed (TestFailure)")
        return original(self, segments, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Redactor, "redact_segments", failing)
    responses = await _run(stub, ["hello there", "please explode now", "my zip is 97201"])

    out = [r.segment.segment.text for r in responses if r.HasField("segment")]
    assert out == ["hello there", "<UNSCANNED>", "my zip is 97201"]
    failed = next(
        r.segment for r in responses if r.HasField("segment") and r.segment.segment_index == 1
    )
    assert [f.entity_type for f in failed.findings] == ["UNSCANNED"]
    assert responses[-1].HasField("summary")
