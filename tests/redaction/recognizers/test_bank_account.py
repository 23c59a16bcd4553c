import pytest

from redaction.recognizers.bank_account import BankAccountRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> BankAccountRecognizer:
    return BankAccountRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: typed, cue before
        ("acct# 000123456789", 1, [(6, 18)]),
        ("Bank account: 7733 1029 4456", 1, [(14, 28)]),
        ("savings 0012-3456-7890", 1, [(8, 22)]),
        ("a/c no. 66120934455", 1, [(8, 19)]),
        ("direct deposit acct 12345678901234567", 1, [(20, 37)]),
        # valid: normalized speech, lowercase, split by pauses
        ("my checking account number is 4081726355", 1, [(30, 40)]),
        ("account 4451 22 8190", 1, [(8, 20)]),
        ("um the account number with you guys is 55012983", 1, [(39, 47)]),
        ("pay it from my checking 908877261 please", 1, [(24, 33)]),
        # valid: cue after the number
        ("uh it's 908877261 that's my checking", 1, [(8, 17)]),
        ("66120934 is the savings account", 1, [(0, 8)]),
        # valid: only the account number when other numbers stand near it
        ("routing number 071402132 and account number 33340001", 1, [(44, 52)]),
        ("account number 40817263 and my phone is 5551234567", 1, [(15, 23)]),
        # invalid: a last four is not the account number (deliberate)
        ("checking account ending in 4432", 0, []),
        ("savings ending 0091", 0, []),
        # invalid: the nearest cue names another kind of number
        ("order number 12345678 for my checking account", 0, []),
        ("the order number on my account is 12345678", 0, []),
        ("my confirmation number is 55012983 for the savings", 0, []),
        ("policy number 88120345 pays into checking", 0, []),
        ("my member number is 100234567 and checking", 0, []),
        ("customer id 44123987 on the account", 0, []),
        ("tracking 9400111899223 about the account", 0, []),
        ("call me at 5551234567 about my checking account", 0, []),
        # invalid: amounts, dates, zip+4, typed phone
        ("savings account has 250000 in it", 0, []),
        ("$1,299.99 from my savings", 0, []),
        ("checking opened 01-15-2024", 0, []),
        ("checking 2024-01-15", 0, []),
        ("account zip 90210-1234", 0, []),
        ("account 555-123-4567", 0, []),
        ("account (555) 123-4567", 0, []),
        # invalid: too short, too long, no cue, checking as a verb
        ("account 12345", 0, []),
        ("account 123456789012345678", 0, []),
        ("12345678", 0, []),
        ("i was checking if 12345678 was right", 0, []),
    ],
)
def test_when_text_scanned_then_bank_account_spans_match_table(
    recognizer: BankAccountRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["US_BANK_NUMBER"])
    assert_spans(results, expected_len, expected_positions, "US_BANK_NUMBER")


@pytest.mark.parametrize(
    "text",
    [
        # invalid: "savings" as a sales word, a phone number asked back
        "calling about the solar savings estimate\nis 6025550178 the best number to reach you",
        "the savings plan number is 12345678",
    ],
)
def test_when_savings_is_not_an_account_then_number_kept(
    recognizer: BankAccountRecognizer, text: str
) -> None:
    assert recognizer.analyze(text, ["US_BANK_NUMBER"]) == []
