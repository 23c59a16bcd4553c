"""Engine and edge errors -> gRPC status, at this one boundary, by table.

Every LeadgateError (the engine's RedactionError and the edge's GatewayError
families) maps to a status code; anything else becomes INTERNAL with a generic
message and nothing returned (fail closed). The rich status carries
ErrorInfo(reason, domain="leadgate", metadata={"request_id"}) and BadRequest
field violations: field paths and rules, never values.

The error classes are in gateway/errors.py (the edge's) and redaction/errors.py
(the engine's). ``translates_errors`` wraps every RPC handler, unary or streaming, so
this is the only place an error becomes a status.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from typing import Any, NoReturn, TypeVar, cast

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway.errors import (
    DeadlineExceededError,
    EngineTimeLimitError,
    GatewayError,
    LedgerUnavailableError,
    NotReadyError,
    OutboxFullError,
    PermissionDeniedError,
    ServerBusyError,
    StreamLimitError,
    TooManyStreamsError,
    UnauthenticatedError,
)
from gateway.rpc.request_id import current_request_id
from redaction import (
    DetectionError,
    InvalidRecordError,
    LeadgateError,
    PolicyError,
    RecordTooLargeError,
    RedactionError,
    SensitiveMetadataError,
    WorkDeadlineExceeded,
)

logger = logging.getLogger(__name__)

DOMAIN = "leadgate"

Handler = TypeVar("Handler", bound=Callable[..., Any])

STATUS_FOR_ERROR: dict[type[Exception], grpc.StatusCode] = {
    LeadgateError: grpc.StatusCode.INTERNAL,
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
    if isinstance(error, LeadgateError):
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
    if isinstance(error, LeadgateError) and error.violations:
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
    reason = error.reason if isinstance(error, LeadgateError) else "INTERNAL"
    return service_pb.RecordError(
        code=status.code, reason=reason, message=status.message, fields=fields
    )


async def abort_with_error(context: grpc.aio.ServicerContext, error: BaseException) -> NoReturn:
    """Send the error's rich status once and end the call."""
    if not isinstance(error, LeadgateError):
        logger.error("unexpected error in handler: %s", type(error).__name__)
    await context.abort_with_status(rpc_status.to_status(to_rich_status(error)))
    raise AssertionError("abort_with_status returned")  # pragma: no cover


def translates_errors(handler: Handler) -> Handler:
    """Wrap an RPC handler so any error it raises ends the call with its rich status.

    Unary handlers and streaming ones (async generators) alike. A streaming handler
    that ends or fails is closed at once (``aclosing``), so its ``finally`` runs then;
    one left waiting at a ``yield`` by a cancelled call is closed only when grpc lets
    go of it (its cleanup must not count on more).
    """
    if inspect.isasyncgenfunction(handler):

        @functools.wraps(handler)
        async def streaming(
            servicer: object, request: object, context: grpc.aio.ServicerContext
        ) -> AsyncIterator[object]:
            try:
                async with aclosing(handler(servicer, request, context)) as responses:
                    async for response in responses:
                        yield response
            except Exception as error:
                await abort_with_error(context, error)

        return cast(Handler, streaming)

    unary_handler = cast(Callable[..., Awaitable[object]], handler)

    @functools.wraps(handler)
    async def unary(servicer: object, request: object, context: grpc.aio.ServicerContext) -> object:
        try:
            return await unary_handler(servicer, request, context)
        except Exception as error:
            await abort_with_error(context, error)

    return cast(Handler, unary)
