"""What ``leadgate audit`` prints: ledger rows as a table, CSV or JSON, and their summary.

Pure functions over ``LedgerRow`` iterables, so the CLI, tests and any other
store share one rendering. Rows are streamed: nothing here holds the whole
ledger, only counters (and, for the table, a bounded sample to size columns).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import chain, islice
from typing import Any, Literal, TextIO

from gateway.custody.status import EntryState
from gateway.custody.store.protocol import LedgerRow
from gateway.reports.csv_cells import LINE_END, spreadsheet_text
from gateway.reports.text import printable

AuditFormat = Literal["table", "csv", "json"]
AUDIT_FORMATS: tuple[AuditFormat, ...] = ("table", "csv", "json")

# One exported row, in order. The first block is kept on tombstones; the rest is
# the detail a deletion or expiry drops (exported as null / an empty cell there).
AUDIT_COLUMNS: tuple[str, ...] = (
    "entry_id",
    "record_id",
    "kind",
    "owner",
    "received_at",
    "retain_until",
    "status",
    "closed_at",
    "deletion_request",
    "door",
    "delivery_status",
    "delivery_at",
    "data_category",
    "role",
    "legal_terms",
    "jurisdictions",
    "policy_id",
    "policy_version",
    "engine_version",
    "contains_child_data",
    "removed",
    "captured_while_recording",
    "findings",
    "sensitive_categories",
)
_DETAIL_START = AUDIT_COLUMNS.index("door")

# How a tombstone's lost detail is bucketed in per-day and per-category counts.
TOMBSTONE_LABELS: Mapping[str, str] = {
    EntryState.DELETED: "(deleted)",
    EntryState.EXPIRED: "(expired)",
}


def iso_utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC (naive times are taken as UTC, as the store writes them)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def row_to_dict(row: LedgerRow) -> dict[str, Any]:
    """One row as JSON-ready values, keyed by ``AUDIT_COLUMNS`` in order.

    On a tombstone the detail is null rather than "" or 0: it was dropped, not empty.
    """
    values: dict[str, Any] = {
        "entry_id": row.entry_id,
        "record_id": row.record_id,
        "kind": row.kind,
        "owner": row.owner,
        "received_at": iso_utc(row.received_at),
        "retain_until": iso_utc(row.retain_until),
        "status": row.status,
        "closed_at": iso_utc(row.closed_at),
        "deletion_request": row.deletion_request,
        "door": row.door,
        "delivery_status": row.delivery_status,
        "delivery_at": iso_utc(row.delivery_at),
        "data_category": row.data_category,
        "role": row.role,
        "legal_terms": list(row.legal_terms),
        "jurisdictions": list(row.jurisdictions),
        "policy_id": row.policy_id,
        "policy_version": row.policy_version,
        "engine_version": row.engine_version,
        "contains_child_data": row.contains_child_data,
        "removed": row.removed,
        "captured_while_recording": row.captured_while_recording,
        "findings": dict(sorted(row.findings.items())),
        "sensitive_categories": dict(sorted(row.sensitive_categories.items())),
    }
    if row.status != EntryState.ACTIVE:
        for column in AUDIT_COLUMNS[_DETAIL_START:]:
            values[column] = None
    return values


def write_rows(rows: Iterable[LedgerRow], fmt: AuditFormat, out: TextIO) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns how many rows were written.

    - ``json``: one JSON array (valid for ``json.load`` and ``jq``), written one
      object per line as rows arrive, so the writer's memory does not grow with the
      ledger. An array rather than JSON Lines because ``--format json`` is expected
      to be one JSON document; ``jq --stream`` or a line reader handles big ones.
    - ``csv``: a header of ``AUDIT_COLUMNS``; lists and counts as compact JSON in a
      cell, null as an empty cell, booleans as ``true``/``false``; a cell a
      spreadsheet would run as a formula starts with ``'`` (gateway/reports/csv_cells.py);
      CRLF line ends.
    - ``table``: fixed-width text for a terminal, with the most useful columns.
    """
    if fmt == "json":
        return _write_json(rows, out)
    if fmt == "csv":
        return _write_csv(rows, out)
    if fmt == "table":
        return _write_table(rows, out)
    raise ValueError(f"unknown audit format {fmt!r}; expected one of {', '.join(AUDIT_FORMATS)}")


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def _write_json(rows: Iterable[LedgerRow], out: TextIO) -> int:
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(row_to_dict(row), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return spreadsheet_text(_compact(value))
    return spreadsheet_text(str(value))


def _write_csv(rows: Iterable[LedgerRow], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator=LINE_END)
    writer.writerow(AUDIT_COLUMNS)
    count = 0
    for row in rows:
        values = row_to_dict(row)
        writer.writerow([_csv_cell(values[column]) for column in AUDIT_COLUMNS])
        count += 1
    return count


# -- table -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    title: str
    cap: int  # widest a cell may be; longer values are cut, ending in "~"
    right: bool = False


_TABLE: tuple[_Column, ...] = (
    _Column("record", 24),
    _Column("owner", 16),
    _Column("kind", 10),
    _Column("door", 6),
    _Column("received (UTC)", 16),
    _Column("status", 7),
    _Column("delivery", 9),
    _Column("category", 17),
    _Column("removed", 7, right=True),
    _Column("sensitive", 40),
)
_TABLE_SAMPLE = 1000  # rows read ahead to size the columns; the rest are cut to fit
_EMPTY_CELL = "-"


def _counts_text(counts: Mapping[str, int]) -> str:
    return ",".join(f"{key}={value}" for key, value in sorted(counts.items()))


def _table_cells(row: LedgerRow) -> tuple[str, ...]:
    received = row.received_at
    if received.tzinfo is not None:
        received = received.astimezone(UTC)
    live = row.status == EntryState.ACTIVE
    detail = (
        (
            row.door,
            row.delivery_status,
            row.data_category,
            str(row.removed),
            _counts_text(row.sensitive_categories),
        )
        if live
        else ("", "", "", "", "")
    )
    door, delivery, category, removed, sensitive = (value or _EMPTY_CELL for value in detail)
    cells = (
        row.record_id,
        row.owner,
        row.kind,
        door,
        received.strftime("%Y-%m-%d %H:%M"),
        row.status,
        delivery,
        category,
        removed,
        sensitive,
    )
    return tuple(printable(cell) for cell in cells)


def _fit(text: str, width: int, right: bool) -> str:
    if len(text) > width:
        text = text[: width - 1] + "~"
    return text.rjust(width) if right else text.ljust(width)


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    parts = [_fit(c, w, col.right) for c, w, col in zip(cells, widths, _TABLE, strict=True)]
    return "  ".join(parts).rstrip() + "\n"


def _write_table(rows: Iterable[LedgerRow], out: TextIO) -> int:
    iterator: Iterator[LedgerRow] = iter(rows)
    sample = [_table_cells(row) for row in islice(iterator, _TABLE_SAMPLE)]
    widths = [
        min(col.cap, max([len(col.title), *(len(cells[i]) for cells in sample)]))
        for i, col in enumerate(_TABLE)
    ]
    out.write(_table_line([col.title for col in _TABLE], widths))
    out.write("  ".join("-" * width for width in widths) + "\n")
    count = 0
    for cells in chain(sample, (_table_cells(row) for row in iterator)):
        out.write(_table_line(cells, widths))
        count += 1
    if not count:
        out.write("(no records match)\n")
    return count


# -- summary ---------------------------------------------------------------------


@dataclass
class AuditSummary:
    """Totals over a query's rows: what the report and ``audit --summary`` show.

    ``records`` counts ledger entries (one per pass of a record through a door),
    tombstones included; detail counts (door, category, findings...) come from
    live entries only, since a tombstone no longer has them.
    """

    records: int = 0
    active: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_owner: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    by_door: Counter[str] = field(default_factory=Counter)
    by_data_category: Counter[str] = field(default_factory=Counter)
    by_delivery_status: Counter[str] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)
    by_legal_term: Counter[str] = field(default_factory=Counter)
    by_jurisdiction: Counter[str] = field(default_factory=Counter)
    by_policy: Counter[str] = field(default_factory=Counter)  # "id@version"
    by_engine_version: Counter[str] = field(default_factory=Counter)
    findings: int = 0
    removed: int = 0
    # Card, bank account and SSN values said into a live call's recording (PCI DSS asks).
    captured_while_recording: int = 0
    captured_while_recording_by_owner: Counter[str] = field(default_factory=Counter)
    child_data_records: int = 0
    sensitive_by_category: Counter[str] = field(default_factory=Counter)
    findings_by_entity: Counter[str] = field(default_factory=Counter)
    # UTC day of receipt -> data category (a tombstone: TOMBSTONE_LABELS) -> records.
    records_per_day: dict[date, Counter[str]] = field(default_factory=dict)
    # UTC day of receipt -> sensitive category -> findings.
    sensitive_per_day: dict[date, Counter[str]] = field(default_factory=dict)
    first_received: datetime | None = None
    last_received: datetime | None = None

    @property
    def tombstones(self) -> int:
        """Entries deleted on request or expired: kept as proof, without their detail."""
        return self.records - self.active

    @property
    def sensitive_findings(self) -> int:
        """Findings of a sensitive category, over all categories."""
        return sum(self.sensitive_by_category.values())

    def add(self, row: LedgerRow) -> None:
        """Count one row in."""
        received = row.received_at
        if received.tzinfo is None:
            received = received.replace(tzinfo=UTC)
        received = received.astimezone(UTC)
        day = received.date()
        self.records += 1
        self.by_status[row.status] += 1
        self.by_owner[row.owner] += 1
        self.by_kind[row.kind] += 1
        if self.first_received is None or received < self.first_received:
            self.first_received = received
        if self.last_received is None or received > self.last_received:
            self.last_received = received
        per_day = self.records_per_day.setdefault(day, Counter())
        if row.status != EntryState.ACTIVE:
            per_day[TOMBSTONE_LABELS.get(row.status, f"({row.status})")] += 1
            return
        self.active += 1
        per_day[row.data_category] += 1
        self.by_door[row.door] += 1
        self.by_data_category[row.data_category] += 1
        if row.delivery_status is not None:
            self.by_delivery_status[row.delivery_status] += 1
        self.by_role[row.role] += 1
        self.by_legal_term.update(row.legal_terms)
        self.by_jurisdiction.update(row.jurisdictions)
        self.by_policy[f"{row.policy_id}@{row.policy_version}"] += 1
        self.by_engine_version[row.engine_version] += 1
        self.findings += sum(row.findings.values())
        self.removed += row.removed
        self.captured_while_recording += row.captured_while_recording
        # Every owner with a live entry gets a count, 0 included: "none" is an answer too.
        self.captured_while_recording_by_owner[row.owner] += row.captured_while_recording
        self.child_data_records += int(row.contains_child_data)
        self.findings_by_entity.update(row.findings)
        self.sensitive_by_category.update(row.sensitive_categories)
        if row.sensitive_categories:
            self.sensitive_per_day.setdefault(day, Counter()).update(row.sensitive_categories)


def summarize(rows: Iterable[LedgerRow]) -> AuditSummary:
    """One pass over ``rows``; memory grows with days and categories, not rows."""
    summary = AuditSummary()
    for row in rows:
        summary.add(row)
    return summary
