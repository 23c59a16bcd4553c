"""The edge's own refusals: plain exceptions, no gRPC, so every layer can raise them.

Same shape as the engine's RedactionError (``reason``, ``message``, ``violations``);
gateway/rpc/errors.py maps both families to gRPC status codes by one table.

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

from redaction.errors import FieldViolation


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
