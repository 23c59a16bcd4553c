"""Agent-note shorthand written out in full before detection, with a map back.

Agents type lead notes fast: "dtr lily is twelve", "pp# K 5598 1791", "rt
640012568 ac 38736832", "MMN: Nakamura", "SS 425067320". Each recognizer
knows the full words ("daughter", "passport", "routing", "account", "mother's
maiden name"), so the shorthand is expanded once, here, in the canonical form
every recognizer reads, instead of teaching each one every abbreviation. The
table is data; a spelling that is also an everyday word ("rt", "ac", "ss")
expands only where a number follows it, which is how it is used in notes.
"""

from __future__ import annotations

import regex

from redaction.mapped_text import MappedText, identity, rebuild
from redaction.recognizers._cued import all_matches

# (shorthand pattern, what it stands for). Patterns are case-insensitive and whole words.
SHORTHAND: tuple[tuple[str, str], ...] = (
    (r"dtr|dau|daught", "daughter"),
    (r"gdtr|gdau", "granddaughter"),
    (r"gson", "grandson"),
    (r"mmn|m\.m\.n\.?", "mother's maiden name"),
    (r"mothers?['\u2019]?\s+maiden(?!\s+name)", "mother's maiden name"),
    (r"pp\s?#|pp\s+no\.?|pp(?=\s?:)|ppt(?:\s?#)?|pport(?:\s?#)?", "passport #"),
    (r"ss(?:\s?#)?(?=[\s:]*\d{3}[-. ]?\d{2}[-. ]?\d{4}\b)|soc\s?#", "ssn"),
    (r"rt(?:\s?#)?(?=[\s:]*\d{9}\b)|rtg(?:\s?#)?|rout(?:\s?#)?", "routing number"),
    (
        r"ac(?:\s?#)?(?=[\s:]*\d{6,17}\b(?!\s*(?:btu|ton|amp|volt|watt|sq|ft|gal|cfm)))"
        r"|acc\s?#|acct\s?#",
        "account number",
    ),
    (r"dl\s?#|dln(?:\s?#)?|lic\s?#", "driver's license #"),
    (r"w/o", "without"),
    (r"w/(?=\S)", "with "),
    (r"w/", "with"),
    (r"ppd", "packs per day"),
    (r"hx\s+of|h/o", "history of"),
)

_PATTERN = regex.compile(
    "|".join(
        # Whole words: nothing before; after, no letter, unless the shorthand ends in "/" or "#".
        rf"(?P<s{i}>(?<![\w/#])(?:{pattern})(?:(?<=[/#])|(?!\w)))"
        for i, (pattern, _) in enumerate(SHORTHAND)
    ),
    regex.IGNORECASE,
)


def expand_shorthand(text: str) -> MappedText:
    """``text`` with agent shorthand written out; each expansion maps to its shorthand."""
    pieces = []
    for match in all_matches(_PATTERN, text):
        name = match.lastgroup
        if name is None:
            continue
        expansion = SHORTHAND[int(name[1:])][1]
        start, end = match.span()
        pieces.append((start, end, expansion, [(start, end)] * len(expansion)))
    return rebuild(text, pieces) if pieces else identity(text)
