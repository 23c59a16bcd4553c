"""Engine and edge errors -> gRPC status, at this one boundary, by table.

Every RedactionError and GatewayError subclass maps to a status code; anything
else becomes INTERNAL with a generic message and nothing returned (fail
closed). The rich status carries ErrorInfo(reason, domain="leadgate",
metadata={"request_id"}) and BadRequest field violations: field paths and
rules, never values.

GatewayError                   base of the edge's own refusals
├── UnauthenticatedError       no or unknown credentials            -> UNAUTHENTICATED
├── PermissionDeniedError      owner or scope not granted           -> PERMISSION_DENIED
├── OutboxFullError            the delivery outbox is at its limit  -> RESOURCE_EXHAUSTED
├── TooManyStreamsError        concurrent stream limit reached      -> RESOURCE_EXHAUSTED
├── ServerBusyError            too many calls waiting for the engine -> RESOURCE_EXHAUSTED
├── NotReadyError              the engine is still loading          -> UNAVAILABLE
├── LedgerUnavailableError     the compliance ledger cannot record  -> UNAVAILABLE
└── DeadlineExceededError      no time left to do the work          -> DEADLINE_EXCEEDED
"""

from __future__ import annotations

import logging
from typing import NoReturn

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway.rpc.request_id import current_request_id
from redaction.errors import (
    DetectionError,
    FieldViolation,
    InvalidRecordError,
    PolicyError,
    RecordTooLargeError,
    RedactionError,
    SensitiveMetadataError,
    WorkDeadlineExceeded,
)

logger = logging.getLogger(__name__)

DOMAIN = "leadgate"


class GatewayError(Exception):
    """Base of the refusals the edge makes itself; same shape as RedactionError."""

    reason = "GATEWAY_ERROR"

    def __init__(self, message: str, violations: tuple[FieldViolation, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.violations = violations


class UnauthenticatedError(GatewayError):
    """No credentials, or credentials no principal owns."""

    reason = "UNAUTHENTICATED"


class PermissionDeniedError(GatewayError):
    """The principal may not act for this owner, or lacks the RPC's scope."""

    reason = "PERMISSION_DENIED"


class OutboxFullError(GatewayError):
    """The outbox holds its configured maximum; the record was not accepted."""

    reason = "OUTBOX_FULL"


class TooManyStreamsError(GatewayError):
    """The configured number of concurrent streams is already open."""

    reason = "TOO_MANY_STREAMS"


class StreamLimitError(GatewayError):
    """A live call went past a limit (segments, text, idle time, length); the message names it.

    Everything before the limit went back to the caller redacted; the call ends.
    """

    reason = "STREAM_LIMIT"


class EngineTimeLimitError(GatewayError):
    """One call's engine work ran past ``max_engine_seconds`` and was stopped."""

    reason = "ENGINE_TIME_LIMIT"


class NotReadyError(GatewayError):
    """The engine is still loading; the caller should retry."""

    reason = "NOT_READY"


class LedgerUnavailableError(GatewayError):
    """The ledger could not record the record; nothing is returned (fail closed)."""

    reason = "LEDGER_UNAVAILABLE"


class ServerBusyError(GatewayError):
    """Too many calls are already waiting for the engine; shed rather than time out."""

    reason = "SERVER_BUSY"


class DeadlineExceededError(GatewayError):
    """The caller's deadline passed before the work could be done."""

    reason = "DEADLINE_EXCEEDED"


STATUS_FOR_ERROR: dict[type[Exception], grpc.StatusCode] = {
    GatewayError: grpc.StatusCode.INTERNAL,
    UnauthenticatedError: grpc.StatusCode.UNAUTHENTICATED,
    PermissionDeniedError: grpc.StatusCode.PERMISSION_DENIED,
    OutboxFullError: grpc.StatusCode.RESOURCE_EXHAUSTED,
    TooManyStreamsError: grpc.StatusCode.RESOURCE_EXHAUSTED,
    StreamLimitError: grpc.StatusCode.RESOURCE_EXHAUSTED,
    EngineTimeLimitError: grpc.StatusCode.RESOURCE_EXHAUSTED,
    WorkDeadlineExceeded: grpc.StatusCode.DEADLINE_EXCEEDED,
    DeadlineExceededError: grpc.StatusCode.DEADLINE_EXCEEDED,
    NotReadyError: grpc.StatusCode.UNAVAILABLE,
    LedgerUnavailableError: grpc.StatusCode.UNAVAILABLE,
    ServerBusyError: grpc.StatusCode.RESOURCE_EXHAUSTED,
    RedactionError: grpc.StatusCode.INTERNAL,
    InvalidRecordError: grpc.StatusCode.INVALID_ARGUMENT,
    PolicyError: grpc.StatusCode.INVALID_ARGUMENT,
    SensitiveMetadataError: grpc.StatusCode.INVALID_ARGUMENT,
    RecordTooLargeError: grpc.StatusCode.RESOURCE_EXHAUSTED,
    DetectionError: grpc.StatusCode.INTERNAL,
}


def status_code_for(error: BaseException) -> grpc.StatusCode:
    """The gRPC code for an error: the nearest mapped class in its MRO, else INTERNAL."""
    for cls in type(error).__mro__:
        if cls in STATUS_FOR_ERROR:
            return STATUS_FOR_ERROR[cls]
    return grpc.StatusCode.INTERNAL


def to_rich_status(error: BaseException) -> status_pb2.Status:
    """A google.rpc.Status for an error; unexpected errors say nothing about themselves."""
    code = status_code_for(error)
    if isinstance(error, RedactionError | GatewayError):
        message, reason = error.message, error.reason
    else:
        message, reason = "internal error; nothing was returned", "INTERNAL"
    info = any_pb2.Any()
    info.Pack(
        error_details_pb2.ErrorInfo(
            reason=reason, domain=DOMAIN, metadata={"request_id": current_request_id()}
        )
    )
    details = [info]
    if isinstance(error, RedactionError | GatewayError) and error.violations:
        bad_request = any_pb2.Any()
        bad_request.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=v.field, description=v.description
                    )
                    for v in error.violations
                ]
            )
        )
        details.append(bad_request)
    return status_pb2.Status(code=getattr(code_pb2, code.name), message=message, details=details)


def to_record_error(error: BaseException) -> service_pb.RecordError:
    """One refused record of a bulk call, said the way its own call would have been."""
    status = to_rich_status(error)
    bad = error_details_pb2.BadRequest()
    fields = [
        v.field
        for d in status.details
        if d.Is(bad.DESCRIPTOR) and d.Unpack(bad)
        for v in bad.field_violations
    ]
    reason = error.reason if isinstance(error, RedactionError | GatewayError) else "INTERNAL"
    return service_pb.RecordError(
        code=status.code, reason=reason, message=status.message, fields=fields
    )


async def abort_with_error(context: grpc.aio.ServicerContext, error: BaseException) -> NoReturn:
    """Send the error's rich status once and end the call."""
    if not isinstance(error, RedactionError | GatewayError):
        logger.error("unexpected error in handler: %s", type(error).__name__)
    await context.abort_with_status(rpc_status.to_status(to_rich_status(error)))
    raise AssertionError("abort_with_status returned")  # pragma: no cover
