"""Classify a lead field by its name, so its whole value is handled without scanning.

Names are compared as lowercase tokens (camelCase, separators and digits split):
``SSN``, ``ss_num``, ``socialSecurityNumber`` and ``Social-Security #`` all
read as a social security number.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from redaction.recognizers.ssn import is_issuable_ssn

_CAMEL = regex.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = regex.compile(r"[^a-z0-9#]+")


@dataclass(frozen=True)
class FieldRule:
    """A field-name pattern over the ``_``-joined tokens, and what it means."""

    entity_type: str
    pattern: str
    sensitive: bool
    whole_name: bool = False


def name_tokens(name: str) -> str:
    """``"socialSecurity-No"`` -> ``"social_security_no"``."""
    spaced = _CAMEL.sub("_", name.strip()).lower().replace("#", "_#")
    return "_".join(token for token in _SEPARATORS.split(spaced) if token)


_NUM = r"(?:num|number|no|nbr|nr|#|id)"

# Order matters: the first rule that matches wins (more specific first).
FIELD_RULES: tuple[FieldRule, ...] = (
    FieldRule(
        "CARD_SECURITY_CODE",
        r"cvv2?|cvc2?|csc|cid|cvn|(?:card_)?security_code|card_code|sec_code",
        True,
    ),
    FieldRule(
        "CARD_EXPIRY",
        r"(?:cc|card|credit_card)_?exp\w*|exp(?:iry|iration)?(?:_date)?|expdate|exp_(?:month|year|mm|yy|yyyy)",
        True,
    ),
    FieldRule(
        "CREDIT_CARD",
        r"(?:credit|debit)_?card(?:_"
        + _NUM
        + r")?|cc(?:_?"
        + _NUM
        + r")?|ccn|pan|card(?:_?"
        + _NUM
        + r")?",
        True,
    ),
    FieldRule(
        "US_SSN",
        r"ssn\d?|ss_?" + _NUM + r"|ssnum(?:ber)?|ssno|social(?:_?security)?(?:_?" + _NUM + r")?"
        r"|soc_?sec(?:_?" + _NUM + r")?|socialsecurity(?:number|num|no)?",
        True,
    ),
    FieldRule(
        "ABA_ROUTING_NUMBER",
        r"routing(?:_?" + _NUM + r")?|aba(?:_?" + _NUM + r")?|rtn|transit_?" + _NUM,
        True,
    ),
    FieldRule(
        "US_BANK_NUMBER",
        r"(?:bank_?)?(?:account|acct)_?" + _NUM + r"|bank_?(?:account|acct)"
        r"|(?:checking|savings)(?:_?(?:account|acct))?(?:_?" + _NUM + r")?|iban|dda",
        True,
    ),
    FieldRule(
        "US_DRIVER_LICENSE",
        r"(?:drivers?_?)?licen[cs]e(?:_?" + _NUM + r")?|dl(?:_?" + _NUM + r")?|dln",
        True,
    ),
    FieldRule("US_PASSPORT", r"passport(?:_?" + _NUM + r")?", True),
    FieldRule("US_ITIN", r"itin|tax_?id|tin", True),
    FieldRule("US_MBI", r"mbi|medicare(?:_?" + _NUM + r")?|medicare_beneficiary\w*", True),
    FieldRule(
        "HEALTH_PLAN_ID",
        r"(?:member|medicaid|insurance|subscriber|policy_holder)_?" + _NUM,
        True,
    ),
    FieldRule(
        "DATE_OF_BIRTH", r"dob|d_o_b|date_?of_?birth|birth_?date|birthday|bday|birth_?dt", True
    ),
    FieldRule(
        "HEALTH_CONDITION",
        r"diagnos[ie]s|medical(?:_\w+)?|health(?:_\w+)?|conditions?|illness(?:es)?|diseases?|ailments?|disability",
        True,
    ),
    FieldRule(
        "HEALTH_CONDITION", r"diag|dx|icd(?:_?10)?(?:_code)?|symptoms?|allerg(?:y|ies)", True
    ),
    FieldRule(
        "ACCOUNT_SECRET",
        r"pass(?:word|wd|code|phrase)?|pwd|pin(?:_?(?:code|num|number))?|otp|security_(?:answer|question)|mothers?_maiden(?:_name)?|maiden_name",
        True,
    ),
    FieldRule(
        "PRECISE_GEOLOCATION",
        r"lat(?:itude)?|lon(?:g|gitude)?|lng|geo(?:_?loc(?:ation)?)?|gps(?:_\w+)?|coord(?:inate)?s?|lat_?l(?:ng|on)",
        True,
    ),
    FieldRule("RACIAL_ETHNIC_ORIGIN", r"race|ethnicity|ethnic(?:_origin)?|national_origin", True),
    FieldRule("RELIGION", r"religion|religious(?:_\w+)?|faith|denomination", True),
    FieldRule(
        "UNION_MEMBERSHIP", r"union_(?:member(?:ship)?|local|status|affiliation)|labor_union", True
    ),
    FieldRule(
        "SEXUAL_ORIENTATION_SEX_LIFE",
        r"sexual_orientation|orientation|sexuality|gender_identity",
        True,
    ),
    FieldRule(
        "CITIZENSHIP_IMMIGRATION",
        r"citizenship|citizen(?:_status)?|immigration(?:_status)?|visa_status|residency_status|alien_(?:number|no|id)|a_number",
        True,
    ),
    FieldRule("POLITICAL_OPINION", r"party_affiliation|political(?:_\w+)?|voter_party", True),
    FieldRule("GENETIC_DATA", r"genetic(?:_\w+)?|dna(?:_\w+)?|genome", True),
    FieldRule(
        "BIOMETRIC_DATA",
        r"biometric(?:_\w+)?|fingerprints?|face_?(?:print|id|scan)|voice_?print|retina(?:_scan)?",
        True,
    ),
    FieldRule("CHILD_AGE", r"(?:child|children|kids?|dependents?)(?:_\w+)?", True),
    FieldRule("MEDICATION", r"medications?|meds|prescriptions?|rx|drugs?", True),
    FieldRule("MEDICAL_TREATMENT", r"treatments?|procedures?|surger(?:y|ies)|therapy", True),
    FieldRule("EMAIL_ADDRESS", r"e?_?mail(?:_address)?|email\w*", False),
    FieldRule(
        "PHONE_NUMBER",
        r"phone\w*|\w*_?phone|mobile|cell(?:_phone)?|tel(?:ephone)?|home_phone|work_phone|fax",
        False,
    ),
    FieldRule("ZIP_CODE", r"zip(?:_?code)?|zip5|postal(?:_?code)?|post_code|postcode", False),
    FieldRule(
        "US_STATE", r"(?:[a-z]+_)?(?:state|st)(?:_code)?|province|region", False, whole_name=True
    ),
    FieldRule(
        "STREET_ADDRESS",
        r"(?:street_)?address(?:_?[12])?|addr\d?|street|address_line_?\d|city|town|county",
        False,
    ),
    FieldRule(
        "PERSON",
        r"(?:(?:first|last|middle|full|given|family|contact|customer|consumer|lead|person)_?)?name"
        r"|fname|lname|surname|(?:first|last)_?nm",
        False,
        whole_name=True,
    ),
)


def _compile(rule: FieldRule) -> regex.Pattern[str]:
    if rule.whole_name:
        return regex.compile(r"^(?:" + rule.pattern + r")$")
    return regex.compile(r"(?:^|_)(?:" + rule.pattern + r")(?:$|_)")


_COMPILED = tuple((rule, _compile(rule)) for rule in FIELD_RULES)

# Tokens that make a field *about* a card or a condition without holding one.
_DESCRIPTIVE_TOKENS = frozenset(
    {
        "type",
        "brand",
        "holder",
        "network",
        "issuer",
        "last4",
        "last_4",
        "status",
        "count",
        "flag",
        "on_file",
        "present",
    }
)


_SSN_SHAPE = regex.compile(r"^\s*(\d{3})[- .]?(\d{2})[- .]?(\d{4})\s*$")


# Names that say a field holds the business's own reference numbers, not a person's.
_REFERENCE_TOKENS = frozenset(
    {"order", "confirmation", "conf", "tracking", "reference", "ref", "invoice", "ticket",
     "transaction", "txn", "lead", "campaign", "case", "quote", "vendor", "source", "sku"}
)  # fmt: skip


def classify_value(name: str, value: str) -> str | None:
    """An entity type a whole value's shape alone gives away (a lone SSN in ``custom_17``).

    Not for fields whose name says they hold reference numbers (``order_id``).
    """
    if _REFERENCE_TOKENS.intersection(name_tokens(name).split("_")):
        return None
    match = _SSN_SHAPE.match(value)
    if match and is_issuable_ssn("".join(match.groups())):
        return "US_SSN"
    return None


def classify_field(name: str) -> FieldRule | None:
    """Return the rule a field name matches, or None for free text / unknown names."""
    tokens = name_tokens(name)
    if not tokens:
        return None
    if _DESCRIPTIVE_TOKENS.intersection(tokens.split("_")) or "last_4" in tokens:
        return None
    for rule, compiled in _COMPILED:
        if compiled.search(tokens):
            return rule
    return None
