"""``leadgate reencrypt``: rewrite one owner's old-format encrypted values as v2 tokens.

    leadgate reencrypt --owner acme --entity-type US_SSN < old.txt > new.txt

One value a line, in, one token a line, out, in the same order (blank lines
stay blank). Old values (Presidio AES-CBC) are re-encrypted with AES-SIV as
``<US_SSN:v2:...>``; current tokens are checked and copied. All or nothing: on
any value that does not open with the owner's key, nothing is written and the
error names its line, never the value. Needs the policy file and the owner's key.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings

if TYPE_CHECKING:
    from gateway.config import Settings
    from redaction import RedactionPolicy

PROG = "leadgate reencrypt"


def add_reencrypt_command(commands: Any) -> None:
    """Add ``reencrypt`` to the CLI's sub-commands."""
    parser = commands.add_parser(
        "reencrypt", help="rewrite an owner's old-format encrypted values (stdin) as v2 tokens"
    )
    parser.add_argument("--owner", required=True, help="whose values (its policy names its key)")
    parser.add_argument(
        "--entity-type",
        dest="entity_type",
        required=True,
        help="what the values hold (US_SSN, ...): old values do not say, v2 tokens do",
    )
    parser.set_defaults(run=WithSettings(run_reencrypt))


def run_reencrypt(args: argparse.Namespace, settings: Settings) -> int:
    """Read stdin, write stdout; 0 done, 1 a value refused, 2 no policy or owner."""
    from gateway.config import ConfigError
    from redaction import InvalidRecordError, migrate_encrypted

    try:
        policy = _owner_policy(settings, args.owner)
        migrate_encrypted(policy, [], args.entity_type)  # checks key and type up front
    except (ConfigError, InvalidRecordError) as error:
        text = error.message if isinstance(error, InvalidRecordError) else str(error)
        print(f"{PROG}: {text}", file=sys.stderr)
        return 2
    lines = [line.strip() for line in sys.stdin.read().splitlines()]
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(migrate_encrypted(policy, [line], args.entity_type)[0] if line else "")
        except InvalidRecordError as error:
            description = error.violations[0].description if error.violations else "refused"
            print(f"{PROG}: line {number}: {description}; nothing written", file=sys.stderr)
            return 1
    sys.stdout.write("".join(f"{token}\n" for token in out))
    changed = sum(old != new for old, new in zip(lines, out, strict=True))
    kept = sum(bool(line) for line in lines) - changed
    print(f"{PROG}: {changed} re-encrypted, {kept} already current", file=sys.stderr)
    return 0


def _owner_policy(settings: Settings, owner: str) -> RedactionPolicy:
    from gateway.config import ConfigError
    from gateway.policy_file import load_policy_book

    if not settings.policy_file:
        raise ConfigError("no policy_file is set: the owner's key is named there")
    book = load_policy_book(Path(settings.policy_file))
    if owner not in book.owners:
        raise ConfigError(f"the policy file has no section for owner {owner!r}")
    return book.owners[owner]
