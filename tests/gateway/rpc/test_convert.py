"""Every proto enum value has a mapping; records survive the round trip."""

from __future__ import annotations

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway.rpc import convert
from redaction import Action, DataCategory, DataSource, Role, Sensitivity, Speaker


def _values(enum_name: str) -> set[int]:
    return {v.number for v in pb.DESCRIPTOR.enum_types_by_name[enum_name].values if v.number != 0}


def test_when_enums_compared_then_every_value_is_mapped() -> None:
    assert set(convert.SOURCE_TO_PB.values()) == _values("DataSource")
    assert set(convert.CATEGORY_TO_PB.values()) == _values("DataCategory")
    assert set(convert.ROLE_TO_PB.values()) == _values("Role")
    assert set(convert.SENSITIVITY_TO_PB.values()) == _values("Sensitivity")
    assert set(convert.ACTION_TO_PB.values()) == _values("Action")
    assert set(convert.SPEAKER_FROM_PB) == _values("Speaker") | {0}
    assert set(convert.SOURCE_TO_PB) == set(DataSource)
    assert set(convert.CATEGORY_TO_PB) == set(DataCategory)
    assert set(convert.ROLE_TO_PB) == set(Role)
    assert set(convert.SENSITIVITY_TO_PB) == set(Sensitivity)
    assert set(convert.ACTION_TO_PB) == set(Action)
    assert set(convert.SPEAKER_TO_PB) == set(Speaker)


def test_when_transcript_round_tripped_then_unchanged() -> None:
    message = pb.Transcript(
        id="c",
        owner="o",
        campaign_id="k",
        consumer_state="TX",
        source=pb.DATA_SOURCE_CALL_CENTER,
        segments=[
            pb.TranscriptSegment(speaker=pb.SPEAKER_CUSTOMER, text="hi", start_ms=0, end_ms=10),
            pb.TranscriptSegment(speaker=pb.SPEAKER_AGENT, text="hello"),
        ],
    )
    assert convert.transcript_to_pb(convert.transcript_from_pb(message)) == message


def test_when_lead_round_tripped_then_unchanged() -> None:
    message = pb.Lead(id="l", owner="o", fields={"a": "1"}, source=pb.DATA_SOURCE_CLIENT)
    assert convert.lead_to_pb(convert.lead_from_pb(message)) == message
