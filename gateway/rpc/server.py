"""Build the aio gRPC server; serve: bind, report NOT_SERVING, load the engine, SERVING.

Shutdown on SIGINT/SIGTERM: NOT_SERVING, stop taking calls and let in-flight ones
finish (``grace_seconds``), finish the delivery in flight, fold the outbox's WAL
into its file, stop the metrics endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple
from wsgiref.simple_server import WSGIServer

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import (
    ConfigError,
    Settings,
    build_redactor,
    store_url,
    transport_problems,
)
from gateway.custody.delivery import Deliverer, Forwarder, RetryPolicy
from gateway.custody.files import close_cut_off_calls, open_ledger
from gateway.custody.outbox import OutboxStore
from gateway.custody.outbox_store import open_outbox
from gateway.custody.retention import RetentionSweeper
from gateway.custody.store.protocol import LedgerStore
from gateway.custody.writer import LedgerWriter
from gateway.errors import NotReadyError
from gateway.rpc.auth import LOCAL_KEYRING, load_keyring
from gateway.rpc.interceptors import AuthInterceptor, ObserveInterceptor, RequestIdInterceptor
from gateway.rpc.metrics import GatewayMetrics, stop_http
from gateway.rpc.port_guard import refuse_served_port, shares_port
from gateway.rpc.recording_hints import RecordingHintSender
from gateway.rpc.request_id import REQUEST_ID_FIELD, RequestIdScreen
from gateway.rpc.servicer import LeadGatewayServicer
from gateway.rpc.sink import GrpcSink, open_sink_channel
from redaction import FieldViolation, RedactionError, Redactor

logger = logging.getLogger(__name__)

SERVICE_NAME = service_pb.DESCRIPTOR.services_by_name["LeadGatewayService"].full_name


class GatewayServer(NamedTuple):
    """A bound, not yet started server and the parts serve() drives."""

    server: grpc.aio.Server
    port: int
    health: health.aio.HealthServicer
    servicer: LeadGatewayServicer


def create_server(
    settings: Settings,
    redactor: Redactor | None,
    *,
    metrics: GatewayMetrics | None = None,
    forwarder: Forwarder | None = None,
    ledger: LedgerWriter | None = None,
    hints: RecordingHintSender | None = None,
) -> GatewayServer:
    """Configure and bind a server; ``redactor`` may come later (servicer.set_redactor).

    Raises ConfigError when the transport rules forbid the address (plain text
    beyond loopback without ``--insecure``) or a TLS or keys file is unusable.
    """
    problems = transport_problems(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    keyring = load_keyring(Path(settings.keys_file)) if settings.keys_file else LOCAL_KEYRING
    metrics = metrics or GatewayMetrics()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redactor")
    servicer = LeadGatewayServicer(redactor, settings, executor, metrics, forwarder, ledger, hints)
    server = grpc.aio.server(
        interceptors=[
            # Outermost first: a call refused for its request id is still counted and logged.
            ObserveInterceptor(metrics),
            RequestIdInterceptor(request_id_screen(servicer, executor)),
            AuthInterceptor(keyring),
        ],
        options=[
            ("grpc.max_receive_message_length", settings.max_message_bytes),
            ("grpc.max_send_message_length", settings.max_message_bytes * 2),
            # Without SO_REUSEPORT a second process cannot bind the port unnoticed and
            # answer part of the traffic under another policy.
            ("grpc.so_reuseport", 1 if shares_port(settings) else 0),
            *connection_age_options(settings),
        ],
    )
    service_grpc.add_LeadGatewayServiceServicer_to_server(servicer, server)
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
    port = _bind(server, settings)
    return GatewayServer(server, port, health_servicer, servicer)


def connection_age_options(settings: Settings) -> list[tuple[str, int]]:
    """GOAWAY after ``max_connection_age_seconds`` so clients reconnect and spread over replicas.

    Without it a client keeps its first connection, and the replica it found stays its
    only one: a Kubernetes Service balances connections, not calls. 0 leaves grpc's
    default (no limit); the grace is how long calls in flight may still run after it.
    """
    options = []
    if settings.max_connection_age_seconds > 0:
        options.append(("grpc.max_connection_age_ms", _ms(settings.max_connection_age_seconds)))
        if settings.max_connection_age_grace_seconds > 0:
            grace = _ms(settings.max_connection_age_grace_seconds)
            options.append(("grpc.max_connection_age_grace_ms", grace))
    return options


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def request_id_screen(
    servicer: LeadGatewayServicer, executor: ThreadPoolExecutor
) -> RequestIdScreen:
    """The engine's reading of caller request ids, on the engine's own thread."""

    async def screen(candidate: str) -> list[FieldViolation] | None:
        try:
            guard = servicer.redactor.metadata
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                executor, guard.violations, REQUEST_ID_FIELD, candidate
            )
        except (NotReadyError, RedactionError):  # cannot tell: the caller's id is not used
            return None

    return screen


def _bind(server: grpc.aio.Server, settings: Settings) -> int:
    credentials = server_credentials(settings)
    try:
        if credentials is not None:
            port = server.add_secure_port(settings.address, credentials)
        else:
            if not settings.is_local:
                logger.warning(
                    "serving PLAIN TEXT on a non-loopback address because --insecure was given",
                    extra={"host": settings.host},
                )
            port = server.add_insecure_port(settings.address)
    except RuntimeError:  # grpc's "Failed to bind to address"
        port = 0
    if port == 0 and not settings.socket_path:
        raise OSError(
            f"cannot bind {settings.address}: the port is in use or the address is not this"
            " machine's (another gateway there? --share-port joins it)"
        )
    return int(port)


def server_credentials(settings: Settings) -> grpc.ServerCredentials | None:
    """TLS credentials from the configured PEM files; a client CA makes mTLS mandatory."""
    if not settings.uses_tls:
        return None
    try:
        chain = Path(settings.tls_cert_file).read_bytes()
        key = Path(settings.tls_key_file).read_bytes()
        client_ca = (
            Path(settings.tls_client_ca_file).read_bytes() if settings.tls_client_ca_file else None
        )
    except OSError as error:
        raise ConfigError(f"cannot read a TLS file: {error}") from None
    return grpc.ssl_server_credentials(
        [(key, chain)], root_certificates=client_ca, require_client_auth=client_ca is not None
    )


async def set_serving(health_servicer: health.aio.HealthServicer, serving: bool) -> None:
    """Flip the overall and per-service health status."""
    status = (
        health_pb2.HealthCheckResponse.SERVING
        if serving
        else health_pb2.HealthCheckResponse.NOT_SERVING
    )
    for name in ("", SERVICE_NAME):
        await health_servicer.set(name, status)


async def serve(
    settings: Settings,
    *,
    worker: int | None = None,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Bind, load the engine (NOT_SERVING meanwhile), serve until a signal, then drain.

    ``worker`` set: one of several processes sharing the port under a supervisor
    (gateway/rpc/supervisor.py), which delivers the shared outbox and serves metrics.
    """
    started = time.perf_counter()
    if worker is None:
        refuse_served_port(settings)
    metrics = GatewayMetrics()
    httpd = None
    if settings.metrics_port and worker is None:
        # Before the gRPC server exists: a busy port is one clear error, nothing half-started.
        httpd, metrics_port = metrics.serve_http(settings.metrics_host, settings.metrics_port)
        logger.info("metrics endpoint up", extra={"metrics_port": metrics_port})
    ledger = LedgerWriter(*open_ledger(settings))
    if worker is None:  # workers: their supervisor did it before starting them
        close_cut_off_calls(ledger.store)
    sweeper = None
    if worker is None:
        outbox, deliverer, channel = delivery_parts(settings, metrics, ledger=ledger.store)
        if settings.retention_sweep_seconds > 0:
            sweeper = RetentionSweeper(ledger.store, outbox, settings.retention_sweep_seconds)
    else:
        outbox, deliverer, channel = _shared_outbox(settings), None, None
    forwarder = (
        Forwarder(outbox, deliverer, settings.sink_max_message_bytes, metrics)
        if outbox is not None
        else None
    )
    hints, hint_channel = recording_hint_parts(settings, channel)
    # A lone gateway binds first and answers NOT_SERVING while its engine loads. A
    # worker loads first: the kernel hands connections to every socket bound to the
    # shared port, and one that reached a loading worker would only get UNAVAILABLE.
    engine = await asyncio.to_thread(build_redactor, settings) if worker is not None else None
    parts = create_server(
        settings, engine, metrics=metrics, forwarder=forwarder, ledger=ledger, hints=hints
    )
    await set_serving(parts.health, False)
    await parts.server.start()
    if settings.socket_path:
        # Group members (a dialer container sharing the pod's fsGroup) may connect.
        os.chmod(settings.socket_path, 0o660)
    try:
        if engine is None:
            parts.servicer.set_redactor(await asyncio.to_thread(build_redactor, settings))
        metrics.engine_ready.set(1)
        if deliverer is not None:
            deliverer.start()
        if hints is not None:
            hints.start()
        if sweeper is not None:
            sweeper.start()
        await set_serving(parts.health, True)
        logger.info(
            "leadgate ready",
            extra={
                "address": settings.socket_path or f"{settings.host}:{parts.port}",
                "worker": worker,
                "tls": settings.uses_tls,
                "mtls": bool(settings.tls_client_ca_file),
                "auth": "keys" if settings.keys_file else "local",
                "sink": bool(settings.sink_address),
                "ledger": store_url(settings.ledger_url, settings.ledger_file).shown,
                "data_dir": str(settings.data_path),
                "startup_s": round(time.perf_counter() - started, 2),
            },
        )
        if on_ready is not None:
            on_ready()
        await _until_signal(watch_parent=worker is not None)
    finally:
        logger.info("leadgate stopping", extra={"grace_s": settings.grace_seconds})
        await set_serving(parts.health, False)
        await parts.server.stop(settings.grace_seconds)
        if hints is not None:  # after the streams: their stream-end RESUMEs go out first
            await hints.close()
        if hint_channel is not None:
            await hint_channel.close()
        if sweeper is not None:
            await sweeper.stop()
        await close_delivery(deliverer, outbox, channel, httpd)
        await asyncio.to_thread(ledger.close)  # after the deliverer's last status update


