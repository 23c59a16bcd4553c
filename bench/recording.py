"""Recording-pause coverage: which card numbers, codes and SSNs are said while the recorder runs.

    .venv/bin/python bench/recording.py                          # every corpus with calls
    .venv/bin/python bench/recording.py --corpus corpus2 --show 20 --json /tmp/rec.json
    .venv/bin/python bench/recording.py --corpus corpus,corpus_es --chars-per-second 12

A measurement, not a test: it always exits 0. No gold value is ever printed.

Calls
=====
``bench/<corpus>/calls.jsonl`` for ``corpus``, ``corpus2``, ``corpus3`` and
``corpus_es`` (each that exists; ``--corpus`` picks some), format as in
bench/eval.py (gold items: ``type``, ``segments``, ``spans``). Every call is
parsed with ``redaction.records.record_from_dict`` and streamed segment by
segment through a real ``redaction.stream.CallStream`` on the engine of
``gateway.config.build_redactor(Settings())`` (the default policy, so the
recording pauses for CREDIT_CARD, CARD_EXPIRY, CARD_SECURITY_CODE,
US_BANK_NUMBER, US_SSN and ACCOUNT_SECRET): ``push`` one segment, then ``take_hints``; after
the last, ``flush`` and ``end_recording``. The stream is built directly
(``CallStream(redactor, header, clock=...)``, the header being the call with
no segments) because ``Redactor.open_stream`` takes no clock: the clock here
is the call's own, so ``max_pause_seconds`` times out as it would live.

Clock
=====
``audio`` when every segment of a call has ``start_ms``/``end_ms``: a segment
arrives at its ``end_ms``. ``characters`` otherwise (the development corpora
have no timings): a segment's length in characters is its duration, and for
the pause time-out the clock runs at ``--chars-per-second`` (default 15,
about 150 words a minute), a segment arriving when its last character is said.

Arrived while paused
====================
Segment ``i`` arrived while paused iff the recorder was paused before the
hints decided on its arrival were applied: the segment whose arrival
triggers a PAUSE arrived recording, the one whose arrival triggers a RESUME
arrived paused. One exception, the guard's own (``RecordingGuard.hear``): a
pause that times out on segment ``i``'s arrival ends before ``i`` is heard,
so ``i`` arrived recording.

Numbers
=======
``coverage``    gold values of CREDIT_CARD, CARD_SECURITY_CODE, CARD_EXPIRY and
                US_SSN (``core``), and US_BANK_NUMBER apart, said in segments
                that all arrived while paused / all such values; per type. A
                CREDIT_CARD or US_SSN value of four digits is a *last four*
                (the engine reads "the last four of ..." as LAST_FOUR_DIGITS, a
                type the default policy does not pause for): counted apart, and
                a row leaves them out.
``why``         each uncovered value, by its first segment that arrived
                recording (``s``), in this order: ``agent_said`` (s is the
                agent's: a read-back); ``pause_same_segment`` (s itself
                triggered the PAUSE: cue and value in one segment);
                ``timed_out`` (a pause timed out on s's arrival or before it);
                then by the nearest agent segment before s (``a``) and whether
                it *asks* (a heuristic independent of the engine: a question
                mark, a word of a pausing type's topic such as card, digits,
                expiration, code, social, account, tarjeta, seguro, cuenta, or a
                go-ahead; ``ASK`` below): with no PAUSE before s in the call,
                ``volunteered_before_any_ask`` (a does not ask, or there is no a)
                or ``asked_not_recognized`` (a asks); after a pause ended
                (answered), ``resumed_by_the_ask`` (a asks and is itself the
                segment that resumed: the question read as the talk moving on),
                ``asked_again_not_recognized`` (a asks, after the resume) or
                ``resumed_no_new_ask`` (a does not ask: resumed before the
                value was given, or volunteered later). ``partial``: the
                value's segments are part paused, part not.
``by style``    uncovered / all values by the first part of the gold ``style``
                (the corpus generator's label of the value's conversational shape).
``paused share``  paused time / call time. Audio: a pause runs from the end of
                the segment that triggered it to the end of the one that
                triggered its RESUME (a timed-out one: to pause + max_pause_seconds)
                or the call's end; call time from the first segment's start to
                the last's end. Characters: the characters of the segments that
                arrived paused / all characters.
``answer time``   the duration (characters) of the distinct segments holding a
                gold value of a pausing type (core + US_BANK_NUMBER);
                ``paused / answer`` is the goal's ratio (1.0: paused exactly as
                long as the answers), ``answers paused`` the share of answer
                time that was paused, ``paused elsewhere`` the paused time
                outside answer segments, ``of which resuming turns`` the
                paused time in the agent segments whose arrival resumed the
                recording (answered): paused by definition.
``pauses``      every pause by its PAUSE cause and how it ended (its RESUME's
                cause), with how many had an answer segment arrive during them,
                and the paused time of those that had none (pauses for nothing).
``hints``       PAUSE hints by cause (asked, volunteered), RESUME by cause
                (answered, timed_out, stream_ended), calls still paused after
                ``end_recording`` (must be 0), and hints whose ``segment_index``
                is not the segment just pushed (must be 0).
``examples``    up to ``--show`` uncovered values: call id, type, reason, s,
                the last hint before s, and the two segments before s and s
                itself with every gold span replaced by ``<TYPE>``
                (bench/eval.py's ``oracle_output``) and every digit by ``#``;
                then, as masked, up to ``--show`` pauses during which no
                answer arrived: the segment that paused and up to three after.

Output: markdown tables on stdout; ``--json PATH`` writes every number (and
the examples, masked as printed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval import load_jsonl, locations, oracle_output  # noqa: E402  (repo root on sys.path)
from redaction import RecordingAction, RecordingCause, RecordingHint, Redactor  # noqa: E402
from redaction.stream import CallStream  # noqa: E402
from redaction.types import Segment, Speaker, Transcript  # noqa: E402

CORPORA = ("corpus", "corpus2", "corpus3", "corpus_es")
CORE_TYPES = ("CREDIT_CARD", "CARD_SECURITY_CODE", "CARD_EXPIRY", "US_SSN")
BANK_TYPE = "US_BANK_NUMBER"
MEASURED_TYPES = (*CORE_TYPES, BANK_TYPE)
LAST_FOUR_TYPES = ("CREDIT_CARD", "US_SSN")  # a gold value of 4 digits: "the last four"
DEFAULT_CHARS_PER_SECOND = 15.0
DEFAULT_SHOW = 10
REASONS = (
    "agent_said",
    "pause_same_segment",
    "timed_out",
    "volunteered_before_any_ask",
    "asked_not_recognized",
    "resumed_by_the_ask",
    "asked_again_not_recognized",
    "resumed_no_new_ask",
)
# An agent segment that asks for (or invites) a value: a question mark, a pausing type's
# topic, or a go-ahead. Independent of the engine's slot table on purpose.
ASK = re.compile(
    r"[?¿]|\b(?:card|cards|number|digits?|expir\w*|exp|security|code|cvv|cvc|social|ssn"
    r"|account|routing|last four|go ahead|ready when|read (?:me|it|off)"
    r"|tarjeta|numero|digitos?|vencimiento|vence|expiracion|codigo|seguridad|seguro"
    r"|cuenta|ruta|ultimos|adelante|le escucho|digame)\b"
)
_DIGIT = re.compile(r"\d")


# ----------------------------------------------------------------------------- one call


class SimClock:
    """The call's own clock (seconds), set before each segment is pushed."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Pause:
    """One pause of the recorder: the segment that paused it, the last that arrived paused."""

    start: int  # the segment whose arrival triggered the PAUSE (it arrived recording)
    cause: str
    entity_type: str
    start_ms: float  # audio clock: the end of the start segment
    end: int = -1  # the last segment that arrived paused (start when none did)
    resumed_by: str = ""  # the RESUME's cause; "" while paused
    end_ms: float = 0.0  # audio clock: when the recorder resumed


