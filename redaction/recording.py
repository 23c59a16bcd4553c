"""When a live call's recording should stop: the agent's question says a card number is next.

PCI DSS keeps card data out of call recordings; call centers "pause and resume"
the recorder while the customer reads it. The dialogue reader already knows
when an agent's turn opens a slot for a card number, an expiry, a security
code, a bank account or an SSN, and when the answer is complete. The guard
reads each segment as it *arrives* (before the hold rule waits for the rest of
a number) and says:

- ``PAUSE`` when an agent turn opens a slot of a pausing type, or a customer
  turn names one with a cue of its own ("my card number is ...");
- ``RESUME`` when no such slot is open, no number is half given, and the agent
  says something that is not a mere back-channel: the conversation moved on;
- ``RESUME`` with a warning once a pause lasts ``max_pause_seconds``, and
  ``RESUME`` when the stream ends while paused.

It remembers, per segment, whether the recording was paused when the segment
arrived: a value found in one that was not is *captured while recording*.
Pure: the caller supplies the clock (seconds, monotonic).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

import regex

from redaction.dialogue import DialogueState, Turn, read_dialogue, requests_in
from redaction.normalize import says_nothing, tail_may_continue
from redaction.policy import DEFAULT_MAX_PAUSE_SECONDS, DEFAULT_PAUSE_RECORDING
from redaction.recording_topics import PART_OF_TOPIC, PAUSE_TOPICS, REQUEST, STAYS_ON_THE_VALUE
from redaction.slot_table import CONTINUE, FOLLOW_UP, QUESTION
from redaction.spanish import Language
from redaction.spoken import call_forms, spoken_turns
from redaction.types import Finding, Segment, Speaker

_FLAGS = regex.IGNORECASE | regex.UNICODE
# A question's shape, or a request to say something: what an agent asks with.
_ASKS = regex.compile(f"(?:{QUESTION})|{REQUEST}", _FLAGS)
# A prompt to go on, a follow-up, a read-back announced: the agent stays on the value.
_STAYS = regex.compile(f"{CONTINUE}|{FOLLOW_UP}|{STAYS_ON_THE_VALUE}", _FLAGS)
_TOPICS = tuple(
    (entity_type, regex.compile(rf"\b(?:{words})\b", _FLAGS))
    for entity_type, words in PAUSE_TOPICS.items()
)


class RecordingAction(enum.Enum):
    """What the recorder should do."""

    PAUSE = "pause"
    RESUME = "resume"


class RecordingCause(enum.Enum):
    """Why: the proto's RecordingCause."""

    ASKED = "asked"  # the agent asked for a pausing type
    VOLUNTEERED = "volunteered"  # the customer began one with a cue of their own
    ANSWERED = "answered"  # given, and the agent moved on
    TIMED_OUT = "timed_out"  # the pause lasted max_pause_seconds
    STREAM_ENDED = "stream_ended"  # the stream ended while paused


@dataclass(frozen=True)
class RecordingHint:
    """One cue to the dialer's recorder; never a value."""

    action: RecordingAction
    entity_type: str
    segment_index: int
    cause: RecordingCause
    sequence: int  # 1, 2, 3, ... within the call
    warning: str = ""


