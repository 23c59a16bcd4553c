"""Open the configured ledger and its consumer-index key (the one place paths are read).

``ledger_url`` picks the store: empty, a path or ``sqlite:///PATH`` is the embedded
SQLite file; ``postgresql://...`` is a database a fleet shares.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from gateway.config import ConfigError, Settings, store_url
from gateway.custody.consumer_index import ConsumerIndex, load_or_create_secret, load_secret
from gateway.custody.store.protocol import LedgerStore
from gateway.custody.store.sqlite_ledger import SqliteLedger

logger = logging.getLogger(__name__)


def key_path(settings: Settings) -> Path:
    """The index secret's file: ``ledger_key_file``, else next to the SQLite ledger.

    A PostgreSQL ledger has no file to sit next to, and every replica must share
    the key: ``ledger_key_file`` is required (a Secret mounted in each pod).
    """
    if settings.ledger_key_file:
        return Path(settings.ledger_key_file)
    if is_shared(settings):
        raise ConfigError(
            "setting 'ledger_key_file' is required with a postgresql ledger_url:"
            " every replica and the rights commands must use the same key file"
        )
    return Path(settings.ledger_file + ".key")


def is_shared(settings: Settings) -> bool:
    """Whether the ledger is a PostgreSQL database (shared by a fleet), not a local file."""
    return store_url(settings.ledger_url, settings.ledger_file).kind == "postgresql"


def open_store(settings: Settings, create: bool = True) -> LedgerStore:
    """The ledger store the settings name (``create`` False: it must exist already)."""
    where = store_url(settings.ledger_url, settings.ledger_file)
    if where.kind == "postgresql":
        from gateway.custody.store.postgres_ledger import PostgresLedger

        return PostgresLedger(where.location, create=create)
    path = Path(where.location)
    if not create and not path.exists():
        raise ValueError(f"no ledger at {path} (set ledger_path, ledger_url or --config)")
    try:
        return SqliteLedger(path, settings.ledger_sync.upper())
    except sqlite3.Error as error:  # not a database, locked, read-only: say which file
        raise ConfigError(f"ledger_path {path}: cannot open ({error})") from None


def load_index(settings: Settings, create: bool = True) -> ConsumerIndex:
    """The consumer index, keyed by the configured secret (made, mode 0600, on first use).

    ``create`` False (the rights commands): a missing key file is an error, not a new key.
    """
    path = key_path(settings)
    return ConsumerIndex(load_or_create_secret(path) if create else load_secret(path))


def open_ledger(settings: Settings, create_key: bool = True) -> tuple[LedgerStore, ConsumerIndex]:
    """The store and the index, checked to belong together (ConfigError if not)."""
    index = load_index(settings, create_key)
    store = open_store(settings)
    try:
        store.bind_key(index.fingerprint)
    except BaseException:
        store.close()
        raise
    return store, index


def close_cut_off_calls(store: LedgerStore) -> int:
    """Close the live calls an earlier run left open (it crashed or was killed mid-call).

    Run by whatever starts first on the ledger: a lone gateway, or a supervisor
    before its workers.
    """
    count = store.cut_off_open_calls(datetime.now(UTC))
    if count:
        logger.warning("live calls cut off by the last stop recorded", extra={"calls": count})
    return count
