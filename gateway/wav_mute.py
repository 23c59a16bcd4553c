"""Silence the redacted stretches of a call recording (PCI DSS: no card data in recordings).

The engine says which milliseconds carry removed values (``mute_intervals`` in
a redacted transcript); this module writes a copy of the recording with those
samples set to zero. It does file I/O, so it lives at the edge, not in
``redaction``. Every problem surfaces as a ValueError with a one-line message.

Read from a redacted record, the intervals are checked against its findings:
a segment that lost a value but has no interval had no word timings, and the
call is refused rather than copied unmuted; and the engine's intervals are one
per word, so the pauses inside a value said word by word ("one two three ...")
are closed, leaving audible only what lies between separate values.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import numpy as np
import soundfile as sf

# Frames read and written at a time: recordings can be hours long.
_BLOCK_FRAMES = 1 << 16
# Removed spans of a segment closer than this (", ") have no kept word between them.
_MIN_KEPT_CHARS = 3

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


@dataclass(frozen=True)
class CallAudio:
    """What a call's redacted record says about its recording."""

    intervals: list[tuple[int, int]]  # (start_ms, end_ms) to silence, sorted
    untimed: tuple[int, ...] = ()  # segments that lost a value but had no word timings


@dataclass
class _Call:
    """A call's intervals and removed spans, by segment, as its lines are read."""

    intervals: dict[int | None, list[tuple[int, int]]] = field(default_factory=dict)
    removed: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    described: bool = False  # the record listed its findings

    def audio(self) -> CallAudio:
        closed: list[tuple[int, int]] = []
        for segment, raw in self.intervals.items():
            spans = self.removed.get(segment, []) if segment is not None else []
            closed += _close_pauses(raw, _values(spans)) if self.described else raw
        untimed = tuple(sorted(s for s in self.removed if s not in self.intervals))
        return CallAudio(sorted(closed), untimed)


def call_intervals(path: Path, call_id: str) -> list[tuple[int, int]]:
    """The stretches of call ``call_id`` to silence, from a redacted JSONL file.

    ValueError for an unknown call, and for a call that lost a value in a
    segment without word timings: nothing says where that value is in the
    recording, and a copy muted elsewhere would pass for a clean one.
    """
    calls = intervals_from_jsonl(path)
    if call_id not in calls:
        raise ValueError(f"no call with id {call_id!r} in {path}")
    audio = calls[call_id]
    if audio.untimed:
        which = ", ".join(str(s) for s in audio.untimed)
        plural = "s" if len(audio.untimed) > 1 else ""
        raise ValueError(
            f"call {call_id!r} has no word timings in segment{plural} {which}, which lost"
            " values: nothing says where to silence them; redact the call with word timings"
            " (segments' words), or give the stretches with --interval"
        )
    return audio.intervals


def intervals_from_jsonl(path: Path) -> dict[str, CallAudio]:
    """Call id -> what to silence in its recording, from a redacted JSONL file.

    Every record with an ``"id"`` gets an entry, with no intervals when it has
    no ``"mute_intervals"``, so "nothing to silence" and "unknown call" differ.
    With the record's ``"findings"``, a segment's intervals are joined into one
    stretch per removed value (see ``_close_pauses``), and segments that lost a
    value without any interval are listed as ``untimed``. A bad line raises
    ValueError naming its number, never its content (it may hold personal data).
    """
    table: dict[str, _Call] = {}
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    _read_record(line, f"{path} line {number}", table)
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read {path}: {_reason(error)}") from None
    return {call_id: call.audio() for call_id, call in table.items()}


def _read_record(line: str, where: str, table: dict[str, _Call]) -> None:
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
    call = table.setdefault(call_id, _Call())
    for item in raw:
        start = item.get("start_ms") if isinstance(item, dict) else None
        end = item.get("end_ms") if isinstance(item, dict) else None
        if not (_is_int(start) and _is_int(end)):
            raise ValueError(f"{where}: each mute interval needs integer start_ms and end_ms")
        segment = item.get("segment")
        call.intervals.setdefault(segment if _is_int(segment) else None, []).append((start, end))
    if "findings" in record:
        call.described = True
        _read_findings(record["findings"], where, call)


def _read_findings(findings: object, where: str, call: _Call) -> None:
    """Note the spans each segment lost (a lead's findings name a field: skipped)."""
    if not isinstance(findings, list):
        raise ValueError(f"{where}: findings is not a list")
    for finding in findings:
        if not isinstance(finding, dict):
            raise ValueError(f"{where}: each finding must be a JSON object")
        segment = finding.get("segment")
        if not _is_int(segment) or finding.get("action") == "KEPT":
            continue
        start, end = finding.get("start"), finding.get("end")
        if not (_is_int(start) and _is_int(end)):
            raise ValueError(f"{where}: each segment finding needs integer start and end")
        call.removed.setdefault(segment, []).append((start, end))


def _values(spans: Sequence[tuple[int, int]]) -> int:
    """How many separate values a segment lost: spans with kept words between them."""
    count, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start - reach >= _MIN_KEPT_CHARS:
            count += 1
        reach = end if reach is None else max(reach, end)
    return count


def _close_pauses(intervals: Sequence[tuple[int, int]], values: int) -> list[tuple[int, int]]:
    """One segment's word intervals joined into ``values`` stretches, pauses included.

    Exact for one value. For several, the kept words between them are taken to
    lie in the widest pauses, which stay audible; should that guess be wrong, a
    kept word is silenced and a pause left audible, never a removed word.
    """
    merged = _merged(intervals)
    if values == 0 or len(merged) <= values:
        return merged
    pauses = range(len(merged) - 1)
    widest = sorted(pauses, key=lambda i: merged[i + 1][0] - merged[i][1], reverse=True)
    kept = set(widest[: values - 1])
    stretches = [merged[0]]
    for index in pauses:
        following = merged[index + 1]
        if index in kept:
            stretches.append(following)
        else:
            stretches[-1] = (stretches[-1][0], following[1])
    return stretches


def _merged(intervals: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping and touching intervals merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
