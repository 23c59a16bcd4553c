"""``entry_for``: what a ledger entry counts of a record's findings, built from a real result."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gateway.custody.entry import entry_for
from gateway.custody.status import DeliveryStatus
from redaction import Redactor
from redaction.types import Finding, Lead, RedactedLead, Segment, Transcript

CALL = Transcript(
    id="C-1",
    owner="acme",
    segments=(
        Segment("my card number is 4111 1111 1111 1111"),
        Segment("and my SSN is 123-45-6789"),
    ),
)
LEAD = Lead(id="L-1", owner="acme", fields={"notes": "SSN 123-45-6789"})


def _flagged(findings: tuple[Finding, ...], flags: tuple[bool, ...]) -> tuple[Finding, ...]:
    """The findings, the n-th marked captured while recording when ``flags[n]``."""
    assert len(findings) == len(flags), [f.entity_type for f in findings]
    return tuple(
        replace(f, captured_while_recording=flag) for f, flag in zip(findings, flags, strict=True)
    )


@pytest.mark.parametrize(
    ("flags", "captured"),
    [
        ((False, False), 0),  # said while paused, or not a pausing type
        ((True, False), 1),
        ((True, True), 2),
    ],
)
def test_a_calls_entry_counts_its_findings_captured_while_recording(
    redactor: Redactor, flags: tuple[bool, ...], captured: int
) -> None:
    result = redactor.redact_transcript(CALL)
    result = replace(result, findings=_flagged(result.findings, flags))
    entry = entry_for(CALL, result, "stream", DeliveryStatus.RETURNED, None)
    assert (entry.kind, entry.captured_while_recording) == ("transcript", captured)
    assert entry.removed == len(flags)  # the count is its own, not the findings redacted


def test_a_leads_entry_counts_none_captured_while_recording(redactor: Redactor) -> None:
    result = redactor.redact_lead(LEAD)
    assert result.findings, "the lead's SSN is found"
    # Even a finding carrying the flag: a lead has no recording to capture it in.
    marked = RedactedLead(result.lead, result.tags, _flagged(result.findings, (True,)))
    entry = entry_for(LEAD, marked, "unary", DeliveryStatus.RETURNED, None)
    assert (entry.kind, entry.captured_while_recording) == ("lead", 0)
