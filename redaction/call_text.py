"""A whole call as one text, so context and numbers carry across segment boundaries.

Segments are joined with a newline; spans found in the joined text are cut
back into per-segment spans (a span crossing a boundary is cut into one
piece per segment it touches).
"""

from __future__ import annotations

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
        """Per segment, the spans (or pieces of spans) inside it, in segment coordinates."""
        result: list[tuple[Span, ...]] = []
        for start, length in zip(self.starts, self.lengths, strict=True):
            end = start + length
            pieces = [
                replace(s, start=max(s.start, start) - start, end=min(s.end, end) - start)
                for s in spans
                if s.start < end and start < s.end
            ]
            result.append(tuple(p for p in pieces if p.end > p.start))
        return result
