"""Identity and tenancy through a real channel: keys, owners, scopes, request ids."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import grpc
import pytest
import pytest_asyncio
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import ConfigError, Settings
from gateway.rpc.auth import hash_key, load_keyring
from gateway.rpc.channel import open_channel
from redaction import Redactor
from tests.builders import lead_request
from tests.gateway.serving import running_gateway
from tests.synthetic import SSN

DIALER_KEY = "lg_test_dialer_key_0001"
BACKOFFICE_KEY = "lg_test_backoffice_key_0002"

KEYS = f"""
[[principal]]
name = "dialer-east"
key_sha256 = "{hash_key(DIALER_KEY)}"
owners = ["acme"]
scopes = ["redact"]

[[principal]]
name = "backoffice"
key_sha256 = "{hash_key(BACKOFFICE_KEY)}"
owners = ["acme", "globex"]
scopes = ["redact", "reidentify"]
"""


def _bearer(key: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {key}"),)


def _lead(owner: str = "acme") -> service_pb.RedactLeadRequest:
    return lead_request(owner=owner, first_name="Dana", ssn=SSN)


def _details(error: grpc.aio.AioRpcError) -> tuple[str, list[str], dict[str, str]]:
    """(ErrorInfo reason, BadRequest fields, ErrorInfo metadata) of a rich status."""
    status = rpc_status.from_call(error)
    assert status is not None, "expected a rich status"
    reason, fields, metadata = "", [], {}
    for detail in status.details:
        info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
        if detail.Unpack(info):
            reason, metadata = info.reason, dict(info.metadata)
        elif detail.Unpack(bad):
            fields = [v.field for v in bad.field_violations]
    return reason, fields, metadata


@pytest_asyncio.fixture
async def stub(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> AsyncIterator[service_grpc.LeadGatewayServiceStub]:
    keys = tmp_path / "keys.toml"
    keys.write_text(KEYS)
    gateway = running_gateway(replace(settings, keys_file=str(keys)), redactor)
    async with gateway as parts, open_channel(f"127.0.0.1:{parts.port}") as channel:
        yield service_grpc.LeadGatewayServiceStub(channel)


async def test_when_no_credentials_then_unauthenticated(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(_lead())
    assert raised.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "Bearer" in (raised.value.details() or "")
    assert _details(raised.value)[0] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "header",
    [
        f"Bearer {DIALER_KEY}x",  # wrong key
        "Bearer ",  # empty key
        f"Basic {DIALER_KEY}",  # wrong scheme
        DIALER_KEY,  # no scheme
    ],
)
async def test_when_key_wrong_then_unauthenticated_without_echoing_it(
    stub: service_grpc.LeadGatewayServiceStub, header: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(_lead(), metadata=(("authorization", header),))
    assert raised.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert DIALER_KEY not in (raised.value.details() or "")


async def test_when_key_valid_then_lead_redacted(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    response = await stub.RedactLead(_lead(), metadata=_bearer(DIALER_KEY))
    assert response.lead.fields["ssn"] == "<US_SSN>"
    assert response.tags.owner == "acme"


async def test_when_owner_spoofed_then_permission_denied_naming_field(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(_lead(owner="globex"), metadata=_bearer(DIALER_KEY))
    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED
    reason, fields, _ = _details(raised.value)
    assert reason == "PERMISSION_DENIED" and fields == ["lead.owner"]
    assert "dialer-east" in (raised.value.details() or "")


async def test_when_sole_owner_omitted_then_principal_owner_used(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    response = await stub.RedactLead(_lead(owner=""), metadata=_bearer(DIALER_KEY))
    assert response.tags.owner == "acme" and response.lead.owner == "acme"


async def test_when_owner_omitted_by_multi_owner_principal_then_invalid_argument(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(_lead(owner=""), metadata=_bearer(BACKOFFICE_KEY))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _details(raised.value)[1] == ["lead.owner"]


async def test_when_reidentify_without_scope_then_permission_denied(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    request = service_pb.ReidentifyRequest(owner="acme", encrypted_values=["x"])
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.Reidentify(request, metadata=_bearer(DIALER_KEY))
    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "reidentify" in (raised.value.details() or "")


async def test_when_reidentify_for_other_owner_then_permission_denied(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    request = service_pb.ReidentifyRequest(owner="initech", encrypted_values=["x"])
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.Reidentify(request, metadata=_bearer(BACKOFFICE_KEY))
    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert _details(raised.value)[1] == ["owner"]


async def test_when_stream_owner_spoofed_then_permission_denied(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    async def requests() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
        # Only the start: a segment still being sent when the refusal lands could fail
        # on the client's side first (INTERNAL) and hide the server's status.
        yield service_pb.StreamTranscriptRequest(
            start=service_pb.StreamStart(call_id="c1", owner="globex")
        )

    call = stub.StreamTranscript(requests(), metadata=_bearer(DIALER_KEY))
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        async for _ in call:
            pass
    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_when_stream_sole_owner_omitted_then_call_tagged_with_it(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    async def requests() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
        yield service_pb.StreamTranscriptRequest(start=service_pb.StreamStart(call_id="c1"))
        yield service_pb.StreamTranscriptRequest(segment=pb.TranscriptSegment(text="hello"))

    responses = [r async for r in stub.StreamTranscript(requests(), metadata=_bearer(DIALER_KEY))]
    assert responses[-1].summary.tags.owner == "acme"


async def test_when_request_id_sent_then_echoed_and_in_error_details(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    call = stub.RedactLead(_lead(), metadata=(("x-request-id", "req-42"),))
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    assert ("x-request-id", "req-42") in tuple(await call.initial_metadata())
    assert _details(raised.value)[2] == {"request_id": "req-42"}


async def test_when_request_id_missing_or_free_text_then_one_is_made(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    call = stub.RedactLead(
        _lead(), metadata=(*_bearer(DIALER_KEY), ("x-request-id", "my ssn is " + SSN))
    )
    await call
    made = dict(await call.initial_metadata())["x-request-id"]
    assert isinstance(made, str) and len(made) == 32 and SSN not in made


async def test_when_no_credentials_then_health_and_reflection_still_answer(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    keys = tmp_path / "keys.toml"
    keys.write_text(KEYS)
    gateway = running_gateway(replace(settings, keys_file=str(keys)), redactor)
    async with gateway as parts, open_channel(f"127.0.0.1:{parts.port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        reply = await health.Check(health_pb2.HealthCheckRequest())
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
        reflect = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        answers = [a async for a in reflect.ServerReflectionInfo(iter([request]))]
        names = {s.name for s in answers[0].list_services_response.service}
        assert "leadgate.v1.LeadGatewayService" in names


@pytest.mark.parametrize(
    "text, named",
    [
        ("", "[[principal]]"),
        ('[[principal]]\nname = "a"\nowners = ["x"]\n', "key_sha256"),
        ('[[principal]]\nname = "a"\nkey_sha256 = "abc"\nowners = ["x"]\n', "64 hex"),
        (f'[[principal]]\nname = "a"\nkey_sha256 = "{"a" * 64}"\n', "'owners'"),
        (
            f'[[principal]]\nname = "a"\nkey_sha256 = "{"a" * 64}"\nowners = ["x"]\n'
            'scopes = ["root"]\n',
            "root",
        ),
        (f'[[principal]]\nname = "a"\nkey = "{DIALER_KEY}"\nowners = ["x"]\n', "unknown key"),
        (
            f'[[principal]]\nname = "a"\nkey_sha256 = "{"a" * 64}"\nowners = ["x"]\n'
            f'[[principal]]\nname = "b"\nkey_sha256 = "{"a" * 64}"\nowners = ["y"]\n',
            "reuses",
        ),
        ("not toml ][", "cannot read"),
    ],
)
def test_when_keys_file_invalid_then_error_names_problem(
    tmp_path: Path, text: str, named: str
) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_keyring(path)
    assert named in str(raised.value)
    assert DIALER_KEY not in str(raised.value)


def test_when_keys_file_valid_then_principals_indexed_by_hash_only(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(KEYS)
    keyring = load_keyring(path)
    assert set(keyring.by_key_hash) == {hash_key(DIALER_KEY), hash_key(BACKOFFICE_KEY)}
    assert keyring.by_key_hash[hash_key(DIALER_KEY)].sole_owner == "acme"
    assert keyring.by_key_hash[hash_key(BACKOFFICE_KEY)].sole_owner is None
