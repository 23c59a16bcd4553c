"""``leadgate profile``: what each column of an owner's lead file holds (``gateway.batch``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import WithSettings

if TYPE_CHECKING:
    from gateway.config import Settings


def add_profile_command(commands: Any) -> None:
    """Add ``profile`` to the CLI's sub-commands."""
    profile = commands.add_parser(
        "profile", help="what each column of an owner's lead file holds; write its field map"
    )
    profile.add_argument("file", metavar="FILE", help="a lead file (JSONL, CSV, .gz ok), or -")
    profile.add_argument("--owner", required=True, help="whose leads (and whose policy)")
    profile.add_argument("--sample", type=int, default=1000, help="leads read (default 1000)")
    profile.add_argument(
        "--threshold",
        type=float,
        default=0.6,
        help="share of a column's values that maps it to their kind (default 0.6)",
    )
    profile.add_argument("--format", choices=("jsonl", "csv"), help="when the name does not say")
    profile.add_argument(
        "--write-policy",
        nargs="?",
        const="",
        metavar="PATH",
        help="add the field map to the owner's entry of this policy file (default: policy_file)",
    )
    profile.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy model package")
    profile.set_defaults(run=WithSettings(run_profile_command, logs=True))


def run_profile_command(args: argparse.Namespace, settings: Settings) -> int:
    """Print the profile (and edit the policy file if asked); 2 on a policy it cannot edit."""
    from gateway.batch.profile import ProfileRequest, run_profile
    from gateway.config import ConfigError

    write_policy = args.write_policy
    if write_policy == "":
        if not settings.policy_file:
            print(
                "leadgate profile: --write-policy needs a PATH (no policy_file is set)",
                file=sys.stderr,
            )
            return 2
        write_policy = settings.policy_file
    request = ProfileRequest(
        path=args.file,
        owner=args.owner,
        sample=args.sample,
        threshold=args.threshold,
        input_format=args.format,
        write_policy=Path(write_policy) if write_policy is not None else None,
    )
    try:
        return run_profile(settings, request)
    except BrokenPipeError:
        raise  # the reader went away: main ends quietly
    except (OSError, ValueError) as error:  # ConfigError too: a policy file it cannot edit
        print(f"leadgate profile: {error}", file=sys.stderr)
        return 2 if isinstance(error, ConfigError) else 1
