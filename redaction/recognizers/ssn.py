"""US Social Security numbers: dashed, spaced or bare, with the SSA's validity rules."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers._cued import CuedPattern, CuedPatternRecognizer

# Nine digits never preceded or followed by another digit group that would make
# them part of a longer number (phone numbers, card numbers, order numbers).
_NOT_AFTER_NUMBER = r"(?<!\d[-. ]?)"
_NOT_BEFORE_NUMBER = r"(?![-. ]?\d)"
# A dashed SSN is whole as it is; a number after a space is something else ("2 dependents").
_NOT_CONTINUED = r"(?![-.]?\d)"


class SocialSecurityNumberRecognizer(CuedPatternRecognizer):
    """SSN in 3-2-4 shape; bare nine digits only with a cue such as "social".

    A 3-2-4 grouping (dashes, spaces or dots, the same twice) is distinctive
    enough alone. Bare nine-digit runs collide with order and account numbers,
    so they need a cue on either side.
    Area 000/666/9xx, group 00 and serial 0000 are never issued.
    """

    ENTITY: ClassVar[str] = "US_SSN"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "ssn_dashed",
            _NOT_AFTER_NUMBER + r"\d{3}-\d{2}-\d{4}" + _NOT_CONTINUED,
            0.85,
            needs_cue=False,
        ),
        CuedPattern(
            # 3-2-4 is no phone's, zip's or date's grouping: alone it is an SSN (Presidio: 0.5)
            "ssn_spaced",
            _NOT_AFTER_NUMBER + r"\d{3}([ .])\d{2}\1\d{4}" + _NOT_BEFORE_NUMBER,
            0.5,
            needs_cue=False,
        ),
        CuedPattern(
            "ssn_dash_dropped",  # 078-051121: one dash typed, one left out (Presidio's SSN2)
            # never inside a code of letters and digits ("F7FA-4D03-A730-343300A11D97")
            r"(?<![A-Za-z])"
            + _NOT_AFTER_NUMBER
            + r"\d{3}-\d{6}"
            + _NOT_CONTINUED
            + r"(?![A-Za-z])",
            0.5,
            needs_cue=False,
        ),
        CuedPattern(
            "ssn_bare",
            _NOT_AFTER_NUMBER + r"\d{9}" + _NOT_BEFORE_NUMBER,
            0.4,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:ssn|ss\s?#|ss\s?n(?:um|o|umber)?|soc(?:ial)?(?:\s+sec(?:urity)?)?"
        r"|socsec|security\s+number|last\s+four\s+of\s+(?:my|your|the)\s+social"
        r"|social\s+security)(?!\w)"
    )

    # A number introduced as the business's own reference is not an SSN.
    ANTI_CUE: ClassVar[str | None] = (
        r"\b(?:order|confirmation|tracking|reference|ref|invoice|claim|case|ticket|policy"
        r"|account|member|transaction|routing|phone|fax)\s*(?:number|no\.?|num|#|id|code)?"
        r"\s*(?:is|was|:)?\s*$"
    )
    ANTI_CUE_WINDOW: ClassVar[int] = 32
    # Agents ask for the number a turn or two before the caller says it.
    WINDOW_BEFORE: ClassVar[int] = 100
    WINDOW_AFTER: ClassVar[int] = 60

    def is_valid(self, matched: str) -> bool:
        """Apply the SSA's never-issued rules to the digits."""
        digits = "".join(ch for ch in matched if ch.isdigit())
        return is_issuable_ssn(digits)


def is_issuable_ssn(digits: str) -> bool:
    """True when nine digits could be an issued SSN (area, group, serial rules)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area.startswith("9"):
        return False
    return group != "00" and serial != "0000"
