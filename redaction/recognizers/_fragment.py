"""Note fragments: a term that is all of its fragment describes the record's subject.

Agents write lead notes as fragments: "vm left. jewish. filipino", "somali,
husband handles calls", "deaf - use relay service". A word that needs a cue
in a sentence ("i'm somali") is its own cue when it stands alone between
fragment marks: nobody writes "italian" alone in a note about a restaurant.
"""

from __future__ import annotations

import regex

from redaction.field_names import name_says_nothing
from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS

_FLAGS = regex.IGNORECASE | regex.UNICODE
# Where a fragment starts: the text's start, a line break, one of ; | . , / ! ? or " - ",
# or the ": " after a label (a field's value is scanned as "its name: value").
FRAGMENT_START = r"(?:\A|[\n;|.,/!?]|[ \t]-{1,2}|:(?=[ \t]))[ \t]*"
# Where it ends: the text's end, a line break, one of those marks, or " - ". Parentheses
# are no fragment: "Cyprus (Greek)" names a place.
FRAGMENT_END = r"[ \t]*(?:\Z|[\n;|.,/!?]|-{1,2}(?:[ \t]|\Z))"
# A capitalized word in a comma list of capitalized words is a name among names
# ("They had 6: Christian, Christopher, Kimberly"), not a note about the lead.
_NAME_BEFORE = regex.compile(r"[A-Z][a-z]+[ \t]*,[ \t]*\Z")
_NAME_AFTER = regex.compile(r"[ \t]*,[ \t]*[A-Z][a-z]+[ \t]*(?:,|and\b|\Z)")


# What ``str.strip`` strips (``\s`` of the regex module leaves out \x1c-\x1f).
_STRIPPED = r"\s\x1c-\x1f"
# The first non-blank character after a position, and the last one before it.
_NON_BLANK = regex.compile(rf"[^{_STRIPPED}]")
_NON_BLANK_BEFORE = regex.compile(rf"[^{_STRIPPED}]", regex.REVERSE)
# A field's name as the engine puts it before the value it scans ("bene last: French").
_LABEL = regex.compile(r"[\w ]{1,40}:[ \t]")


class Fragments:
    """Tells whether a span is a whole note fragment, a few filler words allowed before it."""

    def __init__(self, fillers: str) -> None:
        """``fillers``: a regex alternation of words that may precede the term ("very")."""
        self._start = regex.compile(
            FRAGMENT_START + r"(?:(?:" + fillers + r")[ \t]+){0,3}\Z", _FLAGS
        )
        self._end = regex.compile(FRAGMENT_END, _FLAGS)

    def whole(self, text: str, start: int, end: int, low: int = 0) -> bool:
        """True when ``text[start:end]`` (after fillers) is all of its fragment, in a note.

        A text (or a field's value after a name that says something) that is the term
        and nothing else is no note ("cold" alone is a lead's temperature, "French" under
        "bene last" a surname): it never counts. Under ``custom_9`` it is the note.
        """
        label = _LABEL.match(text)
        said = label is not None and not name_says_nothing(label.group().rstrip(": \t"))
        if _alone(text, label.end() if said and label else 0, start, end):
            return False
        low = max(low, start - 80)
        if text[start : start + 1].isupper() and (
            _NAME_BEFORE.search(text, max(0, start - 40), start) or _NAME_AFTER.match(text, end)
        ):
            return False
        return bool(
            self._start.search(text, low, start, timeout=REGEX_TIMEOUT_SECONDS)
            and self._end.match(text, end, timeout=REGEX_TIMEOUT_SECONDS)
        )


def _alone(text: str, base: int, start: int, end: int) -> bool:
    """``len(text[base:].strip()) <= end - start``: the text after ``base`` is the term.

    Runs for every candidate term, so it never copies the text (a copy each time
    was quadratic in a long note): a term with no blank at either edge is alone
    when nothing but blanks stands beside it, and the searches stop at the first
    character beside it that is not blank.
    """
    if base <= start < end <= len(text) and not (text[start].isspace() or text[end - 1].isspace()):
        return not (_NON_BLANK_BEFORE.search(text, base, start) or _NON_BLANK.search(text, end))
    return len(text[base:].strip()) <= end - start