@dataclass
class CallRun:
    """What streaming one call gave: per segment, paused on arrival, the hints and pauses."""

    record: Mapping[str, Any]
    transcript: Transcript
    clock: str  # "audio" or "characters"
    arrived_paused: list[bool] = field(default_factory=list)
    hints: list[RecordingHint] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    misplaced_hints: int = 0  # segment_index not the segment just pushed
    ended_paused: bool = False

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The call's segments."""
        return self.transcript.segments


def timed(segments: Sequence[Segment]) -> bool:
    """Every segment has start_ms and end_ms (the audio clock applies)."""
    return bool(segments) and all(s.start_ms is not None and s.end_ms is not None for s in segments)


def stream_call(
    redactor: Redactor, record: Mapping[str, Any], chars_per_second: float, max_pause: float
) -> CallRun:
    """Stream one call segment by segment through a CallStream; log the recorder's state."""
    from redaction.records import record_from_dict

    transcript = record_from_dict(dict(record))
    if not isinstance(transcript, Transcript):
        raise ValueError(f"{record.get('id')}: not a transcript")
    header = Transcript(
        id=transcript.id,
        owner=transcript.owner,
        segments=(),
        campaign_id=transcript.campaign_id,
        consumer_state=transcript.consumer_state,
        source=transcript.source,
        language=transcript.language,
    )
    clock = SimClock()
    stream = CallStream(redactor, header, clock=clock)
    audio = timed(transcript.segments)
    run = CallRun(record, transcript, "audio" if audio else "characters")
    open_pause: Pause | None = None

    def apply(hints: Iterable[RecordingHint], index: int, now_ms: float) -> None:
        nonlocal open_pause
        for hint in hints:
            run.hints.append(hint)
            if hint.action is RecordingAction.PAUSE:
                open_pause = Pause(hint.segment_index, hint.cause.value, hint.entity_type, now_ms)
                run.pauses.append(open_pause)
            elif open_pause is not None:
                open_pause.resumed_by = hint.cause.value
                open_pause.end_ms, last_paused = now_ms, index
                if hint.cause is RecordingCause.TIMED_OUT:  # this segment arrived recording
                    open_pause.end_ms = min(now_ms, open_pause.start_ms + max_pause * 1000)
                    last_paused = index - 1
                open_pause.end = max(open_pause.start, last_paused)
                open_pause = None

    elapsed = 0.0
    for index, segment in enumerate(transcript.segments):
        if audio:
            clock.now = float(segment.end_ms or 0) / 1000
        else:
            elapsed += len(segment.text) / chars_per_second
            clock.now = elapsed
        was_paused = open_pause is not None
        stream.push(segment)
        hints = stream.take_hints()
        run.misplaced_hints += sum(h.segment_index != index for h in hints)
        timed_out_here = any(h.cause is RecordingCause.TIMED_OUT for h in hints)
        run.arrived_paused.append(was_paused and not timed_out_here)
        apply(hints, index, clock.now * 1000)
    stream.flush()
    last = len(transcript.segments) - 1
    apply(stream.end_recording(), last, clock.now * 1000)
    if open_pause is not None:  # never resumed (the guard's bug): paused to the call's end
        open_pause.end, open_pause.end_ms = last, clock.now * 1000
    run.ended_paused = open_pause is not None
    return run


