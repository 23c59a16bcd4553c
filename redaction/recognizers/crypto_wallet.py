"""Bitcoin wallet addresses: Presidio's own recognizer, checksum-validated, no context needed.

Presidio's ``CryptoRecognizer`` finds P2PKH/P2SH (base58, leading 1 or 3) and
Bech32/Bech32m (``bc1``) addresses and keeps only those whose checksum holds
(a double SHA-256 or the Bech32 polymod): a random string passes about once in
four billion. A valid address then scores Presidio's maximum whatever its
context, so the context words are dropped here: they would change no score
and would only make the engine tokenize every text for them.
"""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import CryptoRecognizer


class CryptoWalletRecognizer(CryptoRecognizer):
    """Presidio's ``CryptoRecognizer`` (entity ``CRYPTO``), without its context words."""

    def __init__(self) -> None:
        super().__init__(name=type(self).__name__)
        self.context: list[str] = []
