"""Values wholly what their field's name says are not scanned; the scan would find nothing."""

from __future__ import annotations

import pytest

from redaction import Lead, Redactor
from redaction.plain_values import is_plain
from redaction.text_scanner import ScanScope

ROWS = [
    ("PERSON", "Mario", True),
    ("PERSON", "Mary-Jo Neil", True),
    ("PERSON", "D'Angelo", True),
    ("PERSON", "Mary-Jo O'Neil", False),  # "O" is said for zero: scanned, to be safe
    ("PERSON", "José María", True),
    ("PERSON", "Anne Marie Van Dyke", True),
    ("PERSON", "Seven", False),  # a number word: may be read as a number
    ("PERSON", "John 536-22-8174", False),  # digits: scanned
    ("PERSON", "a b c d e", False),  # five words: not a name's shape
    ("EMAIL_ADDRESS", "mario.he53@example.com", True),
    ("EMAIL_ADDRESS", "ana_lopez@mail.example.org", True),
    ("EMAIL_ADDRESS", "536228174@example.com", False),  # a number in the mailbox
    ("EMAIL_ADDRESS", "ann123@example.com", False),  # three digits
    ("US_STATE", "CA", True),
    ("US_STATE", "new york", True),
    ("US_STATE", "CA 94107", False),
    ("ZIP_CODE", "30301", True),
    ("ZIP_CODE", "30301-1234", False),  # nine digits: scanned
    ("ZIP_CODE", "3030", False),
    ("PHONE_NUMBER", "(415) 555-0132", True),
    ("PHONE_NUMBER", "415-555-0132", True),
    ("PHONE_NUMBER", "536-22-8174", False),  # an SSN's shape
    ("PHONE_NUMBER", "4111 1111 1111 1111", False),
    ("STREET_ADDRESS", "12 Oak St", False),  # no plain shape for addresses
]


@pytest.mark.parametrize(("entity_type", "value", "plain"), ROWS)
def test_is_plain(entity_type: str, value: str, plain: bool) -> None:
    assert is_plain(entity_type, value) is plain


@pytest.mark.parametrize(("entity_type", "value"), [(e, v) for e, v, plain in ROWS if plain])
def test_a_plain_value_is_one_the_scan_finds_nothing_in(
    redactor: Redactor, entity_type: str, value: str
) -> None:
    """The skipped scan, run anyway: it finds nothing, so skipping changes no output."""
    policy = redactor.policy_for("acme")
    scanned = redactor._scanner.scan(value, policy, ScanScope.IDENTIFIER_FIELD)
    assert (scanned.text, scanned.spans) == (value, ())


def test_a_field_that_is_not_plain_is_still_scanned(redactor: Redactor) -> None:
    done = redactor.redact_lead(Lead("l1", "acme", {"phone": "536-22-8174", "zip": "30301"}))
    assert done.lead.fields["phone"] != "536-22-8174"
    assert [f.entity_type for f in done.findings if f.field_name == "phone"] == ["US_SSN"]
    assert done.lead.fields["zip"] == "30301"
