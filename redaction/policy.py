"""An owner's redaction policy: what to do per entity type, and how long to keep records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from redaction.catalogue import spec_for
from redaction.errors import FieldViolation, InvalidRecordError
from redaction.types import Action, Sensitivity

DEFAULT_RETENTION_DAYS = 120


@dataclass(frozen=True)
class RedactionPolicy:
    """Per-entity actions over the catalogue's defaults, plus retention.

    Sensitive entity types can never be set to KEPT: the policies forbid
    keeping them (customer-solutions-group.txt §3.4).
    """

    policy_id: str = "default"
    policy_version: str = "1"
    retention_days: int = DEFAULT_RETENTION_DAYS
    overrides: Mapping[str, Action] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.retention_days < 1:
            raise InvalidRecordError(
                "retention must be at least one day",
                (FieldViolation("policy.retention_days", "must be >= 1"),),
            )
        for entity_type, action in self.overrides.items():
            spec = spec_for(entity_type)
            if spec.sensitivity is Sensitivity.SENSITIVE and action is Action.KEPT:
                raise InvalidRecordError(
                    "sensitive entity types cannot be kept",
                    (
                        FieldViolation(
                            f"policy.overrides.{entity_type}", "sensitive: cannot be KEPT"
                        ),
                    ),
                )

    def action_for(self, entity_type: str) -> Action:
        """The override for this type if any, else the catalogue's default."""
        return self.overrides.get(entity_type, spec_for(entity_type).default_action)
