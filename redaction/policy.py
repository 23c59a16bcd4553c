"""Owner policies: what happens to each kind of data, how long records live, whose keys.

A ``RedactionPolicy`` maps entity types or legal categories to an action:

    remove   drop the value (a lead field named for it is dropped whole)
    label    replace by its type label, ``<US_SSN>`` (the default for sensitive data)
    mask     keep the last four characters (cards: at most the last 4 digits, within PCI's 6/4)
    hash     keyed HMAC-SHA256 with the owner's key: a stable pseudonym, per owner
    encrypt  AES-SIV (authenticated) with the owner's key, reversible through ``Reidentify``
    keep     leave it (only for ordinary PI; the default for leads)

The rules the law sets are checked when a policy is built: sensitive data is
never kept; card security codes and account secrets (PCI sensitive
authentication data, codes that open accounts) can only be removed or
labelled; hash and encrypt need the owner's own key, so nothing keyed is
shared between owners.

A ``field_map`` names the kind an owner's columns hold (``c7`` -> ``DATE_OF_BIRTH``):
every value of a mapped column is handled whole as that kind, as a field named
for it is. A map is checked like the rest: only catalogue entity types, only
kinds the policy removes or transforms (a map never keeps a column), and a
column whose name says it is sensitive is never mapped to a kind that is not.

On live calls, ``pause_recording`` names the types whose slot, once an agent asks
for it, pauses the call recording (``redaction/recording.py``), and
``max_pause_seconds`` how long a pause may last before the gateway resumes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from redaction.catalogue import CATALOGUE, spec_for
from redaction.errors import FieldViolation, PolicyError
from redaction.field_names import classify_field
from redaction.slot_table import SLOT_TABLE
from redaction.spanish.language import LANGUAGE_SETTINGS, Language
from redaction.types import Action, Sensitivity

DEFAULT_RETENTION_DAYS = 120
DEFAULT_CHILD_MAX_AGE = 13
TRANSCRIPT_NUMBERS = ("sensitive", "all")
# What a policy (or a call) may say its calls are in; "auto" reads each segment's words.
LANGUAGE_WORDS = tuple(sorted(str(setting) for setting in LANGUAGE_SETTINGS))

ACTION_WORDS: Mapping[str, Action] = MappingProxyType(
    {
        "remove": Action.REMOVED,
        "label": Action.REPLACED,
        "mask": Action.MASKED,
        "hash": Action.HASHED,
        "encrypt": Action.ENCRYPTED,
        "keep": Action.KEPT,
    }
)
KEYED_ACTIONS = frozenset({Action.HASHED, Action.ENCRYPTED})
# PCI DSS sensitive authentication data and codes that open accounts: removal only.
REMOVAL_ONLY = frozenset({"CARD_SECURITY_CODE", "ACCOUNT_SECRET"})
_REMOVALS = frozenset({Action.REMOVED, Action.REPLACED})
KEY_BYTES = 32
# Kept out of call recordings: card number, expiry and code (PCI DSS), bank account, SSN,
# and account secrets (PINs are PCI sensitive authentication data, as the code is; one-time
# codes and passwords open accounts). Amex's front code is asked for as a "4 digit code".
DEFAULT_PAUSE_RECORDING = frozenset(
    {
        "CREDIT_CARD",
        "CARD_EXPIRY",
        "CARD_SECURITY_CODE",
        "US_BANK_NUMBER",
        "US_SSN",
        "ACCOUNT_SECRET",
    }
)
# A card, its expiry and code take well under a minute to read; two minutes is a stall.
DEFAULT_MAX_PAUSE_SECONDS = 120.0
MAX_PAUSE_SECONDS_RANGE = (5.0, 3600.0)
# What an agent's question can ask for: only these can pause a recording.
PAUSABLE_TYPES = frozenset(spec.entity_type for spec in SLOT_TABLE)


def _known_names() -> frozenset[str]:
    return frozenset(CATALOGUE) | frozenset(spec.category for spec in CATALOGUE.values())


@dataclass(frozen=True)
class RedactionPolicy:
    """One owner's (or the default) policy. Validated when built."""

    policy_id: str = "default"
    policy_version: str = "1"
    retention_days: int = DEFAULT_RETENTION_DAYS
    actions: Mapping[str, Action] = field(default_factory=lambda: MappingProxyType({}))
    transcript_ordinary: Action = Action.KEPT
    child_max_age: int = DEFAULT_CHILD_MAX_AGE
    # "sensitive": numbers that are a sensitive value; "all": every customer number of three
    # digits or more that is not proven harmless (money, a time, a quantity, a kept phone).
    transcript_numbers: str = "sensitive"
    # The language of this owner's calls, unless a call says its own: "auto" (each segment's
    # own words decide), "en" or "es" (every segment read as that language).
    language: str = "auto"
    key: bytes | None = field(default=None, repr=False)
    # Reidentify also opens values encrypted before v2 (Presidio AES-CBC, unauthenticated:
    # an altered one may open to another value). Off by default; on only while migrating.
    accept_legacy_encryption: bool = False
    path: str = "policy"
    # Column name -> entity type: the column's values are handled whole as that kind.
    field_map: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Live calls: the slot types that pause the recording, and the longest pause.
    pause_recording: frozenset[str] = DEFAULT_PAUSE_RECORDING
    max_pause_seconds: float = DEFAULT_MAX_PAUSE_SECONDS

    def __post_init__(self) -> None:
        violations = self._violations()
        if violations:
            raise PolicyError(
                "invalid policy: " + "; ".join(f"{v.field}: {v.description}" for v in violations),
                tuple(violations),
            )

    def _violations(self) -> list[FieldViolation]:
        found: list[FieldViolation] = []
        if self.retention_days < 1:
            found.append(FieldViolation(f"{self.path}.retention_days", "must be >= 1"))
        if self.transcript_numbers not in TRANSCRIPT_NUMBERS:
            found.append(
                FieldViolation(f"{self.path}.transcript_numbers", "must be 'sensitive' or 'all'")
            )
        if self.language not in LANGUAGE_WORDS:
            found.append(
                FieldViolation(
                    f"{self.path}.language", f"must be one of {', '.join(LANGUAGE_WORDS)}"
                )
            )
        if not 13 <= self.child_max_age <= 16:
            found.append(FieldViolation(f"{self.path}.child_max_age", "must be 13..16"))
        if self.transcript_ordinary not in (Action.KEPT, Action.MASKED, Action.REPLACED):
            found.append(
                FieldViolation(f"{self.path}.transcript_ordinary", "must be keep, mask or label")
            )
        if self.key is not None and len(self.key) != KEY_BYTES:
            found.append(FieldViolation(f"{self.path}.key", f"must be {KEY_BYTES} bytes"))
        known = _known_names()
        for name, action in self.actions.items():
            where = f"{self.path}.actions.{name}"
            if name not in known:
                found.append(FieldViolation(where, "unknown entity type or category"))
            elif action is Action.KEPT and self._sensitive(name):
                found.append(FieldViolation(where, "sensitive data cannot be kept"))
            elif action not in _REMOVALS and name in REMOVAL_ONLY:
                found.append(FieldViolation(where, "may only be removed or labelled (PCI)"))
            elif action in KEYED_ACTIONS and self.key is None:
                found.append(FieldViolation(where, "hash/encrypt need the owner's key"))
        found += self.field_map_violations(self.field_map, f"{self.path}.field_map")
        for name in sorted(self.pause_recording - PAUSABLE_TYPES):
            found.append(
                FieldViolation(
                    f"{self.path}.pause_recording.{name}",
                    "not a type an agent asks for; one of " + ", ".join(sorted(PAUSABLE_TYPES)),
                )
            )
        low, high = MAX_PAUSE_SECONDS_RANGE
        if not low <= self.max_pause_seconds <= high:
            found.append(
                FieldViolation(f"{self.path}.max_pause_seconds", f"must be {low:g}..{high:g}")
            )
        return found

    def field_map_violations(self, field_map: Mapping[str, str], path: str) -> list[FieldViolation]:
        """What is wrong with mapping these columns to these kinds under this policy.

        Used for the policy's own ``field_map`` and for the column kinds a batch
        job's profile gives (``Redactor.redact_lead(column_kinds=...)``).
        """
        found: list[FieldViolation] = []
        for index, (column, entity_type) in enumerate(field_map.items()):
            # A column name with a long number in it is named by its place, never itself
            # (a header-less file makes a value, an SSN maybe, a column's name).
            digits = sum(ch.isdigit() for ch in column)
            where = f"{path}[{index}]" if digits >= 6 else f"{path}.{column}"
            rule = classify_field(column)
            if not column.strip():
                found.append(FieldViolation(path, "a column name must not be empty"))
            elif entity_type not in CATALOGUE:
                found.append(FieldViolation(where, "unknown entity type"))
            elif self.action_for(entity_type) is Action.KEPT:
                found.append(
                    FieldViolation(
                        where,
                        f"this policy keeps {entity_type}: a column may only be mapped to a "
                        "kind the policy removes or transforms",
                    )
                )
            elif rule is not None and rule.sensitive and not self._sensitive(entity_type):
                found.append(
                    FieldViolation(
                        where,
                        f"the column's name says {rule.entity_type} (sensitive); "
                        f"{entity_type} is not sensitive",
                    )
                )
        return found

    @staticmethod
    def _sensitive(name: str) -> bool:
        if name in CATALOGUE:
            return CATALOGUE[name].sensitivity is Sensitivity.SENSITIVE
        return any(
            s.category == name and s.sensitivity is Sensitivity.SENSITIVE
            for s in CATALOGUE.values()
        )

    def language_for(self, requested: str = "") -> Language:
        """The language to read a call in: its own setting if it has one, else this policy's.

        The one place a setting's word becomes a ``Language``; both words were validated
        before (the call's with its record, this policy's when built).
        """
        return Language(requested or self.language)

    def action_for(self, entity_type: str, *, in_transcript: bool = False) -> Action:
        """Entity override, else category override, else the catalogue default.

        Removal-only types ignore category-wide mask/hash/encrypt and are labelled.
        """
        spec = spec_for(entity_type)
        action = self.actions.get(entity_type) or self.actions.get(spec.category)
        if action is None:
            if in_transcript and spec.sensitivity is Sensitivity.PERSONAL:
                return self.transcript_ordinary
            return spec.default_action
        if entity_type in REMOVAL_ONLY and action not in _REMOVALS:
            return Action.REPLACED
        return action


@dataclass(frozen=True)
class PolicyBook:
    """The default policy and each owner's own: an owner never gets another's."""

    default: RedactionPolicy = field(default_factory=RedactionPolicy)
    owners: Mapping[str, RedactionPolicy] = field(default_factory=lambda: MappingProxyType({}))

    def for_owner(self, owner: str) -> RedactionPolicy:
        """The owner's policy, or the default one."""
        return self.owners.get(owner, self.default)
