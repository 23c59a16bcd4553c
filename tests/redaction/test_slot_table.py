import pytest

from redaction.dialogue import requests_in
from redaction.slot_table import SLOT_TABLE, Shape, SlotSpec


@pytest.mark.parametrize(
    "said, expected",
    [
        # LAST_FOUR_DIGITS (before US_SSN: the more specific wins)
        ("can I get the last 4 of your social?", ["LAST_FOUR_DIGITS"]),
        ("last four digits on the card", ["LAST_FOUR_DIGITS"]),
        ("what's the last 4?", ["LAST_FOUR_DIGITS"]),
        # US_SSN
        ("what's your social?", ["US_SSN"]),
        ("your social security number please", ["US_SSN"]),
        ("and your ssn?", ["US_SSN"]),
        ("ss# on file", ["US_SSN"]),
        ("the kids' socials", ["US_SSN"]),
        ("your wife's social", ["US_SSN"]),
        ("your husband's social security number", ["US_SSN"]),
        ("ssns", ["US_SSN"]),
        # US_ITIN
        ("what's your itin?", ["US_ITIN"]),
        ("taxpayer id number", ["US_ITIN"]),
        ("your tax id", ["US_ITIN"]),
        ("their itins", ["US_ITIN"]),
        # CARD_EXPIRY
        ("the expiration date?", ["CARD_EXPIRY"]),
        ("exp date", ["CARD_EXPIRY"]),
        ("valid thru", ["CARD_EXPIRY"]),
        ("good through", ["CARD_EXPIRY"]),
        ("the expiration dates", ["CARD_EXPIRY"]),
        # CARD_SECURITY_CODE
        ("the cvv?", ["CARD_SECURITY_CODE"]),
        ("security code", ["CARD_SECURITY_CODE"]),
        ("the 3 digit code on the back", ["CARD_SECURITY_CODE"]),
        ("three digits on the back", ["CARD_SECURITY_CODE"]),
        ("the code on the back", ["CARD_SECURITY_CODE"]),
        pytest.param("the security codes", ["CARD_SECURITY_CODE"]),
        # CREDIT_CARD
        ("the card number?", ["CREDIT_CARD"]),
        ("credit card number", ["CREDIT_CARD"]),
        ("debit card", ["CREDIT_CARD"]),
        ("the number on the front of the card", ["CREDIT_CARD"]),
        ("which card?", ["CREDIT_CARD"]),
        ("the other card", ["CREDIT_CARD"]),
        ("the long number", ["CREDIT_CARD"]),
        ("my credit card's number", ["CREDIT_CARD"]),
        ("the card numbers", ["CREDIT_CARD"]),
        # ABA_ROUTING_NUMBER
        ("routing number", ["ABA_ROUTING_NUMBER"]),
        ("aba number", ["ABA_ROUTING_NUMBER"]),
        ("transit number", ["ABA_ROUTING_NUMBER"]),
        ("the routing numbers", ["ABA_ROUTING_NUMBER"]),
        # US_BANK_NUMBER
        ("the account number?", ["US_BANK_NUMBER"]),
        ("your checking account number", ["US_BANK_NUMBER"]),
        ("acct #", ["US_BANK_NUMBER"]),
        ("both account numbers", ["US_BANK_NUMBER"]),
        # US_MBI
        ("your medicare number", ["US_MBI"]),
        ("mbi", ["US_MBI"]),
        ("your medicare card", ["US_MBI"]),
        ("both medicare numbers", ["US_MBI"]),
        # HEALTH_PLAN_ID
        ("member id", ["HEALTH_PLAN_ID"]),
        ("insurance id", ["HEALTH_PLAN_ID"]),
        ("your medicaid number", ["HEALTH_PLAN_ID"]),
        ("the id on your insurance card", ["HEALTH_PLAN_ID"]),
        ("member ids", ["HEALTH_PLAN_ID"]),
        # US_DRIVER_LICENSE
        ("driver's license number", ["US_DRIVER_LICENSE"]),
        ("drivers license", ["US_DRIVER_LICENSE"]),
        ("license number", ["US_DRIVER_LICENSE"]),
        ("state id", ["US_DRIVER_LICENSE"]),
        ("their driver's licenses", ["US_DRIVER_LICENSE"]),
        pytest.param("license numbers", ["US_DRIVER_LICENSE"]),
        # US_PASSPORT
        ("passport number", ["US_PASSPORT"]),
        ("your passport", ["US_PASSPORT"]),
        ("his passport's number", ["US_PASSPORT"]),
        ("the children's passport numbers", ["US_PASSPORT"]),
        # IBAN_CODE
        ("your iban", ["IBAN_CODE"]),
        pytest.param(
            "international bank account number",
            ["IBAN_CODE"],
        ),
        # DATE_OF_BIRTH
        ("date of birth", ["DATE_OF_BIRTH"]),
        ("your birthday", ["DATE_OF_BIRTH"]),
        ("her birthdate", ["DATE_OF_BIRTH"]),
        ("dob", ["DATE_OF_BIRTH"]),
        ("when were you born", ["DATE_OF_BIRTH"]),
        ("year of birth", ["DATE_OF_BIRTH"]),
        pytest.param("the kids' birthdays", ["DATE_OF_BIRTH"]),
        pytest.param("their dates of birth", ["DATE_OF_BIRTH"]),
        # ACCOUNT_SECRET
        ("your pin", ["ACCOUNT_SECRET"]),
        ("pin number", ["ACCOUNT_SECRET"]),
        ("pin #", ["ACCOUNT_SECRET"]),
        ("your pin for the card", ["ACCOUNT_SECRET"]),
        ("password", ["ACCOUNT_SECRET"]),
        ("security question", ["ACCOUNT_SECRET"]),
        ("mother's maiden name", ["ACCOUNT_SECRET"]),
        ("your first pet's name", ["ACCOUNT_SECRET"]),
        ("the one-time code", ["ACCOUNT_SECRET"]),
        # CHILD_AGE
        ("the kids' names and ages", ["CHILD_AGE"]),
        ("children's names", ["CHILD_AGE"]),
        ("your son's name", ["CHILD_AGE"]),
        ("your sons' ages", ["CHILD_AGE"]),
        ("how old are the kids", ["CHILD_AGE"]),
        ("names and ages", ["CHILD_AGE"]),
        ("is there anyone else in the household?", ["CHILD_AGE"]),
        ("who else lives with you?", ["CHILD_AGE"]),
        ("any dependents?", ["CHILD_AGE"]),
        # several in one turn, in the order said
        ("expiration and the security code?", ["CARD_EXPIRY", "CARD_SECURITY_CODE"]),
        ("card number, expiry and the cvv", ["CREDIT_CARD", "CARD_EXPIRY", "CARD_SECURITY_CODE"]),
        ("the social and the date of birth", ["US_SSN", "DATE_OF_BIRTH"]),
        ("your social security number and your wife's social?", ["US_SSN", "US_SSN"]),
        ("date of birth, then the last 4 of the social", ["DATE_OF_BIRTH", "LAST_FOUR_DIGITS"]),
        # opens nothing
        ("I have the pin at the map", []),
        ("pin drop", []),
        ("pin for the map", []),
        ("what's on your plan card?", []),
        ("how are you today?", []),
        ("let me pull up your account", []),
        ("", []),
    ],
)
def test_when_turn_read_then_requests_match_table(said: str, expected: list[str]) -> None:
    assert [r.spec.entity_type for r in requests_in(said)] == expected


