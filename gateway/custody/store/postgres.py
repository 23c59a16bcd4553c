"""The one way the gateway opens a PostgreSQL store: a pool, versioned migrations, a safe name.

Every replica of a fleet opens the same database at start-up. Migrations are a
list of (version, SQL) per component ("ledger", "outbox"), recorded in
``schema_version`` and applied inside one transaction holding an advisory lock,
so replicas starting together apply each exactly once and never see half a schema.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg_pool import ConnectionPool

from gateway.config import ConfigError
from gateway.config import without_password as shown

# (version, SQL script): appended to, never edited once released.
Migration = tuple[int, str]

# Any fixed 64-bit number: every leadgate process takes this one lock to migrate.
MIGRATION_LOCK = 0x1EAD6A7E_0001

_VERSIONS = """
CREATE TABLE IF NOT EXISTS schema_version (
    component  TEXT        NOT NULL,
    version    INTEGER     NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (component, version)
)
"""


def open_pool(url: str, setting: str, max_size: int = 8) -> ConnectionPool:
    """A pool of connections to ``url``, checked by one connection now (ConfigError if not).

    ``setting`` names the configuration the URL came from, for the error.
    """
    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as error:  # libpq's words name the host and user, never the password
        message = str(error).strip().replace(url, shown(url))
        raise ConfigError(f"{setting} {shown(url)}: cannot connect ({message})") from None
    # Checked on loan: a connection the server dropped (a restart, a failover) is replaced
    # rather than failing the next batch.
    return ConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        open=True,
        name=setting,
        check=ConnectionPool.check_connection,
    )


def migrate(pool: ConnectionPool, component: str, migrations: Sequence[Migration]) -> int:
    """Apply the ``migrations`` of ``component`` not yet applied; returns how many ran."""
    with pool.connection() as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(_VERSIONS)
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT version FROM schema_version WHERE component = %s", (component,)
            )
        }
        ran = 0
        for version, script in sorted(migrations):
            if version in applied:
                continue
            conn.execute(script)  # several statements: no parameters, so one simple query
            conn.execute(
                "INSERT INTO schema_version (component, version) VALUES (%s, %s)",
                (component, version),
            )
            ran += 1
        return ran


def is_behind(pool: ConnectionPool, component: str, migrations: Sequence[Migration]) -> bool:
    """Whether some of ``migrations`` are not applied yet (read only: no DDL, no lock)."""
    with pool.connection() as conn:
        if conn.execute("SELECT to_regclass('schema_version')").fetchone() == (None,):
            return True
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT version FROM schema_version WHERE component = %s", (component,)
            )
        }
    return any(version not in applied for version, _ in migrations)


def is_migrated(pool: ConnectionPool, component: str) -> bool:
    """Whether ``component``'s schema exists in the database (without creating anything)."""
    with pool.connection() as conn:
        if conn.execute("SELECT to_regclass('schema_version')").fetchone() == (None,):
            return False
        row = conn.execute(
            "SELECT count(*) FROM schema_version WHERE component = %s", (component,)
        ).fetchone()
    return row is not None and row[0] > 0
