"""The engine thread's two clocks and load shedding, without a server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import cast

import grpc
import pytest

from gateway.errors import DeadlineExceededError, EngineTimeLimitError, ServerBusyError
from gateway.rpc.engine_runner import EngineRunner
from redaction import check_deadline


class _Call:
    """A servicer context that only knows its deadline."""

    def __init__(self, remaining: float | None) -> None:
        self._remaining = remaining

    def time_remaining(self) -> float | None:
        return self._remaining


def _context(remaining: float | None) -> grpc.aio.ServicerContext:
    return cast(grpc.aio.ServicerContext, _Call(remaining))


def _spin() -> None:
    """Engine work that reaches a checkpoint every millisecond, forever."""
    while True:
        check_deadline()
        time.sleep(0.001)


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool


async def test_when_work_fits_then_its_result_and_no_call_left_pending(
    executor: ThreadPoolExecutor,
) -> None:
    runner = EngineRunner(executor, max_engine_seconds=5, max_pending_calls=1)
    assert await runner.run(_context(5), lambda: 42) == 42
    assert runner.pending_calls == 0


async def test_when_queue_at_its_limit_then_admit_refuses_with_backoff_advice(
    executor: ThreadPoolExecutor,
) -> None:
    runner = EngineRunner(executor, max_engine_seconds=5, max_pending_calls=1)
    busy = executor.submit(time.sleep, 0.3)
    queued = asyncio.ensure_future(runner.run(_context(None), lambda: "done"))
    await asyncio.sleep(0.05)
    with pytest.raises(ServerBusyError, match="retry with backoff"):
        runner.admit()
    assert await queued == "done"
    await asyncio.wrap_future(busy)
    runner.admit()  # drained


@pytest.mark.parametrize(
    "remaining, max_engine_seconds, raised, words",
    [
        (0.0, 5.0, DeadlineExceededError, "deadline passed before"),  # already late
        (0.1, 5.0, DeadlineExceededError, "engine stopped its work"),  # late while working
        (None, 0.1, EngineTimeLimitError, "max_engine_seconds"),  # the server's own cap
        (5.0, 0.1, EngineTimeLimitError, "max_engine_seconds"),  # the cap comes first
    ],
)
async def test_when_a_clock_passes_then_the_work_stops_with_that_clocks_error(
    executor: ThreadPoolExecutor,
    remaining: float | None,
    max_engine_seconds: float,
    raised: type[Exception],
    words: str,
) -> None:
    runner = EngineRunner(executor, max_engine_seconds, max_pending_calls=4)
    with pytest.raises(raised, match=words):
        await asyncio.wait_for(runner.run(_context(remaining), _spin), timeout=5)
    assert runner.pending_calls == 0


async def test_when_deadline_passes_while_queued_then_work_never_runs(
    executor: ThreadPoolExecutor,
) -> None:
    runner = EngineRunner(executor, max_engine_seconds=5, max_pending_calls=4)
    ran: list[str] = []
    busy = executor.submit(time.sleep, 0.3)
    with pytest.raises(DeadlineExceededError, match="before the work was done"):
        await runner.run(_context(0.1), lambda: ran.append("redacted"))
    await asyncio.wrap_future(busy)
    assert ran == []
