"""US Individual Taxpayer Identification Numbers: 9xx-GG-xxxx with the IRS group ranges."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers._cued import CuedPattern, CuedPatternRecognizer

# Same run boundaries as the SSN recognizer: never part of a longer number.
_NOT_AFTER_NUMBER = r"(?<!\d[-. ]?)"
_NOT_BEFORE_NUMBER = r"(?![-. ]?\d)"
# Fourth and fifth digits the IRS issues ITINs in.
_GROUPS = frozenset(
    [f"{n}" for n in range(50, 66)]
    + [f"{n}" for n in range(70, 89)]
    + ["90", "91", "92"]
    + [f"{n}" for n in range(94, 100)]
)


def is_itin(digits: str) -> bool:
    """Nine digits starting with 9 whose group (digits 4-5) is an ITIN range."""
    return len(digits) == 9 and digits.isdigit() and digits[0] == "9" and digits[3:5] in _GROUPS


class TaxpayerIdRecognizer(CuedPatternRecognizer):
    """ITIN in 3-2-4 dashed shape alone; spaced, dotted or bare only with a cue.

    The 9xx area and the group ranges make a dashed ITIN as distinctive as a
    dashed SSN (which never starts with 9). Bare nine digits starting with 9
    are common (order numbers), so they need "itin" or "tax id" nearby.
    """

    ENTITY: ClassVar[str] = "US_ITIN"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "itin_dashed",
            _NOT_AFTER_NUMBER + r"9\d{2}-\d{2}-\d{4}" + _NOT_BEFORE_NUMBER,
            0.85,
            needs_cue=False,
        ),
        CuedPattern(
            "itin_dash_dropped",  # 911-701234: one dash typed, one left out (Presidio: US_ITIN)
            _NOT_AFTER_NUMBER + r"9\d{2}-\d{6}(?![-.]?\d)",
            0.5,
            needs_cue=False,
        ),
        CuedPattern(
            "itin_other",
            # Any grouping of spaces or dots: speech pauses split numbers anywhere.
            _NOT_AFTER_NUMBER + r"9(?:[ .]?\d){8}" + _NOT_BEFORE_NUMBER,
            0.4,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:i\s?t\s?i\s?n|individual\s+tax\s?payer(?:\s+identification)?"
        r"|tax\s?payer\s+(?:identification|id)|tax\s+id(?:entification)?)(?!\w)"
    )

    def is_valid(self, matched: str) -> bool:
        """Apply the 9xx area and the issued group ranges."""
        return is_itin("".join(ch for ch in matched if ch.isdigit()))
