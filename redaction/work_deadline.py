"""A deadline for engine work: long work checks it and stops once it has passed.

The caller (the gateway, for a call with a deadline) sets it around an engine
call; the engine checks it at checkpoints between units of work (fields of a
lead, recognizers on a text, turns of a call). Without it a client that gave up
long ago would keep a worker busy, and the next calls would wait behind it.

    with within_deadline(time.monotonic() + 2.0):
        redactor.redact_lead(lead)          # raises WorkDeadlineExceeded once late

Pure: a context variable and ``time.monotonic``; no threads, no signals. Work is
never interrupted mid-step, only at a checkpoint, so a step must be short (every
recognizer and pass is linear in its input: see bench/linearity.py). Without a
deadline a checkpoint is one context-variable read.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from redaction.errors import WorkDeadlineExceeded

# When the work must stop, in ``clock()`` seconds; None: no deadline.
_expires_at: ContextVar[float | None] = ContextVar("leadgate_work_deadline", default=None)
# Read at each checkpoint that has a deadline to compare with (tests may replace it).
clock: Callable[[], float] = time.monotonic


@contextmanager
def within_deadline(expires_at: float | None) -> Iterator[None]:
    """Engine work inside stops at a checkpoint once ``clock()`` reaches ``expires_at``.

    ``expires_at`` is in ``time.monotonic()`` seconds; None sets no deadline of its
    own. Nested, the earlier deadline holds (an inner call cannot buy more time).
    """
    outer = _expires_at.get()
    if expires_at is None or (outer is not None and outer <= expires_at):
        expires_at = outer
    token = _expires_at.set(expires_at)
    try:
        yield
    finally:
        _expires_at.reset(token)


def check_deadline() -> None:
    """Raise ``WorkDeadlineExceeded`` when the current deadline has passed (else nothing)."""
    expires_at = _expires_at.get()
    if expires_at is not None and clock() >= expires_at:
        raise WorkDeadlineExceeded("the work deadline passed; the work was stopped")


def deadline() -> float | None:
    """The current deadline (``time.monotonic()`` seconds), or None."""
    return _expires_at.get()
