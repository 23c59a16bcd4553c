"""``leadgate profile FILE --owner X``: what each column of an owner's lead file holds.

Reads the first ``--sample`` leads of the owner (JSONL or CSV, as ``leadgate
redact`` reads them), redacts them with the owner's policy (nothing is written
or recorded) and prints, per column, the kind its values mostly are, their
share, and masked examples; then the field map a batch job would apply.
``--write-policy`` adds that map to the owner's entry of a policy file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gateway.batch.inputs import Format, RecordReader, discover
from gateway.config import Settings, build_redactor
from gateway.policy_edit import toml_entry, write_field_map
from redaction import (
    MAJORITY,
    Lead,
    SampleProfile,
    profile_sample,
)

SAMPLE = 1000


@dataclass(frozen=True)
class ProfileRequest:
    """What ``leadgate profile`` was asked."""

    path: str
    owner: str
    sample: int = SAMPLE
    threshold: float = MAJORITY
    input_format: Format | None = None
    write_policy: Path | None = None


def run_profile(settings: Settings, request: ProfileRequest) -> int:
    """Profile, print, and write the policy if asked; the command's exit code."""
    leads, skipped = read_sample(request)
    if not leads:
        raise ValueError(f"{request.path}: no leads of owner {request.owner!r} to profile")
    profile = profile_sample(build_redactor(settings), leads, threshold=request.threshold)
    for line in table(request.path, profile, skipped):
        print(line)
    if request.write_policy is not None:
        edit = write_field_map(request.write_policy, request.owner, profile.field_map())
        for line in edit.lines():
            print(line)
    return 0


def read_sample(request: ProfileRequest) -> tuple[list[Lead], int]:
    """The first ``sample`` leads of the owner, and how many bad records were passed over."""
    if request.sample < 1:
        raise ValueError("--sample must be at least 1")
    if not 0 < request.threshold <= 1:
        raise ValueError("--threshold must be above 0 and at most 1")
    files = discover([request.path], request.input_format)
    if len(files) != 1:
        raise ValueError(f"{request.path}: name one lead file (JSONL or CSV), or - for stdin")
    leads: list[Lead] = []
    skipped = 0
    for item in RecordReader(files[0], request.owner):
        record = item.record
        if record is None:
            skipped += 1
        elif isinstance(record, Lead) and record.owner == request.owner:
            leads.append(record)
            if len(leads) >= request.sample:
                break
    return leads, skipped


def table(source: str, profile: SampleProfile, skipped: int = 0) -> list[str]:
    """The profile for a person: one row per column, then the field map."""
    out = [
        f"{source}: {profile.leads} leads of owner {profile.owner} profiled"
        + (f" ({skipped} bad records passed over)" if skipped else "")
        + f"; a column is mapped when {profile.threshold:.0%} of its values are one"
        " sensitive kind"
    ]
    rows = [("column", "kind", "share", "values", "from", "examples")]
    rows += [
        (
            c.column,
            c.entity_type or "-",
            f"{c.share:.0%}" if c.entity_type else "-",
            str(c.values),
            c.source or "-",
            ", ".join(c.examples),
        )
        for c in profile.columns
    ]
    out += _aligned(rows, right={2, 3})
    field_map = profile.field_map()
    if not field_map:
        out.append("field map: none (no column is mostly one sensitive kind)")
        return out
    out.append(f"field map ({len(field_map)} columns; every row handled as its kind):")
    out += [f"  {toml_entry(column, kind)}" for column, kind in field_map.items()]
    return out


def _aligned(rows: Iterable[tuple[str, ...]], right: set[int]) -> list[str]:
    listed = list(rows)
    widths = [max(len(row[i]) for row in listed) for i in range(len(listed[0]))]
    return [
        "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in listed
    ]
