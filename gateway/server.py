"""Build the aio gRPC server around a loaded engine; serve until a signal, then drain."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings, build_redactor
from gateway.servicer import LeadGatewayServicer
from redaction import Redactor

logger = logging.getLogger(__name__)

SERVICE_NAME = service_pb.DESCRIPTOR.services_by_name["LeadGatewayService"].full_name


def create_server(
    settings: Settings, redactor: Redactor
) -> tuple[grpc.aio.Server, int, health.aio.HealthServicer]:
    """A configured, bound, not yet started server; returns it, its port and its health servicer."""
    server = grpc.aio.server(
        options=[
            ("grpc.max_receive_message_length", settings.max_message_bytes),
            ("grpc.max_send_message_length", settings.max_message_bytes * 2),
        ]
    )
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redactor")
    service_grpc.add_LeadGatewayServiceServicer_to_server(
        LeadGatewayServicer(redactor, settings, executor), server
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (
            SERVICE_NAME,
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ),
        server,
    )
    port = server.add_insecure_port(settings.address)
    if port == 0:
        raise OSError(f"cannot bind {settings.address}")
    return server, port, health_servicer


async def set_serving(health_servicer: health.aio.HealthServicer, serving: bool) -> None:
    """Flip the overall and per-service health status."""
    status = (
        health_pb2.HealthCheckResponse.SERVING
        if serving
        else health_pb2.HealthCheckResponse.NOT_SERVING
    )
    for name in ("", SERVICE_NAME):
        await health_servicer.set(name, status)


async def serve(settings: Settings) -> None:
    """Load the engine, serve until SIGINT/SIGTERM, then finish in-flight calls."""
    started = time.perf_counter()
    redactor = build_redactor(settings)
    server, port, health_servicer = create_server(settings, redactor)
    await server.start()
    await set_serving(health_servicer, True)
    logger.info(
        "leadgate ready",
        extra={
            "address": f"{settings.host}:{port}",
            "spacy_model": settings.spacy_model,
            "startup_s": round(time.perf_counter() - started, 2),
        },
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    logger.info("leadgate stopping", extra={"grace_s": settings.grace_seconds})
    await set_serving(health_servicer, False)
    await server.stop(settings.grace_seconds)
    logger.info("leadgate stopped")
