"""US driver's license and state ID numbers: any state's alphanumeric format, cue only."""

from __future__ import annotations

from typing import ClassVar

import regex

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, CuedPattern
from redaction.recognizers.bank_account import NUMBER_WORD, NearestCuePatternRecognizer

# An alphanumeric token; dashes may join any characters, a space only two digits
# ("a1234 56789 01234" in New Jersey, "123 456 789" in New York). Never starts
# or ends inside a longer token, a price, a decimal or a slash date.
ID_TOKEN = (
    r"(?<![\w$.,/-])(?<!\d[ ])"
    r"[a-z0-9](?:-?[a-z0-9]|(?<=\d)[ ](?=\d)){4,29}"
    r"(?![\w]|[-/.,]\w|(?<=\d)[ ]\d)"
)
# Typed shapes that are something else: phone, zip+4, dates.
NOT_AN_ID = regex.compile(
    r"(?:1-)?\d{3}-\d{3}-\d{4}|\d{5}-\d{4}"
    r"|\d{1,2}-\d{1,2}-(?:\d{2}|\d{4})|\d{4}-\d{1,2}-\d{1,2}",
    regex.IGNORECASE,
)
_LICENSE = r"licen[cs]e"


def alnum(matched: str) -> str:
    """The letters and digits of a match, separators removed."""
    return "".join(ch for ch in matched if ch.isalnum())


class UsDriverLicenseRecognizer(NearestCuePatternRecognizer):
    """A 5-16 character alphanumeric token with a digit, named by a license cue.

    Every state has its own format (CA letter + 7 digits, NY 9 digits, FL letter
    + 12, TX 8, WA 12 alphanumerics...), so the shape is loose and the cue does
    the work. Other licenses, plates, expiry dates and phone numbers near the
    number are counter-cues. Letters spelled out by speech ("d as in david") are
    not joined: only the digits are then caught.
    """

    ENTITY: ClassVar[str] = "US_DRIVER_LICENSE"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern("driver_license", ID_TOKEN, 0.3, needs_cue=True),
    )
    CUE: ClassVar[str] = (
        r"\b(?:"
        r"driver['\u2019]?s?\s+" + _LICENSE + NUMBER_WORD + r"|drivers?\s+lic\.?"
        r"|" + _LICENSE + r"\s*(?:number|no\.?|num|\#)"
        r"|d\.?\s?l\.?\s*(?:\#|number|no\.?|num)|dl|dln|lic\.?\s*(?:\#|number|no\.?|num)"
        r"|state\s+(?:issued\s+)?id(?:entification)?(?:\s+(?:card|number|no\.?|\#)){0,2}"
        r"|id\s+card(?:\s*(?:number|no\.?|\#))?|identification\s+card(?:\s+number)?"
        r"|my\s+" + _LICENSE + r"(?!\s+(?:plate|tag|key)s?\b)"
        r"|learner['\u2019]?s\s+permit"
        r")(?!\w)"
    )
    COUNTER_CUE: ClassVar[str] = (
        r"\b(?:"
        r"(?:business|contractor['\u2019]?s?|professional|nursing|real\s+estate|insurance"
        r"|producer|liquor|marriage|fishing|hunting|software|medical|pilot['\u2019]?s?)\s+"
        + _LICENSE
        + NUMBER_WORD
        + r"|"
        + _LICENSE
        + r"\s+(?:plate|tag|key)s?"
        + NUMBER_WORD
        + r"|(?:insurance|member|health|medicaid|medicare|employee|student)\s+id"
        r"(?:\s+card)?"
        + NUMBER_WORD
        + r"|(?:plate|tag|vin|npn|zip|postal|social|ssn|passport|routing|account|acct"
        r"|order|confirmation|reference|ref|tracking|policy|claim|case|ticket|invoice"
        r"|promo|coupon|discount"
        r"|phone|cell|mobile|fax)" + NUMBER_WORD + r"|card\s+number|call(?:\s+me)?|text\s+me"
        r"|expir\w*|exp|issued|dob|born|birthday|date\s+of\s+birth"
        r")(?!\w)"
    )

    def is_valid(self, matched: str) -> bool:
        """5-16 letters and digits with at least one digit; not a phone or date shape."""
        chars = alnum(matched)
        return (
            5 <= len(chars) <= 16
            and any(ch.isdigit() for ch in chars)
            and NOT_AN_ID.fullmatch(matched, timeout=REGEX_TIMEOUT_SECONDS) is None
        )
