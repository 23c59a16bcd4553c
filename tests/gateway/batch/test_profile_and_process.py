"""A file's first records are redacted once for both the column profile and the output.

The real engine, spied on (not replaced): each call to ``redact_lead`` is counted.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest

from gateway.batch.inputs import InputRecord
from gateway.batch.job import kinds_of, process_record, profile_and_process
from redaction import Lead, RedactedLead, Redactor
from tests.builders import person
from tests.synthetic import issuable_ssn

RECEIVED = datetime(2026, 11, 1, tzinfo=UTC)


class CountingRedactor(Redactor):
    """The real engine; counts the leads it redacts, by id."""

    def __init__(self, engine: Redactor) -> None:
        super().__init__(engine._scanner, engine.policies)
        self.redacted: Counter[str] = Counter()

    def redact_lead(self, lead: Lead, *args: Any, **kwargs: Any) -> RedactedLead:
        self.redacted[lead.id] += 1
        return super().redact_lead(lead, *args, **kwargs)


def _sample(owner: str, count: int, opaque_ssn: bool) -> list[InputRecord]:
    items = []
    for n in range(count):
        someone = person(f"{owner}-{n}")
        fields = {"first_name": someone.first_name, "phone": someone.phone, "zip": "30301"}
        if opaque_ssn:  # a column whose name says nothing: the profile maps it
            fields["c7"] = issuable_ssn(f"{owner}-{n}")
        lead = Lead(id=f"{owner}-{n}", owner=owner, fields=fields)
        items.append(InputRecord("leads.jsonl", n + 1, lead))
    return items


@pytest.mark.parametrize(("opaque_ssn", "times"), [(False, 1), (True, 2)])
def test_each_sample_lead_is_redacted_once_unless_its_columns_got_a_kind(
    redactor: Redactor, opaque_ssn: bool, times: int
) -> None:
    engine = CountingRedactor(redactor)
    sample = _sample("acme", 12, opaque_ssn)
    profiles, outcomes = profile_and_process(engine, sample, RECEIVED, dry_run=False)
    kinds = kinds_of(profiles)
    assert ("acme" in kinds) is opaque_ssn
    assert set(engine.redacted.values()) == {times}
    # The same outcomes as redacting each record on its own under the profile's kinds.
    again = [process_record(redactor, item, RECEIVED, False, None, kinds) for item in sample]
    assert outcomes == again
