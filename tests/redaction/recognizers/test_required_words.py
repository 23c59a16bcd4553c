"""The literals every match of a pattern needs: a table, and every real pattern checked on text."""

from __future__ import annotations

import sys

import pytest
import regex

from redaction.recognizers import _cued
from redaction.recognizers._required_words import (
    leading_assertion,
    may_match,
    required_literals,
)
from redaction.registry import sensitive_recognizers
from tests.builders import corpus_texts


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bborn\s+on\s+\d+", ("born",)),
        (r"(?:birthday|date of birth)\s*\d+", ("birthday", "date of birth")),
        (r"(?<=\bdob:?\s)\d{2}/\d{2}", ("dob",)),  # a lookbehind's text is in the text
        (r"(?P<mon>jan|feb|mar)\w*\s(?P<d>\d+)", ("feb", "jan", "mar")),
        (r"(?P<d>\d+)(?:st|nd)|(?P<d>\d+)th", None),  # a branch without a literal
        (r"(?:ssn|social)?\s*\d{9}", None),  # optional: not required
        (r"(?:routing){1,2}", ("routing",)),
        (r"(?!void)\d+", None),  # a negative assertion requires nothing
        (r"ab\d", None),  # too short to be worth a test
        (r"SSN\s\d", ("ssn",)),  # lowercase: the test is on lowercase text
        (r"caf\u00e9\s\d", None),  # not ASCII: never used
        (r"(?P<a>\d)-(?P=a)pin", ("pin",)),  # a group reference matches text: not "-pin"
        (r"(\d)-\1pin", ("pin",)),
        (r"(?i:visa|amex)[ ]card", (" card",)),  # the longest certain literal wins
    ],
)
def test_required_literals(pattern: str, literals: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == literals


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("I was BORN in May", True),  # case does not matter
        ("nothing here", False),
        ("n\u00fameros borns", True),  # not ASCII: always searched
        ("", False),
    ],
)
def test_may_match(text: str, may: bool) -> None:
    assert may_match(("born", "birth"), text) is may


@pytest.mark.parametrize(
    ("pattern", "body"),
    [
        (r"(?<=born on )\d+", "born on "),
        (r"(?=(x))[a\)]+", "(x)"),
        (r"(?<=[)(])\d", "[)(]"),
        (r"(?<=(?P<k>a|b)c)(?P=k)", "(?P<k>a|b)c"),
        (r"(?<=a)b|c", None),  # the second branch needs no "a"
        (r"\d(?<=x)", None),  # not where every match starts
        (r"(?<!no )\d+", None),  # a negative lookbehind requires nothing
        (r"(?<=a(b)\d", None),  # unbalanced: nothing is read
    ],
)
def test_leading_assertion(pattern: str, body: str | None) -> None:
    assert leading_assertion(pattern) == body


def test_a_pattern_with_no_literal_is_always_searched() -> None:
    assert may_match(None, "anything")


def _patterns() -> list[regex.Pattern[str]]:
    """Every regex the recognizer modules and instances hold (module constants, compiled lists)."""
    found: dict[int, regex.Pattern[str]] = {}

    def collect(value: object) -> None:
        if isinstance(value, regex.Pattern):
            found[id(value)] = value
        elif isinstance(value, tuple | list):
            for item in value:
                collect(item)

    for recognizer in sensitive_recognizers():
        module = sys.modules[type(recognizer).__module__]
        for value in (*vars(module).values(), *vars(recognizer).values()):
            collect(value)
    return list(found.values())


def test_no_real_pattern_matches_text_without_its_literals() -> None:
    """Every regex of the recognizers, over every corpus text: a match implies a literal."""
    patterns = [p for p in _patterns() if required_literals(p.pattern, p.flags)]
    assert len(patterns) > 20, "the recognizers' patterns were not found"
    texts = corpus_texts(whole_calls=True)
    screened = 0
    for pattern in patterns:
        literals = required_literals(pattern.pattern, pattern.flags)
        for text in texts:
            if not may_match(literals, text):
                screened += 1
                assert pattern.search(text) is None, (pattern.pattern[:80], literals)
    assert screened > 10_000


def test_no_real_pattern_matches_text_without_its_leading_assertion() -> None:
    """A pattern that starts with a lookaround matches only where that lookaround's body does."""
    patterns = [p for p in _patterns() if leading_assertion(p.pattern, p.flags)]
    assert patterns, "no recognizer pattern starts with a lookaround any more"
    texts = corpus_texts(whole_calls=True)
    for pattern in patterns:
        body = regex.compile(str(leading_assertion(pattern.pattern, pattern.flags)), pattern.flags)
        for text in texts:
            if pattern.search(text) is not None:
                assert body.search(text) is not None, pattern.pattern[:80]


def test_all_matches_skips_a_text_without_the_literals() -> None:
    pattern = regex.compile(r"\bborn\s+on\s+(\d+)", regex.IGNORECASE)
    assert [m.group(1) for m in _cued.all_matches(pattern, "Born on 12")] == ["12"]
    assert _cued.all_matches(pattern, "b o r n on 12") == []
    assert _cued.may_search(pattern, "b o r n on 12") is False
