"""A whole call as one text, so context and numbers carry across segment boundaries.

Segments are joined with a newline; spans found in the joined text are cut
back into per-segment spans (a span crossing a boundary is cut into one
piece per segment it touches).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from redaction.text_scanner import Span

SEPARATOR = "\n"


@dataclass(frozen=True)
class CallText:
    """The joined text and where each segment starts in it."""

    text: str
    starts: tuple[int, ...]
    lengths: tuple[int, ...]

    @classmethod
    def join(cls, texts: Iterable[str]) -> CallText:
        """Join segment texts with SEPARATOR, remembering each one's offset."""
        parts = list(texts)
        starts, at = [], 0
        for part in parts:
            starts.append(at)
            at += len(part) + len(SEPARATOR)
        return cls(SEPARATOR.join(parts), tuple(starts), tuple(len(p) for p in parts))

    def split_spans(self, spans: Sequence[Span]) -> list[tuple[Span, ...]]:
        """Per segment, the spans (or pieces of spans) inside it, in segment coordinates.

        Each span visits only the segments it touches (found by bisect), so a long
        call costs its segments plus its pieces, not segments times spans.
        """
        pieces: list[list[Span]] = [[] for _ in self.starts]
        for s in spans:
            index = max(0, bisect_right(self.starts, s.start) - 1)
            while index < len(self.starts) and self.starts[index] < s.end:
                start = self.starts[index]
                end = start + self.lengths[index]
                if s.start < end and start < s.end:
                    low, high = max(s.start, start) - start, min(s.end, end) - start
                    if high > low:
                        pieces[index].append(replace(s, start=low, end=high))
                index += 1
        return [tuple(p) for p in pieces]
