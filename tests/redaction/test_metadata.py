"""Metadata is data: ids are refused and field names replaced when they hold an identifier.

The pure rule (which findings count, how an id is read) as tables; then the same
rule through the real engine, both ways: ids that carry an SSN, a card, a routing
number, ... and the ordinary ids lead systems use (numeric, UUIDs, time stamps,
Salesforce ids), which must pass. Values are synthetic (generated SSNs, Luhn cards).
"""

from __future__ import annotations

import pytest

from redaction import (
    FieldNames,
    InvalidRecordError,
    Lead,
    Redactor,
    SensitiveMetadataError,
    Transcript,
)
from redaction.metadata import (
    IDENTIFIER_SCORES,
    holds_identifier,
    id_view,
    may_hold_identifier,
    numbers_view,
)
from redaction.text_scanner import IDENTIFIER_ENTITIES
from tests.assertions import assert_no_raw_values
from tests.synthetic import AMEX, MASTERCARD, NOT_LUHN, SSN, VISA, group, issuable_ssn

ID_SSN = issuable_ssn("id")
NAME_SSN = issuable_ssn("name")
OTHER_SSN = issuable_ssn("campaign")
IBAN = "GB82WEST12345698765432"  # the standard's own example: valid checksum
MBI = "1EG4-TE5-MK73"  # CMS's published example format
WALLET = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"  # Presidio's test address (valid checksum)


@pytest.mark.parametrize(
    ("entity_type", "score", "expected"),
    [
        # counts: sure from the text alone (a cue, a checksum, SSN groups, an MBI's shape)
        ("US_SSN", 0.85, True),
        ("US_ITIN", 0.9, True),
        ("CREDIT_CARD", 0.9, True),
        ("IBAN_CODE", 1.0, True),
        ("US_PASSPORT", 0.9, True),
        ("US_DRIVER_LICENSE", 0.9, True),
        ("ABA_ROUTING_NUMBER", 0.9, True),
        ("US_BANK_NUMBER", 0.85, True),
        ("HEALTH_PLAN_ID", 0.9, True),
        ("CRYPTO", 1.0, True),
        ("US_MBI", 0.6, True),
        # does not count: a bare run of digits guessed by its length
        ("US_SSN", 0.5, False),
        ("US_PASSPORT", 0.5, False),
        ("US_BANK_NUMBER", 0.5, False),
        ("US_DRIVER_LICENSE", 0.5, False),
        ("US_MBI", 0.5, False),
        # not an identifier type: never judged in ids
        ("PHONE_NUMBER", 1.0, False),
        ("DATE_OF_BIRTH", 0.85, False),
        ("ACCOUNT_SECRET", 0.85, False),
        ("HEALTH_CONDITION", 1.0, False),
        ("CARD_SECURITY_CODE", 0.9, False),
    ],
)
def test_when_finding_scored_then_counts_only_for_an_identifier_the_engine_is_sure_of(
    entity_type: str, score: float, expected: bool
) -> None:
    assert holds_identifier(entity_type, score) is expected


def test_when_ids_read_then_the_scanner_looks_for_exactly_the_types_the_rule_judges() -> None:
    assert set(IDENTIFIER_SCORES) == IDENTIFIER_ENTITIES


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("lead-536-22-8174", "lead 536-22-8174"),
        ("lead_536_22_8174", "lead 536-22-8174"),
        ("ssn:078-05-1120", "ssn 078-05-1120"),
        ("camp_4111", "camp 4111"),
        ("1EG4-TE5-MK73", "1EG4 TE5 MK73"),
        ("2024-11-30T10:00:00Z", "2024-11-30T10-00-00Z"),
        ("a..--b", "a b"),
        ("-12-", " 12 "),
        ("lead0001", "lead0001"),
    ],
)
def test_when_id_read_then_parts_set_apart_and_digit_groups_kept(text: str, view: str) -> None:
    assert id_view(text) == view