# ----------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class ValueVerdict:
    """One gold value of a measured type: covered or not, and why not."""

    call_id: str
    type: str
    style: str
    segments: tuple[int, ...]
    covered: bool
    last_four: bool = False  # a card's or SSN's last four digits only
    partial: bool = False
    reason: str = ""
    first_recorded: int = -1


def asks(text: str) -> bool:
    """The agent segment asks for or invites a value (heuristic ``ASK``, accents folded)."""
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return ASK.search(folded) is not None


def nearest_agent(segments: Sequence[Segment], before: int) -> int | None:
    """The index of the last agent segment before ``before``."""
    for i in range(before - 1, -1, -1):
        if segments[i].speaker is Speaker.AGENT:
            return i
    return None


def why_recorded(run: CallRun, s: int) -> str:
    """Why segment ``s`` (holding a measured value) arrived while recording."""
    segments = run.segments
    if segments[s].speaker is Speaker.AGENT:
        return "agent_said"
    here = [h for h in run.hints if h.segment_index == s]
    if any(h.action is RecordingAction.PAUSE for h in here):
        return "pause_same_segment"
    if any(h.cause is RecordingCause.TIMED_OUT for h in here):
        return "timed_out"
    before = [h for h in run.hints if h.segment_index < s]
    agent = nearest_agent(segments, s)
    asked = agent is not None and asks(segments[agent].text)
    if not any(h.action is RecordingAction.PAUSE for h in before):
        return "asked_not_recognized" if asked else "volunteered_before_any_ask"
    last = before[-1]  # a RESUME: s arrived recording
    if last.cause is RecordingCause.TIMED_OUT:
        return "timed_out"
    if not asked:
        return "resumed_no_new_ask"
    return "resumed_by_the_ask" if agent == last.segment_index else "asked_again_not_recognized"


