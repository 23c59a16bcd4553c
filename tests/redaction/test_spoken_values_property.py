"""Property: a valid SSN or card, in any shape, asked for or cued, never survives.

Shapes: typed with any dash or space (en dash, thin space, no-break space),
digit words, pairs ("thirty seven"), "double", "oh" for zero, fillers, groups
split over segments with the agent's back-channels between, one digit per
segment. Checked through RedactTranscript's engine call and the live stream
state machine; a value leaks if any four of its digits in a row can be read
back from the output (words turned into digits by an independent reader).
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import Redactor, Segment, Speaker, Transcript
from redaction.recognizers.payment_card import luhn_valid
from redaction.recognizers.ssn import is_issuable_ssn

UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
FILLERS = ("um", "uh", "let me see", "sorry", "hold on")
DASHES = ("-", "\u2013", "\u2212", " ", "\u2009", "\u00a0")

ASKS = {
    "ssn": ("What's your social security number?", "And the social on the account?"),
    "card": ("What's the card number?", "Go ahead with the long number on the card."),
}
CUES = {"ssn": ("my social is", "ssn is"), "card": ("my card number is", "the visa is")}


@st.composite
def ssns(draw: st.DrawFn) -> str:
    digits = draw(st.text("0123456789", min_size=9, max_size=9))
    return digits if is_issuable_ssn(digits) else "536228174"


@st.composite
def cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(("4", "51", "55", "37", "6011", "62", "50")))
    length = draw(st.sampled_from((16, 15, 19, 13)))
    body = prefix + draw(st.text("0123456789", min_size=length, max_size=length))
    body = body[: length - 1]
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


def _word(digit: str, rng: random.Random) -> str:
    return "oh" if digit == "0" and rng.random() < 0.5 else UNITS[int(digit)]


def _pair(two: str, rng: random.Random) -> str:
    if two[0] == "1":
        return TEENS[int(two[1])]
    if two[0] in "23456789" and two[1] != "0":
        return f"{TENS[int(two[0])]} {UNITS[int(two[1])]}"
    return " ".join(_word(d, rng) for d in two)


def _say_group(group: str, shape: str, rng: random.Random) -> str:
    if shape == "typed":
        return group
    if shape == "pairs" and len(group) % 2 == 0:
        return " ".join(_pair(group[i : i + 2], rng) for i in range(0, len(group), 2))
    words: list[str] = []
    i = 0
    while i < len(group):
        if shape == "double" and i + 1 < len(group) and group[i] == group[i + 1]:
            words.append("double " + _word(group[i], rng))
            i += 2
            continue
        words.append(_word(group[i], rng) if shape != "mixed" or i % 2 else group[i])
        i += 1
    return " ".join(words)


def _groups(kind: str, value: str) -> list[str]:
    sizes = (3, 2, 4) if kind == "ssn" else (*([4] * (len(value) // 4)), len(value) % 4)
    out, at = [], 0
    for size in sizes:
        if size:
            out.append(value[at : at + size])
            at += size
    return out


def _conversation(kind: str, value: str, seed: int) -> list[Segment]:
    rng = random.Random(seed)
    shape = rng.choice(("typed", "words", "pairs", "double", "mixed"))
    layout = rng.choice(("one_turn", "split", "per_digit"))
    asked = rng.random() < 0.6
    said = [_say_group(g, shape, rng) for g in _groups(kind, value)]
    if shape == "typed" and layout == "one_turn":
        said = [rng.choice(DASHES).join(said)]
    agent, customer = Speaker.AGENT, Speaker.CUSTOMER
    segments = [Segment(speaker=agent, text="Thanks for holding, how can I help?")]
    if asked:
        segments.append(Segment(speaker=agent, text=rng.choice(ASKS[kind])))
    lead = "" if asked else rng.choice(CUES[kind]) + " "
    if layout == "one_turn":
        filler = rng.choice(FILLERS)
        segments.append(Segment(speaker=customer, text=lead + f", {filler}, ".join(said)))
    else:
        pieces = list("".join(_groups(kind, value))) if layout == "per_digit" else said
        if layout == "per_digit":
            pieces = [_say_group(d, shape if shape != "pairs" else "words", rng) for d in pieces]
        for n, piece in enumerate(pieces):
            segments.append(Segment(speaker=customer, text=(lead if n == 0 else "") + piece))
            if rng.random() < 0.3:
                segments.append(Segment(speaker=agent, text=rng.choice(("mm hmm", "okay"))))
    segments.append(Segment(speaker=agent, text="Great, and is this still the best address?"))
    return segments


_NUMBER_WORDS = {**{w: str(i) for i, w in enumerate(UNITS)}, "oh": "0"}
_NUMBER_WORDS.update({w: str(10 + i) for i, w in enumerate(TEENS)})


def _digits_readable(text: str) -> str:
    """Every digit a reader could recover from ``text``, in order (an independent reader)."""
    out: list[str] = []
    tokens = re.findall(r"\d|[a-z]+", text.lower())
    repeat = 1
    for i, token in enumerate(tokens):
        if token in ("double", "triple"):
            repeat = 2 if token == "double" else 3
            continue
        if token.isdigit():
            out.append(token * repeat)
        elif token in TENS[2:]:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            unit = nxt in UNITS[1:]
            out.append(str(TENS.index(token)) + ("" if unit else "0"))
        elif token in _NUMBER_WORDS:
            out.append(_NUMBER_WORDS[token] * repeat)
        repeat = 1
    return "".join(out)


def _leaks(value: str, outputs: list[str]) -> bool:
    readable = _digits_readable(" ".join(outputs))
    return any(value[i : i + 4] in readable for i in range(len(value) - 3))


@pytest.fixture(scope="module")
def engine() -> Redactor:
    return Redactor.create()


PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(kind=st.sampled_from(("ssn", "card")), ssn=ssns(), card=cards(), seed=st.integers(0, 10**6))
def test_when_value_said_in_any_shape_then_redact_transcript_leaves_none_of_it(
    engine: Redactor, kind: str, ssn: str, card: str, seed: int
) -> None:
    value = ssn if kind == "ssn" else card
    segments = _conversation(kind, value, seed)
    out = engine.redact_transcript(Transcript(id="call-p", owner="acme", segments=tuple(segments)))
    assert not _leaks(value, [s.text for s in out.transcript.segments])


@PROPERTY
@given(kind=st.sampled_from(("ssn", "card")), ssn=ssns(), card=cards(), seed=st.integers(0, 10**6))
def test_when_value_said_in_any_shape_then_live_stream_sends_none_of_it(
    engine: Redactor, kind: str, ssn: str, card: str, seed: int
) -> None:
    value = ssn if kind == "ssn" else card
    stream = engine.open_stream(Transcript(id="call-p", owner="acme", segments=()))
    sent = []
    for segment in _conversation(kind, value, seed):
        sent += [r.segment.text for r in stream.push(segment)]
    sent += [r.segment.text for r in stream.flush()]
    assert not _leaks(value, sent)
