import pytest

from redaction.normalize import normalize_numbers
from redaction.recognizers.account_secrets import AccountSecretRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> AccountSecretRecognizer:
    return AccountSecretRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: passwords, the value right after the cue
        ("my password is hunter22", 1, [(15, 23)]),
        # a bare "p:" or "pass:" right after a username given the same way
        ("u: jdoe88 p: Summer2024!", 1, [(13, 24)]),
        ("user: jdoe88\npass: Summer2024!", 1, [(19, 30)]),
        ("usr=jdoe88, pw=Tr1cky#pw", 1, [(15, 24)]),
        ("u/n: jdoe88 p/w: Hunter22!", 1, [(17, 26)]),
        ("user jdoe88\npass Hunter22!", 1, [(17, 26)]),
        ("user manual p 23", 0, []),
        # label and "pass" are whole words: an address is not "u" + "nder" + "pass"
        ("8932 Soto Underpass Apt. 174", 0, []),
        ("user jdoe88pass Hunter22!", 0, []),
        ("p: 555-1234", 0, []),
        ("Pass: yes", 0, []),
        ("password: Hunter22!.", 1, [(10, 19)]),
        ("the password for my online account is hunter22", 1, [(38, 46)]),
        ("um my password is uh hunter22", 1, [(21, 29)]),
        ("my password hunter22", 1, [(12, 20)]),
        ("my login is jsmith and password hunter", 1, [(32, 38)]),
        # valid: spoken passwords go on with spelled characters and number words
        ("my password is hunter two two two", 1, [(15, 33)]),
        ("my password is h u n t e r 2 2", 1, [(15, 30)]),
        ("my password is blue dog can you reset it", 1, [(15, 23)]),
        # valid: PINs and codes, written or spoken
        ("pin is 4821", 1, [(7, 11)]),
        ("pin number 4821", 1, [(11, 15)]),
        ("my pin is four eight two one", 1, [(10, 28)]),
        ("the code they texted me is 552913", 1, [(27, 33)]),
        ("verification code 552913", 1, [(18, 24)]),
        ("my one time passcode is 552913", 1, [(24, 30)]),
        ("otp G-552913 expires soon", 1, [(4, 12)]),
        ("the code is 552913", 1, [(12, 18)]),
        ("my password is hunter22 and my pin is 4821", 2, [(15, 23), (38, 42)]),
        # valid: the number first, the cue after it
        ("552913 is the code they sent me", 1, [(0, 6)]),
        ("it's 4821 that's my pin", 1, [(5, 9)]),
        # valid: the agent asks, the caller answers in the next segment
        ("what's your pin\n4821", 1, [(16, 20)]),
        ("what's your mother's maiden name\ngarcia", 1, [(33, 39)]),
        # valid: security-question answers, one to three words
        ("my mother's maiden name is garcia", 1, [(27, 33)]),
        ("my mother's maiden name is de la cruz i think", 1, [(27, 37)]),
        ("the name of my first pet was rex", 1, [(29, 32)]),
        ("my first pet was a dog named rex", 1, [(29, 32)]),
        ("security answer is blue bird and that's it", 1, [(19, 28)]),
        # invalid: a cue with no value after it
        ("I forgot my password", 0, []),
        ("reset my pin", 0, []),
        ("what is your password", 0, []),
        ("i forgot my password\ngreat", 0, []),
        # invalid: compounds and talk about the password, not the password
        ("password protected", 0, []),
        ("your password was reset", 0, []),
        ("the password is case sensitive", 0, []),
        ("my password is 12 characters long", 0, []),
        ("my password is the same as my email", 0, []),
        # invalid: codes that open no account
        ("promo code SAVE10", 0, []),
        ("the promo code is SAVE10", 0, []),
        ("zip code 90210", 0, []),
        ("area code 503", 0, []),
        # invalid: the card security code recognizer's
        ("the code on the back is 1234", 0, []),
        ("4821 is the code on the back", 0, []),
        ("card verification code 4821", 0, []),
        # invalid: not a PIN, not an answer
        ("pin the tail on the donkey", 0, []),
        ("my pin is 123", 0, []),
        ("my first pet was a dog", 0, []),
        ("my security question is what was my first car", 0, []),
        ("mother's maiden name please", 0, []),
    ],
)
def test_when_text_scanned_then_account_secret_spans_match_table(
    recognizer: AccountSecretRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["ACCOUNT_SECRET"])
    assert_spans(results, expected_len, expected_positions, "ACCOUNT_SECRET")


def test_when_spoken_pin_normalized_then_digits_are_found() -> None:
    normalized = normalize_numbers("my pin is one two three four")
    results = AccountSecretRecognizer().analyze(normalized.text, [])
    assert [normalized.source_spans(r.start, r.end) for r in results] == [[(10, 28)]]


def test_when_value_follows_bare_password_then_login_pair_scores_lower(
    recognizer: AccountSecretRecognizer,
) -> None:
    paired = recognizer.analyze("my login is jsmith and password hunter", [])
    stated = recognizer.analyze("my password is hunter", [])
    assert paired[0].score < stated[0].score


def test_when_other_entity_requested_then_nothing_is_returned(
    recognizer: AccountSecretRecognizer,
) -> None:
    assert recognizer.analyze("my password is hunter22", ["US_SSN"]) == []
