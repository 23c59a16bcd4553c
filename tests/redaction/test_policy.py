"""Each policy action does what it says, per owner, and the law's limits hold."""

from __future__ import annotations

from datetime import UTC, datetime
from types import MappingProxyType

import pytest

from redaction import Action, Lead, PolicyError, RedactionPolicy, Redactor, Segment, Transcript
from redaction.policy import PolicyBook
from tests.encrypted_tokens import expected_pseudonym, open_token
from tests.synthetic import SSN, VISA

KEY_A = bytes(range(32))
KEY_B = bytes(range(1, 33))
RECEIVED = datetime(2026, 11, 1, tzinfo=UTC)


def _policy(actions: dict[str, Action], key: bytes | None = KEY_A, **kw: object) -> RedactionPolicy:
    return RedactionPolicy(actions=MappingProxyType(actions), key=key, **kw)  # type: ignore[arg-type]


def _redact(
    redactor: Redactor, policy: RedactionPolicy, fields: dict[str, str], owner: str = "acme"
) -> Lead:
    engine = redactor.with_policies(PolicyBook(owners={owner: policy}))
    return engine.redact_lead(Lead(id="l", owner=owner, fields=fields), RECEIVED).lead


@pytest.mark.parametrize(
    "action, check",
    [
        (Action.REPLACED, lambda v: v == "<US_SSN>"),
        (Action.MASKED, lambda v: v == "***-**-" + SSN[-4:]),
        (Action.HASHED, lambda v: v == expected_pseudonym(KEY_A, "US_SSN", SSN)),
        (Action.ENCRYPTED, lambda v: v.startswith("<US_SSN:v2:") and open_token(KEY_A, v) == SSN),
    ],
)
def test_when_action_set_for_ssn_field_then_value_transformed_so(
    redactor: Redactor, action: Action, check: object
) -> None:
    value = _redact(redactor, _policy({"US_SSN": action}), {"ssn": SSN}).fields["ssn"]
    assert check(value)  # type: ignore[operator]


def test_when_remove_set_then_field_dropped_and_words_removed(redactor: Redactor) -> None:
    lead = _redact(
        redactor, _policy({"GOVERNMENT_ID": Action.REMOVED}), {"ssn": SSN, "notes": f"ssn {SSN} ok"}
    )
    assert "ssn" not in lead.fields
    assert lead.fields["notes"] == "ssn  ok"


def test_when_card_masked_then_only_last_four_digits_remain(redactor: Redactor) -> None:
    lead = _redact(redactor, _policy({"CREDIT_CARD": Action.MASKED}), {"card": VISA})
    assert lead.fields["card"] == "*" * 12 + VISA[-4:]


def test_when_hashed_then_stable_per_owner_and_different_between_owners(redactor: Redactor) -> None:
    same_a = _redact(redactor, _policy({"US_SSN": Action.HASHED}), {"ssn": SSN}, "acme")
    again_a = _redact(
        redactor, _policy({"US_SSN": Action.HASHED}), {"ssn": SSN.replace("-", " ")}, "acme"
    )
    other_b = _redact(
        redactor, _policy({"US_SSN": Action.HASHED}, key=KEY_B), {"ssn": SSN}, "globex"
    )
    assert same_a.fields["ssn"] == again_a.fields["ssn"] == expected_pseudonym(KEY_A, "US_SSN", SSN)
    assert other_b.fields["ssn"] == expected_pseudonym(KEY_B, "US_SSN", SSN)
    assert same_a.fields["ssn"] != other_b.fields["ssn"]


def test_when_encrypted_then_owner_gets_value_back_and_other_owner_cannot(
    redactor: Redactor,
) -> None:
    book = PolicyBook(
        owners={"acme": _policy({"US_SSN": Action.ENCRYPTED}), "globex": _policy({}, key=KEY_B)}
    )
    engine = redactor.with_policies(book)
    token = engine.redact_lead(Lead(id="l", owner="acme", fields={"ssn": SSN})).lead.fields["ssn"]
    assert engine.reidentify("acme", [token]) == [SSN]
    with pytest.raises(Exception) as raised:
        engine.reidentify("globex", [token])
    assert SSN not in str(raised.value) and token not in str(raised.value)


def test_when_ordinary_pi_in_transcript_masked_by_policy_then_name_masked(
    redactor: Redactor,
) -> None:
    policy = _policy({}, transcript_ordinary=Action.MASKED)
    engine = redactor.with_policies(PolicyBook(owners={"acme": policy}))
    result = engine.redact_transcript(
        Transcript(id="t", owner="acme", segments=(Segment("this is Maria Lopez from Denver"),))
    )
    assert "Maria Lopez" not in result.transcript.segments[0].text


def test_when_policy_version_changes_then_tags_show_it(redactor: Redactor) -> None:
    engine = redactor.with_policies(_policy({}, policy_id="acme-p", policy_version="7"))
    tags = engine.redact_lead(Lead(id="l", owner="x", fields={"zip": "1"})).tags
    assert (tags.policy_id, tags.policy_version) == ("acme-p", "7")


@pytest.mark.parametrize(
    "actions, key, field",
    [
        ({"US_SSN": Action.KEPT}, KEY_A, "policy.actions.US_SSN"),
        ({"HEALTH": Action.KEPT}, KEY_A, "policy.actions.HEALTH"),
        ({"CARD_SECURITY_CODE": Action.MASKED}, KEY_A, "policy.actions.CARD_SECURITY_CODE"),
        ({"CARD_SECURITY_CODE": Action.ENCRYPTED}, KEY_A, "policy.actions.CARD_SECURITY_CODE"),
        ({"CREDIT_CARD": Action.HASHED}, None, "policy.actions.CREDIT_CARD"),
        ({"NOT_A_TYPE": Action.REPLACED}, KEY_A, "policy.actions.NOT_A_TYPE"),
    ],
)
def test_when_policy_breaks_a_rule_then_refused_naming_key(
    actions: dict[str, Action], key: bytes | None, field: str
) -> None:
    with pytest.raises(PolicyError) as raised:
        _policy(actions, key=key)
    assert [v.field for v in raised.value.violations] == [field]


def test_when_category_hashes_then_security_code_still_only_labelled() -> None:
    policy = _policy({"FINANCIAL_ACCOUNT": Action.HASHED})
    assert policy.action_for("CREDIT_CARD") is Action.HASHED
    assert policy.action_for("CARD_SECURITY_CODE") is Action.REPLACED


@pytest.mark.parametrize("max_age, flagged", [(13, False), (16, True)])
def test_when_child_is_fifteen_then_policy_age_decides(
    redactor: Redactor, max_age: int, flagged: bool
) -> None:
    engine = redactor.with_policies(_policy({}, child_max_age=max_age))
    result = engine.redact_transcript(
        Transcript(
            id="t", owner="o", segments=(Segment("my daughter emma is 15 and loves soccer"),)
        )
    )
    assert result.tags.contains_child_data is flagged
    assert ("15" not in result.transcript.segments[0].text) is flagged