@pytest.mark.parametrize(
    ("view", "numbers"),
    [("lead 536-22-8174", "536-22-8174"), ("phone 2 x", "2"), ("c2-0042", "c2-0042"), ("a b", "")],
)
def test_when_numbers_read_alone_then_words_dropped(view: str, numbers: str) -> None:
    assert numbers_view(view) == numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [("first_name", False), ("", False), ("phone_2", True), ("\uff12", True)],
)
def test_when_text_has_no_digit_then_it_cannot_hold_an_identifier(
    text: str, expected: bool
) -> None:
    assert may_hold_identifier(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fires: an SSN in its groups, however joined
        (f"lead-{ID_SSN}", ("US_SSN",)),
        (ID_SSN, ("US_SSN",)),
        (f"lead_{ID_SSN.replace('-', '_')}", ("US_SSN",)),
        (f"lead.{ID_SSN.replace('-', '.')}", ("US_SSN",)),
        (f"x-{ID_SSN}-y", ("US_SSN",)),
        (f"lead{ID_SSN}", ("US_SSN",)),
        (f"phone_{ID_SSN}", ("US_SSN",)),  # a word beside it does not talk it out of it
        # fires: named by a cue in the id itself
        ("ssn:078-05-1120", ("US_SSN",)),
        (f"SSN-{ID_SSN.replace('-', '')}", ("US_SSN",)),
        (f"ssn_{ID_SSN.replace('-', '')}", ("US_SSN",)),
        (f"ssn-campaign-{ID_SSN.replace('-', '')}", ("US_SSN",)),
        ("itin:912-70-1234", ("US_ITIN",)),
        ("passport-123456789", ("US_PASSPORT",)),
        ("dl-D1234567", ("US_DRIVER_LICENSE",)),
        ("routing:021000021", ("ABA_ROUTING_NUMBER",)),
        ("acct_000123456789", ("US_BANK_NUMBER",)),
        ("member_id:W123456789", ("HEALTH_PLAN_ID",)),
        # fires: a checksum or a shape that is proof
        (f"camp_{VISA}", ("CREDIT_CARD",)),
        (f"camp-{MASTERCARD}", ("CREDIT_CARD",)),
        (f"lead{AMEX}", ("CREDIT_CARD",)),
        (group(VISA, (4, 4, 4, 4), "-"), ("CREDIT_CARD",)),
        (IBAN, ("IBAN_CODE",)),
        (f"iban-{IBAN}", ("IBAN_CODE",)),
        (MBI, ("US_MBI",)),
        (MBI.replace("-", ""), ("US_MBI",)),
        (f"wallet-{WALLET}", ("CRYPTO",)),
        (f"ssn-{ID_SSN}-card-{VISA}", ("US_SSN", "CREDIT_CARD")),
        # does not fire: ordinary ids
        ("lead-0001", ()),
        ("c2-0042", ()),
        ("550e8400-e29b-41d4-a716-446655440000", ()),
        ("2024-11-30T10:00:00Z-000123", ()),
        ("00Q5e00000AbCdE", ()),
        ("00Q5e00000AbCdEAAB", ()),
        ("ORD-2024-000123", ()),
        ("order#000123456", ()),
        ("inv-2024-11-30-000042", ()),
        ("call-20241130-0001", ()),
        ("dialer-42-7781", ()),
        ("9f86d081884c7d659a2feb15d0b1a7de", ()),
        ("01HGW2N7EXAMPLE5Z0K3Q9V8M1", ()),
        # does not fire: a bare run of digits is an ordinary lead id too
        ("100234567", ()),
        ("lead-100234567", ()),
        (ID_SSN.replace("-", ""), ()),
        ("A1234567", ()),
        ("20241130100000123", ()),
        (NOT_LUHN, ()),
        (f"lead-{NOT_LUHN}", ()),
        # does not fire: numbers that are not identifiers
        ("+1-732-555-0142", ()),
        ("94110-1234", ()),
        ("batch_2024_11_30", ()),
        ("dob-1980-01-02", ()),
        ("medicare-supplement-2024", ()),
        ("address_line_1", ()),
        ("spring", ()),
    ],
)
def test_when_id_read_by_the_engine_then_identifiers_found_and_ordinary_ids_pass(
    redactor: Redactor, text: str, expected: tuple[str, ...]
) -> None:
    assert redactor.metadata.identifiers_in(text) == expected


def test_when_id_holds_an_identifier_then_lead_refused_naming_the_field_never_the_value(
    redactor: Redactor,
) -> None:
    lead = Lead(
        id=f"lead-{ID_SSN}",
        owner="acme",
        campaign_id=f"camp_{VISA}",
        fields={"first_name": "Dana"},
    )
    with pytest.raises(SensitiveMetadataError) as raised:
        redactor.redact_lead(lead)

    error = raised.value
    assert error.reason == "SENSITIVE_METADATA" and isinstance(error, InvalidRecordError)
    assert [v.field for v in error.violations] == ["lead.id", "lead.campaign_id"]
    assert "US_SSN" in error.violations[0].description
    assert "CREDIT_CARD" in error.violations[1].description
    assert_no_raw_values(f"{error} {error.message} {error.violations!r}", [ID_SSN, VISA])


@pytest.mark.parametrize(
    ("record", "path"),
    [
        (Lead(id="l-1", owner=f"client-{ID_SSN}", fields={}), "lead.owner"),
        (Transcript(id=f"call-{VISA}", owner="acme", segments=()), "transcript.id"),
        (Transcript(id="call-1", owner="acme", segments=(), campaign_id=IBAN), None),
    ],
)
def test_when_any_id_of_a_record_holds_an_identifier_then_refused_naming_it(
    redactor: Redactor, record: Lead | Transcript, path: str | None
) -> None:
    with pytest.raises(SensitiveMetadataError) as raised:
        if isinstance(record, Lead):
            redactor.redact_lead(record)
        else:
            redactor.redact_transcript(record)
    assert [v.field for v in raised.value.violations] == [path or "transcript.campaign_id"]


