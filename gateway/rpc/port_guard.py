"""One gateway per port unless sharing is asked for (workers, or ``--share-port``).

grpc binds with SO_REUSEPORT by default: a second gateway started by mistake
would bind the same port silently and answer part of the traffic under its own
policy. No prometheus import here: the supervisor calls this before metrics exist.
"""

from __future__ import annotations

import socket

from gateway.config import ConfigError, Settings


def shares_port(settings: Settings) -> bool:
    """Whether this process may share its port: workers of one supervisor, or asked for."""
    return settings.workers > 1 or settings.share_port


def refuse_served_port(settings: Settings) -> None:
    """Raise ConfigError when something already accepts connections on the TCP port.

    Checked before binding so the refusal names the port; the bind itself (no
    SO_REUSEPORT) still fails if another process wins the race.
    """
    if settings.socket_path or settings.port == 0 or settings.share_port:
        return
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "") else settings.host
    host = "::1" if host == "::" else host
    try:
        with socket.create_connection((host, settings.port), timeout=0.5):
            pass
    except OSError:
        return  # nothing listening (or not reachable from here): binding will tell
    raise ConfigError(
        f"{settings.host}:{settings.port} is already served by another process (another "
        "leadgate?): stop it, choose another --port, or pass --share-port to join it"
    )
