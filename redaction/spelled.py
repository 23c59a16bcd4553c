"""Spelled alphanumerics -> one token, with a map back to the original words.

On the phone, IDs with letters are spelled: "eight K A four V J nine", "q as
in queen", "b for boy", "x-ray", "W two two zero dash four four one". The
recognizers of MBIs, driver's licenses, passports and IBANs look for one
token ("8KA4VJ9"), so each *spelled run* is rewritten as that token;
every character remembers the word (or typed group) it came from.

A spelled run is a sequence of units separated by spaces, commas, dashes or
fillers: a letter said alone, a spelling-alphabet word ("x-ray", "bravo"),
"<letter> as in / for / like <word>", a digit word, or a typed digit group.
It counts only with at least ``MIN_CHARS`` characters, two units, and one
letter that is not also an English word ("a", "I"); otherwise it is ordinary
text and left as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from redaction.mapped_text import MappedText, Origin, identity, rebuild
from redaction.normalize import DATE_WORDS, DIGIT_WORDS, TEENS, TENS, crosses
from redaction.recognizers._cued import all_matches, first_match

MIN_CHARS = 5

SPELLING_ALPHABET = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
    "foxtrot": "F", "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J",
    "kilo": "K", "lima": "L", "mike": "M", "november": "N", "oscar": "O", "papa": "P",
    "quebec": "Q", "romeo": "R", "sierra": "S", "tango": "T", "uniform": "U", "victor": "V",
    "whiskey": "W", "whisky": "W", "x-ray": "X", "xray": "X", "yankee": "Y", "zulu": "Z",
}  # fmt: skip
UNITS = tuple(word for word, digit in DIGIT_WORDS.items() if digit != "0")
# Between units: said or typed separators, hesitations, and the other party's back-channels
# (an ID is read a group at a time: "9 N R 7" / "mm hmm" / "D V 4").
SEPARATOR_WORDS = frozenset(
    {
        "um", "uh", "er", "dash", "hyphen", "space", "then", "and", "okay", "ok", "mm", "hmm",
        "mhm", "huh", "yeah", "yep", "yes", "got", "it", "go", "ahead", "right", "sure", "alright",
    }
)  # fmt: skip
# Single letters that are also words: units only when the run has another letter.
WORD_LETTERS = frozenset({"a", "i"})

# "q as in queen", "b for boy", "m like mary"; then NATO words, letters, digits.
_UNIT = regex.compile(
    r"(?P<asin>(?<![\w'])[a-z](?:\s+as\s+in|\s+for|\s+like)\s+[a-z]+(?:-[a-z]+)?(?!['\w]))"
    r"|(?P<nato>(?<![\w'])(?:"
    + "|".join(sorted(SPELLING_ALPHABET, key=len, reverse=True))
    + r")(?![\w'-]))"
    r"|(?P<pair>(?<![\w'])(?:"
    + "|".join(TENS)
    + r")(?:[\s-]+(?:"
    + "|".join(UNITS)
    + r"))?(?![\w'])|(?<![\w'])(?:"
    + "|".join(TEENS)
    + r")(?![\w']))"
    r"|(?P<double>(?<![\w'])(?:double|triple)\s+(?:" + "|".join(DIGIT_WORDS) + r"|\d)(?![\w']))"
    r"|(?P<word>(?<![\w'])(?:" + "|".join(DIGIT_WORDS) + r")(?![\w']))"
    r"|(?P<letter>(?<![\w'\u2019])[a-z](?![\w'\u2019]))"
    r"|(?P<digits>(?<![\w.,$])\d+(?!\w|[.,]\d))",
    regex.IGNORECASE,
)
_BETWEEN = regex.compile(
    r"(?:[\s,.\-/]|\b(?:" + "|".join(SEPARATOR_WORDS) + r")\b)*", regex.IGNORECASE
)
# Cheap pre-screen: a letter said alone other than "a" and "I", "<letter> as in", or a
# spelling-alphabet word; without one, no run can count.
_MAY_SPELL = regex.compile(
    r"(?<![\w'\u2019])[b-hj-z](?![\w'\u2019])|\b[a-z]\s+(?:as\s+in|for|like)\s|\b(?:"
    + "|".join(sorted(SPELLING_ALPHABET, key=len, reverse=True))
    + r")\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class _Unit:
    kind: str
    chars: str
    start: int
    end: int
    said: str  # the word as said, lowercase

    @property
    def origins(self) -> list[Origin]:
        if self.kind == "digits":
            return [(self.start + i, self.start + i + 1) for i in range(len(self.chars))]
        return [(self.start, self.end)] * len(self.chars)


def spell_out(text: str, breaks: Sequence[int] = ()) -> MappedText:
    """Rewrite every spelled run of ``text`` as one token of capitals and digits.

    ``breaks`` are offsets no run may cross (where the other party starts to speak
    more than a back-channel).
    """
    if first_match(_MAY_SPELL, text) is None:
        return identity(text)
    pieces = []
    for run in _spelled_runs(text, sorted(breaks)):
        chars = "".join(u.chars for u in run)
        origins = [o for u in run for o in u.origins]
        pieces.append((run[0].start, run[-1].end, chars, origins))
    return rebuild(text, pieces)


def _spelled_runs(text: str, breaks: Sequence[int]) -> list[list[_Unit]]:
    """Units grouped into runs (separators and back-channels between); only spelled runs."""
    runs: list[list[_Unit]] = []
    current: list[_Unit] = []
    for match in all_matches(_UNIT, text):
        unit = _unit(match)
        if current and (
            not _BETWEEN.fullmatch(text, current[-1].end, unit.start)
            or crosses(breaks, current[-1].end, unit.start)
        ):
            runs.append(current)
            current = []
        current.append(unit)
    runs.append(current)
    return [run for run in runs if _is_spelled(run)]


def _unit(match: regex.Match[str]) -> _Unit:
    kind = match.lastgroup or ""
    said = match.group()
    return _Unit(kind, _chars_said(kind, said), match.start(), match.end(), said.lower())


def _chars_said(kind: str, said: str) -> str:
    """The characters one unit spells ("q as in queen" -> "Q", "eighty five" -> "85")."""
    words = said.lower().replace("-", " ").split()
    if kind == "asin":
        return said[:1].upper()
    if kind == "nato":
        return SPELLING_ALPHABET.get(said.lower(), "")
    if kind == "letter":
        return said.upper()
    if kind == "digits":
        return said
    if kind == "pair":
        return _pair(words)
    if kind == "double":
        return _repeat(words)
    return DIGIT_WORDS.get(said.lower(), "")


def _pair(words: list[str]) -> str:
    """Tens and teens said as one unit: "eighty five" -> "85", "forty" -> "40"."""
    if words[0] in TEENS:
        return TEENS[words[0]]
    return TENS[words[0]] + (DIGIT_WORDS[words[1]] if len(words) > 1 else "0")


def _repeat(words: list[str]) -> str:
    """A repeated digit: "double five" -> "55", "triple 0" -> "000"."""
    digit = words[-1] if words[-1].isdigit() else DIGIT_WORDS[words[-1]]
    return digit * (2 if words[0] == "double" else 3)


def _is_spelled(run: list[_Unit]) -> bool:
    """Long enough, two units or more, and one letter that is not an English word."""
    if len(run) < 2 or sum(len(u.chars) for u in run) < MIN_CHARS:
        return False
    letters = [u for u in run if u.kind in ("asin", "nato", "letter")]
    real = [u for u in letters if u.kind != "letter" or u.chars.lower() not in WORD_LETTERS]
    if not real:
        return False
    # Spelling-alphabet words alone ("Mike Romeo") are names unless they spell with more,
    # and a month ("november") with numbers alone is a date ("november seventeen ...").
    if len(letters) == 1 and letters[0].kind == "nato" and letters[0].said in DATE_WORDS:
        return False
    return not all(u.kind == "nato" for u in letters) or len(letters) >= 3 or len(run) > 3
