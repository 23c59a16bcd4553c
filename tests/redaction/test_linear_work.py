"""Engine work grows with the input, not with its square: counted, never timed.

Each row is an adversarial text: a cue and a value repeated ("pin 1234 "), digit
runs, number words, one character, nested brackets, names, e-mails, dialogue. It is
redacted at two sizes, the second four times the first (the same unit repeated
four times as often), and the *operations* are counted: every call of a Python
function and every line run in the engine's modules and in Presidio's, by
``sys.settrace``, per function. Linear work gives a ratio near 4, all-pairs work
near 16. The test fails when the whole count, or the count of any one function
doing a noticeable share of the work, grows 6 times or more.

Why 2 KB and 8 KB, not the issue's 50 KB and 200 KB: traced, the engine runs a
few times slower, and the whole table must take seconds. Per function, a
quadratic part stands out at once (x16 while the rest is x4), so small texts
tell: before the fixes, 'pin 1234 ' showed the dialogue reader's request overlap
check at x16.0, coordinates geolocation's outermost check at x15.9, a call of
short turns the spans split per segment at x15.5, a health note the anchor check
at x15.8; all of those rows failed here. The sizes stay above the caps that make
a linear function start late (64 values remembered, 12 open slots). What a count
of calls and lines cannot see (a C routine copying the whole text for every
match) is watched by the clock at full size: ``bench/linearity.py --check``.
"""

from __future__ import annotations

import difflib
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import presidio_analyzer
import presidio_anonymizer
import pytest

import redaction
from bench.linearity import TEXTS as ADVERSARIAL
from bench.linearity import as_call, as_lead, repeat
from redaction import (
    Action,
    RedactionPolicy,
    Redactor,
    WordTiming,
)
from redaction.audio import mute_intervals
from redaction.field_names import classify_field
from redaction.recognizers import _cued, date_of_birth
from redaction.recognizers.date_of_birth import DateOfBirthRecognizer

# Part of the standing adversarial suite: `pytest -m adversarial`.
pytestmark = pytest.mark.adversarial


SMALL = 2_000
SCALE = 4
RATIO_LIMIT = 6.0
# A function counts alone once it does this share of the work on the larger text.
SHARE = 0.01
# Lines of these are counted; elsewhere (spaCy, regex, phonenumbers) calls only.
_TRACED = (
    *(
        str(Path(str(package.__file__)).parent)
        for package in (redaction, presidio_analyzer, presidio_anonymizer)
    ),
    str(difflib.__file__),  # word alignment for muting audio
)


# The adversarial texts of bench/linearity.py (which times them at 50 KB and 200 KB).
TEXTS: dict[str, Callable[[int], str]] = {
    name: ADVERSARIAL[name]
    for name in (
        "pin", "ssn", "latlong", "card", "counting", "digit_run", "number_words", "run_a",
        "run_7", "nested", "emails", "dialogue", "dob", "children", "health",
        "password", "account", "es_digits", "es_spelled", "es_dates", "es_amounts",
        "es_dialogue",
    )
}  # fmt: skip
# Five names over and over: with the bench's 100 distinct names, number reading in
# normalize.py runs at 8 KB but not at 2 KB (0 -> 9,540 lines), which the per-function
# rule cannot tell from growth. Why those names reach it is not looked into yet.
TEXTS["names"] = repeat("John Smith, Maria Garcia, Wei Chen, Aisha Khan, Carlos Lopez, ")
# Also sent as a call, the text cut into short turns of alternating speakers.
CALLS = ("dialogue", "pin", "number_words", "es_digits", "es_dialogue")
# Under an owner policy that removes phones and e-mails (context words read around each
# match) and every number a caller says (strict numbers).
STRICT_TEXTS: dict[str, Callable[[int], str]] = {
    "phones": repeat("call 212-555-0123 or mail user@example.com, "),
    "pin": TEXTS["pin"],
}
STRICT = RedactionPolicy(
    policy_id="strict",
    actions={"PHONE_NUMBER": Action.REPLACED, "EMAIL_ADDRESS": Action.REPLACED},
    transcript_numbers="all",
)


