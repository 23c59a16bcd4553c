"""Shared fixtures: one real engine per session, a real aio server on a loopback port."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import pytest
import pytest_asyncio

from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings, build_redactor
from redaction import Redactor
from tests import postgres
from tests.gateway.serving import running_gateway


@pytest.fixture(scope="session", autouse=True)
def ledger_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Gateways and jobs the tests start (in process or not) keep their files in a tmp dir.

    Not the checkout and not the per-user data directory ``make run`` uses.
    """
    path = tmp_path_factory.mktemp("ledger") / "leadgate-ledger.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEADGATE_LEDGER_PATH", str(path))
        patch.setenv("LEADGATE_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
        yield


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(
        host="127.0.0.1",
        port=0,
        max_message_bytes=256 * 1024,
        max_fields_per_lead=50,
        stream_hold_seconds=0.4,
    )


@pytest.fixture(scope="session")
def redactor(settings: Settings) -> Iterator[Redactor]:
    yield build_redactor(settings)


@pytest_asyncio.fixture
async def server_port(settings: Settings, redactor: Redactor) -> AsyncIterator[int]:
    """A started gateway's port, marked SERVING by the fixture, not by serve().

    For tests of the RPCs; health itself is tested through serve() (rpc/test_health.py).
    """
    async with running_gateway(settings, redactor) as parts:
        yield parts.port


@pytest_asyncio.fixture
async def channel(server_port: int) -> AsyncIterator[grpc.aio.Channel]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{server_port}") as channel:
        yield channel


@pytest_asyncio.fixture
async def stub(channel: grpc.aio.Channel) -> service_grpc.LeadGatewayServiceStub:
    return service_grpc.LeadGatewayServiceStub(channel)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server's URL: the one .ci/run started, else one of our own.

    Missing binaries skip the tests that need it, with the reason, unless PostgreSQL is
    required (LEADGATE_REQUIRE_POSTGRES=1, as .ci/run sets): then they fail.
    """
    given = os.environ.get(postgres.URL_ENV)
    if given:
        yield given
        return
    if postgres.binaries() is None:
        reason = "PostgreSQL's initdb/pg_ctl not found (apt install postgresql)"
        if os.environ.get(postgres.REQUIRED_ENV) == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    directory = Path(tempfile.mkdtemp(prefix="leadgate-pg-"))  # not under pytest's 0700 dirs
    try:
        yield postgres.start(directory)
    finally:
        postgres.stop(directory)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server for one test; dropped after it."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres.with_database(postgres_server, name)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
