"""Every entity type the engine knows: its sensitivity, legal category and default action.

Categories follow the CCPA/CPRA: sensitive-PI categories (Cal. Civ. Code
1798.140(ae)) for what a call center must not keep, and the ordinary
categories (identifiers, ...) for what makes up the lead itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from redaction.types import Action, Sensitivity


@dataclass(frozen=True)
class EntitySpec:
    """How one entity type is classified and handled by default."""

    entity_type: str
    sensitivity: Sensitivity
    category: str
    default_action: Action


# A live segment detection failed on: replaced whole, and counted as anything it may hold.
UNSCANNED = "UNSCANNED"


def _sensitive(entity_type: str, category: str) -> EntitySpec:
    return EntitySpec(entity_type, Sensitivity.SENSITIVE, category, Action.REPLACED)  # label


def _personal(entity_type: str, category: str = "IDENTIFIERS") -> EntitySpec:
    return EntitySpec(entity_type, Sensitivity.PERSONAL, category, Action.KEPT)


_SPECS = (
    _sensitive("US_SSN", "GOVERNMENT_ID"),
    _sensitive("CREDIT_CARD", "FINANCIAL_ACCOUNT"),
    _sensitive("CARD_SECURITY_CODE", "FINANCIAL_ACCOUNT"),
    _sensitive("CARD_EXPIRY", "FINANCIAL_ACCOUNT"),
    _sensitive("HEALTH_CONDITION", "HEALTH"),
    _sensitive("MEDICATION", "HEALTH"),
    _sensitive("MEDICAL_TREATMENT", "HEALTH"),
    _sensitive("DATE_OF_BIRTH", "PROTECTED_CLASSIFICATION"),
    _sensitive("US_ITIN", "GOVERNMENT_ID"),
    _sensitive("US_DRIVER_LICENSE", "GOVERNMENT_ID"),
    _sensitive("US_PASSPORT", "GOVERNMENT_ID"),
    _sensitive("US_MBI", "GOVERNMENT_ID"),
    _sensitive("ABA_ROUTING_NUMBER", "FINANCIAL_ACCOUNT"),
    _sensitive("US_BANK_NUMBER", "FINANCIAL_ACCOUNT"),
    _sensitive("IBAN_CODE", "FINANCIAL_ACCOUNT"),
    _sensitive("HEALTH_PLAN_ID", "HEALTH"),
    _sensitive("CRYPTO", "FINANCIAL_ACCOUNT"),  # a Bitcoin wallet address
    # A DEA registration: a federal license number, like the IDs above.
    _sensitive("MEDICAL_LICENSE", "GOVERNMENT_ID"),
    # A provider's NPI and the health plan's case numbers: they tell who treats the caller.
    _sensitive("US_NPI", "HEALTH"),
    _sensitive("US_PRIOR_AUTHORIZATION_NUMBER", "HEALTH"),
    _sensitive("US_CLAIM_NUMBER", "HEALTH"),
    _sensitive("US_PRESCRIPTION_NUMBER", "HEALTH"),
    _sensitive("US_REFERRAL_NUMBER", "HEALTH"),
    # A provider's EIN: a taxpayer identification number, like the ITIN.
    _sensitive("US_PROVIDER_TAX_ID", "GOVERNMENT_ID"),
    _sensitive("LAST_FOUR_DIGITS", "FINANCIAL_ACCOUNT"),
    _sensitive("ACCOUNT_SECRET", "ACCOUNT_CREDENTIALS"),
    _sensitive("PRECISE_GEOLOCATION", "PRECISE_GEOLOCATION"),
    _sensitive("RACIAL_ETHNIC_ORIGIN", "RACIAL_ETHNIC_ORIGIN"),
    _sensitive("RELIGION", "RELIGIOUS_BELIEFS"),
    _sensitive("UNION_MEMBERSHIP", "UNION_MEMBERSHIP"),
    _sensitive("SEXUAL_ORIENTATION_SEX_LIFE", "SEX_LIFE_ORIENTATION"),
    _sensitive("CITIZENSHIP_IMMIGRATION", "CITIZENSHIP_IMMIGRATION"),
    _sensitive("POLITICAL_OPINION", "POLITICAL_OPINIONS"),
    _sensitive("GENETIC_DATA", "GENETIC_DATA"),
    _sensitive("BIOMETRIC_DATA", "BIOMETRIC_DATA"),
    _sensitive("CHILD_AGE", "CHILD_DATA"),
    _sensitive("CHILD_NAME", "CHILD_DATA"),
    # transcript_numbers = "all": a caller's number not proven harmless.
    _sensitive("NUMBER", "UNCLASSIFIED_NUMBER"),
    # A live segment detection failed on, replaced whole (fail closed).
    _sensitive(UNSCANNED, "UNCLASSIFIED"),
    _personal("PERSON"),
    _personal("PHONE_NUMBER"),
    _personal("EMAIL_ADDRESS"),
    _personal("LOCATION"),
    _personal("STREET_ADDRESS"),
    _personal("ZIP_CODE"),
    _personal("US_STATE"),
)

CATALOGUE: MappingProxyType[str, EntitySpec] = MappingProxyType(
    {spec.entity_type: spec for spec in _SPECS}
)

SENSITIVE_ENTITIES: frozenset[str] = frozenset(
    spec.entity_type for spec in _SPECS if spec.sensitivity is Sensitivity.SENSITIVE
)


def spec_for(entity_type: str) -> EntitySpec:
    """Look up an entity type; unknown types are treated as sensitive (fail safe)."""
    spec = CATALOGUE.get(entity_type)
    if spec is None:
        return _sensitive(entity_type, "UNCLASSIFIED")
    return spec
