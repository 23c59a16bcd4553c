"""Map redacted character spans of a segment to the stretches of audio to silence.

PCI DSS forbids keeping card data in call recordings, so every value removed
from a transcript must also be silenced in the recording. The recognizer's
word timings are the bridge: find each timed word in the segment text, then
silence the words that touch a removed span. Where the bridge is broken (a
word cannot be found in the text) we silence more, never less.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from redaction.types import AudioInterval, WordTiming

# Words and runs difflib compares at a time (its matcher is cubic in repetitive input).
DIFF_WINDOW = 64
# How far past the previous word's end a word not anchored is looked for (folded chars).
SEARCH_REACH = 400
# A run of letters and digits: the unit both the text and the timed words are compared in.
_ATOM = re.compile(r"[^\W_]+")

_DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Recognizers write a spoken digit either way round ("four" for "4" in the text, or back).
_SPOKEN: dict[str, tuple[str, ...]] = {
    **{name: (str(digit),) for digit, name in enumerate(_DIGIT_NAMES)},
    **{str(digit): (name,) for digit, name in enumerate(_DIGIT_NAMES)},
    "oh": ("0",),
    "0": ("zero", "oh"),
}


def _fold(text: str) -> str:
    """Letters and digits only, casefolded: "5," and "5", "Don't" and "dont" compare equal."""
    return "".join(_ATOM.findall(text.casefold()))


@dataclass(frozen=True)
class _Folded:
    """A text folded to its letters and digits, with a map back to text offsets."""

    chars: str
    origin: tuple[int, ...]  # text offset of each folded char
    atoms: tuple[tuple[int, int], ...]  # folded [start, end) of each letter/digit run
    starts: frozenset[int]
    ends: frozenset[int]

    @classmethod
    def of(cls, text: str) -> _Folded:
        chars: list[str] = []
        origin: list[int] = []
        atoms: list[tuple[int, int]] = []
        for match in _ATOM.finditer(text):
            begin = len(chars)
            for offset in range(match.start(), match.end()):
                for char in _fold(text[offset]):
                    chars.append(char)
                    origin.append(offset)
            if len(chars) > begin:
                atoms.append((begin, len(chars)))
        return cls(
            chars="".join(chars),
            origin=tuple(origin),
            atoms=tuple(atoms),
            starts=frozenset(start for start, _ in atoms),
            ends=frozenset(end for _, end in atoms),
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text span of folded chars [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def align_words(text: str, words: Sequence[WordTiming]) -> list[tuple[int, int] | None]:
    """The character span in ``text`` of each timed word, in order; None where not found.

    Text and words are compared on letters and digits only, casefolded, so
    case and punctuation ("5," against "5") do not matter. Words equal to a
    whole letter/digit run of the text are matched first as anchors (longest
    common subsequence, via difflib), so one word that cannot be found does
    not derail the rest. Each remaining word is then searched in order from
    the end of the previous match, never past the next anchor: first as the
    continuation of a run the previous word ended inside ("41111111" said as
    "4111" "1111"), then as whole runs ("don't" over "don" "t", "1500" over
    "1,500"), then as the start of a run; a spoken digit also matches its
    figure and back ("four" matches "4"). A word found nowhere gets None.
    Spans found are in text order.
    """
    folded = _Folded.of(text)
    needles = [_fold(word.word) for word in words]
    anchors = _anchors(needles, folded)
    limits: list[int] = [0] * len(needles)
    limit = len(folded.chars)
    for index in range(len(needles) - 1, -1, -1):
        limits[index] = limit
        if index in anchors:
            limit = folded.atoms[anchors[index]][0]

    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for index, needle in enumerate(needles):
        if index in anchors:
            found: tuple[int, int] | None = folded.atoms[anchors[index]]
        else:
            found = _search(folded, needle, cursor, limits[index])
        if found is None:
            spans.append(None)
            continue
        spans.append(folded.span(*found))
        cursor = found[1]
    return spans


def _anchors(needles: Sequence[str], folded: _Folded) -> dict[int, int]:
    """Word index -> index of the text run it equals, in order (longest common blocks).

    Words that are the text's runs exactly pair off one to one (a recognizer's words
    mostly are its text). Otherwise difflib matches them ``DIFF_WINDOW`` words and
    runs at a time: its matcher takes time in the cube of a repetitive stretch ("pin
    1234 pin 1234 ..." with words that are not the text: 2,200 of them, 300 s), so
    each window costs a bounded amount; the next starts after the last pair found
    (or, with none, after this one). A segment of up to ``DIFF_WINDOW`` words is
    matched whole, as before.
    """
    runs = [folded.chars[start:end] for start, end in folded.atoms]
    # A word with no letters or digits gets a key no run can equal.
    keys = [needle or f"\0{index}" for index, needle in enumerate(needles)]
    if keys == runs:
        return {index: index for index in range(len(keys))}
    pairs: dict[int, int] = {}
    i, j = 0, 0
    while i < len(keys) and j < len(runs):
        window_keys, window_runs = keys[i : i + DIFF_WINDOW], runs[j : j + DIFF_WINDOW]
        matcher = SequenceMatcher(None, window_keys, window_runs, autojunk=False)
        found = [
            (i + block.a + k, j + block.b + k)
            for block in matcher.get_matching_blocks()
            for k in range(block.size)
        ]
        pairs.update(found)
        if found:
            i, j = found[-1][0] + 1, found[-1][1] + 1
        else:
            i, j = i + len(window_keys), j + len(window_runs)
    return pairs


def _search(folded: _Folded, needle: str, cursor: int, limit: int) -> tuple[int, int] | None:
    """Folded [start, end) of ``needle`` (or its spoken-digit twin) in [cursor, limit).

    Never further than ``SEARCH_REACH`` letters and digits from ``cursor``: a word
    said is near the one before it, and an unfound word is silenced by the fail-safe
    rule anyway (a search to the end of the text for every word was quadratic).
    """
    if not needle:
        return None
    limit = min(limit, cursor + SEARCH_REACH + len(needle))
    candidates = (needle, *_SPOKEN.get(needle, ()))
    if cursor not in folded.starts:  # the previous word ended inside a run: continue it
        for candidate in candidates:
            if folded.chars.startswith(candidate, cursor, limit):
                return cursor, cursor + len(candidate)
    for whole_runs in (True, False):
        best: tuple[int, int] | None = None
        for candidate in candidates:
            start = _first(folded, candidate, cursor, limit, whole_runs)
            if start is not None and (best is None or start < best[0]):
                best = (start, start + len(candidate))
        if best is not None:
            return best
    return None


def _first(folded: _Folded, needle: str, cursor: int, limit: int, whole_runs: bool) -> int | None:
    """First start of ``needle`` at a run start (and, if ``whole_runs``, ending at a run end)."""
    start = folded.chars.find(needle, cursor, limit)
    while start != -1:
        if start in folded.starts and (not whole_runs or start + len(needle) in folded.ends):
            return start
        start = folded.chars.find(needle, start + 1, limit)
    return None


@dataclass(frozen=True)
class _Timed:
    """An aligned word with a usable timing."""

    index: int
    start: int
    end: int
    word: WordTiming


def mute_intervals(
    segment_index: int,
    text: str,
    words: Sequence[WordTiming],
    spans: Sequence[tuple[int, int]],
    pad_ms: int = 0,
) -> list[AudioInterval]:
    """The audio intervals to silence so that no redacted span of ``text`` stays audible.

    Rules, in order:

    - No ``words`` (no timings from the recognizer): ``[]``; the caller
      decides what to do with an untimed segment.
    - Words are placed with :func:`align_words`. A word counts as aligned
      only if it was found and its ``end_ms > start_ms``.
    - Every aligned word whose text span overlaps a redacted span (even by one
      character) is silenced over its whole ``[start_ms, end_ms]``, and so is
      every pause between the first and last such word of one span: the gaps
      between "five five five ... one two" give away how the number is grouped.
    - Fail-safe: a letter or digit inside a redacted span that no aligned word
      covers (the recognizer wrote it differently, or alignment failed) widens
      the silence to everything between the neighbouring aligned words: from
      the end of the aligned word before it to the start of the aligned word
      after it, stretched to cover every word said between those two. With no
      aligned word before (after), the segment's first word start (last word
      end) is used. If that leaves nothing, the neighbouring words themselves
      are silenced too. Better to silence too much than too little.
      Spaces and punctuation between aligned words never trigger it.
    - Each interval is widened by ``pad_ms`` on both sides (never below 0).
    - Overlapping and touching intervals merge; the result is sorted.

    Raises ValueError for a span outside ``text`` or inverted, or a negative pad.
    """
    if pad_ms < 0:
        raise ValueError(f"pad_ms must not be negative, got {pad_ms}")
    for start, end in spans:
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} is not within the segment text")
    if not words:
        return []

    timed = [
        _Timed(index, span[0], span[1], word)
        for index, (span, word) in enumerate(zip(align_words(text, words), words, strict=True))
        if span is not None and word.end_ms > word.start_ms
    ]
    timed_starts = [t.start for t in timed]
    timed_ends = [t.end for t in timed]  # in text order, never overlapping: sorted too
    bounds = (min(w.start_ms for w in words), max(w.end_ms for w in words))
    ranges: list[tuple[int, int]] = []
    for start, end in spans:
        # The aligned words touching the span: from the first ending after its start.
        said = []
        at = bisect_right(timed_ends, start)
        while at < len(timed) and timed[at].start < end:
            said.append(timed[at].word)
            at += 1
        if said:  # one stretch: the pauses between a value's words say its grouping
            ranges.append((min(w.start_ms for w in said), max(w.end_ms for w in said)))
        gaps: set[int] = set()
        for offset in range(start, end):
            if not text[offset].isalnum():
                continue
            before = (
                bisect_right(timed_starts, offset) - 1
            )  # last aligned word starting here or earlier
            if before >= 0 and timed[before].end > offset:
                continue  # covered
            gaps.add(before)
        ranges.extend(_between(words, timed, before, bounds) for before in gaps)

    padded = sorted((max(0, a - pad_ms), b + pad_ms) for a, b in ranges if b > a)
    merged: list[tuple[int, int]] = []
    for a, b in padded:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return [AudioInterval(segment_index, a, b) for a, b in merged]


def _between(
    words: Sequence[WordTiming], timed: Sequence[_Timed], before: int, bounds: tuple[int, int]
) -> tuple[int, int]:
    """The fail-safe range: between aligned words ``before`` and ``before + 1``.

    ``bounds``: the first word's start and the last word's end in the segment.
    """
    prev = timed[before] if before >= 0 else None
    after = timed[before + 1] if before + 1 < len(timed) else None
    first, last = bounds
    start = prev.word.end_ms if prev else first
    end = after.word.start_ms if after else last
    for word in words[(prev.index + 1 if prev else 0) : (after.index if after else len(words))]:
        start = min(start, word.start_ms)
        end = max(end, word.end_ms)
    if end <= start:  # nothing said between them: silence the neighbours as well
        start = prev.word.start_ms if prev else first
        end = after.word.end_ms if after else last
    return start, end
