"""The ``leadgate`` command: the parser tree and the dispatch; each command is its own module.

Each module in ``gateway/cli/`` adds one sub-command and sets its ``run``, which
calls the work where it lives (``gateway.rpc``, ``gateway.batch``, ``gateway.custody``,
``gateway.reports``). Modules import that work only when their command runs, so
building the tree (``--help``) loads neither the engine, nor gRPC, nor matplotlib.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gateway.cli.arguments import CommandParser, Run, WithSettings
from gateway.cli.audit import add_audit_command
from gateway.cli.check_config import add_check_config_command
from gateway.cli.mute import add_mute_command
from gateway.cli.new_key import add_new_key_command
from gateway.cli.outbox import add_outbox_command
from gateway.cli.profile import add_profile_command
from gateway.cli.redact import add_redact_command
from gateway.cli.reencrypt import add_reencrypt_command
from gateway.cli.retention import add_retention_command
from gateway.cli.rights import add_rights_command
from gateway.cli.serve import add_serve_command
from gateway.logs import configure_logging

# What `leadgate --help` opens with: for the operator, not the developer (the docstring).
DESCRIPTION = """\
Strip sensitive personal data (SSNs, card numbers, health data, ...) from
client leads and call transcripts, and account for every record that passed.

Run the gRPC gateway (serve), redact files (redact), see what an owner's lead
file holds (profile), silence redacted stretches of a recording (mute);
answer a consumer's access or deletion request (rights), purge data past its
retention (retention sweep) and report to a client (audit). The commands that
destroy data only show what would go unless given --yes.
`leadgate COMMAND --help` tells more."""

# Exit status when the reader of our output went away (`leadgate audit | head`):
# 128 + SIGPIPE, what a shell reports for cat or grep there, so `set -o pipefail`
# sees the output was cut short rather than a success.
EXIT_BROKEN_PIPE = 141


# In `leadgate --help` order.
_COMMANDS = (
    add_serve_command,
    add_check_config_command,
    add_new_key_command,
    add_redact_command,
    add_profile_command,
    add_rights_command,
    add_retention_command,
    add_audit_command,
    add_reencrypt_command,
    add_outbox_command,
    add_mute_command,
)


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="leadgate",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", type=Path, help="TOML settings file (keys as in Settings)")
    commands = parser.add_subparsers(dest="command", required=True)
    for add_command in _COMMANDS:
        add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``leadgate`` console script.

    A reader that stops early (``| head``) ends the command quietly with
    ``EXIT_BROKEN_PIPE``, the Python docs' recipe: no traceback, no message.
    """
    try:
        code = _command(argv)
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE
    return code


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null, so the flush at exit does not fail a second time."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a test's capture: no file
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _command(argv: Sequence[str] | None) -> int:
    """Parse ``argv`` and run the command; its exit status.

    A configuration error (a setting, a key file, a policy file) is one line and
    exit status 2, whichever command met it.
    """
    args = _parser().parse_args(argv)
    command: Run | WithSettings = args.run
    if not isinstance(command, WithSettings):
        return command(args)  # mute, new-key: no settings, no engine
    from gateway.config import ConfigError, load_settings  # loads the engine: not for --help

    try:
        settings = load_settings(args.config, overrides=command.overrides(args))
        if command.logs:
            configure_logging(settings.log_level)
        return command.run(args, settings)
    except ConfigError as error:
        print(f"leadgate: {error}", file=sys.stderr)
        return 2
