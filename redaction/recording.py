"""When a live call's recording should stop: the agent's question says a card number is next.

PCI DSS keeps card data out of call recordings; call centers "pause and resume"
the recorder while the customer reads it. The dialogue reader already knows
when an agent's turn opens a slot for a card number, an expiry, a security
code, a bank account or an SSN, and when the answer is complete. The guard
reads each segment as it *arrives* (before the hold rule waits for the rest of
a number) and says:

- ``PAUSE`` when an agent turn opens a slot of a pausing type, or asks about a
  pausing type's topic (``recording_topics.py``: "what card would you like to
  use?"), or a customer's own cue begins a value still to come ("my card number
  is");
- ``RESUME`` once the customer has said a value since the ask (or the agent asks
  about something else), no number is half given, and the agent's turn is no
  back-channel, no prompt to go on and no read-back: the conversation moved on;
- ``RESUME`` with a warning once a pause lasts ``max_pause_seconds``, and
  ``RESUME`` when the stream ends while paused.

It remembers, per segment, whether the recording was paused when the segment
arrived: a value found in one that was not is *captured while recording*.
Pure: the caller supplies the clock (seconds, monotonic).
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass, replace

import regex

from redaction.catalogue import UNSCANNED
from redaction.dialogue import DialogueState, Turn, read_dialogue, requests_in
from redaction.normalize import says_nothing, tail_may_continue
from redaction.policy import DEFAULT_MAX_PAUSE_SECONDS, DEFAULT_PAUSE_RECORDING
from redaction.recording_topics import (
    PART_OF_TOPIC,
    PAUSE_TOPICS,
    READ_BACK_LEAD,
    REQUEST,
    STAYS_ON_THE_VALUE,
)
from redaction.slot_table import CONTINUE, FOLLOW_UP, QUESTION
from redaction.spanish import Language
from redaction.spoken import call_forms, spoken_turns
from redaction.types import Finding, Segment, Speaker

_FLAGS = regex.IGNORECASE | regex.UNICODE
# A question's shape, or a request to say something: what an agent asks with.
_ASKS = regex.compile(f"(?:{QUESTION})|{REQUEST}", _FLAGS)
# A prompt to go on, a follow-up, a read-back announced: the agent stays on the value.
_STAYS = regex.compile(f"{CONTINUE}|{FOLLOW_UP}|{STAYS_ON_THE_VALUE}", _FLAGS)
_DIGIT_RUN = regex.compile(r"\d{3,}")
_READ_BACK_LEAD = regex.compile(READ_BACK_LEAD, _FLAGS)
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
        self._given: set[bytes] = set()  # keyed digests of digit runs said while paused
        self._key = secrets.token_bytes(16)  # this call's only: digests match nothing else

    @property
    def paused(self) -> bool:
        """True while the recorder should be paused."""
        return bool(self._paused_for)

    def seconds_left(self, now: float) -> float | None:
        """Seconds until a pause times out (None when not paused)."""
        return self._max_pause - (now - self._paused_at) if self.paused else None

    def hear(self, index: int, segment: Segment, now: float) -> list[RecordingHint]:
        """A segment arrived: the hints it calls for (a timed-out pause ends first)."""
        hints = self.tick(now)  # its hint belongs to the segment heard before
        self._last_index = index
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
        digests = self._digests(spoken.text)
        if segment.speaker is Speaker.AGENT:
            asked = self._asked_for(spoken.text, opened, digests)
            if asked:
                self._answered = False  # an answer is due again
                if not self.paused:
                    hints.append(self._pause(asked, index, RecordingCause.ASKED, now))
            elif self.paused and self._moved_on(spoken.text, digests):
                hints.append(self._resume(index, RecordingCause.ANSWERED))
            return hints
        said_a_value = bool(values) or any(ch.isdigit() for ch in spoken.text)
        unlabelled = segment.speaker is Speaker.UNSPECIFIED  # either party: fail closed
        if self.paused:
            self._answered = self._answered or said_a_value
            self._given.update(digests)
            if unlabelled and not said_a_value and self._moved_on(spoken.text, digests):
                hints.append(self._resume(index, RecordingCause.ANSWERED))
            return hints
        begun = self._value_begun(spoken.text)
        cause = RecordingCause.VOLUNTEERED
        if not begun and unlabelled:
            begun, cause = self._asked_for(spoken.text, opened, digests), RecordingCause.ASKED
        if begun:
            self._answered = said_a_value
            self._given = set(digests)
            hints.append(self._pause(begun, index, cause, now))
        return hints

    def _digests(self, said: str) -> list[bytes]:
        """Keyed digests of the digit runs said (each whole and its last four): no values kept.

        They tell an agent's read-back ("so that's 4111 ... 1111", "ending in 1111")
        from other digits (an amount, a date, a confirmation number), which move on.
        """
        runs = _DIGIT_RUN.findall(said)
        return [
            hashlib.blake2b(part.encode(), key=self._key, digest_size=16).digest()
            for run in runs
            for part in {run, run[-4:]}
        ]

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

    def _asked_for(self, said: str, opened: list[str], digests: list[bytes]) -> str:
        """The pausing type an agent turn asks for, else "".

        A slot it opens says so; else a question or request about a pausing type's
        topic, unless the slot it opens is another type's ("the member id on your
        insurance card?").
        """
        if self._confirms_digits(said, digests):
            return ""
        pausing = [entity_type for entity_type in opened if entity_type in self._pause_types]
        if pausing:
            return pausing[0]
        if any(entity_type not in PART_OF_TOPIC for entity_type in opened):
            return ""
        if not opened and _ASKS.search(said) is None:
            return ""
        return self._topic_of(said)

    def _reads_back(self, said: str, digests: list[bytes]) -> bool:
        """Digits said during the pause said again, or any read back ("so ending in 6013?").

        A question or a read-back's lead with a number in it may be a misheard
        read-back, and the customer will correct it; a statement's other digits (an
        amount, a confirmation number) are not.
        """
        if not self._given.isdisjoint(digests):
            return True
        return bool(digests) and (
            _ASKS.search(said) is not None or _READ_BACK_LEAD.search(said) is not None
        )

    def _confirms_digits(self, said: str, digests: list[bytes]) -> bool:
        """A turn with digits in it and no request for a pausing type: no new ask.

        The dialogue reader reopens the last slot on any confirming question with a
        number in it ("the card ending in 1111, correct?", "a payment of 45 dollars,
        is that right?"), in case a value comes again. For the recording that is a
        read-back (which keeps the pause) or other digits (which move on), not an ask.
        """
        if not self.paused or not any(ch.isdigit() for ch in said):
            return False
        if not self._given.isdisjoint(digests):
            return True  # it names the card it reads back: still no new ask
        return not any(r.spec.entity_type in self._pause_types for r in requests_in(said))

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
        """Segment ``index``'s findings; a pausing type said while recording is marked.

        So is a segment whose detection failed (UNSCANNED): it may hold anything.
        """
        if index not in self._arrived_recording:
            return findings
        self._arrived_recording.discard(index)  # a segment is released once
        return tuple(
            replace(f, captured_while_recording=True)
            if f.entity_type in self._pause_types or f.entity_type == UNSCANNED
            else f
            for f in findings
        )

    def _moved_on(self, said: str, digests: list[bytes]) -> bool:
        """The agent goes on to something else, and nothing asked for is still to come.

        Once the customer has said a value since the ask, any real agent turn moves
        on; before, only a question about something else does. Never a back-channel,
        a prompt to go on, a read-back (digits said during the pause said again, a
        question with a number in it, or one announced), or while a number is half
        given. A statement's other digits (an amount, a confirmation number) are a move
        on: consent to a charge is for the recording.
        """
        if (
            says_nothing(said)
            or self._reads_back(said, digests)
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
        self._given.clear()
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
