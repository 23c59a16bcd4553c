"""Spoken, split and grouped numbers -> digit strings, with a map back to the original text.

Speech recognizers write what callers say: "five three six, twenty two, oh
four seven four", "double five", "4111 one one one one", "um", "sorry",
segment breaks and back-channels ("uh huh") in the middle. The recognizers
look for digits, so each such *run* of number words and digit groups is
rewritten as one contiguous digit string; every digit remembers the span of
the word (or digit group) it came from, so a match in the normalized text
maps back onto exactly the words that said it.

A run is a sequence of number tokens where consecutive ones are separated
by at most ``MAX_GAP`` filler tokens (fillers, back-channel words,
punctuation); newlines (segment boundaries) are whitespace. Runs that yield
fewer than ``MIN_DIGITS`` digits, and runs that are a single typed digit
group, are left as written.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

import regex

from redaction.mapped_text import MappedText, identity, rebuild

MIN_DIGITS = 3
MAX_GAP = 5  # filler words between two number words; punctuation does not count

# A word mixing letters and digits ("4th", "K4412", "8KA4VJ9") is one token and no number.
_TOKEN = regex.compile(
    r"(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+"
    r"|\d+(?:[-./]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|[^\s\w]"
)

DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fourty": "4", "fifty": "5", "sixty": "6",
    "seventy": "7", "eighty": "8", "ninety": "9",
}  # fmt: skip
REPEATS = {"double": 2, "triple": 3}
SCALES = {"hundred": 2, "thousand": 3}
# Words said between the digits of one number, and short back-channels from the other side.
FILLERS = frozenset(
    {
        "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "mm", "mhm", "huh",
        "sorry", "okay", "ok", "yeah", "yes", "yep", "right", "so", "then", "wait", "actually",
        "like", "dash", "hyphen", "space", "slash", "let", "me", "see", "check", "hold", "on",
        "go", "ahead", "got", "it", "sure", "alright", "correct", "again", "think", "i",
        "hang", "sec", "second", "minute", "just", "moment", "is", "that's", "its",
        "it's", "well", "oops", "no",
        "uh-huh", "mm-hmm",
        # continuations: "the rest is", "and then", "after that", "next"
        "the", "rest", "after", "that", "next", "remaining", "following",
    }
)  # fmt: skip
# Words after which a caller is still mid-number ("five five five, um,"); unlike
# "that's it" or "right", they promise more to come.
HESITATIONS = frozenset(
    {
        "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "so", "and", "then",
        "let", "me", "see", "hang", "hold", "on", "wait", "sorry", "dash", "hyphen", "is",
        "the", "rest", "next", "after",
    }
)  # fmt: skip
# A date said in parts: a month or an ordinal day at the end of a turn is not done yet.
DATE_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
    thirtieth of
    """.split()
)
# Words after a number that close it ("five five five, that's it", "... right").
FINISHED = frozenset({"it", "right", "correct", "done", "all"})
_SEPARATOR_PUNCTUATION = frozenset(",.-/…;")  # not ":": "6:30" is a time
# Words that start the next group of a number ("... and then one"): no pair joins across them.
_CONTINUATIONS = frozenset({"then", "next", "rest", "after", "following", "remaining"})
# Cheap screen for back-channels: nothing but filler words, spaces and separators.
_MAY_BE_BACKCHANNEL = regex.compile(
    r"(?:[\s,.\-/\u2026;]++|\b(?>"
    + "|".join(
        regex.escape(w)
        for w in sorted(
            {*FILLERS, "and", *(f.replace("'", "\u2019") for f in FILLERS)}, key=len, reverse=True
        )
    )
    + r")\b|['\u2019])*+",
    regex.IGNORECASE,
)
# Cheap pre-screen: no digit and no number word means nothing to rewrite.
_MAY_HOLD_NUMBERS = regex.compile(
    r"\d|\b(?:" + "|".join([*DIGIT_WORDS, *TEENS, *TENS]) + r")\b", regex.IGNORECASE
)


