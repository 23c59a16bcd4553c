"""Latency the live stream adds per segment, and the hold rule's timing, on a real server.

    python bench/stream_latency.py [--segments 300] [--hold 1.5]

Starts the gateway on a loopback port in this process, opens one
StreamTranscript call and sends segments one at a time, timing each from
write to the read of its redacted copy. Segments that do not end in a number
are released at once, so their time is the stream's own overhead plus the
engine. Then it measures a held segment released by the next segment and by
the hold time.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time

import grpc

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings, build_redactor
from gateway.rpc.server import create_server

PHRASES = (
    "thanks for calling about the medicare advantage plan how are you today",
    "yeah i'm doing okay i was just looking at the mailer you sent",
    "can you confirm the address we have on file for you",
    "it's the one on maple street the blue house",
    "i was diagnosed with diabetes a couple years back so i want good coverage",
    "sure let me pull that up for you one moment please",
    "my social is 536-22-8174 if you need it",
    "and the card on file is 4539 1488 5576 1234 right",
    "okay great and what's the best time to reach you",
    "mornings are better for me before ten if possible",
)


def _request(text: str) -> service_pb.StreamTranscriptRequest:
    return service_pb.StreamTranscriptRequest(
        segment=pb.TranscriptSegment(speaker=pb.SPEAKER_CUSTOMER, text=text)
    )


async def _measure(port: int, segments: int, hold: float) -> None:
    rng = random.Random(7)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = service_grpc.LeadGatewayServiceStub(channel)
        call = stub.StreamTranscript()
        start = service_pb.StreamStart(call_id="bench", owner="bench")
        await call.write(service_pb.StreamTranscriptRequest(start=start))
        latencies = []
        for _ in range(segments):
            sent = time.perf_counter()
            await call.write(_request(rng.choice(PHRASES)))
            response = await call.read()
            assert not response.segment.was_held, "a benchmark phrase was held"
            latencies.append((time.perf_counter() - sent) * 1000)
        latencies.sort()
        p50 = statistics.median(latencies)
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        print(f"not-held segments: n={segments} p50={p50:.1f} ms p99={p99:.1f} ms")

        sent = time.perf_counter()
        await call.write(_request("my social is five three six"))
        await asyncio.sleep(0.2)
        await call.write(_request("two two eight one seven four that's it"))
        first = await call.read()
        await call.read()
        released = (time.perf_counter() - sent) * 1000
        print(
            f"held, released by next segment sent 200 ms later: {released:.0f} ms "
            f"(was_held={first.segment.was_held}, text={first.segment.segment.text!r})"
        )

        sent = time.perf_counter()
        await call.write(_request("my zip is nine seven two oh one"))
        timed_out = await call.read()
        waited = (time.perf_counter() - sent) * 1000
        print(
            f"held, released by hold time ({hold * 1000:.0f} ms): {waited:.0f} ms "
            f"(was_held={timed_out.segment.was_held})"
        )
        await call.done_writing()
        while await call.read() is not grpc.aio.EOF:
            pass


async def main() -> None:
    """Run the server and the measurement in one event loop."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=300)
    parser.add_argument("--hold", type=float, default=1.5)
    args = parser.parse_args()
    settings = Settings(port=0, stream_hold_seconds=args.hold)
    server, port, _, _ = create_server(settings, build_redactor(settings))
    await server.start()
    try:
        await _measure(port, args.segments, args.hold)
    finally:
        await server.stop(None)


if __name__ == "__main__":
    asyncio.run(main())
