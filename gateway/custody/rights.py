"""Help a controller answer a consumer's access or deletion request (policy §10, §11).

The controller forwards the consumer's phone number or email; the same
normalization and the owner's key give the hashes the ledger indexed, so the
records that concerned the consumer are found without the ledger holding the
phone or email. Deletion withdraws what the gateway still holds (outbox rows),
queues a deletion notice per record for the dialer sink, then turns the ledger
entries into tombstones and records the request itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from gateway.custody.consumer_index import ConsumerIndex, IdentifierKind, normalize_phone
from gateway.custody.outbox import OutboxStore, RecordKind
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import DeletionRequestRow, LedgerRow, LedgerStore

# Delivery statuses of records a dialer sink has or may have: deleting them needs the outbox.
WENT_TO_A_SINK = frozenset(
    {
        DeliveryStatus.QUEUED,
        DeliveryStatus.DELIVERED,
        DeliveryStatus.PARKED,
        DeliveryStatus.REPLACED,
    }
)

_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/#-]{0,63}")


@dataclass(frozen=True)
class ConsumerRecords:
    """What the ledger holds about one consumer of one owner."""

    owner: str
    entries: list[LedgerRow]
    deletions: list[DeletionRequestRow]


@dataclass(frozen=True)
class Identifiers:
    """The consumer's identifiers as keyed hashes (the values are not kept)."""

    kinds: tuple[IdentifierKind, ...]
    digests: tuple[bytes, ...]


def consumer_identifiers(
    index: ConsumerIndex, owner: str, phones: Sequence[str], emails: Sequence[str]
) -> Identifiers:
    """Hash the given phones and emails under the owner's key; ValueError names a bad one."""
    if not owner:
        raise ValueError("--owner is required")
    if not phones and not emails:
        raise ValueError("give at least one --phone or --email")
    given: list[tuple[IdentifierKind, str]] = [("phone", p) for p in phones]
    given += [("email", e) for e in emails]
    digests = tuple(index.lookup_digest(owner, kind, value) for kind, value in given)
    return Identifiers(tuple(kind for kind, _ in given), digests)


def check_reference(reference: str, phones: Sequence[str] = ()) -> str:
    """The controller's request reference: a short token (no spaces, no @), or empty.

    It is stored and sent to the dialer, so it must not carry the consumer's phone.
    """
    if reference and not _REFERENCE.fullmatch(reference):
        raise ValueError(
            "--reference must be a short token (letters, digits, . _ : / # -, at most 64),"
            " such as the controller's ticket id; never the consumer's details"
        )
    digits = "".join(ch for ch in reference if ch.isdigit())
    for phone in phones:
        normalized = normalize_phone(phone)
        if normalized and normalized[-7:] in digits:
            raise ValueError("--reference must not contain the consumer's phone number")
    return reference


def lookup(store: LedgerStore, owner: str, identifiers: Identifiers) -> ConsumerRecords:
    """The owner's records that concerned the consumer, and earlier deletion requests."""
    return ConsumerRecords(
        owner=owner,
        entries=store.lookup(owner, identifiers.digests),
        deletions=store.deletion_requests(owner, identifiers.digests),
    )


def delete(
    store: LedgerStore,
    outbox: OutboxStore | None,
    owner: str,
    identifiers: Identifiers,
    reference: str = "",
    now: datetime | None = None,
) -> tuple[DeletionRequestRow, list[LedgerRow]]:
    """Delete the consumer's records; returns the recorded request and the entries it closed.

    With no outbox (no dialer sink configured) nothing is held and nothing is sent.
    Run again after a crash, it finds the same entries and repeats the same steps.
    """
    now = now or datetime.now(UTC)
    reference = check_reference(reference)
    entries = store.lookup(owner, identifiers.digests)
    if outbox is None:
        sent = sorted(WENT_TO_A_SINK.intersection(e.delivery_status for e in entries))
        if sent:
            raise ValueError(
                f"some of these records went to a dialer sink (delivery {', '.join(sent)}):"
                " run with the gateway's configuration (sink_address, outbox_path) so they"
                " are purged and the sink is told; nothing was deleted"
            )
    keys: list[tuple[RecordKind, str, str]] = sorted(
        {(_kind(e.kind), e.owner, e.record_id) for e in entries}
    )
    purged = notices = 0
    if outbox is not None and keys:
        purged, notices = outbox.withdraw(
            keys, notify=True, requested_at=now.timestamp(), reference=reference
        )
    request = store.delete_consumer(
        owner,
        identifiers.digests,
        identifiers.kinds,
        [e.entry_id for e in entries],
        reference,
        now,
        purged,
        notices,
    )
    if outbox is not None and keys:
        # A gateway that committed one of these entries just before the lookup may have
        # put the record in the outbox since: withdraw again now that the entries are
        # closed (later accepts see the closed entry and withdraw themselves).
        again, _ = outbox.withdraw(
            keys, notify=False, requested_at=now.timestamp(), reference=reference
        )
        purged += again
    return request, entries


def _kind(kind: str) -> RecordKind:
    return "lead" if kind == "lead" else "transcript"