async def close_delivery(
    deliverer: Deliverer | None,
    outbox: OutboxStore | None,
    channel: grpc.aio.Channel | None,
    httpd: WSGIServer | None,
) -> None:
    """The end of a shutdown: finish the delivery in flight, fold the WAL, stop metrics."""
    if deliverer is not None:
        await deliverer.stop()
        waiting, parked = await deliverer.refresh_gauges()
        logger.info("outbox saved", extra={"waiting": waiting, "parked": parked})
    if outbox is not None:
        outbox.close()
    if channel is not None:
        await channel.close()
    if httpd is not None:
        stop_http(httpd)
    logger.info("leadgate stopped")


def recording_hint_parts(
    settings: Settings, delivery_channel: grpc.aio.Channel | None
) -> tuple[RecordingHintSender | None, grpc.aio.Channel | None]:
    """The sender of live calls' recording hints, when a sink is configured.

    It shares the deliverer's channel where there is one; a worker (whose supervisor
    delivers) opens its own, returned to be closed.
    """
    if not settings.sink_address:
        return None, None
    own = None
    if delivery_channel is None:
        limit = settings.sink_max_message_bytes
        own = open_sink_channel(settings.sink_address, settings.sink_ca_file, limit)
    channel = delivery_channel or own
    assert channel is not None
    return RecordingHintSender(channel, timeout_seconds=settings.sink_timeout_seconds), own