def verdicts(run: CallRun) -> list[ValueVerdict]:
    """A verdict for every gold value of a measured type in the call."""
    out = []
    call_id = str(run.record.get("id", ""))
    for item in run.record.get("gold", []):
        entity_type = str(item["type"])
        if entity_type not in MEASURED_TYPES:
            continue
        where = tuple(int(loc) for loc in locations(item))
        paused = [run.arrived_paused[i] for i in where]
        style = str(item.get("style", "")).split("/")[0]
        last_four = entity_type in LAST_FOUR_TYPES and len(str(item.get("digits", ""))) == 4
        if all(paused):
            out.append(ValueVerdict(call_id, entity_type, style, where, True, last_four))
            continue
        first = next(i for i, p in zip(where, paused, strict=True) if not p)
        out.append(
            ValueVerdict(
                call_id,
                entity_type,
                style,
                where,
                False,
                last_four,
                partial=any(paused),
                reason=why_recorded(run, first),
                first_recorded=first,
            )
        )
    return out


def answer_segments(record: Mapping[str, Any]) -> set[int]:
    """The segments holding a gold value of a measured type."""
    return {
        int(loc)
        for item in record.get("gold", [])
        if item["type"] in MEASURED_TYPES
        for loc in locations(item)
    }


def masked(text: str) -> str:
    """Digits replaced by ``#`` (the text has its gold spans replaced already)."""
    return _DIGIT.sub("#", text)


def example(run: CallRun, verdict: ValueVerdict) -> dict[str, Any]:
    """A masked example of an uncovered value: no gold value, no digit."""
    s = verdict.first_recorded
    safe = oracle_output(run.record)  # every gold span replaced by <TYPE>
    before = [h for h in run.hints if h.segment_index < s]
    last = before[-1] if before else None
    lines = [
        f"{i} {run.segments[i].speaker.name.lower()}: {masked(str(safe[i]))}"
        for i in range(max(0, s - 2), s + 1)
    ]
    return {
        "call": verdict.call_id,
        "type": verdict.type,
        "style": verdict.style,
        "reason": verdict.reason,
        "segment": s,
        "value_segments": list(verdict.segments),
        "partial": verdict.partial,
        "last_four": verdict.last_four,
        "last_hint_before": (
            f"{last.action.value} {last.cause.value} {last.entity_type} at {last.segment_index}"
            if last
            else "none"
        ),
        "segments": lines,
    }


def pause_example(run: CallRun, pause: Pause) -> dict[str, Any]:
    """A masked view of a pause during which no answer arrived: its trigger and what followed."""
    safe = oracle_output(run.record)
    last = min(pause.end, pause.start + 3)
    return {
        "call": str(run.record.get("id", "")),
        "paused_for": pause.entity_type,
        "cause": pause.cause,
        "start": pause.start,
        "end": pause.end,
        "resumed_by": pause.resumed_by or "never",
        "segments": [
            f"{i} {run.segments[i].speaker.name.lower()}: {masked(str(safe[i]))}"
            for i in range(pause.start, last + 1)
        ],
    }


