"""Stock health checking and reflection on the real server."""

from __future__ import annotations

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc


async def test_when_engine_loaded_then_health_serving(channel: grpc.aio.Channel) -> None:
    stub = health_pb2_grpc.HealthStub(channel)
    for service in ("", "leadgate.v1.LeadGatewayService"):
        response = await stub.Check(health_pb2.HealthCheckRequest(service=service))
        assert response.status == health_pb2.HealthCheckResponse.SERVING


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
