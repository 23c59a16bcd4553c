"""A leading \\b only where every match begins a word (``_word_start``), by table and corpus."""

from __future__ import annotations

import pytest
import regex

from redaction import shorthand, spelled
from redaction.recognizers import _cued
from redaction.recognizers._word_start import starts_words
from tests.builders import corpus_texts
from tests.redaction.recognizers.test_required_words import _patterns


@pytest.mark.parametrize(
    ("pattern", "begins_words"),
    [
        # A lookbehind that holds \w, then a word character: yes.
        (r"(?<![\w$])(?:ab|\d)x", True),
        (r"(?<!\w)[A-HJ-MPR-UX]\d{7}", True),
        (r"\bfoo", True),
        # Two lookbehinds, the second one anything: the first decides.
        (r"(?<![\w$.,/-])(?<!\d[ ])[a-z0-9]{5}", True),
        # Every branch must: the second has no lookbehind.
        (r"(?<!\w)foo|bar", False),
        (r"(?:(?<!\w)foo|\bbar)baz", True),
        # The lookbehind allows a letter before: "x1/27" is a match inside a word.
        (r"(?<![\d/])(?:0?[1-9])/\d\d", False),
        # The first character may be a non-word one.
        (r"(?<!\w)[-+]?\d+", False),
        (r"(?<!\w)(?:a|\s)", False),
        # An optional word first, then a non-word: "-" may come first.
        (r"(?<!\w)x?-", False),
        (r"(?<!\w)x?y", True),
        # A match may be empty.
        (r"(?<!\w)a*", False),
        # A negated class: not sure.
        (r"(?<!\w)[^\W\d]", False),
        # A lookbehind of more than one character: not read.
        (r"(?<!\w\w)abc", False),
        # Unreadable for the standard parser: no.
        (r"(?<!\w)\p{L}+", False),
    ],
)
def test_starts_words(pattern: str, begins_words: bool) -> None:
    assert starts_words(pattern) is begins_words


def _guarded_patterns() -> list[regex.Pattern[str]]:
    extra = [shorthand._PATTERN, spelled._UNIT, spelled._MAY_SPELL]
    return [p for p in [*_patterns(), *extra] if starts_words(p.pattern, p.flags)]


def test_every_real_pattern_that_begins_words_finds_the_same_matches_behind_a_word_boundary() -> (
    None
):
    """What the screen relies on, over every corpus text: the leading \\b changes no match."""
    patterns = _guarded_patterns()
    assert len(patterns) > 10, "the recognizers' word-start patterns were not found"
    texts = corpus_texts(whole_calls=True)
    for pattern in patterns:
        guarded = _cued._screens_of(pattern).at_word_starts
        if pattern.pattern.startswith(r"\b"):
            assert guarded is None  # one \b is enough
            continue
        assert guarded is not None, pattern.pattern[:80]
        for text in texts:
            plain = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
            assert [(m.span(), m.lastgroup) for m in guarded.finditer(text)] == plain, (
                pattern.pattern[:80]
            )


def test_all_matches_and_first_match_search_behind_the_word_boundary() -> None:
    pattern = regex.compile(r"(?<![\w'])[a-z](?:\s+as\s+in)\s+\w+", regex.IGNORECASE)
    assert _cued._screens_of(pattern).at_word_starts is not None
    assert [m.group() for m in _cued.all_matches(pattern, "it's q as in queen")] == [
        "q as in queen"
    ]
    found = _cued.first_match(pattern, "b as in boy")
    assert found is not None and found.span() == (0, 11)
    assert _cued.first_match(pattern, "nothing spelled") is None
