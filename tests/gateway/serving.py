"""Start a real gateway on loopback with given settings (shared by the edge tests)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from gateway.config import Settings
from gateway.custody.delivery import Deliverer, Forwarder, RetryPolicy
from gateway.custody.outbox import Outbox
from gateway.custody.writer import LedgerWriter
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.server import GatewayServer, create_server, set_serving
from gateway.rpc.sink import GrpcSink, open_sink_channel
from redaction import Redactor


@asynccontextmanager
async def running_gateway(
    settings: Settings,
    redactor: Redactor,
    metrics: GatewayMetrics | None = None,
    forwarder: Forwarder | None = None,
    ledger: LedgerWriter | None = None,
) -> AsyncIterator[GatewayServer]:
    """A started, SERVING gateway; stopped on exit."""
    parts = create_server(settings, redactor, metrics=metrics, forwarder=forwarder, ledger=ledger)
    await parts.server.start()
    await set_serving(parts.health, True)
    try:
        yield parts
    finally:
        await parts.server.stop(None)


@asynccontextmanager
async def delivering_gateway(
    settings: Settings,
    redactor: Redactor,
    outbox_path: Path,
    sink_address: str,
    ledger: LedgerWriter | None = None,
) -> AsyncIterator[tuple[GatewayServer, GatewayMetrics, Outbox]]:
    """A SERVING gateway that forwards to ``sink_address`` through an outbox; stopped on exit."""
    metrics = GatewayMetrics()
    outbox = Outbox(outbox_path, settings.outbox_max_records)
    channel = open_sink_channel(sink_address, "")
    retry = RetryPolicy(settings.retry_initial_seconds, settings.retry_max_seconds)
    sink = GrpcSink(channel, settings.sink_timeout_seconds)
    store = ledger.store if ledger is not None else None
    deliverer = Deliverer(outbox, sink, metrics, retry, ledger=store)
    forwarder = Forwarder(outbox, deliverer, settings.sink_max_message_bytes)
    deliverer.start()
    try:
        async with running_gateway(settings, redactor, metrics, forwarder, ledger) as parts:
            yield parts, metrics, outbox
    finally:
        await deliverer.stop()
        await channel.close()
        outbox.close()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The complete lines of a JSONL file (none if it does not exist yet)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


async def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` every 50 ms; fail naming ``what`` after ``timeout`` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.05)
