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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gateway.config import Settings
    from gateway.custody.outbox import OutboxStore
    from gateway.custody.store.sqlite_ledger import SqliteLedger


LedgerRun = Callable[[argparse.Namespace, "Settings"], int]


def ledger_errors(command: str) -> Callable[[LedgerRun], LedgerRun]:
    """Turn what goes wrong in ``command`` into one line on stderr and exit status 1.

    A wrong key or setting (``ConfigError``) goes on to ``main``: exit 2, like any
    configuration error. A reader that went away (``| head``) ends the CLI quietly.
    """

    def decorate(run: LedgerRun) -> LedgerRun:
        @wraps(run)
        def guarded(args: argparse.Namespace, settings: Settings) -> int:
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
            except BrokenPipeError:
                raise
            except OSError as error:  # an output path that cannot be written
                print(f"leadgate {command}: {error.strerror}: {error.filename}", file=sys.stderr)
                return 1

        return guarded

    return decorate


@contextmanager
def existing_ledger(settings: Settings, with_key: bool = False) -> Iterator[SqliteLedger]:
    """The existing ledger (never a new empty one); ``with_key``: checked against the key."""
    from gateway.custody.files import open_ledger, open_store

    if not Path(settings.ledger_file).exists():
        raise ValueError(f"no ledger at {settings.ledger_file} (set ledger_path or --config)")
    if with_key:
        store, _ = open_ledger(settings, create_key=False)
    else:
        store = open_store(settings)
    try:
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
