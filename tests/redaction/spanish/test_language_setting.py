"""The language setting decides whether Spanish is read: auto and es read it, en does not."""

from __future__ import annotations

import pytest

from redaction import Redactor, Segment, Speaker, Transcript

CALL = (
    Segment(speaker=Speaker.AGENT, text="¿me da su número de seguro social?"),
    Segment(speaker=Speaker.CUSTOMER, text="cinco tres seis, veintidós, ocho uno siete cuatro"),
)


@pytest.fixture(scope="module")
def engine() -> Redactor:
    return Redactor.create()


@pytest.mark.parametrize(
    ("language", "removed"), [("", True), ("auto", True), ("es", True), ("en", False)]
)
def test_the_setting_decides_whether_spanish_numbers_are_read(
    engine: Redactor, language: str, removed: bool
) -> None:
    call = Transcript(id="c", owner="acme", segments=CALL, language=language)
    answer = engine.redact_transcript(call).transcript.segments[1].text
    assert (answer == "<US_SSN>") is removed


@pytest.mark.parametrize(("language", "removed"), [("auto", True), ("en", False)])
def test_a_live_call_follows_its_header(engine: Redactor, language: str, removed: bool) -> None:
    stream = engine.open_stream(Transcript(id="c", owner="acme", segments=(), language=language))
    sent = [r.segment.text for s in CALL for r in stream.push(s)]
    sent += [r.segment.text for r in stream.flush()]
    assert ("<US_SSN>" in sent) is removed
