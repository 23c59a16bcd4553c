r"""One canonical form of a text before detection, with a map back to the original.

Lead files and speech recognizers write the same value in many encodings: an
SSN with an en dash or a thin space, a card pasted with zero-width joiners,
"①②③" from a word processor, full-width digits from an East Asian keyboard.
Every recognizer reads the canonical form instead, so none has to know them:

- NFKC (compatibility forms: full-width, superscript, circled, ligatures);
- zero-width characters, bidi controls, soft hyphens, every other format
  character and blank fillers are dropped;
- every dash and minus sign becomes ``-``; every space (no-break, thin,
  ideographic, line and paragraph separators) becomes `` ``, and a run of
  spaces becomes one;
- every character that is a digit becomes its ASCII digit, so ``\d`` and
  ``int()`` agree (``"²".isdigit()`` is True but ``int("²")`` raises).

Each canonical character remembers the original span it came from, so the
spans found are mapped back and the *original* text is what gets redacted.
"""

from __future__ import annotations

import unicodedata

import regex

from redaction.mapped_text import MappedText, identity

# Dropped: zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks and controls.
DROPPED = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Blank "letters" that render as nothing (Hangul fillers); every other format character (Cf:
# invisible operators, tag characters) is dropped by its category.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
# Every dash and minus to "-"; (NFKC keeps these as they are).
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u30fc")
# Tab and every Unicode space (Zs) to " "; newlines are segment borders and stay.
_SPACE = regex.compile(r"[\t\p{Zs}]")
# Everything already canonical: a cheap test that skips the per-character work.
_PLAIN = regex.compile(r"[\x0a\x0d\x20-\x7e]*")


def canonical_form(text: str) -> MappedText:
    """``text`` in the one form the recognizers read (see the module docstring)."""
    if _PLAIN.fullmatch(text) and "  " not in text:
        return identity(text)
    out: list[str] = []
    origins: list[tuple[int, int]] = []
    for start, end in _clusters(text):
        for char in _canonical_chars(text[start:end]):
            if char == " " and out and out[-1] == " ":
                continue  # a run of spaces is one space: "536  22  8174"
            out.append(char)
            origins.append((start, end))
    canonical = "".join(out)
    if canonical == text:
        return identity(text)
    return MappedText(text, canonical, tuple(origins))


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans of a base character with the combining marks after it (NFKC composes those)."""
    spans: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if spans and unicodedata.combining(char) and char not in DROPPED:
            spans[-1] = (spans[-1][0], index + 1)
        else:
            spans.append((index, index + 1))
    return spans


def _canonical_chars(cluster: str) -> str:
    """One cluster's canonical characters (maybe none, maybe several: "①⓪" -> "10")."""
    if cluster in DROPPED:
        return ""
    out = []
    for char in unicodedata.normalize("NFKC", cluster):
        if char in DROPPED or char in FILLERS or unicodedata.category(char) == "Cf":
            continue
        if unicodedata.category(char) in ("Zl", "Zp"):
            char = " "
        if char in DASHES:
            out.append("-")
        elif _SPACE.fullmatch(char):
            out.append(" ")
        elif char.isdigit() and not ("0" <= char <= "9"):
            out.append(str(unicodedata.digit(char, 0)))
        else:
            out.append(char)
    return "".join(out)