def test_when_live_call_starts_with_an_identifier_in_its_id_then_refused(
    redactor: Redactor,
) -> None:
    with pytest.raises(SensitiveMetadataError) as raised:
        redactor.open_stream(Transcript(id=f"ssn:{ID_SSN}", owner="acme", segments=()))
    assert [v.field for v in raised.value.violations] == ["transcript.id"]


def test_when_record_malformed_then_its_form_is_refused_first(redactor: Redactor) -> None:
    with pytest.raises(InvalidRecordError) as raised:
        redactor.redact_lead(Lead(id=f"lead-{ID_SSN}", owner="", fields={}))
    assert not isinstance(raised.value, SensitiveMetadataError)
    assert [v.field for v in raised.value.violations] == ["lead.owner"]


@pytest.mark.parametrize(
    "record_id", ["lead-0001", "100234567", "550e8400-e29b-41d4-a716-446655440000"]
)
def test_when_ids_are_ordinary_then_lead_redacted(redactor: Redactor, record_id: str) -> None:
    lead = Lead(id=record_id, owner="acme", campaign_id="c2-0042", fields={"ssn": SSN})
    assert redactor.redact_lead(lead).lead.fields == {"ssn": "<US_SSN>"}


@pytest.mark.parametrize(
    ("names", "renamed"),
    [
        (["first_name", "phone_2", "zip"], {}),
        ([NAME_SSN, "first_name"], {NAME_SSN: "<US_SSN>"}),
        # numbered in the sorted order of the names replaced, whatever the fields' order
        ([f"ssn:{NAME_SSN}", NAME_SSN], {NAME_SSN: "<US_SSN>", f"ssn:{NAME_SSN}": "<US_SSN>_2"}),
        ([NAME_SSN, f"ssn:{NAME_SSN}"], {NAME_SSN: "<US_SSN>", f"ssn:{NAME_SSN}": "<US_SSN>_2"}),
        (["<US_SSN>", NAME_SSN], {NAME_SSN: "<US_SSN>_2"}),
        ([f"card_{VISA}", NAME_SSN], {f"card_{VISA}": "<CREDIT_CARD>", NAME_SSN: "<US_SSN>"}),
    ],
)
def test_when_field_names_hold_identifiers_then_each_gets_its_own_label(
    redactor: Redactor, names: list[str], renamed: dict[str, str]
) -> None:
    names_out = redactor.metadata.field_names(names)
    assert dict(names_out.renamed) == renamed
    assert names_out == redactor.metadata.field_names(names)  # stable
    assert len({names_out.name(n) for n in names}) == len(names)  # unique in the record
    assert_no_raw_values(repr(names_out), [NAME_SSN, VISA])


def test_when_field_name_holds_an_ssn_then_renamed_and_its_value_redacted_as_named(
    redactor: Redactor,
) -> None:
    notes = f"call after 5, card {VISA}"
    lead = Lead(
        id="lead-7",
        owner="acme",
        fields={"first_name": "Dana", f"ssn:{NAME_SSN}": OTHER_SSN, NAME_SSN: notes},
    )
    result = redactor.redact_lead(lead)

    # Named "ssn: ...", the value went whole as an SSN; the digits-only name's value was
    # scanned as free text, exactly as under the original names.
    assert dict(result.lead.fields) == {
        "first_name": "Dana",
        "<US_SSN>_2": "<US_SSN>",
        "<US_SSN>": "call after 5, card <CREDIT_CARD>",
    }
    by_field = {(f.field_name, f.entity_type): f for f in result.findings}
    whole = by_field[("<US_SSN>_2", "US_SSN")]
    assert (whole.start, whole.end) == (0, len(OTHER_SSN))
    card = by_field[("<US_SSN>", "CREDIT_CARD")]
    assert notes[card.start : card.end] == VISA
    assert_no_raw_values(repr(result), [NAME_SSN, OTHER_SSN, VISA])


def test_when_lead_rekeyed_then_its_fields_are_keyed_as_the_result(redactor: Redactor) -> None:
    lead = Lead(id="l", owner="acme", fields={NAME_SSN: "(212) 555-0142", "zip": "10001"})
    names = redactor.metadata.field_names(lead.fields)
    assert dict(names.rekey(lead).fields) == {"<US_SSN>": "(212) 555-0142", "zip": "10001"}
    assert FieldNames().rekey(lead) is lead and not FieldNames()


def test_when_a_field_name_is_a_bare_ssn_or_card_then_renamed(redactor: Redactor) -> None:
    """A header-less CSV makes values names: no leniency for bare digit runs there."""
    names = redactor.metadata.field_names([issuable_ssn("header"), VISA, "c1"])
    assert names.name(issuable_ssn("header")) == "<US_SSN>"
    assert names.name(VISA) == "<CREDIT_CARD>"
    assert names.name("c1") == "c1"


@pytest.mark.parametrize("snowflake", ["1866207483451937281", "1234567890123456789"])
def test_when_an_id_is_a_long_bare_number_then_it_passes(
    redactor: Redactor, snowflake: str
) -> None:
    """A 19-digit snowflake id may pass Luhn; with no brand's shape and no cue it is no card."""
    assert redactor.metadata.identifiers_in(snowflake) == ()
