"""Column profiles: the kind a column's values mostly are, from a sample; shapes, never values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from faker import Faker

from redaction import Action, Finding, Lead, Redactor, Sensitivity, profile_sample
from redaction.column_profile import mask_shape, profile_rows, whole_kinds

RECEIVED = datetime(2026, 12, 2, tzinfo=UTC)
FAKE = Faker()
Faker.seed(14)

DOBS = ["1958-02-03", "02/11/1971", "1980-07-30", "12/30/1966", "1949-05-17"]
PHONES = ["(555) 201-7788", "555-201-7789", "555.201.7790", "5552017791", "+1 555 201 7792"]
# Issuable SSNs in the shapes vendors write them; the last lost its leading zero to a
# spreadsheet: eight digits, which no recognizer reads as an SSN on its own.
SSNS = ["536-22-8174", "421-56-7788", "523441234", "612 33 4567", "12345678"]


def _leads(**columns: list[str]) -> list[Lead]:
    rows = len(next(iter(columns.values())))
    return [
        Lead(
            str(i),
            "acme",
            {"first_name": FAKE.first_name()} | {c: v[i] for c, v in columns.items()},
        )
        for i in range(rows)
    ]


def _column(redactor: Redactor, name: str, values: list[str]) -> tuple[str, bool]:
    profile = profile_sample(redactor, _leads(**{name: values}), RECEIVED)
    column = next(c for c in profile.columns if c.column == name)
    return column.entity_type, column.mapped


@pytest.mark.parametrize(
    ("name", "values", "kind", "mapped"),
    [
        # mapped: mostly one sensitive kind, under a name that says nothing
        ("c7", DOBS, "DATE_OF_BIRTH", True),
        ("custom_12", SSNS, "US_SSN", True),
        ("c7", [*DOBS[:3], "n/a", "02/03/2009"], "DATE_OF_BIRTH", True),  # 3 of 5: 60%
        # not mapped
        ("c9", PHONES, "", False),  # contact data: the lead itself
        ("c7", [DOBS[0], DOBS[1], "yes", "no", "maybe"], "DATE_OF_BIRTH", False),  # 40%
        ("c7", DOBS[:2], "DATE_OF_BIRTH", False),  # two values say nothing about a column
        ("dob", DOBS, "DATE_OF_BIRTH", False),  # the name says so already
        ("phone", PHONES, "PHONE_NUMBER", False),
    ],
)
def test_when_sample_profiled_then_column_kind_and_map(
    redactor: Redactor, name: str, values: list[str], kind: str, mapped: bool
) -> None:
    assert _column(redactor, name, values) == (kind, mapped)


def test_when_column_mapped_then_row_its_value_alone_misses_is_removed(
    redactor: Redactor,
) -> None:
    leads = _leads(c3=SSNS)
    alone = redactor.redact_lead(leads[-1], RECEIVED)
    assert alone.lead.fields["c3"] == "12345678"  # the engine alone keeps it

    kinds = profile_sample(redactor, leads, RECEIVED).field_map()
    assert kinds == {"c3": "US_SSN"}
    mapped = redactor.redact_lead(leads[-1], RECEIVED, kinds)
    assert mapped.lead.fields["c3"] == "<US_SSN>"
    assert ("US_SSN", "c3") in [(f.entity_type, f.field_name) for f in mapped.findings]


def test_when_policy_maps_column_then_reported_from_policy_not_mapped_again(
    redactor: Redactor,
) -> None:
    from redaction import PolicyBook, RedactionPolicy

    book = PolicyBook(owners={"acme": RedactionPolicy(field_map={"c3": "US_SSN"})})
    engine = redactor.with_policies(book)
    profile = profile_sample(engine, _leads(c3=SSNS, c7=DOBS), RECEIVED)
    c3 = next(c for c in profile.columns if c.column == "c3")
    assert (c3.entity_type, c3.source, c3.share, c3.mapped) == ("US_SSN", "policy", 1.0, False)
    assert profile.field_map() == {"c7": "DATE_OF_BIRTH"}


def test_when_sample_holds_two_owners_then_refused(redactor: Redactor) -> None:
    leads = [Lead("1", "acme", {"c1": "x"}), Lead("2", "globex", {"c1": "y"})]
    with pytest.raises(ValueError, match="one owner"):
        profile_sample(redactor, leads)


def _finding(field: str, entity_type: str, start: int, end: int) -> Finding:
    return Finding(
        entity_type, start, end, Action.REPLACED, Sensitivity.SENSITIVE, "X", 1.0, field_name=field
    )


@pytest.mark.parametrize(
    ("value", "spans", "expected"),
    [
        ("536-22-8174", [("US_SSN", 0, 11)], {"US_SSN"}),
        (" 536-22-8174 ", [("US_SSN", 1, 12)], {"US_SSN"}),  # spaces are not the value
        ("#536-22-8174", [("US_SSN", 1, 12)], {"US_SSN"}),  # nor punctuation
        ("ssn 536-22-8174", [("US_SSN", 4, 15)], set()),  # a word outside: a note, not a value
        ("Dx: asthma", [("HEALTH_CONDITION", 4, 10)], set()),
        (
            "asthma, copd",
            [("HEALTH_CONDITION", 0, 6), ("HEALTH_CONDITION", 8, 12)],
            {"HEALTH_CONDITION"},
        ),
        ("---", [], set()),
    ],
)
def test_whole_kinds(value: str, spans: list[tuple[str, int, int]], expected: set[str]) -> None:
    assert whole_kinds(value, [_finding("c1", *span) for span in spans]) == expected


def test_when_threshold_is_a_parameter_then_it_decides() -> None:
    rows = [({"c1": f"v{i}"}, [_finding("c1", "US_SSN", 0, 2)] if i < 7 else []) for i in range(10)]
    assert profile_rows("acme", rows).field_map() == {"c1": "US_SSN"}  # 70% >= 60%
    assert profile_rows("acme", rows, threshold=0.8).field_map() == {}
    assert profile_rows("acme", rows, min_values=11).field_map() == {}
    with pytest.raises(ValueError):
        profile_rows("acme", rows, threshold=0)


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        ("536-22-8174", "999-99-9999"),
        ("12345678", "99999999"),
        ("1958-02-03", "9999-99-99"),
        ("(555) 201-7788", "(999) 999-9999"),
        ("1EG4-TE5-MK73", "9XX9-XX9-XX99"),  # an ID's letters keep their place, not their value
        ("Catholic", "Xxx"),  # a word's length is not kept: it could tell one word from another
        ("Jewish", "Xxx"),
        ("dana.smith@example.com", "xxx.xxx@xxx.xxx"),
        ("HIV positive", "XXX xxx"),
        ("a" * 40 + "1", "x" * 23 + "…"),
    ],
)
def test_mask_shape(value: str, shape: str) -> None:
    assert mask_shape(value) == shape


@pytest.mark.parametrize("seed", range(20))
def test_when_values_masked_then_no_letter_or_digit_of_them_survives(seed: int) -> None:
    fake = Faker()
    fake.seed_instance(seed)
    for value in (fake.ssn(), fake.name(), fake.email(), fake.date_of_birth().isoformat(),
                  fake.credit_card_number(), fake.street_address(), fake.iban()):  # fmt: skip
        shape = mask_shape(value)
        assert set(shape) <= set("9xX -/.,:;()#+@_'?…"), (value, shape)


def test_when_profiled_then_examples_are_shapes_only(redactor: Redactor) -> None:
    profile = profile_sample(redactor, _leads(c3=SSNS, c7=DOBS, c9=PHONES), RECEIVED)
    text = repr(profile)
    for value in [*SSNS, *DOBS, *PHONES]:
        assert value not in text


def test_when_a_column_name_holds_an_ssn_then_the_profile_never_shows_it(
    redactor: Redactor,
) -> None:
    name = "ssn 536-22-8174"  # a synthetic issuable SSN typed into a header
    leads = [
        Lead(id=f"l{i}", owner="acme", fields={name: dob, "c1": "Jane"})
        for i, dob in enumerate(DOBS)
    ]
    profile = profile_sample(redactor, leads, RECEIVED)
    names = [column.column for column in profile.columns]
    assert name not in names and "<US_SSN>" in names
    assert all("536" not in example for c in profile.columns for example in c.examples)


def test_when_a_renamed_column_is_mapped_then_the_map_applies_to_it(redactor: Redactor) -> None:
    """The profile names the column <US_SSN>; the map still reaches the real column."""
    lead = Lead(id="l1", owner="acme", fields={"536-22-8174": "12345678", "c1": "Jane"})
    alone = redactor.redact_lead(lead, RECEIVED)
    assert alone.lead.fields == {"<US_SSN>": "12345678", "c1": "Jane"}  # renamed, value kept
    out = redactor.redact_lead(lead, RECEIVED, {"<US_SSN>": "US_SSN"})
    assert out.lead.fields == {"<US_SSN>": "<US_SSN>", "c1": "Jane"}
