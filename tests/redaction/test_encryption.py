"""The ``encrypt`` action is authenticated: only the owner's untouched values come back.

Reidentify refuses any value that is altered, cut, forged or another owner's,
naming its index and never the value; old-format values (Presidio AES-CBC) come
back only where the owner's policy opts in, and ``migrate_encrypted`` rewrites
them in the current format.
"""

from __future__ import annotations

import re
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import RecognizerResult

from redaction import (
    Action,
    InvalidRecordError,
    Lead,
    RedactionPolicy,
    Redactor,
    Segment,
    Transcript,
    migrate_encrypted,
)
from redaction.encryption import TOKEN_PATTERN
from redaction.operators import operator_for, pseudonym
from redaction.reidentify import reidentify
from tests.encrypted_tokens import (
    encrypted_bytes,
    flip_bit,
    legacy_encrypt,
    open_token,
    with_bytes,
)
from tests.synthetic import SSN, VISA

# Part of the standing adversarial suite: `pytest -m adversarial`.
pytestmark = pytest.mark.adversarial


KEY_A = bytes(range(32))
KEY_B = bytes(range(1, 33))
ANONYMIZER = AnonymizerEngine()  # type: ignore[no-untyped-call]
VALUES = (
    ("US_SSN", SSN),
    ("CREDIT_CARD", VISA),
    ("PERSON", "Dana Whitfield"),
    ("LOCATION", "4417 Orchard Lane, Springfield"),
    ("PERSON", "José Núñez-Ortiz"),
    ("US_SSN", "7"),
)


def _policy(key: bytes | None = KEY_A, **kw: object) -> RedactionPolicy:
    actions = {"US_SSN": Action.ENCRYPTED} if key is not None else {}
    return RedactionPolicy(actions=MappingProxyType(actions), key=key, **kw)  # type: ignore[arg-type]


def _encrypt(value: str, entity_type: str = "US_SSN", key: bytes = KEY_A) -> str:
    """``value`` through the operator the engine uses for ``encrypt``, inside Presidio."""
    result = ANONYMIZER.anonymize(
        text=value,
        analyzer_results=[RecognizerResult(entity_type, 0, len(value), 1.0)],
        operators={entity_type: operator_for(entity_type, Action.ENCRYPTED, _policy(key))},
    )
    return str(result.text)


def _refused(policy: RedactionPolicy, values: list[str], *secrets: str) -> InvalidRecordError:
    """Reidentify refuses ``values``; the error shows none of ``secrets`` nor the values."""
    with pytest.raises(InvalidRecordError) as raised:
        reidentify(policy, values)
    error = raised.value
    shown = " ".join([str(error), *(f"{v.field} {v.description}" for v in error.violations)])
    for secret in (*secrets, *values):
        if len(secret) >= 3:
            assert secret not in shown
    return error


# --- round trip and format ---------------------------------------------------------------


@pytest.mark.parametrize("entity_type, value", VALUES)
def test_when_value_encrypted_then_owner_gets_it_back(entity_type: str, value: str) -> None:
    token = _encrypt(value, entity_type)
    assert reidentify(_policy(), [token]) == [value]
    assert open_token(KEY_A, token) == value  # the documented format, read without the engine


@pytest.mark.parametrize("entity_type, value", VALUES)
def test_when_encrypted_then_token_is_versioned_and_hides_value(
    entity_type: str, value: str
) -> None:
    token = _encrypt(value, entity_type)
    assert TOKEN_PATTERN.fullmatch(token)
    assert token.startswith(f"<{entity_type}:v2:") and token.endswith(">")
    assert re.fullmatch(r"<[A-Z_]+:v2:[a-z2-7]+>", token)  # no separator inside the payload
    if len(value) >= 3:
        assert value not in token


def test_when_same_value_encrypted_twice_then_same_token_per_owner_and_type() -> None:
    assert _encrypt(SSN) == _encrypt(SSN)
    assert _encrypt(SSN) != _encrypt(SSN, key=KEY_B)
    assert _encrypt(SSN) != _encrypt(SSN, "GOVERNMENT_ID")
    assert _encrypt(SSN) != _encrypt(SSN.replace("-", ""))


