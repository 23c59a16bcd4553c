"""The shared builders make what they promise: leads the engine must redact, usable ports."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from redaction import Lead, Redactor
from tests.assertions import assert_no_raw_values
from tests.builders import ROOT, free_port, lead, person, read_jsonl


# Seed 11's address is "8932 Soto Underpass Apt. 174": the engine labels "Apt" an
# ACCOUNT_SECRET, reading the "pass" inside "Underpass" as a password cue (over-redaction).
@pytest.mark.parametrize("seed", range(16))
def test_when_a_person_lead_is_redacted_then_ssn_and_card_go_and_the_rest_stays(
    redactor: Redactor, seed: int
) -> None:
    someone = person(seed)
    fields = someone.fields()
    out = redactor.redact_lead(Lead(id=f"l{seed}", owner="acme", fields=fields)).lead.fields
    assert out == {**fields, "ssn": "<US_SSN>", "notes": "paid with card <CREDIT_CARD>"}
    assert_no_raw_values(str(out), [someone.ssn, someone.card])


def test_when_built_twice_with_one_seed_then_same_person_and_other_seeds_differ() -> None:
    assert person("a") == person("a")
    assert len({person(seed).ssn for seed in range(20)}) == 20
    assert lead("r-1").fields == person("r-1").fields()
    assert dict(lead("r-1", ssn="x").fields) == {"ssn": "x"}


def test_when_free_port_given_then_it_can_be_bound_on_loopback() -> None:
    port = free_port()
    with socket.socket() as server:
        server.bind(("127.0.0.1", port))
    assert 0 < port < 65536


def test_root_is_the_checkout() -> None:
    assert (ROOT / "pyproject.toml").is_file() and (ROOT / "tests" / "builders.py").is_file()


@pytest.mark.parametrize(
    ("text", "record_ids"),
    [
        ("", []),
        ('{"record_id": "a"}\n', ["a"]),
        ('{"record_id": "a"}\n{"record_id": "b"}\n', ["a", "b"]),
        ('{"record_id": "a"}\n{"record_id": "b", "payl', ["a"]),  # a writer mid-line
        ('{"record_id": "a"}\n\n', ["a"]),
    ],
)
def test_when_a_jsonl_file_is_read_while_written_then_only_whole_lines_count(
    tmp_path: Path, text: str, record_ids: list[str]
) -> None:
    path = tmp_path / "received.jsonl"
    path.write_text(text, encoding="utf-8")
    assert [line["record_id"] for line in read_jsonl(path)] == record_ids
    assert read_jsonl(tmp_path / "not-yet.jsonl") == []
