"""The last four digits of a card, account or SSN, said or read back on a call.

Agents confirm a number by its tail ("okay, that's the one ending in eight one
seven one, correct?") and callers give it the same way ("the last four of my
social are 8171"). Four digits alone are not secret, but next to a name they
confirm an identity and answer security questions, so they are removed (fail
safe). Spoken digits arrive normalized ("ending in 8171").

A four-digit number that looks like a year still counts ("the card ending in
2019" is a real last four), unless what ends is a span of time ("the lease
ending in 2026", "the year ending in 2019"): then it is a date and kept.
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

# Spans of time that "end in" a year: "the lease ending in 2026", "the year ending in 2019".
_PERIOD = (
    r"(?:years?|months?|weeks?|days?|quarters?|periods?|terms?|seasons?|leases?|contracts?"
    r"|decades?|semesters?)"
)
# A phone's last four is the phone the dialer needs: "the phone ending in 0181" is kept.
_PHONE = r"(?:phone|cell|mobile|landline|line|number\s+on\s+file)"
# "last four" when it names digits, not the last four years, payments or calls.
_LAST_FOUR = (
    r"last\s*(?:four|4)(?!\s+(?:" + _PERIOD + r"|hours?|minutes?|times?|nights?|calls?"
    r"|payments?|people|of\s+us|of\s+them)\b)"
)

# Words that may stand between a before-cue and the digits: "last four of my social are".
_BRIDGE_BEFORE = regex.compile(
    r"(?:[\s,:;.\-]+|\b(?:um+|uh+|er|erm|ah|like|is|are|was|were|it['\u2019]?s|its|it"
    r"|that['\u2019]?s|thats|the|a|of|on|my|your|his|her|their|our|this|that|those|these"
    r"|number|numbers|no|digits?|social|security|ssn|ss|card|credit|debit|account|acct"
    r"|checking|savings|visa|mastercard|amex|discover|phone|file|should|be|would|i|think"
    r"|believe|okay|ok|yeah|yes|so|just|let|me|see)\b)*",
    _FLAGS,
)
# Words that may stand between the digits and an after-cue: "8171, those are the last four".
_BRIDGE_AFTER = regex.compile(
    r"(?:[\s,:;.\-]+|\b(?:is|are|was|were|those|these|that['\u2019]?s|thats|that"
    r"|it['\u2019]?s|its|it|the|being|as|for|my|um+|uh+)\b)*",
    _FLAGS,
)


_CUE_WORD = regex.compile(r"\b(?:last|end)", _FLAGS)


class LastFourRecognizer(CuedPatternRecognizer):
    """Exactly four digits right after "ending in" / "last four", or right before "last four".

    The cue must lead straight into the digits: only filler and the name of
    the number ("of my social security number is") may stand between, so
    "ending in june and it costs 1200" keeps the price.
    """

    ENTITY: ClassVar[str] = "LAST_FOUR_DIGITS"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "last_four",
            r"(?<![\w$.,/:\-])(?<!\d\s)\d{4}(?![\w%]|\s?\d|[.,/:\-]\d)",
            0.4,
            needs_cue=True,
        ),
        CuedPattern(
            # "last four, eight one seven one" normalizes to "last 48171", and a note writes
            # "ssn last 4 3805": the "4" is the cue's.
            "last_four_joined",
            r"(?<=\blast\s{0,3}4(?:\s{1,3}|[:#]\s{0,2})?)\d{4}(?![\w%]|\s?\d|[.,/:\-]\d)",
            0.4,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"(?<!\b" + _PERIOD + r"\s{1,3})(?<!\b" + _PHONE + r"\s{1,3})\b(?:end(?:ing|s|ed)?\s+"
        r"(?:in|with)|" + _LAST_FOUR + r")(?!\w)"
    )
    AFTER_CUE: ClassVar[str] = r"\b" + _LAST_FOUR + r"(?!\w)"
    CUE_SCORE: ClassVar[float] = 0.85
    # Wide enough for "last four of my social security number is"; the bridge keeps it tight.
    WINDOW_BEFORE: ClassVar[int] = 50
    WINDOW_AFTER: ClassVar[int] = 30

    def __init__(self) -> None:
        super().__init__()
        self._after_cue = regex.compile(self.AFTER_CUE, _FLAGS)

    def may_have_cue(self, text: str) -> bool:
        """A "last" or "end" anywhere: the cue "last 4" may run into the digits ("last 48171")."""
        return bool(_CUE_WORD.search(text, timeout=REGEX_TIMEOUT_SECONDS))

    def has_cue(self, text: str, start: int, end: int) -> bool:
        """True when a cue leads into the digits, or follows them, with only filler between.

        The before-window ends at the digits, so in "last 48171" (normalized "last
        four, eight one seven one") the "last 4" reads as a whole cue.
        """
        low = max(0, start - self.WINDOW_BEFORE)
        for cue in self._cue.finditer(text, low, start, timeout=REGEX_TIMEOUT_SECONDS):
            if _BRIDGE_BEFORE.fullmatch(text, cue.end(), start, timeout=REGEX_TIMEOUT_SECONDS):
                return True
        high = min(len(text), end + self.WINDOW_AFTER)
        after = self._after_cue.search(text, end, high, timeout=REGEX_TIMEOUT_SECONDS)
        return after is not None and bool(
            _BRIDGE_AFTER.fullmatch(text, end, after.start(), timeout=REGEX_TIMEOUT_SECONDS)
        )
