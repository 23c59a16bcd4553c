"""Reads a StreamTranscript request stream with a hold timeout, without losing messages.

Waiting on the request iterator with a timeout would cancel the read and close
the stream, so a reader task moves messages into a queue and the handler
waits on the queue instead. ``close`` stops the reader: a client that goes
away mid-call leaves no task behind.

The inbox also keeps the call's clock: a stream that sends nothing for
``idle_seconds``, or lasts longer than ``max_call_seconds``, ends with
StreamLimitError, so idle streams cannot hold the stream slots forever.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway.errors import StreamLimitError
from gateway.rpc.convert import segment_from_pb
from redaction import FieldViolation, InvalidRecordError, Segment

_END = object()


class PauseOver:
    """The recording's pause reached its time limit while no segment arrived."""


PAUSE_OVER = PauseOver()


class StreamInbox:
    """A queue fed by the request stream; one reader task per call."""

    def __init__(
        self,
        requests: AsyncIterator[service_pb.StreamTranscriptRequest],
        idle_seconds: float | None = None,
        max_call_seconds: float | None = None,
    ) -> None:
        """``idle_seconds``/``max_call_seconds`` None: no such limit (tests of other parts)."""
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize=64)
        self._reader = asyncio.create_task(self._read(requests), name="leadgate-stream-reader")
        self._idle_seconds = idle_seconds
        self._max_call_seconds = max_call_seconds
        self._clock = asyncio.get_running_loop().time
        self._opened = self._last = self._clock()

    async def _read(self, requests: AsyncIterator[service_pb.StreamTranscriptRequest]) -> None:
        try:
            async for request in requests:
                await self._queue.put(request)
        finally:
            await self._queue.put(_END)

    def _time_left(self) -> float | None:
        """Seconds until the idle or call-length limit; raises once one has passed."""
        now = self._clock()
        left: float | None = None
        if self._idle_seconds is not None:
            left = self._idle_seconds - (now - self._last)
            if left <= 0:
                raise StreamLimitError(
                    f"no message for {self._idle_seconds:g} s (stream_idle_seconds): the"
                    " call is closed; open a new stream to go on",
                    (FieldViolation("stream", f"idle at most {self._idle_seconds:g} s"),),
                )
        if self._max_call_seconds is not None:
            call_left = self._max_call_seconds - (now - self._opened)
            if call_left <= 0:
                raise StreamLimitError(
                    f"the call is longer than {self._max_call_seconds:g} s (max_call_seconds)",
                    (FieldViolation("stream", f"at most {self._max_call_seconds:g} s long"),),
                )
            left = call_left if left is None else min(left, call_left)
        return left

    async def _next(self, timeout: float | None) -> object:
        item = await asyncio.wait_for(self._queue.get(), timeout)
        self._last = self._clock()
        return item

    async def first_start(self) -> service_pb.StreamStart:
        """The opening message, which must be a ``start``."""
        while True:
            try:
                first = await self._next(self._time_left())  # raises once a limit passed
                break
            except TimeoutError:
                continue
        if not isinstance(first, service_pb.StreamTranscriptRequest) or not first.HasField("start"):
            raise InvalidRecordError(
                "stream.start: the first message must be 'start' (call_id, owner)",
                (FieldViolation("stream.start", "required as the first message"),),
            )
        return first.start

    async def segments(
        self,
        holding: Callable[[], bool],
        hold_seconds: float,
        pause_left: Callable[[], float | None] = lambda: None,
    ) -> AsyncIterator[Segment | PauseOver | None]:
        """Each next segment; ``None`` when ``hold_seconds`` pass while something is held.

        ``PAUSE_OVER`` when ``pause_left`` (seconds until the recording's pause times
        out, None while recording) reaches 0 with no segment arriving.
        Raises StreamLimitError when the stream idles or runs too long.
        """
        index = 0
        held_since: float | None = None  # when the wait for the held segments' next began
        while True:
            held = holding()
            left = self._time_left()  # the caller releases what is held, then ends the call
            # The hold runs from after the push that held, across wake-ups for a pause.
            held_since = (held_since or self._clock()) if held else None
            hold_left = None if held_since is None else held_since + hold_seconds - self._clock()
            pause = pause_left()
            waits = [w for w in (left, hold_left, pause) if w is not None]
            try:
                item = await self._next(max(0.0, min(waits)) if waits else None)
            except TimeoutError:
                pause = pause_left()
                if pause is not None and pause <= 0:
                    yield PAUSE_OVER
                if held_since is not None and self._clock() >= held_since + hold_seconds:
                    held_since = None
                    yield None
                continue
            held_since = None
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


class StreamSize:
    """Counts a live call's segments and text against its limits before the engine sees them.

    The whole call is delivered as one message, and one huge call held every later
    record behind it; a call past a limit ends instead.
    """

    def __init__(self, max_segments: int, max_bytes: int) -> None:
        self.max_segments = max_segments
        self.max_bytes = max_bytes
        self.segments = 0
        self.bytes = 0

    def take(self, segment: Segment) -> None:
        """Count one more segment; raise StreamLimitError (nothing counted) past a limit."""
        where = f"stream.segments[{self.segments}]"
        if self.segments >= self.max_segments:
            raise StreamLimitError(
                f"{where}: the call already has {self.max_segments} segments"
                " (max_segments_per_transcript)",
                (FieldViolation(where, f"at most {self.max_segments} segments per call"),),
            )
        size = len(segment.text.encode("utf-8", "surrogatepass"))
        if self.bytes + size > self.max_bytes:
            raise StreamLimitError(
                f"{where}: the call's text would pass {self.max_bytes} bytes (max_stream_bytes)",
                (FieldViolation(where, f"at most {self.max_bytes} bytes of text per call"),),
            )
        self.segments += 1
        self.bytes += size
