"""Engine errors -> gRPC status, at this one boundary, by table.

Every RedactionError subclass maps to a status code; anything else becomes
INTERNAL with a generic message and nothing returned (fail closed). The rich
status carries ErrorInfo(reason, domain="leadgate") and BadRequest field
violations: field paths and rules, never values.
"""

from __future__ import annotations

import logging
from typing import NoReturn

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from redaction.errors import (
    DetectionError,
    InvalidRecordError,
    PolicyError,
    RecordTooLargeError,
    RedactionError,
)

logger = logging.getLogger(__name__)

DOMAIN = "leadgate"

STATUS_FOR_ERROR: dict[type[RedactionError], grpc.StatusCode] = {
    RedactionError: grpc.StatusCode.INTERNAL,
    InvalidRecordError: grpc.StatusCode.INVALID_ARGUMENT,
    PolicyError: grpc.StatusCode.INVALID_ARGUMENT,
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
    if isinstance(error, RedactionError):
        message, reason = error.message, error.reason
    else:
        message, reason = "internal error; nothing was returned", "INTERNAL"
    info = any_pb2.Any()
    info.Pack(error_details_pb2.ErrorInfo(reason=reason, domain=DOMAIN))
    details = [info]
    if isinstance(error, RedactionError) and error.violations:
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


async def abort_with_error(context: grpc.aio.ServicerContext, error: BaseException) -> NoReturn:
    """Send the error's rich status once and end the call."""
    if not isinstance(error, RedactionError):
        logger.error("unexpected error in handler: %s", type(error).__name__)
    await context.abort_with_status(rpc_status.to_status(to_rich_status(error)))
    raise AssertionError("abort_with_status returned")  # pragma: no cover
