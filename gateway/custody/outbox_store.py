"""Open the outbox the settings name: a SQLite file, or the fleet's PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

from gateway.config import Settings, store_url
from gateway.custody.outbox import Outbox, OutboxStore


def open_outbox(settings: Settings, lease_seconds: float | None = None) -> OutboxStore:
    """The outbox ``outbox_url`` names (else the ``outbox_path`` file); raises ConfigError.

    ``lease_seconds``: how long a PostgreSQL claim lasts (None: long enough for a few
    sink timeouts). PostgreSQL is imported only when configured.
    """
    where = store_url(settings.outbox_url, settings.outbox_file)
    if where.kind == "sqlite":
        return Outbox(Path(where.location), settings.outbox_max_records)
    from gateway.custody.postgres_outbox import PostgresOutbox, default_lease_seconds

    lease = default_lease_seconds(settings.sink_timeout_seconds)
    return PostgresOutbox(
        where.location,
        settings.outbox_max_records,
        lease_seconds=lease if lease_seconds is None else lease_seconds,
    )
