"""Engine work stops at a checkpoint once the caller's deadline has passed.

Counted, never timed: a clock that ticks once per reading makes "the deadline
passes after the 20th checkpoint" exact, and a counter on every recognizer says
how much work ran before the engine stopped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

import redaction
from redaction import (
    Action,
    Lead,
    RedactedLead,
    RedactedTranscript,
    RedactionError,
    RedactionPolicy,
    Redactor,
    Segment,
    Speaker,
    Transcript,
    WorkDeadlineExceeded,
    check_deadline,
    within_deadline,
)
from redaction import work_deadline as wd
from redaction.text_scanner import NER_PIECE_CHARS, ScanScope, _pieces_for_ner

NOTE_200_KB = "pin 1234 " * 22_300
RECEIVED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
PAST = 0.0  # time.monotonic() passed it long ago


def _lead(notes: str) -> Lead:
    return Lead(
        id="deadline-1", owner="acme", fields={"first_name": "Ana", "notes": notes, "zip": "60601"}
    )


def _call(turns: int) -> Transcript:
    said = ("what's your pin?", "it's 4821", "and your date of birth?", "march third 1961")
    return Transcript(
        id="deadline-call",
        owner="acme",
        segments=tuple(
            Segment(said[i % 4], Speaker.AGENT if i % 2 == 0 else Speaker.CUSTOMER)
            for i in range(turns)
        ),
    )


@pytest.fixture
def invocations(redactor: Redactor, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the recognizers called, in order (each recognizer's analyze counted)."""
    called: list[str] = []
    for recognizer in redactor._scanner._analyzer.registry.recognizers:
        monkeypatch.setattr(
            recognizer, "analyze", _counted(recognizer.analyze, type(recognizer).__name__, called)
        )
    return called


