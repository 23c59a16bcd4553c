r"""The literal text every match of a regex opens with: a search tries only where it stands.

The ``regex`` module tries a pattern at every position of the text, ~50 ns each for a
cue alternation, over a whole call. Most cue and lexicon patterns open with a word
from a short list ("member", "medicaid", "humana", "insurance"). Read once from the
pattern's tree, that list turns a search into a few ``str.find`` calls on the
lowercased text and a ``match`` at each place found: the same matches, in the same
order, because no match can start anywhere else.

Sound by construction, and only where it can be: an opening is cut wherever the
pattern stops being literal (a class such as ``\s``, a repeat), so it is always a
true prefix of the match; anything this cannot read means no openings (the pattern
is searched as before); openings and texts are ASCII only, where lowercasing and
the module's case-insensitive matching agree.
"""

from __future__ import annotations

from typing import Any

from redaction.recognizers import _pattern_reading as tree

# Shorter openings find too many places to pay for the match at each.
MIN_OPENING = 3
# Longer openings select no better; cutting them keeps the list short.
MAX_OPENING = 8
# A class of at most this many characters ("[cs]") is read as that many openings.
MAX_CLASS = 4
# Past this many openings the list costs more than the search it saves.
MAX_OPENINGS = 200

_ZERO_WIDTH = (tree.ASSERT, tree.ASSERT_NOT, tree.AT)


class _UnreadableError(Exception):
    """Too many openings to be worth it."""


def literal_prefixes(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lowercase openings one of which every match of ``pattern`` starts with, or None."""
    parsed = tree.parse(pattern, flags)
    if parsed is None:
        return None
    try:
        still_open, cut = _read(list(parsed), {""})
    except _UnreadableError:
        return None
    # Cut at the first character that is not ASCII (a curly apostrophe in "patient's"):
    # what comes before it is still an opening.
    openings = {_ascii_head(opening) for opening in still_open | cut}
    if not openings or min(map(len, openings)) < MIN_OPENING:
        return None
    # One that starts another covers it: every place of the longer is a place of the shorter.
    kept = sorted(openings, key=len)
    shortest: list[str] = []
    for opening in kept:
        if not any(opening.startswith(other) for other in shortest):
            shortest.append(opening)
    return tuple(sorted(shortest))


def _ascii_head(opening: str) -> str:
    for at, char in enumerate(opening):
        if not char.isascii():
            return opening[:at]
    return opening


def _read(items: list[Any], heads: set[str]) -> tuple[set[str], set[str]]:
    """``heads`` extended by what ``items`` open with: (may go on, cut here)."""
    still_open, cut = set(heads), set()
    for op, av in items:
        if not still_open:
            break
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the opening goes on after it
        if op is tree.LITERAL:
            still_open = {head + chr(av).lower() for head in still_open}
        elif op is tree.IN and (chars := _class_chars(av)) is not None:
            still_open = {head + char for head in still_open for char in chars}
        elif op is tree.SUBPATTERN:
            still_open, more = _read(list(av[-1]), still_open)
            cut |= more
        elif tree.ATOMIC_GROUP is not None and op is tree.ATOMIC_GROUP:
            still_open, more = _read(list(av), still_open)
            cut |= more
        elif op is tree.BRANCH:
            branches = [_read(list(branch), still_open) for branch in av[1]]
            still_open = {s for going_on, _ in branches for s in going_on}
            cut |= {s for _, stopped in branches for s in stopped}
        elif op in tree.REPEATS:
            low, _high, body = av
            once, stopped = _read(list(body), still_open)
            cut |= once | stopped  # after one pass of the body the opening is cut
            if low >= 1:
                still_open = set()
            # low == 0: the body may be skipped, and the heads go on unchanged
        else:  # not literal: the opening ends here
            cut |= still_open
            still_open = set()
        done = {s for s in still_open if len(s) >= MAX_OPENING}
        cut |= done
        still_open -= done
        if len(still_open) + len(cut) > MAX_OPENINGS:
            raise _UnreadableError
    return still_open, cut


def _class_chars(members: list[Any]) -> set[str] | None:
    """The lowercase characters of a small class of literals and ranges, else None."""
    chars: set[str] = set()
    for op, av in members:
        if op is tree.LITERAL:
            chars.add(chr(av).lower())
        elif op is tree.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars if 0 < len(chars) <= MAX_CLASS else None


def find_openings(lowered: str, openings: tuple[str, ...], pos: int, endpos: int) -> list[int]:
    """Where in ``lowered[pos:endpos]`` any of ``openings`` begins, in order, once each."""
    found: set[int] = set()
    for opening in openings:
        at = lowered.find(opening, pos, endpos)
        while at != -1:
            found.add(at)
            at = lowered.find(opening, at + 1, endpos)
    return sorted(found)
