r"""Whether every match of a regex begins a word, so that a leading ``\b`` changes nothing.

The ``regex`` module tries a pattern at every position of the text. A pattern that
opens with a lookbehind such as ``(?<![\w'])`` pays for that lookbehind, and then
for every branch of its alternation, inside every word too. When every match has no
word character before it and one at its start, ``\b`` holds wherever a match
begins: a leading ``\b`` rules out only positions where nothing can match, and the
module checks it first and cheaply (2-3x faster on a call's text, measured).

Read from the pattern's own tree (``_pattern_reading``), and only where it is sure:
anything this does not know (a class with a negation, a repeat that may match
nothing first, syntax the standard parser cannot read) means no.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from redaction.recognizers import _pattern_reading as tree

_WORD_CHAR = regex.compile(r"\w")
_LARGEST_RANGE = 2048  # wider ranges are not checked character by character: no


def starts_words(pattern: str, flags: int = 0) -> bool:
    """True when every match of ``pattern`` has no word character before it and one at it."""
    parsed = tree.parse(pattern, flags)
    return parsed is not None and _starts_words(list(parsed))


def _starts_words(items: list[Any]) -> bool:
    if not items:
        return False
    op, av = items[0]
    rest = items[1:]
    if op is tree.BRANCH:
        return all(_starts_words(list(branch) + rest) for branch in av[1])
    if op is tree.SUBPATTERN:
        return _starts_words(list(av[-1]) + rest)
    if tree.ATOMIC_GROUP is not None and op is tree.ATOMIC_GROUP:
        return _starts_words(list(av) + rest)
    if _no_word_before(op, av):
        return _first_is_word(rest)
    return False


def _no_word_before(op: Any, av: Any) -> bool:
    r"""``\b``, or a negative lookbehind of one character whose class holds ``\w``.

    Either only promises a word starts here once the next character is a word one,
    which the caller checks.
    """
    if op is tree.AT:
        return av is tree.AT_BOUNDARY
    if op is not tree.ASSERT_NOT or av[0] != -1 or len(av[1]) != 1:
        return False
    body_op, body_av = av[1][0]
    return body_op is tree.IN and (tree.CATEGORY, tree.CATEGORY_WORD) in body_av


def _first_is_word(items: list[Any]) -> bool:
    """True when the first character any match of ``items`` consumes is a word character."""
    for at, (op, av) in enumerate(items):
        rest = items[at + 1 :]
        if op in (tree.ASSERT, tree.ASSERT_NOT, tree.AT):
            continue  # zero-width: it only rules matches out
        if op is tree.LITERAL:
            return _is_word(chr(av))
        if op is tree.IN:
            return _class_is_word(av)
        if op is tree.SUBPATTERN:
            return _first_is_word(list(av[-1]) + rest)
        if tree.ATOMIC_GROUP is not None and op is tree.ATOMIC_GROUP:
            return _first_is_word(list(av) + rest)
        if op is tree.BRANCH:
            return all(_first_is_word(list(branch) + rest) for branch in av[1])
        if op in tree.REPEATS:
            low, _high, body = av
            first = _first_is_word(list(body) + rest)
            return first if low >= 1 else first and _first_is_word(rest)
        return False
    return False  # nothing consumed: the match may be empty


def _class_is_word(members: list[Any]) -> bool:
    for op, av in members:
        if op is tree.LITERAL:
            if not _is_word(chr(av)):
                return False
        elif op is tree.RANGE:
            low, high = av
            if high - low > _LARGEST_RANGE or not all(
                _is_word(chr(c)) for c in range(low, high + 1)
            ):
                return False
        elif op is tree.CATEGORY:
            if av not in (tree.CATEGORY_WORD, tree.CATEGORY_DIGIT):
                return False
        else:  # a negation, or anything else: not sure
            return False
    return bool(members)


@cache
def _is_word(char: str) -> bool:
    r"""A word character as the regex module's ``\w`` and ``\b`` read it."""
    return _WORD_CHAR.fullmatch(char) is not None
