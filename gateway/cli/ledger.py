"""What the ledger's commands (``rights``, ``retention``, ``audit``) share.

Each opens the configured ledger (and, where records may still be held, the
outbox), does one thing, prints what it did, and returns the exit status. They
never create a ledger or an outbox: an empty one would give a false "none".
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gateway.config import Settings
    from gateway.custody.outbox import OutboxStore
    from gateway.custody.store.protocol import LedgerStore


LedgerRun = Callable[[argparse.Namespace, "Settings"], int]


def ledger_errors(command: str) -> Callable[[LedgerRun], LedgerRun]:
    """Turn what goes wrong in ``command`` into one line on stderr and exit status 1.

    A wrong key or setting (``ConfigError``) goes on to ``main``: exit 2, like any
    configuration error. A reader that went away (``| head``) ends the CLI quietly.
    """

    def decorate(run: LedgerRun) -> LedgerRun:
        @wraps(run)
        def guarded(args: argparse.Namespace, settings: Settings) -> int:
            import psycopg

            from gateway.config import ConfigError

            try:
                return run(args, settings)
            except ConfigError:
                raise
            except ValueError as error:
                print(f"leadgate {command}: {error}", file=sys.stderr)
                return 1
            except sqlite3.Error as error:  # locked, corrupt, read-only: no data in the words
                print(f"leadgate {command}: the ledger or outbox failed: {error}", file=sys.stderr)
                return 1
            except psycopg.Error as error:  # its words may quote a row: only the kind
                print(
                    f"leadgate {command}: the ledger database failed: {type(error).__name__}",
                    file=sys.stderr,
                )
                return 1
            except BrokenPipeError:
                raise
            except OSError as error:  # an output path that cannot be written
                print(f"leadgate {command}: {error.strerror}: {error.filename}", file=sys.stderr)
                return 1

        return guarded

    return decorate


@contextmanager
def existing_ledger(settings: Settings, with_key: bool = False) -> Iterator[LedgerStore]:
    """The existing ledger (never a new empty one); ``with_key``: checked against the key."""
    from gateway.custody.files import load_index, open_store

    store = open_store(settings, create=False)  # no ledger: said before any key is asked for
    try:
        if with_key:
            store.bind_key(load_index(settings, create=False).fingerprint)
        yield store
    finally:
        store.close()


@contextmanager
def sink_outbox(settings: Settings) -> Iterator[OutboxStore | None]:
    """The outbox a gateway with a sink keeps (None without a sink: nothing is held)."""
    from gateway.custody.outbox_store import open_outbox

    if not settings.sink_address:
        yield None
        return
    outbox = open_outbox(settings)
    try:
        yield outbox
    finally:
        outbox.close()
