"""Redacted character spans mapped to audio intervals through word timings."""

from __future__ import annotations

import pytest

from redaction.audio import align_words, mute_intervals
from redaction.types import AudioInterval, WordTiming


def _words(*timed: tuple[str, int, int]) -> tuple[WordTiming, ...]:
    return tuple(WordTiming(word, start, end) for word, start, end in timed)


def _evenly(*words: str) -> tuple[WordTiming, ...]:
    """Word i said over [i*100, i*100 + 90] ms."""
    return tuple(WordTiming(word, i * 100, i * 100 + 90) for i, word in enumerate(words))


def _spans(result: list[AudioInterval]) -> list[tuple[int, int]]:
    assert {interval.segment_index for interval in result} <= {3}
    return [(interval.start_ms, interval.end_ms) for interval in result]


@pytest.mark.parametrize(
    "text, words, expected",
    [
        # exact words, any case
        (
            "My ZIP is 10001",
            _evenly("my", "zip", "is", "10001"),
            [(0, 2), (3, 6), (7, 9), (10, 15)],
        ),
        # punctuation attached in the text, or in the word list
        (
            "The code is 5, 7.",
            _evenly("the", "code", "is", "5", "7"),
            [(0, 3), (4, 8), (9, 11), (12, 13), (15, 16)],
        ),
        ("yes, 5 then", _evenly("yes", "5,", "then"), [(0, 3), (5, 6), (7, 11)]),
        # spoken digits against figures
        (
            "card 4111 ok",
            _evenly("card", "four", "one", "one", "one", "ok"),
            [(0, 4), (5, 6), (6, 7), (7, 8), (8, 9), (10, 12)],
        ),
        # one word over several runs of the text, several words inside one run
        ("I don't know", _evenly("i", "don't", "know"), [(0, 1), (2, 7), (8, 12)]),
        ("pay $1,500 now", _evenly("pay", "1500", "now"), [(0, 3), (5, 10), (11, 14)]),
        (
            "ref 41111111 ok",
            _evenly("ref", "4111", "1111", "ok"),
            [(0, 3), (4, 8), (8, 12), (13, 15)],
        ),
        # a word that is nowhere does not derail the rest
        (
            "card 4111 thanks",
            _evenly("card", "forty", "one", "eleven", "thanks"),
            [(0, 4), None, None, None, (10, 16)],
        ),
        (
            "so um the number",
            _evenly("so", "uh", "the", "number"),
            [(0, 2), None, (6, 9), (10, 16)],
        ),
        # a word with no letters or digits is never found
        ("hi there", _evenly("hi", "--", "there"), [(0, 2), None, (3, 8)]),
        # a short word is not taken from inside a longer one
        ("one on", _evenly("on"), [(4, 6)]),
        ("", _evenly("hello"), [None]),
    ],
)
def test_when_words_are_aligned_then_each_gets_its_text_span_or_none(
    text: str, words: tuple[WordTiming, ...], expected: list[tuple[int, int] | None]
) -> None:
    assert align_words(text, words) == expected


CARD_TEXT = "card 4111 1111 thanks"
CARD_WORDS = _words(
    ("card", 0, 400), ("4111", 500, 900), ("1111", 900, 1300), ("thanks", 1500, 1900)
)


