"""What ``leadgate rights`` prints: a consumer's records, a deletion's outcome; text or JSON.

Only ids, dates, counts and categories: never a phone number or email.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, TextIO

from gateway.custody.rights import ConsumerRecords
from gateway.custody.store.protocol import DeletionRequestRow, LedgerRow
from gateway.reports.audit import row_to_dict
from gateway.reports.text import iso_z


def write_consumer_records(found: ConsumerRecords, as_json: bool, out: TextIO) -> None:
    """The records that concerned the consumer, and its earlier deletion requests."""
    if as_json:
        json.dump(
            {
                "owner": found.owner,
                "records": [row_to_dict(e) for e in found.entries],
                "deletion_requests": [_request_dict(r) for r in found.deletions],
            },
            out,
            indent=2,
        )
        out.write("\n")
        return
    out.write(f"{found.owner}: {len(found.entries)} record(s) concerned this consumer\n")
    for e in found.entries:
        sensitive = ", ".join(f"{k}={v}" for k, v in e.sensitive_categories.items()) or "none"
        out.write(
            f"  {e.kind} {e.record_id}  received {iso_z(e.received_at)} via {e.door}"
            f"  retain until {iso_z(e.retain_until)}  delivery {e.delivery_status}"
            f"  {e.data_category}  sensitive: {sensitive}\n"
        )
    for r in found.deletions:
        out.write(
            f"  deletion request {r.request_id} on {iso_z(r.requested_at)}"
            f" ({r.reference or 'no reference'}): {r.records} record(s) deleted\n"
        )


def write_deletion(
    request: DeletionRequestRow,
    entries: Sequence[LedgerRow],
    as_json: bool,
    sink_configured: bool,
    out: TextIO,
) -> None:
    """The recorded request and the entries it closed (``sink_configured``: notices went)."""
    if as_json:
        records = [
            {"record_id": e.record_id, "kind": e.kind, "received_at": iso_z(e.received_at)}
            for e in entries
        ]
        json.dump({"deletion_request": _request_dict(request), "records": records}, out, indent=2)
        out.write("\n")
        return
    out.write(
        f"deletion request {request.request_id} for {request.owner}: {request.records}"
        f" record(s) marked deleted, {request.outbox_purged} outbox row(s) purged,"
        f" {request.notices} deletion notice(s) queued for the dialer sink\n"
    )
    for entry in entries:
        out.write(f"  {entry.kind} {entry.record_id}  received {iso_z(entry.received_at)}\n")
    if not sink_configured:
        out.write("no dialer sink is configured: nothing was held, no notices to send\n")


def _request_dict(request: DeletionRequestRow) -> dict[str, Any]:
    data = asdict(request)
    data["requested_at"] = iso_z(request.requested_at)
    data["identifier_kinds"] = list(request.identifier_kinds)
    return data