@contextmanager
def _operations() -> Iterator[dict[CodeType, list[int]]]:
    """Per function (code object): its calls, and the lines it ran where lines are traced.

    One counter and one line tracer are made per function, on its first call, so a
    traced line costs one increment.
    """
    counts: dict[CodeType, list[int]] = {}
    tracers: dict[CodeType, Any] = {}

    def first_call(code: CodeType) -> Any:
        count = counts[code] = [0]

        def lines(frame: FrameType, event: str, arg: Any) -> Any:
            count[0] += 1
            return lines

        tracers[code] = lines if code.co_filename.startswith(_TRACED) else None
        return tracers[code]

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        tracer = tracers[code] if code in tracers else first_call(code)
        counts[code][0] += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        yield counts
    finally:
        sys.settrace(previous)


def _superlinear(run: Callable[[str], object], build: Callable[[int], str]) -> list[str]:
    """What grew ``RATIO_LIMIT`` times or more for ``SCALE`` times the text (empty: none)."""
    measured = []
    for size in (SMALL, SCALE * SMALL):
        text = build(size)
        with _operations() as counts:
            run(text)
        measured.append({code: count[0] for code, count in counts.items()})
    small, large = measured
    total_small, total_large = sum(small.values()), sum(large.values())
    grown = []
    if total_large >= RATIO_LIMIT * total_small:
        grown.append(f"all: {total_small} -> {total_large}")
    for code, ops in large.items():
        if ops >= SHARE * total_large and ops >= RATIO_LIMIT * small.get(code, 0):
            where = f"{Path(code.co_filename).name}:{code.co_firstlineno} {code.co_name}"
            grown.append(f"{where}: {small.get(code, 0)} -> {ops}")
    return grown


@pytest.fixture(scope="module")
def warm(redactor: Redactor) -> Redactor:
    """The engine after one small record of each kind (caches filled, lexicons built)."""
    redactor.redact_lead(as_lead("pin 1234, ssn 123-45-6789, my son is 7"))
    redactor.redact_transcript(as_call("Agent: what's your PIN? Customer: 1234. " * 3))
    return redactor


@pytest.fixture(scope="module")
def strict(warm: Redactor) -> Redactor:
    """The same scanner under the strict policy (warmed up likewise)."""
    redactor = warm.with_policies(STRICT)
    redactor.redact_lead(as_lead("call 212-555-0123, pin 1234"))
    redactor.redact_transcript(as_call("Agent: what's your PIN? Customer: 1234. " * 3))
    return redactor


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_when_note_four_times_longer_then_about_four_times_the_work(
    warm: Redactor, name: str
) -> None:
    grown = _superlinear(lambda text: warm.redact_lead(as_lead(text)), TEXTS[name])
    assert not grown, f"{name}, operations for x{SCALE} the text: {grown}"


@pytest.mark.parametrize("name", CALLS)
def test_when_call_four_times_longer_then_about_four_times_the_work(
    warm: Redactor, name: str
) -> None:
    grown = _superlinear(lambda text: warm.redact_transcript(as_call(text)), TEXTS[name])
    assert not grown, f"{name}, operations for x{SCALE} the text: {grown}"


@pytest.mark.parametrize("name", sorted(STRICT_TEXTS))
def test_when_strict_owner_and_four_times_longer_then_about_four_times_the_work(
    strict: Redactor, name: str
) -> None:
    build = STRICT_TEXTS[name]
    grown = _superlinear(lambda text: strict.redact_lead(as_lead(text)), build)
    grown += _superlinear(lambda text: strict.redact_transcript(as_call(text)), build)
    assert not grown, f"{name}, operations for x{SCALE} the text: {grown}"


