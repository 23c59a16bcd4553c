"""A live call: segments in as they are recognized, redacted segments out, in order.

The hold rule follows the number, not a count of segments. A segment is
held back while

- its tail could be the start of a number the next segment continues ("my
  social is five five five", "4111, um,"), or
- the customer has given part of a number the agent asked for and not all
  of it ("the last four?" ... "six oh"), or
- it is a mere back-channel ("uh huh", "okay") while others are held.

Held segments are released, redacted together with what follows (so a
number split across them is found whole and removed from every segment it
touches), when a segment arrives that does none of the above. When the hold
time passes or the stream ends (the gateway calls ``flush``), or when
``max_held`` segments wait, they are released as they are, read as
possibly cut off mid-value: digits that a cue or the agent's question made
part of a sensitive value are removed even though the value is incomplete.
An SSN said one digit per segment therefore never reaches the dialer.

Every segment is also scanned with the last ``context_size`` sent segments
before it, so a question asked earlier ("what's your social?") still counts.
A detection failure fails only the segments being released: each is
replaced whole (``UNSCANNED``) and the call goes on.

Each segment is also heard by a ``RecordingGuard`` the moment it arrives, before
any hold: its PAUSE/RESUME hints for the call recording wait in ``take_hints``,
and a value said while the recording ran is marked ``captured_while_recording``.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from redaction.dialogue import requests_in
from redaction.errors import DetectionError
from redaction.normalize import says_nothing, tail_may_continue
from redaction.policy import RedactionPolicy
from redaction.recording import RecordingGuard, RecordingHint
from redaction.spanish import Language
from redaction.spoken import said_in_english
from redaction.types import (
    Finding,
    RedactedSegment,
    Segment,
    Speaker,
    StreamSummary,
    Tags,
    Transcript,
)

DEFAULT_CONTEXT_SEGMENTS = 6
# A 19-digit card said one digit per segment, with back-channels between, fits.
DEFAULT_MAX_HELD = 40


class SegmentRedactor(Protocol):
    """What a call stream needs of the engine (the Redactor), so stream.py need not import it."""

    def policy_for(self, owner: str) -> RedactionPolicy: ...

    def redact_segments(
        self,
        segments: Sequence[Segment],
        policy: RedactionPolicy,
        first_index: int = 0,
        context: Sequence[Segment] = (),
        partial: bool = False,
        language: Language = Language.AUTO,
    ) -> list[RedactedSegment]: ...

    def value_pending(
        self, segments: Sequence[Segment], language: Language = Language.AUTO
    ) -> bool: ...

    def unscanned(self, index: int, segment: Segment) -> RedactedSegment: ...

    def transcript_tags(
        self,
        transcript: Transcript,
        findings: Iterable[Finding],
        received_at: datetime | None = None,
    ) -> Tags: ...


@dataclass
class StreamState:
    """What a call stream remembers: never more than a few segments of raw text."""

    next_index: int = 0
    held: list[Segment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class CallStream:
    """Pure state machine for one live call; the clock is the caller's (default monotonic)."""

    def __init__(
        self,
        redactor: SegmentRedactor,
        header: Transcript,
        received_at: datetime | None = None,
        context_size: int = DEFAULT_CONTEXT_SEGMENTS,
        max_held: int = DEFAULT_MAX_HELD,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``clock``: monotonic seconds, for how long the recording has been paused."""
        self._redactor = redactor
        self._header = header
        self._received_at = received_at
        self._context: deque[Segment] = deque(maxlen=context_size)
        # The agent's last question, kept even when it has left the context: the answer
        # may come many turns later ("one sec", "okay", "let me find it", ...).
        self._question: Segment | None = None
        self._max_held = max_held
        self._state = StreamState()
        self._clock = clock
        policy = redactor.policy_for(header.owner)
        self._recording = RecordingGuard(
            policy.pause_recording, policy.max_pause_seconds, self._language()
        )
        self._hints: list[RecordingHint] = []

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
        index = self._state.next_index + len(self._state.held)
        self._hints += self._recording.hear(index, segment, self._clock())
        said = said_in_english(segment.text, self._language())
        waiting = self.holding and says_nothing(said)
        self._state.held.append(segment)
        if len(self._state.held) > self._max_held:
            return self.flush()
        if waiting or tail_may_continue(said) or self._value_pending():
            return []
        return self._release(partial=False)

    def flush(self) -> list[RedactedSegment]:
        """Release every held segment now (hold time over, or end of stream), fail safe."""
        return self._release(partial=True)

    def take_hints(self) -> list[RecordingHint]:
        """The recording hints decided since the last call, in order (a timed-out pause too)."""
        self._hints += self._recording.tick(self._clock())
        hints, self._hints = self._hints, []
        return hints

    def pause_seconds_left(self) -> float | None:
        """Seconds until the recording's pause times out; None while recording."""
        return self._recording.seconds_left(self._clock())

    def end_recording(self) -> list[RecordingHint]:
        """The stream is over: the hints still owed, a RESUME if the recording is paused."""
        return [*self.take_hints(), *self._recording.end()]

    def _value_pending(self) -> bool:
        return self._redactor.value_pending(
            (*self._read_with(), *self._state.held), self._language()
        )

    def _language(self) -> Language:
        """The header's language setting for every segment, else the owner's policy's."""
        return self._redactor.policy_for(self._header.owner).language_for(self._header.language)

    def _read_with(self) -> tuple[Segment, ...]:
        """The segments sent lately, and the agent's last question if it is older."""
        if self._question is None or self._question in self._context:
            return tuple(self._context)
        return (self._question, *self._context)

    def _release(self, partial: bool) -> list[RedactedSegment]:
        held, self._state.held = self._state.held, []
        if not held:
            return []
        try:
            out = self._redactor.redact_segments(
                held,
                self._redactor.policy_for(self._header.owner),
                first_index=self._state.next_index,
                context=self._read_with(),
                partial=partial,
                language=self._language(),
            )
        except DetectionError:
            first = self._state.next_index
            out = [self._redactor.unscanned(first + i, s) for i, s in enumerate(held)]
        self._state.next_index += len(held)
        self._context.extend(held)
        for segment in held:
            if segment.speaker is Speaker.AGENT and requests_in(segment.text):
                self._question = segment
        out = [self._marked(redacted) for redacted in out]
        for redacted in out:
            self._state.findings.extend(redacted.findings)
        return out

    def _marked(self, redacted: RedactedSegment) -> RedactedSegment:
        """The segment with values said while the recording ran marked as captured."""
        findings = self._recording.captured(redacted.index, redacted.findings)
        return redacted if findings == redacted.findings else replace(redacted, findings=findings)

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
