"""Stock health checking and reflection on the real server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from gateway.config import Settings
from redaction import Redactor
from tests.builders import health_status, wait_answering, wait_serving
from tests.gateway.serving import served_in_process

SERVICES = ("", "leadgate.v1.LeadGatewayService")


async def test_when_serve_loads_the_engine_then_health_goes_not_serving_to_serving(
    settings: Settings, redactor: Redactor, tmp_path: Path
) -> None:
    async with served_in_process(settings, redactor, tmp_path) as gateway:
        # Bound and answering while the engine loads: NOT_SERVING, overall and per service.
        assert await wait_answering(gateway.target) == "NOT_SERVING"
        assert [await health_status(gateway.target, s) for s in SERVICES] == ["NOT_SERVING"] * 2
        gateway.engine_may_load.set()
        await wait_serving(gateway.target)
        assert [await health_status(gateway.target, s) for s in SERVICES] == ["SERVING"] * 2


async def test_when_reflection_asked_then_lists_lead_gateway_service(
    channel: grpc.aio.Channel,
) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    names: set[str] = set()
    async for response in stub.ServerReflectionInfo(iter([request])):
        names |= {s.name for s in response.list_services_response.service}
    assert "leadgate.v1.LeadGatewayService" in names
    assert "grpc.health.v1.Health" in names


async def test_when_health_watched_then_current_status_is_streamed(
    channel: grpc.aio.Channel,
) -> None:
    watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest())
    reply = await asyncio.wait_for(watch.read(), 10)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
    watch.cancel()
