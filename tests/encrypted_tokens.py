"""Test helpers for encrypted values: make old-format ones, alter any one bit of one.

Kept apart from the engine on purpose: they read the token formats from the
outside, as an attacker holding a redacted record would.
"""

from __future__ import annotations

import base64

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

_ANONYMIZER = AnonymizerEngine()  # type: ignore[no-untyped-call]


def legacy_encrypt(key: bytes, value: str, entity_type: str = "US_SSN") -> str:
    """``value`` encrypted the old way: Presidio's own ``encrypt`` (AES-CBC, no tag)."""
    result = _ANONYMIZER.anonymize(
        text=value,
        analyzer_results=[RecognizerResult(entity_type, 0, len(value), 1.0)],
        operators={entity_type: OperatorConfig("encrypt", {"key": key})},
    )
    return str(result.text)


def _b32decode(payload: str) -> bytes:
    return base64.b32decode(payload.upper() + "=" * (-len(payload) % 8))


def _b32encode(blob: bytes) -> str:
    return base64.b32encode(blob).decode().rstrip("=").lower()


def encrypted_bytes(token: str) -> bytes:
    """The bytes under a token's text encoding, in either format."""
    if token.startswith("<"):
        return _b32decode(token[1:-1].rsplit(":", 1)[1])
    return base64.urlsafe_b64decode(token)


def with_bytes(token: str, blob: bytes) -> str:
    """``token`` with its bytes replaced by ``blob``, encoded as the token was."""
    if token.startswith("<"):
        head = token[1:-1].rsplit(":", 1)[0]
        return f"<{head}:{_b32encode(blob)}>"
    return base64.urlsafe_b64encode(blob).decode()


def flip_bit(token: str, index: int, bit: int) -> str:
    """``token`` with bit ``bit`` of encrypted byte ``index`` flipped, re-encoded validly."""
    blob = bytearray(encrypted_bytes(token))
    blob[index] ^= 1 << bit
    return with_bytes(token, bytes(blob))
