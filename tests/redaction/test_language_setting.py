"""The language setting: a policy's and a call's, validated, and handed to the scanner.

Until the Spanish gloss lands every text reads as English, so "en" and "auto"
must give the same result for English calls; the core's behavioural tests for
"es" come with the gloss.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from redaction import (
    InvalidRecordError,
    Language,
    PolicyError,
    RedactionPolicy,
    Redactor,
    Segment,
    Speaker,
    Transcript,
)
from redaction.policy import PolicyBook
from redaction.records import record_from_dict, result_to_dict
from redaction.spanish.language import LANGUAGE_SETTINGS
from tests.synthetic import SSN

RECEIVED = datetime(2026, 11, 1, tzinfo=UTC)
AGENT, CUSTOMER = Speaker.AGENT, Speaker.CUSTOMER
CALL = (
    Segment(speaker=AGENT, text="can I get your social security number please"),
    Segment(speaker=CUSTOMER, text=f"sure it's {SSN}"),
    Segment(speaker=CUSTOMER, text="my name is Dana Whitfield and I live in Portland"),
)


@pytest.mark.parametrize(
    "language",
    [
        # valid: the settings a policy may hold
        "auto",
        "en",
        "es",
    ],
)
def test_when_policy_language_is_a_setting_then_policy_builds(language: str) -> None:
    assert RedactionPolicy(language=language).language == language


@pytest.mark.parametrize(
    "language",
    [
        # invalid: not a setting at all
        "xx",
        "spanish",
        "EN",
        # invalid: "mixed" is a reading of a segment, never a setting
        "mixed",
        # invalid: a policy always says (the default is "auto"); only a call may leave it empty
        "",
    ],
)
def test_when_policy_language_not_a_setting_then_refused_naming_field(language: str) -> None:
    with pytest.raises(PolicyError) as raised:
        RedactionPolicy(language=language, path="owners.acme")
    assert [v.field for v in raised.value.violations] == ["owners.acme.language"]
    assert "auto, en, es" in raised.value.violations[0].description


def test_when_settings_listed_then_policy_words_are_the_engines_settings() -> None:
    from redaction.policy import LANGUAGE_WORDS

    assert set(LANGUAGE_WORDS) == {str(s) for s in LANGUAGE_SETTINGS}


@pytest.mark.parametrize(
    "policy_language, call_language, expected",
    [
        # the call says nothing: the owner's policy decides
        ("auto", "", Language.AUTO),
        ("en", "", Language.ENGLISH),
        ("es", "", Language.SPANISH),
        # the call says: it wins over the policy
        ("es", "en", Language.ENGLISH),
        ("en", "es", Language.SPANISH),
        ("es", "auto", Language.AUTO),
    ],
)
def test_when_call_and_policy_languages_combined_then_call_wins_if_set(
    policy_language: str, call_language: str, expected: Language
) -> None:
    assert RedactionPolicy(language=policy_language).language_for(call_language) is expected


@pytest.mark.parametrize(
    "transcript, fields",
    [
        # a bad language alone
        (Transcript(id="c", owner="acme", segments=CALL, language="xx"), ["transcript.language"]),
        (
            Transcript(id="c", owner="acme", segments=CALL, language="mixed"),
            ["transcript.language"],
        ),
        # a bad language loses no other violation
        (
            Transcript(id="c", owner="", segments=CALL, language="xx"),
            ["transcript.owner", "transcript.language"],
        ),
    ],
)
def test_when_transcript_language_not_a_setting_then_refused_naming_field(
    redactor: Redactor, transcript: Transcript, fields: list[str]
) -> None:
    with pytest.raises(InvalidRecordError) as raised:
        redactor.redact_transcript(transcript, RECEIVED)
    assert [v.field for v in raised.value.violations] == fields
    assert transcript.language not in str(raised.value)  # the rule, never the value


def test_when_live_header_language_not_a_setting_then_stream_refused(redactor: Redactor) -> None:
    with pytest.raises(InvalidRecordError) as raised:
        redactor.open_stream(Transcript(id="c", owner="acme", segments=(), language="fr"))
    assert [v.field for v in raised.value.violations] == ["transcript.language"]


@pytest.mark.parametrize("language", ["en", "auto"])
def test_when_english_call_read_as_set_language_then_same_as_unset(
    redactor: Redactor, language: str
) -> None:
    unset = redactor.redact_transcript(Transcript(id="c", owner="acme", segments=CALL), RECEIVED)
    set_ = redactor.redact_transcript(
        Transcript(id="c", owner="acme", segments=CALL, language=language), RECEIVED
    )
    assert [s.text for s in set_.transcript.segments] == [s.text for s in unset.transcript.segments]
    assert set_.findings == unset.findings
    assert SSN not in " ".join(s.text for s in set_.transcript.segments)


@pytest.mark.parametrize("policy_language", ["en", "auto"])
def test_when_owner_policy_sets_language_then_english_live_call_read_the_same(
    redactor: Redactor, policy_language: str
) -> None:
    book = PolicyBook(owners={"acme": RedactionPolicy(language=policy_language)})
    engine = redactor.with_policies(book)
    stream = engine.open_stream(Transcript(id="c", owner="acme", segments=()), RECEIVED)
    live = [r for segment in CALL for r in stream.push(segment)] + stream.flush()
    whole = redactor.redact_transcript(Transcript(id="c", owner="acme", segments=CALL), RECEIVED)
    assert [r.segment.text for r in live] == [s.text for s in whole.transcript.segments]


def test_when_batch_record_says_language_then_parsed_and_written_back(redactor: Redactor) -> None:
    record = record_from_dict(
        {"id": "c", "owner": "acme", "language": "es", "segments": [{"text": "hola"}]}
    )
    assert isinstance(record, Transcript) and record.language == "es"
    out = result_to_dict(redactor.redact_transcript(record, RECEIVED))
    assert out["language"] == "es"
    plain = record_from_dict({"id": "c", "owner": "acme", "segments": [{"text": "hi"}]})
    assert isinstance(plain, Transcript)
    assert "language" not in result_to_dict(redactor.redact_transcript(plain, RECEIVED))
