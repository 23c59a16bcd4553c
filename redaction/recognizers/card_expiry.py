"""Card expiry dates (MM/YY, MM/YYYY, month name and year), only next to a cue."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers._cued import CuedPattern, CuedPatternRecognizer

_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)


class CardExpiryRecognizer(CuedPatternRecognizer):
    """Expiry dates near "exp", "expires", "valid thru", ...

    A bare MM/YY is also a date of anything, so every pattern needs the cue.
    """

    ENTITY: ClassVar[str] = "CARD_EXPIRY"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "expiry_numeric",
            r"(?<![\d/])(?:0?[1-9]|1[0-2])\s?[/-]\s?(?:20)?\d{2}(?![\d/])",
            0.0,
            needs_cue=True,
        ),
        CuedPattern(
            "expiry_digits",  # spoken "oh four twenty seven" arrives normalized as 0427
            r"(?<![\d/])(?:0[1-9]|1[0-2]|[1-9])(?:20)?\d{2}(?![\d/])",
            0.0,
            needs_cue=True,
        ),
        CuedPattern(
            "expiry_month_name",
            r"\b" + _MONTH_NAMES + r"\.?,?\s+(?:of\s+)?(?:20\d{2}|'?\d{2})\b",
            0.0,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:exp|exp\.|expir(?:y|es|ation|ation\s+date|ing)|valid\s+(?:thru|through|until)"
        r"|good\s+(?:thru|through|until)|expiry\s+date)\b"
    )
    CUE_SCORE: ClassVar[float] = 0.85
    WINDOW_AFTER: ClassVar[int] = 20
    WINDOW_BEFORE: ClassVar[int] = 30
