"""Number normalization's map back, character by character, and its small predicates.

``test_number_assembly.py`` tables what the digits read; these rows pin where
every character of the rewritten text comes from (a redaction lands on those
source spans), plus the edges: empty and blank texts, the three-digit
minimum, unicode around a run, segment borders, amounts and counts.
"""

from __future__ import annotations

import pytest

from redaction.normalize import (
    crosses,
    may_hold_numbers,
    normalize_numbers,
    says_nothing,
    tail_may_continue,
)


def _sources(text: str, borders: tuple[int, ...] = ()) -> tuple[str, list[str]]:
    """The rewritten text and, per character of it, the source text it stands for."""
    mapped = normalize_numbers(text, borders=borders)
    return mapped.text, [text[slice(*mapped.to_source(i, i + 1))] for i in range(len(mapped.text))]


@pytest.mark.parametrize(
    ("text", "expected", "sources"),
    [
        pytest.param("", "", [], id="empty"),
        pytest.param("   ", "   ", [" "] * 3, id="blank"),
        pytest.param("one two", "one two", list("one two"), id="two-digits-below-minimum"),
        pytest.param("2 3", "2 3", list("2 3"), id="two-typed-digits-below-minimum"),
        pytest.param("one two three", "123", ["one", "two", "three"], id="three-words-minimum"),
        pytest.param("1 2 3", "123", ["1", "2", "3"], id="spelled-typed-digits"),
        pytest.param(
            "\u03a9 one two three",
            "\u03a9 123",
            ["\u03a9", " ", "one", "two", "three"],
            id="unicode-before-run",
        ),
        pytest.param(
            "one two three\u00a0four",
            "1234",
            ["one", "two", "three", "four"],
            id="no-break-space-inside-run",
        ),
        pytest.param(
            "Jos\u00e9 dijo cinco",
            "Jos\u00e9 dijo cinco",
            list("Jos\u00e9 dijo cinco"),
            id="spanish",
        ),
        pytest.param(
            "twelve thirteen",
            "1213",
            ["twelve", "twelve", "thirteen", "thirteen"],
            id="two-digit-words-map-both-digits-to-the-word",
        ),
        pytest.param(
            "seven-eleven", "711", ["seven", "eleven", "eleven"], id="hyphen-is-a-separator"
        ),
        pytest.param("oh oh seven", "007", ["oh", "oh", "seven"], id="leading-oh-oh-is-zeros"),
        pytest.param(
            "room 4 5 6", "room 456", [*"room ", "4", "5", "6"], id="text-before-run-maps-to-itself"
        ),
        pytest.param(
            "one two three and four dogs",
            "123 and four dogs",
            ["one", "two", "three", *" and four dogs"],
            id="count-after-and-split-off",
        ),
        pytest.param(
            "five and two dependents",
            "five and two dependents",
            list("five and two dependents"),
            id="count-split-leaves-too-few-digits",
        ),
        pytest.param("1,250.00", "1,250.00", list("1,250.00"), id="us-amount-as-written"),
        pytest.param("3.519,40", "3.519,40", list("3.519,40"), id="european-amount-as-written"),
        pytest.param(
            "602 555\n0178", "602 555\n0178", list("602 555\n0178"), id="typed-groups-one-text"
        ),
    ],
)
def test_when_normalized_then_each_character_maps_to_its_source(
    text: str, expected: str, sources: list[str]
) -> None:
    got, got_sources = _sources(text)
    assert got == expected
    assert got_sources == sources


@pytest.mark.parametrize(
    ("text", "borders", "expected"),
    [
        pytest.param("602 555\n0178", (), "602 555\n0178", id="newline-without-border"),
        pytest.param("602 555\n0178", (7,), "6025550178", id="border-at-newline-joins"),
        pytest.param("602 555\n0178", (8,), "6025550178", id="border-after-newline-joins"),
        pytest.param("602 555 0178", (3,), "6025550178", id="border-between-groups-joins"),
        pytest.param("hi\n602", (2,), "hi\n602", id="border-not-inside-a-run"),
    ],
)
def test_when_segment_borders_given_then_typed_groups_across_them_join(
    text: str, borders: tuple[int, ...], expected: str
) -> None:
    assert normalize_numbers(text, borders=borders).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", True, id="empty"),
        pytest.param(" ", True, id="blank"),
        pytest.param("\n", True, id="newline"),
        pytest.param("uh huh", True, id="back-channel"),
        pytest.param("okay.", True, id="back-channel-with-period"),
        pytest.param("Mm-hmm", True, id="hyphenated-back-channel"),
        pytest.param("no", True, id="no-is-a-filler"),
        pytest.param("ok 5", False, id="digit"),
        pytest.param("yes, it's five", False, id="number-word"),
        pytest.param("tell me more", False, id="words"),
    ],
)
def test_when_segment_read_then_says_nothing_matches_table(text: str, expected: bool) -> None:
    assert says_nothing(text) is expected


@pytest.mark.parametrize(
    ("breaks", "start", "end", "expected"),
    [
        pytest.param([], 0, 5, False, id="no-breaks"),
        pytest.param([5], 0, 5, True, id="break-at-end-inclusive"),
        pytest.param([5], 5, 9, True, id="break-at-start-inclusive"),
        pytest.param([5], 0, 4, False, id="break-after"),
        pytest.param([5], 6, 9, False, id="break-before"),
        pytest.param([3, 9], 4, 8, False, id="between-two-breaks"),
        pytest.param([3, 9], 2, 3, True, id="first-of-two"),
    ],
)
def test_when_breaks_checked_then_crosses_matches_table(
    breaks: list[int], start: int, end: int, expected: bool
) -> None:
    assert crosses(breaks, start, end) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", False, id="empty"),
        pytest.param("abc", False, id="letters"),
        pytest.param("a1", True, id="a-digit"),
        pytest.param("Twenty", True, id="number-word-any-case"),
        pytest.param("onetwo", False, id="number-words-run-together"),
        pytest.param("someone", False, id="number-word-inside-a-word"),
    ],
)
def test_when_screened_then_may_hold_numbers_matches_table(text: str, expected: bool) -> None:
    assert may_hold_numbers(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("march", True, id="month-begins-a-date"),
        pytest.param("the third of", True, id="ordinal-and-of"),
        pytest.param("five okay", True, id="back-channel-after-number"),
        pytest.param("five, that's all", False, id="thats-all-finishes"),
        pytest.param("five done", False, id="done-finishes"),
        pytest.param("4th", False, id="ordinal-token-is-no-number"),
        pytest.param("K4412", False, id="mixed-token-is-no-number"),
        pytest.param("five three six caf\u00e9", False, id="unicode-word-after"),
    ],
)
def test_when_tail_read_then_may_continue_matches_table(text: str, expected: bool) -> None:
    assert tail_may_continue(text) is expected