def _counted(analyze: Callable[..., Any], name: str, called: list[str]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        called.append(name)
        return analyze(*args, **kwargs)

    return counted


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A clock that reads 1, 2, 3, ...: one tick per checkpoint that has a deadline."""
    ticks = iter(range(1, 10**9))
    monkeypatch.setattr(wd, "clock", lambda: float(next(ticks)))
    yield


# --- the context manager and the checkpoint


def test_when_no_deadline_then_checkpoint_passes() -> None:
    check_deadline()
    with within_deadline(None):
        check_deadline()
    assert wd.deadline() is None


def test_when_deadline_passed_then_checkpoint_raises() -> None:
    with within_deadline(PAST), pytest.raises(WorkDeadlineExceeded):
        check_deadline()


def test_when_deadline_ahead_then_checkpoint_passes() -> None:
    with within_deadline(time.monotonic() + 3600):
        check_deadline()


def test_when_block_left_then_deadline_gone() -> None:
    with within_deadline(PAST):
        pass
    check_deadline()
    assert wd.deadline() is None


@pytest.mark.parametrize(
    "outer, inner, expected",
    [
        (10.0, 20.0, 10.0),  # an inner call cannot buy more time
        (20.0, 10.0, 10.0),  # it may have less
        (10.0, None, 10.0),  # None sets no deadline of its own: the outer one holds
        (None, 10.0, 10.0),
        (None, None, None),
    ],
)
def test_when_nested_then_earlier_deadline_holds(
    outer: float | None, inner: float | None, expected: float | None
) -> None:
    with within_deadline(outer):
        with within_deadline(inner):
            assert wd.deadline() == expected
        assert wd.deadline() == outer


def test_when_set_in_one_thread_then_other_thread_unbound() -> None:
    seen: list[float | None] = []
    with within_deadline(PAST):
        worker = threading.Thread(target=lambda: seen.append(wd.deadline()))
        worker.start()
        worker.join()
    assert seen == [None]


def test_when_exception_then_not_a_redaction_error_and_exported() -> None:
    assert not issubclass(WorkDeadlineExceeded, RedactionError)
    assert "WorkDeadlineExceeded" in redaction.__all__
    assert WorkDeadlineExceeded.reason == "WORK_DEADLINE_EXCEEDED"


# --- the engine stops


def test_when_deadline_passed_then_200kb_note_stops_before_any_recognizer(
    redactor: Redactor, invocations: list[str]
) -> None:
    with within_deadline(PAST), pytest.raises(WorkDeadlineExceeded) as raised:
        redactor.redact_lead(_lead(NOTE_200_KB))
    assert invocations == []
    assert "1234" not in str(raised.value)  # never a value in the message


def test_when_deadline_passes_midway_then_stops_at_next_checkpoint(
    redactor: Redactor, invocations: list[str], ticking: None
) -> None:
    with within_deadline(30.0), pytest.raises(WorkDeadlineExceeded):
        redactor.redact_lead(_lead(NOTE_200_KB))
    # Every recognizer call passed a checkpoint first, and each checkpoint read the clock.
    assert 0 < len(invocations) < 30


def test_when_deadline_passes_midway_in_call_then_stops(
    redactor: Redactor, invocations: list[str], ticking: None
) -> None:
    with within_deadline(40.0), pytest.raises(WorkDeadlineExceeded):
        redactor.redact_transcript(_call(4_000))
    assert len(invocations) < 40


def test_when_deadline_passed_then_scanner_raises_it_not_detection_error(
    redactor: Redactor,
) -> None:
    policy = redactor.policy_for("acme")
    with within_deadline(PAST), pytest.raises(WorkDeadlineExceeded):
        redactor._scanner.find("my pin is 4821", policy, ScanScope.ALL)


def test_when_deadline_passed_then_live_hold_check_raises(redactor: Redactor) -> None:
    segments = [Segment("what's your pin?", Speaker.AGENT), Segment("4 8", Speaker.CUSTOMER)]
    with within_deadline(PAST), pytest.raises(WorkDeadlineExceeded):
        redactor.value_pending(segments)


def test_when_no_deadline_or_far_one_then_results_unchanged(redactor: Redactor) -> None:
    lead = _lead("member since 2019. pin 4821, ssn 536-22-8174, son is 7. diabetic.")
    call = _call(12)

    def both() -> tuple[RedactedLead, RedactedTranscript]:
        return redactor.redact_lead(lead, RECEIVED), redactor.redact_transcript(call, RECEIVED)

    plain = both()
    with within_deadline(None):
        unset = both()
    with within_deadline(time.monotonic() + 3600):
        far = both()
    assert plain == unset == far
    assert "4821" not in plain[0].lead.fields["notes"]


def test_when_deadline_passes_during_ner_then_stops_between_pieces(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NER cannot stop inside a text: a long one is read in pieces, a checkpoint between.

    The clock here reads the number of pieces NER has read: the deadline passes once
    the fifth is done, whatever checkpoints came before.
    """
    scanner = redactor._scanner
    nlp = scanner._nlp
    read: list[int] = []

    class Pieces:
        def __call__(self, text: str) -> Any:
            read.append(len(text))
            return nlp(text)

        def pipe(self, texts: Any, **kwargs: Any) -> Any:
            for doc in nlp.pipe(texts, **kwargs):
                read.append(len(doc.text))
                yield doc

    monkeypatch.setattr(scanner, "_nlp", Pieces())
    monkeypatch.setattr(wd, "clock", lambda: float(len(read)))
    names = Redactor(
        scanner, RedactionPolicy(policy_id="names", actions={"PERSON": Action.REPLACED})
    )
    note = "Called John Smith at home; Maria Garcia will call back.\n" * 4_000  # 224 KB
    with within_deadline(5.0), pytest.raises(WorkDeadlineExceeded):
        names.redact_lead(_lead(note))
    assert len(read) == 5 < len(_pieces_for_ner(note))
    assert max(read) <= NER_PIECE_CHARS
