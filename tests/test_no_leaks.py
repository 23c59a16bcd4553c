"""Generated SSNs and card numbers never reach responses, findings, errors or logs."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import Lead, Redactor, Segment, Transcript
from redaction.records import result_to_dict
from tests.assertions import assert_no_raw_values
from tests.synthetic import luhn_complete

areas = st.integers(1, 899).filter(lambda a: a != 666)
ssns = st.builds(
    lambda a, g, s: f"{a:03d}{g:02d}{s:04d}", areas, st.integers(1, 99), st.integers(1, 9999)
)
cards = st.builds(
    lambda prefix, length, seed: luhn_complete(prefix + str(seed), length),
    st.sampled_from(["4", "51", "55", "37", "6011", "35"]),
    st.sampled_from([15, 16, 19]),
    st.integers(100, 999),
)
ssn_forms = st.sampled_from(
    [
        "SSN {a}-{g}-{s}",
        "{a}-{g}-{s}",
        "my social is {a} {g} {s}",
        "social security number {a}{g}{s}",
        "{a}{g}{s} is my social",
    ]
)
card_separators = st.sampled_from(["", " ", "-", "  "])
templates = st.sampled_from(
    [
        "Caller gave {value} for the deposit.",
        "{value}",
        "ok so it's {value} yeah",
        "note: {value}. call back tomorrow",
    ]
)


def _ssn_text(digits: str, form: str) -> str:
    return form.format(a=digits[:3], g=digits[3:5], s=digits[5:])


def _card_text(digits: str, sep: str) -> str:
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ssn=ssns, form=ssn_forms, card=cards, sep=card_separators, template=templates)
def test_when_ssn_and_card_in_notes_or_segments_then_never_leaked(
    redactor: Redactor,
    caplog: pytest.LogCaptureFixture,
    ssn: str,
    form: str,
    card: str,
    sep: str,
    template: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    ssn_text = _ssn_text(ssn, form)
    card_text = _card_text(card, sep)
    notes = template.format(value=ssn_text) + " and card " + card_text
    lead = redactor.redact_lead(Lead(id="l", owner="o", fields={"notes": notes}))
    call = redactor.redact_transcript(
        Transcript(
            id="t",
            owner="o",
            segments=(Segment(template.format(value=ssn_text)), Segment(card_text)),
        )
    )
    raw = [ssn, card, ssn_text.split()[-1] if "-" in ssn_text else ssn, card_text]
    for result in (lead, call):
        assert_no_raw_values(str(result_to_dict(result)), raw)
    assert_no_raw_values(caplog.text, raw)
