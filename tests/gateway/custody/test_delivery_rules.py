"""What the deliverer does with the sink's answer (park, retry a few times, retry), and blame.

Pure rules, as tables: no server, no clock.
"""

from __future__ import annotations

import grpc
import pytest

from gateway.custody.delivery_rules import (
    MAX_STRIKES,
    Action,
    Blame,
    ParkReason,
    Verdict,
    split_reason,
    too_large_reason,
)
from gateway.custody.delivery_rules import judge as judge_failure
from gateway.rpc.sink import sink_error

C = grpc.StatusCode


def judge(code: grpc.StatusCode, details: str | None) -> Verdict:
    """The verdict on a status code, as the gRPC sink reports it (gateway/rpc/sink.py)."""
    return judge_failure(sink_error(code, details))


SIZE_AT_SINK = "SERVER: Received message larger than max (5022 vs. 4096)"
SIZE_AT_CLIENT = "CLIENT: Sent message larger than max (5022 vs. 4096)"


@pytest.mark.parametrize(
    ("code", "details", "action", "reason"),
    [
        # Parked at once: sending it again cannot change the answer.
        (C.INVALID_ARGUMENT, "campaign unknown", Action.PARK, ParkReason.REFUSED),
        (C.FAILED_PRECONDITION, "owner not onboarded", Action.PARK, ParkReason.REFUSED),
        (C.OUT_OF_RANGE, "", Action.PARK, ParkReason.REFUSED),
        (C.PERMISSION_DENIED, "", Action.PARK, ParkReason.REFUSED),
        (C.NOT_FOUND, "", Action.PARK, ParkReason.REFUSED),
        (C.ALREADY_EXISTS, "", Action.PARK, ParkReason.REFUSED),
        (C.DATA_LOSS, "", Action.PARK, ParkReason.REFUSED),
        (C.UNIMPLEMENTED, "", Action.PARK, ParkReason.UNIMPLEMENTED),
        (C.RESOURCE_EXHAUSTED, SIZE_AT_SINK, Action.PARK, ParkReason.TOO_LARGE),
        (C.RESOURCE_EXHAUSTED, SIZE_AT_CLIENT, Action.PARK, ParkReason.TOO_LARGE),
        # Retried, but only MAX_STRIKES times when the record is to blame: a quota, a bug.
        (C.RESOURCE_EXHAUSTED, "quota exceeded", Action.STRIKE, ParkReason.QUOTA),
        (C.RESOURCE_EXHAUSTED, None, Action.STRIKE, ParkReason.QUOTA),
        (C.INTERNAL, "", Action.STRIKE, ParkReason.SINK_ERROR),
        (C.UNKNOWN, "", Action.STRIKE, ParkReason.SINK_ERROR),
        (C.UNAUTHENTICATED, "", Action.STRIKE, ParkReason.SINK_ERROR),
        # Retried without end: the sink is down, slow or busy; the record is fine.
        (C.UNAVAILABLE, "", Action.RETRY, None),
        (C.DEADLINE_EXCEEDED, "", Action.RETRY, None),
        (C.ABORTED, "", Action.RETRY, None),
        (C.CANCELLED, "", Action.RETRY, None),
    ],
)
def test_when_sink_answers_code_then_verdict_by_table(
    code: grpc.StatusCode, details: str | None, action: Action, reason: ParkReason | None
) -> None:
    verdict = judge(code, details)
    assert (verdict.action, verdict.reason) == (action, reason)


def test_when_any_status_code_then_judged_without_error() -> None:
    for code in grpc.StatusCode:
        if code is not grpc.StatusCode.OK:
            judge(code, "whatever the sink says")


def test_when_sink_text_quotes_a_value_then_the_stored_reason_does_not() -> None:
    raw = "lead-7 phone 212-555-0142 is invalid"
    for code in (C.INVALID_ARGUMENT, C.RESOURCE_EXHAUSTED, C.INTERNAL):
        stored = judge(code, raw).stored()
        assert "212" not in stored and "phone" not in stored


