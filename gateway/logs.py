"""One JSON object per log line; only names, codes, counts and timings go in ``extra``."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


class JsonFormatter(logging.Formatter):
    """Structured logs a collector can parse; exceptions are reduced to their type name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Imported here, not with the module: the CLI imports this module to build its
        # parser, and the request id's module loads the engine (for its screen's types).
        from gateway.rpc.request_id import current_request_id

        super().__init__(*args, **kwargs)
        self._request_id = current_request_id

    def format(self, record: logging.LogRecord) -> str:
        """Render the record and its ``extra`` fields as one JSON line."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,  # tells worker processes apart (serve --workers N)
            "message": record.getMessage(),
        }
        request_id = self._request_id()
        if request_id:
            entry["request_id"] = request_id
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[0] is not None:
            # The exception text could quote input; its type is enough to act on.
            entry["exception"] = record.exc_info[0].__name__
        return json.dumps(entry, default=str)


def configure_logging(level: str = "INFO") -> None:
    """Send JSON lines to stderr at ``level``; quiet chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("presidio-anonymizer").setLevel(logging.ERROR)
