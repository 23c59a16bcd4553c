"""Agent-note shorthand is written out before detection, and maps back to what was typed."""

from __future__ import annotations

import pytest

from redaction.shorthand import expand_shorthand


@pytest.mark.parametrize(
    ("note", "expanded"),
    [
        ("dtr lily is twelve", "daughter lily is twelve"),
        ("pp# K 5598 1791", "passport # K 5598 1791"),
        ("ppt M48877795", "passport # M48877795"),
        ("PP: 123-456-789", "passport #: 123-456-789"),
        ("rt 640012568 ac 38736832", "routing number 640012568 account number 38736832"),
        ("MMN: Nakamura", "mother's maiden name: Nakamura"),
        ("mothers maiden Castellanos", "mother's maiden name Castellanos"),
        ("SS 425067320", "ssn 425067320"),
        ("son helps w/ english", "son helps with english"),
        ("smokes 1 ppd", "smokes 1 packs per day"),
        # everyday words stay where no number follows them, and inside other words
        ("the rt side of the ac unit", "the rt side of the ac unit"),
        ("ss and ac", "ss and ac"),
        ("dtrs and mydau", "dtrs and mydau"),
        ("class act 2019", "class act 2019"),
    ],
)
def test_shorthand_written_out(note: str, expanded: str) -> None:
    assert expand_shorthand(note).text == expanded


def test_expansion_maps_back_to_the_shorthand() -> None:
    note = "rt 640012568"
    mapped = expand_shorthand(note)
    number = mapped.text.index("640012568")
    assert mapped.source_spans(number, number + 9) == [(3, 12)]
    assert mapped.source_spans(0, len("routing number")) == [(0, 2)]
