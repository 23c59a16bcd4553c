"""``leadgate serve`` and ``leadgate redact``: argument parsing only."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from gateway.batch import BatchAbortedError, run_batch
from gateway.config import ConfigError, Settings, build_redactor, load_settings
from gateway.logs import configure_logging

logger = logging.getLogger("leadgate")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="leadgate", description=__doc__)
    parser.add_argument("--config", type=Path, help="TOML settings file (keys as in Settings)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="start the gRPC gateway")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind (default 50051; 0 picks one)")
    serve.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy model package")

    redact = commands.add_parser("redact", help="redact a JSONL file of leads and transcripts")
    redact.add_argument("input", help="input JSONL file, or - for stdin")
    redact.add_argument("-o", "--output", default="-", help="output JSONL file, or - for stdout")
    redact.add_argument(
        "--on-error", choices=("skip", "fail"), default="skip", help="what a bad line does"
    )
    redact.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy model package")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``leadgate`` console script."""
    args = _parser().parse_args(argv)
    overrides = {k: getattr(args, k, None) for k in ("host", "port", "spacy_model")}
    try:
        settings = load_settings(args.config, overrides=overrides)
    except ConfigError as error:
        print(f"leadgate: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    if args.command == "serve":
        try:
            asyncio.run(_serve(settings))
        except OSError as error:
            logger.error("cannot start: %s", error)
            return 1
        return 0
    return _redact(settings, args.input, args.output, args.on_error)


async def _serve(settings: Settings) -> None:
    from gateway.server import serve

    await serve(settings)


def _redact(settings: Settings, source: str, target: str, on_error: str) -> int:
    redactor = build_redactor(settings)
    try:
        summary = run_batch(redactor, source, target, "fail" if on_error == "fail" else "skip")
    except BatchAbortedError as error:
        print(f"leadgate redact: stopped at {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"leadgate redact: {error}", file=sys.stderr)
        return 1
    for line in summary.lines():
        print(line, file=sys.stderr)
    return 0
