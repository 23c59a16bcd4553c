"""Transport: TLS and mTLS handshakes with certificates made in the test; plain text rules."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import grpc
import pytest
import pytest_asyncio

from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import ConfigError, Settings, load_settings
from gateway.rpc.auth import hash_key
from gateway.rpc.channel import open_channel
from gateway.rpc.server import create_server
from redaction import Redactor
from tests.builders import lead_request
from tests.certs import Pem, TestCA
from tests.gateway.serving import running_gateway
from tests.synthetic import SSN

REQUEST = lead_request(ssn=SSN, first_name="Dana")


@pytest.fixture
def ca(tmp_path: Path) -> TestCA:
    return TestCA(tmp_path)


@pytest.fixture
def server_pem(ca: TestCA) -> Pem:
    return ca.issue("leadgate-server", server=True)


def _tls_settings(settings: Settings, server_pem: Pem, client_ca: Path | None = None) -> Settings:
    return replace(
        settings,
        tls_cert_file=str(server_pem.cert_path),
        tls_key_file=str(server_pem.key_path),
        tls_client_ca_file=str(client_ca or ""),
    )


async def _redact(port: int, credentials: grpc.ChannelCredentials | None) -> str:
    target = f"localhost:{port}"
    channel = grpc.aio.secure_channel(target, credentials) if credentials else open_channel(target)
    async with channel:
        stub = service_grpc.LeadGatewayServiceStub(channel)
        response = await stub.RedactLead(REQUEST, timeout=10)
        return response.lead.fields["ssn"]


async def test_when_tls_configured_then_handshake_and_call_succeed(
    settings: Settings, redactor: Redactor, ca: TestCA, server_pem: Pem
) -> None:
    async with running_gateway(_tls_settings(settings, server_pem), redactor) as parts:
        trusted = grpc.ssl_channel_credentials(root_certificates=ca.pem.cert)
        assert await _redact(parts.port, trusted) == "<US_SSN>"


async def test_when_channel_opened_with_the_ca_file_then_tls_call_succeeds(
    settings: Settings, redactor: Redactor, ca: TestCA, server_pem: Pem
) -> None:
    async with (
        running_gateway(_tls_settings(settings, server_pem), redactor) as parts,
        open_channel(f"localhost:{parts.port}", ca.pem.cert_path) as channel,
    ):
        response = await service_grpc.LeadGatewayServiceStub(channel).RedactLead(
            REQUEST, timeout=10
        )
    assert response.lead.fields["ssn"] == "<US_SSN>"


async def test_when_tls_server_called_in_plain_text_then_unavailable(
    settings: Settings, redactor: Redactor, server_pem: Pem
) -> None:
    async with running_gateway(_tls_settings(settings, server_pem), redactor) as parts:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await _redact(parts.port, None)
        assert raised.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_when_server_certificate_untrusted_then_handshake_fails(
    tmp_path: Path, settings: Settings, redactor: Redactor, server_pem: Pem
) -> None:
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    stranger = TestCA(other_dir, "stranger CA")
    async with running_gateway(_tls_settings(settings, server_pem), redactor) as parts:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await _redact(parts.port, grpc.ssl_channel_credentials(stranger.pem.cert))
        assert raised.value.code() == grpc.StatusCode.UNAVAILABLE


@pytest_asyncio.fixture
async def mtls_port(
    tmp_path: Path, settings: Settings, redactor: Redactor, ca: TestCA, server_pem: Pem
) -> AsyncIterator[int]:
    keys = tmp_path / "keys.toml"
    keys.write_text(
        '[[principal]]\nname = "backoffice"\ncert_subject = "CN=acme-backoffice"\n'
        'owners = ["acme"]\nscopes = ["redact"]\n'
        f'[[principal]]\nname = "dialer"\nkey_sha256 = "{hash_key("k" * 20)}"\n'
        'owners = ["globex"]\n'
    )
    mtls = replace(_tls_settings(settings, server_pem, ca.pem.cert_path), keys_file=str(keys))
    async with running_gateway(mtls, redactor) as parts:
        yield parts.port


def _client(ca: TestCA, client: Pem | None) -> grpc.ChannelCredentials:
    if client is None:
        return grpc.ssl_channel_credentials(root_certificates=ca.pem.cert)
    return grpc.ssl_channel_credentials(ca.pem.cert, client.key, client.cert)


async def test_when_mtls_client_certificate_known_then_its_principal_acts(
    mtls_port: int, ca: TestCA
) -> None:
    client = ca.issue("acme-backoffice", server=False)
    assert await _redact(mtls_port, _client(ca, client)) == "<US_SSN>"


async def test_when_mtls_certificate_subject_unknown_then_unauthenticated(
    mtls_port: int, ca: TestCA
) -> None:
    client = ca.issue("someone-else", server=False)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await _redact(mtls_port, _client(ca, client))
    assert raised.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_when_mtls_and_no_client_certificate_then_handshake_refused(
    mtls_port: int, ca: TestCA
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await _redact(mtls_port, _client(ca, None))
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_when_mtls_certificate_from_other_ca_then_handshake_refused(
    tmp_path: Path, mtls_port: int, ca: TestCA
) -> None:
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    forged = TestCA(other_dir, "stranger CA").issue("acme-backoffice", server=False)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await _redact(mtls_port, _client(ca, forged))
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_when_plain_text_on_public_address_then_server_refuses(
    settings: Settings, redactor: Redactor
) -> None:
    with pytest.raises(ConfigError) as raised:
        create_server(replace(settings, host="0.0.0.0"), redactor)
    assert "plain text" in str(raised.value) and "--insecure" in str(raised.value)


async def test_when_insecure_flag_given_then_plain_text_binds_with_a_warning(
    settings: Settings, redactor: Redactor, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="gateway.rpc.server"):
        parts = create_server(replace(settings, host="0.0.0.0", allow_insecure=True), redactor)
    await parts.server.stop(None)
    assert parts.port > 0
    assert any("PLAIN TEXT" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("origin", ["file", "environment"])
def test_when_insecure_set_outside_command_line_then_refused(tmp_path: Path, origin: str) -> None:
    config = tmp_path / "leadgate.toml"
    config.write_text("allow_insecure = true\n" if origin == "file" else "")
    environ = {"LEADGATE_ALLOW_INSECURE": "1"} if origin == "environment" else {}
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ=environ)
    assert "--insecure" in str(raised.value)


async def test_when_serve_binds_public_address_in_plain_text_then_exits_2_and_says_why() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gateway",
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 2
    assert b"refusing to serve plain text on 0.0.0.0" in stderr
