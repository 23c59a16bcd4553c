"""Live calls' recording hints to the dialer sink, as they happen, without stalling a call.

A hint is worth something only now: a PAUSE that reaches the recorder a minute late
protects nothing. So hints do not go through the outbox (durable, retried for days);
they are sent at once, in order, by one task, and retried only for
``give_up_seconds``. A stream only puts a hint in a bounded queue and goes on: a
slow or absent sink never holds a live call back. A sink that answers UNIMPLEMENTED
(built before NoteRecordingHint) gets no more hints, and the gateway says so once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import grpc

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
        self._queue: asyncio.Queue[sink_pb.NoteRecordingHintRequest] = asyncio.Queue(max_waiting)
        self._task: asyncio.Task[None] | None = None
        self.unimplemented = False  # the sink has no NoteRecordingHint: send nothing more
        self.sent = 0
        self.dropped = 0

    def start(self) -> None:
        """Start sending (on the running event loop)."""
        self._task = asyncio.create_task(self._run(), name="leadgate-recording-hints")

    def note(self, call_id: str, owner: str, hint: pb.RecordingHint) -> None:
        """Queue one hint for the sink; never blocks (a full queue drops it, logged)."""
        if self.unimplemented:
            return
        decided_at = sink_pb.NoteRecordingHintRequest().decided_at
        decided_at.FromNanoseconds(time.time_ns())
        request = sink_pb.NoteRecordingHintRequest(
            call_id=call_id, owner=owner, hint=hint, decided_at=decided_at
        )
        try:
            self._queue.put_nowait(request)
        except asyncio.QueueFull:
            self.dropped += 1
            logger.warning(
                "recording hint dropped: the sink is too far behind",
                extra={"owner": owner, "sequence": hint.sequence, "waiting": self._queue.qsize()},
            )

    async def close(self, grace_seconds: float = 2.0) -> None:
        """Send what waits (stream-end RESUMEs among it) for up to ``grace_seconds``; stop."""
        if self._task is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), grace_seconds)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _run(self) -> None:
        while True:
            request = await self._queue.get()
            try:
                await self._send(request)
            finally:
                self._queue.task_done()

    async def _send(self, request: sink_pb.NoteRecordingHintRequest) -> None:
        """Send one hint, retrying a passing failure until ``give_up_seconds``."""
        if self.unimplemented:
            return
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + self._give_up
        backoff = 0.1
        while True:
            try:
                await self._stub.NoteRecordingHint(request, timeout=self._timeout)
                self.sent += 1
                return
            except grpc.aio.AioRpcError as error:
                code = error.code()
            if code is grpc.StatusCode.UNIMPLEMENTED:
                self.unimplemented = True
                logger.warning(
                    "the dialer sink has no NoteRecordingHint: recording hints are not sent to it"
                    " (they still go back on each StreamTranscript)"
                )
                return
            if code not in _PASSING or loop.time() + backoff > give_up_at:
                self.dropped += 1
                logger.warning(
                    "recording hint not delivered to the sink",
                    extra={
                        "owner": request.owner,
                        "sequence": request.hint.sequence,
                        "code": code.name,
                    },
                )
                return
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 1.0)
