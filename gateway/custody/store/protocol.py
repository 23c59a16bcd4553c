"""The ledger's storage interface: small, so a shared database can back several gateways.

``SqliteLedger`` is the default (one file, shared by the processes of one host);
``PostgresLedger`` is a fleet's (one database, shared by every replica). Both
implement the same methods and pass the same contract tests; callers never see SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from gateway.custody.entry import LedgerEntry
from gateway.custody.status import DeliveryStatus, EntryState


@dataclass(frozen=True)
class LedgerRow:
    """One stored entry. On a tombstone (deleted, expired) only the first block is kept."""

    entry_id: int
    record_id: str
    kind: str
    owner: str
    received_at: datetime
    retain_until: datetime
    status: EntryState
    closed_at: datetime | None = None  # when it was deleted or expired
    deletion_request: int | None = None
    # Detail: empty on a tombstone.
    door: str = ""
    data_category: str = ""
    role: str = ""
    legal_terms: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    findings: dict[str, int] = field(default_factory=dict)
    removed: int = 0
    captured_while_recording: int = 0  # findings in a live call's recording (LedgerEntry)
    sensitive_categories: dict[str, int] = field(default_factory=dict)
    contains_child_data: bool = False
    policy_id: str = ""
    policy_version: str = ""
    engine_version: str = ""
    delivery_status: DeliveryStatus | None = None  # None on a tombstone
    delivery_at: datetime | None = None


@dataclass(frozen=True)
class DeletionRequestRow:
    """A recorded deletion request: who asked, when, what it reached. No identifiers."""

    request_id: int
    owner: str
    requested_at: datetime
    reference: str
    identifier_kinds: tuple[str, ...]
    records: int
    outbox_purged: int
    notices: int


@dataclass(frozen=True)
class ExpiredEntry:
    """An entry past ``retain_until``."""

    entry_id: int
    owner: str
    kind: str
    record_id: str
    delivery_status: DeliveryStatus


@dataclass(frozen=True)
class AuditQuery:
    """Filters for ``leadgate audit``; None means any."""

    owner: str | None = None
    since: datetime | None = None  # received at or after
    until: datetime | None = None  # received before
    category: str | None = None  # a data category or a sensitive category
    entity_type: str | None = None
    include_tombstones: bool = True


class LedgerStore(Protocol):
    """What the gateway, the batch doors, the sweeper and the CLI need of a ledger."""

    def bind_key(self, fingerprint: str) -> None:
        """Remember the index key's fingerprint; raise ConfigError if another one was used."""
        ...

    def record(self, entries: Sequence[LedgerEntry]) -> list[int]:
        """Store entries durably in one transaction; returns their entry ids, in order."""
        ...

    def set_delivery_status(
        self, keys: Sequence[tuple[str, str, str]], status: DeliveryStatus, at: datetime
    ) -> None:
        """Move the queued entries of (owner, kind, record_id) keys to ``status``."""
        ...

    def set_entry_delivery_status(
        self, entry_ids: Sequence[int], status: DeliveryStatus, at: datetime | None = None
    ) -> None:
        """Set the delivery status of live entries by id (and when, if ``at`` is given)."""
        ...

    def finish(self, entry_id: int, entry: LedgerEntry) -> None:
        """Replace an open call's provisional entry with its final one, keeping its id."""
        ...

    def cut_off_open_calls(self, at: datetime) -> int:
        """Close every entry still ``open`` as ``cut-off`` (at start: its call died with us)."""
        ...

    def sync(self) -> None:
        """Make every committed entry durable on disk (before a record is accepted)."""
        ...

    def is_active(self, entry_id: int) -> bool:
        """Whether the entry is still live (not deleted, not expired)."""
        ...

    def lookup(self, owner: str, digests: Sequence[bytes]) -> list[LedgerRow]:
        """The owner's live entries indexed under any of ``digests``."""
        ...

    def deletion_requests(self, owner: str, digests: Sequence[bytes]) -> list[DeletionRequestRow]:
        """The owner's recorded deletion requests made for any of ``digests``."""
        ...

    def delete_consumer(
        self,
        owner: str,
        digests: Sequence[bytes],
        identifier_kinds: Sequence[str],
        entry_ids: Sequence[int],
        reference: str,
        at: datetime,
        outbox_purged: int,
        notices: int,
    ) -> DeletionRequestRow:
        """Record the request and turn ``entry_ids`` into deletion tombstones, atomically."""
        ...

    def expired(self, now: datetime, limit: int, after: int = 0) -> list[ExpiredEntry]:
        """Live entries past ``retain_until`` with ids above ``after``, in id order."""
        ...

    def tombstone(self, entry_ids: Sequence[int], at: datetime) -> int:
        """Drop the detail and index of expired entries, keeping id, owner and dates."""
        ...

    def query(self, query: AuditQuery) -> Iterator[LedgerRow]:
        """Entries matching the filters, in the order they were recorded."""
        ...

    def sweep_lock(self) -> AbstractContextManager[bool]:
        """Held while a retention sweep runs: yields False when another sweeper holds it."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...


# The detail columns of a live entry, in the order both stores select them. An entry
# writes all but the last (``DETAIL_COLUMNS[:-1]``): delivery_at is set when it moves on.
DETAIL_COLUMNS = (
    "door",
    "data_category",
    "role",
    "legal_terms",
    "jurisdictions",
    "findings",
    "removed",
    "captured_while_recording",
    "sensitive_categories",
    "contains_child_data",
    "policy_id",
    "policy_version",
    "engine_version",
    "delivery_status",
    "delivery_at",
)

# The SELECT list ``ledger_row`` reads: the key columns, then the detail.
ROW_COLUMNS = (
    "entry_id, record_id, kind, owner, received_at, retain_until, status, closed_at,"
    " deletion_request, " + ", ".join(DETAIL_COLUMNS)
)


def ledger_row(
    values: tuple[Any, ...], to_time: Callable[[Any], datetime], decoded: Callable[[Any], Any]
) -> LedgerRow:
    """A stored row (the 9 key columns, then DETAIL_COLUMNS) as a LedgerRow.

    ``to_time`` and ``decoded`` are the backend's: how it stores a time and a list or
    mapping (SQLite: epoch seconds and JSON text; PostgreSQL: timestamptz and jsonb).
    """
    (entry_id, record_id, kind, owner, received, retain, status, closed, request) = values[:9]
    detail = dict(zip(DETAIL_COLUMNS, values[9:], strict=True))
    base = LedgerRow(
        entry_id=entry_id,
        record_id=record_id,
        kind=kind,
        owner=owner,
        received_at=to_time(received),
        retain_until=to_time(retain),
        status=EntryState(status),
        closed_at=to_time(closed) if closed is not None else None,
        deletion_request=request,
    )
    if status != EntryState.ACTIVE:
        return base
    return replace(
        base,
        door=detail["door"],
        data_category=detail["data_category"],
        role=detail["role"],
        legal_terms=tuple(decoded(detail["legal_terms"])),
        jurisdictions=tuple(decoded(detail["jurisdictions"])),
        findings=decoded(detail["findings"]),
        removed=detail["removed"],
        # NULL: recorded before the ledger counted it (the column was added later).
        captured_while_recording=detail["captured_while_recording"] or 0,
        sensitive_categories=decoded(detail["sensitive_categories"]),
        contains_child_data=bool(detail["contains_child_data"]),
        policy_id=detail["policy_id"],
        policy_version=detail["policy_version"],
        engine_version=detail["engine_version"],
        delivery_status=DeliveryStatus(detail["delivery_status"]),
        delivery_at=to_time(detail["delivery_at"]) if detail["delivery_at"] is not None else None,
    )
