"""What a batch job was asked to do: BatchOptions, from command-line arguments, and its exit code.

Shared by ``leadgate redact`` and the spark-submit entry point; imports no runner
(run.py picks one), so a runner may import it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from gateway.batch.inputs import Format
from gateway.batch.job import PROFILE_SAMPLE
from gateway.batch.summary import BatchSummary

OnError = Literal["skip", "fail"]


@dataclass(frozen=True)
class BatchOptions:
    """What a ``leadgate redact`` run was asked to do."""

    inputs: tuple[str, ...]
    output: str = "-"
    input_format: Format | None = None
    owner: str = ""
    workers: int = 1
    on_error: OnError = "skip"
    dry_run: bool = False
    received_at: datetime | None = None
    progress: bool | None = None  # None: a bar on a terminal, plain lines otherwise
    remote: str = ""  # HOST:PORT of a gateway to redact through, instead of a local engine
    profile_sample: int = PROFILE_SAMPLE  # first records of each file profiled (0: none)


def add_job_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``leadgate redact`` and the spark-submit entry point share."""
    parser.add_argument(
        "--format", choices=("jsonl", "csv"), help="input format when names do not say"
    )
    parser.add_argument("--owner", default="", help="owner of records that name none (CSV)")
    parser.add_argument(
        "--on-error", choices=("skip", "fail"), default="skip", help="what a bad record does"
    )
    parser.add_argument("--report", type=Path, help="also write the summary as JSON here")
    parser.add_argument(
        "--dry-run", action="store_true", help="only report what would be removed (no values)"
    )
    parser.add_argument(
        "--received-at", help="ISO 8601 time to stamp as received_at (default: the job's start)"
    )
    parser.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy model package")
    parser.add_argument(
        "--profile-sample",
        type=int,
        default=PROFILE_SAMPLE,
        metavar="N",
        help="profile each file's first N records first: a column whose values are mostly "
        f"one sensitive kind is that kind in every row (default {PROFILE_SAMPLE}; 0: off)",
    )


def report_summary(summary: BatchSummary, report: Path | None) -> int:
    """Print the summary to stderr, write --report if asked; the job's exit code.

    0 when at least one record was written (bad ones are in the summary); 1, with
    a last line saying why, when nothing was: a job that produced nothing failed,
    as one stopped by --on-error fail or an error does (``leadgate redact``'s 1).
    """
    for line in summary.lines():
        print(line, file=sys.stderr)
    if report is not None:
        report.write_text(json.dumps(summary.to_json(), indent=2) + "\n")
    reason = summary.nothing_written()
    if reason:
        print(f"leadgate redact: nothing written: {reason}", file=sys.stderr)
        return 1
    return 0


def options_from_args(args: argparse.Namespace) -> BatchOptions:
    """Check and gather ``leadgate redact``'s options; ValueError names the bad one."""
    if args.workers < 1:
        raise ValueError("--workers must be at least 1")
    received_at = None
    if args.received_at:
        try:
            received_at = datetime.fromisoformat(args.received_at)
        except ValueError:
            raise ValueError("--received-at must be an ISO 8601 time") from None
        if received_at.tzinfo is None:
            received_at = received_at.replace(tzinfo=UTC)
    if args.remote and args.engine == "spark":
        raise ValueError("--remote and --engine spark are two different ways: pick one")
    if args.profile_sample < 0:
        raise ValueError("--profile-sample must be 0 (no profile) or more")
    return BatchOptions(
        inputs=tuple(args.inputs),
        output=args.output,
        input_format=args.format,
        owner=args.owner,
        workers=args.workers,
        on_error=args.on_error,
        dry_run=args.dry_run,
        received_at=received_at,
        progress=args.progress,
        remote=args.remote or "",
        profile_sample=args.profile_sample,
    )
