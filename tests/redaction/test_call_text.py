"""CallText as tables: segments joined with their offsets, spans cut back per segment."""

from __future__ import annotations

import pytest

from redaction.call_text import SEPARATOR, CallText
from redaction.text_scanner import Span
from redaction.types import Action


@pytest.mark.parametrize(
    ("texts", "text", "starts", "lengths"),
    [
        pytest.param([], "", (), (), id="no-segments"),
        pytest.param([""], "", (0,), (0,), id="one-empty-segment"),
        pytest.param(["", ""], "\n", (0, 1), (0, 0), id="two-empty-segments"),
        pytest.param(["hello"], "hello", (0,), (5,), id="one-segment"),
        pytest.param(["ab", "", "c"], "ab\n\nc", (0, 3, 4), (2, 0, 1), id="empty-in-the-middle"),
        pytest.param(["a\nb", "c"], "a\nb\nc", (0, 4), (3, 1), id="newline-inside-a-segment"),
        pytest.param(
            ["Jos\u00e9", "\U0001f44d ok"],
            "Jos\u00e9\n\U0001f44d ok",
            (0, 5),
            (4, 4),
            id="unicode-counts-code-points",
        ),
        pytest.param(
            ["e\u0301", "x"], "e\u0301\nx", (0, 3), (2, 1), id="combining-accent-is-two-points"
        ),
    ],
)
def test_when_joined_then_text_and_offsets_match_table(
    texts: list[str], text: str, starts: tuple[int, ...], lengths: tuple[int, ...]
) -> None:
    joined = CallText.join(texts)
    assert (joined.text, joined.starts, joined.lengths) == (text, starts, lengths)
    assert [joined.text[s : s + n] for s, n in zip(starts, lengths, strict=True)] == texts
    assert SEPARATOR == "\n"


def _span(start: int, end: int, kind: str = "US_SSN") -> Span:
    return Span(kind, start, end, 0.85, Action.REPLACED)


@pytest.mark.parametrize(
    ("texts", "spans", "pieces"),
    [
        pytest.param(["abc"], [], [[]], id="no-spans"),
        pytest.param([], [_span(0, 1)], [], id="no-segments"),
        pytest.param(["abcdef"], [_span(1, 4)], [[(1, 4)]], id="inside-one-segment"),
        pytest.param(["abc", "def"], [_span(4, 6)], [[], [(0, 2)]], id="second-segment-shifted"),
        pytest.param(
            ["abc", "def"], [_span(1, 6)], [[(1, 3)], [(0, 2)]], id="across-the-boundary-cut-in-two"
        ),
        pytest.param(
            ["ab", "cd", "ef"],
            [_span(0, 8)],
            [[(0, 2)], [(0, 2)], [(0, 2)]],
            id="across-three-segments-whole-of-each",
        ),
        pytest.param(["abc", "def"], [_span(3, 4)], [[], []], id="separator-only-no-piece"),
        pytest.param(["abc", "def"], [_span(2, 4)], [[(2, 3)], []], id="ends-on-the-separator"),
        pytest.param(["abc", "def"], [_span(3, 5)], [[], [(0, 1)]], id="starts-on-the-separator"),
        pytest.param(
            ["ab", "", "cd"], [_span(1, 5)], [[(1, 2)], [], [(0, 1)]], id="empty-segment-skipped"
        ),
        pytest.param(["abc"], [_span(3, 3)], [[]], id="empty-span-no-piece"),
        pytest.param(
            ["abc", "def"],
            [_span(0, 2), _span(1, 3, "CREDIT_CARD"), _span(4, 5)],
            [[(0, 2), (1, 3)], [(0, 1)]],
            id="overlapping-spans-each-cut",
        ),
        pytest.param(
            ["Jos\u00e9", "536"], [_span(5, 8)], [[], [(0, 3)]], id="after-a-unicode-segment"
        ),
    ],
)
def test_when_spans_split_then_pieces_match_table(
    texts: list[str], spans: list[Span], pieces: list[list[tuple[int, int]]]
) -> None:
    got = CallText.join(texts).split_spans(spans)
    assert [[(p.start, p.end) for p in segment] for segment in got] == pieces


def test_when_a_span_is_cut_then_each_piece_keeps_type_score_and_action() -> None:
    span = Span("CREDIT_CARD", 2, 7, 0.9, Action.MASKED)
    first, second = CallText.join(["abcd", "efgh"]).split_spans([span])
    assert first == (Span("CREDIT_CARD", 2, 4, 0.9, Action.MASKED),)
    assert second == (Span("CREDIT_CARD", 0, 2, 0.9, Action.MASKED),)
