"""Start a real gateway on loopback with given settings (shared by the edge tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from gateway.config import Settings
from gateway.delivery import Forwarder
from gateway.metrics import GatewayMetrics
from gateway.server import GatewayServer, create_server, set_serving
from redaction import Redactor


@asynccontextmanager
async def running_gateway(
    settings: Settings,
    redactor: Redactor,
    metrics: GatewayMetrics | None = None,
    forwarder: Forwarder | None = None,
) -> AsyncIterator[GatewayServer]:
    """A started, SERVING gateway; stopped on exit."""
    parts = create_server(settings, redactor, metrics=metrics, forwarder=forwarder)
    await parts.server.start()
    await set_serving(parts.health, True)
    try:
        yield parts
    finally:
        await parts.server.stop(None)
