"""The ``leadgate`` command: argument parsing only; each sub-command's work lives elsewhere.

serve, redact (batch), profile (a lead file's columns), mute (audio), check-config,
new-key, reencrypt (old-format encrypted values), and the ledger's rights (lookup,
delete), retention sweep and audit.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gateway.batch.options import add_job_arguments
from gateway.config import ConfigError, Settings, load_settings
from gateway.logs import configure_logging

logger = logging.getLogger("leadgate")

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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leadgate",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", type=Path, help="TOML settings file (keys as in Settings)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="start the gRPC gateway")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind (default 50051; 0 picks one)")
    serve.add_argument("--socket", dest="socket_path", help="listen on this Unix domain socket")
    serve.add_argument("--workers", type=int, help="gateway processes sharing the port (default 1)")
    serve.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy model package")
    serve.add_argument(
        "--share-port",
        dest="share_port",
        action="store_true",
        default=None,
        help="join a port another gateway already serves (a rolling restart); else refuse",
    )
    serve.add_argument(
        "--insecure",
        action="store_true",
        default=None,
        help="allow plain text and local mode on a non-loopback address (logged as a warning)",
    )

    commands.add_parser(
        "check-config", help="validate the settings, keys, policy and TLS files; explain problems"
    )
    commands.add_parser("new-key", help="print a new API key and the line for the keys file")

    redact = commands.add_parser(
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

    from gateway.cli.ledger import add_ledger_commands

    add_ledger_commands(commands)

    from gateway.cli.reencrypt import add_reencrypt_command

    add_reencrypt_command(commands)

    from gateway.cli.outbox import add_outbox_commands

    add_outbox_commands(commands)

    mute = commands.add_parser("mute", help="silence redacted stretches of a call recording")
    mute.add_argument("audio", type=Path, help="the call's WAV recording")
    where = mute.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--intervals", type=Path, metavar="REDACTED.jsonl", help="redact output with mute_intervals"
    )
    where.add_argument(
        "--interval",
        action="append",
        metavar="START_MS:END_MS",
        help="a stretch to silence, by hand; repeatable",
    )
    mute.add_argument("--call-id", dest="call_id", help="the call's id in --intervals")
    mute.add_argument("-o", "--output", type=Path, required=True, help="muted WAV file to write")
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
    """Parse ``argv`` and run the command; its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "mute":  # no settings, no engine: it only edits audio
        return _mute(args.audio, args.output, args.intervals, args.call_id, args.interval)
    if args.command == "new-key":
        return _new_key()
    overrides = {
        k: getattr(args, k, None)
        for k in ("host", "port", "spacy_model", "socket_path", "workers", "share_port")
        if args.command == "serve" or k not in ("workers", "share_port")
    }
    overrides["allow_insecure"] = getattr(args, "insecure", None)
    try:
        settings = load_settings(args.config, overrides=overrides)
    except ConfigError as error:
        print(f"leadgate: {error}", file=sys.stderr)
        return 2
    if args.command == "check-config":
        return _check_config(settings, args.config)
    if args.command in ("rights", "retention", "audit"):
        return _ledger(settings, args)
    if args.command == "reencrypt":  # no engine: the owner's key, from the policy file
        from gateway.cli.reencrypt import run_reencrypt

        return run_reencrypt(settings, args)
    if args.command == "outbox":  # no engine: it reads and moves the outbox's rows
        from gateway.cli.outbox import run_outbox_command

        return run_outbox_command(settings, args)
    configure_logging(settings.log_level)
    try:
        if args.command == "serve":
            if settings.metrics_port:  # before anything starts: a busy port is one line
                from gateway.rpc.metrics import check_http_port

                check_http_port(settings.metrics_host, settings.metrics_port)
            if settings.workers > 1:
                return _serve_workers(settings)
            asyncio.run(_serve(settings))
            return 0
        if args.command == "profile":
            return _profile(settings, args)
        return _redact(settings, args)
    except ConfigError as error:  # e.g. an invalid policy file: refuse to start, say which key
        print(f"leadgate: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # the reader went away: main ends quietly
    except OSError as error:
        logger.error("cannot start: %s", error)
        return 1


async def _serve(settings: Settings) -> None:
    from gateway.rpc.server import serve

    await serve(settings)


def _serve_workers(settings: Settings) -> int:
    from gateway.rpc.supervisor import run_supervisor

    return run_supervisor(settings)


def _ledger(settings: Settings, args: argparse.Namespace) -> int:
    from gateway.cli.ledger import run_ledger_command

    try:
        return run_ledger_command(settings, args)
    except ConfigError as error:  # e.g. a malformed ledger key file
        print(f"leadgate: {error}", file=sys.stderr)
        return 2


def _redact(settings: Settings, args: argparse.Namespace) -> int:
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


def _profile(settings: Settings, args: argparse.Namespace) -> int:
    from gateway.batch.profile import ProfileRequest, run_profile

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


def _mute(
    audio: Path,
    output: Path,
    jsonl: Path | None,
    call_id: str | None,
    manual: Sequence[str] | None,
) -> int:
    from gateway.wav_mute import call_intervals, mute_wav, parse_interval

    try:
        if jsonl is None:
            intervals = [parse_interval(text) for text in manual or ()]
        else:
            if call_id is None:
                raise ValueError("--call-id is required with --intervals")
            intervals = call_intervals(jsonl, call_id)  # refuses a call it cannot mute
        silenced = mute_wav(audio, output, intervals)
    except ValueError as error:
        print(f"leadgate mute: {error}", file=sys.stderr)
        return 1
    print(f"silenced {silenced} samples in {len(intervals)} intervals", file=sys.stderr)
    return 0


def _new_key() -> int:
    from gateway.rpc.auth import new_key

    key, digest = new_key()
    print(f"API key (give it to the caller; it is not stored): {key}")
    print(f'keys file line: key_sha256 = "{digest}"')
    return 0


def _check_config(settings: Settings, config_file: Path | None) -> int:
    from gateway.cli.check_config import check_config

    problems = check_config(settings)
    source = str(config_file) if config_file else "defaults and environment"
    if problems:
        print(f"leadgate check-config: {len(problems)} problem(s) in {source}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    print(f"leadgate check-config: {source} is valid")
    return 0
