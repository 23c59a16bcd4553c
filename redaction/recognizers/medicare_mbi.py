"""Medicare Beneficiary Identifiers (MBI): CMS's 11-character format, cue optional."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers._cued import CuedPattern, CuedPatternRecognizer

# MBI letters exclude S, L, O, I, B and Z (they read as digits).
_L = "[AC-HJKMNP-RT-Y]"
_A = "[AC-HJKMNP-RT-Y0-9]"
_N = "[0-9]"
_D = "[1-9]"


class MedicareMbiRecognizer(CuedPatternRecognizer):
    """MBI as CMS issues it, with optional 4-3-4 dashes or spaces.

    The position rules (digit/letter/either, six letters excluded) make the
    shape rare enough to count alone at 0.6; "medicare", "mbi" or "beneficiary"
    nearby raises it to the cue score. Checked case-insensitively for typed
    notes; speech spells letters out, which this does not join.
    """

    ENTITY: ClassVar[str] = "US_MBI"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "mbi",
            r"(?<![\w-])"
            + _D
            + _L
            + _A
            + _N
            + r"[- ]?"
            + _L
            + _A
            + _N
            + r"[- ]?"
            + _L
            + _L
            + _N
            + _N
            + r"(?![\w]|-\w)",
            0.6,
            needs_cue=False,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:medicare(?:\s+(?:beneficiary\s+identifier|number|no\.?|id|card))?|mbi"
        r"|beneficiary\s+(?:id(?:entifier)?|number|no\.?)|beneficiary|hicn)(?!\w)"
    )
