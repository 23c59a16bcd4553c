"""Payment card numbers: 12 to 19 digits (Maestro, UnionPay too), grouped or not, Luhn-checked."""

from __future__ import annotations

from typing import Any, ClassVar

from redaction.recognizers._cued import CuedPattern, CuedPatternRecognizer


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10) checksum used by every card network."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# A spoken card and the number said after it, assembled into one run this long or longer.
RUN_ON_DIGITS = 20
# First digits of the 12-digit cards that exist (Maestro, some Visa and UnionPay), as Presidio.
SHORT_CARD_PREFIXES = frozenset("13456")


class PaymentCardRecognizer(CuedPatternRecognizer):
    """Card numbers in any grouping (4-4-4-4, 4-6-5, none) that pass Luhn.

    Unlike Presidio's built-in, it accepts any separator layout a person or a
    speech recognizer produces, and it never needs a cue: a 12-19 digit run that
    passes Luhn is treated as a card (fail safe). Runs of one repeated digit
    are rejected.
    """

    ENTITY: ClassVar[str] = "CREDIT_CARD"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "card_number",
            r"(?<![\d.-])\d(?:[ .-]{0,2}\d){11,18}(?![\d])",
            0.9,
            needs_cue=False,
        ),
        CuedPattern(
            # A spoken card run into what followed ("... one one, twelve twenty seven"
            # assembles into 20 digits or more): the card is its longest valid head.
            "card_run_on",
            r"(?<![\d.-])\d{" + str(RUN_ON_DIGITS) + r",40}(?!\d)",
            0.9,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:card|visa|master\s?card|amex|american\s+express|discover|debit|credit)\b"
    )

    def _valid_head(self, text: str, compiled: Any, start: int, end: int) -> int:
        """A run-on of 20 digits or more (cued): its longest head of 12 to 19 that is a card.

        Shorter unbroken runs are never cut: some head of any number passes Luhn.
        """
        cut = super()._valid_head(text, compiled, start, end)
        if cut > start or end - start < RUN_ON_DIGITS or not text[start:end].isdigit():
            return cut
        for length in range(min(19, end - start), 11, -1):
            if self.is_valid(text[start : start + length]):
                return start + length
        return start

    def is_valid(self, matched: str) -> bool:
        """Luhn checksum, not one digit repeated; 12 digits only with a card network's prefix."""
        digits = "".join(ch for ch in matched if ch.isdigit())
        if len(digits) == 12 and digits[0] not in SHORT_CARD_PREFIXES:
            return False
        return 12 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn_valid(digits)
