"""The one CLI: ``leadgate serve|redact|profile|mute|audit|rights|retention|check-config``."""

from gateway.cli.app import main

__all__ = ["main"]
