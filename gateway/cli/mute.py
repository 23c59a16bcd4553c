"""``leadgate mute``: silence redacted stretches of a call recording (``gateway.wav_mute``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_mute_command(commands: Any) -> None:
    """Add ``mute`` to the CLI's sub-commands."""
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
    mute.set_defaults(run=run_mute)


def run_mute(args: argparse.Namespace) -> int:
    """Write the muted copy; 1 on a bad interval or a call it cannot mute. No settings read."""
    from gateway.wav_mute import call_intervals, mute_wav, parse_interval

    try:
        if args.intervals is None:
            intervals = [parse_interval(text) for text in args.interval or ()]
        else:
            if args.call_id is None:
                raise ValueError("--call-id is required with --intervals")
            intervals = call_intervals(args.intervals, args.call_id)  # refuses what it cannot mute
        silenced = mute_wav(args.audio, args.output, intervals)
    except ValueError as error:
        print(f"leadgate mute: {error}", file=sys.stderr)
        return 1
    print(f"silenced {silenced} samples in {len(intervals)} intervals", file=sys.stderr)
    return 0
