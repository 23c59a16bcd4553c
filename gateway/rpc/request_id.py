"""The current call's request id, in a ContextVar so logs and errors can carry it.

A caller's id is metadata that reaches logs, error details and response
headers, so it is read by the engine like a record's ids (``RequestIdScreen``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar

from redaction import FieldViolation

REQUEST_ID_HEADER = "x-request-id"
REQUEST_ID_FIELD = "request_id"  # how refusals name it
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

_request_id: ContextVar[str] = ContextVar("leadgate_request_id", default="")

# The engine's reading of a caller's request id: the violation if it holds a sensitive
# identifier, [] if not, None when it cannot tell (the engine is still loading).
RequestIdScreen = Callable[[str], Awaitable[list[FieldViolation] | None]]


def acceptable(candidate: str) -> bool:
    """Whether a caller's id is a short token (never free text) the gateway would use."""
    return bool(_ACCEPTABLE.match(candidate))


def current_request_id() -> str:
    """The id of the call being handled, or "" outside a call."""
    return _request_id.get()


def set_request_id(candidate: str | None) -> str:
    """Use the caller's id if it is a short token (never free text), else a new one."""
    request_id = candidate if candidate and acceptable(candidate) else uuid.uuid4().hex
    _request_id.set(request_id)
    return request_id
