"""A live call: segments in as they are recognized, redacted segments out, in order.

The hold rule. A segment whose tail could be the start of a number that the
next segment continues ("my social is five five five") is held back. Held
segments are released, redacted together with what follows, when

- the next segment arrives, is not a mere back-channel ("uh huh", "okay"),
  and does not itself end in a possible number (it is scanned joined with
  the held ones, so a number split across them is found whole and removed
  from every segment it touches);
- the stream ends; or
- the hold time passes (the gateway calls ``flush``): the held segments are
  then scanned as they are, with the call so far as context, so held digits
  are removed if they already count as sensitive on their own — a number
  only completed later can no longer be removed from what was sent.

At most ``max_held`` segments are held; the next one releases them all.
Every segment is also scanned with the last ``context_size`` sent segments
before it, so a cue said earlier ("what's your social?") still counts.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from redaction.normalize import is_backchannel, tail_may_continue
from redaction.types import Finding, Segment, Tags, Transcript

if TYPE_CHECKING:
    from redaction.engine import RedactedSegment, Redactor

DEFAULT_CONTEXT_SEGMENTS = 6
DEFAULT_MAX_HELD = 6


@dataclass
class StreamState:
    """What a call stream remembers: never more than a few segments of raw text."""

    next_index: int = 0
    held: list[Segment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class CallStream:
    """Pure state machine for one live call; the caller supplies the clock."""

    def __init__(
        self,
        redactor: Redactor,
        header: Transcript,
        received_at: datetime | None = None,
        context_size: int = DEFAULT_CONTEXT_SEGMENTS,
        max_held: int = DEFAULT_MAX_HELD,
    ) -> None:
        self._redactor = redactor
        self._header = header
        self._received_at = received_at
        self._context: deque[Segment] = deque(maxlen=context_size)
        self._max_held = max_held
        self._state = StreamState()

    @property
    def holding(self) -> bool:
        """True while some segments wait for the next one."""
        return bool(self._state.held)

    @property
    def held_count(self) -> int:
        """How many segments are held back now."""
        return len(self._state.held)

    def push(self, segment: Segment) -> list[RedactedSegment]:
        """Take the next segment; return the segments now ready, in order (maybe none)."""
        waiting = self.holding and is_backchannel(segment.text)
        self._state.held.append(segment)
        if len(self._state.held) <= self._max_held and (waiting or tail_may_continue(segment.text)):
            return []
        return self.flush()

    def flush(self) -> list[RedactedSegment]:
        """Release every held segment now (hold time over, or end of stream)."""
        held, self._state.held = self._state.held, []
        if not held:
            return []
        out = self._redactor.redact_segments(
            held,
            self._redactor.policy_for(self._header.owner),
            first_index=self._state.next_index,
            context=tuple(self._context),
        )
        self._state.next_index += len(held)
        self._context.extend(held)
        for redacted in out:
            self._state.findings.extend(redacted.findings)
        return out

    def segment_tags(self, redacted: RedactedSegment) -> Tags:
        """The call's tags, counting what was removed from this one segment."""
        return self._redactor.transcript_tags(self._header, redacted.findings, self._received_at)

    def summary(self) -> StreamSummary:
        """Tags and counts for the whole call so far (send after the last segment)."""
        tags = self._redactor.transcript_tags(self._header, self._state.findings, self._received_at)
        counts = Counter(f.entity_type for f in self._state.findings)
        return StreamSummary(
            tags,
            self._state.next_index,
            dict(sorted(counts.items())),
            tuple(self._state.findings),
        )


@dataclass(frozen=True)
class StreamSummary:
    """End-of-call tags, the number of segments sent and findings per entity type."""

    tags: Tags
    segments: int
    findings_by_type: dict[str, int]
    findings: tuple[Finding, ...] = ()
