"""The end-of-job summary: counts only (never values), mergeable across workers and executors."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gateway.batch.job import Outcome
from redaction import SampleProfile

MAX_LISTED_PROBLEMS = 1000  # the report keeps the first ones; the count is always exact


@dataclass
class BatchSummary:
    """What a batch run did: records, bad records by place, findings by type and owner."""

    input_files: int = 0  # files (or stdin) the job read
    records_in: int = 0
    records_out: int = 0
    bad_count: int = 0
    bad_records: list[tuple[str, int, str]] = field(default_factory=list)
    by_kind: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    findings_by_owner: defaultdict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    categories: Counter[str] = field(default_factory=Counter)
    ledger_entries: int = 0  # recorded in the compliance ledger by this run
    elapsed_s: float = 0.0
    # Columns a file's profile made one kind for every row: (file, owner, column, kind, share).
    column_maps: list[tuple[str, str, str, str, float]] = field(default_factory=list)

    def add_profiles(self, source: str, profiles: Mapping[str, SampleProfile]) -> None:
        """Note the columns one file's profile mapped (names and kinds, never values)."""
        for owner, profile in sorted(profiles.items()):
            self.column_maps += sorted(
                (source, owner, c.column, c.entity_type, c.share)
                for c in profile.columns
                if c.mapped
            )

    def add(self, outcome: Outcome) -> None:
        """Count one record's outcome."""
        self.records_in += 1
        if outcome.problem:
            self.bad_count += 1
            if len(self.bad_records) < MAX_LISTED_PROBLEMS:
                self.bad_records.append((outcome.source, outcome.line, outcome.problem))
            return
        self.records_out += 1
        self.by_kind[outcome.kind] += 1
        self.findings.update(outcome.findings)
        if outcome.findings:
            self.findings_by_owner[outcome.owner].update(outcome.findings)
        self.categories.update(outcome.categories)

    def nothing_written(self) -> str:
        """Why the job wrote nothing, or "" if it wrote something (the exit code is 1 then).

        Every way of producing nothing says so: no input file, no record in the input,
        or every record bad (the first named: often the one mistake, a header or --owner).
        """
        if self.records_out:
            return ""
        if not self.input_files:
            return "no input file found (.jsonl, .ndjson, .json, .csv; .gz too)"
        if not self.records_in:
            return "the input holds no records"
        first = ""
        if self.bad_records:
            source, line, problem = self.bad_records[0]  # in the job's order
            first = f", the first at {source}:{line}: {problem}"
        return f"every record was bad ({self.bad_count}){first}"

    def merge(self, other: BatchSummary) -> BatchSummary:
        """Add another summary (a worker's, a Spark partition's) into this one."""
        self.input_files += other.input_files
        self.records_in += other.records_in
        self.records_out += other.records_out
        self.bad_count += other.bad_count
        room = MAX_LISTED_PROBLEMS - len(self.bad_records)
        self.bad_records.extend(other.bad_records[: max(room, 0)])
        self.by_kind.update(other.by_kind)
        self.findings.update(other.findings)
        for owner, counts in other.findings_by_owner.items():
            if counts:
                self.findings_by_owner[owner].update(counts)
        self.categories.update(other.categories)
        self.ledger_entries += other.ledger_entries
        self.column_maps += other.column_maps
        return self

    @property
    def records_per_s(self) -> float:
        """Throughput over the whole run."""
        return self.records_in / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        """The ``--report`` document."""
        return {
            "input_files": self.input_files,
            "records_in": self.records_in,
            "records_out": self.records_out,
            "records_by_kind": dict(sorted(self.by_kind.items())),
            "bad_records": self.bad_count,
            "problems": [
                {"source": source, "line": line, "problem": problem}
                for source, line, problem in sorted(self.bad_records)
            ],
            "findings_by_type": dict(sorted(self.findings.items())),
            "findings_by_owner": {
                owner: dict(sorted(counts.items()))
                for owner, counts in sorted(self.findings_by_owner.items())
            },
            "sensitive_categories": dict(sorted(self.categories.items())),
            "column_maps": [
                {"source": s, "owner": o, "column": c, "entity_type": k, "share": round(v, 3)}
                for s, o, c, k, v in self.column_maps
            ],
            "ledger_entries": self.ledger_entries,
            "elapsed_s": round(self.elapsed_s, 3),
            "records_per_s": round(self.records_per_s, 1),
        }

    def lines(self) -> list[str]:
        """The human summary printed at the end."""
        out = [
            f"records in: {self.records_in}, out: {self.records_out}, bad: {self.bad_count}"
            f" ({self.elapsed_s:.1f} s, {self.records_per_s:.0f} records/s)"
        ]
        out += [
            f"  {source}:{line}: {problem}" for source, line, problem in sorted(self.bad_records)
        ]
        if self.bad_count > len(self.bad_records):
            out.append(f"  ... and {self.bad_count - len(self.bad_records)} more (see --report)")
        if self.findings:
            out.append("findings: " + _counts(self.findings))
            for owner, counts in sorted(self.findings_by_owner.items()):
                out.append(f"  owner {owner}: " + _counts(counts))
        if self.categories:
            out.append("sensitive categories: " + _counts(self.categories))
        if self.column_maps:
            out.append("columns profiled as one kind for every row:")
            out += [
                f"  {source} owner {owner}: {column} -> {kind} ({share:.0%} of the sample)"
                for source, owner, column, kind, share in self.column_maps
            ]
        if self.ledger_entries:
            out.append(f"ledger: {self.ledger_entries} entries recorded")
        return out


def _counts(counts: Counter[str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
