"""``serve`` with ``workers`` > 1: N gateway processes on one port, one supervisor.

Each worker is a whole gateway with its own engine, bound to the same address
with SO_REUSEPORT, so the kernel spreads connections over the processes and a
2-core machine uses both cores. The supervisor loads no engine: it starts the
workers (restarting one that dies), delivers the outbox they share (one SQLite
file, safe for several writers, or the fleet's PostgreSQL outbox, where it is one
replica's deliverer among others), serves the metrics of all processes (Prometheus
multiprocess mode), and on SIGTERM stops the workers, each draining its calls.

Import nothing that imports prometheus_client at module level here: the
multiprocess directory must be set before it is first imported.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from multiprocessing.process import BaseProcess
from typing import Any

from gateway.config import Settings
from gateway.logs import configure_logging

logger = logging.getLogger("gateway.rpc.supervisor")

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
RESTART_DELAY_S = 1.0


def run_supervisor(settings: Settings) -> int:
    """Entry point for ``leadgate serve`` with more than one worker.

    What would stop every worker (transport rules, keys, TLS files) is checked
    here first, so a bad setup exits with its message instead of crash-looping.
    """
    _check_before_start(settings)
    metrics_dir = tempfile.mkdtemp(prefix="leadgate-metrics-")
    os.environ[MULTIPROC_ENV] = metrics_dir  # inherited by the workers, read at import
    try:
        return 0 if asyncio.run(_supervise(settings)) else 1
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)


def _check_before_start(settings: Settings) -> None:
    """Raise ConfigError for what create_server would refuse in every worker."""
    from pathlib import Path

    from gateway.config import ConfigError, transport_problems
    from gateway.policy_file import load_policy_book
    from gateway.rpc.auth import load_keyring

    problems = transport_problems(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    from gateway.rpc.port_guard import refuse_served_port

    refuse_served_port(settings)  # the workers share the port with each other, not others
    if settings.keys_file:
        load_keyring(Path(settings.keys_file))
    if settings.policy_file:
        load_policy_book(Path(settings.policy_file))
    from gateway.custody.files import close_cut_off_calls, open_ledger

    store, _ = open_ledger(settings)  # makes the key once, before the workers race for it
    try:
        close_cut_off_calls(store)
    finally:
        store.close()
    if settings.uses_tls:
        for name in ("tls_cert_file", "tls_key_file", "tls_client_ca_file"):
            path = getattr(settings, name)
            if path and not Path(path).is_file():
                raise ConfigError(f"setting {name!r}: cannot read {path}")


def _worker_main(settings: Settings, index: int, ready: Any) -> None:
    """A worker process: one full gateway that tells the supervisor when it is SERVING."""
    configure_logging(settings.log_level)
    from gateway.rpc.server import serve

    asyncio.run(serve(settings, worker=index, on_ready=lambda: ready.put(index)))


class _Workers:
    """The worker processes: start, watch and restart, stop."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._context = multiprocessing.get_context("spawn")
        self.ready = self._context.Queue()
        self._processes: dict[int, BaseProcess] = {}
        self.stopping = False
        self.ever_ready: set[int] = set()
        self.failed = asyncio.Event()  # a worker died before it ever served: give up

    def start(self, index: int) -> None:
        process = self._context.Process(
            target=_worker_main,
            args=(self._settings, index, self.ready),
            name=f"leadgate-worker-{index}",
        )
        process.start()
        self._processes[index] = process

    def start_all(self) -> None:
        for index in range(self._settings.workers):
            self.start(index)

    async def watch(self) -> None:
        """Restart any worker that exits while the supervisor is not stopping."""
        from prometheus_client import multiprocess

        while not self.stopping:
            for index, process in list(self._processes.items()):
                if process.exitcode is not None and not self.stopping:
                    if index not in self.ever_ready:
                        logger.error(
                            "worker failed before serving; stopping",
                            extra={"worker": index, "exit_code": process.exitcode},
                        )
                        self.failed.set()
                        return
                    logger.error(
                        "worker exited; restarting",
                        extra={"worker": index, "exit_code": process.exitcode},
                    )
                    if process.pid is not None:
                        multiprocess.mark_process_dead(process.pid)  # type: ignore[no-untyped-call]
                    await asyncio.sleep(RESTART_DELAY_S)
                    if not self.stopping:
                        self.start(index)
            await asyncio.sleep(0.5)

    async def stop(self, grace_seconds: float) -> None:
        """SIGTERM every worker; they drain; kill what is left after the grace time."""
        self.stopping = True
        for process in self._processes.values():
            if process.exitcode is None and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace_seconds + 10
        for process in self._processes.values():
            await asyncio.to_thread(process.join, max(deadline - time.monotonic(), 0.1))
            if process.exitcode is None:
                logger.error("worker did not stop in time; killing it")
                process.kill()
                await asyncio.to_thread(process.join, 5)


async def _supervise(settings: Settings) -> bool:
    """Run until a signal (True) or until a worker cannot start (False)."""
    from gateway.custody.files import open_store
    from gateway.custody.retention import RetentionSweeper
    from gateway.rpc.metrics import GatewayMetrics
    from gateway.rpc.server import close_delivery, delivery_parts

    started = time.perf_counter()
    metrics = GatewayMetrics()
    # The workers record; the supervisor updates delivery statuses and sweeps (once, here).
    ledger = open_store(settings)
    outbox, deliverer, channel = delivery_parts(
        settings, metrics, idle_poll_seconds=0.2, ledger=ledger
    )
    sweeper = None
    if settings.retention_sweep_seconds > 0:
        sweeper = RetentionSweeper(ledger, outbox, settings.retention_sweep_seconds)
    workers = _Workers(settings)
    workers.start_all()
    httpd = None
    if settings.metrics_port:
        httpd, port = metrics.serve_http(settings.metrics_host, settings.metrics_port)
        logger.info("metrics endpoint up", extra={"metrics_port": port})
    if deliverer is not None:
        deliverer.start()
    if sweeper is not None:
        sweeper.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    watcher = asyncio.create_task(workers.watch())
    try:
        await _wait_ready(workers, settings.workers, stop)
        failed = asyncio.create_task(workers.failed.wait())
        stopped = asyncio.create_task(stop.wait())
        if not stop.is_set() and not workers.failed.is_set():
            logger.info(
                "leadgate ready",
                extra={
                    "address": f"{settings.host}:{settings.port}",
                    "workers": settings.workers,
                    "startup_s": round(time.perf_counter() - started, 2),
                },
            )
        await asyncio.wait({failed, stopped}, return_when=asyncio.FIRST_COMPLETED)
        for waiter in (failed, stopped):
            waiter.cancel()
    finally:
        logger.info("leadgate stopping", extra={"grace_s": settings.grace_seconds})
        await workers.stop(settings.grace_seconds)
        watcher.cancel()
        if sweeper is not None:
            await sweeper.stop()
        await close_delivery(deliverer, outbox, channel, httpd)
        ledger.close()
    return not workers.failed.is_set()


async def _wait_ready(workers: _Workers, count: int, stop: asyncio.Event) -> None:
    """Until every worker has said it is SERVING (or a stop signal comes)."""
    seen = workers.ever_ready
    while len(seen) < count and not stop.is_set() and not workers.failed.is_set():
        try:
            index = await asyncio.to_thread(workers.ready.get, True, 0.5)
        except Exception:  # queue.Empty: look at the stop signal again
            continue
        seen.add(int(index))
