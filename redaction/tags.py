"""Tags: the owner, the data category, and the call center's role in each law's words.

The generic role comes from whose data it is (customer-solutions-group.txt §3):
client data -> processor, the call center's own -> controller. Each US state
comprehensive privacy law applies by the consumer's state of residence; the
CCPA says "service provider"/"business", the others "processor"/"controller".
With no known state, only the generic role is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType

from redaction.policy import RedactionPolicy
from redaction.types import DataCategory, DataSource, LegalTerm, Role, Tags

# State -> short name of its comprehensive consumer privacy law.
STATE_LAWS: Mapping[str, str] = MappingProxyType(
    {
        "CA": "CCPA",
        "VA": "VCDPA",
        "CO": "CPA",
        "CT": "CTDPA",
        "UT": "UCPA",
        "TX": "TDPSA",
        "OR": "OCPA",
        "MT": "MCDPA",
        "IA": "ICDPA",
        "DE": "DPDPA",
        "NH": "NHPA",
        "NJ": "NJDPA",
        "NE": "NDPA",
        "TN": "TIPA",
        "MN": "MNCDPA",
        "MD": "MODPA",
        "IN": "INCDPA",
        "KY": "KCDPA",
        "RI": "RIDTPPA",
    }
)

# Data about children under 13 (16 in some policies) is flagged on the record.
CHILD_DATA_CATEGORY = "CHILD_DATA"

_CCPA_TERMS = MappingProxyType({Role.PROCESSOR: "service provider", Role.CONTROLLER: "business"})
_GENERIC_TERMS = MappingProxyType({Role.PROCESSOR: "processor", Role.CONTROLLER: "controller"})


def role_for(source: DataSource) -> Role:
    """Client data is processed for the client; the call center's own is controlled by it."""
    return Role.PROCESSOR if source is DataSource.CLIENT else Role.CONTROLLER


def legal_terms(role: Role, state: str) -> tuple[LegalTerm, ...]:
    """The role in the words of the law of ``state`` (a postal code), if it has one."""
    law = STATE_LAWS.get(state)
    if law is None:
        return ()
    words = _CCPA_TERMS if law == "CCPA" else _GENERIC_TERMS
    return (LegalTerm(law=law, term=words[role]),)


def data_category(source: DataSource, *, is_transcript: bool) -> DataCategory:
    """Lead data, data enhancements (what is said on a client's call) or other information."""
    if source is DataSource.CALL_CENTER:
        return DataCategory.OTHER_INFORMATION
    return DataCategory.DATA_ENHANCEMENT if is_transcript else DataCategory.LEAD_DATA


def build_tags(
    *,
    owner: str,
    source: DataSource,
    is_transcript: bool,
    state: str,
    sensitive_categories: Mapping[str, int],
    received_at: datetime,
    policy: RedactionPolicy,
    engine_version: str,
) -> Tags:
    """Assemble a record's tags; ``retain_until`` is receipt plus the policy's retention."""
    role = role_for(source)
    return Tags(
        owner=owner,
        data_category=data_category(source, is_transcript=is_transcript),
        role=role,
        legal_terms=legal_terms(role, state),
        sensitive_categories=MappingProxyType(dict(sorted(sensitive_categories.items()))),
        received_at=received_at,
        retain_until=received_at + timedelta(days=policy.retention_days),
        engine_version=engine_version,
        policy_id=policy.policy_id,
        policy_version=policy.policy_version,
        consumer_state=state,
        contains_child_data=sensitive_categories.get(CHILD_DATA_CATEGORY, 0) > 0,
    )
