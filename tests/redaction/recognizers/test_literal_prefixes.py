"""Searching only where a pattern's opening stands (``_literal_prefixes``), by table and corpus."""

from __future__ import annotations

import pytest
import regex

from redaction import dialogue
from redaction.recognizers import _cued
from redaction.recognizers._literal_prefixes import find_openings, literal_prefixes
from tests.builders import corpus_texts
from tests.redaction.recognizers.test_required_words import _patterns


@pytest.mark.parametrize(
    ("pattern", "openings"),
    [
        (r"\b(?:member|medicaid)\s+id", ("medicaid", "member")),
        # Case folded; a lookbehind consumes nothing.
        (r"(?<!\w)(?:Jan(?:uary)?|feb)", ("feb", "jan")),
        # Cut where the pattern stops being literal, and at MAX_OPENING (8) characters.
        (r"\bhealth\s+insurance", ("health",)),
        (r"\binsurance\s+card", ("insuranc",)),
        # An optional word first: both the word and what may come without it.
        (r"\b(?:the\s+)?routing", ("routing", "the")),
        (r"(?:bank\s+)?routing", ("bank", "routing")),
        # One that starts another covers it.
        (r"\b(?:exp|expir\w*|exp\.)", ("exp",)),
        # A small class is read as its characters.
        (r"\blicen[cs]e", ("licence", "license")),
        # Cut at a character that is not ASCII.
        (r"\bpatient\u2019s", ("patient",)),
        # Too short an opening somewhere: none at all.
        (r"\b(?:pin|pw)\b", None),
        (r"\b(?:a|member)", None),
        # Not literal at the start, or possibly empty.
        (r"\d{3}-\d{2}", None),
        (r"[ \t]*+is\s+my\s+pin", None),
        (r"(?:abc)?", None),
        # Unreadable for the standard parser.
        (r"\p{L}+abc", None),
    ],
)
def test_literal_prefixes(pattern: str, openings: tuple[str, ...] | None) -> None:
    assert literal_prefixes(pattern, regex.IGNORECASE) == openings


def test_find_openings_lists_each_place_once_in_order() -> None:
    lowered = "my member id, and the member number"
    assert find_openings(lowered, ("member", "mem", "id"), 0, len(lowered)) == [3, 10, 22]
    assert find_openings(lowered, ("member",), 4, 30) == [22]
    assert find_openings(lowered, ("member",), 0, 25) == [3]  # must fit before endpos


def _searched_at_openings() -> list[regex.Pattern[str]]:
    requests = [pattern for _, pattern in dialogue._REQUESTS]
    return [
        p for p in [*_patterns(), *requests] if literal_prefixes(p.pattern, p.flags) is not None
    ]


def test_every_real_pattern_with_openings_finds_what_finditer_finds() -> None:
    """What the search relies on, over every corpus text: the same matches, in order."""
    patterns = _searched_at_openings()
    assert len(patterns) > 20, "the recognizers' cue patterns were not found"
    texts = [text for text in corpus_texts(whole_calls=True) if text.isascii()]
    for pattern in patterns:
        for text in texts:
            expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
            found = [(m.span(), m.lastgroup) for m in _cued.all_matches(pattern, text)]
            assert found == expected, pattern.pattern[:80]
            first = _cued.first_match(pattern, text)
            assert (first.span() if first else None) == (expected[0][0] if expected else None)


def test_a_long_text_is_searched_at_its_openings_and_one_not_ascii_as_a_whole() -> None:
    pattern = regex.compile(r"\b(?:member|medicaid)\s+id", regex.IGNORECASE)
    assert _cued._screens_of(pattern).openings == ("medicaid", "member")
    filler = "the caller asked about the plan " * 4  # past OPENINGS_FROM
    assert len(filler) >= _cued.OPENINGS_FROM
    text = filler + "member id, Medicaid ID"
    spans = [m.span() for m in _cued.all_matches(pattern, text)]
    assert [text[a:b] for a, b in spans] == ["member id", "Medicaid ID"]
    # "İ" lowercases to two characters: offsets in the lowercased text would be off by
    # one each, so a text that is not ASCII is searched whole.
    text = "İİİ " + filler + "member id"
    spans = [m.span() for m in _cued.all_matches(pattern, text)]
    assert [text[a:b] for a, b in spans] == ["member id"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("what is your member id", True),  # a screened pattern
        ("my pin is one two", True),  # the pattern without a literal screen, searched alone
        ("nothing to see", False),
        ("la tarjeta de María", False),  # not ASCII: the whole alternation
        ("el member id de María", True),
    ],
)
def test_any_of_finds_what_one_alternation_finds(text: str, found: bool) -> None:
    patterns = [
        regex.compile(r"\bmember\s+id", regex.IGNORECASE),
        regex.compile(r"\b(?:pin|pw)\b", regex.IGNORECASE),  # "pw": no literal of 3
    ]
    assert _cued.AnyOf(patterns, regex.IGNORECASE).search(text) is found


def test_the_slot_rows_screened_together_find_what_their_alternation_finds() -> None:
    whole = regex.compile(
        "|".join(f"(?:{pattern.pattern})" for _, pattern in dialogue._REQUESTS), dialogue._FLAGS
    )
    texts = corpus_texts(whole_calls=False)
    assert sum(dialogue._ANY_REQUEST.search(text) for text in texts) > 100
    for text in texts:
        assert dialogue._ANY_REQUEST.search(text) is (whole.search(text) is not None), text[:60]
