"""Max connection age: the server retires a connection (GOAWAY) and the client reconnects.

Behind a Kubernetes Service a client's one HTTP/2 connection would stay on the replica it
first reached; retiring it makes the client pick again, so calls spread over the fleet.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace

import grpc
import pytest

from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import ConfigError, Settings, load_settings
from gateway.rpc.server import connection_age_options
from redaction import Redactor
from tests.builders import lead_request
from tests.gateway.serving import running_gateway

CALLING_SECONDS = 4.0


async def _count_ready(channel: grpc.aio.Channel, ready: list[float]) -> None:
    """Note each time the channel becomes READY (a new connection), until cancelled."""
    loop = asyncio.get_running_loop()
    state = channel.get_state(try_to_connect=True)
    while True:
        if state is grpc.ChannelConnectivity.READY:
            ready.append(loop.time())
        await channel.wait_for_state_change(state)
        state = channel.get_state()


async def test_when_connection_ages_out_then_client_reconnects_and_no_call_fails(
    settings: Settings, redactor: Redactor
) -> None:
    aged = replace(settings, max_connection_age_seconds=1, max_connection_age_grace_seconds=1)
    async with (
        running_gateway(aged, redactor) as parts,
        grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        ready: list[float] = []
        watcher = asyncio.create_task(_count_ready(channel, ready))
        stub = service_grpc.LeadGatewayServiceStub(channel)
        loop = asyncio.get_running_loop()
        end = loop.time() + CALLING_SECONDS
        calls = 0
        while loop.time() < end:  # any failed call raises here and fails the test
            await stub.RedactLead(lead_request(f"lead-{calls}"), timeout=10)
            calls += 1
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    assert calls > 10
    # One connection per second of age (the server jitters it by up to 10%): 4 s of
    # calls need at least three, where without an age limit there would be one.
    assert len(ready) >= 3, f"connections made: {len(ready)}"


def test_when_age_is_zero_then_no_option_is_set() -> None:
    assert connection_age_options(Settings(max_connection_age_seconds=0)) == []
    no_grace = Settings(max_connection_age_seconds=2, max_connection_age_grace_seconds=0)
    assert connection_age_options(no_grace) == [("grpc.max_connection_age_ms", 2000)]
    assert connection_age_options(Settings()) == [
        ("grpc.max_connection_age_ms", 300_000),
        ("grpc.max_connection_age_grace_ms", 30_000),
    ]


def test_when_age_is_negative_then_config_error_names_it() -> None:
    environ = {"LEADGATE_MAX_CONNECTION_AGE_SECONDS": "-1"}
    with pytest.raises(ConfigError, match="'max_connection_age_seconds' must be >= 0"):
        load_settings(environ=environ)
