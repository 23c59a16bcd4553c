"""A segment's language from its own words."""

from __future__ import annotations

import pytest

from redaction.spanish import Language, language_of
from redaction.spanish.language import fold

ES, EN, MIXED = Language.SPANISH, Language.ENGLISH, Language.MIXED


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿me da su número de seguro social?", ES),
        ("me da su numero de seguro social", ES),
        ("cinco tres seis", ES),
        ("ajá", ES),
        ("Sí, es el 536-22-8174", ES),
        ("what's your social security number", EN),
        ("five three six", EN),
        ("mi social es cinco tres seis, twenty two", MIXED),
        ("okay so it's cuatro cinco", MIXED),
        ("my son is five", EN),  # "son" is English too: no Spanish word
        ("I called once", EN),  # "once" is English too
        ("tracking number 1Z7X4EL6T51N302HXT", EN),  # no "el" inside an ID
        ("Richmond, VA 23220", EN),
    ],
)
def test_language_of_reads_marker_words(text: str, language: Language) -> None:
    assert language_of(text) is language


@pytest.mark.parametrize("text", ["5 3 6", "Carlos Ruiz", "okay", "", "no"])
def test_a_segment_with_no_marker_takes_the_default(text: str) -> None:
    assert language_of(text, Language.SPANISH) is ES
    assert language_of(text) is EN


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Número", "numero"), ("AÑOS", "anos"), ("ajá", "aja"), ("it\u2019s", "it's")],
)
def test_fold(word: str, folded: str) -> None:
    assert fold(word) == folded