def test_when_several_values_then_returned_in_order() -> None:
    tokens = [_encrypt(value, entity_type) for entity_type, value in VALUES]
    assert reidentify(_policy(), tokens) == [value for _, value in VALUES]


@pytest.mark.parametrize("entity_type, value", VALUES)
def test_when_text_holding_a_token_is_redacted_again_then_token_untouched(
    redactor: Redactor, entity_type: str, value: str
) -> None:
    note = f"customer gave {_encrypt(value, entity_type)} on the call"
    lead = redactor.redact_lead(Lead(id="l", owner="x", fields={"notes": note})).lead
    call = Transcript(id="t", owner="x", segments=(Segment(note),))
    assert lead.fields["notes"] == note
    assert redactor.redact_transcript(call).transcript.segments[0].text == note


# --- tampering: every bit of every byte, every character ---------------------------------


@pytest.mark.parametrize("entity_type, value", VALUES[:3])
def test_when_any_bit_of_any_encrypted_byte_flipped_then_refused(
    entity_type: str, value: str
) -> None:
    token = _encrypt(value, entity_type)
    for index in range(len(encrypted_bytes(token))):
        for bit in range(8):
            error = _refused(_policy(), [flip_bit(token, index, bit)], value)
            assert [v.field for v in error.violations] == ["encrypted_values[0]"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(value=st.text(min_size=1, max_size=40), position=st.floats(0, 1), bit=st.integers(0, 7))
def test_when_one_bit_flipped_at_any_position_of_any_value_then_refused(
    value: str, position: float, bit: int
) -> None:
    token = _encrypt(value)
    index = min(int(position * len(encrypted_bytes(token))), len(encrypted_bytes(token)) - 1)
    with pytest.raises(InvalidRecordError):
        reidentify(_policy(), [flip_bit(token, index, bit)])


def test_when_any_character_of_the_token_altered_then_refused() -> None:
    token = _encrypt(SSN)
    for index, char in enumerate(token):
        for bit in range(7):
            altered = token[:index] + chr(ord(char) ^ (1 << bit)) + token[index + 1 :]
            _refused(_policy(), [altered], SSN)


def test_when_entity_type_relabelled_then_refused() -> None:
    token = _encrypt(SSN)
    _refused(_policy(), [token.replace("<US_SSN:", "<GOVERNMENT_ID:", 1)], SSN)


# --- other owners, cut and forged values -------------------------------------------------


def test_when_other_owners_value_then_refused_naming_its_index() -> None:
    mine, theirs = _encrypt(SSN), _encrypt(VISA, "CREDIT_CARD", key=KEY_B)
    error = _refused(_policy(), [mine, theirs], SSN, VISA)
    assert "encrypted_values[1]" in error.message
    assert [v.field for v in error.violations] == ["encrypted_values[1]"]


def test_when_token_truncated_anywhere_then_refused() -> None:
    token = _encrypt(SSN)
    for end in range(len(token)):
        _refused(_policy(), [token[:end]], SSN)
        if end < len(token) - 1:  # cut inside, closed again
            _refused(_policy(), [token[:end] + ">"], SSN)


def test_when_encrypted_bytes_cut_or_extended_then_refused() -> None:
    token = _encrypt(SSN)
    blob = encrypted_bytes(token)
    for cut in range(len(blob)):
        _refused(_policy(), [with_bytes(token, blob[:cut])], SSN)
    _refused(_policy(), [with_bytes(token, blob + b"\x00")], SSN)


@pytest.mark.parametrize(
    "value",
    [
        # not encrypted at all
        "",
        "x",
        SSN,
        "<US_SSN>",
        # other tokens leadgate writes: a keyed hash is not reversible
        pseudonym(KEY_A, "US_SSN", SSN),
        # forged or malformed current-format tokens
        "<US_SSN:v2:>",
        "<US_SSN:v2:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>",
        "<US_SSN:v9:" + "a" * 44 + ">",
        "<:v2:" + "a" * 44 + ">",
        "US_SSN:v2:" + "a" * 44,
    ],
)
def test_when_garbage_or_forged_then_refused(value: str) -> None:
    _refused(_policy(), [value])


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.upper(),  # payload case is part of the format
        lambda t: t[:-1] + "====>",  # padding is never written
        lambda t: f" {t}",
        lambda t: f"{t}\n",
        lambda t: t + t,
        lambda t: t[:-1] + "a>",
    ],
)
def test_when_token_text_reencoded_or_padded_then_refused(change: object) -> None:
    _refused(_policy(), [change(_encrypt(SSN))], SSN)  # type: ignore[operator]