class _Token(NamedTuple):
    """A word or mark of the text; a call has thousands, so a tuple read once."""

    text: str
    start: int
    end: int
    lower: str  # lowercase, curly apostrophe made straight
    is_digits: bool  # starts with a digit and holds no letter


def _token(match: regex.Match[str]) -> _Token:
    text = match.group()
    is_digits = text[0].isdigit() and not any(map(str.isalpha, text))
    return _Token(text, match.start(), match.end(), text.lower().replace("\u2019", "'"), is_digits)


def _is_number_token(token: _Token) -> bool:
    word = token.lower
    return (
        token.is_digits or word in DIGIT_WORDS or word in TEENS or word in TENS or word in REPEATS
    )


def _is_gap_token(token: _Token) -> bool:
    return token.lower in FILLERS or token.text in _SEPARATOR_PUNCTUATION or token.lower == "and"


def normalize_numbers(
    text: str, breaks: Sequence[int] | None = None, borders: Sequence[int] = ()
) -> MappedText:
    """Rewrite every spoken or split number run of ``text`` as contiguous digits.

    ``breaks`` are offsets no run may cross (where the other party starts to
    speak): a number is one speaker's, or continues across the other's
    back-channels only. ``borders`` are where one segment of a call ends and
    the next begins: typed groups on either side of one are one number said
    in parts.
    """
    breaks = breaks or ()
    if not _MAY_HOLD_NUMBERS.search(text):
        return identity(text)
    tokens = [_token(m) for m in _TOKEN.finditer(text)]
    pieces = []
    borders = sorted(borders)  # once: sorting them again for every run was quadratic
    for run in _runs(tokens, sorted(breaks)):
        digits = _digits(run, text)
        if len(digits) < MIN_DIGITS or _written_as_typed(text, run, borders):
            continue
        pieces.append(
            (run[0].start, run[-1].end, "".join(c for c, _ in digits), [o for _, o in digits])
        )
    return rebuild(text, pieces)


# An amount written with thousands and decimal separators, US or European.
_AMOUNT = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")


def _written_as_typed(text: str, run: list[_Token], borders: Sequence[int] = ()) -> bool:
    """Digit groups set apart by spaces only ("602 555 0178") are read as written.

    The recognizers know typed groupings; joining them would turn a phone
    number into a nine-or-ten digit account number. One-digit groups
    ("5 3 6 2 ...") are how recognizers spell digits, and are joined.
    """
    if not all(t.is_digits for t in run) or all(len(t.text) == 1 for t in run):
        return False
    if _AMOUNT.fullmatch(text, run[0].start, run[-1].end):
        return True  # "3.519,40", "1,250.00": an amount with its separators, as written
    # A segment border is never a typed separator: groups across it are one number said
    # in parts. A line break inside a typed text keeps them apart like a space.
    return all(
        not text[a.end : b.start].strip() and not crosses(borders, a.end, b.start)
        for a, b in pairwise(run)
    )


