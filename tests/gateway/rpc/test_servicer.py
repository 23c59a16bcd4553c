"""Every RPC over a real channel to a real server on a loopback port."""

from __future__ import annotations

import logging

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from redaction.recognizer_runner import RecognizerRunner
from tests.assertions import assert_no_raw_values
from tests.synthetic import MASTERCARD, SSN, VISA, group

LEAD_FIELDS = {
    "first_name": "Dana",
    "last_name": "Whitfield",
    "phone": "(555) 201-7788",
    "state": "CA",
    "zip": "94110",
    "ssn": SSN,
    "cc_number": VISA,
    "notes": (
        "Wants a quote. Diagnosed with type 2 diabetes last year. "
        f"Card {group(MASTERCARD, (4, 4, 4, 4))}."
    ),
}


def _lead(**overrides: object) -> pb.Lead:
    values: dict[str, object] = {
        "id": "lead-1",
        "owner": "acme-insurance",
        "campaign_id": "c-9",
        "fields": LEAD_FIELDS,
    }
    values.update(overrides)
    return pb.Lead(**values)  # type: ignore[arg-type]


def _violations(error: grpc.aio.AioRpcError) -> tuple[str, list[str]]:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None
    reason, fields = "", []
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason = info.reason
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields = [v.field for v in bad.field_violations]
    return reason, fields


async def test_when_lead_has_ssn_card_and_diagnosis_then_removed_and_contact_kept(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    response = await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead()))

    fields = response.lead.fields
    assert fields["ssn"] == "<US_SSN>"
    assert fields["cc_number"] == "<CREDIT_CARD>"
    assert "diabetes" not in fields["notes"] and "<HEALTH_CONDITION>" in fields["notes"]
    assert "<CREDIT_CARD>" in fields["notes"]
    for kept in ("first_name", "last_name", "phone", "state", "zip"):
        assert fields[kept] == LEAD_FIELDS[kept]
    assert_no_raw_values(str(response), [SSN, VISA, MASTERCARD])

    tags = response.tags
    assert tags.owner == "acme-insurance"
    assert tags.data_category == pb.DATA_CATEGORY_LEAD_DATA
    assert tags.role == pb.ROLE_PROCESSOR
    assert [(t.law, t.term) for t in tags.legal_terms] == [("CCPA", "service provider")]
    assert dict(tags.sensitive_categories) == {
        "GOVERNMENT_ID": 1,
        "FINANCIAL_ACCOUNT": 2,
        "HEALTH": 1,
    }
    assert (tags.retain_until.ToDatetime() - tags.received_at.ToDatetime()).days == 120
    assert tags.engine_version and tags.policy_id == "default"

    by_field = {(f.field_name, f.entity_type): f for f in response.findings}
    ssn = by_field[("ssn", "US_SSN")]
    assert (ssn.start, ssn.end, ssn.action) == (0, len(SSN), pb.ACTION_REPLACED)
    assert ssn.sensitivity == pb.SENSITIVITY_SENSITIVE and ssn.category == "GOVERNMENT_ID"
    health = by_field[("notes", "HEALTH_CONDITION")]
    notes = LEAD_FIELDS["notes"]
    assert "diabetes" in notes[health.start : health.end]
    assert by_field[("phone", "PHONE_NUMBER")].action == pb.ACTION_KEPT


