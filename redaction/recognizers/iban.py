"""International bank account numbers (IBAN), typed, spaced or spelled.

Presidio's own recognizer knows every country's IBAN layout and checks the
mod-97 check digits, so it is used as it is: leadgate must never find fewer
IBANs than stock Presidio. Spoken IBANs ("D E eight nine, three seven...")
reach it assembled as one token by ``redaction.spelled``.
"""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import IbanRecognizer as PresidioIbanRecognizer


class InternationalBankAccountRecognizer(PresidioIbanRecognizer):
    """Presidio's IBAN recognizer (layout per country, mod-97 checksum), English only."""

    ENTITY = "IBAN_CODE"

    def __init__(self) -> None:
        # No context words: the engine reads cues itself, and context words would make every
        # text pay for spaCy tokens (Presidio's context enhancer needs them).
        super().__init__(supported_language="en", name="InternationalBankAccountRecognizer")
        self.context: list[str] = []  # Presidio's constructor takes [] as "use the default"
