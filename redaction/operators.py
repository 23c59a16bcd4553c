"""Presidio anonymizer operators for each policy action, built per owner.

Presidio's own ``replace`` and ``redact`` operators do label and remove; mask,
keyed hash and encrypt are ``custom`` operators because Presidio's mask counts
characters, not digits, its hash is not keyed, and its encrypt (AES-CBC) is not
authenticated: one flipped bit decrypted to another plausible value
(``redaction.encryption`` has the AES-SIV format that replaces it).
"""

from __future__ import annotations

import hashlib
import hmac

from presidio_anonymizer.entities import OperatorConfig

from redaction.encryption import encrypt_value
from redaction.policy import RedactionPolicy
from redaction.types import Action

MASK_CHAR = "*"
KEEP_LAST = 4
HASH_HEX_CHARS = 32


def placeholder(entity_type: str) -> str:
    """The type label that replaces a removed value: ``<US_SSN>``."""
    return f"<{entity_type}>"


def mask_value(value: str) -> str:
    """Mask all but the last four digits (or characters), keeping separators."""
    digits = sum(ch.isdigit() for ch in value)
    counted = digits if digits >= KEEP_LAST else len(value)
    hide = max(0, counted - KEEP_LAST)
    out = []
    for ch in value:
        if hide and (ch.isdigit() or digits < KEEP_LAST):
            out.append(MASK_CHAR)
            hide -= 1
        else:
            out.append(ch)
    return "".join(out)


def pseudonym(key: bytes, entity_type: str, value: str) -> str:
    """HMAC-SHA256 under the owner's key: "536-22-8174" and "536228174" give one pseudonym."""
    digits = "".join(ch for ch in value if ch.isdigit())
    canonical = digits if len(digits) >= KEEP_LAST else " ".join(value.casefold().split())
    message = f"{entity_type}\x1f{canonical}".encode()
    digest = hmac.new(key, message, hashlib.sha256).hexdigest()[:HASH_HEX_CHARS]
    return f"<{entity_type}:{digest}>"


def operator_for(entity_type: str, action: Action, policy: RedactionPolicy) -> OperatorConfig:
    """The Presidio operator that carries out ``action`` for ``entity_type`` under ``policy``."""
    if action is Action.REPLACED:
        return OperatorConfig("replace", {"new_value": placeholder(entity_type)})
    if action is Action.REMOVED:
        return OperatorConfig("redact", {})
    if action is Action.MASKED:
        return OperatorConfig("custom", {"lambda": mask_value})
    key = policy.key
    if key is None:  # the policy's own validation prevents this
        raise ValueError("keyed action without a key")
    if action is Action.HASHED:
        return OperatorConfig("custom", {"lambda": lambda v: pseudonym(key, entity_type, v)})
    if action is Action.ENCRYPTED:
        return OperatorConfig("custom", {"lambda": lambda v: encrypt_value(key, entity_type, v)})
    raise ValueError(f"no operator for {action.value}")
