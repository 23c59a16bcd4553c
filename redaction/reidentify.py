"""Give an owner back the values its policy encrypted, with its own key only."""

from __future__ import annotations

from collections.abc import Sequence

from presidio_anonymizer import DeanonymizeEngine
from presidio_anonymizer.entities import OperatorConfig, OperatorResult

from redaction.errors import FieldViolation, InvalidRecordError
from redaction.policy import RedactionPolicy

MAX_ITEMS = 1000


def reidentify(policy: RedactionPolicy, encrypted_values: Sequence[str]) -> list[str]:
    """Decrypt each value with the owner's key; a value not encrypted by this owner is refused."""
    if policy.key is None:
        raise InvalidRecordError(
            "this owner's policy encrypts nothing: no key configured",
            (FieldViolation("owner", "has no encryption key"),),
        )
    if not encrypted_values or len(encrypted_values) > MAX_ITEMS:
        raise InvalidRecordError(
            f"send 1 to {MAX_ITEMS} encrypted values",
            (FieldViolation("encrypted_values", f"1..{MAX_ITEMS} items"),),
        )
    engine = DeanonymizeEngine()  # type: ignore[no-untyped-call]
    operator = {"DEFAULT": OperatorConfig("decrypt", {"key": policy.key})}
    values = []
    for index, value in enumerate(encrypted_values):
        try:
            result = engine.deanonymize(
                value, [OperatorResult(0, len(value), "ENCRYPTED")], operator
            )
        except Exception:
            raise InvalidRecordError(
                f"encrypted_values[{index}] was not encrypted with this owner's key",
                (FieldViolation(f"encrypted_values[{index}]", "not decryptable for this owner"),),
            ) from None
        values.append(str(result.text))
    return values
