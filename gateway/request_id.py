"""The current call's request id, in a ContextVar so logs and errors can carry it."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "x-request-id"
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

_request_id: ContextVar[str] = ContextVar("leadgate_request_id", default="")


def current_request_id() -> str:
    """The id of the call being handled, or "" outside a call."""
    return _request_id.get()


def set_request_id(candidate: str | None) -> str:
    """Use the caller's id if it is a short token (never free text), else a new one."""
    request_id = candidate if candidate and _ACCEPTABLE.match(candidate) else uuid.uuid4().hex
    _request_id.set(request_id)
    return request_id
