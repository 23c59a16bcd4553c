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

from gateway.ledger.consumer_index import ConsumerIndex, IdentifierKind
from gateway.ledger.store import DeletionRequestRow, LedgerRow, LedgerStore
from gateway.outbox import Outbox

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


def check_reference(reference: str) -> str:
    """The controller's request reference: a short token (no spaces, no @), or empty."""
    if reference and not _REFERENCE.fullmatch(reference):
        raise ValueError(
            "--reference must be a short token (letters, digits, . _ : / # -, at most 64),"
            " such as the controller's ticket id; never the consumer's details"
        )
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
    outbox: Outbox | None,
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
    keys = sorted({(e.kind, e.owner, e.record_id) for e in entries})
    purged = notices = 0
    if outbox is not None and keys:
        purged, notices = outbox.withdraw(
            keys,  # type: ignore[arg-type]
            notify=True,
            requested_at=now.timestamp(),
            reference=reference,
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
    return request, entries
