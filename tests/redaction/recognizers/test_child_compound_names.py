"""Children's given names of two or three words, and third-person notes, in both languages."""

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
