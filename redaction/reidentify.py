"""Give an owner back the values its policy encrypted, with its own key only.

Current values (``<TYPE:v2:...>``, AES-SIV) open only if unaltered and the
owner's. Values from before v2 (Presidio's AES-CBC, no prefix) have no tag, so
an altered one can open to another plausible value: Reidentify refuses them
unless the owner's policy sets ``accept_legacy_encryption`` while migrating,
and ``migrate_encrypted`` (``leadgate reencrypt``) rewrites them as v2.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from redaction.catalogue import CATALOGUE
from redaction.encryption import (
    UndecryptableError,
    decrypt_legacy,
    decrypt_token,
    encrypt_value,
    is_legacy_token,
    is_token,
)
from redaction.errors import FieldViolation, InvalidRecordError
from redaction.policy import RedactionPolicy

logger = logging.getLogger(__name__)

MAX_ITEMS = 1000
_NOT_OURS = "not a value encrypted with this owner's key, or altered"
_LEGACY_REFUSED = (
    "encrypted in the old unauthenticated format, which this owner's policy does not accept: "
    "re-encrypt it (leadgate reencrypt) or set accept_legacy_encryption while migrating"
)


def reidentify(policy: RedactionPolicy, encrypted_values: Sequence[str]) -> list[str]:
    """Decrypt each value with the owner's key; a value not encrypted by this owner is refused."""
    key = _owner_key(policy)
    if not encrypted_values or len(encrypted_values) > MAX_ITEMS:
        raise InvalidRecordError(
            f"send 1 to {MAX_ITEMS} encrypted values",
            (FieldViolation("encrypted_values", f"1..{MAX_ITEMS} items"),),
        )
    values = []
    legacy = 0
    for index, value in enumerate(encrypted_values):
        where = f"encrypted_values[{index}]"
        if is_token(value) or not is_legacy_token(value):
            values.append(_open(decrypt_token, key, value, where))
        elif policy.accept_legacy_encryption:
            values.append(_open(decrypt_legacy, key, value, where))
            legacy += 1
        else:
            raise InvalidRecordError(
                f"{where} is {_LEGACY_REFUSED}", (FieldViolation(where, _LEGACY_REFUSED),)
            )
    if legacy:
        logger.warning("reidentify opened %d old-format value(s); re-encrypt them", legacy)
    return values


def migrate_encrypted(
    policy: RedactionPolicy, values: Sequence[str], entity_type: str
) -> list[str]:
    """Old-format values re-encrypted as v2 tokens of ``entity_type``; current ones kept as is.

    Old values carry no entity type, so the caller names it (the column they came
    from). A current token is checked, never rewritten; any value that does not
    open with the owner's key is refused, naming its index.
    """
    key = _owner_key(policy)
    if entity_type not in CATALOGUE:
        raise InvalidRecordError(
            "entity_type is not a catalogue entity type",
            (FieldViolation("entity_type", "unknown entity type"),),
        )
    migrated = []
    for index, value in enumerate(values):
        where = f"values[{index}]"
        if is_token(value) or not is_legacy_token(value):
            _open(decrypt_token, key, value, where)
            migrated.append(value)
        else:
            plain = _open(decrypt_legacy, key, value, where)
            migrated.append(encrypt_value(key, entity_type, plain))
    return migrated


def _owner_key(policy: RedactionPolicy) -> bytes:
    if policy.key is None:
        raise InvalidRecordError(
            "this owner's policy encrypts nothing: no key configured",
            (FieldViolation("owner", "has no encryption key"),),
        )
    return policy.key


def _open(decrypt: Callable[[bytes, str], str], key: bytes, value: str, where: str) -> str:
    """``decrypt(key, value)``, or InvalidRecordError naming ``where`` (never the value)."""
    try:
        return decrypt(key, value)
    except UndecryptableError:
        raise InvalidRecordError(
            f"{where} is {_NOT_OURS}", (FieldViolation(where, _NOT_OURS),)
        ) from None
