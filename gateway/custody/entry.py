"""One ledger entry: what the gateway did with one record, without any of its values.

Built from the engine's result (tags and findings) and the consumer index's keyed
hashes; it is a plain, picklable value so batch workers and Spark executors can
build entries where the record is and send them back to be written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from gateway.custody.consumer_index import ConsumerIndex, identifiers_of
from gateway.custody.status import DeliveryStatus
from redaction import Action, Lead, RedactedLead, RedactedTranscript, Transcript

Door = Literal["unary", "stream", "batch", "spark"]


@dataclass(frozen=True)
class LedgerEntry:
    """What the ledger records for one pass of one record through a door."""

    record_id: str
    kind: Literal["lead", "transcript"]
    owner: str
    data_category: str
    role: str
    legal_terms: tuple[str, ...]  # "CCPA: service provider"
    jurisdictions: tuple[str, ...]  # "US-CA"
    findings: tuple[tuple[str, int], ...]  # (entity type, count), sorted; kept ones included
    removed: int  # findings whose value did not leave as it came
    sensitive_categories: tuple[tuple[str, int], ...]
    contains_child_data: bool
    policy_id: str
    policy_version: str
    engine_version: str
    door: Door
    received_at: datetime
    retain_until: datetime
    delivery_status: DeliveryStatus
    consumer_keys: tuple[tuple[str, bytes], ...] = ()  # ("phone"|"email", keyed hash)
    # A live call's findings of a type that pauses recording, said while it was not paused:
    # the value is in the call's audio recording (what a PCI assessor counts). 0 for a lead.
    captured_while_recording: int = 0


def entry_for(
    record: Lead | Transcript,
    result: RedactedLead | RedactedTranscript,
    door: Door,
    delivery_status: DeliveryStatus,
    index: ConsumerIndex | None,
) -> LedgerEntry:
    """The entry for one redacted record; ``record`` is the original (for the index only)."""
    tags = result.tags
    counts = Counter(f.entity_type for f in result.findings)
    keys: tuple[tuple[str, bytes], ...] = ()
    if index is not None:
        keys = tuple(
            sorted(
                {
                    (kind, index.digest(tags.owner, kind, value))
                    for kind, value in identifiers_of(record, result.findings)
                }
            )
        )
    return LedgerEntry(
        record_id=record.id,
        kind="lead" if isinstance(record, Lead) else "transcript",
        owner=tags.owner,
        data_category=tags.data_category.value,
        role=tags.role.value,
        legal_terms=tuple(f"{t.law}: {t.term}" for t in tags.legal_terms),
        jurisdictions=(f"US-{tags.consumer_state}",) if tags.consumer_state else (),
        findings=tuple(sorted(counts.items())),
        removed=sum(1 for f in result.findings if f.action is not Action.KEPT),
        sensitive_categories=tuple(sorted(tags.sensitive_categories.items())),
        contains_child_data=tags.contains_child_data,
        policy_id=tags.policy_id,
        policy_version=tags.policy_version,
        engine_version=tags.engine_version,
        door=door,
        received_at=tags.received_at,
        retain_until=tags.retain_until,
        delivery_status=delivery_status,
        consumer_keys=keys,
        captured_while_recording=_captured_while_recording(result),
    )


def _captured_while_recording(result: RedactedLead | RedactedTranscript) -> int:
    """How many findings went into the call's recording; a lead has no recording."""
    if isinstance(result, RedactedLead):
        return 0
    return sum(1 for f in result.findings if f.captured_while_recording)
