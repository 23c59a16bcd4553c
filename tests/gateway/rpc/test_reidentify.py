"""Reidentify over a real server: altered, foreign and old-format values get INVALID_ARGUMENT.

Also the policy file's ``accept_legacy_encryption`` and ``leadgate reencrypt``.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import pytest_asyncio
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import ConfigError, Settings
from gateway.policy_file import load_policy_book
from gateway.rpc.channel import open_channel
from redaction import Redactor, migrate_encrypted
from redaction.encryption import TOKEN_PATTERN
from redaction.reidentify import reidentify
from tests.builders import lead_request
from tests.encrypted_tokens import encrypted_bytes, flip_bit, legacy_encrypt, open_token
from tests.gateway.serving import running_gateway
from tests.synthetic import SSN

# Part of the standing adversarial suite: `pytest -m adversarial`.
pytestmark = pytest.mark.adversarial


KEY_ACME = bytes(range(32))
KEY_GLOBEX = bytes(range(1, 33))
KEY_INITECH = bytes(range(2, 34))
ENV = {
    "LEADGATE_TEST_KEY_ACME": KEY_ACME.hex(),
    "LEADGATE_TEST_KEY_GLOBEX": KEY_GLOBEX.hex(),
    "LEADGATE_TEST_KEY_INITECH": KEY_INITECH.hex(),
}
POLICY = """
id = "encryption-policies"
version = "1"

[owners.acme]
key_env = "LEADGATE_TEST_KEY_ACME"
[owners.acme.actions]
US_SSN = "encrypt"

[owners.globex]
key_env = "LEADGATE_TEST_KEY_GLOBEX"
[owners.globex.actions]
US_SSN = "encrypt"

