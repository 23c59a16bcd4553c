"""Start a real gateway on loopback with given settings (shared by the edge tests)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from grpc_health.v1 import health_pb2

from gateway.config import Settings
from gateway.custody.delivery import Deliverer, Forwarder, RetryPolicy
from gateway.custody.outbox import Outbox
from gateway.custody.writer import LedgerWriter
from gateway.rpc import server as server_module
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.recording_hints import RecordingHintSender
from gateway.rpc.server import GatewayServer, create_server, serve, set_serving
from gateway.rpc.sink import GrpcSink, open_sink_channel
from redaction import Redactor
from tests.builders import free_port


@asynccontextmanager
async def running_gateway(
    settings: Settings,
    redactor: Redactor,
    metrics: GatewayMetrics | None = None,
    forwarder: Forwarder | None = None,
    ledger: LedgerWriter | None = None,
    hints: RecordingHintSender | None = None,
) -> AsyncIterator[GatewayServer]:
    """A started, SERVING gateway; stopped on exit."""
    parts = create_server(
        settings, redactor, metrics=metrics, forwarder=forwarder, ledger=ledger, hints=hints
    )
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


@asynccontextmanager
async def hinting_gateway(
    settings: Settings, redactor: Redactor, sink_address: str
) -> AsyncIterator[tuple[GatewayServer, RecordingHintSender]]:
    """A SERVING gateway that sends live calls' recording hints to ``sink_address``."""
    channel = open_sink_channel(sink_address, "")
    hints = RecordingHintSender(channel, timeout_seconds=2.0)
    hints.start()
    try:
        async with running_gateway(settings, redactor, hints=hints) as parts:
            yield parts, hints
    finally:
        await hints.close()
        await channel.close()


@dataclass(frozen=True)
class ServedGateway:
    """A gateway ``serve()`` runs in this process, and the switch that lets its engine load."""

    target: str
    engine_may_load: threading.Event
    ready: asyncio.Event
    # What serve() did to health and the server, in order: "SERVING", "NOT_SERVING" (the
    # overall status it set), "stop" (the server stopped taking calls).
    journal: list[str]

    def terminate(self) -> None:
        """Send this process SIGTERM, as an operator stops a gateway; serve() drains."""
        # on_ready runs right before serve() installs its signal handlers and waits:
        # once it ran, SIGTERM reaches serve(), not the default handler (which kills).
        assert self.ready.is_set(), "serve() is not waiting for a signal yet"
        os.kill(os.getpid(), signal.SIGTERM)


@asynccontextmanager
async def served_in_process(
    settings: Settings, redactor: Redactor, data_dir: Path
) -> AsyncIterator[ServedGateway]:
    """The real ``serve()`` on a free loopback port, its engine load held until released.

    ``serve()`` builds the engine with ``build_redactor``; here that call blocks (on
    serve's worker thread) until ``engine_may_load`` is set, then returns the session's
    engine, so a test sees the gateway before and after its engine is ready. On exit
    the process sends itself SIGTERM, as an operator would, and waits for the drain.
    """
    engine_may_load = threading.Event()
    ready = asyncio.Event()

    def load_engine(_: Settings) -> Redactor:
        assert engine_may_load.wait(timeout=60), "the test never let the engine load"
        return redactor

    journal: list[str] = []

    def journaled_server(*args: Any, **kwargs: Any) -> GatewayServer:
        parts = create_server(*args, **kwargs)
        set_status, stop = parts.health.set, parts.server.stop

        async def set_and_note(service: str, status: Any) -> None:
            if not service:
                journal.append(health_pb2.HealthCheckResponse.ServingStatus.Name(status))
            await set_status(service, status)

        async def stop_and_note(grace: float | None) -> None:
            journal.append("stop")
            await stop(grace)

        patch.setattr(parts.health, "set", set_and_note)
        patch.setattr(parts.server, "stop", stop_and_note)
        return parts

    served = replace(
        settings, port=free_port(), metrics_port=0, data_dir=str(data_dir), grace_seconds=1.0
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(server_module, "build_redactor", load_engine)
        patch.setattr(server_module, "create_server", journaled_server)
        task = asyncio.create_task(serve(served, on_ready=ready.set))
        gateway = ServedGateway(f"127.0.0.1:{served.port}", engine_may_load, ready, journal)
        try:
            yield gateway
        finally:
            engine_may_load.set()
            is_ready = asyncio.ensure_future(ready.wait())
            await asyncio.wait((task, is_ready), timeout=60, return_when=asyncio.FIRST_COMPLETED)
            is_ready.cancel()
            if ready.is_set() and not task.done():
                gateway.terminate()
                await asyncio.wait_for(task, timeout=30)
            elif not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            else:
                await task  # it stopped on its own: a terminate() or an error to report


async def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` every 50 ms; fail naming ``what`` after ``timeout`` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.05)