class _SpacyInputs:
    """Stands in for the scanner's spaCy pipeline and records the texts it is given."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.texts: list[str] = []

    def __call__(self, text: str) -> Any:
        self.texts.append(text)
        return self._nlp(text)

    def make_doc(self, text: str) -> Any:
        self.texts.append(text)
        return self._nlp.make_doc(text)

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        for text in texts:
            self.texts.append(text)
            yield from self._nlp.pipe([text], **kwargs)


@pytest.mark.parametrize("unit", ["(", "'s", "x:", "=", '"[{', "_"])
def test_when_long_run_then_spacy_reads_it_masked(
    warm: Redactor, monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """spaCy's tokenizer is quadratic in a word made of repeated prefixes or suffixes.

    A count of Python lines cannot see it (the tokenizer is compiled), so this row
    checks what spaCy is handed: a whitespace-free run over 64 characters comes
    split at its punctuation (letters and digits alone are read in linear time),
    under policies that need tokens (phones removed) and NER (names removed).
    """
    scanner = warm._scanner
    spy = _SpacyInputs(scanner._nlp)
    monkeypatch.setattr(scanner, "_nlp", spy)
    text = "call Ana at 212-555-0123 " + unit * 3_000 + " or Ana Lopez, 312-555-0187"
    names = RedactionPolicy(policy_id="names", actions={"PERSON": Action.REPLACED})
    for policy in (STRICT, names):
        redacted = Redactor(scanner, policy).redact_lead(as_lead(text))
        assert "212-555-0123" not in redacted.lead.fields["notes"] or policy is names
    assert spy.texts
    runs = [run for t in spy.texts for run in t.split()]
    assert all(len(run) <= 64 or run.isalnum() for run in runs)


def _mute_all_values(text: str) -> object:
    """Audio to silence in one timed segment for every 4-digit value in it."""
    words, spans, at, ms = [], [], 0, 0
    for word in text.split(" "):
        words.append(WordTiming(word, ms, ms + 300))
        if word.isdigit():
            spans.append((at, at + len(word)))
        at, ms = at + len(word) + 1, ms + 350
    return mute_intervals(0, text, words, spans)


@pytest.mark.parametrize("unit", ["pin 1234 ", "1 2 3 4 5 6 ", "card 4111 1111 1111 1111 "])
def test_when_timed_segment_four_times_longer_then_about_four_times_the_work(unit: str) -> None:
    grown = _superlinear(_mute_all_values, repeat(unit))
    assert not grown, f"{unit!r}, operations for x{SCALE} the text: {grown}"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("ssn", "US_SSN"),
        ("customer_" * 20 + "ssn", "US_SSN"),  # 189 characters: still read
        ("a_" * 100 + "ssn", None),  # 203: no known field, its value scanned as free text
        ("a_" * 100_000, None),  # the rules' patterns would take hours here
    ],
)
def test_when_field_name_over_200_characters_then_no_rule_read(
    name: str, expected: str | None
) -> None:
    rule = classify_field(name)
    assert (rule.entity_type if rule else None) == expected


def test_when_work_between_matches_is_slow_then_no_regex_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The regex module times a ``finditer`` with the caller's work between matches.

    A loop over a long text (or on a busy machine) then ran out of the regex timeout
    with no regex at fault, and the record failed closed. Here 3,000 matches with
    0.3 ms of work each, against a 0.2 s timeout: matches are collected before any is
    read (the module checks its clock every so many steps, hence so many matches).
    """
    monkeypatch.setattr(_cued, "REGEX_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(date_of_birth, "REGEX_TIMEOUT_SECONDS", 0.2)
    plausible = date_of_birth.is_plausible_birth_date

    def slow(match: Any) -> bool:
        time.sleep(0.0003)
        return plausible(match)

    monkeypatch.setattr(date_of_birth, "is_plausible_birth_date", slow)
    found = DateOfBirthRecognizer().analyze("dob 01/02/1990, " * 3_000, ["DATE_OF_BIRTH"])
    assert len(found) == 3_000