[owners.initech]                  # still holds values encrypted the old way
key_env = "LEADGATE_TEST_KEY_INITECH"
accept_legacy_encryption = true
[owners.initech.actions]
US_SSN = "encrypt"
"""


def _write(tmp_path: Path, text: str = POLICY) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    return path


@pytest_asyncio.fixture
async def stub(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> AsyncIterator[service_grpc.LeadGatewayServiceStub]:
    book = load_policy_book(_write(tmp_path), ENV)
    engine = redactor.with_policies(book)
    async with (
        running_gateway(settings, engine) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        yield service_grpc.LeadGatewayServiceStub(channel)


async def _encrypted_ssn(stub: service_grpc.LeadGatewayServiceStub, owner: str = "acme") -> str:
    response = await stub.RedactLead(lead_request("l1", owner, ssn=SSN))
    return str(response.lead.fields["ssn"])


async def _refused(
    stub: service_grpc.LeadGatewayServiceStub, owner: str, values: list[str]
) -> tuple[str, list[str]]:
    """Reidentify fails INVALID_ARGUMENT: (details, BadRequest fields); no value shown."""
    request = service_pb.ReidentifyRequest(owner=owner, encrypted_values=values)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.Reidentify(request)
    error = raised.value
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error.details() or ""
    status = rpc_status.from_call(error)
    assert status is not None, "expected a rich status"
    fields: list[str] = []
    for detail in status.details:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            fields = [v.field for v in bad.field_violations]
    shown = details + " " + str(status)
    for value in (SSN, *values):
        assert value not in shown
    return details, fields


async def test_when_owner_sends_own_value_then_value_returned(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    token = await _encrypted_ssn(stub)
    assert TOKEN_PATTERN.fullmatch(token) and open_token(KEY_ACME, token) == SSN
    back = await stub.Reidentify(
        service_pb.ReidentifyRequest(owner="acme", encrypted_values=[token])
    )
    assert list(back.values) == [SSN]


@pytest.mark.parametrize("where", ["first", "middle", "last"])
async def test_when_one_bit_of_value_flipped_then_invalid_argument_naming_index(
    stub: service_grpc.LeadGatewayServiceStub, where: str
) -> None:
    token = await _encrypted_ssn(stub)
    size = len(encrypted_bytes(token))
    index = {"first": 0, "middle": size // 2, "last": size - 1}[where]
    tampered = flip_bit(token, index, 0)
    details, fields = await _refused(stub, "acme", [token, tampered])
    assert "encrypted_values[1]" in details
    assert fields == ["encrypted_values[1]"]


async def test_when_other_owners_value_then_invalid_argument(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    token = await _encrypted_ssn(stub, owner="globex")
    _, fields = await _refused(stub, "acme", [token])
    assert fields == ["encrypted_values[0]"]


async def test_when_legacy_value_and_owner_has_not_opted_in_then_invalid_argument(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    details, fields = await _refused(stub, "acme", [legacy_encrypt(KEY_ACME, SSN)])
    assert fields == ["encrypted_values[0]"]
    assert "accept_legacy_encryption" in details


async def test_when_legacy_value_and_owner_opted_in_then_value_returned(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    legacy = legacy_encrypt(KEY_INITECH, SSN)
    back = await stub.Reidentify(
        service_pb.ReidentifyRequest(owner="initech", encrypted_values=[legacy])
    )
    assert list(back.values) == [SSN]


# --- the policy file setting --------------------------------------------------------------


def test_when_legacy_setting_absent_then_off_and_default_section_is_inherited(
    tmp_path: Path,
) -> None:
    book = load_policy_book(_write(tmp_path), ENV)
    assert not book.for_owner("acme").accept_legacy_encryption
    assert book.for_owner("initech").accept_legacy_encryption
    opted_in = POLICY.replace(
        "[owners.acme]", "[default]\naccept_legacy_encryption = true\n\n[owners.acme]"
    )
    assert (
        load_policy_book(_write(tmp_path, opted_in), ENV).for_owner("acme").accept_legacy_encryption
    )


def test_when_legacy_setting_not_a_boolean_then_error_names_key(tmp_path: Path) -> None:
    text = POLICY.replace("accept_legacy_encryption = true", 'accept_legacy_encryption = "yes"')
    with pytest.raises(ConfigError) as raised:
        load_policy_book(_write(tmp_path, text), ENV)
    assert "owners.initech.accept_legacy_encryption" in str(raised.value)


# --- leadgate reencrypt -------------------------------------------------------------------

ACME_SSN = ("--owner", "acme", "--entity-type", "US_SSN")


def _run_reencrypt(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lines: list[str],
    *args: str,
) -> tuple[int, str, str]:
    from gateway.cli import app as cli

    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    monkeypatch.setenv("LEADGATE_POLICY_FILE", str(_write(tmp_path)))
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    code = cli.main(["reencrypt", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_when_reencrypt_given_legacy_values_then_current_tokens_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_policy_book(_write(tmp_path), ENV)
    acme = book.for_owner("acme")
    current = migrate_encrypted(acme, [legacy_encrypt(KEY_ACME, "987-65-4320")], "US_SSN")[0]
    lines = [legacy_encrypt(KEY_ACME, SSN), "", current]
    code, out, err = _run_reencrypt(tmp_path, monkeypatch, capsys, lines, *ACME_SSN)
    assert code == 0, err
    written = out.splitlines()
    assert len(written) == 3 and written[1] == "" and written[2] == current
    assert TOKEN_PATTERN.fullmatch(written[0]) and open_token(KEY_ACME, written[0]) == SSN
    assert reidentify(acme, [written[0], written[2]]) == [SSN, "987-65-4320"]
    assert "1 re-encrypted" in err and SSN not in err


@pytest.mark.parametrize(
    "lines, args, named",
    [
        # a value that does not open: its line is named, nothing is written
        (["x", "not encrypted"], ACME_SSN, "line 1"),
        (["", legacy_encrypt(KEY_GLOBEX, SSN)], ACME_SSN, "line 2"),
        # nothing to encrypt with, or for
        ([legacy_encrypt(KEY_ACME, SSN)], ("--owner", "nobody", *ACME_SSN[2:]), "nobody"),
        ([legacy_encrypt(KEY_ACME, SSN)], (*ACME_SSN[:3], "SHOE_SIZE"), "entity_type"),
    ],
)
def test_when_reencrypt_cannot_then_nothing_written_and_error_names_why(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lines: list[str],
    args: tuple[str, ...],
    named: str,
) -> None:
    code, out, err = _run_reencrypt(tmp_path, monkeypatch, capsys, lines, *args)
    assert code != 0 and out == ""
    assert named in err
    assert SSN not in err and "Traceback" not in err
