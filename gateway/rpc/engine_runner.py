"""The engine's worker thread, behind load shedding and two clocks.

Engine work runs off the event loop so the gateway keeps serving while a record is
redacted. Two clocks bound that work: the caller's gRPC deadline and the server's own
``max_engine_seconds``; the engine stops at its next checkpoint once either passes.
A queue the engine cannot drain only turns every call into a late one, so past
``max_pending_calls`` waiting calls new work is refused at once (``admit``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import grpc

from gateway.errors import DeadlineExceededError, EngineTimeLimitError, ServerBusyError
from redaction import WorkDeadlineExceeded, within_deadline

T = TypeVar("T")


class EngineRunner:
    """Runs engine work on the engine thread for one servicer; counts the calls waiting."""

    def __init__(
        self, executor: ThreadPoolExecutor, max_engine_seconds: float, max_pending_calls: int
    ) -> None:
        self.executor = executor
        self._max_engine_seconds = max_engine_seconds
        self._max_pending_calls = max_pending_calls
        self.pending_calls = 0

    def admit(self) -> None:
        """Refuse new work at once when the engine is this far behind (load shedding)."""
        if self.pending_calls >= self._max_pending_calls:
            raise ServerBusyError(
                f"{self.pending_calls} calls are waiting for the engine; retry with backoff"
            )

    async def run(self, context: grpc.aio.ServicerContext, work: Callable[[], T]) -> T:
        """Run ``work`` on the engine thread, unless the caller's deadline passes first.

        The deadline is checked again when the work reaches the thread, so calls that
        expired while queued behind others are not redacted for nobody, and the engine
        stops at its next checkpoint once the deadline (or ``max_engine_seconds``) passes.
        """
        remaining = context.time_remaining()
        expires = None if remaining is None else time.monotonic() + remaining
        check_call_deadline(context)
        self.pending_calls += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self.executor, self._guarded, work, expires
            )
        finally:
            self.pending_calls -= 1

    def _guarded(self, work: Callable[[], T], expires: float | None) -> T:
        """``work`` under the nearer of the two clocks, each failure said as its own error."""
        now = time.monotonic()
        if expires is not None and now >= expires:
            raise DeadlineExceededError("the call's deadline passed before the work was done")
        cap = now + self._max_engine_seconds
        try:
            with within_deadline(cap if expires is None else min(cap, expires)):
                return work()
        except WorkDeadlineExceeded:
            if expires is not None and time.monotonic() >= expires:
                raise DeadlineExceededError(
                    "the call's deadline passed; the engine stopped its work"
                ) from None
            raise EngineTimeLimitError(
                f"the engine worked {self._max_engine_seconds:g} s on this call"
                " (max_engine_seconds) and stopped; send smaller records"
            ) from None


def check_call_deadline(context: grpc.aio.ServicerContext) -> None:
    """Raise DeadlineExceededError when the caller's deadline has already passed."""
    remaining = context.time_remaining()
    if remaining is not None and remaining <= 0:
        raise DeadlineExceededError("the call's deadline passed before the work was done")
