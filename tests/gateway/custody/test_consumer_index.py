"""Consumer index: normalization, per-owner keys, the key file, and what a record yields."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gateway.config import ConfigError
from gateway.custody.consumer_index import (
    CallKeys,
    ConsumerIndex,
    identifiers_of,
    load_or_create_secret,
    normalize_email,
    normalize_phone,
)
from redaction.types import Action, Finding, Lead, Segment, Sensitivity, Transcript

SECRET = bytes(range(32))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("(212) 555-0142", "2125550142"),
        ("+1 212 555 0142", "2125550142"),
        ("1-212-555-0142", "2125550142"),
        ("212.555.0142", "2125550142"),
        ("two one two five five five zero one four two", "2125550142"),
        ("+44 20 7946 0958", "442079460958"),
        ("555-01", None),
        ("", None),
        ("call me", None),
    ],
)
def test_phone_normalization(given: str, expected: str | None) -> None:
    assert normalize_phone(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Jo.Doe@Example.COM", "jo.doe@example.com"),
        ("  <jo@example.org> ", "jo@example.org"),
        ("jo@localhost", None),
        ("not an email", None),
        ("a@b@c.com", None),
    ],
)
def test_email_normalization(given: str, expected: str | None) -> None:
    assert normalize_email(given) == expected


def test_same_value_hashes_apart_under_two_owners_and_alike_in_any_format() -> None:
    index = ConsumerIndex(SECRET)
    acme = index.lookup_digest("acme", "phone", "(212) 555-0142")
    assert acme == index.lookup_digest("acme", "phone", "+1 212.555.0142")
    assert acme != index.lookup_digest("globex", "phone", "(212) 555-0142")
    assert acme != ConsumerIndex(bytes(32)).lookup_digest("acme", "phone", "(212) 555-0142")
    assert len(acme) == 32 and b"2125550142" not in acme


def test_lookup_of_something_not_a_phone_names_the_option() -> None:
    with pytest.raises(ValueError, match="--phone: not a phone number"):
        ConsumerIndex(SECRET).lookup_digest("acme", "phone", "12")


def test_short_secret_is_refused() -> None:
    with pytest.raises(ConfigError, match="32 bytes"):
        ConsumerIndex(b"short")


def _finding(entity: str, start: int, end: int, **where: object) -> Finding:
    return Finding(
        entity_type=entity,
        start=start,
        end=end,
        action=Action.KEPT,
        sensitivity=Sensitivity.PERSONAL,
        category="IDENTIFIERS",
        score=1.0,
        **where,  # type: ignore[arg-type]
    )


def test_identifiers_come_from_phone_and_email_findings_of_fields_and_segments() -> None:
    lead = Lead(
        id="L1",
        owner="acme",
        fields={"cell": "+1 (212) 555-0142", "mail": "Jo@Example.com", "notes": "x"},
    )
    findings = [
        _finding("PHONE_NUMBER", 0, 17, field_name="cell"),
        _finding("EMAIL_ADDRESS", 0, 14, field_name="mail"),
        _finding("PERSON", 0, 1, field_name="notes"),
        _finding("PHONE_NUMBER", 0, 5, field_name="missing"),
    ]
    assert sorted(identifiers_of(lead, findings)) == [
        ("email", "jo@example.com"),
        ("phone", "2125550142"),
    ]
    call = Transcript(id="C1", owner="acme", segments=(Segment("it is 212 555 0142 thanks"),))
    said = [_finding("PHONE_NUMBER", 6, 18, segment_index=0)]
    assert list(identifiers_of(call, said)) == [("phone", "2125550142")]


def test_key_file_is_created_once_private_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "ledger.key"
    first = load_or_create_secret(path)
    assert len(first) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_secret(path) == first
    assert [p.name for p in path.parent.iterdir()] == ["ledger.key"]  # no temporary left


def test_malformed_key_file_is_a_config_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "ledger.key"
    path.write_text("not hex\n")
    with pytest.raises(ConfigError, match=r"ledger\.key must hold 64 lowercase hex digits"):
        load_or_create_secret(path)


def test_call_keys_hash_what_released_segments_said_and_forget_the_text() -> None:
    index = ConsumerIndex(SECRET)
    keys = CallKeys(index, "acme")
    keys.pushed(0, "reach me at 212 555 0142")
    keys.pushed(1, "or jo@example.com")
    keys.released(0, [_finding("PHONE_NUMBER", 12, 24, segment_index=0)])
    assert keys.keys == (("phone", index.lookup_digest("acme", "phone", "2125550142")),)
    keys.released(1, [])  # nothing found in it: nothing kept
    keys.released(1, [_finding("EMAIL_ADDRESS", 3, 17, segment_index=1)])  # text gone already
    assert len(keys.keys) == 1
    assert CallKeys(None, "acme").keys == ()
