"""Identifiers of a caller's care providers: NPI and DEA registration numbers.

Both carry a check digit, validated by Presidio's own recognizers
(``UsNpiRecognizer``, ``MedicalLicenseRecognizer``), so a well-formed value
needs no cue where it cannot be anything else. Said in a call they tell who
treats or prescribes for the caller.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer.predefined_recognizers import MedicalLicenseRecognizer, UsNpiRecognizer

from redaction.recognizers._cued import CuedPattern, CuedPatternRecognizer
from redaction.recognizers.bank_account import NUMBER_WORD

# Never part of a longer number (the SSN recognizer's run boundaries).
_NOT_AFTER_NUMBER = r"(?<![\w$.,/@]|\d[-. ]?)"
_NOT_BEFORE_NUMBER = r"(?![-. ]?\d|[\w@]|[.,/]\w)"
# A number introduced as the business's own reference, or as a phone, is neither.
_NOT_A_PROVIDER = (
    r"\b(?:order|confirmation|conf|tracking|reference|ref|invoice|claim|case|ticket|policy"
    r"|account|acct|member|customer|transaction|routing|phone|cell|mobile|fax|call|text"
    r"|extension|ext)\s*(?:number|no\.?|num|\#|id|code)?\s*(?:is|was|at|me\s+at|:)?\s*$"
)


class NationalProviderIdRecognizer(CuedPatternRecognizer):
    """A 10-digit NPI (CMS): 1 or 2, nine digits, a Luhn check digit over "80840" + NPI.

    One random ten-digit number in ten passes the check. Starting with 1 it is
    no US phone number (an area code never starts with 0 or 1), and grouped
    4-3-3 it is no phone's grouping, so those need no cue; starting with 2,
    bare, it may be a phone number, so it needs "NPI" or "provider" nearby.
    A business reference or a phone named just before it is never an NPI.
    """

    ENTITY: ClassVar[str] = "US_NPI"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "npi_bare", _NOT_AFTER_NUMBER + r"1\d{9}" + _NOT_BEFORE_NUMBER, 0.5, needs_cue=False
        ),
        CuedPattern(
            "npi_grouped",
            _NOT_AFTER_NUMBER + r"[12]\d{3}([ -])\d{3}\1\d{3}" + _NOT_BEFORE_NUMBER,
            0.5,
            needs_cue=False,
        ),
        CuedPattern(
            "npi_phone_shaped",  # 2xx xxx xxxx is also a phone number
            _NOT_AFTER_NUMBER + r"2\d{9}" + _NOT_BEFORE_NUMBER,
            0.4,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:npi|national\s+provider(?:\s+identifier)?|provider"
        + NUMBER_WORD
        + r"|provider\s+identifier|prescriber"
        + NUMBER_WORD
        + r"|taxonomy)(?!\w)"
    )
    ANTI_CUE: ClassVar[str | None] = _NOT_A_PROVIDER
    ANTI_CUE_WINDOW: ClassVar[int] = 32

    def __init__(self) -> None:
        super().__init__()
        self._presidio = UsNpiRecognizer()

    def is_valid(self, matched: str) -> bool:
        """Presidio's NPI check digit holds and the body is not one digit repeated."""
        digits = "".join(ch for ch in matched if ch.isdigit())
        return bool(
            self._presidio.validate_result(digits) and not self._presidio.invalidate_result(digits)
        )


class DeaNumberRecognizer(CuedPatternRecognizer):
    """A DEA registration number: two letters (or a letter and 9) and seven digits.

    The first letter is a registrant type (A-H, J-M, P, R-U, X); the last digit
    checks the other six. Presidio's pattern has no word boundaries; here the
    value must be a whole token, so no order or serial number holds one inside.
    """

    ENTITY: ClassVar[str] = "MEDICAL_LICENSE"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "dea_number",
            r"(?<![\w$.,/@-])[A-HJ-MPR-UX](?:[A-Z]|9)\d{7}(?![\w@]|[-/.,]\w)",
            0.6,
            needs_cue=False,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:dea(?:\s+registration)?" + NUMBER_WORD + r"|medical\s+licen[cs]e"
        r"|(?:registration\s+)?certificate" + NUMBER_WORD + r")(?!\w)"
    )
    ANTI_CUE: ClassVar[str | None] = _NOT_A_PROVIDER
    ANTI_CUE_WINDOW: ClassVar[int] = 32

    def __init__(self) -> None:
        super().__init__()
        self._presidio = MedicalLicenseRecognizer()

    def is_valid(self, matched: str) -> bool:
        """Presidio's DEA check digit holds."""
        return bool(self._presidio.validate_result(matched))
