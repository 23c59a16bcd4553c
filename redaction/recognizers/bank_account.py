"""US bank account numbers: 6 to 17 digits, only next to a bank cue.

Also home of ``NearestCuePatternRecognizer``: the cued base plus counter-cues
that point *away* ("order number", "call me at") on either side of the match,
shared by the other cue-only account and ID recognizers. Unlike the base's
``ANTI_CUE`` (a veto in the few characters before a match), the nearest phrase
decides. It lives here because this module is where the need arose; it
belongs in ``_cued`` once that module can take it.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from redaction.recognizers._cued import (
    REGEX_TIMEOUT_SECONDS,
    CuedPattern,
    CuedPatternRecognizer,
)

_FLAGS = regex.IGNORECASE | regex.UNICODE

# Suffixes that turn a noun into "the number of that noun" in typed and spoken text.
NUMBER_WORD = r"(?:\s*(?:number|numbers|no\.?|num|nbr|\#|id))?"


_SENTENCE_END = regex.compile(r"[.;!?](?:\s|$)|\n|\s--?\s|\|")


class NearestCuePatternRecognizer(CuedPatternRecognizer):
    """Cued recognizer where the nearest phrase decides: a cue, or a counter-cue.

    A window often holds both kinds ("order number 12345678 for my checking
    account"); the phrase nearest the number names it. Where a cue and a
    counter-cue overlap, the longer phrase is the one meant ("business license
    number", "license plate"). Equal distance goes to the cue (fail safe).
    """

    COUNTER_CUE: ClassVar[str]

    def __init__(self) -> None:
        super().__init__()
        self._counter_cue = regex.compile(self.COUNTER_CUE, _FLAGS)

    def has_cue(self, text: str, start: int, end: int) -> bool:
        """True when the nearest cue or counter-cue phrase around the match is a cue."""
        low = max(0, start - self.WINDOW_BEFORE)
        high = min(len(text), end + self.WINDOW_AFTER)
        # A cue after the number names it only in its own sentence ("0210... is my routing"),
        # never the next one ("37.09, -93.23. BCBS id W1..." is a place, then an ID).
        stop = _SENTENCE_END.search(text, end, high)
        high = stop.start() if stop is not None else high
        cues = _spans(self._cue, text, low, start) + _spans(self._cue, text, end, high)
        if not cues:
            return False
        counters = _spans(self._counter_cue, text, low, start) + _spans(
            self._counter_cue, text, end, high
        )
        cues, counters = _unshadowed(cues, counters), _unshadowed(counters, cues)
        if not cues:
            return False
        if not counters:
            return True
        return min(_distance(s, start, end) for s in cues) <= min(
            _distance(s, start, end) for s in counters
        )


def _spans(pattern: regex.Pattern[str], text: str, low: int, high: int) -> list[tuple[int, int]]:
    """Spans (in ``text`` coordinates) of ``pattern`` within ``text[low:high]``."""
    return [
        (low + m.start(), low + m.end())
        for m in pattern.finditer(text[low:high], timeout=REGEX_TIMEOUT_SECONDS)
    ]


def _unshadowed(
    spans: list[tuple[int, int]], others: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Drop spans that a longer overlapping span of the other kind contains the sense of."""
    return [
        (s, e)
        for s, e in spans
        if not any(os < e and s < oe and oe - os > e - s for os, oe in others)
    ]


def _distance(span: tuple[int, int], start: int, end: int) -> int:
    """Characters between a cue span and the match, on whichever side it stands."""
    return start - span[1] if span[1] <= start else span[0] - end


# Typed shapes that are something else: phone, local phone, zip+4, dates.
_NOT_AN_ACCOUNT = regex.compile(
    r"(?:1-)?\d{3}-\d{3}-\d{4}|\d{3}-\d{4}|\d{5}-\d{4}"
    r"|\d{1,2}-\d{1,2}-(?:\d{2}|\d{4})|\d{4}-\d{1,2}-\d{1,2}",
    _FLAGS,
)

# Words that make "account" a place ("the order number on my account is ...").
_PLACE_OF = r"(?<!\b(?:on|for|under)\s{1,3}(?:my|your|the|this|that|our|his|her|their)\s{1,3})"


class BankAccountRecognizer(NearestCuePatternRecognizer):
    """A 6-17 digit run (grouped or not) named by a bank cue nearest to it.

    Six to seventeen digits are also orders, phones, policies and amounts, so
    a cue is always required and other kinds of numbers nearer the digits
    win. "My account number with you guys" is ambiguous and counts (fail safe).
    A last-four ("checking ending in 4432") is deliberately not matched: four
    digits cannot be used to reach the account and statements print them.
    """

    ENTITY: ClassVar[str] = "US_BANK_NUMBER"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "bank_account",
            r"(?<![\w$.,/-])(?<!\d[ -])(?<!\d\)\s?)\d(?:[ -]?\d){5,16}(?![ -]?\d|[.,/]\d|\w)",
            0.4,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:"
        r"(?:bank|checking|savings|deposit|direct\s+deposit)\s+(?:account|acct)\.?"
        + NUMBER_WORD
        + r"|(?:account|acct)\.?\s*(?:number|no\.?|num|nbr|\#)"
        r"|acct|a/c(?:\s*(?:no\.?|\#))?"
        r"|checking(?!\s+(?:on|in|out|if|to|the|that|with|whether|back|for|it|your)\b)"
        r"|savings(?!\s+(?:estimate|plan|program|calculator|potential|goal|bond|of|on|for|with))"
        r"|" + _PLACE_OF + r"account"
        # what a bank account is for: "can you debit 0656...", "withdraw it from"
        r"|debit(?!\s+card)|withdraw(?:al)?\s+(?:it\s+)?from|draft(?:ed)?\s+from|ach"
        r")(?!\w)"
    )
    COUNTER_CUE: ClassVar[str] = (
        r"\b(?:"
        r"(?:order|confirmation|conf|policy|member(?:ship)?|reference|ref|tracking|invoice"
        r"|claim|case|ticket|serial|model|transaction|receipt|loyalty|rewards"
        r"|routing|aba|transit|rtn|zip|postal|phone|cell|mobile|fax|extension|ext"
        r"|social|ssn|license|passport|medicare|medicaid|card)"
        + NUMBER_WORD
        + r"|customer\s*(?:number|no\.?|num|\#|id)"
        r"|call(?:\s+me)?|text\s+me|reach\s+(?:me|you)|best\s+number"
        r"|dollars|bucks|balance|in\s+it|in\s+there"
        r"|dob|born|birthday|date\s+of\s+birth"
        r")(?!\w)"
    )
    CUE_SCORE: ClassVar[float] = 0.85

    def is_valid(self, matched: str) -> bool:
        """Reject typed phone, zip+4 and date shapes."""
        return _NOT_AN_ACCOUNT.fullmatch(matched, timeout=REGEX_TIMEOUT_SECONDS) is None