@pytest.mark.parametrize(
    "said, expected_phrases",
    [
        # the more specific row takes the words; the general one does not match inside them
        ("can I get the last 4 of your social?", ["last 4 of your social"]),
        ("your social security number please", ["social security number"]),
        ("the kids' socials", ["socials"]),
        ("expiration and the security code?", ["expiration", "security code"]),
    ],
)
def test_when_requests_overlap_then_earlier_row_takes_the_phrase(
    said: str, expected_phrases: list[str]
) -> None:
    assert [said[r.start : r.end] for r in requests_in(said)] == expected_phrases


def test_when_slot_table_read_then_lengths_are_consistent() -> None:
    for spec in SLOT_TABLE:
        assert 1 <= spec.min_len <= spec.max_len
        assert spec.min_len <= spec.typical_len <= spec.max_len


@pytest.mark.parametrize(
    "spec, expected_typical",
    [
        # no typical length given: the longest
        (SlotSpec("X", r"x", Shape.DIGITS, 9, 9), 9),
        (SlotSpec("X", r"x", Shape.ALNUM, 4, 20), 20),
        # given: kept
        (SlotSpec("X", r"x", Shape.DIGITS, 12, 19, typical_len=16), 16),
    ],
)
def test_when_spec_built_then_typical_length_defaults_to_max(
    spec: SlotSpec, expected_typical: int
) -> None:
    assert spec.typical_len == expected_typical