def _shared_outbox(settings: Settings) -> OutboxStore | None:
    """A worker's handle on the outbox the supervisor delivers."""
    if not settings.sink_address:
        return None
    return open_outbox(settings)


def delivery_parts(
    settings: Settings,
    metrics: GatewayMetrics,
    idle_poll_seconds: float = 1.0,
    ledger: LedgerStore | None = None,
) -> tuple[OutboxStore | None, Deliverer | None, grpc.aio.Channel | None]:
    """The outbox (``outbox_url``) and deliverer, when a sink is configured.

    The deliverer reports to ``ledger``. On a PostgreSQL outbox every replica delivers.
    """
    if not settings.sink_address:
        return None, None, None
    outbox = open_outbox(settings)
    limit = settings.sink_max_message_bytes
    channel = open_sink_channel(settings.sink_address, settings.sink_ca_file, limit)
    retry = RetryPolicy(settings.retry_initial_seconds, settings.retry_max_seconds)
    sink = GrpcSink(channel, settings.sink_timeout_seconds)
    deliverer = Deliverer(outbox, sink, metrics, retry, idle_poll_seconds, ledger=ledger)
    return outbox, deliverer, channel


async def _until_signal(watch_parent: bool = False) -> None:
    """Return on SIGINT/SIGTERM (or, for a worker, when its supervisor is gone)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    if not watch_parent:
        await stop.wait()
        return
    parent = os.getppid()
    while not stop.is_set():
        if os.getppid() != parent:  # the supervisor died without telling us
            logger.error("supervisor gone; stopping")
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)
