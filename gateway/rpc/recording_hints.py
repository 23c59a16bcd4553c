"""Live calls' recording hints to the dialer sink, as they happen, without stalling a call.

A hint is worth something only now: a PAUSE that reaches the recorder a minute late
protects nothing. So hints do not go through the outbox (durable, retried for days);
they are sent at once, in order, by one task, and retried only for
``give_up_seconds``; a PAUSE older than that is dropped, a RESUME still sent. A
stream only puts a hint in a queue and goes on: a slow or absent sink never holds a
live call back. Hints may have gaps in their ``sequence`` (dropped ones). A sink
that answers UNIMPLEMENTED (built before NoteRecordingHint) gets no more hints, and
the gateway says so once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import dialer_sink_pb2_grpc as sink_grpc
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb

logger = logging.getLogger(__name__)

DEFAULT_MAX_WAITING = 10_000
# Worth retrying: the sink is away or busy for a moment.
_PASSING = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.ABORTED,
    }
)


class RecordingHintSender:
    """One task sends every call's hints to the sink, in the order they were decided."""

    def __init__(
        self,
        channel: grpc.aio.Channel,
        timeout_seconds: float = 2.0,
        give_up_seconds: float = 10.0,
        max_waiting: int = DEFAULT_MAX_WAITING,
    ) -> None:
        self._stub = sink_grpc.DialerSinkServiceStub(channel)
        self._timeout = timeout_seconds
        self._give_up = give_up_seconds
        # Unbounded: ``note`` bounds the PAUSEs itself and lets every RESUME in.
        self._queue: asyncio.Queue[tuple[float, sink_pb.NoteRecordingHintRequest]] = asyncio.Queue()
        self._max_waiting = max_waiting
        self._closed = False
        self._task: asyncio.Task[None] | None = None
        self.unimplemented = False  # the sink has no NoteRecordingHint: send nothing more
        self.sent = 0
        self.dropped = 0

    def start(self) -> None:
        """Start sending (on the running event loop)."""
        self._task = asyncio.create_task(self._run(), name="leadgate-recording-hints")

    def note(self, call_id: str, owner: str, hint: pb.RecordingHint) -> None:
        """Queue one hint for the sink; never blocks.

        A full queue drops a PAUSE (logged), never a RESUME: a lost RESUME would leave
        a recorder paused, and there is at most one RESUME for each PAUSE taken.
        """
        if self.unimplemented:
            return
        resume = hint.action == pb.RECORDING_ACTION_RESUME
        if self._closed or (not resume and self._queue.qsize() >= self._max_waiting):
            self._drop(owner, hint, "the sink is too far behind" if not self._closed else "closed")
            return
        decided_at = Timestamp()
        decided_at.FromNanoseconds(time.time_ns())
        request = sink_pb.NoteRecordingHintRequest(
            call_id=call_id, owner=owner, hint=hint, decided_at=decided_at
        )
        self._queue.put_nowait((asyncio.get_running_loop().time(), request))

    async def close(self, grace_seconds: float = 2.0) -> None:
        """Send what waits (stream-end RESUMEs among it) for up to ``grace_seconds``; stop."""
        self._closed = True
        if self._task is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), grace_seconds)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _run(self) -> None:
        while True:
            queued_at, request = await self._queue.get()
            try:
                await self._send(queued_at, request)
            except Exception as error:  # one hint's failure never stops the others'
                self._drop(request.owner, request.hint, type(error).__name__)
            finally:
                self._queue.task_done()

    async def _send(self, queued_at: float, request: sink_pb.NoteRecordingHintRequest) -> None:
        """Send one hint, retrying a passing failure until ``give_up_seconds`` after it came.

        A PAUSE that has waited that long is dropped unsent: the value it was for has
        been said. A RESUME is still sent, late, because a recorder left paused is worse.
        """
        if self.unimplemented:
            return
        loop = asyncio.get_running_loop()
        give_up_at = queued_at + self._give_up
        resume = request.hint.action == pb.RECORDING_ACTION_RESUME
        backoff = 0.1
        while True:
            left = give_up_at - loop.time()
            if left <= 0 and not resume:
                self._drop(request.owner, request.hint, "too late to be of use")
                return
            try:
                timeout = min(self._timeout, max(left, 0.1)) if not resume else self._timeout
                await self._stub.NoteRecordingHint(request, timeout=timeout)
                self.sent += 1
                return
            except grpc.aio.AioRpcError as error:
                code = error.code()
            if code is grpc.StatusCode.UNIMPLEMENTED:
                self.unimplemented = True
                logger.warning(
                    "the dialer sink has no NoteRecordingHint: recording hints are not sent to it"
                    " (they still go back on each StreamTranscript that asks for them)"
                )
                return
            if code not in _PASSING or loop.time() + backoff > give_up_at:
                self._drop(request.owner, request.hint, code.name)
                return
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 1.0)

    def _drop(self, owner: str, hint: pb.RecordingHint, why: str) -> None:
        self.dropped += 1
        logger.warning(
            "recording hint not delivered to the sink",
            extra={
                "owner": owner,
                "sequence": hint.sequence,
                "action": pb.RecordingAction.Name(hint.action),
                "why": why,
            },
        )
