"""One interceptor per cross-cutting concern: request id, metrics and access log, auth.

Each wraps the method handler's behaviour in an async context manager, so it runs
in the call's own task (ContextVars set here are seen by the servicer) and can
abort with a rich status like any handler.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from typing import Any

import grpc

from gateway.errors import GatewayError
from gateway.rpc.auth import KeyRing, Principal
from gateway.rpc.errors import abort_with_error
from gateway.rpc.metrics import GatewayMetrics
from gateway.rpc.request_id import (
    REQUEST_ID_HEADER,
    RequestIdScreen,
    acceptable,
    set_request_id,
)
from redaction import FieldViolation, SensitiveMetadataError, may_hold_identifier

logger = logging.getLogger("leadgate.access")

Around = Callable[[str, grpc.aio.ServicerContext], AbstractAsyncContextManager[None]]
Continuation = Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler | None]]

# Methods anyone may call: probes and tool discovery carry no records.
OPEN_PREFIXES = ("/grpc.health.v1.", "/grpc.reflection.")
REIDENTIFY_METHOD = "/leadgate.v1.LeadGatewayService/Reidentify"

_principal: ContextVar[Principal | None] = ContextVar("leadgate_principal", default=None)
_findings_in_call: ContextVar[list[int] | None] = ContextVar("leadgate_findings", default=None)


def current_principal() -> Principal:
    """The authenticated caller of the current RPC (set by AuthInterceptor)."""
    principal = _principal.get()
    if principal is None:
        raise RuntimeError("no principal: AuthInterceptor is not installed")
    return principal


def note_findings(count: int) -> None:
    """Add to the current call's finding count, reported in its access-log line."""
    tally = _findings_in_call.get()
    if tally is not None:
        tally[0] += count


def _wrap(handler: grpc.RpcMethodHandler, method: str, around: Around) -> grpc.RpcMethodHandler:
    """The same handler with its behaviour run inside ``around(method, context)``."""
    kwargs = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.unary_unary:
        inner: Any = handler.unary_unary

        async def unary_unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
            async with around(method, context):
                return await inner(request, context)

        return grpc.unary_unary_rpc_method_handler(unary_unary, **kwargs)
    if handler.stream_stream:
        return grpc.stream_stream_rpc_method_handler(
            _streaming(handler.stream_stream, method, around), **kwargs
        )
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(
            _streaming(handler.unary_stream, method, around), **kwargs
        )
    inner = handler.stream_unary

    async def stream_unary(requests: Any, context: grpc.aio.ServicerContext) -> Any:
        async with around(method, context):
            return await inner(requests, context)

    return grpc.stream_unary_rpc_method_handler(stream_unary, **kwargs)


def _streaming(inner: Any, method: str, around: Around) -> Any:
    """A streaming handler run inside ``around``, whichever way it answers.

    One yields its responses; another writes them with ``context.write`` and returns
    (grpc's Health.Watch), and iterating that one failed the call with UNKNOWN.
    """
    if inspect.isasyncgenfunction(inner):

        async def yielding(request: Any, context: grpc.aio.ServicerContext) -> Any:
            async with around(method, context):
                async for response in inner(request, context):
                    yield response

        return yielding

    async def writing(request: Any, context: grpc.aio.ServicerContext) -> Any:
        async with around(method, context):
            return await inner(request, context)

    return writing


class _AroundInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]
    """Base: wrap every known method's handler with ``self.around``."""

    def applies_to(self, method: str) -> bool:
        """Whether this concern covers the method (all, unless overridden)."""
        return True

    def around(
        self, method: str, context: grpc.aio.ServicerContext
    ) -> AbstractAsyncContextManager[None]:
        """The concern itself."""
        raise NotImplementedError

    async def intercept_service(
        self, continuation: Continuation, handler_call_details: grpc.HandlerCallDetails
    ) -> grpc.RpcMethodHandler | None:
        """Wrap the handler the server found for this call, if any."""
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or not self.applies_to(method):
            return handler
        return _wrap(handler, method, self.around)