def _duration(segment: Segment) -> float:
    return float(segment.end_ms or 0) - float(segment.start_ms or 0)


def _overlap(segment: Segment, window: tuple[float, float]) -> float:
    start, end = float(segment.start_ms or 0), float(segment.end_ms or 0)
    return max(0.0, min(end, window[1]) - max(start, window[0]))


# ----------------------------------------------------------------------------- a corpus


@dataclass
class Count:
    """A count of n out of total."""

    n: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        """Count one."""
        self.total += 1
        self.n += int(hit)

    def share(self) -> float:
        """The share n / total (0 when empty)."""
        return round(self.n / self.total, 4) if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON row."""
        return {"n": self.n, "total": self.total, "share": self.share()}


@dataclass
class Outcome:
    """Pauses of one kind (how they began and ended)."""

    pauses: int = 0
    with_answer: int = 0  # an answer segment arrived during the pause
    paused: float = 0.0
    paused_no_answer: float = 0.0  # in pauses during which no answer arrived

    def to_dict(self) -> dict[str, Any]:
        """JSON row."""
        return {
            "pauses": self.pauses,
            "with_answer": self.with_answer,
            "paused": round(self.paused, 3),
            "paused_no_answer": round(self.paused_no_answer, 3),
        }


@dataclass
class CorpusReport:
    """Everything measured on one corpus."""

    name: str
    calls: int = 0
    segments: int = 0
    errors: int = 0
    clocks: Counter[str] = field(default_factory=Counter)
    coverage: dict[str, Count] = field(default_factory=lambda: defaultdict(Count))
    reasons: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    partial: Counter[str] = field(default_factory=Counter)
    last_four: Counter[str] = field(default_factory=Counter)  # uncovered last-four values
    reason_last_four: Counter[str] = field(default_factory=Counter)
    styles: dict[str, Count] = field(default_factory=lambda: defaultdict(Count))
    pauses: Counter[str] = field(default_factory=Counter)
    resumes: Counter[str] = field(default_factory=Counter)
    pause_types: Counter[str] = field(default_factory=Counter)
    ended_paused: int = 0
    misplaced_hints: int = 0
    calls_paused: int = 0
    paused: float = 0.0
    call: float = 0.0
    answer: float = 0.0
    answer_paused: float = 0.0
    paused_elsewhere: float = 0.0
    paused_resuming: float = 0.0  # in the agent segments whose arrival resumed (answered)
    examples: list[dict[str, Any]] = field(default_factory=list)
    outcomes: dict[str, Outcome] = field(default_factory=lambda: defaultdict(Outcome))
    empty_pauses: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, run: CallRun, show: int) -> None:
        """Fold one streamed call in."""
        self.calls += 1
        self.segments += len(run.segments)
        self.clocks[run.clock] += 1
        self.ended_paused += int(run.ended_paused)
        self.misplaced_hints += run.misplaced_hints
        self.calls_paused += int(any(h.action is RecordingAction.PAUSE for h in run.hints))
        for hint in run.hints:
            if hint.action is RecordingAction.PAUSE:
                self.pauses[hint.cause.value] += 1
                self.pause_types[hint.entity_type] += 1
            else:
                self.resumes[hint.cause.value] += 1
        for v in verdicts(run):
            group = "core" if v.type in CORE_TYPES else "bank"
            self.coverage[v.type].add(v.covered)
            self.coverage[group].add(v.covered)
            if group == "core" and not v.last_four:
                self.coverage["core_not_last_four"].add(v.covered)
            self.styles[f"{group} {v.style}"].add(not v.covered)
            if v.covered:
                continue
            self.reasons[v.reason][v.type] += 1
            self.partial[v.type] += int(v.partial)
            self.last_four[v.type] += int(v.last_four)
            self.reason_last_four[v.reason] += int(v.last_four)
            if len(self.examples) < show:
                self.examples.append(example(run, v))
        self._add_time(run, show)

    def _add_time(self, run: CallRun, show: int) -> None:
        answers = answer_segments(run.record)
        segs = run.segments
        if run.clock == "audio":
            self.call += (float(segs[-1].end_ms or 0) - float(segs[0].start_ms or 0)) / 1000
            self.answer += sum(_duration(segs[i]) for i in answers) / 1000
        else:
            self.call += sum(len(s.text) for s in segs)
            self.answer += sum(len(segs[i].text) for i in answers)
        for pause in run.pauses:
            inside = [i for i in range(pause.start + 1, pause.end + 1) if i in answers]
            if run.clock == "audio":
                window = (pause.start_ms, pause.end_ms)
                paused = max(0.0, pause.end_ms - pause.start_ms) / 1000
                answered = sum(_overlap(segs[i], window) for i in answers) / 1000
            else:
                paused = sum(len(segs[i].text) for i in range(pause.start + 1, pause.end + 1))
                answered = sum(len(segs[i].text) for i in inside)
            if pause.resumed_by == RecordingCause.ANSWERED.value and pause.end > pause.start:
                last = segs[pause.end]  # the agent's turn that resumed: paused by definition
                self.paused_resuming += (
                    _overlap(last, (pause.start_ms, pause.end_ms)) / 1000
                    if run.clock == "audio"
                    else len(last.text)
                )
            self.paused += paused
            self.answer_paused += answered
            self.paused_elsewhere += paused - answered
            outcome = self.outcomes[f"{pause.cause} -> {pause.resumed_by or 'never'}"]
            outcome.pauses += 1
            outcome.with_answer += int(bool(inside))
            outcome.paused += paused
            outcome.paused_no_answer += 0.0 if inside else paused
            if not inside and len(self.empty_pauses) < show:
                self.empty_pauses.append(pause_example(run, pause))

    def clock(self) -> str:
        """The clock used (``mixed`` if calls differ)."""
        return next(iter(self.clocks)) if len(self.clocks) == 1 else "mixed"

    def unit(self) -> str:
        """Seconds or characters."""
        return "s" if self.clock() == "audio" else "chars"

    def to_dict(self) -> dict[str, Any]:
        """Every number, JSON-ready (no gold value)."""
        return {
            "calls": self.calls,
            "segments": self.segments,
            "errors": self.errors,
            "clock": self.clock(),
            "clocks": dict(self.clocks),
            "coverage": {k: c.to_dict() for k, c in sorted(self.coverage.items())},
            "uncovered_by_reason": {
                r: {"total": sum(c.values()), **dict(sorted(c.items()))}
                for r, c in sorted(self.reasons.items())
            },
            "uncovered_partial": dict(sorted(self.partial.items())),
            "uncovered_last_four": dict(sorted(self.last_four.items())),
            "uncovered_last_four_by_reason": dict(sorted(self.reason_last_four.items())),
            "uncovered_by_style": {k: c.to_dict() for k, c in sorted(self.styles.items())},
            "time": {
                "unit": self.unit(),
                "paused": round(self.paused, 3),
                "call": round(self.call, 3),
                "paused_share": _ratio(self.paused, self.call),
                "answer": round(self.answer, 3),
                "paused_over_answer": _ratio(self.paused, self.answer),
                "answer_paused": round(self.answer_paused, 3),
                "answer_paused_share": _ratio(self.answer_paused, self.answer),
                "paused_elsewhere": round(self.paused_elsewhere, 3),
                "paused_in_resuming_segments": round(self.paused_resuming, 3),
            },
            "hints": {
                "pause_by_cause": dict(sorted(self.pauses.items())),
                "resume_by_cause": dict(sorted(self.resumes.items())),
                "pause_by_type": dict(sorted(self.pause_types.items())),
                "calls_with_a_pause": self.calls_paused,
                "calls_ended_paused": self.ended_paused,
                "misplaced_hints": self.misplaced_hints,
            },
            "pauses_by_outcome": {k: o.to_dict() for k, o in sorted(self.outcomes.items())},
            "examples": self.examples,
            "pauses_without_answer_examples": self.empty_pauses,
            "seconds": round(self.seconds, 2),
        }


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def measure(
    name: str, redactor: Redactor, records: Sequence[Mapping[str, Any]], cps: float, show: int
) -> CorpusReport:
    """Stream every call of a corpus; fold the runs into its report."""
    from redaction import RedactionError

    report = CorpusReport(name)
    began = time.perf_counter()
    for record in records:
        max_pause = redactor.policy_for(str(record.get("owner", ""))).max_pause_seconds
        try:
            run = stream_call(redactor, record, cps, float(max_pause))
        except RedactionError:
            report.errors += 1
            continue
        report.add(run, show)
    report.seconds = time.perf_counter() - began
    return report


# ----------------------------------------------------------------------------- printing


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _pct(c: Count) -> str:
    return f"{c.share():.1%}" if c.total else "-"


def report_lines(r: CorpusReport) -> list[str]:
    """Markdown for one corpus."""
    unit = r.unit()
    lines = [
        f"## {r.name}: {r.calls} calls, {r.segments} segments, {r.errors} refused,"
        f" clock: {r.clock()} ({r.seconds:.1f} s)",
        "",
        "### Coverage: values said in segments that arrived while paused",
        "",
    ]
    labels = {"core": "**core (4 types)**", "core_not_last_four": "core, last fours left out"}
    rows: list[list[object]] = []
    for key in (*CORE_TYPES, "core", "core_not_last_four", BANK_TYPE):
        c = r.coverage.get(key, Count())
        types = (key,) if key in MEASURED_TYPES else CORE_TYPES
        partial = sum(r.partial[t] for t in types)  # a part-paused value is never a last four
        last_four = 0 if key == "core_not_last_four" else sum(r.last_four[t] for t in types)
        rows.append([labels.get(key, key), c.n, c.total, _pct(c), partial, last_four])
    lines += _table(
        ("type", "covered", "total", "share", "uncovered: part paused", "uncovered: last four"),
        rows,
    )
    lines += ["", "### Uncovered, by why (first segment that arrived recording)", ""]
    reason_rows = []
    for reason in REASONS:
        counts = r.reasons.get(reason, Counter())
        core = sum(counts[t] for t in CORE_TYPES)
        detail = ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
        reason_rows.append(
            [reason, core, r.reason_last_four[reason], counts[BANK_TYPE], detail or "-"]
        )
    lines += _table(("why", "core", "of which last four", BANK_TYPE, "by type"), reason_rows)
    lines += ["", "### Uncovered, by gold style (first part)", ""]
    style_rows = [
        [k, c.n, c.total, _pct(c)]
        for k, c in sorted(r.styles.items(), key=lambda kv: (-kv[1].n, kv[0]))
        if c.n
    ]
    lines += _table(("group style", "uncovered", "total", "share uncovered"), style_rows)
    lines += ["", f"### Paused share ({r.clock()} clock, {unit})", ""]
    lines += _table(
        (
            "paused",
            "call",
            "paused share",
            "answer",
            "paused / answer",
            "answers paused",
            "paused elsewhere",
            "of which resuming turns",
        ),
        [
            [
                f"{r.paused:.0f}",
                f"{r.call:.0f}",
                f"{_ratio(r.paused, r.call):.1%}",
                f"{r.answer:.0f}",
                f"{_ratio(r.paused, r.answer):.2f}",
                f"{_ratio(r.answer_paused, r.answer):.1%}",
                f"{r.paused_elsewhere:.0f}",
                f"{r.paused_resuming:.0f}",
            ]
        ],
    )
    lines += ["", "### Hints", ""]
    hint_rows: list[list[object]] = [["PAUSE", c.value, r.pauses[c.value]] for c in _PAUSE_CAUSES]
    hint_rows += [["RESUME", c.value, r.resumes[c.value]] for c in _RESUME_CAUSES]
    lines += _table(("hint", "cause", "n"), hint_rows)
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(r.pause_types.items()))
    lines += [
        "",
        f"PAUSE by type: {by_type or '-'}; calls with a pause: {r.calls_paused}/{r.calls};"
        f" calls ended paused: {r.ended_paused}; misplaced hints: {r.misplaced_hints}",
    ]
    lines += ["", f"### Pauses by how they began and ended ({unit})", ""]
    outcome_rows = [
        [
            k,
            o.pauses,
            o.with_answer,
            o.pauses - o.with_answer,
            f"{o.paused:.0f}",
            f"{o.paused_no_answer:.0f}",
        ]
        for k, o in sorted(r.outcomes.items(), key=lambda kv: -kv[1].pauses)
    ]
    lines += _table(
        (
            "PAUSE cause -> RESUME cause",
            "pauses",
            "an answer arrived",
            "no answer arrived",
            "paused",
            "paused, no answer",
        ),
        outcome_rows,
    )
    if r.examples:
        lines += [
            "",
            f"### Uncovered examples (first {len(r.examples)}; gold spans, digits masked)",
        ]
        for ex in r.examples:
            lines.append("")
            lines.append(
                f"- {ex['call']} {ex['type']} ({ex['style']}) seg {ex['segment']}"
                f" of {ex['value_segments']}{' partial' if ex['partial'] else ''}"
                f"{' last-four' if ex['last_four'] else ''}:"
                f" **{ex['reason']}**; last hint before: {ex['last_hint_before']}"
            )
            lines += [f"    - {line}" for line in ex["segments"]]
    if r.empty_pauses:
        lines += ["", f"### Pauses during which no answer arrived (first {len(r.empty_pauses)})"]
        for ep in r.empty_pauses:
            lines.append("")
            lines.append(
                f"- {ep['call']} PAUSE {ep['cause']} for {ep['paused_for']} at {ep['start']},"
                f" last paused segment {ep['end']}, resumed by {ep['resumed_by']}"
            )
            lines += [f"    - {line}" for line in ep["segments"]]
    return lines


_PAUSE_CAUSES = (RecordingCause.ASKED, RecordingCause.VOLUNTEERED)
_RESUME_CAUSES = (RecordingCause.ANSWERED, RecordingCause.TIMED_OUT, RecordingCause.STREAM_ENDED)


# ----------------------------------------------------------------------------- main


def calls_path(name: str) -> Path:
    """A corpus's calls file."""
    return HERE / name / "calls.jsonl"


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print, optionally write JSON; always returns 0."""
    parser = argparse.ArgumentParser(description="Recording-pause coverage on the dev calls.")
    parser.add_argument(
        "--corpus",
        default="",
        help=f"comma-separated, of {', '.join(CORPORA)} (default: every one with calls)",
    )
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="write numbers")
    parser.add_argument("--show", type=int, default=DEFAULT_SHOW, help="uncovered examples")
    parser.add_argument(
        "--chars-per-second",
        type=float,
        default=DEFAULT_CHARS_PER_SECOND,
        help="speech rate for the pause time-out when segments have no timings",
    )
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.corpus.split(",") if n.strip()] or list(CORPORA)
    unknown = [n for n in names if n not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus: {', '.join(unknown)}")
    names = [n for n in names if calls_path(n).exists()]

    from gateway.config import Settings, build_redactor

    began = time.perf_counter()
    redactor = build_redactor(Settings())
    load_seconds = time.perf_counter() - began
    pause_types = sorted(redactor.policy_for("").pause_recording)

    reports = [
        measure(n, redactor, load_jsonl(calls_path(n)), args.chars_per_second, args.show)
        for n in names
    ]
    lines = [
        "# Recording pause coverage",
        "",
        f"default policy pauses for: {', '.join(pause_types)};"
        f" time-out clock {args.chars_per_second:g} chars/s when untimed;"
        f" engine load {load_seconds:.1f} s",
    ]
    for r in reports:
        lines += ["", *report_lines(r)]
    print("\n".join(lines))
    if args.json is not None:
        out = {
            "pause_types": pause_types,
            "chars_per_second": args.chars_per_second,
            "engine_load_s": round(load_seconds, 2),
            "corpora": {r.name: r.to_dict() for r in reports},
        }
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
