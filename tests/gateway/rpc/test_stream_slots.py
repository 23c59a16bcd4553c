"""Stream slot accounting without a server: a refused stream holds no slot."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry, Gauge

from gateway.errors import TooManyStreamsError
from gateway.rpc.stream_slots import StreamSlots


def _slots(total: int, per_caller: int) -> tuple[StreamSlots, CollectorRegistry]:
    registry = CollectorRegistry()
    gauge = Gauge("open_streams", "open streams", registry=registry)
    return StreamSlots(total, per_caller, gauge), registry


def test_when_caller_share_taken_then_refused_and_others_still_served() -> None:
    slots, registry = _slots(total=3, per_caller=2)
    assert [slots.take("a"), slots.take("a")] == ["a", "a"]
    with pytest.raises(TooManyStreamsError, match="max_streams_per_caller"):
        slots.take("a")
    assert slots.take("b") == "b"
    assert slots.active == 3 and registry.get_sample_value("open_streams") == 3


def test_when_total_taken_then_refused_until_one_given_back() -> None:
    slots, registry = _slots(total=1, per_caller=0)
    slots.take("a")
    with pytest.raises(TooManyStreamsError, match="max_concurrent_streams"):
        slots.take("b")
    slots.give_back("a")
    assert slots.take("b") == "b"
    slots.give_back("b")
    assert slots.active == 0 and registry.get_sample_value("open_streams") == 0
