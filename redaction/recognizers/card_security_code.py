"""Card security codes (CVV/CVC/CID): three or four digits, only next to a cue."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers._cued import CuedPattern, CuedPatternRecognizer


class CardSecurityCodeRecognizer(CuedPatternRecognizer):
    """Three or four digits said or written next to "CVV", "security code", ...

    Three-digit numbers are everywhere (prices, extensions, street numbers), so
    the cue is required and the window is short.
    """

    ENTITY: ClassVar[str] = "CARD_SECURITY_CODE"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "security_code",
            r"(?<![\d/.,$-])(?<!\d )\d{3,4}(?![\d/.,%-]\d|\d| \d)"
            r"(?!\s*(?:dollars|bucks|cents|percent|a\s+month|per\b))",
            0.0,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:cvv2?|cvc2?|cid|csc|cvn|security\s+code|sec\s+code"
        r"|verification\s+(?:code|number|value)|(?:three|four|3|4)[- ]digit\s+code"
        r"|code\s+on\s+the\s+back|(?:numbers?|digits?)\s+on\s+the\s+back)\b"
    )
    ANTI_CUE: ClassVar[str | None] = (
        r"\b(?:exp\w*|valid\s+(?:thru|through)|good\s+(?:thru|through)|zip|extension|ext"
        r"|social(?:\s+security)?(?:\s+number)?)\W*(?:is\s+)?$"
    )
    CUE_SCORE: ClassVar[float] = 0.85
    WINDOW_BEFORE: ClassVar[int] = 80
    WINDOW_AFTER: ClassVar[int] = 25