class RecordingGuard:
    """Pause/resume state of one call's recording, segment by segment as they arrive."""

    def __init__(
        self,
        pause_types: frozenset[str] = DEFAULT_PAUSE_RECORDING,
        max_pause_seconds: float = DEFAULT_MAX_PAUSE_SECONDS,
        language: Language = Language.AUTO,
    ) -> None:
        self._pause_types = pause_types
        self._max_pause = max_pause_seconds
        self._language = language
        self._dialogue = DialogueState()
        self._paused_for = ""  # the entity type the recording is paused for; "" when recording
        self._paused_at = 0.0
        self._sequence = 0
        self._last_index = 0  # the segment heard last: a timeout's hint belongs to it
        self._arrived_recording: set[int] = set()  # segment indices heard while not paused
        self._answered = False  # the customer said a value since the last ask

    @property
    def paused(self) -> bool:
        """True while the recorder should be paused."""
        return bool(self._paused_for)

    def seconds_left(self, now: float) -> float | None:
        """Seconds until a pause times out (None when not paused)."""
        return self._max_pause - (now - self._paused_at) if self.paused else None

    def hear(self, index: int, segment: Segment, now: float) -> list[RecordingHint]:
        """A segment arrived: the hints it calls for (a timed-out pause ends first)."""
        self._last_index = index
        hints = self.tick(now)
        if not self.paused:
            self._arrived_recording.add(index)
        if not self._pause_types or not segment.text.strip():
            return hints
        before = [id(slot) for slot in self._dialogue.open]
        turn = (Turn(segment.speaker, 0, len(segment.text)),)
        _, spoken = call_forms(segment.text, turn, self._language)
        values = read_dialogue(spoken.text, spoken_turns(spoken, turn), self._dialogue)
        # Only the slots matter here: keep no raw text or values for the rest of the call.
        self._dialogue.pieces.clear()
        self._dialogue.given.clear()
        self._dialogue.child_names.clear()
        opened = [s.spec.entity_type for s in self._dialogue.open if id(s) not in before]
        if segment.speaker is Speaker.AGENT:
            asked = self._asked_for(spoken.text, opened)
            if asked:
                self._answered = False  # an answer is due again
                if not self.paused:
                    hints.append(self._pause(asked, index, RecordingCause.ASKED, now))
            elif self.paused and self._moved_on(spoken.text):
                hints.append(self._resume(index, RecordingCause.ANSWERED))
            return hints
        said_a_value = bool(values) or any(ch.isdigit() for ch in spoken.text)
        if self.paused:
            self._answered = self._answered or said_a_value
            return hints
        begun = self._value_begun(spoken.text)
        if begun:
            self._answered = said_a_value
            hints.append(self._pause(begun, index, RecordingCause.VOLUNTEERED, now))
        return hints

    def _value_begun(self, said: str) -> str:
        """The pausing type a customer's own cue begins a value of, still to be said, or "".

        The value is still to come when the cue ends the turn ("my card number is")
        or the turn ends inside a number ("my social is five three six"). A cue with
        its value whole ("… is 536 22 8174"), or none ("just put it on the Visa like
        last time"), leaves nothing to keep out of the recording.
        """
        named = [r for r in requests_in(said) if r.spec.entity_type in self._pause_types]
        if not named:
            return ""
        rest = said[named[-1].end :]
        if not rest.strip(" \t,.:;-") or says_nothing(rest) or tail_may_continue(said):
            return named[-1].spec.entity_type
        return ""

    def _asked_for(self, said: str, opened: list[str]) -> str:
        """The pausing type an agent turn asks for, else "".

        A slot it opens says so; else a question or request about a pausing type's
        topic, unless the slot it opens is another type's ("the member id on your
        insurance card?").
        """
        pausing = [entity_type for entity_type in opened if entity_type in self._pause_types]
        if pausing:
            return pausing[0]
        if any(entity_type not in PART_OF_TOPIC for entity_type in opened):
            return ""
        if not opened and _ASKS.search(said) is None:
            return ""
        return self._topic_of(said)

    def _topic_of(self, said: str) -> str:
        """The first pausing type whose topic ``said`` names, else ""."""
        for entity_type, topic in _TOPICS:
            if entity_type in self._pause_types and topic.search(said):
                return entity_type
        return ""

    def tick(self, now: float) -> list[RecordingHint]:
        """Time passed: a RESUME with a warning once a pause has lasted too long."""
        left = self.seconds_left(now)
        if left is None or left > 0:
            return []
        warning = (
            f"paused {self._max_pause:g} s (max_pause_seconds) for {self._paused_for} without"
            " the conversation moving on: recording resumed"
        )
        return [self._resume(self._last_index, RecordingCause.TIMED_OUT, warning)]

    def end(self) -> list[RecordingHint]:
        """The stream ended: never leave the recorder paused."""
        if not self.paused:
            return []
        return [self._resume(self._last_index, RecordingCause.STREAM_ENDED)]

    def captured(self, index: int, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        """Segment ``index``'s findings; a pausing type said while recording is marked."""
        if index not in self._arrived_recording:
            return findings
        self._arrived_recording.discard(index)  # a segment is released once
        return tuple(
            replace(f, captured_while_recording=True) if f.entity_type in self._pause_types else f
            for f in findings
        )

    def _moved_on(self, said: str) -> bool:
        """The agent goes on to something else, and nothing asked for is still to come.

        Once the customer has said a value since the ask, any real agent turn moves
        on; before, only a question about something else does. Never a back-channel,
        a prompt to go on, a read-back (digits, or one announced), or while a number
        is half given.
        """
        if (
            says_nothing(said)
            or any(ch.isdigit() for ch in said)
            or _STAYS.search(said) is not None
            or self._dialogue.pending
        ):
            return False
        if self._answered:
            return True
        open_here = any(s.spec.entity_type in self._pause_types for s in self._dialogue.open)
        return not open_here and _ASKS.search(said) is not None

    def _pause(
        self, entity_type: str, index: int, cause: RecordingCause, now: float
    ) -> RecordingHint:
        self._paused_for, self._paused_at = entity_type, now
        return self._hint(RecordingAction.PAUSE, entity_type, index, cause)

    def _resume(self, index: int, cause: RecordingCause, warning: str = "") -> RecordingHint:
        entity_type, self._paused_for = self._paused_for, ""
        return self._hint(RecordingAction.RESUME, entity_type, index, cause, warning)

    def _hint(
        self,
        action: RecordingAction,
        entity_type: str,
        index: int,
        cause: RecordingCause,
        warning: str = "",
    ) -> RecordingHint:
        self._sequence += 1
        return RecordingHint(action, entity_type, index, cause, self._sequence, warning)
