"""Authenticated, deterministic encryption for the ``encrypt`` action (AES-SIV, RFC 5297).

A value becomes ``<US_SSN:v2:PAYLOAD>``: the entity type, the format version and
the lowercase, unpadded base32 of AES-SIV's output (16-byte synthetic IV, which
is the tag, then the ciphertext). Why these choices:

- **AES-SIV, not AES-CBC**: any change to the payload or the entity type fails
  the tag check, so Reidentify can refuse it; Presidio's ``encrypt`` (CBC, no
  tag) gave back a different plausible value for one flipped bit.
- **Deterministic, not a random nonce**: the same value of the same type gives
  the same token for one owner, as the keyed hash does, so re-running a batch
  gives the same output and records can still be joined; there is no nonce to
  repeat by mistake. What it shows is only that two tokens hide equal values.
- **Its own key**: AES-256-SIV under a key derived (HKDF-SHA256) from the
  owner's key, so the bytes that key the HMAC pseudonyms never key AES too.
- **The token's text**: angle brackets like the labels (``<US_SSN>``) and the
  hashes (``<US_SSN:3f9a...>``), so it is easy to find in text and never starts
  a spreadsheet formula; base32 is letters and digits only, so no word break
  inside lets a digit run stand alone and look like a number to a scanner.
  The entity type and the version are bound as associated data.

Old values (Presidio's ``encrypt``: urlsafe base64 of IV | AES-CBC) carry no
prefix; ``is_legacy_token`` tells them apart and ``decrypt_legacy`` reads them
for the migration (see ``redaction.reidentify``).
"""

from __future__ import annotations

import base64
import binascii
import re
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from presidio_anonymizer.operators.aes_cipher import AESCipher

VERSION = "v2"
# A token in text: entity type, version, payload. Clients can find tokens with it.
TOKEN_PATTERN = re.compile(r"<([A-Z][A-Z0-9_]*):v2:([a-z2-7]+)>")
_ASSOCIATED = b"leadgate encrypt v2"
_TAG_BYTES = 16
# Presidio's format: urlsafe base64 (padded) of a 16-byte IV and whole AES blocks.
_LEGACY = re.compile(r"(?:[A-Za-z0-9_-]{4})+(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?")
_BLOCK = 16


class UndecryptableError(ValueError):
    """The text is not a value this key encrypted, unaltered. Never carries the text."""


@lru_cache(maxsize=64)
def _cipher(owner_key: bytes) -> AESSIV:
    """AES-256-SIV under a key derived from the owner's, kept apart from its HMAC use."""
    derived = HKDF(hashes.SHA256(), length=64, salt=None, info=_ASSOCIATED).derive(owner_key)
    return AESSIV(derived)


def _b32encode(blob: bytes) -> str:
    return base64.b32encode(blob).decode("ascii").rstrip("=").lower()


def _b32decode(payload: str) -> bytes:
    """Decode, refusing any spelling but the one ``_b32encode`` writes (no malleable bits)."""
    try:
        blob = base64.b32decode(payload.upper() + "=" * (-len(payload) % 8))
    except (binascii.Error, ValueError):
        raise UndecryptableError("not base32") from None
    if _b32encode(blob) != payload:
        raise UndecryptableError("not the canonical spelling")
    return blob


def encrypt_value(owner_key: bytes, entity_type: str, value: str) -> str:
    """``value`` as a ``<TYPE:v2:...>`` token only ``owner_key`` opens, bound to its type."""
    sealed = _cipher(owner_key).encrypt(
        value.encode("utf-8"), [_ASSOCIATED, entity_type.encode("ascii")]
    )
    return f"<{entity_type}:{VERSION}:{_b32encode(sealed)}>"


def is_token(text: str) -> bool:
    """True if ``text`` is shaped as a current token (not that it opens)."""
    return TOKEN_PATTERN.fullmatch(text) is not None


def decrypt_token(owner_key: bytes, token: str) -> str:
    """The value in ``token``; UndecryptableError if it is altered, cut or another key's."""
    match = TOKEN_PATTERN.fullmatch(token)
    if match is None:
        raise UndecryptableError("not a token")
    entity_type, payload = match.groups()
    blob = _b32decode(payload)
    if len(blob) < _TAG_BYTES:
        raise UndecryptableError("too short")
    try:
        plain = _cipher(owner_key).decrypt(blob, [_ASSOCIATED, entity_type.encode("ascii")])
        return plain.decode("utf-8")
    except (InvalidTag, UnicodeDecodeError):
        raise UndecryptableError("authentication failed") from None


def is_legacy_token(text: str) -> bool:
    """True if ``text`` is shaped as Presidio's AES-CBC output (an IV and whole blocks)."""
    if _LEGACY.fullmatch(text) is None:
        return False
    size = len(base64.urlsafe_b64decode(text))
    return size >= 2 * _BLOCK and size % _BLOCK == 0


def decrypt_legacy(owner_key: bytes, token: str) -> str:
    """The value in an old-format token. Unauthenticated: an altered one may still open."""
    if not is_legacy_token(token):
        raise UndecryptableError("not an old-format value")
    try:
        return AESCipher.decrypt(owner_key, token)
    except (ValueError, UnicodeDecodeError):
        raise UndecryptableError("padding or text check failed") from None
