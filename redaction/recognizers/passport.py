"""US passport book and card numbers: nine digits or a letter and eight digits, cue only."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers._cued import CuedPattern
from redaction.recognizers.bank_account import NUMBER_WORD, NearestCuePatternRecognizer

_BOUNDED_START = r"(?<![\w$.,/-])"


class PassportNumberRecognizer(NearestCuePatternRecognizer):
    """Passport numbers (older books: 9 digits; newer books and cards: letter + 8).

    Nine digits are also SSNs and order numbers, so "passport" must be the
    nearest cue. A spoken letter may stand apart from the digits ("c 12345678").
    """

    ENTITY: ClassVar[str] = "US_PASSPORT"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "passport_digits",
            _BOUNDED_START + r"\d{9}(?![\w]|[.,/-]\d)",
            0.3,
            needs_cue=True,
        ),
        CuedPattern(
            "passport_digits_grouped",
            _BOUNDED_START + r"(?<!\d[ -])(?=\d{1,8}[ -]\d)\d(?:[ -]?\d){8}(?![ -]?\d|[.,/]\d|\w)",
            0.3,
            needs_cue=True,
        ),
        CuedPattern(
            "passport_letter",
            # A12345678, K 4412 0093, A1234-5678: a letter and eight digits, grouped or not
            _BOUNDED_START + r"[a-z][ -]?\d(?:[ -]?\d){7}(?![\w]|[ .,/-]\d)",
            0.3,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:(?:u\.?s\.?\s+)?passport(?:\s+(?:book|card))?"
        + NUMBER_WORD
        + r"|travel\s+document"
        + NUMBER_WORD
        + r")(?!\w)"
    )
    COUNTER_CUE: ClassVar[str] = (
        r"\b(?:"
        r"(?:social|ssn|phone|cell|mobile|fax|zip|postal|order|confirmation|reference|ref"
        r"|tracking|application|account|acct|routing|policy|member|claim|case|invoice"
        r"|medicare|medicaid)"
        + NUMBER_WORD
        + r"|drivers?['\u2019]?\s+licen[cs]e"
        + NUMBER_WORD
        + r"|licen[cs]e\s*(?:number|no\.?|\#)|call(?:\s+me)?|text\s+me"
        r"|expir\w*|issued|dob|born|birthday|date\s+of\s+birth|fee|dollars|bucks"
        r")(?!\w)"
    )
