"""``leadgate serve``: start the gRPC gateway (``gateway.rpc``), one process or several."""

from __future__ import annotations

import argparse
import asyncio
import logging
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings

if TYPE_CHECKING:
    from gateway.config import Settings

logger = logging.getLogger("leadgate")


def add_serve_command(commands: Any) -> None:
    """Add ``serve`` to the CLI's sub-commands."""
    serve = commands.add_parser("serve", help="start the gRPC gateway")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind (default 50051; 0 picks one)")
    serve.add_argument("--socket", dest="socket_path", help="listen on this Unix domain socket")
    serve.add_argument("--workers", type=int, help="gateway processes sharing the port (default 1)")
    serve.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy model package")
    serve.add_argument(
        "--share-port",
        dest="share_port",
        action="store_true",
        default=None,
        help="join a port another gateway already serves (a rolling restart); else refuse",
    )
    serve.add_argument(
        "--insecure",
        action="store_true",
        default=None,
        help="allow plain text and local mode on a non-loopback address (logged as a warning)",
    )
    serve.set_defaults(run=WithSettings(run_serve, ("workers", "share_port"), logs=True))


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until stopped; 1 when the gateway cannot start (a busy port, a missing file)."""
    try:
        if settings.metrics_port:  # before anything starts: a busy port is one line
            from gateway.rpc.metrics import check_http_port

            check_http_port(settings.metrics_host, settings.metrics_port)
        if settings.workers > 1:
            from gateway.rpc.supervisor import run_supervisor

            return run_supervisor(settings)
        from gateway.rpc.server import serve

        asyncio.run(serve(settings))
        return 0
    except BrokenPipeError:
        raise  # the reader went away: main ends quietly
    except OSError as error:
        logger.error("cannot start: %s", error)
        return 1
