"""``spark-submit gateway/batch/spark/__main__.py INPUT... -o DIR``: ``leadgate redact`` on Spark.

Also ``python -m gateway.batch.spark``. The options are ``leadgate redact``'s own
(options.py), less those that have no meaning on Spark. The project's modules are
imported inside the functions: run as a script, this file's directory must first
leave ``sys.path`` (see the end).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    from gateway.batch.options import add_job_arguments

    parser = argparse.ArgumentParser(
        prog="spark-submit gateway/batch/spark/__main__.py",
        description="leadgate redact on Spark: files of leads (JSONL, CSV) and transcripts "
        "(JSONL) in, a directory of redacted JSONL part files out",
    )
    parser.add_argument("--config", type=Path, help="TOML settings file (keys as in Settings)")
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files or directories (.gz ok), or URIs"
    )
    parser.add_argument("-o", "--output", required=True, help="output directory (must not exist)")
    add_job_arguments(parser)
    parser.add_argument(
        "--spark-master", help="Spark master URL (default: spark-submit's --master, or local[*])"
    )
    # What options_from_args reads that has no meaning here.
    parser.set_defaults(workers=1, remote=None, engine="spark", progress=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """``leadgate redact`` on Spark; the exit code."""
    from gateway.batch.loop import BatchAbortedError
    from gateway.batch.options import options_from_args, report_summary
    from gateway.batch.run import run_batch
    from gateway.config import ConfigError, load_settings

    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config, overrides={"spacy_model": args.spacy_model})
    except ConfigError as error:
        print(f"leadgate redact: {error}", file=sys.stderr)
        return 2
    try:
        options = options_from_args(args)
        summary = run_batch(settings, options, "spark", args.spark_master)
    except BatchAbortedError as error:
        print(f"leadgate redact: stopped at {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"leadgate redact: {error}", file=sys.stderr)
        return 1
    return report_summary(summary, args.report)


if __name__ == "__main__":
    # Run as a script (spark-submit), this file's directory is first on sys.path, where
    # driver.py, session.py ... would shadow top-level modules of those names: drop it.
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
    sys.exit(main())
