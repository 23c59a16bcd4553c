"""Prometheus metrics: labels are RPC names, status codes, entity types; never values."""

from __future__ import annotations

import os
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
        every process's values, combined.
        """
        registry = self.registry
        if os.environ.get(MULTIPROC_ENV):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        httpd, _thread = start_http_server(port, addr=host, registry=registry)
        return httpd, int(httpd.server_port)


def stop_http(httpd: WSGIServer) -> None:
    """Stop a /metrics endpoint without blocking the event loop for long."""
    threading.Thread(target=httpd.shutdown, daemon=True).start()
    httpd.server_close()
