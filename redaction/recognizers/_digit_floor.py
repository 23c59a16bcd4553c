"""The fewest digits any match of a regex holds, read from the pattern itself.

A text with fewer digits than every pattern of a recognizer needs cannot give that
recognizer a match, so the scanner does not run it there: a ZIP code is never
searched for an SSN's nine digits. The bound is computed once, at start-up, from
the patterns the recognizer really uses; nothing is declared by hand that could
drift from them. It is a lower bound: any construct it cannot read counts as no
digit (lookarounds, back-references, classes that admit more than digits), and a
pattern it cannot parse gets 0, which rules out nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from redaction.recognizers import _pattern_reading as tree


def fewest_digits(pattern: str, verbose: bool = False) -> int:
    """The fewest digits a match of ``pattern`` contains (0 when it cannot tell).

    ``verbose``: the pattern is compiled with VERBOSE (blanks and comments ignored).
    """
    parsed = tree.parse(pattern, re.VERBOSE if verbose else 0)
    return 0 if parsed is None else _fewest(parsed)


def fewest_digits_of_all(patterns: Iterable[tuple[str, bool]]) -> int:
    """The fewest digits a match of any of ``patterns`` (pattern, verbose) contains."""
    return min((fewest_digits(p, verbose) for p, verbose in patterns), default=0)


def _fewest(items: Any) -> int:
    total = 0
    for op, av in items:
        if op is tree.LITERAL:
            total += chr(av) in _DIGITS
        elif op is tree.IN:
            total += _digits_only(av)
        elif op in tree.REPEATS:
            low, _high, body = av
            total += low * _fewest(body)
        elif op is tree.SUBPATTERN:
            total += _fewest(av[-1])
        elif op is tree.BRANCH:
            total += min(_fewest(branch) for branch in av[1])
        elif tree.ATOMIC_GROUP is not None and op is tree.ATOMIC_GROUP:
            total += _fewest(av)
        # Anything else (assertions, anchors, back-references, any character) adds nothing.
    return total


_DIGITS = frozenset("0123456789")


def _digits_only(members: Any) -> bool:
    """True when a character class admits digits and nothing else ([0-9], a digit class)."""
    for op, av in members:
        if op is tree.LITERAL and chr(av) in _DIGITS:
            continue
        if op is tree.RANGE and all(chr(c) in _DIGITS for c in range(av[0], av[1] + 1)):
            continue
        if op is tree.CATEGORY and av is tree.CATEGORY_DIGIT:
            continue
        return False  # a letter, a negation, another category: not digits only
    return True