def test_when_owner_has_no_key_then_refused_naming_owner() -> None:
    error = _refused(_policy(key=None), [_encrypt(SSN)], SSN)
    assert [v.field for v in error.violations] == ["owner"]


# --- old-format values (Presidio AES-CBC): the migration rule ----------------------------


def test_when_legacy_value_and_policy_does_not_opt_in_then_refused_saying_how_to_migrate() -> None:
    error = _refused(_policy(), [_encrypt(VISA), legacy_encrypt(KEY_A, SSN)], SSN, VISA)
    assert [v.field for v in error.violations] == ["encrypted_values[1]"]
    assert "accept_legacy_encryption" in error.message and "reencrypt" in error.message


@pytest.mark.parametrize("entity_type, value", VALUES)
def test_when_legacy_value_and_policy_opts_in_then_returned(entity_type: str, value: str) -> None:
    policy = _policy(accept_legacy_encryption=True)
    legacy = legacy_encrypt(KEY_A, value, entity_type)
    assert reidentify(policy, [legacy, _encrypt(value, entity_type)]) == [value, value]


def test_when_legacy_value_of_other_owner_and_policy_opts_in_then_refused() -> None:
    _refused(_policy(accept_legacy_encryption=True), [legacy_encrypt(KEY_B, SSN)], SSN)


def test_when_policy_opts_in_then_current_tokens_still_checked() -> None:
    _refused(_policy(accept_legacy_encryption=True), [flip_bit(_encrypt(SSN), 0, 0)], SSN)


def test_when_legacy_values_migrated_then_current_format_and_no_opt_in_needed() -> None:
    legacy = [legacy_encrypt(KEY_A, SSN), legacy_encrypt(KEY_A, "123-45-6789")]
    migrated = migrate_encrypted(_policy(), legacy, "US_SSN")
    assert all(TOKEN_PATTERN.fullmatch(token) for token in migrated)
    assert migrated[0] == _encrypt(SSN)
    assert reidentify(_policy(), migrated) == [SSN, "123-45-6789"]


def test_when_current_tokens_migrated_then_unchanged_whatever_the_type_given() -> None:
    tokens = [_encrypt(SSN), _encrypt("Dana Whitfield", "PERSON")]
    assert migrate_encrypted(_policy(), tokens, "US_SSN") == tokens


@pytest.mark.parametrize(
    "values, field",
    [
        (["not encrypted"], "values[0]"),
        ([legacy_encrypt(KEY_A, SSN), legacy_encrypt(KEY_B, SSN)], "values[1]"),
        ([legacy_encrypt(KEY_A, SSN), flip_bit(_encrypt(SSN), 3, 1)], "values[1]"),
    ],
)
def test_when_migration_meets_a_bad_value_then_refused_naming_it(
    values: list[str], field: str
) -> None:
    with pytest.raises(InvalidRecordError) as raised:
        migrate_encrypted(_policy(), values, "US_SSN")
    assert [v.field for v in raised.value.violations] == [field]
    assert SSN not in str(raised.value)


@pytest.mark.parametrize(
    "policy, entity_type, field",
    [
        (_policy(key=None), "US_SSN", "owner"),
        (_policy(), "NOT_A_TYPE", "entity_type"),
    ],
)
def test_when_migration_cannot_start_then_refused_naming_why(
    policy: RedactionPolicy, entity_type: str, field: str
) -> None:
    with pytest.raises(InvalidRecordError) as raised:
        migrate_encrypted(policy, [legacy_encrypt(KEY_A, SSN)], entity_type)
    assert [v.field for v in raised.value.violations] == [field]
