"""Prometheus metrics: labels are RPC names, status codes, entity types; never values."""

from __future__ import annotations

import errno
import os
import socket
import threading
from collections.abc import Iterable
from wsgiref.simple_server import WSGIServer

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    multiprocess,
    start_http_server,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class MetricsPortError(OSError):
    """The /metrics endpoint cannot listen where configured; the message says what to do."""

    def __init__(self, host: str, port: int, error: OSError) -> None:
        where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        if error.errno == errno.EADDRINUSE:
            reason = "the port is in use (another gateway running?)"
            fix = "set metrics_port (LEADGATE_METRICS_PORT) to a free port"
        else:  # an address that is not this machine's, or a name that does not resolve
            reason = error.strerror or type(error).__name__
            fix = "check metrics_host (LEADGATE_METRICS_HOST)"
        super().__init__(
            f"cannot serve metrics on {where}: {reason}; {fix}, or set metrics_port"
            " to 0 for no metrics endpoint"
        )
        self.errno = error.errno  # the message alone, without "[Errno 98]" in front


def check_http_port(host: str, port: int) -> None:
    """Raise MetricsPortError if ``serve_http(host, port)`` could not listen now.

    Called before the gateway starts anything, so a busy port is one line, not a
    half-started server; ``serve_http`` still raises the same if the port goes in between.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind(address)
    except OSError as error:  # socket.gaierror too: a host that is not this machine's
        raise MetricsPortError(host, port, error) from None


class GatewayMetrics:
    """One registry per server, so several servers in one process (tests) stay apart."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "leadgate_requests",
            "RPCs finished, by method and status code",
            ["rpc", "code"],
            registry=r,
        )
        self.latency = Histogram(
            "leadgate_request_duration_seconds",
            "RPC wall time, by method",
            ["rpc"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.findings = Counter(
            "leadgate_findings",
            "Sensitive items found, by entity type",
            ["entity_type"],
            registry=r,
        )
        # multiprocess_mode: how worker processes' values combine (--workers > 1).
        self.active_streams = Gauge(
            "leadgate_active_streams",
            "StreamTranscript calls open now",
            registry=r,
            multiprocess_mode="livesum",
        )
        self.outbox_depth = Gauge(
            "leadgate_outbox_depth",
            "Accepted records waiting for delivery to the dialer",
            registry=r,
        )
        self.outbox_parked = Gauge(
            "leadgate_outbox_parked", "Records the dialer sink refused for good", registry=r
        )
        # Reasons are gateway.custody.delivery_rules.ParkReason values (a fixed set), never data.
        # Not leadgate_outbox_parked_total: that name is the gauge's above.
        self.records_parked = Counter(
            "leadgate_records_parked",
            "Records parked (refused for good, or too large for the sink), by reason",
            ["reason"],
            registry=r,
        )
        self.deliveries = Counter(
            "leadgate_deliveries", "Records delivered to the dialer sink", ["kind"], registry=r
        )
        self.delivery_failures = Counter(
            "leadgate_delivery_failures",
            "Failed delivery attempts, by the sink's status code",
            ["code"],
            registry=r,
        )
        self.engine_ready = Gauge(
            "leadgate_engine_ready",
            "Processes whose redaction engine is loaded",
            registry=r,
            multiprocess_mode="livesum",
        )

    def count_findings(self, entity_types: Iterable[str]) -> int:
        """Count findings by type; returns how many there were (for the access log)."""
        total = 0
        for entity_type in entity_types:
            self.findings.labels(entity_type=entity_type).inc()
            total += 1
        return total

    def serve_http(self, host: str, port: int) -> tuple[WSGIServer, int]:
        """Start the /metrics endpoint on a daemon thread; returns the server and its port.

        With PROMETHEUS_MULTIPROC_DIR set (several worker processes), it serves
        every process's values, combined. MetricsPortError if it cannot listen.
        """
        registry = self.registry
        if os.environ.get(MULTIPROC_ENV):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        try:
            httpd, _thread = start_http_server(port, addr=host, registry=registry)
        except OSError as error:  # the port is taken: say which, and what to do
            raise MetricsPortError(host, port, error) from None
        return httpd, int(httpd.server_port)


def stop_http(httpd: WSGIServer) -> None:
    """Stop a /metrics endpoint without blocking the event loop for long."""
    threading.Thread(target=httpd.shutdown, daemon=True).start()
    httpd.server_close()