@pytest.mark.parametrize(
    "text, words, spans, pad_ms, expected",
    [
        # exact word overlap
        ("my zip is 10001", _evenly("my", "zip", "is", "10001"), [(10, 15)], 0, [(300, 390)]),
        # span covering several words: touching timings merge into one interval
        (CARD_TEXT, CARD_WORDS, [(5, 14)], 0, [(500, 1300)]),
        # ... and so is the pause between one value's words (it tells the grouping)
        (
            "a 12 34 b",
            _words(("a", 0, 90), ("12", 100, 190), ("34", 300, 390), ("b", 400, 490)),
            [(2, 7)],
            0,
            [(100, 390)],
        ),
        # two values with a kept word between them stay two stretches
        (
            "12 and 34",
            _words(("12", 0, 90), ("and", 200, 290), ("34", 400, 490)),
            [(0, 2), (7, 9)],
            0,
            [(0, 90), (400, 490)],
        ),
        # span inside one word silences the whole word
        (CARD_TEXT, CARD_WORDS, [(7, 9)], 0, [(500, 900)]),
        (
            "mail jdoe@example.com ok",
            _evenly("mail", "jdoe@example.com", "ok"),
            [(5, 9)],
            0,
            [(100, 190)],
        ),
        # punctuation attached to the word
        ("The code is 5, 7.", _evenly("the", "code", "is", "5", "7"), [(12, 14)], 0, [(300, 390)]),
        # spaces or punctuation alone in a span silence nothing
        ("The code is 5, 7.", _evenly("the", "code", "is", "5", "7"), [(13, 15)], 0, []),
        # spoken digits are found digit by digit
        (
            "card 4111 ok",
            _evenly("card", "four", "one", "one", "one", "ok"),
            [(7, 9)],
            0,
            [(300, 490)],
        ),
        # unaligned words: fail-safe widening to everything between the aligned neighbours
        (
            "card 4111 thanks",
            _words(
                ("card", 0, 300),
                ("forty", 400, 600),
                ("one", 600, 800),
                ("eleven", 850, 1200),
                ("thanks", 1300, 1600),
            ),
            [(5, 9)],
            0,
            [(300, 1300)],
        ),
        # ... with no aligned word before or after: from the segment's first / to its last word
        (
            "4111 thanks",
            _words(("forty", 200, 400), ("one", 400, 600), ("thanks", 700, 900)),
            [(0, 4)],
            0,
            [(200, 700)],
        ),
        (
            "card 4111",
            _words(("card", 0, 300), ("forty", 400, 600), ("eleven", 650, 900)),
            [(5, 9)],
            0,
            [(300, 900)],
        ),
        # ... alignment failed entirely: the whole segment
        (
            "tarjeta 4111",
            _words(("card", 100, 300), ("forty", 400, 600)),
            [(8, 12)],
            0,
            [(100, 600)],
        ),
        # ... a span only partly covered by an aligned word still widens over the rest
        (
            "pin 12 34 end",
            _words(("pin", 0, 100), ("12", 200, 300), ("thirty", 400, 500), ("end", 600, 700)),
            [(4, 9)],
            0,
            [(200, 600)],
        ),
        # ... text with no word between touching neighbours: the neighbours are silenced
        ("ab 99 cd", _words(("ab", 0, 100), ("cd", 100, 200)), [(3, 5)], 0, [(0, 200)]),
        # ... a word with an unusable timing counts as unaligned
        (
            "my zip 10001 ok",
            _words(("my", 0, 100), ("zip", 100, 200), ("10001", 500, 500), ("ok", 700, 800)),
            [(7, 12)],
            0,
            [(200, 700)],
        ),
        # merge of adjacent intervals from two spans
        (CARD_TEXT, CARD_WORDS, [(5, 9), (10, 14)], 0, [(500, 1300)]),
        # overlapping spans give one interval
        (CARD_TEXT, CARD_WORDS, [(5, 9), (6, 8)], 0, [(500, 900)]),
        # padding widens, merges close intervals, and never goes below zero
        (
            "a 12 34 b",
            _words(("a", 0, 90), ("12", 100, 190), ("34", 300, 390), ("b", 400, 490)),
            [(2, 7)],
            60,
            [(40, 450)],
        ),
        (CARD_TEXT, CARD_WORDS, [(0, 4)], 50, [(0, 450)]),
        # no spans, empty spans
        (CARD_TEXT, CARD_WORDS, [], 0, []),
        (CARD_TEXT, CARD_WORDS, [(5, 5)], 0, []),
        # no words -> no intervals
        (CARD_TEXT, (), [(5, 14)], 0, []),
    ],
)
def test_when_spans_are_redacted_then_overlapping_word_times_are_muted(
    text: str,
    words: tuple[WordTiming, ...],
    spans: list[tuple[int, int]],
    pad_ms: int,
    expected: list[tuple[int, int]],
) -> None:
    assert _spans(mute_intervals(3, text, words, spans, pad_ms=pad_ms)) == expected


def test_when_intervals_are_returned_then_they_carry_the_segment_index() -> None:
    assert mute_intervals(7, CARD_TEXT, CARD_WORDS, [(5, 9)]) == [AudioInterval(7, 500, 900)]


@pytest.mark.parametrize(
    "spans, pad_ms",
    [([(9, 5)], 0), ([(-1, 3)], 0), ([(0, len(CARD_TEXT) + 1)], 0), ([(5, 9)], -10)],
)
def test_when_span_or_pad_is_invalid_then_value_error(
    spans: list[tuple[int, int]], pad_ms: int
) -> None:
    with pytest.raises(ValueError):
        mute_intervals(0, CARD_TEXT, CARD_WORDS, spans, pad_ms=pad_ms)
