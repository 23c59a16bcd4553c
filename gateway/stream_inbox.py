"""Reads a StreamTranscript request stream with a hold timeout, without losing messages.

Waiting on the request iterator with a timeout would cancel the read and close
the stream, so a reader task moves messages into a queue and the handler
waits on the queue instead. ``close`` stops the reader: a client that goes
away mid-call leaves no task behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway.convert import segment_from_pb
from redaction import FieldViolation, InvalidRecordError, Segment

_END = object()


class StreamInbox:
    """A queue fed by the request stream; one reader task per call."""

    def __init__(self, requests: AsyncIterator[service_pb.StreamTranscriptRequest]) -> None:
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize=64)
        self._reader = asyncio.create_task(self._read(requests), name="leadgate-stream-reader")

    async def _read(self, requests: AsyncIterator[service_pb.StreamTranscriptRequest]) -> None:
        try:
            async for request in requests:
                await self._queue.put(request)
        finally:
            await self._queue.put(_END)

    async def _next(self, timeout: float | None) -> object:
        return await asyncio.wait_for(self._queue.get(), timeout)

    async def first_start(self) -> service_pb.StreamStart:
        """The opening message, which must be a ``start``."""
        first = await self._next(None)
        if not isinstance(first, service_pb.StreamTranscriptRequest) or not first.HasField("start"):
            raise InvalidRecordError(
                "stream.start: the first message must be 'start' (call_id, owner)",
                (FieldViolation("stream.start", "required as the first message"),),
            )
        return first.start

    async def segments(
        self, holding: Callable[[], bool], hold_seconds: float
    ) -> AsyncIterator[Segment | None]:
        """Each next segment; ``None`` when ``hold_seconds`` pass while something is held."""
        index = 0
        while True:
            try:
                item = await self._next(hold_seconds if holding() else None)
            except TimeoutError:
                yield None
                continue
            if item is _END:
                return
            assert isinstance(item, service_pb.StreamTranscriptRequest)
            if not item.HasField("segment"):
                where = f"stream.messages[{index + 1}]"
                raise InvalidRecordError(
                    f"{where}: expected 'segment'; 'start' may only be the first message",
                    (FieldViolation(where, "expected 'segment'"),),
                )
            index += 1
            yield segment_from_pb(item.segment)

    def close(self) -> None:
        """Stop reading (client gone, error, or done)."""
        self._reader.cancel()
