"""``leadgate new-key``: a new API key for a caller, and its line for the keys file."""

from __future__ import annotations

import argparse
from typing import Any


def add_new_key_command(commands: Any) -> None:
    """Add ``new-key`` to the CLI's sub-commands."""
    parser = commands.add_parser(
        "new-key", help="print a new API key and the line for the keys file"
    )
    parser.set_defaults(run=run_new_key)


def run_new_key(args: argparse.Namespace) -> int:
    """Print the key (it is not stored) and the digest the gateway keeps; no settings read."""
    from gateway.rpc.auth import new_key

    key, digest = new_key()
    print(f"API key (give it to the caller; it is not stored): {key}")
    print(f'keys file line: key_sha256 = "{digest}"')
    return 0
