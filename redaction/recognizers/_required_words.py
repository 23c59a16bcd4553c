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

from collections.abc import Sequence
from typing import Any

from redaction.recognizers import _pattern_reading as tree

# Literals shorter than this screen out too little to pay for the test.
MIN_LITERAL = 3


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lowercase literals of which every match of ``pattern`` holds one, or None.

    ``flags``: the compiled pattern's flags (only VERBOSE changes what is read).
    """
    parsed = tree.parse(pattern, flags)
    if parsed is None:  # syntax only the regex module reads: always searched
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
    parsed = tree.parse(pattern, flags)
    if parsed is None or not len(parsed) or parsed[0][0] is not tree.ASSERT:
        return None  # unreadable, or e.g. "(?<=a)b|c", where "a" is not required
    opening = 4 if pattern.startswith("(?<=") else 3
    end = _closing_paren(pattern)
    if end is None:
        return None
    body = pattern[opening:end]
    cut = tree.parse(body, flags)  # the body as cut must be the assertion the parser read
    return body if cut is not None and repr(cut.data) == repr(parsed[0][1][1].data) else None


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
        if op is tree.LITERAL:
            run += chr(av)
            continue
        consider([run] if run else None)
        run = ""
        if op is tree.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is tree.ASSERT:  # a lookahead or lookbehind's text is in the text too
            consider(_required(av[1]))
        elif op is tree.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branches):
                consider([literal for branch in branches for literal in branch or ()])
        elif op in tree.REPEATS and av[0] >= 1:
            consider(_required(av[2]))
        elif tree.ATOMIC_GROUP is not None and op is tree.ATOMIC_GROUP:
            consider(_required(av))
        # Anything else (classes, anchors, negative assertions, optional parts) requires
        # no literal, and ends the literal run before it.
    consider([run] if run else None)
    return best
