"""A call's language setting over a real channel: the valid ones pass, others name the field."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.rpc import convert
from redaction.spanish.language import LANGUAGE_SETTINGS
from tests.synthetic import SSN

SEGMENTS = [
    pb.TranscriptSegment(speaker=pb.SPEAKER_AGENT, text="can I get your social security number"),
    pb.TranscriptSegment(speaker=pb.SPEAKER_CUSTOMER, text=f"sure it's {SSN}"),
]
# Not a setting: a made-up word (never echoed back), and "mixed", a reading only.
REFUSED = ["klingon", "mixed", "ES"]
ACCEPTED = ["", "auto", "en", "es"]


def _fields(error: grpc.aio.AioRpcError) -> list[str]:
    status = rpc_status.from_call(error)
    assert status is not None
    fields: list[str] = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields += [v.field for v in bad.field_violations]
    return fields


def _transcript(language: str, owner: str = "acme") -> service_pb.RedactTranscriptRequest:
    return service_pb.RedactTranscriptRequest(
        transcript=pb.Transcript(id="call-l", owner=owner, segments=SEGMENTS, language=language)
    )


def _stream(language: str) -> list[service_pb.StreamTranscriptRequest]:
    start = service_pb.StreamStart(call_id="call-l", owner="acme", language=language)
    return [service_pb.StreamTranscriptRequest(start=start)] + [
        service_pb.StreamTranscriptRequest(segment=s) for s in SEGMENTS
    ]


def test_when_settings_compared_then_convert_accepts_exactly_the_engines_and_empty() -> None:
    assert set(convert.LANGUAGE_SETTINGS_FROM_PB) == {""} | {str(s) for s in LANGUAGE_SETTINGS}


@pytest.mark.parametrize("language", REFUSED)
async def test_when_stream_start_language_not_a_setting_then_invalid_argument_names_it(
    stub: service_grpc.LeadGatewayServiceStub, language: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        _ = [r async for r in stub.StreamTranscript(iter(_stream(language)))]
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(raised.value) == ["start.language"]
    assert "start.language" in (raised.value.details() or "")
    assert language not in (raised.value.details() or "")
    # the refusal cost nothing else: the next call on the same server goes through
    responses = [r async for r in stub.StreamTranscript(iter(_stream("")))]
    assert responses[-1].HasField("summary")


@pytest.mark.parametrize("language", REFUSED)
async def test_when_transcript_language_not_a_setting_then_invalid_argument_names_it(
    stub: service_grpc.LeadGatewayServiceStub, language: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactTranscript(_transcript(language))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(raised.value) == ["transcript.language"]
    assert language not in (raised.value.details() or "")


async def test_when_transcript_language_and_owner_both_bad_then_both_named(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactTranscript(_transcript("klingon", owner=""))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(raised.value) == ["transcript.owner", "transcript.language"]


@pytest.mark.parametrize("language", ACCEPTED)
async def test_when_transcript_language_is_a_setting_then_redacted_and_echoed(
    stub: service_grpc.LeadGatewayServiceStub, language: str
) -> None:
    response = await stub.RedactTranscript(_transcript(language))
    assert response.transcript.segments[1].text == "sure it's <US_SSN>"
    assert response.transcript.language == language


@pytest.mark.parametrize("language", ACCEPTED)
async def test_when_stream_start_language_is_a_setting_then_call_redacted(
    stub: service_grpc.LeadGatewayServiceStub, language: str
) -> None:
    responses = [r async for r in stub.StreamTranscript(iter(_stream(language)))]
    said = [r.segment.segment.text for r in responses if r.HasField("segment")]
    assert said == [SEGMENTS[0].text, "sure it's <US_SSN>"]
    assert responses[-1].HasField("summary")
