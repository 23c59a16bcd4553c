"""The per-record function every batch door runs: local workers, Spark executors, tests.

It takes a parsed input record and returns an Outcome: the output line (the
redacted record with tags and findings, or in a dry run only what would be
removed) and the counts the summary needs. Errors in one record never escape:
they become that record's ``problem`` (an engine fault too: that record is not
written, the others go on).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from typing import Any, Literal, TypeVar

from gateway.batch.inputs import RECORD_COLUMNS, InputRecord
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.entry import Door, LedgerEntry
from gateway.custody.intake import Intake
from redaction import (
    Action,
    Finding,
    Lead,
    Record,
    RedactedLead,
    RedactedTranscript,
    RedactionError,
    Redactor,
    SampleProfile,
    finding_to_dict,
    profile_redacted,
    profile_sample,
    redact_sample,
    result_to_dict,
)

Kind = Literal["lead", "transcript", ""]
# Owner -> column -> entity type: what a file's column profile makes its columns.
ColumnKinds = Mapping[str, Mapping[str, str]]
# Records of each file read (per owner among them) to profile its columns first.
PROFILE_SAMPLE = 1000
# Records redacted together (their leads' NER batched), and sent to a worker at a time.
CHUNK = 64


@dataclass(frozen=True)
class Outcome:
    """What happened to one record; picklable, so workers can send it back."""

    source: str
    line: int
    output: dict[str, Any] | None
    problem: str = ""
    kind: Kind = ""
    owner: str = ""
    findings: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    entry: LedgerEntry | None = None  # what the ledger records (not in a dry run)
    columns: tuple[str, ...] = ()  # a CSV row's output header, every name screened


@dataclass(frozen=True)
class LedgerTarget:
    """Build ledger entries: which door this is, and the consumer index's key."""

    index: ConsumerIndex
    door: Door = "batch"


def process_record(
    redactor: Redactor,
    item: InputRecord,
    received_at: datetime,
    dry_run: bool = False,
    ledger: LedgerTarget | None = None,
    column_kinds: ColumnKinds | None = None,
    redacted: RedactedLead | None = None,
) -> Outcome:
    """Redact one record (or, dry, only find what would be removed); never raises for bad data.

    With ``ledger``, the outcome carries the record's ledger entry (a dry run has none:
    nothing leaves it). ``column_kinds``: the file's column profile, per owner.
    ``redacted``: the lead's result already made under the same kinds (the profile's).
    """
    record = item.record
    if record is None:
        return Outcome(item.source, item.line, None, item.problem)
    try:
        result: RedactedLead | RedactedTranscript
        if redacted is not None:
            result = redacted
        elif isinstance(record, Lead):
            kinds = (column_kinds or {}).get(record.owner)
            result = redactor.redact_lead(record, received_at, kinds)
        else:
            result = redactor.redact_transcript(record, received_at)
    except RedactionError as error:
        return Outcome(item.source, item.line, None, error.message)
    except Exception as error:  # an engine fault on one record: that record fails, closed
        return Outcome(item.source, item.line, None, engine_fault(error))
    outcome = _csv_columns(redactor, item, record, outcome_of(item, result, dry_run))
    if ledger is None or dry_run:
        return outcome
    entry = Intake.written_entry(_as_named(redactor, record), result, ledger.door, ledger.index)
    return replace(outcome, entry=entry)


def engine_fault(error: Exception) -> str:
    """A record the engine failed on, by the error's type only (its text may quote values)."""
    return f"the engine failed on this record ({type(error).__name__})"


def _as_named(redactor: Redactor, record: Record) -> Record:
    """The record with its fields keyed as its findings name them (the index reads them)."""
    if isinstance(record, Lead):
        return redactor.metadata.field_names(record.fields).rekey(record)
    return record


def _csv_columns(
    redactor: Redactor, item: InputRecord, record: Record, outcome: Outcome
) -> Outcome:
    """A CSV row's outcome with its file's output header: column names screened.

    The engine names a row's fields among that row's own; the header's names are
    chosen among all its columns. They differ only when two names would take one
    label and the first is empty in this row: then the row takes the header's names,
    so each column keeps one name in every row.
    """
    if not item.columns or not isinstance(record, Lead) or outcome.output is None:
        return outcome
    header = redactor.metadata.field_names(c for c in item.columns if c not in RECORD_COLUMNS)
    row = redactor.metadata.field_names(record.fields)
    moved = {row.name(n): header.name(n) for n in record.fields if row.name(n) != header.name(n)}
    output = _moved(outcome.output, moved) if moved else outcome.output
    return replace(outcome, output=output, columns=tuple(header.name(c) for c in item.columns))


