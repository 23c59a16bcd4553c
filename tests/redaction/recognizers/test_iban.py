import pytest

from redaction.recognizers.iban import InternationalBankAccountRecognizer
from tests.assertions import assert_spans


def iban(country: str, bban: str) -> str:
    """A synthetic IBAN with correct mod-97 check digits for ``bban``."""
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = 98 - int(digits) % 97
    return f"{country}{check:02d}{bban}"


DE = iban("DE", "370400440532013000")
GB = iban("GB", "WEST12345698765432")
FR = iban("FR", "20041010050500013M02606")
WRONG_CHECK = DE[:2] + f"{(int(DE[2:4]) + 1) % 100:02d}" + DE[4:]


@pytest.fixture(scope="module")
def recognizer() -> InternationalBankAccountRecognizer:
    return InternationalBankAccountRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: typed whole, grouped by four, inside a sentence
        (DE, 1, [(0, 22)]),
        (" ".join(DE[i : i + 4] for i in range(0, 22, 4)), 1, [(0, 27)]),
        (f"please wire it to {GB} today", 1, [(18, 40)]),
        (f"iban {FR}", 1, [(5, 32)]),
        # invalid: wrong check digits, a country with another length, plain words
        (WRONG_CHECK, 0, []),
        ("DE89 3704", 0, []),
        ("the account is closed", 0, []),
    ],
)
def test_when_text_scanned_then_iban_spans_match_table(
    recognizer: InternationalBankAccountRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["IBAN_CODE"])
    assert_spans(results, expected_len, expected_positions, "IBAN_CODE")


def test_when_built_then_it_reads_no_context_words(
    recognizer: InternationalBankAccountRecognizer,
) -> None:
    # Context words would make every text pay for spaCy tokens (Presidio's enhancer).
    assert recognizer.context == []
