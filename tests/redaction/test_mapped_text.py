import pytest

from redaction.canonical import canonical_form
from redaction.mapped_text import MappedText, Origin, identity, rebuild
from redaction.normalize import normalize_numbers

# "ab<ZWSP>cd" with the zero-width space dropped.
DROPPED = MappedText("ab\u200bcd", "abcd", ((0, 1), (1, 2), (3, 4), (4, 5)))
# "five five" said as "55": each digit stands for a whole word.
WORDS = MappedText("five five", "55", ((0, 4), (5, 9)))
# Digits said across three segments, a back-channel in the middle one.
SEGMENTS = MappedText(
    "five three\nuh huh\nsix seven", "5367", ((0, 4), (5, 10), (18, 21), (22, 27))
)
# "double five" said as "55": both digits stand for the same two words.
REPEATED = MappedText("it's double five", "it's 55", ((0, 1), (1, 2), (2, 3), (3, 4), (4, 5))
                      + ((5, 16),) * 2)  # fmt: skip


@pytest.mark.parametrize(
    "mapped, start, end, expected",
    [
        # identity: spans are the same
        (identity("536-22-8174"), 0, 11, (0, 11)),
        (identity("536-22-8174"), 4, 6, (4, 6)),
        # dropped characters inside the span are covered
        (DROPPED, 0, 4, (0, 5)),
        (DROPPED, 1, 3, (1, 4)),
        # a span next to (not around) a dropped character does not take it
        (DROPPED, 2, 4, (3, 5)),
        (DROPPED, 0, 2, (0, 2)),
        # one character for a whole word
        (WORDS, 0, 1, (0, 4)),
        (WORDS, 1, 2, (5, 9)),
        (WORDS, 0, 2, (0, 9)),
        (REPEATED, 5, 6, (5, 16)),
        (REPEATED, 5, 7, (5, 16)),
    ],
)
def test_when_span_mapped_to_source_then_covers_what_it_came_from(
    mapped: MappedText, start: int, end: int, expected: tuple[int, int]
) -> None:
    assert mapped.to_source(start, end) == expected


@pytest.mark.parametrize(
    "mapped, offset, expected",
    [
        # identity: offsets are the same
        (identity("abc"), 2, 2),
        # an offset at a dropped character goes to the next character kept
        (DROPPED, 0, 0),
        (DROPPED, 2, 2),
        (DROPPED, 3, 2),
        (DROPPED, 4, 3),
        # the end of the source is the end of the text
        (DROPPED, 5, 4),
        # inside a word: the next word's character
        (WORDS, 0, 0),
        (WORDS, 2, 1),
        (WORDS, 5, 1),
        (WORDS, 9, 2),
        # a segment start maps to the first character of that segment
        (SEGMENTS, 11, 2),
        (SEGMENTS, 18, 2),
    ],
)
def test_when_source_offset_mapped_then_first_text_position_at_or_after_it(
    mapped: MappedText, offset: int, expected: int
) -> None:
    assert mapped.from_source(offset) == expected


@pytest.mark.parametrize(
    "mapped, start, end, expected",
    [
        # one stretch: the words in between (no newline) are inside it
        (WORDS, 0, 2, [(0, 9)]),
        (DROPPED, 0, 4, [(0, 5)]),
        # repeated origins are one span
        (REPEATED, 5, 7, [(5, 16)]),
        # a newline cuts: one span per segment, the back-channel segment untouched
        (SEGMENTS, 0, 4, [(0, 10), (18, 27)]),
        (SEGMENTS, 0, 2, [(0, 10)]),
        (SEGMENTS, 1, 3, [(5, 10), (18, 21)]),
        (SEGMENTS, 2, 4, [(18, 27)]),
        # identity, no newline inside
        (identity("call 536-22-8174"), 5, 16, [(5, 16)]),
        # identity, a newline inside: cut like any other text
        pytest.param(
            identity("536\n22"),
            0,
            6,
            [(0, 3), (4, 6)],
        ),
    ],
)
def test_when_source_spans_taken_then_one_per_segment(
    mapped: MappedText, start: int, end: int, expected: list[tuple[int, int]]
) -> None:
    assert mapped.source_spans(start, end) == expected


def test_when_canonical_then_numbers_composed_then_digits_map_to_original_words() -> None:
    source = "five\u00a0three\u200b six"
    canon = canonical_form(source)
    spoken = normalize_numbers(canon.text)
    composed = canon.then(spoken)
    assert (canon.text, spoken.text) == ("five three six", "536")
    assert composed.source == source
    assert composed.text == "536"
    assert composed.to_source(0, 3) == (0, len(source))
    words = [source[slice(*composed.to_source(i, i + 1))] for i in range(3)]
    assert words == ["five", "three", "six"]


def test_when_outer_rewrite_unchanged_then_then_returns_inner() -> None:
    canon = canonical_form("536\u201322\u20138174")
    assert canon.then(identity(canon.text)) is canon


def test_when_inner_unchanged_then_then_keeps_outer_origins() -> None:
    outer = normalize_numbers("it's five three six")
    composed = identity(outer.source).then(outer)
    assert composed == MappedText("it's five three six", "it's 536", outer.origins)
    assert composed.changed


def test_when_two_changed_rewrites_composed_then_origins_compose() -> None:
    inner = MappedText("a\u200bbc", "abc", ((0, 1), (2, 3), (3, 4)))
    outer = MappedText("abc", "X", ((0, 3),))
    assert inner.then(outer) == MappedText("a\u200bbc", "X", ((0, 4),))


Piece = tuple[int, int, str, list[Origin]]


@pytest.mark.parametrize(
    "source, pieces, expected_text, expected_origins",
    [
        # one piece in the middle; characters around it map to themselves
        ("my ssn is five.", [(10, 14, "5", [(10, 14)])], "my ssn is 5.",
         [*((i, i + 1) for i in range(10)), (10, 14), (14, 15)]),
        # a piece at the start and one at the end
        ("one and two", [(0, 3, "1", [(0, 3)]), (8, 11, "2", [(8, 11)])], "1 and 2",
         [(0, 3), *((i, i + 1) for i in range(3, 8)), (8, 11)]),
        # a piece longer than what it replaces
        ("double five", [(0, 11, "55", [(0, 11), (0, 11)])], "55", [(0, 11), (0, 11)]),
        # a piece that removes text
        ("a - b", [(1, 4, "", [])], "ab", [(0, 1), (4, 5)]),
    ],
)  # fmt: skip
def test_when_rebuilt_then_text_and_origins_match_table(
    source: str,
    pieces: list[Piece],
    expected_text: str,
    expected_origins: list[Origin],
) -> None:
    mapped = rebuild(source, pieces)
    assert mapped.source == source
    assert mapped.text == expected_text
    assert list(mapped.origins) == expected_origins
    assert mapped.changed


def test_when_rebuilt_with_no_pieces_then_identity() -> None:
    mapped = rebuild("nothing to do", [])
    assert mapped == identity("nothing to do")
    assert not mapped.changed
