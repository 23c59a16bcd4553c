"""Progress of a batch job: a bar with records/s and ETA on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import IO, Never

from tqdm import tqdm

PLAIN_EVERY_S = 10.0


class Progress:
    """Feed it records done and bytes read; it draws or prints at a sane pace."""

    def __init__(
        self, total_bytes: int, stream: IO[str] | None = None, tty: bool | None = None
    ) -> None:
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty() if tty is None else tty
        self._quiet = tty is False and stream is None  # --no-progress: nothing at all
        self._total = total_bytes
        self._started = time.monotonic()
        self._last_plain = self._started
        self._last_draw = 0.0
        self._records = 0
        self._bar: tqdm[Never] | None = None
        if self._tty:
            self._bar = tqdm(
                total=total_bytes or None,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=self._stream,
                dynamic_ncols=True,
                desc="redacting",
            )

    def update(self, records: int, position: int) -> None:
        """``records`` done so far; ``position`` bytes of input read so far."""
        self._records = records
        now = time.monotonic()
        if now - self._last_draw < 0.2:
            return
        self._last_draw = now
        rate = records / max(now - self._started, 1e-9)
        if self._bar is not None:
            self._bar.n = position
            self._bar.set_postfix_str(f"{records} records, {rate:.0f} records/s", refresh=False)
            self._bar.refresh()
        elif not self._quiet and now - self._last_plain >= PLAIN_EVERY_S:
            self._last_plain = now
            print(self._plain_line(records, position, rate, now), file=self._stream, flush=True)

    def _plain_line(self, records: int, position: int, rate: float, now: float) -> str:
        line = f"progress: {records} records, {rate:.0f} records/s"
        if self._total and position:
            done = min(position / self._total, 1.0)
            eta = (now - self._started) * (1 - done) / done if done else 0.0
            line += f", {done:.0%} of input, ETA {eta:.0f} s"
        return line

    def close(self) -> None:
        """Finish the bar (the summary follows)."""
        if self._bar is not None:
            self._bar.close()
