"""ABA routing transit numbers: nine digits, checksum-valid, only next to a routing cue."""

from __future__ import annotations

from typing import ClassVar

import regex

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, CuedPattern
from redaction.recognizers.bank_account import NUMBER_WORD, NearestCuePatternRecognizer

# First two digits the Federal Reserve assigns: government, Fed districts,
# thrifts (+20), electronic (+60) and traveler's checks (80).
_PREFIXES = frozenset(
    [f"{n:02d}" for n in range(0, 13)]
    + [f"{n:02d}" for n in range(21, 33)]
    + [f"{n:02d}" for n in range(61, 73)]
    + ["80"]
)
_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7, 1)
_ZIP_PLUS_FOUR = regex.compile(r"\d{5}-\d{4}")
_BOUNDED_START = r"(?<![\w$.,/-])"


def aba_checksum_valid(digits: str) -> bool:
    """ABA checksum: digits weighted 3, 7, 1 (repeating) sum to a multiple of ten."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    return sum(w * int(d) for w, d in zip(_WEIGHTS, digits, strict=True)) % 10 == 0


def is_aba_routing(digits: str) -> bool:
    """Nine digits with an assigned prefix, a valid checksum, and not one digit repeated."""
    return digits[:2] in _PREFIXES and len(set(digits)) > 1 and aba_checksum_valid(digits)


class AbaRoutingRecognizer(NearestCuePatternRecognizer):
    """Nine digits that pass the ABA checksum, named by "routing", "aba", "rtn", ...

    Nine digits are also SSNs, passports and order numbers, and one in ten
    passes the checksum, so the cue is required and nearer counter-cues ("order
    number", "zip") win. SSN overlap is left to the engine. A contiguous run may
    sit right next to another number ("routing and account 0xxxxxxxx 1234567")
    because speech puts them back to back; a grouped one must stand alone.
    """

    ENTITY: ClassVar[str] = "ABA_ROUTING_NUMBER"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "aba_contiguous",
            _BOUNDED_START + r"\d{9}(?![\w]|[.,/-]\d)",
            0.3,
            needs_cue=True,
        ),
        CuedPattern(
            "aba_grouped",
            # At least one separator within the first nine characters, so a
            # contiguous run is left to the pattern above.
            _BOUNDED_START + r"(?<!\d[ -])(?=\d{1,8}[ -]\d)\d(?:[ -]?\d){8}(?![ -]?\d|[.,/]\d|\w)",
            0.3,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:(?:bank\s+)?routing(?:\s+(?:and\s+)?transit)?"
        + NUMBER_WORD
        + r"|aba(?:\s+routing)?"
        + NUMBER_WORD
        + r"|rtn|r/t|transit\s+(?:routing\s+)?(?:number|no\.?|\#)"
        r")(?!\w)"
    )
    COUNTER_CUE: ClassVar[str] = (
        r"\b(?:"
        r"(?:order|confirmation|conf|tracking|reference|ref|policy|member|customer|invoice"
        r"|claim|case|ticket|serial|phone|cell|mobile|fax|zip|postal|passport|license"
        r"|medicare|medicaid)"
        + NUMBER_WORD
        + r"|call(?:\s+me)?|text\s+me|dob|born|birthday|date\s+of\s+birth"
        r")(?!\w)"
    )

    def is_valid(self, matched: str) -> bool:
        """Assigned prefix and checksum; a typed zip+4 is never a routing number."""
        if _ZIP_PLUS_FOUR.fullmatch(matched, timeout=REGEX_TIMEOUT_SECONDS):
            return False
        return is_aba_routing("".join(ch for ch in matched if ch.isdigit()))
