"""Silence the redacted stretches of a call recording (PCI DSS: no card data in recordings).

The engine says which milliseconds carry removed values (``mute_intervals`` in
a redacted transcript); this module writes a copy of the recording with those
samples set to zero. It does file I/O, so it lives at the edge, not in
``redaction``. Every problem surfaces as a ValueError with a one-line message.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeGuard

import numpy as np
import soundfile as sf

# Frames read and written at a time: recordings can be hours long.
_BLOCK_FRAMES = 1 << 16

# Read each subtype in a dtype that writes back bit-exact, so unmuted audio is untouched.
_DTYPES = {
    "PCM_S8": "int16",
    "PCM_U8": "int16",
    "PCM_16": "int16",
    "ULAW": "int16",
    "ALAW": "int16",
    "FLOAT": "float32",
    "DOUBLE": "float64",
}


def parse_interval(text: str) -> tuple[int, int]:
    """``"START_MS:END_MS"`` as a pair of ints; ValueError naming the bad text."""
    start, sep, end = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(start), int(end)
    except ValueError:
        raise ValueError(f"bad interval {text!r}: expected START_MS:END_MS") from None


def mute_wav(source: Path, target: Path, intervals: Sequence[tuple[int, int]]) -> int:
    """Copy ``source`` to ``target`` with the millisecond ``intervals`` set to zero.

    All channels are silenced. Sample rate, channels, format and subtype are
    kept; PCM and float audio outside the intervals is copied bit-exact
    (ADPCM-style subtypes are re-encoded). Bounds round outwards to whole
    samples, so nothing at an edge survives; parts past the end of the file
    are clipped. Returns the number of sample frames silenced (one frame is
    one sample on every channel), overlaps counted once.

    Raises ValueError for a negative or inverted interval, an unreadable
    source, an unwritable target, or ``target`` being ``source``. The target
    is written to a side file and moved into place, so a failure leaves no
    half-muted copy.
    """
    for start, end in intervals:
        if start < 0 or end < start:
            raise ValueError(f"interval {start}:{end} ms is negative or inverted")
    if source.resolve() == target.resolve():
        raise ValueError(f"output {target} would overwrite the input")
    try:
        reader = sf.SoundFile(str(source))
    except (sf.SoundFileError, OSError) as error:
        raise ValueError(f"cannot read audio {source}: {_reason(error)}") from None

    partial = target.with_name(f".{target.name}.part")
    with reader:
        rate = int(reader.samplerate)
        frames = _frame_ranges(intervals, rate, int(reader.frames))
        try:
            writer = sf.SoundFile(
                str(partial),
                "w",
                samplerate=rate,
                channels=reader.channels,
                subtype=reader.subtype,
                endian=reader.endian,
                format=reader.format,
            )
        except (sf.SoundFileError, OSError) as error:
            raise ValueError(f"cannot write {target}: {_reason(error)}") from None
        try:
            with writer:
                _copy_muted(reader, writer, str(reader.subtype), frames)
            os.replace(partial, target)
        except (sf.SoundFileError, OSError) as error:
            partial.unlink(missing_ok=True)
            raise ValueError(f"cannot mute {source} into {target}: {_reason(error)}") from None
    return sum(end - start for start, end in frames)


def _frame_ranges(
    intervals: Sequence[tuple[int, int]], rate: int, length: int
) -> list[tuple[int, int]]:
    """Sorted, merged frame ranges [start, end), rounded outwards and clipped to the file."""
    ranges = sorted(
        (min(length, start_ms * rate // 1000), min(length, math.ceil(end_ms * rate / 1000)))
        for start_ms, end_ms in intervals
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _copy_muted(reader: Any, writer: Any, subtype: str, frames: Sequence[tuple[int, int]]) -> None:
    """Stream ``reader`` into ``writer`` block by block, zeroing ``frames``."""
    dtype = _DTYPES.get(subtype, "int32")
    offset = 0
    while True:
        block: np.ndarray[Any, Any] = reader.read(_BLOCK_FRAMES, dtype=dtype, always_2d=True)
        if len(block) == 0:
            break
        for start, end in frames:
            low, high = max(start, offset), min(end, offset + len(block))
            if low < high:
                block[low - offset : high - offset, :] = 0
        writer.write(block)
        offset += len(block)


def _reason(error: BaseException) -> str:
    """The library's message on one line (libsndfile's can span several)."""
    return " ".join(str(error).split()) or type(error).__name__


def intervals_from_jsonl(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Call id -> its sorted ``(start_ms, end_ms)`` mute intervals, from a redacted JSONL file.

    Every record with an ``"id"`` gets an entry, empty when it has no
    ``"mute_intervals"``, so "nothing to silence" and "unknown call" differ.
    A bad line raises ValueError naming its number, never its content (it may
    hold personal data).
    """
    table: dict[str, list[tuple[int, int]]] = {}
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    _read_record(line, f"{path} line {number}", table)
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read {path}: {_reason(error)}") from None
    return {call_id: sorted(intervals) for call_id, intervals in table.items()}


def _read_record(line: str, where: str, table: dict[str, list[tuple[int, int]]]) -> None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        raise ValueError(f"{where}: not valid JSON") from None
    if not isinstance(record, dict):
        raise ValueError(f"{where}: not a JSON object")
    call_id = record.get("id")
    raw = record.get("mute_intervals", [])
    if not isinstance(call_id, str):
        if raw:
            raise ValueError(f"{where}: mute_intervals without a string id")
        return
    if not isinstance(raw, list):
        raise ValueError(f"{where}: mute_intervals is not a list")
    intervals = table.setdefault(call_id, [])
    for item in raw:
        start = item.get("start_ms") if isinstance(item, dict) else None
        end = item.get("end_ms") if isinstance(item, dict) else None
        if not (_is_int(start) and _is_int(end)):
            raise ValueError(f"{where}: each mute interval needs integer start_ms and end_ms")
        intervals.append((start, end))


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
