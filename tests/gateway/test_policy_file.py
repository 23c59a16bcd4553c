"""The policy file: inheritance, per-owner keys from the environment, errors that name keys."""

from __future__ import annotations

from pathlib import Path

import grpc
import pytest

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import ConfigError, Settings
from gateway.policy_file import load_policy_book
from redaction import Action, Redactor
from tests.builders import lead_request
from tests.encrypted_tokens import expected_pseudonym, open_token
from tests.gateway.serving import running_gateway
from tests.synthetic import SSN

KEY_HEX = "00" * 16 + "11" * 16
POLICY = """
id = "acme-policies"
version = "3"

[default]
retention_days = 120
[default.actions]
HEALTH = "label"

[owners.acme]
retention_days = 90
key_env = "LEADGATE_TEST_KEY_ACME"
[owners.acme.actions]
US_SSN = "encrypt"
PERSON = "hash"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    return path


def test_when_file_loaded_then_owner_inherits_default_and_overrides(tmp_path: Path) -> None:
    book = load_policy_book(_write(tmp_path, POLICY), {"LEADGATE_TEST_KEY_ACME": KEY_HEX})
    acme = book.for_owner("acme")
    assert acme.retention_days == 90 and acme.policy_version == "3"
    assert acme.action_for("US_SSN") is Action.ENCRYPTED
    assert acme.action_for("MEDICATION") is Action.REPLACED
    assert book.for_owner("globex").action_for("PERSON") is Action.KEPT
    assert book.for_owner("globex").key is None


@pytest.mark.parametrize(
    "text, env, named",
    [
        (POLICY, {}, "owners.acme.key_env"),
        (POLICY, {"LEADGATE_TEST_KEY_ACME": "abcd"}, "owners.acme.key_env"),
        (
            POLICY.replace('US_SSN = "encrypt"', 'US_SSN = "keep"'),
            {"LEADGATE_TEST_KEY_ACME": KEY_HEX},
            "owners.acme.actions.US_SSN",
        ),
        (
            POLICY.replace('US_SSN = "encrypt"', 'CARD_SECURITY_CODE = "mask"'),
            {"LEADGATE_TEST_KEY_ACME": KEY_HEX},
            "CARD_SECURITY_CODE",
        ),
        (
            POLICY.replace('US_SSN = "encrypt"', 'US_SSN = "shred"'),
            {"LEADGATE_TEST_KEY_ACME": KEY_HEX},
            "owners.acme.actions.US_SSN",
        ),
        (
            POLICY.replace("retention_days = 90", "retention_dayz = 90"),
            {"LEADGATE_TEST_KEY_ACME": KEY_HEX},
            "retention_dayz",
        ),
        ("id = [", {}, "policy file"),
        (
            POLICY.replace("retention_days = 90", 'transcript_numbers = "most"'),
            {"LEADGATE_TEST_KEY_ACME": KEY_HEX},
            "owners.acme.transcript_numbers",
        ),
    ],
)
def test_when_file_invalid_then_error_names_key(
    tmp_path: Path, text: str, env: dict[str, str], named: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_policy_book(_write(tmp_path, text), env)
    assert named in str(raised.value)
    assert KEY_HEX not in str(raised.value)


async def test_when_owner_encrypts_then_reidentify_returns_value_only_to_owner(
    tmp_path: Path, redactor: Redactor, settings: Settings
) -> None:
    book = load_policy_book(_write(tmp_path, POLICY), {"LEADGATE_TEST_KEY_ACME": KEY_HEX})
    engine = redactor.with_policies(book)
    async with running_gateway(settings, engine) as parts:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel:
            stub = service_grpc.LeadGatewayServiceStub(channel)
            response = await stub.RedactLead(lead_request(ssn=SSN, first_name="Dana"))
            token = response.lead.fields["ssn"]
            assert open_token(bytes.fromhex(KEY_HEX), token) == SSN
            assert response.lead.fields["first_name"] == expected_pseudonym(
                bytes.fromhex(KEY_HEX), "PERSON", "Dana"
            )
            assert (
                response.tags.policy_id == "acme-policies" and response.tags.policy_version == "3"
            )
            assert {f.action for f in response.findings} == {pb.ACTION_ENCRYPTED, pb.ACTION_HASHED}

            back = await stub.Reidentify(
                service_pb.ReidentifyRequest(owner="acme", encrypted_values=[token])
            )
            assert list(back.values) == [SSN]
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await stub.Reidentify(
                    service_pb.ReidentifyRequest(owner="globex", encrypted_values=[token])
                )
            assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert token not in (raised.value.details() or "")


def test_when_policy_file_invalid_then_serve_refuses_to_start_naming_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gateway.cli import app as cli

    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    bad = _write(tmp_path, POLICY.replace('US_SSN = "encrypt"', 'CARD_SECURITY_CODE = "hash"'))
    monkeypatch.setenv("LEADGATE_POLICY_FILE", str(bad))
    monkeypatch.setenv("LEADGATE_TEST_KEY_ACME", KEY_HEX)
    assert cli.main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "owners.acme.actions.CARD_SECURITY_CODE" in err and "Traceback" not in err


def test_when_owner_sets_strict_numbers_then_only_that_owner_gets_them(tmp_path: Path) -> None:
    text = POLICY.replace("retention_days = 90", 'transcript_numbers = "all"')
    book = load_policy_book(_write(tmp_path, text), {"LEADGATE_TEST_KEY_ACME": KEY_HEX})
    assert book.for_owner("acme").transcript_numbers == "all"
    assert book.for_owner("someone-else").transcript_numbers == "sensitive"
