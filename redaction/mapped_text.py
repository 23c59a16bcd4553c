"""A rewritten text that remembers, per character, where in the original it came from.

Detection reads rewritten text (the canonical form, spelled characters and
spoken numbers assembled); redaction changes the original. A ``MappedText``
carries the way back, and two rewrites compose into one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

Origin = tuple[int, int]


@dataclass(frozen=True)
class MappedText:
    """A rewritten text and, per character, the span of ``source`` it stands for."""

    source: str
    text: str
    origins: tuple[Origin, ...]  # empty when text is source

    @property
    def changed(self) -> bool:
        """True when ``text`` differs from ``source``."""
        return bool(self.origins)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` behind ``text[start:end]`` (covering anything dropped inside)."""
        if not self.changed or start >= end:
            return start, end
        return self.origins[start][0], self.origins[end - 1][1]

    def from_source(self, offset: int) -> int:
        """The first position of ``text`` whose origin starts at or after ``offset``."""
        if not self.changed:
            return offset
        return bisect_left(self.origins, (offset, -1))

    def source_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Source spans behind ``text[start:end]``: one per stretch not cut by a newline.

        Words of one number said across segments (joined by newlines) give one
        span per segment, so a back-channel segment in between is untouched.
        """
        if not self.changed:
            return _lines(self.source, start, end)
        merged: list[tuple[int, int]] = []
        for piece_start, piece_end in sorted(set(self.origins[start:end])):
            if merged and "\n" not in self.source[merged[-1][1] : piece_start]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], piece_end))
            else:
                merged.append((piece_start, piece_end))
        return merged

    def then(self, outer: MappedText) -> MappedText:
        """``outer`` (a rewrite of this text) mapped straight back to this text's source."""
        if not outer.changed:
            return self
        if not self.changed:
            return MappedText(self.source, outer.text, outer.origins)
        return MappedText(
            self.source, outer.text, tuple(self.to_source(s, e) for s, e in outer.origins)
        )


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` cut at every newline inside it (empty pieces left out)."""
    pieces, at = [], start
    for index in range(start, end):
        if text[index] == "\n":
            if index > at:
                pieces.append((at, index))
            at = index + 1
    if end > at:
        pieces.append((at, end))
    return pieces


def identity(text: str) -> MappedText:
    """``text`` rewritten as itself."""
    return MappedText(text, text, ())


def rebuild(source: str, pieces: Iterable[tuple[int, int, str, Iterable[Origin]]]) -> MappedText:
    """``source`` with each ``(start, end)`` replaced by ``text`` (characters from origins).

    ``pieces`` are in order and do not overlap; characters outside them map to themselves.
    """
    out: list[str] = []
    origins: list[Origin] = []
    cursor = 0
    for start, end, text, text_origins in pieces:
        out.append(source[cursor:start])
        origins.extend((i, i + 1) for i in range(cursor, start))
        out.append(text)
        origins.extend(text_origins)
        cursor = end
    if cursor == 0 and not out:
        return identity(source)
    out.append(source[cursor:])
    origins.extend((i, i + 1) for i in range(cursor, len(source)))
    return MappedText(source, "".join(out), tuple(origins))
