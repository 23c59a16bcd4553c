"""One way to open a client channel: a target, TLS when a CA file is given, channel options.

Every client of a gRPC service the gateway opens (the dialer sink, a remote batch run's
gateway, the health probe) and the tests' clients take their channels here, so TLS is set
up one way: trust the CA in ``ca_file``, else plain text (loopback, a pod, a Unix socket).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import grpc

ChannelOptions = Sequence[tuple[str, int | str]]


def channel_credentials(ca_file: str | Path | None) -> grpc.ChannelCredentials | None:
    """TLS credentials trusting the CA certificates in ``ca_file``; None ("" too): plain."""
    if not ca_file:
        return None
    return grpc.ssl_channel_credentials(root_certificates=Path(ca_file).read_bytes())


def open_channel(
    target: str, ca_file: str | Path | None = None, options: ChannelOptions = ()
) -> grpc.aio.Channel:
    """An asyncio channel to ``target`` (``host:port`` or ``unix:PATH``)."""
    credentials = channel_credentials(ca_file)
    if credentials is None:
        return grpc.aio.insecure_channel(target, options=list(options))
    return grpc.aio.secure_channel(target, credentials, options=list(options))


def open_blocking_channel(
    target: str, ca_file: str | Path | None = None, options: ChannelOptions = ()
) -> grpc.Channel:
    """A blocking channel to ``target``, for callers with no event loop (the health probe)."""
    credentials = channel_credentials(ca_file)
    if credentials is None:
        return grpc.insecure_channel(target, options=list(options))
    return grpc.secure_channel(target, credentials, options=list(options))