class RequestIdInterceptor(_AroundInterceptor):
    """Take the caller's x-request-id (or make one), echo it in the response headers.

    A caller's id with a digit in it could hold a sensitive identifier, so ``screen``
    (the engine) reads it first: one that holds one is refused (INVALID_ARGUMENT
    naming ``request_id``) under a new id, never echoed or logged. While the engine
    loads, and for health checks and reflection (never kept waiting for the engine),
    such an id is not taken: a new one is made.
    """

    def __init__(self, screen: RequestIdScreen | None = None) -> None:
        self._screen = screen

    @asynccontextmanager
    async def around(self, method: str, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        """Set the id for logs and error details of this call."""
        metadata = dict(context.invocation_metadata() or ())
        raw = metadata.get(REQUEST_ID_HEADER)
        candidate = raw if isinstance(raw, str) and acceptable(raw) else None
        refused: list[FieldViolation] = []
        if candidate is not None and self._screen is not None and may_hold_identifier(candidate):
            verdict = None if method.startswith(OPEN_PREFIXES) else await self._screen(candidate)
            refused = verdict or []
            candidate = candidate if verdict == [] else None
        request_id = set_request_id(candidate)
        await context.send_initial_metadata(((REQUEST_ID_HEADER, request_id),))
        if refused:
            summary = "; ".join(f"{v.field}: {v.description}" for v in refused)
            await abort_with_error(
                context, SensitiveMetadataError(f"invalid request: {summary}", tuple(refused))
            )
        yield


class ObserveInterceptor(_AroundInterceptor):
    """Count and time every RPC by method and status, and write one access-log line."""

    def __init__(self, metrics: GatewayMetrics) -> None:
        self._metrics = metrics

    @asynccontextmanager
    async def around(self, method: str, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        """Observe the call; the outcome's code comes from the context."""
        started = time.perf_counter()
        tally = [0]
        token = _findings_in_call.set(tally)
        code = "OK"
        try:
            yield
        except BaseException as error:
            code = _code_name(context, error)
            raise
        finally:
            _findings_in_call.reset(token)
            elapsed = time.perf_counter() - started
            rpc = method.rsplit("/", 1)[-1]
            self._metrics.requests.labels(rpc=rpc, code=code).inc()
            self._metrics.latency.labels(rpc=rpc).observe(elapsed)
            # Probes arrive every few seconds: counted, but logged only at DEBUG.
            level = logging.DEBUG if method.startswith(OPEN_PREFIXES) else logging.INFO
            logger.log(
                level,
                "rpc done",
                extra={
                    "rpc": rpc,
                    "code": code,
                    "duration_ms": round(elapsed * 1000, 2),
                    "findings": tally[0],
                },
            )


_CODE_BY_NUMBER = {code.value[0]: code for code in grpc.StatusCode}


def _code_name(context: grpc.aio.ServicerContext, error: BaseException) -> str:
    """The status the call ended with: the aborted code, CANCELLED, or UNKNOWN."""
    if isinstance(error, grpc.aio.AbortError):
        code: object = context.code()
        if isinstance(code, int):
            code = _CODE_BY_NUMBER.get(code)
        return code.name if isinstance(code, grpc.StatusCode) else "UNKNOWN"
    if isinstance(error, asyncio.CancelledError | GeneratorExit) or context.cancelled():
        # The client went away: because its deadline passed, or it cancelled.
        remaining = context.time_remaining()
        return "DEADLINE_EXCEEDED" if remaining is not None and remaining <= 0 else "CANCELLED"
    return "UNKNOWN"


class AuthInterceptor(_AroundInterceptor):
    """Caller identity -> principal; the RPC's scope is checked here, owners in the servicer."""

    def __init__(self, keyring: KeyRing) -> None:
        self._keyring = keyring

    def applies_to(self, method: str) -> bool:
        """Everything but health checks and reflection."""
        return not method.startswith(OPEN_PREFIXES)

    @asynccontextmanager
    async def around(self, method: str, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        """Authenticate, check the scope, and make the principal current for the call."""
        try:
            principal = self._keyring.authenticate(
                context.invocation_metadata() or (), context.auth_context()
            )
            principal.require_scope("reidentify" if method == REIDENTIFY_METHOD else "redact")
        except GatewayError as error:
            await abort_with_error(context, error)
        token = _principal.set(principal)
        try:
            yield
        finally:
            _principal.reset(token)