def _moved(output: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """An output line with fields (and the findings naming them) under other names."""
    moved = dict(output)
    if isinstance(output.get("fields"), dict):
        moved["fields"] = {names.get(k, k): v for k, v in output["fields"].items()}
    for key in ("findings", "would_remove"):
        if key in output:
            moved[key] = [
                {**f, "field": names.get(f["field"], f["field"])} if "field" in f else f
                for f in output[key]
            ]
    return moved


def outcome_of(
    item: InputRecord, result: RedactedLead | RedactedTranscript, dry_run: bool
) -> Outcome:
    """The Outcome of a redacted record (here, or by a remote gateway)."""
    kind: Kind = "lead" if isinstance(result, RedactedLead) else "transcript"
    output = result_to_dict(result) if not dry_run else _dry_line(kind, result)
    return Outcome(
        item.source,
        item.line,
        output,
        kind=kind,
        owner=result.tags.owner,
        findings=Counter(f.entity_type for f in _removed(result.findings)),
        categories=Counter(dict(result.tags.sensitive_categories)),
    )


def _dry_line(kind: Kind, result: Any) -> dict[str, Any]:
    """A dry run's line: which record, and what would be removed from where — no values."""
    record = result.lead if kind == "lead" else result.transcript
    return {
        "id": record.id,
        "owner": record.owner,
        "kind": kind,
        "would_remove": [finding_to_dict(f) for f in _removed(result.findings)],
    }


def _removed(findings: Iterable[Finding]) -> list[Finding]:
    """Findings whose value does not leave as it came (ordinary PI kept is not counted)."""
    return [f for f in findings if f.action is not Action.KEPT]


def process_chunk(
    redactor: Redactor,
    chunk: list[InputRecord],
    received_at: datetime,
    dry_run: bool,
    ledger: LedgerTarget | None = None,
    column_kinds: ColumnKinds | None = None,
) -> list[Outcome]:
    """``process_record`` over a chunk (what a worker process gets at a time).

    Leads of one owner get their NER in one batch, when that owner's policy needs it.
    """
    leads = [item.record for item in chunk if isinstance(item.record, Lead)]
    with redactor.prepared(leads):
        return [
            process_record(redactor, item, received_at, dry_run, ledger, column_kinds)
            for item in chunk
        ]


def sample_leads(sample: Iterable[InputRecord]) -> dict[str, list[Lead]]:
    """The leads among a file's first records, by owner (transcripts and bad records aside)."""
    by_owner: defaultdict[str, list[Lead]] = defaultdict(list)
    for item in sample:
        if isinstance(item.record, Lead):
            by_owner[item.record.owner].append(item.record)
    return dict(by_owner)


def profile_records(
    redactor: Redactor, sample: Iterable[InputRecord], received_at: datetime
) -> dict[str, SampleProfile]:
    """Each owner's column profile from a file's first records (every door runs this)."""
    return {
        owner: profile_sample(redactor, leads, received_at)
        for owner, leads in sample_leads(sample).items()
    }


def profile_and_process(
    redactor: Redactor,
    sample: list[InputRecord],
    received_at: datetime,
    dry_run: bool,
    ledger: LedgerTarget | None = None,
) -> tuple[dict[str, SampleProfile], list[Outcome]]:
    """A file's first records: each owner's column profile, and the records' outcomes.

    Profiling redacts every lead of the sample. An owner whose profile gives no
    column a kind would get the very same results again, so those are kept and each
    such lead is redacted once; an owner's leads whose columns got kinds are redacted
    again under them, as every later record of the file is.
    """
    leads = sample_leads(sample)
    results = {owner: redact_sample(redactor, owned, received_at) for owner, owned in leads.items()}
    profiles = {owner: profile_redacted(redactor, leads[owner], results[owner]) for owner in leads}
    kinds = kinds_of(profiles)
    done = {
        id(lead): result
        for owner in leads
        if owner not in kinds
        for lead, result in zip(leads[owner], results[owner], strict=True)
    }
    outcomes = []
    for chunk in chunks(sample):
        fresh = [i.record for i in chunk if isinstance(i.record, Lead) and id(i.record) not in done]
        with redactor.prepared(fresh):
            outcomes += [
                process_record(
                    redactor, item, received_at, dry_run, ledger, kinds, done.get(id(item.record))
                )
                for item in chunk
            ]
    return profiles, outcomes


def kinds_of(profiles: Mapping[str, SampleProfile]) -> dict[str, dict[str, str]]:
    """The column kinds the profiles map, per owner (owners with none left out)."""
    return {owner: kinds for owner, p in profiles.items() if (kinds := p.field_map())}


T = TypeVar("T")


def chunks(items: Iterable[T]) -> Iterator[list[T]]:
    """Lists of CHUNK items, in order (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk
