"""Span look-ups in O(log n): is a span overlapped or covered, is a position inside one.

Recognizers and passes used to ask these questions by comparing each span with
every other (``any(... for o in others)``): quadratic in the number of matches,
which a long note of repeated cues ("pin 1234 pin 1234 ...") makes large. Here the
spans are sorted once; the furthest end reached so far, at each start, answers
every question with one bisect.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class SpanIndex:
    """Spans (any order, overlaps allowed), sorted by start, with the furthest end so far."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when a held span shares a position with ``[start, end)``.

        That is ``s < end and start < e`` for some held ``(s, e)``: of the spans
        starting before ``end``, the one reaching furthest decides.
        """
        before = bisect_left(self._starts, end)
        return before > 0 and self._reach[before - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """True when a held span ``(s, e)`` has ``s <= start`` and ``end <= e``."""
        before = bisect_right(self._starts, start)
        return before > 0 and self._reach[before - 1] >= end

    def holds(self, position: int) -> bool:
        """True when ``s <= position < e`` for a held span ``(s, e)``."""
        return self.covers(position, position + 1)


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


SpanT = TypeVar("SpanT", bound=_HasSpan)


def outermost(results: Sequence[SpanT]) -> list[SpanT]:
    """``results`` without those lying inside another, strictly longer one (order kept).

    One sort and one sweep: in start order (longest first at a start), the result
    reaching furthest so far is the longest that can hold the next one.
    """
    inside: set[int] = set()
    reach_start, reach_end = -1, -1
    for index in sorted(range(len(results)), key=lambda i: (results[i].start, -results[i].end)):
        r = results[index]
        if reach_end >= r.end and reach_end - reach_start > r.end - r.start:
            inside.add(index)
        if r.end > reach_end:
            reach_start, reach_end = r.start, r.end
    return [r for index, r in enumerate(results) if index not in inside]
