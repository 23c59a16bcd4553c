"""The words a regex cannot match without: a text holding none of them is not searched.

A recognizer's pattern for "born on March 3rd" is a long alternation behind a
lookbehind; the ``regex`` module tries it at every position of a whole call. Most
such patterns hold a literal that every match needs ("birth", "born", "dob", a
month's first three letters). Read once from the pattern itself, those literals
tell with one lowercase substring test per text whether a search can find anything.

Sound by construction, and only where it can be: the literals come from the
standard library's parser (a pattern it cannot read has none, and is always
searched); only ASCII literals are used, and only on ASCII text, where a
case-insensitive match and a lowercase substring test agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The standard library's own regex parser (the regex module has no public one); it
# only reads the patterns here, it never matches.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Literals shorter than this screen out too little to pay for the test.
MIN_LITERAL = 3
_REPEATS = tuple(
    op
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if (op := getattr(sre, name, None)) is not None
)
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)
# Group names do not change which literals a match holds; the regex module allows a name
# twice, the standard parser does not, so names are dropped first. A reference to a group
# matches some text: read as ".*", which ends a literal run and requires nothing.
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_GROUP_REFERENCE = re.compile(r"\(\?P=\w+\)")
_FLAGS_READ = re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lowercase literals of which every match of ``pattern`` holds one, or None.

    ``flags``: the compiled pattern's flags (only VERBOSE changes what is read).
    """
    source = _GROUP_REFERENCE.sub("(?s:.*)", _NAMED_GROUP.sub("(?:", pattern))
    try:
        parsed = sre_parse.parse(source, flags & _FLAGS_READ)
    except Exception:  # syntax only the regex module reads: always searched
        return None
    literals = _required(parsed)
    if literals is None or min(map(len, literals)) < MIN_LITERAL:
        return None
    return tuple(sorted({literal.lower() for literal in literals}))


def leading_assertion(pattern: str, flags: int = 0) -> str | None:
    """The body of a lookahead or lookbehind every match of ``pattern`` starts with, or None.

    "(?<=born on )[0-9]+" can only match where "born on " is in the text, and a forward
    search for it is far cheaper than trying a lookbehind at every position.
    """
    if not pattern.startswith(("(?<=", "(?=")):
        return None
    source = _GROUP_REFERENCE.sub("(?s:.*)", _NAMED_GROUP.sub("(?:", pattern))
    try:
        parsed = sre_parse.parse(source, flags & _FLAGS_READ)
    except Exception:
        return None
    if not len(parsed) or parsed[0][0] is not sre.ASSERT:  # e.g. "(?<=a)b|c": not required
        return None
    opening = 4 if pattern.startswith("(?<=") else 3
    end = _closing_paren(pattern)
    if end is None:
        return None
    body = pattern[opening:end]
    try:  # the body as cut must be the assertion the parser read, or nothing is used
        cut = sre_parse.parse(source[opening : _closing_paren(source)], flags & _FLAGS_READ)
    except Exception:
        return None
    return body if repr(cut.data) == repr(parsed[0][1][1].data) else None


def _closing_paren(pattern: str) -> int | None:
    """Where the group opening ``pattern`` closes (escapes and character classes skipped)."""
    depth, escaped, in_class = 0, False, False
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at
    return None


def may_match(literals: Sequence[str] | None, text: str, lowered: str | None = None) -> bool:
    """False only when ``text`` holds none of ``literals`` (then no match is possible).

    ``lowered``: ``text.lower()``, when the caller has it already.
    """
    if literals is None or not text.isascii():
        return True
    haystack = text.lower() if lowered is None else lowered
    return any(literal in haystack for literal in literals)


def _required(items: Any) -> list[str] | None:
    """The best set of alternatives one of which every match of ``items`` holds."""
    best: list[str] | None = None
    run = ""

    def consider(found: list[str] | None) -> None:
        nonlocal best
        if not found or not all(found) or not all(x.isascii() for x in found):
            return
        if best is None or min(map(len, found)) > min(map(len, best)):
            best = found

    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        consider([run] if run else None)
        run = ""
        if op is sre.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is sre.ASSERT:  # a lookahead or lookbehind's text is in the text too
            consider(_required(av[1]))
        elif op is sre.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branches):
                consider([literal for branch in branches for literal in branch or ()])
        elif op in _REPEATS and av[0] >= 1:
            consider(_required(av[2]))
        elif _ATOMIC is not None and op is _ATOMIC:
            consider(_required(av))
        # Anything else (classes, anchors, negative assertions, optional parts) requires
        # no literal, and ends the literal run before it.
    consider([run] if run else None)
    return best
