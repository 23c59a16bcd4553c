"""Settings: defaults, then a TOML file, then LEADGATE_* variables, then flags."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from redaction import RedactionPolicy, Redactor
from redaction.analyzer import DEFAULT_SPACY_MODEL
from redaction.policy import DEFAULT_RETENTION_DAYS, PolicyBook

ENV_PREFIX = "LEADGATE_"


class ConfigError(ValueError):
    """A setting is missing, unknown or of the wrong type; the message names it."""


@dataclass(frozen=True)
class Settings:
    """Everything the gateway needs; the defaults are the embedded localhost run."""

    host: str = "127.0.0.1"
    port: int = 50051
    spacy_model: str = DEFAULT_SPACY_MODEL
    retention_days: int = DEFAULT_RETENTION_DAYS
    policy_id: str = "default"
    policy_version: str = "1"
    max_message_bytes: int = 4 * 1024 * 1024
    max_fields_per_lead: int = 500
    max_segments_per_transcript: int = 10_000
    grace_seconds: float = 5.0
    stream_hold_seconds: float = 1.5
    log_level: str = "INFO"
    policy_file: str = ""

    @property
    def address(self) -> str:
        """``host:port`` for grpc's ``add_insecure_port``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def _coerce(name: str, raw: object) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "int":
            return int(str(raw))
        if kind == "float":
            return float(str(raw))
        return str(raw)
    except ValueError:
        raise ConfigError(f"setting {name!r} must be {kind}") from None


def _apply(settings: Settings, values: Mapping[str, object], origin: str) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s) in {origin}: {', '.join(unknown)}")
    return replace(settings, **{k: _coerce(k, v) for k, v in values.items()})


def load_settings(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, object] | None = None,
) -> Settings:
    """Defaults, then the TOML file, then LEADGATE_* variables, then explicit overrides."""
    settings = Settings()
    if config_file is not None:
        try:
            data = tomllib.loads(config_file.read_text())
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {config_file}: {exc}") from None
        settings = _apply(settings, data, str(config_file))
    env = os.environ if environ is None else environ
    known = {f.name for f in fields(Settings)}
    from_env = {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in env.items()
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in known
    }
    settings = _apply(settings, from_env, "environment")
    clean = {k: v for k, v in (overrides or {}).items() if v is not None}
    settings = _apply(settings, clean, "command line")
    _validate(settings)
    return settings


def _validate(settings: Settings) -> None:
    if not 0 <= settings.port <= 65535:
        raise ConfigError("setting 'port' must be between 0 and 65535")
    for name in ("retention_days", "max_message_bytes", "max_fields_per_lead"):
        if getattr(settings, name) < 1:
            raise ConfigError(f"setting {name!r} must be >= 1")


def build_redactor(settings: Settings) -> Redactor:
    """Load the engine with the policy the settings describe (one per process)."""
    if settings.policy_file:
        from gateway.policy_file import load_policy_book

        policies: PolicyBook | RedactionPolicy = load_policy_book(Path(settings.policy_file))
    else:
        policies = RedactionPolicy(
            policy_id=settings.policy_id,
            policy_version=settings.policy_version,
            retention_days=settings.retention_days,
        )
    return Redactor.create(spacy_model=settings.spacy_model, policies=policies)
