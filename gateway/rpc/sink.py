"""The dialer sink over gRPC: the channel, the sends, and gRPC status codes as custody failures.

Custody (gateway/custody/delivery.py) delivers through the small ``Sink`` protocol
and stores opaque payloads; this module is the one place that knows they are
serialized Deliver*Request messages and that the sink speaks gRPC.
"""

from __future__ import annotations

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from gateway._pb.leadgate.v1 import dialer_sink_pb2 as sink_pb
from gateway._pb.leadgate.v1 import dialer_sink_pb2_grpc as sink_grpc
from gateway.custody.delivery_rules import Failure, SinkError
from gateway.custody.outbox import (
    DeletionNoticeEntry,
    OutboxEntry,
    Parcel,
    RecordKind,
    new_idempotency_key,
)
from gateway.rpc.channel import open_channel

# grpc's default receive limit, so a stock sink takes what we send (sink_max_message_bytes).
DEFAULT_SINK_MAX_MESSAGE_BYTES = 4 * 1024 * 1024
SINK_RECONNECT_MAX_MS = 3000
_PROTO_KINDS = {
    "lead": sink_pb.RECORD_KIND_LEAD,
    "transcript": sink_pb.RECORD_KIND_TRANSCRIPT,
}
# The Delivery the deliverer adds to a stored request, at its largest (size checks).
_LATEST_TIMESTAMP = Timestamp(seconds=253_402_300_799, nanos=999_999_999)
_C = grpc.StatusCode
# Every status code but OK; one missing here is REFUSED (parked at once).
_FAILURES = {
    _C.UNAVAILABLE: Failure.BUSY,
    _C.DEADLINE_EXCEEDED: Failure.BUSY,
    _C.ABORTED: Failure.BUSY,
    _C.CANCELLED: Failure.BUSY,
    _C.INTERNAL: Failure.FAULT,
    _C.UNKNOWN: Failure.FAULT,
    _C.UNAUTHENTICATED: Failure.FAULT,
    _C.RESOURCE_EXHAUSTED: Failure.EXHAUSTED,
    _C.UNIMPLEMENTED: Failure.UNIMPLEMENTED,
}


def sink_error(code: grpc.StatusCode, details: str | None) -> SinkError:
    """The custody failure for a status code the sink (or our channel) answered."""
    return SinkError(_FAILURES.get(code, Failure.REFUSED), code.name, details)


def open_sink_channel(
    address: str, ca_file: str, max_message_bytes: int = DEFAULT_SINK_MAX_MESSAGE_BYTES
) -> grpc.aio.Channel:
    """A channel to the sink: TLS when a CA file is given, else plain (loopback, a pod).

    It sends nothing over ``max_message_bytes`` (sink_max_message_bytes): such a
    record fails at once, unsent, and is parked as too large.
    """
    options = [
        ("grpc.max_send_message_length", max_message_bytes),
        # Reconnect to a sink that went away within a few seconds of its return (grpc's
        # own default backs off to 120 s); the deliverer resumes as soon as it is READY.
        ("grpc.initial_reconnect_backoff_ms", 500),
        ("grpc.max_reconnect_backoff_ms", SINK_RECONNECT_MAX_MS),
    ]
    return open_channel(address, ca_file, options)


def delivery_size(payload: bytes, owner: str, record_id: str) -> int:
    """The largest a stored request grows to once the deliverer adds its ``delivery``."""
    envelope = sink_pb.Delivery(
        record_id=record_id,
        owner=owner,
        revision=2**63 - 1,
        accepted_at=_LATEST_TIMESTAMP,
        attempt=2**31 - 1,
        idempotency_key=new_idempotency_key(),  # every key is as long
    )
    # Field 1 of both request types: serialized messages concatenate as a merge.
    return len(payload) + sink_pb.DeliverLeadRequest(delivery=envelope).ByteSize()


def parcel_of(request: sink_pb.DeliverLeadRequest | sink_pb.DeliverTranscriptRequest) -> Parcel:
    """What the outbox stores for a redacted record: the serialized request and its size."""
    kind: RecordKind
    if isinstance(request, sink_pb.DeliverLeadRequest):
        kind, owner, record_id = "lead", request.lead.owner, request.lead.id
    else:
        kind, owner, record_id = "transcript", request.transcript.owner, request.transcript.id
    payload = request.SerializeToString()
    return Parcel(kind, owner, record_id, payload, delivery_size(payload, owner, record_id))


class GrpcSink:
    """A DialerSinkService on a channel: custody's ``Sink``."""

    def __init__(self, channel: grpc.aio.Channel, timeout_seconds: float) -> None:
        self._channel = channel
        self._stub = sink_grpc.DialerSinkServiceStub(channel)
        self._timeout = timeout_seconds
        self._state = grpc.ChannelConnectivity.IDLE  # as ``ready`` last saw it

    async def send(self, entry: OutboxEntry) -> None:
        """Send one stored record with its delivery envelope; raises SinkError."""
        delivery = sink_pb.Delivery(
            record_id=entry.record_id,
            owner=entry.owner,
            revision=entry.seq,
            accepted_at=_timestamp(entry.accepted_at),
            attempt=entry.attempts + 1,
            idempotency_key=entry.idempotency_key,
        )
        try:
            if entry.kind == "lead":
                lead_request = sink_pb.DeliverLeadRequest.FromString(entry.payload)
                lead_request.delivery.CopyFrom(delivery)
                await self._stub.DeliverLead(lead_request, timeout=self._timeout)
            else:
                call_request = sink_pb.DeliverTranscriptRequest.FromString(entry.payload)
                call_request.delivery.CopyFrom(delivery)
                await self._stub.DeliverTranscript(call_request, timeout=self._timeout)
        except grpc.aio.AioRpcError as error:
            raise sink_error(error.code(), error.details()) from None

    async def send_notice(self, notice: DeletionNoticeEntry) -> None:
        """Send one deletion notice (DeleteRecord); raises SinkError."""
        request = sink_pb.DeleteRecordRequest(
            notice_id=notice.notice_id,
            record_id=notice.record_id,
            owner=notice.owner,
            kind=_PROTO_KINDS[notice.kind],
            requested_at=_timestamp(notice.requested_at),
            reference=notice.reference,
            attempt=notice.attempts + 1,
        )
        try:
            await self._stub.DeleteRecord(request, timeout=self._timeout)
        except grpc.aio.AioRpcError as error:
            raise sink_error(error.code(), error.details()) from None

    def ready(self, connect: bool = False) -> bool:
        """Whether the channel is READY (``connect``: start connecting if it is idle)."""
        self._state = self._channel.get_state(try_to_connect=connect)
        return bool(self._state == grpc.ChannelConnectivity.READY)

    async def changed(self) -> None:
        """Return once the channel leaves the state ``ready`` last saw."""
        await self._channel.wait_for_state_change(self._state)


def _timestamp(seconds: float) -> Timestamp:
    stamp = Timestamp()
    stamp.FromNanoseconds(int(seconds * 1e9))
    return stamp
