"""Property: a valid SSN or card said in Spanish (or half in English) never survives.

Shapes: digit words, pairs ("cincuenta y tres", "veintidós"), hundreds
("quinientos treinta y seis"), "doble", "cero", Spanish fillers ("este",
"eh", "o sea", "pues"), accents dropped as speech recognizers drop them,
a group now and then in English, groups split over turns with the agent's
"ajá" between. Asked for in Spanish or cued by the caller ("mi social
es"). Checked through RedactTranscript's engine call and the live stream; a
value leaks if four of its digits in a row can be read back from the output
(words turned into digits by an independent reader written here).
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import Redactor, Segment, Speaker, Transcript
from redaction.recognizers.payment_card import luhn_valid
from redaction.recognizers.ssn import is_issuable_ssn

UNITS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")
TEENS = "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve".split()
TWENTIES = (
    "veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete"
    " veintiocho veintinueve"
).split()
TENS = ("", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa")
HUNDREDS = (
    "", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos",
    "setecientos", "ochocientos", "novecientos",
)  # fmt: skip
EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
FILLERS = ("este", "eh", "o sea", "pues", "a ver")

ASKS = {
    "ssn": ("¿Me da su número de seguro social?", "y el seguro social del titular"),
    "card": ("¿Me da el número de la tarjeta?", "Dígame los números de la tarjeta de crédito"),
}
CUES = {"ssn": ("mi social es", "mi número de seguro social es"), "card": ("mi tarjeta es",)}


@st.composite
def ssns(draw: st.DrawFn) -> str:
    digits = draw(st.text("0123456789", min_size=9, max_size=9))
    return digits if is_issuable_ssn(digits) else "536228174"


@st.composite
def cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(("4", "51", "55", "37", "6011")))
    length = draw(st.sampled_from((16, 15)))
    body = prefix + draw(st.text("0123456789", min_size=length, max_size=length))
    body = body[: length - 1]
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


def _pair(two: str) -> str:
    tens, unit = int(two[0]), int(two[1])
    if tens == 1:
        return TEENS[unit]
    if tens == 2:
        return TWENTIES[unit]
    if tens >= 3:
        return TENS[tens] + (f" y {UNITS[unit]}" if unit else "")
    return f"{UNITS[0]} {UNITS[unit]}"


def _say_group(group: str, shape: str, rng: random.Random) -> str:
    if shape == "english":
        return " ".join(EN_UNITS[int(d)] for d in group)
    if shape == "pairs" and len(group) % 2 == 0:
        return " ".join(_pair(group[i : i + 2]) for i in range(0, len(group), 2))
    if shape == "hundreds" and len(group) == 3 and group[0] != "0":
        rest = group[1:]
        tail = (
            "" if rest == "00" else " " + (_pair(rest) if rest[0] != "0" else UNITS[int(rest[1])])
        )
        return (HUNDREDS[int(group[0])] if rest != "00" else "cien" if group[0] == "1" else
                HUNDREDS[int(group[0])]) + tail  # fmt: skip
    words: list[str] = []
    i = 0
    while i < len(group):
        if shape == "double" and i + 1 < len(group) and group[i] == group[i + 1]:
            words.append("doble " + UNITS[int(group[i])])
            i += 2
            continue
        words.append(UNITS[int(group[i])])
        i += 1
    return " ".join(words)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


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
    layout = rng.choice(("one_turn", "split"))
    asked = rng.random() < 0.6
    accents = rng.random() < 0.5
    said = []
    for group in _groups(kind, value):
        shape = rng.choice(("words", "words", "pairs", "hundreds", "double", "english"))
        said.append(_say_group(group, shape, rng))
    agent, customer = Speaker.AGENT, Speaker.CUSTOMER
    segments = [Segment(speaker=agent, text="Gracias por esperar, ¿en qué le puedo ayudar?")]
    if asked:
        segments.append(Segment(speaker=agent, text=rng.choice(ASKS[kind])))
    lead = "" if asked else rng.choice(CUES[kind]) + " "
    if layout == "one_turn":
        filler = rng.choice(FILLERS)
        segments.append(Segment(speaker=customer, text=lead + f", {filler}, ".join(said)))
    else:
        for n, piece in enumerate(said):
            start = lead if n == 0 else rng.choice(("", "y luego ", "lo demás es "))
            segments.append(Segment(speaker=customer, text=start + piece))
            if rng.random() < 0.3:
                segments.append(Segment(speaker=agent, text=rng.choice(("ajá", "sí", "okey"))))
    segments.append(Segment(speaker=agent, text="Muy bien, ¿y sigue en la misma dirección?"))
    if not accents:
        segments = [Segment(speaker=s.speaker, text=_plain(s.text)) for s in segments]
    return segments


_VALUES = {_plain(w): i for i, w in enumerate(UNITS)}
_VALUES.update({_plain(w): 10 + i for i, w in enumerate(TEENS)})
_VALUES.update({_plain(w): 20 + i for i, w in enumerate(TWENTIES)})
_VALUES.update({w: 10 * i for i, w in enumerate(TENS) if w})
_VALUES.update({w: i for i, w in enumerate(EN_UNITS)})
_HUNDREDS = {w: i for i, w in enumerate(HUNDREDS) if w} | {"cien": 1}


def _digits_readable(text: str) -> str:
    """Every digit a reader could recover from ``text``, in order (an independent reader)."""
    out: list[str] = []
    tokens = [t for t in re.findall(r"\d|[a-z]+", _plain(text).lower()) if t != "y"]
    repeat = 1
    for i, token in enumerate(tokens):
        if token in ("doble", "triple"):
            repeat = 2 if token == "doble" else 3
            continue
        if token.isdigit():
            out.append(token * repeat)
        elif token in _HUNDREDS:
            out.append(str(_HUNDREDS[token]))
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if nxt not in _VALUES:
                out.append("00")
            elif _VALUES[nxt] < 10:
                out.append("0")
        elif token in _VALUES:
            value = _VALUES[token]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if value >= 30 and value % 10 == 0 and nxt in _VALUES and 0 < _VALUES[nxt] < 10:
                out.append(str(value // 10))
            else:
                out.append(str(value) * repeat)
        repeat = 1
    return "".join(out)


def _leaks(value: str, outputs: list[str]) -> bool:
    readable = _digits_readable(" ".join(outputs))
    return any(value[i : i + 4] in readable for i in range(len(value) - 3))


def test_the_reader_here_reads_what_the_conversation_says() -> None:
    """The property could not fail if this reader missed the values it is given."""
    for seed in range(40):
        value = "536228174" if seed % 2 else "4111111111111111"
        kind = "ssn" if seed % 2 else "card"
        said = [s.text for s in _conversation(kind, value, seed)]
        assert _leaks(value, said), said


@pytest.fixture(scope="module")
def engine() -> Redactor:
    return Redactor.create()


PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(kind=st.sampled_from(("ssn", "card")), ssn=ssns(), card=cards(), seed=st.integers(0, 10**6))
def test_when_value_said_in_spanish_then_redact_transcript_leaves_none_of_it(
    engine: Redactor, kind: str, ssn: str, card: str, seed: int
) -> None:
    value = ssn if kind == "ssn" else card
    segments = _conversation(kind, value, seed)
    out = engine.redact_transcript(Transcript(id="call-p", owner="acme", segments=tuple(segments)))
    assert not _leaks(value, [s.text for s in out.transcript.segments])


@PROPERTY
@given(kind=st.sampled_from(("ssn", "card")), ssn=ssns(), card=cards(), seed=st.integers(0, 10**6))
def test_when_value_said_in_spanish_then_live_stream_sends_none_of_it(
    engine: Redactor, kind: str, ssn: str, card: str, seed: int
) -> None:
    value = ssn if kind == "ssn" else card
    stream = engine.open_stream(Transcript(id="call-p", owner="acme", segments=()))
    sent = []
    for segment in _conversation(kind, value, seed):
        sent += [r.segment.text for r in stream.push(segment)]
    sent += [r.segment.text for r in stream.flush()]
    assert not _leaks(value, sent)
