"""What every command's parsing shares: the parser class, how a command runs, argument types.

Nothing here imports the engine, gRPC or the ledger at module level: building the
whole command tree (``leadgate --help``, ``leadgate audit --help``) stays cheap.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gateway.config import Settings

# A command that reads no settings (mute, new-key): the parsed arguments in, exit status out.
Run = Callable[[argparse.Namespace], int]
ArgumentAdder = Callable[[argparse.ArgumentParser], None]

# The settings every command may override from its own options (None: not given).
_OVERRIDDEN = ("host", "port", "spacy_model", "socket_path")


@dataclass(frozen=True)
class WithSettings:
    """A command that reads the settings: ``main`` loads them first (exit 2 if wrong).

    Set as the parser's ``run`` default, like a plain ``Run``.
    """

    run: Callable[[argparse.Namespace, Settings], int]
    # Settings this command's options set beyond the common ones (``serve --workers``;
    # ``redact --workers`` is the job's, not the gateway's).
    overridden: tuple[str, ...] = ()
    logs: bool = False  # long work (serve, redact, profile): log as the gateway does first

    def overrides(self, args: argparse.Namespace) -> Mapping[str, object]:
        """The settings given on the command line (None where an option was not given)."""
        keys = (*_OVERRIDDEN, *self.overridden)
        overrides: dict[str, object] = {key: getattr(args, key, None) for key in keys}
        overrides["allow_insecure"] = getattr(args, "insecure", None)
        return overrides


class CommandParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that adds some arguments only when its command is parsed.

    ``redact`` takes the batch job's options from ``gateway.batch``, which loads the
    engine (about a second); deferred, no other command (nor ``--help``) pays for it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deferred: list[ArgumentAdder] = []

    def defer(self, add: ArgumentAdder) -> None:
        """Call ``add(self)`` just before this parser first parses."""
        self._deferred.append(add)

    def parse_known_args(  # type: ignore[override]  # one signature for typeshed's overloads
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Add what was deferred, then parse as ``ArgumentParser`` does."""
        while self._deferred:
            self._deferred.pop(0)(self)
        return super().parse_known_args(args, namespace)


def timestamp(text: str) -> datetime:
    """An ISO 8601 time argument (UTC if it names no zone)."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
