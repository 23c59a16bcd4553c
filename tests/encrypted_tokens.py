"""Test helpers for keyed values: expected pseudonyms, tokens opened, old ones, flipped bits.

Kept apart from the engine on purpose: they read the token formats from the
outside, as an attacker holding a redacted record would.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
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


def expected_pseudonym(key: bytes, entity_type: str, value: str) -> str:
    """The ``hash`` action's output, computed here from its definition, not by the engine.

    HMAC-SHA256 under the owner's key of ``TYPE <US> canonical``, where canonical is the
    value's digits when it has four or more, else its words case-folded and single-spaced;
    the first 32 hex characters, as ``<TYPE:hex>``.
    """
    digits = "".join(ch for ch in value if ch.isdigit())
    canonical = digits if len(digits) >= 4 else " ".join(value.casefold().split())
    message = entity_type.encode() + b"\x1f" + canonical.encode()
    return f"<{entity_type}:{hmac.new(key, message, hashlib.sha256).hexdigest()[:32]}>"


def open_token(key: bytes, token: str) -> str:
    """Decrypt a ``<TYPE:v2:...>`` token from its documented format, not with the engine's code.

    AES-256-SIV (RFC 5297) under HKDF-SHA256(owner key, 64 bytes, info "leadgate encrypt v2"),
    with that label and the entity type as associated data; payload unpadded lower base32.
    """
    entity_type, version, payload = token[1:-1].split(":")
    assert version == "v2", token
    label = b"leadgate encrypt v2"
    derived = HKDF(hashes.SHA256(), length=64, salt=None, info=label).derive(key)
    plain = AESSIV(derived).decrypt(_b32decode(payload), [label, entity_type.encode()])
    return plain.decode()
