"""A recognizer's regex read as a tree, for screens that decide whether to search at all.

The ``regex`` module has no public parser; the standard library's reads the syntax
our patterns use once group names are taken out (the ``regex`` module allows a name
twice, the standard parser does not). A reference to a group matches some text, so it
is read as ``(?s:.*)``: it requires nothing and holds no certain digit or literal.
Every screen built on this tree must only ever rule a search *out* when it is sure.
"""

from __future__ import annotations

import re

# Only read here, never used to match.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

REPEATS = tuple(
    op
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if (op := getattr(sre, name, None)) is not None
)
ATOMIC_GROUP = getattr(sre, "ATOMIC_GROUP", None)
LITERAL, IN, RANGE, CATEGORY, CATEGORY_DIGIT = (
    sre.LITERAL,
    sre.IN,
    sre.RANGE,
    sre.CATEGORY,
    sre.CATEGORY_DIGIT,
)
SUBPATTERN, BRANCH, ASSERT = sre.SUBPATTERN, sre.BRANCH, sre.ASSERT
ASSERT_NOT, AT, AT_BOUNDARY, CATEGORY_WORD = (
    sre.ASSERT_NOT,
    sre.AT,
    sre.AT_BOUNDARY,
    sre.CATEGORY_WORD,
)

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_GROUP_REFERENCE = re.compile(r"\(\?P=\w+\)")
_FLAGS_READ = re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL


def readable(pattern: str) -> str:
    """``pattern`` without group names, its references read as ``(?s:.*)``."""
    return _GROUP_REFERENCE.sub("(?s:.*)", _NAMED_GROUP.sub("(?:", pattern))


def parse(pattern: str, flags: int = 0) -> Any | None:
    """The parsed tree of ``pattern`` (its compiled ``flags``), or None if unreadable."""
    try:
        return sre_parse.parse(readable(pattern), flags & _FLAGS_READ)
    except Exception:  # syntax only the regex module reads: no screen for it
        return None
