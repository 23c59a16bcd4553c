"""The fewest digits a pattern's match holds: a table, and every real pattern checked on text."""

from __future__ import annotations

import pytest
import regex

from redaction.recognizers._cued import CuedPatternRecognizer
from redaction.recognizers._digit_floor import fewest_digits, fewest_digits_of_all
from redaction.registry import sensitive_recognizers
from tests.builders import corpus_texts


@pytest.mark.parametrize(
    ("pattern", "digits"),
    [
        (r"\d{3}-\d{2}-\d{4}", 9),
        (r"[0-9]{4}", 4),
        (r"\b\d{3}\b|\b\d{4}\b", 3),  # the shorter branch
        (r"(?:\d[ -]?){13,19}", 13),
        (r"\d{2,}", 2),
        (r"\d*", 0),
        (r"\d?x", 0),
        (r"(?P<m>0[1-9]|1[0-2])/(?P<y>\d{2})", 4),
        (r"[A-Z]\d{8}", 8),
        (r"[A-Z0-9]{9}", 0),  # letters admitted: no digit is certain
        (r"[^a-z]{5}", 0),  # a negated class: not digits only
        (r"(?=\d{9})\w+", 0),  # lookahead: counted as nothing (a lower bound)
        (r"(\d)\1", 1),  # a back-reference adds nothing
        (r"ssn 1", 1),
        (r"(?>\d{4})", 4),  # atomic group
        (r"(?P<d>\d)|(?P<d>\d\d)", 1),  # a name used twice (the regex module's) is read
        (r"\p{N}{9}", 0),  # the regex module's syntax only: cannot tell
        ("\\d{3}  # three\n \\d{2}", 5),  # read as VERBOSE below
    ],
)
def test_fewest_digits(pattern: str, digits: int) -> None:
    verbose = "#" in pattern
    assert fewest_digits(pattern, verbose=verbose) == digits


def test_of_all_is_the_smallest() -> None:
    assert fewest_digits_of_all([(r"\d{9}", False), (r"\d{4}", False)]) == 4
    assert fewest_digits_of_all([]) == 0


def test_no_match_of_a_real_pattern_holds_fewer_digits_than_its_floor() -> None:
    """Over every corpus text (typed and spoken numbers rewritten to digits alike)."""
    texts = corpus_texts(whole_calls=False)
    assert len(texts) > 5_000
    checked = 0
    for recognizer in sensitive_recognizers():
        if not isinstance(recognizer, CuedPatternRecognizer):
            continue
        floor = recognizer.fewest_digits()
        for cued in recognizer.PATTERNS:
            compiled = regex.compile(cued.pattern, regex.IGNORECASE | regex.UNICODE)
            for text in texts:
                for match in compiled.finditer(text):
                    checked += 1
                    held = sum(map(str.isdigit, match.group()))
                    assert held >= floor, (type(recognizer).__name__, cued.name)
    assert checked > 1_000


def test_a_recognizer_finding_results_its_own_way_has_no_floor() -> None:
    floors = {
        type(r).__name__: getattr(r, "fewest_digits", lambda: 0)() for r in sensitive_recognizers()
    }
    assert floors["SocialSecurityNumberRecognizer"] == 9
    assert floors["PaymentCardRecognizer"] == 12
    assert floors["DateOfBirthRecognizer"] == 0  # its own analyze: not read from patterns
    assert floors["PreciseGeolocationRecognizer"] == 0
