"""``leadgate redact``: redact files of leads and transcripts (``gateway.batch``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway.cli.arguments import CommandParser, WithSettings

if TYPE_CHECKING:
    from gateway.config import Settings


def add_redact_command(commands: Any) -> None:
    """Add ``redact`` to the CLI's sub-commands; the job's own options come when it runs."""
    redact: CommandParser = commands.add_parser(
        "redact", help="redact files of leads (JSONL, CSV) and transcripts (JSONL)"
    )
    redact.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files or directories (.gz ok), or - for stdin"
    )
    redact.add_argument(
        "-o",
        "--output",
        default="-",
        help="output file (.jsonl, .csv, .gz), a directory (one file per input), or - (stdout)",
    )
    redact.defer(_add_job_arguments)
    redact.set_defaults(run=WithSettings(run_redact, logs=True))


def _add_job_arguments(redact: argparse.ArgumentParser) -> None:
    """The options shared with the spark-submit entry point, then the local run's own."""
    from gateway.batch.options import add_job_arguments

    add_job_arguments(redact)
    redact.add_argument(
        "--workers", type=int, default=1, help="worker processes, each with its own engine"
    )
    redact.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on a terminal; plain lines otherwise)",
    )
    redact.add_argument(
        "--engine", choices=("local", "spark"), default="local", help="where records are redacted"
    )
    redact.add_argument("--spark-master", help="Spark master URL (default: local[*])")
    redact.add_argument("--remote", metavar="HOST:PORT", help="redact through a running gateway")
    redact.add_argument(
        "--remote-ca", type=Path, help="CA certificate of a --remote gateway using TLS"
    )


def run_redact(args: argparse.Namespace, settings: Settings) -> int:
    """Run the job; 0 when something was written, 1 when it stopped or wrote nothing."""
    from gateway.batch import BatchAbortedError, run_batch
    from gateway.batch.options import options_from_args, report_summary

    try:
        options = options_from_args(args)
        summary = run_batch(settings, options, args.engine, args.spark_master, args.remote_ca)
    except BatchAbortedError as error:
        print(f"leadgate redact: stopped at {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # the reader went away: main ends quietly
    except (OSError, ValueError) as error:
        print(f"leadgate redact: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # e.g. Spark could not start; its text may quote input
        print(f"leadgate redact: the job failed ({type(error).__name__})", file=sys.stderr)
        return 1
    return report_summary(summary, args.report)
