"""``leadgate check-config``: every problem with the settings and the files they name."""

from __future__ import annotations

import argparse
import os
import ssl
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings

if TYPE_CHECKING:
    from gateway.config import Settings


def add_check_config_command(commands: Any) -> None:
    """Add ``check-config`` to the CLI's sub-commands."""
    parser = commands.add_parser(
        "check-config", help="validate the settings, keys, policy and TLS files; explain problems"
    )
    parser.set_defaults(run=WithSettings(run_check_config))


def run_check_config(args: argparse.Namespace, settings: Settings) -> int:
    """Print every problem and exit 2, or say the file is valid and exit 0."""
    problems = check_config(settings)
    source = str(args.config) if args.config else "defaults and environment"
    if problems:
        print(f"leadgate check-config: {len(problems)} problem(s) in {source}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    print(f"leadgate check-config: {source} is valid")
    return 0


def check_config(settings: Settings) -> list[str]:
    """All problems found, each a sentence naming the setting; [] when serve would start."""
    from gateway.config import setting_problems, transport_problems

    problems = setting_problems(settings) + transport_problems(settings)
    problems += _tls_problems(settings)
    problems += _file_problems(settings)
    problems += _directory_problems(settings)
    return problems


def _tls_problems(settings: Settings) -> list[str]:
    if not (settings.tls_cert_file and settings.tls_key_file):
        return []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(settings.tls_cert_file, settings.tls_key_file)
    except (OSError, ssl.SSLError) as error:
        return [f"tls_cert_file/tls_key_file: cannot load the certificate and key ({error})"]
    problems = []
    for name in ("tls_client_ca_file", "sink_ca_file"):
        path = getattr(settings, name)
        if path:
            try:
                ssl.create_default_context(cafile=path)
            except (OSError, ssl.SSLError) as error:
                problems.append(f"{name}: not a readable PEM CA bundle ({error})")
    return problems


def _file_problems(settings: Settings) -> list[str]:
    from gateway.config import ConfigError

    problems = []
    if settings.keys_file:
        from gateway.rpc.auth import load_keyring

        try:
            load_keyring(Path(settings.keys_file))
        except ConfigError as error:
            problems.append(f"keys_file: {error}")
    if settings.policy_file:
        from gateway.policy_file import load_policy_book

        try:
            load_policy_book(Path(settings.policy_file))
        except ConfigError as error:
            problems.append(f"policy_file: {error}")
    return problems


def _directory_problems(settings: Settings) -> list[str]:
    from gateway.config import store_url

    problems = []
    stores = [("ledger", store_url(settings.ledger_url, settings.ledger_file))]
    if settings.sink_address:
        stores.append(("outbox", store_url(settings.outbox_url, settings.outbox_file)))
    # A PostgreSQL store is checked by connecting at start-up; a file's directory here.
    files = [(f"{n}_path", where.location) for n, where in stores if where.kind == "sqlite"]
    if stores[0][1].kind == "postgresql" and not settings.ledger_key_file:
        problems.append(
            "ledger_key_file: required with a PostgreSQL ledger_url (every replica keys the"
            " consumer index with the same secret)"
        )
    for name, value in files:
        if not value:
            continue
        directory = Path(value).resolve().parent
        existing = next(p for p in (directory, *directory.parents) if p.exists())
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            problems.append(f"{name}: directory {directory} cannot be created or written")
    if settings.ledger_key_file:
        key_file = Path(settings.ledger_key_file)
        if not key_file.is_file():
            problems.append(f"ledger_key_file: {key_file} does not exist")
        else:
            from gateway.custody.consumer_index import ConsumerKeyError, load_or_create_secret

            try:
                load_or_create_secret(key_file)
            except ConsumerKeyError as error:
                problems.append(f"ledger_key_file: {error}")
    if settings.socket_path:
        directory = Path(settings.socket_path).resolve().parent
        if not directory.is_dir() or not os.access(directory, os.W_OK):
            problems.append(f"socket_path: directory {directory} does not exist or is not writable")
    return problems