def _runs(tokens: list[_Token], breaks: Sequence[int] = ()) -> list[list[_Token]]:
    """Number tokens grouped into runs; gap tokens between them are dropped."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    gap = 0
    saw_and = False  # an "and" since the last number token
    last_after_and = False  # the last number token came after an "and"
    for token in tokens:
        if _is_number_token(token) or (current and token.lower in SCALES):
            if current and (gap > MAX_GAP or crosses(breaks, current[-1].end, token.start)):
                runs.append(current)
                current = []
            current.append(token)
            gap = 0
            last_after_and, saw_and = saw_and, False
        elif current and _is_gap_token(token):
            gap += token.text not in _SEPARATOR_PUNCTUATION
            saw_and = saw_and or token.lower == "and"
        elif current:
            runs.extend(_without_count(current, token, last_after_and))
            current, gap, saw_and = [], 0, False
    if current:
        runs.append(current)
    return [_trim_leading_oh(run) for run in runs]


def _without_count(run: list[_Token], after: _Token, joined_by_and: bool) -> list[list[_Token]]:
    """A last number joined by "and" and followed by a noun is a count: "… and two dependents"."""
    if joined_by_and and len(run) > 1 and after.text[0].isalpha() and after.lower not in SCALES:
        return [run[:-1], run[-1:]]
    return [run]


def crosses(breaks: Sequence[int], start: int, end: int) -> bool:
    """True when a break offset lies in ``[start, end]`` (a turn may start with the token)."""
    at = bisect_left(breaks, start)
    return at < len(breaks) and breaks[at] <= end


def _trim_leading_oh(run: list[_Token]) -> list[_Token]:
    """Drop a lone leading oh/o: in "oh, five five five" it is an interjection, not a zero."""
    if len(run) > 1 and run[0].lower in ("oh", "o") and run[1].lower in ("oh", "o"):
        return run
    if len(run) > 1 and run[0].lower in ("oh", "o") and run[1].start - run[0].end > 1:
        return run[1:]
    return run


def _digits(run: list[_Token], text: str = "") -> list[tuple[str, tuple[int, int]]]:
    """The digits a run says, each with the original span of the word that said it."""
    out: list[tuple[str, tuple[int, int]]] = []
    i = 0
    while i < len(run):
        token, word = run[i], run[i].lower
        span = (token.start, token.end)
        nxt = run[i + 1].lower if i + 1 < len(run) else ""
        if token.is_digits:
            out.extend((ch, span) for ch in token.text if ch.isdigit())
        elif word in REPEATS and i + 1 < len(run) and (nxt in DIGIT_WORDS or run[i + 1].is_digits):
            said = _digits(run[i + 1 : i + 2], text)
            whole = (token.start, run[i + 1].end)
            out.extend((ch, whole) for _ in range(REPEATS[word]) for ch, _span in said)
            i += 1
        elif word in REPEATS:
            pass
        elif _scale_follows(run, i):
            consumed, digits = _scaled(run, i, text)
            out.extend(digits)
            i += consumed - 1
        elif (
            word in TENS
            and nxt in DIGIT_WORDS
            and DIGIT_WORDS[nxt] != "0"
            and not _paused(text, token, run[i + 1])
        ):
            out.append((TENS[word], span))
            out.append((DIGIT_WORDS[nxt], (run[i + 1].start, run[i + 1].end)))
            i += 1
        elif word in TENS:
            out.extend(((TENS[word], span), ("0", span)))
        elif word in TEENS:
            out.extend((ch, span) for ch in TEENS[word])
        elif word in DIGIT_WORDS:
            out.append((DIGIT_WORDS[word], span))
        i += 1
    return out


def _scale_follows(run: list[_Token], i: int) -> bool:
    """True when the number word at ``run[i]`` heads a cardinal.

    As in "five hundred", "twenty five hundred", "two thousand".
    """
    if not _starts_number(run[i]):
        return False
    nxt = run[i + 1].lower if i + 1 < len(run) else ""
    if nxt in SCALES:
        return True
    after = run[i + 2].lower if i + 2 < len(run) else ""
    return run[i].lower in TENS and nxt in DIGIT_WORDS and after in SCALES


def _paused(text: str, before: _Token, after: _Token) -> bool:
    """True when punctuation (a pause: "nine hundred, fifty four") stands between two words.

    A hyphen joining two words ("twenty-two") is spelling, not a pause.
    """
    between = text[before.end : after.start]
    if between == "-":
        return False
    if "\n" in between or any(ch in _SEPARATOR_PUNCTUATION for ch in between):
        return True  # a comma, or the end of a segment: "forty twenty" / "one double zero"
    # "forty twenty, and then one ...": a continuation starts the next group
    return not _CONTINUATIONS.isdisjoint(between.lower().split())


def _scaled(
    run: list[_Token], i: int, text: str = ""
) -> tuple[int, list[tuple[str, tuple[int, int]]]]:
    """Read a cardinal with scale words.

    "five hundred twenty three" -> "523", "twenty five hundred" -> "2500",
    "one thousand five hundred" -> "1500".
    """
    value, j = _below_thousand(run, i, text)
    if j < len(run) and run[j].lower == "thousand":
        value *= 1000
        j += 1
        if j < len(run) and _starts_number(run[j]) and not _paused(text, run[j - 1], run[j]):
            rest, j = _below_thousand(run, j, text)
            value += rest
    span = (run[i].start, run[j - 1].end)
    return j - i, [(ch, span) for ch in str(value)]


def _starts_number(token: _Token) -> bool:
    word = token.lower
    return (word in DIGIT_WORDS and word not in ("oh", "o")) or word in TEENS or word in TENS


def _below_thousand(run: list[_Token], i: int, text: str) -> tuple[int, int]:
    """A number under a thousand at ``run[i]`` (with "hundred"), and where it ends."""
    value, j = _below_hundred(run, i, text)
    if j < len(run) and run[j].lower == "hundred":
        value *= 100
        j += 1
        if (
            j < len(run)
            and _starts_number(run[j])
            and run[j].lower != "thousand"
            and not _paused(text, run[j - 1], run[j])
        ):
            rest, j = _below_hundred(run, j, text)
            value += rest
    return value, j


def _below_hundred(run: list[_Token], i: int, text: str) -> tuple[int, int]:
    """A number under a hundred at ``run[i]`` ("seventy three"), and where it ends."""
    word = run[i].lower
    if word in TEENS:
        return int(TEENS[word]), i + 1
    if word in TENS:
        value = int(TENS[word]) * 10
        nxt = run[i + 1].lower if i + 1 < len(run) else ""
        if nxt in DIGIT_WORDS and DIGIT_WORDS[nxt] != "0" and not _paused(text, run[i], run[i + 1]):
            return value + int(DIGIT_WORDS[nxt]), i + 2
        return value, i + 1
    return int(DIGIT_WORDS.get(word, "0")), i + 1


def tail_may_continue(text: str) -> bool:
    """True when ``text`` ends in a number that the next segment might go on with.

    The last number token may be followed only by words a number runs through
    (hesitations, fillers, back-channels: "my social is five five five",
    "4111, um,", "five okay"): the caller may not be done.
    """
    gap = 0
    for match in reversed(list(_TOKEN.finditer(text))):
        token = _token(match)
        if _is_number_token(token) or token.lower in DATE_WORDS:
            return True  # a number, or a date begun ("march", "the third of")
        if token.lower in FINISHED or (token.lower not in HESITATIONS and not _is_gap_token(token)):
            return False
        gap += token.text not in _SEPARATOR_PUNCTUATION
        if gap > MAX_GAP:
            return False
    return False


def may_hold_numbers(text: str) -> bool:
    """Cheap test: ``text`` has a digit or a number word (else no number is in it)."""
    return bool(_MAY_HOLD_NUMBERS.search(text))


def says_nothing(text: str) -> bool:
    """An empty segment or a back-channel ("mm hmm"): the speaker did not take the turn."""
    return not text.strip() or is_backchannel(text)


def is_backchannel(text: str) -> bool:
    """True for a segment of fillers only ("uh huh", "okay go ahead", "mm-hmm")."""
    if _MAY_BE_BACKCHANNEL.fullmatch(text) is None:  # cheap screen: every word a filler word
        return False  # (it fails at the first other word: cheaper than the tests below)
    if not text.strip() or any(map(str.isdigit, text)):
        return False
    tokens = [_token(m) for m in _TOKEN.finditer(text)]
    return bool(tokens) and all(_is_gap_token(t) for t in tokens)