def test_when_sink_says_message_too_large_then_reason_gives_the_sizes() -> None:
    at_sink = judge(C.RESOURCE_EXHAUSTED, SIZE_AT_SINK).stored()
    at_client = judge(C.RESOURCE_EXHAUSTED, SIZE_AT_CLIENT).stored()
    assert at_sink.startswith("too_large: RESOURCE_EXHAUSTED") and "5022 vs. 4096" in at_sink
    assert "sink_max_message_bytes" in at_client and "5022 vs. 4096" in at_client


def test_when_strikes_run_out_then_the_reason_says_how_often() -> None:
    stored = judge(C.INTERNAL, "boom").stored()
    assert stored == f"sink_error: INTERNAL from the sink {MAX_STRIKES} times"


def test_when_too_large_before_queueing_then_reason_names_both_sizes() -> None:
    assert too_large_reason(4_980_736, 4_194_304) == (
        "too_large: too large for the sink: 4980736 bytes > 4194304"
    )


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (
            "too_large: too large for the sink: 9 bytes > 4",
            ("too_large", "too large for the sink: 9 bytes > 4"),
        ),
        ("refused: INVALID_ARGUMENT from the sink", ("refused", "INVALID_ARGUMENT from the sink")),
        # Parked before reasons had a code: the status code alone.
        ("INVALID_ARGUMENT", ("INVALID_ARGUMENT", "")),
        ("", ("", "")),
    ],
)
def test_when_stored_reason_split_then_code_and_text(
    stored: str, expected: tuple[str, str]
) -> None:
    assert split_reason(stored) == expected


# -- blame: the record, or the sink ---------------------------------------------------------
# Events: ("fail", seq) -> blamed on the record?; ("ok", 0) -> records released (due again now).


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # One bad record among good ones: blamed each time it fails after a delivery.
        ([("fail", 1), ("ok", 0), ("ok", 0), ("fail", 1), ("ok", 0)], [True, [], [], True, []]),
        # The sink fails everything: the first failure is blamed, the others are not, and
        # the next delivery releases them (they go again at once, in order).
        ([("fail", 1), ("fail", 2), ("fail", 3), ("ok", 0)], [True, False, False, [2, 3]]),
        # The same record failing again before any delivery: not blamed twice.
        ([("fail", 1), ("fail", 1), ("ok", 0)], [True, False, [1]]),
        # Two bad records in a row: the second is released, then blamed on its own.
        (
            [("fail", 1), ("fail", 2), ("ok", 0), ("fail", 2), ("ok", 0)],
            [True, False, [2], True, []],
        ),
        # Nothing failed: nothing to release.
        ([("ok", 0), ("ok", 0)], [[], []]),
    ],
)
def test_when_attempts_fail_and_succeed_then_blame_by_table(
    events: list[tuple[str, int]], expected: list[bool | list[int]]
) -> None:
    blame = Blame()
    seen: list[bool | list[int]] = []
    for event, seq in events:
        seen.append(blame.failed(seq) if event == "fail" else blame.delivered())
    assert seen == expected


@pytest.mark.parametrize(
    ("failed", "delivered_after", "due", "expected"),
    [
        # Nothing failed: the outbox's order.
        ([], False, [1, 2, 3], [1, 2, 3]),
        # Two bad records in a row: the records not yet tried go first, in order.
        ([2, 3], False, [2, 3, 4, 5], [4, 5, 2, 3]),
        # Only tried records due: they go, in order (the sink may fail everything).
        ([1, 2], False, [2, 1], [2, 1]),
        # A delivery ends the outage: the outbox's order again.
        ([2, 3], True, [2, 3, 4], [2, 3, 4]),
    ],
)
def test_when_records_failed_since_the_last_delivery_then_untried_ones_go_first(
    failed: list[int], delivered_after: bool, due: list[int], expected: list[int]
) -> None:
    blame = Blame()
    for key in failed:
        blame.failed(key)
    if delivered_after:
        blame.delivered()
    assert blame.untried_first(due, key=lambda key: key) == expected
