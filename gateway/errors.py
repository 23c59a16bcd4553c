"""The edge's own refusals: plain exceptions, no gRPC, so every layer can raise them.

GatewayError and the engine's RedactionError share one base, redaction's LeadgateError
(``reason``, ``message``, ``violations``); gateway/rpc/errors.py maps both families to
gRPC status codes by one table. ConfigError (bad settings, policy file or key) is here
too, not a refusal of a call: gateway/config.py and gateway/policy_file.py both raise it,
and the lower of the two must not import the higher.

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

from redaction import LeadgateError


class ConfigError(ValueError):
    """A setting is missing, unknown or of the wrong type; the message names it."""


class GatewayError(LeadgateError):
    """Base of the refusals the edge makes itself."""

    reason = "GATEWAY_ERROR"


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