async def test_when_transcript_has_spoken_ssn_and_card_digits_then_removed(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    card_spoken = group(VISA, (4, 4, 4, 4))
    transcript = pb.Transcript(
        id="call-7",
        owner="acme-insurance",
        consumer_state="Virginia",
        segments=[
            pb.TranscriptSegment(speaker=pb.SPEAKER_AGENT, text="Can I get your social to verify?"),
            pb.TranscriptSegment(
                speaker=pb.SPEAKER_CUSTOMER,
                text=f"sure it's {SSN.replace('-', ' ')}",
                start_ms=1200,
                end_ms=4100,
            ),
            pb.TranscriptSegment(speaker=pb.SPEAKER_AGENT, text="And the card for the deposit?"),
            pb.TranscriptSegment(
                speaker=pb.SPEAKER_CUSTOMER, text=f"yeah {card_spoken} and the cvv is 123"
            ),
        ],
    )
    response = await stub.RedactTranscript(
        service_pb.RedactTranscriptRequest(transcript=transcript)
    )

    texts = [s.text for s in response.transcript.segments]
    assert texts[1] == "sure it's <US_SSN>"
    assert texts[3] == "yeah <CREDIT_CARD> and the cvv is <CARD_SECURITY_CODE>"
    assert texts[0] == transcript.segments[0].text
    assert response.transcript.segments[1].start_ms == 1200
    assert response.tags.data_category == pb.DATA_CATEGORY_DATA_ENHANCEMENT
    assert [(t.law, t.term) for t in response.tags.legal_terms] == [("VCDPA", "processor")]
    assert {(f.segment_index, f.entity_type) for f in response.findings} >= {
        (1, "US_SSN"),
        (3, "CREDIT_CARD"),
        (3, "CARD_SECURITY_CODE"),
    }
    assert_no_raw_values(str(response), [SSN, VISA, card_spoken])


async def test_when_call_center_own_record_then_controller_and_business(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    lead = _lead(source=pb.DATA_SOURCE_CALL_CENTER)
    response = await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
    assert response.tags.data_category == pb.DATA_CATEGORY_OTHER_INFORMATION
    assert response.tags.role == pb.ROLE_CONTROLLER
    assert [(t.law, t.term) for t in response.tags.legal_terms] == [("CCPA", "business")]


@pytest.mark.parametrize(
    "lead, field",
    [
        (_lead(id=""), "lead.id"),
        (_lead(owner=" "), "lead.owner"),
    ],
)
async def test_when_id_or_owner_missing_then_invalid_argument_names_field(
    stub: service_grpc.LeadGatewayServiceStub, lead: pb.Lead, field: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (raised.value.details() or "")
    reason, fields = _violations(raised.value)
    assert reason == "INVALID_RECORD" and fields == [field]
    assert SSN not in (raised.value.details() or "")


async def test_when_transcript_owner_missing_then_invalid_argument(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    transcript = pb.Transcript(id="call-1", segments=[pb.TranscriptSegment(text=f"ssn {SSN}")])
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactTranscript(service_pb.RedactTranscriptRequest(transcript=transcript))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _violations(raised.value)[1] == ["transcript.owner"]


async def test_when_message_oversize_then_resource_exhausted(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    lead = _lead(fields={"notes": "x" * (300 * 1024)})
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
    assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_when_too_many_fields_then_resource_exhausted_names_field(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    lead = _lead(fields={f"f{i}": "x" for i in range(51)})
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
    assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert _violations(raised.value) == ("RECORD_TOO_LARGE", ["lead.fields"])


async def test_when_detection_fails_then_internal_and_nothing_returned(
    stub: service_grpc.LeadGatewayServiceStub,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken_analyze(
        self: RecognizerRunner, text: str, *args: object, **kwargs: object
    ) -> list[object]:
        raise RuntimeError(f"recognizer crashed on {text}")

    # Where the engine runs its recognizers: a crash there quotes the text it read.
    monkeypatch.setattr(RecognizerRunner, "analyze", broken_analyze)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead()))
    assert raised.value.code() == grpc.StatusCode.INTERNAL
    assert _violations(raised.value)[0] == "DETECTION_FAILED"
    assert_no_raw_values(
        raised.value.details() or "", [SSN, VISA, MASTERCARD, LEAD_FIELDS["notes"]]
    )
    assert_no_raw_values(caplog.text, [SSN, VISA, MASTERCARD, "diabetes"])


async def test_when_sensitive_values_processed_then_logs_never_contain_them(
    stub: service_grpc.LeadGatewayServiceStub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead()))
    with pytest.raises(grpc.aio.AioRpcError):
        await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead(id="")))
    transcript = pb.Transcript(
        id="call-2",
        owner="acme",
        segments=[pb.TranscriptSegment(text=f"my social is {SSN} and card {VISA}")],
    )
    await stub.RedactTranscript(service_pb.RedactTranscriptRequest(transcript=transcript))
    assert any(getattr(r, "rpc", None) == "RedactLead" for r in caplog.records)
    assert_no_raw_values(caplog.text, [SSN, VISA, MASTERCARD, "diabetes", "Whitfield"])
    for record in caplog.records:
        assert_no_raw_values(str(vars(record)), [SSN, VISA, MASTERCARD, "diabetes"])


async def test_when_segments_have_word_timings_then_mute_intervals_cover_the_number(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    spoken = "five three six two two eight one seven four".split()
    words = [pb.WordTiming(word="my", start_ms=1000, end_ms=1200)]
    words += [pb.WordTiming(word="social", start_ms=1200, end_ms=1600)]
    words += [pb.WordTiming(word="is", start_ms=1600, end_ms=1700)]
    words += [
        pb.WordTiming(word=w, start_ms=1700 + 300 * i, end_ms=2000 + 300 * i)
        for i, w in enumerate(spoken)
    ]
    segment = pb.TranscriptSegment(
        speaker=pb.SPEAKER_CUSTOMER, text="my social is " + " ".join(spoken), words=words
    )
    transcript = pb.Transcript(id="call-3", owner="acme", segments=[segment])
    response = await stub.RedactTranscript(
        service_pb.RedactTranscriptRequest(transcript=transcript)
    )
    assert response.transcript.segments[0].text == "my social is <US_SSN>"
    assert not response.transcript.segments[0].words
    assert [(i.segment_index, i.start_ms, i.end_ms) for i in response.mute_intervals] == [
        (0, 1700, 1700 + 300 * 8 + 300)
    ]
