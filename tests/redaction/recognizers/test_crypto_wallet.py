import pytest

from redaction.recognizers.crypto_wallet import CryptoWalletRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> CryptoWalletRecognizer:
    return CryptoWalletRecognizer()


def test_context_words_are_dropped(recognizer: CryptoWalletRecognizer) -> None:
    # A valid address scores the maximum anyway; context words would only cost tokenizing.
    assert recognizer.context == []


@pytest.mark.parametrize(
    "text, expected_positions",
    [
        ("16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ", [(0, 34)]),
        ("send it to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq please", [(11, 53)]),
        ("16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyX", []),  # checksum fails
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz", []),
    ],
)
def test_when_wallet_scanned_then_spans_match_table(
    recognizer: CryptoWalletRecognizer, text: str, expected_positions: list[tuple[int, int]]
) -> None:
    results = recognizer.analyze(text, ["CRYPTO"])
    assert_spans(results, len(expected_positions), expected_positions, "CRYPTO")
