"""End-to-end engine behaviour on the real Presidio engine."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from redaction import (
    Action,
    DataSource,
    InvalidRecordError,
    Lead,
    RedactionPolicy,
    Redactor,
    Segment,
    Speaker,
    Transcript,
)
from redaction.field_names import classify_field
from tests.synthetic import SSN, VISA

RECEIVED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _lead(fields: dict[str, str], **kw: object) -> Lead:
    return Lead(id="l-1", owner="acme", fields=fields, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name, entity_type",
    [
        # sensitive by name, any case or separator
        ("ssn", "US_SSN"),
        ("SSN", "US_SSN"),
        ("ss_num", "US_SSN"),
        ("Social-Security-Number", "US_SSN"),
        ("socialSecurityNo", "US_SSN"),
        ("social", "US_SSN"),
        ("cc_number", "CREDIT_CARD"),
        ("card", "CREDIT_CARD"),
        ("CreditCardNumber", "CREDIT_CARD"),
        ("cvv", "CARD_SECURITY_CODE"),
        ("card_exp", "CARD_EXPIRY"),
        ("dob", "DATE_OF_BIRTH"),
        ("Date of Birth", "DATE_OF_BIRTH"),
        ("diagnosis", "HEALTH_CONDITION"),
        ("medications", "MEDICATION"),
        # ordinary by name
        ("first_name", "PERSON"),
        ("LastName", "PERSON"),
        ("phone", "PHONE_NUMBER"),
        ("email", "EMAIL_ADDRESS"),
        ("state", "US_STATE"),
        ("zip", "ZIP_CODE"),
        ("address_1", "STREET_ADDRESS"),
        # free text / unknown
        ("notes", None),
        ("comments", None),
        ("card_type", None),
        ("company_name", None),
        ("class_name", None),
        ("state_of_mind", None),
    ],
)
def test_when_field_name_classified_then_entity_type_matches(
    name: str, entity_type: str | None
) -> None:
    rule = classify_field(name)
    assert (rule.entity_type if rule else None) == entity_type


def test_when_sensitive_field_named_then_whole_value_replaced(redactor: Redactor) -> None:
    result = redactor.redact_lead(
        _lead({"SS_Num": "on file: " + SSN, "DOB": "1980-02-03"}), RECEIVED
    )
    assert dict(result.lead.fields) == {"SS_Num": "<US_SSN>", "DOB": "<DATE_OF_BIRTH>"}
    assert {(f.field_name, f.start, f.end) for f in result.findings} == {
        ("SS_Num", 0, len(SSN) + 9),
        ("DOB", 0, 10),
    }


def test_when_ordinary_field_hides_ssn_then_ssn_replaced(redactor: Redactor) -> None:
    result = redactor.redact_lead(_lead({"phone": f"ssn {SSN}"}), RECEIVED)
    assert result.lead.fields["phone"] == "ssn <US_SSN>"


def test_when_notes_have_name_and_card_then_card_replaced_name_kept(redactor: Redactor) -> None:
    notes = f"Spoke with Maria Lopez, she read card {VISA} twice."
    result = redactor.redact_lead(_lead({"notes": notes}), RECEIVED)
    assert (
        result.lead.fields["notes"] == "Spoke with Maria Lopez, she read card <CREDIT_CARD> twice."
    )
    # Names are kept by this policy, so NER is not even run: findings are what changed.
    assert {(f.entity_type, f.action) for f in result.findings} == {
        ("CREDIT_CARD", Action.REPLACED)
    }


def test_when_policy_labels_names_then_ner_finds_them_in_notes(redactor: Redactor) -> None:
    labelling = redactor.with_policies(RedactionPolicy(actions={"PERSON": Action.REPLACED}))
    notes = f"Spoke with Maria Lopez, she read card {VISA} twice."
    result = labelling.redact_lead(_lead({"notes": notes}), RECEIVED)
    assert result.lead.fields["notes"] == "Spoke with <PERSON>, she read card <CREDIT_CARD> twice."
    assert ("PERSON", Action.REPLACED) in {(f.entity_type, f.action) for f in result.findings}
    card = next(f for f in result.findings if f.entity_type == "CREDIT_CARD")
    assert notes[card.start : card.end] == VISA


@pytest.mark.parametrize(
    "state, source, terms",
    [
        ("CA", DataSource.CLIENT, [("CCPA", "service provider")]),
        ("california", DataSource.CALL_CENTER, [("CCPA", "business")]),
        ("VA", DataSource.CLIENT, [("VCDPA", "processor")]),
        ("Colorado", DataSource.CLIENT, [("CPA", "processor")]),
        ("CT", DataSource.CALL_CENTER, [("CTDPA", "controller")]),
        ("UT", DataSource.CLIENT, [("UCPA", "processor")]),
        ("TX", DataSource.CLIENT, [("TDPSA", "processor")]),
        ("OR", DataSource.CLIENT, [("OCPA", "processor")]),
        ("WY", DataSource.CLIENT, []),
        ("", DataSource.CLIENT, []),
    ],
)
def test_when_consumer_state_known_then_law_terms_follow(
    redactor: Redactor, state: str, source: DataSource, terms: list[tuple[str, str]]
) -> None:
    result = redactor.redact_lead(
        _lead({"first_name": "Ann"}, consumer_state=state, source=source), RECEIVED
    )
    assert [(t.law, t.term) for t in result.tags.legal_terms] == terms


def test_when_state_only_in_fields_then_used_for_law(redactor: Redactor) -> None:
    result = redactor.redact_lead(_lead({"State": "Texas"}), RECEIVED)
    assert result.tags.consumer_state == "TX"


def test_when_retention_configured_then_retain_until_follows(redactor: Redactor) -> None:
    result = redactor.redact_lead(_lead({"zip": "10001"}), RECEIVED)
    assert result.tags.retain_until == RECEIVED + timedelta(days=120)
    short = redactor.with_policies(RedactionPolicy(retention_days=30))
    assert short.redact_lead(
        _lead({"zip": "1"}), RECEIVED
    ).tags.retain_until == RECEIVED + timedelta(days=30)


def test_when_transcript_scanned_then_only_sensitive_replaced(redactor: Redactor) -> None:
    transcript = Transcript(
        id="t",
        owner="acme",
        segments=(
            Segment("this is John from Acme", Speaker.AGENT),
            Segment(f"my social is {SSN}, I take metformin", Speaker.CUSTOMER, 10, 20),
        ),
    )
    result = redactor.redact_transcript(transcript, RECEIVED)
    assert result.transcript.segments[0].text == "this is John from Acme"
    assert result.transcript.segments[1].text == "my social is <US_SSN>, I take <MEDICATION>"
    assert result.tags.sensitive_categories == {"GOVERNMENT_ID": 1, "HEALTH": 1}


def test_when_lead_invalid_then_every_violation_listed(redactor: Redactor) -> None:
    with pytest.raises(InvalidRecordError) as raised:
        redactor.redact_lead(Lead(id="", owner="", fields={"": "x"}))
    assert [v.field for v in raised.value.violations] == ["lead.id", "lead.owner", "lead.fields"]


def test_when_policy_tries_to_keep_sensitive_then_rejected() -> None:
    with pytest.raises(InvalidRecordError):
        RedactionPolicy(actions={"US_SSN": Action.KEPT})


def test_when_network_blocked_then_email_still_found_offline(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    caplog.set_level(logging.DEBUG)
    masking = redactor.with_policies(RedactionPolicy(actions={"EMAIL_ADDRESS": Action.MASKED}))
    result = masking.redact_lead(
        _lead({"notes": "write to dana.w@example.org or dana@mail.co.uk"}), RECEIVED
    )
    emails = [f for f in result.findings if f.entity_type == "EMAIL_ADDRESS"]
    assert len(emails) == 2 and all(f.action is Action.MASKED for f in emails)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    "field, value",
    [
        ("last_name", "Gay"),
        ("last_name", "Parkinson"),
        ("address", "155 Gay Street"),
        ("address", "12 Christian Ave"),
        ("city", "Union"),
        ("first_name", "Hope"),
    ],
)
def test_when_ordinary_field_holds_a_lexicon_word_then_kept(
    redactor: Redactor, field: str, value: str
) -> None:
    result = redactor.redact_lead(_lead({field: value}), RECEIVED)
    assert result.lead.fields[field] == value
    assert all(f.action is Action.KEPT for f in result.findings)


def test_when_ordinary_field_holds_an_ssn_then_still_replaced(redactor: Redactor) -> None:
    result = redactor.redact_lead(_lead({"phone": f"{SSN}"}), RECEIVED)
    assert result.lead.fields["phone"] == "<US_SSN>"


def test_when_ordinary_field_has_spoken_numbers_then_still_no_lexicon_words(
    redactor: Redactor,
) -> None:
    value = "One Fifty-Five Gay Street"
    result = redactor.redact_lead(_lead({"address": value}), RECEIVED)
    assert result.lead.fields["address"] == value


def _call(*turns: tuple[Speaker, str]) -> Transcript:
    return Transcript(
        id="c-1",
        owner="acme",
        segments=tuple(Segment(speaker=speaker, text=text) for speaker, text in turns),
    )


AGENT, CUSTOMER = Speaker.AGENT, Speaker.CUSTOMER


@pytest.mark.parametrize(
    "written",
    [
        "536\u201322\u20138174",  # en dashes
        "536\u221222\u22128174",  # minus signs
        "536\u200922\u20098174",  # thin spaces
        "536-\u200b22-\u200d8174",  # zero-width space and joiner
        "\uff15\uff13\uff16-\uff12\uff12-\uff18\uff11\uff17\uff14",  # full-width digits
    ],
)
def test_when_ssn_written_in_other_unicode_then_original_characters_removed(
    redactor: Redactor, written: str
) -> None:
    out = redactor.redact_lead(_lead({"notes": f"ssn {written} on file"}))
    assert out.lead.fields["notes"] == "ssn <US_SSN> on file"
    call = redactor.redact_transcript(_call((CUSTOMER, f"my social is {written}")))
    assert call.transcript.segments[0].text == "my social is <US_SSN>"


@pytest.mark.parametrize("odd", ["\u00b2\u00b3", "\u2460\u2461\u2462", "\u2082", "\u1369\u136a"])
def test_when_segment_has_digit_like_characters_then_nothing_raises(
    redactor: Redactor, odd: str
) -> None:
    call = redactor.redact_transcript(_call((CUSTOMER, f"it says {odd} on the box")))
    assert call.transcript.segments[0].text.startswith("it says")


def test_when_customer_answers_agent_with_bare_values_then_each_value_removed(
    redactor: Redactor,
) -> None:
    call = redactor.redact_transcript(
        _call(
            (AGENT, "And the last four of the social on the account?"),
            (CUSTOMER, "6 0 1 2"),
            (AGENT, "Date of birth?"),
            (CUSTOMER, "seven nine sixty one"),
            (AGENT, "Expiration and the three digits on the back?"),
            (CUSTOMER, "ten twenty eight, four four one"),
            (AGENT, "and your husband's social?"),
            (CUSTOMER, "his is uh five three six, two two, eight one seven four"),
            (AGENT, "so that's 8 1 7 4, correct?"),
            (CUSTOMER, "yes"),
            (AGENT, "What's a good number to reach you?"),
            (CUSTOMER, "303 555 0185"),
        )
    )
    out = [s.text for s in call.transcript.segments]
    assert out[1] == "<LAST_FOUR_DIGITS>"
    assert out[3] == "<DATE_OF_BIRTH>"
    assert out[5] == "<CARD_EXPIRY>, <CARD_SECURITY_CODE>"
    assert out[7] == "his is uh <US_SSN>"
    assert out[8] == "so that's <US_SSN>, correct?"
    assert out[11] == "303 555 0185"  # the phone the dialer needs is kept


def test_when_agent_moves_on_then_a_later_number_is_kept(redactor: Redactor) -> None:
    call = redactor.redact_transcript(
        _call(
            (AGENT, "What's your social?"),
            (CUSTOMER, "I'd rather not give that out."),
            (AGENT, "No problem. How many vehicles do you have?"),
            (CUSTOMER, "we have 3 cars and a 2013 honda"),
        )
    )
    assert call.transcript.segments[3].text == "we have 3 cars and a 2013 honda"


def test_when_strict_numbers_then_unproven_caller_numbers_go_and_harmless_stay() -> None:
    strict = Redactor.create(policies=RedactionPolicy(transcript_numbers="all"))
    call = strict.redact_transcript(
        _call(
            (AGENT, "Anything else I can note?"),
            (CUSTOMER, "my order is 48213 and I pay $129.99, since 2019, at 3:30 pm"),
        )
    )
    assert call.transcript.segments[1].text == (
        "my order is <NUMBER> and I pay $129.99, since 2019, at 3:30 pm"
    )


def test_when_default_numbers_mode_then_order_number_kept(redactor: Redactor) -> None:
    call = redactor.redact_transcript(_call((CUSTOMER, "my order is 48213")))
    assert call.transcript.segments[0].text == "my order is 48213"


def test_when_numbers_mode_unknown_then_policy_error_names_field() -> None:
    from redaction import PolicyError

    with pytest.raises(PolicyError) as raised:
        RedactionPolicy(transcript_numbers="most")
    assert "transcript_numbers" in str(raised.value)


def test_when_masked_value_said_across_segments_then_no_piece_shows_more_than_its_tail() -> None:
    from types import MappingProxyType

    masking = Redactor.create(
        policies=RedactionPolicy(actions=MappingProxyType({"US_SSN": Action.MASKED}))
    )
    call = masking.redact_transcript(
        _call(
            (AGENT, "what's your social?"), (CUSTOMER, "536"), (CUSTOMER, "22"), (CUSTOMER, "8174")
        )
    )
    assert [s.text for s in call.transcript.segments[1:]] == ["<US_SSN>", "<US_SSN>", "8174"]
