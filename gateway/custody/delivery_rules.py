"""What the deliverer does with the sink's answer, and whom a failure is blamed on.

Pure rules, kept apart from the deliverer so they can be read and tested as tables,
and apart from any transport: the sink's side (gateway/rpc/sink.py) sorts its status
codes into ``Failure`` and raises ``SinkError``.

``judge`` sorts a failure into one of three actions:

- PARK at once: sending the same bytes again cannot change the answer
  (REFUSED: INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, PERMISSION_DENIED,
  ...; UNIMPLEMENTED; and EXHAUSTED about message size);
- STRIKE: retried, but parked after MAX_STRIKES failures blamed on the record
  (a sink quota, a sink bug on this record);
- RETRY without end: the sink is down, slow or busy, and the record is fine.

``Blame`` tells a record's own failure from a sink failing everything: the first
failure after a delivery is the record's (it backs off alone, the next record goes
at once); a further failure before the next delivery means the sink fails them all.
Until that delivery, records not yet failed are tried before those that have.

A stored reason is ``"<reason code>: <text>"``: the code is a ParkReason (also the
metric's label); the text holds status code names and sizes, never the sink's own
words (they may quote the record) and never record contents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

MAX_STRIKES = 10

_Item = TypeVar("_Item")

# grpc's own texts when a message exceeds a limit: "SERVER: Received message larger
# than max (5022 vs. 4096)" from the sink, "CLIENT: Sent message larger than max ..."
# from our channel (its grpc.max_send_message_length, sink_max_message_bytes).
_TOO_LARGE = re.compile(
    r"(?P<side>Received|Sent) message larger than max(?: \((?P<size>\d+) vs\. (?P<limit>\d+)\))?"
)


class Failure(StrEnum):
    """How the sink failed an attempt, whatever the transport."""

    BUSY = "busy"  # down, slow or busy (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, CANCELLED)
    FAULT = "fault"  # it failed on this record, or on everything (INTERNAL, UNKNOWN, ...)
    EXHAUSTED = "exhausted"  # a quota, or a message over a size limit (RESOURCE_EXHAUSTED)
    UNIMPLEMENTED = "unimplemented"  # it lacks the method (e.g. DeleteRecord)
    REFUSED = "refused"  # it refused the record for good (INVALID_ARGUMENT, ...)


class SinkError(Exception):
    """One attempt failed: how, the transport's name for it (a status code), its text.

    ``details`` is the sink's or transport's own text: read for sizes, never stored.
    """

    def __init__(self, failure: Failure, code: str, details: str | None = None) -> None:
        super().__init__(code)
        self.failure = failure
        self.code = code
        self.details = details


class ParkReason(StrEnum):
    """Why a record was parked: a small fixed set (metric labels, stored reason codes)."""

    TOO_LARGE = "too_large"  # over sink_max_message_bytes, or over the sink's own limit
    REFUSED = "refused"  # the sink refused it for good (INVALID_ARGUMENT, ...)
    QUOTA = "quota"  # RESOURCE_EXHAUSTED, not about size, MAX_STRIKES times
    SINK_ERROR = "sink_error"  # INTERNAL, UNKNOWN, UNAUTHENTICATED, MAX_STRIKES times
    UNIMPLEMENTED = "unimplemented"  # the sink lacks the method (e.g. DeleteRecord)


class Action(StrEnum):
    """What to do after a failed attempt."""

    PARK = "park"
    STRIKE = "strike"
    RETRY = "retry"


@dataclass(frozen=True)
class Verdict:
    """``judge``'s answer: the action, and the reason a park would store."""

    action: Action
    reason: ParkReason | None = None
    detail: str = ""  # STRIKE: "{times}" stands for the number of strikes

    def stored(self, strikes: int = MAX_STRIKES) -> str:
        """The reason as stored with a parked record (after ``strikes`` strikes for STRIKE)."""
        return f"{self.reason}: {self.detail.format(times=strikes)}"


def judge(error: SinkError) -> Verdict:
    """Sort a failed attempt (and, for EXHAUSTED, grpc's size text if that is what it is)."""
    code = error.code
    if error.failure is Failure.BUSY:
        return Verdict(Action.RETRY)
    if error.failure is Failure.FAULT:
        return Verdict(
            Action.STRIKE, ParkReason.SINK_ERROR, f"{code} from the sink {{times}} times"
        )
    if error.failure is Failure.EXHAUSTED:
        size = _TOO_LARGE.search(error.details or "")
        if size is None:
            return Verdict(Action.STRIKE, ParkReason.QUOTA, f"{code} from the sink {{times}} times")
        return Verdict(Action.PARK, ParkReason.TOO_LARGE, f"{code}: {_size_text(size)}")
    if error.failure is Failure.UNIMPLEMENTED:
        return Verdict(Action.PARK, ParkReason.UNIMPLEMENTED, f"{code} from the sink")
    return Verdict(Action.PARK, ParkReason.REFUSED, f"{code} from the sink")


def _size_text(match: re.Match[str]) -> str:
    limit = "the sink's message limit" if match["side"] == "Received" else "sink_max_message_bytes"
    sizes = f" ({match['size']} vs. {match['limit']} bytes)" if match["size"] else ""
    return f"larger than {limit}{sizes}"


def too_large_reason(size: int, limit: int) -> str:
    """The stored reason of a record parked before queueing (``size`` > sink_max_message_bytes)."""
    return f"{ParkReason.TOO_LARGE}: too large for the sink: {size} bytes > {limit}"


def split_reason(stored: str) -> tuple[str, str]:
    """(code, text) of a stored reason; a row parked before reason codes has a status only."""
    code, _, text = stored.partition(": ")
    return code, text


@dataclass
class Blame:
    """Whether a failed attempt is its record's fault or the sink's, from what came before.

    The first failure since a delivery is blamed on its record: it backs off alone
    and the next record is tried at once, which tells the two cases apart. Further
    failures before a delivery mean the sink fails everything: those records wait
    (so several bad records in a row cannot hold the queue) and so does the
    deliverer; the next delivery releases them to go again at once, in order.
    """

    _failing: bool = False
    _victims: list[int] = field(default_factory=list)
    _tried: set[int] = field(default_factory=set)  # failed since the last delivery

    def failed(self, key: int) -> bool:
        """A retryable failure of the record ``key``; True: blamed on that record."""
        self._tried.add(key)
        if not self._failing:
            self._failing = True
            return True
        self._victims.append(key)
        return False

    def delivered(self) -> list[int]:
        """A delivery: the sink works. Returns the records to release, in failure order."""
        victims, self._victims, self._failing = self._victims, [], False
        self._tried.clear()
        return victims

    def untried_first(self, items: Sequence[_Item], key: Callable[[_Item], int]) -> list[_Item]:
        """``items`` in order, but those failed since the last delivery last.

        After a backoff the next attempt goes to a record that can tell whether the
        sink works. Otherwise two bad records in a row, each due again before the
        other's backoff ends, take turns forever and hold every record behind them.
        """
        return sorted(items, key=lambda item: key(item) in self._tried)
