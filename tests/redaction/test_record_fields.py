"""Fields whose names say nothing, classified by value and record: one row per rule, both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from faker import Faker
from hypothesis import given
from hypothesis import strategies as st

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway.rpc.convert import lead_from_pb
from redaction import Redactor, value_shapes
from redaction.field_names import classify_field, name_says_nothing
from redaction.record_fields import (
    RecordFacts,
    classify_by_value,
    classify_record,
    coordinate_pair,
    record_facts,
)
from redaction.value_shapes import (
    DATE_FORMATS,
    SHORT_YEAR_FORMATS,
    format_shape,
    is_birth_date_by_age,
    is_card_expiry,
    is_password_shaped,
    is_written_phone,
    parse_whole_date,
)

TODAY = date(2026, 12, 2)
RECEIVED = datetime(2026, 12, 2, tzinfo=UTC)
CARD = "4111 1111 1111 1111"  # the industry's public test numbers (Luhn-valid, no person)
AMEX = "3782 822463 10005"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1958-02-03", date(1958, 2, 3)),
        ("19580203", date(1958, 2, 3)),
        ("02/03/1958", date(1958, 2, 3)),
        ("2/3/58", date(1958, 2, 3)),
        ("03-Feb-1958", date(1958, 2, 3)),
        ("Feb 3 1958", date(1958, 2, 3)),
        ("February 3rd, 1958", date(1958, 2, 3)),
        ("3 February 1958", date(1958, 2, 3)),
        ("1958-02-03 00:00:00", date(1958, 2, 3)),
        ("1958-02-03T00:00:00Z", date(1958, 2, 3)),
        ("25.12.1961", date(1961, 12, 25)),
        ("12/25/26", date(1926, 12, 25)),  # a two-digit year is read into the past
        ("2019", None),
        ("0929", None),
        ("03-Feb", None),
        ("born 1958-02-03", None),
        ("1958-02-03 and 1960-01-01", None),
        ("123-45-6789", None),
    ],
)
def test_parse_whole_date(value: str, expected: date | None) -> None:
    assert parse_whole_date(value, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "fires"),
    [
        ("1958-02-03", True),
        ("2/3/58", True),
        ("1916-12-03", True),  # 110 years: the oldest counted
        ("1915-12-01", False),  # older than anyone alive
        ("2008-12-02", True),  # 18 today
        ("2008-12-03", False),  # 18 tomorrow
        ("2026-11-30", False),  # a recent date: a callback, an order
    ],
)
def test_birth_date_by_age(value: str, fires: bool) -> None:
    assert is_birth_date_by_age(value, TODAY) is fires


@pytest.mark.parametrize(
    ("value", "fires"),
    [
        ("0929", True),
        ("09/29", True),
        ("9/2029", True),
        ("09-2031", True),
        ("1329", False),  # month 13
        ("929", False),
        ("0999", False),  # year 2099 is beyond any card
        ("2019", False),  # month 20
    ],
)
def test_card_expiry_shape(value: str, fires: bool) -> None:
    assert is_card_expiry(value, TODAY) is fires


@pytest.mark.parametrize(
    ("value", "fires"),
    [
        ("Summer2024!", True),
        ("jd0e#88x", True),
        ("password", False),  # letters only: a word
        ("12345678", False),
        ("jdoe@example.com", False),
        ("https://example.com/x1", False),
        ("two words1", False),
        ("$1,250.00", False),
    ],
)
def test_password_shape(value: str, fires: bool) -> None:
    assert is_password_shaped(value) is fires


@pytest.mark.parametrize(
    ("name", "says_nothing"),
    [
        ("custom_12", True),
        ("c7", True),
        ("field_18", True),
        ("col_31", True),
        ("udf_03", True),
        ("x_f4", True),
        ("attr9", True),
        ("monthly_bill", False),
        ("household_size", False),
        ("notes", False),
        ("vehicle_year", False),
    ],
)
def test_name_says_nothing(name: str, says_nothing: bool) -> None:
    assert name_says_nothing(name) is says_nothing


# The field under test stands in column 5; anchors stand beside it (4, 6) or far off (20).
AT = 5
CARD_FACTS = RecordFacts(card=(4,), expiry=(6,))
ACCOUNT_FACTS = RecordFacts(account=(4,))
ROUTING_FACTS = RecordFacts(routing=(4,))
LOGIN_FACTS = RecordFacts(login=(4,))
NOTHING = RecordFacts()


@pytest.mark.parametrize(
    ("name", "value", "facts", "expected"),
    [
        # a full date 18 to 110 years back is a date of birth
        ("c7", "03-Feb-1958", NOTHING, "DATE_OF_BIRTH"),
        ("c7", "19580203", NOTHING, "DATE_OF_BIRTH"),
        ("custom_3", "2/3/58", NOTHING, "DATE_OF_BIRTH"),
        ("c7", "2026-11-20", NOTHING, None),
        ("appt_date", "1958-02-03", NOTHING, None),  # the name says which date it is
        # MMYY beside a card is its expiry
        ("col_31", "0929", CARD_FACTS, "CARD_EXPIRY"),
        ("col_31", "09/29", RecordFacts(card=(4,)), "CARD_EXPIRY"),
        ("col_31", "Oct 2031", RecordFacts(card=(4,)), "CARD_EXPIRY"),
        ("col_31", "0929", NOTHING, None),
        # "beside" is the record: a gRPC lead's map keeps no column order
        ("col_31", "0929", RecordFacts(card=(20,)), "CARD_EXPIRY"),
        # 3 digits beside a card (4 beside an Amex) are its security code
        ("col_32", "118", CARD_FACTS, "CARD_SECURITY_CODE"),
        ("col_32", "7391", RecordFacts(card=(4,), amex=True), "CARD_SECURITY_CODE"),
        ("col_32", "7391", CARD_FACTS, None),  # four digits beside a Visa: not its code
        ("col_32", "118", NOTHING, None),
        ("lead_score", "118", CARD_FACTS, None),  # a name that says something is scanned instead
        # 4 to 6 digits beside an account, username or password are a PIN
        ("c9", "4411", ACCOUNT_FACTS, "ACCOUNT_SECRET"),
        ("c9", "441190", LOGIN_FACTS, "ACCOUNT_SECRET"),
        ("c9", "4411", NOTHING, None),
        ("c9", "4411990", ACCOUNT_FACTS, None),  # seven digits: not a PIN
        ("c9", "2004", ACCOUNT_FACTS, None),  # a vehicle's year, likelier than such a PIN
        ("c9", "7500", ACCOUNT_FACTS, None),  # a round amount
        # a password-shaped token beside a username is its password
        ("c10", "Summer2024!", LOGIN_FACTS, "ACCOUNT_SECRET"),
        ("c10", "football2018", ACCOUNT_FACTS, "ACCOUNT_SECRET"),  # as people pick them
        ("c10", "Summer2024!", NOTHING, None),
        ("c10", "hello", LOGIN_FACTS, None),
        ("c10", "Self-employed", LOGIN_FACTS, None),
        # a routing number by its checksum; the account beside it, not a phone
        ("c11", "021000021", NOTHING, "ABA_ROUTING_NUMBER"),
        ("c12", "63634331", ROUTING_FACTS, "US_BANK_NUMBER"),
        ("c12", "9145309099", ROUTING_FACTS, None),
        # an ID's shape beside identity data fails closed
        ("c9", "X034-4879-6302-06", RecordFacts(identity=True), "US_DRIVER_LICENSE"),
        ("c9", "CCK527263295474", RecordFacts(health=True), "HEALTH_PLAN_ID"),
        ("c9", "X034-4879-6302-06", NOTHING, None),
        ("c9", "APP-2708473", RecordFacts(identity=True), None),
    ],
)
def test_classify_by_value(name: str, value: str, facts: RecordFacts, expected: str | None) -> None:
    assert classify_by_value(name, value, facts, TODAY, AT) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"cc_num": CARD, "c2": "0929", "c3": "118"},
            {"c2": "CARD_EXPIRY", "c3": "CARD_SECURITY_CODE"},
        ),
        (
            {"x1": AMEX, "x2": "09/29", "x3": "7391"},
            {"x2": "CARD_EXPIRY", "x3": "CARD_SECURITY_CODE"},
        ),
        # a value given twice in one record (a zip in two address blocks) is no secret
        ({"acct_no": "118846000541", "c4": "57728", "c9": "57728"}, {}),
        (
            {"username": "jdoe88", "f1": "Summer2024!", "f2": "4411"},
            {"f1": "ACCOUNT_SECRET", "f2": "ACCOUNT_SECRET"},
        ),
        ({"acct_no": "118846000541", "c4": "4411"}, {"c4": "ACCOUNT_SECRET"}),
        ({"c1": "Jane", "c2": "0929", "c3": "118"}, {}),
        ({"card_type": "Visa", "c3": "118"}, {}),  # a card's brand is not a card
        ({"cc_num": "", "c3": "118"}, {}),  # an empty card column holds no card
    ],
)
def test_classify_record(fields: dict[str, str], expected: dict[str, str]) -> None:
    assert classify_record(fields, TODAY) == expected


def test_record_facts_sees_a_card_in_an_unnamed_column() -> None:
    facts = record_facts({"custom_1": CARD, "custom_2": "0929"}, TODAY)
    assert facts.card == (0,) and not facts.account


def _card_record(fake: Faker, columns: int) -> tuple[dict[str, str], str, str, list[str]]:
    """A record of ``columns`` fields in random order: a card, its expiry and code, and
    ordinary lead data; returns the fields, the expiry, the code and the ordinary values."""
    card_type = fake.random_element(("visa16", "mastercard", "amex", "discover"))
    expiry = fake.credit_card_expire(date_format=fake.random_element(("%m%y", "%m/%y", "%m/%Y")))
    code = fake.credit_card_security_code(card_type=card_type)
    ordinary = [
        fake.random_element(
            (fake.first_name, fake.city, fake.company, fake.email, fake.color_name)
        )()
        for _ in range(columns - 3)
    ]
    values = [fake.credit_card_number(card_type=card_type), expiry, code, *ordinary]
    fake.random.shuffle(values)
    prefixes = ("c", "col_", "custom_", "udf_", "f", "x_f", "field_", "attr")
    names = [
        f"{fake.random_element(prefixes)}{n}" for n in fake.random_sample(range(1, 999), columns)
    ]
    return dict(zip(names, values, strict=True)), expiry, code, ordinary


def test_any_record_with_a_card_loses_its_expiry_and_code_whatever_the_columns_are_called() -> None:
    """Property: opaque names, 4 to 60 columns in any order (a gRPC map keeps none)."""
    fake = Faker()
    Faker.seed(1414)
    for _ in range(300):
        fields, expiry, code, ordinary = _card_record(fake, fake.random_int(4, 60))
        found = classify_record(fields, TODAY)
        by_value = {fields[name]: kind for name, kind in found.items()}
        assert by_value.get(expiry) == "CARD_EXPIRY", fields
        assert by_value.get(code) in ("CARD_SECURITY_CODE", "CARD_EXPIRY"), fields
        assert not set(ordinary) & set(by_value), fields


@pytest.mark.parametrize(
    ("name", "entity_type"),
    [
        ("pregnant_yn", "HEALTH_CONDITION"),
        ("uses_tobacco", "HEALTH_CONDITION"),
        ("SmokerFlag", "HEALTH_CONDITION"),
        ("hiv_status", "HEALTH_CONDITION"),
        ("va_rating", "HEALTH_CONDITION"),
        ("disability", "HEALTH_CONDITION"),
        ("union_member", "UNION_MEMBERSHIP"),
        ("Union", "UNION_MEMBERSHIP"),
        ("religion", "RELIGION"),
        ("party", "POLITICAL_OPINION"),
        ("voter_party", "POLITICAL_OPINION"),
        ("fecha_nac", "DATE_OF_BIRTH"),
        ("dt_naiss", "DATE_OF_BIRTH"),
        ("geb_datum", "DATE_OF_BIRTH"),
        ("nr_ss", "US_SSN"),
        ("no_tarjeta", "CREDIT_CARD"),
        ("Vencimiento", "CARD_EXPIRY"),
        ("contraseña", "ACCOUNT_SECRET"),
        ("num_cuenta", "US_BANK_NUMBER"),
        ("pasaporte", "US_PASSPORT"),
        ("preg", "HEALTH_CONDITION"),
        ("smk", "HEALTH_CONDITION"),
        ("hisp_yn", "RACIAL_ETHNIC_ORIGIN"),
        ("undocumented", "CITIZENSHIP_IMMIGRATION"),
        ("Raucher", "HEALTH_CONDITION"),
        ("ccv", "CARD_SECURITY_CODE"),
        # homographs: the name is not the fact
        ("trans_id", None),
        ("party_size", None),
        ("third_party", None),
        ("credit_union_name", None),
        ("card_type", None),
        ("smoke_detectors", None),  # a thing or a place, not the person
        ("drinking_water_source", None),
        ("fence_height", None),
        ("vehicle_weight", None),
        ("union_county", "STREET_ADDRESS"),
    ],
)
def test_sensitive_by_name(name: str, entity_type: str | None) -> None:
    rule = classify_field(name)
    assert (rule.entity_type if rule else None) == entity_type


@pytest.mark.parametrize(
    ("value", "phone"),
    [
        ("+14179721118", True),
        ("(415) 555-0132", True),
        ("210 339 1929", True),
        ("4155550132", False),  # a bare run: an account as often as a phone
        ("668 450 8433", False),  # no such area code
        ("123-45-6789", False),
    ],
)
def test_written_phone(value: str, phone: bool) -> None:
    assert is_written_phone(value) is phone


@pytest.mark.parametrize(
    ("value", "facts", "expected"),
    [
        # eight or nine digits beside identity data: an ID by its shape (fail closed)
        ("533 646 526", RecordFacts(identity=True), "US_DRIVER_LICENSE"),
        ("15073967", RecordFacts(identity=True), "US_DRIVER_LICENSE"),
        ("533 646 526", NOTHING, None),
        ("85230-0023", RecordFacts(identity=True), None),  # a ZIP+4
        ("20241224", RecordFacts(identity=True), None),  # a date
    ],
)
def test_id_digits_fail_closed_beside_identity(
    value: str, facts: RecordFacts, expected: str | None
) -> None:
    assert classify_by_value("c9", value, facts, TODAY, AT) == expected


def test_engine_removes_expiry_and_code_after_a_proto_round_trip(redactor: Redactor) -> None:
    """End to end: the lead goes through the gRPC message (a map) and the real engine."""
    fake = Faker()
    Faker.seed(2026)
    for index in range(20):
        fields, expiry, code, _ = _card_record(fake, 30)
        message = pb.Lead(id=f"lead-{index}", owner="acme", fields=fields)
        lead = lead_from_pb(pb.Lead.FromString(message.SerializeToString()))
        out = redactor.redact_lead(lead, RECEIVED).lead.fields
        assert expiry not in out.values() and code not in out.values(), fields


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"c17": "44.419172", "c18": "-87.364625"}, {"c17", "c18"}),
        ({"c17": "44.419172", "c18": "Jane"}, set()),  # one coordinate alone: no place
        ({"score": "0.8731", "prob": "0.1234"}, set()),  # scores, not a US place
        ({"c1": "$94.4420", "c2": "-87.364625"}, set()),
    ],
)
def test_latitude_and_longitude_in_two_columns(fields: dict[str, str], expected: set[str]) -> None:
    assert coordinate_pair(fields) == expected


def _strptime_every_format(value: str) -> date | None:
    """parse_whole_date as it was before shapes: strptime tried on every format in turn."""
    text = value_shapes._TIME_TAIL.sub("", value.strip())
    text = value_shapes._SPACES.sub(" ", value_shapes._ORDINAL.sub("", text)).strip(" .")
    if not value_shapes._DATE_CHARS.match(text) or not any(c.isdigit() for c in text):
        return None
    named = any(c.isalpha() for c in text)
    for formats, short in ((DATE_FORMATS, False), (SHORT_YEAR_FORMATS, True)):
        for fmt in formats:
            if ("%b" in fmt or "%B" in fmt) is not named:
                continue
            try:
                parsed = datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            if short and parsed > TODAY:
                return parsed.replace(year=parsed.year - 100)
            return parsed
    return None


@given(
    st.sampled_from(DATE_FORMATS + SHORT_YEAR_FORMATS),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
)
def test_a_format_shape_admits_every_date_its_format_writes(fmt: str, day: date) -> None:
    text = day.strftime(fmt)
    assert format_shape(fmt).fullmatch(text), (fmt, text)
    assert parse_whole_date(text, TODAY) == _strptime_every_format(text)


@given(
    st.text(alphabet="0123456789/-. ,JanFebMyOctSpt", min_size=4, max_size=16)
    | st.dates().map(lambda d: d.strftime("%B %-d %Y"))
)
def test_shapes_change_no_parse(text: str) -> None:
    """The shapes only skip strptime calls that would fail: the same date, or the same None."""
    assert parse_whole_date(text, TODAY) == _strptime_every_format(text)
