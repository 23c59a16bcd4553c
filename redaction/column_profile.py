"""Column profiles: the sensitive kind a lead column's values mostly are, from a sample.

A vendor's file names its columns ``c7`` or ``custom_12``, and one row's value
alone may not give the column away (a birth date of someone 17, an SSN whose
leading zero a spreadsheet dropped). A sample of the owner's leads is redacted
first; each column's non-empty values are counted by the kind that covers them
whole (every letter and digit inside findings of that one kind). A column whose
values are at least ``threshold`` (default 60%) one *sensitive* kind, over at
least ``min_values`` values, is mapped to that kind: every row of the job is
handled as that kind, the rows one value alone would not say so included.

Columns a name rule classifies are reported with the kind from the name, and
columns the owner's policy already maps with the policy's kind; neither is
mapped again. Examples are shapes, never values (see ``mask_shape``).

Pure: leads and the engine's findings in, a profile out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import regex

from redaction.catalogue import CATALOGUE
from redaction.errors import RedactionError
from redaction.field_names import classify_field
from redaction.types import Finding, Lead, RedactedLead, Sensitivity

if TYPE_CHECKING:
    from redaction.engine import Redactor

# A column is "mostly one sensitive kind" from this share of its non-empty sampled values.
MAJORITY = 0.6
# Fewer non-empty values than this say nothing about a column (a lone SSN in a sparse one).
MIN_VALUES = 3
EXAMPLES = 3
EXAMPLE_CHARS = 24
# Characters an example keeps as they are: separators that make a shape, never content.
_SHAPE_CHARS = frozenset(" -/.,:;()#+@_'")
_TOKEN = regex.compile(r"\S+")
_LETTERS = regex.compile(r"\p{L}+")


@dataclass(frozen=True)
class ColumnProfile:
    """One column of a sample: its kind, how many values are it, masked examples.

    ``source``: ``"name"`` (a name rule), ``"policy"`` (the policy's field map),
    ``"values"`` (what the values are) or ``""`` (nothing found). ``share``: of the
    non-empty sampled values, those wholly of ``entity_type`` on their own.
    ``mapped``: the values make the column that kind for every row.
    """

    column: str
    values: int
    entity_type: str = ""
    share: float = 0.0
    source: str = ""
    examples: tuple[str, ...] = ()
    mapped: bool = False


@dataclass(frozen=True)
class SampleProfile:
    """The columns of one owner's sample, in first-seen order."""

    owner: str
    leads: int
    threshold: float = MAJORITY
    columns: tuple[ColumnProfile, ...] = field(default_factory=tuple)

    def field_map(self) -> dict[str, str]:
        """Column -> entity type for the columns the values map."""
        return {c.column: c.entity_type for c in self.columns if c.mapped}


def profile_rows(
    owner: str,
    rows: Sequence[tuple[Mapping[str, str], Sequence[Finding]]],
    policy_map: Mapping[str, str] | None = None,
    threshold: float = MAJORITY,
    min_values: int = MIN_VALUES,
) -> SampleProfile:
    """Profile sampled rows: each one's field values and the findings its redaction made."""
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    seen: dict[str, None] = {}  # every column, an always empty one too, in first-seen order
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    filled: Counter[str] = Counter()
    examples: defaultdict[str, list[str]] = defaultdict(list)
    for fields, findings in rows:
        by_field: defaultdict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            if finding.field_name is not None:
                by_field[finding.field_name].append(finding)
        for name, value in fields.items():
            seen[name] = None
            if not value.strip():
                continue
            filled[name] += 1
            counts[name].update(whole_kinds(value, by_field[name]))
            shape = mask_shape(value)
            if len(examples[name]) < EXAMPLES and shape not in examples[name]:
                examples[name].append(shape)
    columns = tuple(
        _column(name, filled[name], counts[name], tuple(examples[name]), policy_map or {})
        for name in seen
    )
    return SampleProfile(
        owner, len(rows), threshold, tuple(_decide(c, threshold, min_values) for c in columns)
    )


def profile_sample(
    redactor: Redactor,
    leads: Sequence[Lead],
    received_at: datetime | None = None,
    threshold: float = MAJORITY,
    min_values: int = MIN_VALUES,
) -> SampleProfile:
    """Redact one owner's sample (nothing leaves) and profile its columns."""
    results = redact_sample(redactor, leads, received_at)
    return profile_redacted(redactor, leads, results, threshold, min_values)


def redact_sample(
    redactor: Redactor, leads: Sequence[Lead], received_at: datetime | None = None
) -> list[RedactedLead | None]:
    """Each lead of one owner's sample redacted as no profile yet knows it (None: refused)."""
    owners = {lead.owner for lead in leads}
    if len(owners) > 1:
        raise ValueError("a sample profiles one owner's leads")
    results: list[RedactedLead | None] = []
    with redactor.prepared(leads):
        for lead in leads:
            try:
                results.append(redactor.redact_lead(lead, received_at))
            except RedactionError:
                results.append(None)  # a bad record says nothing about the columns
    return results


def profile_redacted(
    redactor: Redactor,
    leads: Sequence[Lead],
    results: Sequence[RedactedLead | None],
    threshold: float = MAJORITY,
    min_values: int = MIN_VALUES,
) -> SampleProfile:
    """One owner's column profile from its sample and the sample's results (``redact_sample``)."""
    owner = leads[0].owner if leads else ""
    rows: list[tuple[Mapping[str, str], Sequence[Finding]]] = [
        (screened_fields(redactor, lead), result.findings)
        for lead, result in zip(leads, results, strict=True)
        if result is not None
    ]
    policy_map = redactor.policy_for(owner).field_map
    return profile_rows(owner, rows, policy_map, threshold, min_values)


def screened_fields(redactor: Redactor, lead: Lead) -> Mapping[str, str]:
    """The lead's fields under the names its result leaves with.

    A field name holding an SSN is profiled (and reported) as ``<US_SSN>``, never as itself.
    """
    return redactor.metadata.field_names(lead.fields).rekey(lead).fields


def whole_kinds(value: str, findings: Iterable[Finding]) -> set[str]:
    """The kinds whose findings cover every letter and digit of ``value``."""
    meaningful = [i for i, c in enumerate(value) if c.isalnum()]
    if not meaningful:
        return set()
    covered: defaultdict[str, set[int]] = defaultdict(set)
    for finding in findings:
        covered[finding.entity_type].update(range(finding.start, finding.end))
    return {kind for kind, where in covered.items() if where.issuperset(meaningful)}


def mask_shape(value: str, limit: int = EXAMPLE_CHARS) -> str:
    """A value's shape with nothing of the value: ``536-22-8174`` -> ``999-99-9999``.

    Digits become ``9``; letters in a token with digits become ``X``/``x`` one for
    one (``1EG4-TE5`` -> ``9XX9-XX9``), while a word of letters alone becomes a
    fixed ``Xxx``/``xxx``/``XXX`` (its length could tell "Catholic" from "Jewish").
    Separators stay; any other character is ``?``. Cut at ``limit`` characters.
    """
    out: list[str] = []
    position = 0
    for match in _TOKEN.finditer(value.strip()):
        out.append(" " * min(match.start() - position, 1))
        position = match.end()
        out.append(_mask_token(match.group()))
    shape = "".join(out)
    return shape if len(shape) <= limit else shape[: limit - 1] + "…"


def _mask_token(token: str) -> str:
    if not any(c.isdigit() for c in token):
        return str(_LETTERS.sub(lambda m: _word_shape(m.group()), _keep_shape(token)))
    return "".join(_mask_char(c) for c in token)


def _mask_char(char: str) -> str:
    if char.isdigit():
        return "9"
    if char.isalpha():
        return "X" if char.isupper() else "x"
    return _separator(char)


def _keep_shape(token: str) -> str:
    return "".join(c if c.isalpha() else _separator(c) for c in token)


def _word_shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "XXX"
    return "Xxx" if word[0].isupper() else "xxx"


def _separator(char: str) -> str:
    return char if char in _SHAPE_CHARS else "?"


def _column(
    name: str,
    values: int,
    counts: Counter[str],
    examples: tuple[str, ...],
    policy_map: Mapping[str, str],
) -> ColumnProfile:
    """The column's kind: from the policy map, a name rule, or its most common kind."""
    if name in policy_map:
        kind, source = policy_map[name], "policy"
    elif (rule := classify_field(name)) is not None:
        kind, source = rule.entity_type, "name"
    elif counts:
        # The most common kind; on a tie a sensitive one, then by name (stable output).
        kind = min(counts, key=lambda k: (-counts[k], not _is_sensitive(k), k))
        source = "values"
    else:
        return ColumnProfile(name, values, examples=examples)
    share = counts[kind] / values if values else 0.0
    return ColumnProfile(name, values, kind, share, source, examples)


def _decide(column: ColumnProfile, threshold: float, min_values: int) -> ColumnProfile:
    mapped = (
        column.source == "values"
        and _is_sensitive(column.entity_type)
        and column.values >= min_values
        and column.share >= threshold
    )
    if not mapped:
        return column
    return ColumnProfile(
        column.column,
        column.values,
        column.entity_type,
        column.share,
        column.source,
        column.examples,
        mapped=True,
    )


def _is_sensitive(entity_type: str) -> bool:
    spec = CATALOGUE.get(entity_type)
    return spec is not None and spec.sensitivity is Sensitivity.SENSITIVE
