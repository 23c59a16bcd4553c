"""The custody statuses, one enum each, with the stored strings (old files read as before).

StrEnum members compare equal to their strings, so a status read back from SQLite
(a plain ``str``) matches its member, and a member binds to SQL as its string.
"""

from __future__ import annotations

from enum import StrEnum


class DeliveryStatus(StrEnum):
    """Where a ledger entry's record went: written by the door, moved on by the deliverer."""

    RETURNED = "returned"  # answered to the caller only (no dialer sink configured)
    QUEUED = "queued"  # accepted into the outbox for the dialer sink
    DELIVERED = "delivered"  # the sink confirmed it
    PARKED = "parked"  # the sink refused it for good (or it is too large for the sink)
    REFUSED = "refused"  # redacted, but the outbox could not take it (the call failed)
    WRITTEN = "written"  # written to a batch job's output
    REPLACED = "replaced"  # a newer revision of the record was queued while this one waited
    # A live call whose first redacted segment went back to the caller and that has not
    # ended yet; one still open when a gateway starts was cut off by a crash or a kill.
    OPEN = "open"
    CUT_OFF = "cut-off"


class EntryState(StrEnum):
    """Whether a ledger entry is live or a tombstone (its detail and index dropped)."""

    ACTIVE = "active"
    DELETED = "deleted"  # a consumer's deletion request closed it
    EXPIRED = "expired"  # the retention sweep closed it


class Attempt(StrEnum):
    """The outcome of one attempt to send a record or a deletion notice to the sink."""

    DELIVERED = "delivered"  # the sink confirmed it
    PARKED = "parked"  # retrying cannot deliver it: kept aside with its reason
    DEFERRED = "deferred"  # it backs off alone; the next one goes now
    RETRY = "retry"  # the sink fails everything (or is unreachable): the deliverer backs off
