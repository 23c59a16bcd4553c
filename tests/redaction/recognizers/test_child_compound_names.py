"""Children's given names of two or three words, and agent notes, in both languages."""

from __future__ import annotations

import pytest

from redaction import Lead, Redactor, Segment, Speaker, Transcript


@pytest.fixture(scope="module")
def engine() -> Redactor:
    return Redactor.create()


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Su hija María José (2 años)", "Su hija <CHILD_NAME> (<CHILD_AGE>)"),
        ("Hijo: Marco Antonio de 8 años", "Hijo: <CHILD_NAME> de <CHILD_AGE>"),
        ("Tiene un niño, María José (1 año)", "Tiene un niño, <CHILD_NAME> (<CHILD_AGE>)"),
        ("my daughter Emma Rose is 6", "my daughter <CHILD_NAME> is <CHILD_AGE>"),
        ("my son: Jacob (7)", "my son: <CHILD_NAME> (<CHILD_AGE>)"),
        # the name ends where another subject starts
        ("my son Jacob is 7 and Mark is my boss",
         "my son <CHILD_NAME> is <CHILD_AGE> and Mark is my boss"),
        # adults and counts stay
        ("Su hijo José Luis (35 años)", "Su hijo José Luis (35 años)"),
        ("Son católicos", "Son <RELIGION>"),
        ("Es sordo", "Es <HEALTH_CONDITION>"),
        ("Es la presión de las llantas", "Es la presión de las llantas"),
        # "la unión" is a labor union only when someone is in it, never a place
        ("vive cerca del Walmart de la Union", "vive cerca del Walmart de la Union"),
        ("es miembro de la unión", "es miembro de la <UNION_MEMBERSHIP>"),
    ],
)  # fmt: skip
def test_lead_notes(engine: Redactor, note: str, expected: str) -> None:
    out = engine.redact_lead(Lead(id="l", owner="acme", fields={"notas": note}))
    assert out.lead.fields["notas"] == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("mi hija ana maría tiene diez años", "mi hija <CHILD_NAME> tiene <CHILD_AGE>"),
        ("my daughter emma rose is six", "my daughter <CHILD_NAME> is <CHILD_AGE>"),
        ("my son is six", "my son is <CHILD_AGE>"),
    ],
)
def test_lowercase_speech(engine: Redactor, said: str, expected: str) -> None:
    segment = Segment(speaker=Speaker.CUSTOMER, text=said)
    out = engine.redact_transcript(Transcript(id="c", owner="acme", segments=(segment,)))
    assert out.transcript.segments[0].text == expected


@pytest.mark.parametrize(
    "turns",
    [
        (("who are we including", "my daughter is five"), ("and how old are you",
         "i am thirty seven years old")),
        (("a quién vamos a incluir", "mi hija tiene cinco años"), ("y usted qué edad tiene",
         "yo tengo treinta y siete años")),
    ],
)  # fmt: skip
def test_an_adult_age_after_a_child_is_no_child_age(
    engine: Redactor, turns: tuple[tuple[str, str], ...]
) -> None:
    segments = tuple(
        Segment(speaker=speaker, text=text)
        for pair in turns
        for speaker, text in zip((Speaker.AGENT, Speaker.CUSTOMER), pair, strict=True)
    )
    out = engine.redact_transcript(Transcript(id="c", owner="acme", segments=segments))
    said = [s.text for s in out.transcript.segments]
    assert "<CHILD_AGE>" in said[1]
    assert said[3] == segments[3].text  # the caller's own age, 37: no part of it removed
