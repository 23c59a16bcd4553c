"""How many live calls are open, in total and per caller, so one dialer cannot take all."""

from __future__ import annotations

from collections import Counter

from prometheus_client import Gauge

from gateway.errors import TooManyStreamsError


class StreamSlots:
    """Open StreamTranscript calls; ``take`` refuses past the total or the caller's share."""

    def __init__(self, total: int, per_caller: int, gauge: Gauge) -> None:
        """``per_caller`` 0: no share below the total. ``gauge`` shows the open count."""
        self._total = total
        self._per_caller = per_caller
        self._gauge = gauge
        self._by_caller: Counter[str] = Counter()
        self.active = 0

    def take(self, caller: str) -> str:
        """Count a new stream for ``caller`` and return it, or raise TooManyStreamsError."""
        if self.active >= self._total:
            raise TooManyStreamsError(
                f"{self._total} streams are already open (max_concurrent_streams); retry later"
            )
        if self._per_caller and self._by_caller[caller] >= self._per_caller:
            raise TooManyStreamsError(
                f"this caller already has {self._per_caller} streams open"
                " (max_streams_per_caller); end one or retry later"
            )
        self._by_caller[caller] += 1
        self._set_active(+1)
        return caller

    def give_back(self, caller: str) -> None:
        """The caller's stream ended (however it ended)."""
        self._by_caller[caller] -= 1
        if not self._by_caller[caller]:
            del self._by_caller[caller]
        self._set_active(-1)

    def _set_active(self, delta: int) -> None:
        self.active += delta
        self._gauge.set(self.active)
