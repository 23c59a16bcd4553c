"""Settings: defaults, then a TOML file, then LEADGATE_* variables, then flags."""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from gateway.errors import ConfigError as ConfigError  # its home for callers of config
from redaction import (
    DEFAULT_RETENTION_DAYS,
    DEFAULT_SPACY_MODEL,
    PolicyBook,
    RedactionPolicy,
    Redactor,
)

ENV_PREFIX = "LEADGATE_"
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Settings:
    """Everything the gateway needs; the defaults are the embedded localhost run."""

    # Where to listen. A socket_path (Unix domain socket) replaces host and port.
    host: str = "127.0.0.1"
    port: int = 50051
    socket_path: str = ""
    # TLS: server certificate chain and key (PEM); a client CA turns on mTLS (required).
    tls_cert_file: str = ""
    tls_key_file: str = ""
    tls_client_ca_file: str = ""
    # Plain text on a non-loopback address; only ever set by ``serve --insecure``.
    allow_insecure: bool = False
    # Principals (API-key hashes, certificate subjects, owners, scopes); empty = local mode.
    keys_file: str = ""
    # Engine and policy.
    spacy_model: str = DEFAULT_SPACY_MODEL
    retention_days: int = DEFAULT_RETENTION_DAYS
    policy_id: str = "default"
    policy_version: str = "1"
    policy_file: str = ""
    # Limits.
    max_message_bytes: int = 4 * 1024 * 1024
    max_fields_per_lead: int = 500
    max_segments_per_transcript: int = 10_000
    max_segment_chars: int = 20_000
    max_concurrent_streams: int = 100
    # A client connection's lifetime: past it the server sends GOAWAY and the client
    # reconnects, so behind a Kubernetes Service the connections spread over new replicas
    # (HTTP/2 connections are long-lived; the Service balances connections, not calls).
    # Calls in flight get the grace period to finish. 0 (either): no limit.
    max_connection_age_seconds: float = 300.0
    max_connection_age_grace_seconds: float = 30.0
    # One caller's share of the stream slots: the principal when keys are configured,
    # else the connection (a dialer holds one channel). 0: no share below the total.
    max_streams_per_caller: int = 50
    # A lead field's text (a 250 KB "note" is an attack on the engine, not a lead).
    max_field_chars: int = 65_536
    # A live call: text (UTF-8 bytes) over all segments, time with no message, whole length.
    # The whole call is delivered as one message, so its text stays well below the sink's.
    max_stream_bytes: int = 1_048_576
    stream_idle_seconds: float = 300.0
    max_call_seconds: float = 14_400.0
    # Engine time one call may take, whatever its deadline: past it the work stops at the
    # next checkpoint and the call gets RESOURCE_EXHAUSTED, so no record stalls the rest.
    max_engine_seconds: float = 30.0
    # Calls waiting for the engine before new unary calls are refused (load shedding).
    max_pending_calls: int = 16
    # Delivery to the dialer: empty sink_address = no forwarding, no outbox.
    sink_address: str = ""
    sink_ca_file: str = ""
    sink_timeout_seconds: float = 5.0
    # Largest message sent to the sink (grpc's default receive limit); larger records park.
    sink_max_message_bytes: int = 4 * 1024 * 1024
    outbox_path: str = ""  # empty: <data_dir>/outbox.sqlite3
    outbox_max_records: int = 100_000
    retry_initial_seconds: float = 0.5
    retry_max_seconds: float = 60.0
    # Where the ledger, its key and the outbox live unless their paths are set: empty
    # means $XDG_DATA_HOME/leadgate (~/.local/share/leadgate), never the current directory.
    data_dir: str = ""
    # The compliance ledger (every record's tags and counts, never values) and the secret
    # keying its consumer index; an empty key file means "<ledger_path>.key", made on first use.
    ledger_path: str = ""  # empty: <data_dir>/ledger.sqlite3
    # Where the ledger and the outbox are kept, by URL: empty (the paths above), a file
    # path or sqlite:///PATH (one host), or postgresql://... (a fleet sharing one database).
    ledger_url: str = ""
    outbox_url: str = ""
    ledger_key_file: str = ""
    # "normal": an entry survives a crash of the gateway when the call answers, and is on
    # disk before its record is accepted for delivery; without a sink, a machine crash can
    # lose the last second of entries. "full": on disk before every answer (an fsync each).
    ledger_sync: str = "normal"
    # How often the server purges data past retain_until (0: only `leadgate retention sweep`).
    retention_sweep_seconds: float = 3600.0
    # Gateway processes sharing the port (SO_REUSEPORT), each with its own engine.
    workers: int = 1
    # A lone gateway refuses a port another process already serves; true lets it join
    # (SO_REUSEPORT) as one more instance, for a rolling restart.
    share_port: bool = False
    # Operations.
    metrics_host: str = "127.0.0.1"
    metrics_port: int = 9464
    grace_seconds: float = 5.0
    stream_hold_seconds: float = 1.5
    log_level: str = "INFO"

    @property
    def address(self) -> str:
        """The grpc bind address: ``unix:PATH`` or ``host:port``."""
        if self.socket_path:
            return f"unix:{self.socket_path}"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def data_path(self) -> Path:
        """``data_dir``, else the per-user data directory (never the current directory).

        Files made wherever a command happened to run would leave an operator with
        several ledgers, of which ``rights lookup`` sees one.
        """
        return Path(self.data_dir) if self.data_dir else default_data_dir()

    @property
    def ledger_file(self) -> str:
        """The ledger's path: ``ledger_path``, else ``<data dir>/ledger.sqlite3``."""
        return self.ledger_path or str(self.data_path / "ledger.sqlite3")

    @property
    def outbox_file(self) -> str:
        """The outbox's path: ``outbox_path``, else ``<data dir>/outbox.sqlite3``."""
        return self.outbox_path or str(self.data_path / "outbox.sqlite3")

    @property
    def uses_tls(self) -> bool:
        """True when a server certificate is configured."""
        return bool(self.tls_cert_file)

    @property
    def is_local(self) -> bool:
        """True for a Unix socket or a loopback address: plain text is allowed there."""
        return bool(self.socket_path) or is_loopback(self.host)


@dataclass(frozen=True)
class StoreUrl:
    """Where a store lives: a SQLite file on this host, or a PostgreSQL database."""

    kind: Literal["sqlite", "postgresql"]
    location: str  # the file's path, or the connection URL as given

    @property
    def shown(self) -> str:
        """The location as a log line or an error may show it: no password."""
        return without_password(self.location)


def without_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for logs and errors)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def store_url(value: str, default_path: str) -> StoreUrl:
    """``ledger_url``/``outbox_url`` read: empty -> ``default_path``; raises ConfigError."""
    problem = store_url_problem(value)
    if problem:
        raise ConfigError(problem)
    if value.startswith(("postgresql://", "postgres://")):
        return StoreUrl("postgresql", value)
    if value.startswith("sqlite:///"):
        return StoreUrl("sqlite", value[len("sqlite://") :])
    return StoreUrl("sqlite", value or default_path)


def store_url_problem(value: str) -> str:
    """What is wrong with a store URL ("" when nothing), without echoing its password."""
    if value.startswith(("postgresql://", "postgres://", "sqlite:///")) or "://" not in value:
        return ""
    scheme = value.split("://", 1)[0]
    return f"unknown scheme {scheme!r}: use a file path, sqlite:///PATH or postgresql://..."


def is_loopback(host: str) -> bool:
    """``localhost`` or an address in 127.0.0.0/8 or ::1."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _coerce(name: str, raw: object) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "int":
            return int(str(raw))
        if kind == "float":
            return float(str(raw))
        if kind == "bool":
            return _boolean(raw)
        return str(raw)
    except ValueError:
        raise ConfigError(f"setting {name!r} must be {kind}") from None


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise ValueError


def _apply(settings: Settings, values: Mapping[str, object], origin: str) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s) in {origin}: {', '.join(unknown)}")
    if "allow_insecure" in values and origin != COMMAND_LINE:
        raise ConfigError(
            f"'allow_insecure' in {origin}: plain text is only ever allowed by --insecure"
        )
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
    settings = _apply(settings, clean, COMMAND_LINE)
    _validate(settings)
    return settings


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The per-user data directory: $XDG_DATA_HOME/leadgate, else ~/.local/share/leadgate."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "leadgate"


_AT_LEAST_ONE = (
    "retention_days",
    "max_message_bytes",
    "max_fields_per_lead",
    "max_segments_per_transcript",
    "max_segment_chars",
    "max_concurrent_streams",
    "max_field_chars",
    "max_stream_bytes",
    "max_pending_calls",
    "outbox_max_records",
    "sink_max_message_bytes",
    "workers",
)
_POSITIVE_SECONDS = (
    "sink_timeout_seconds",
    "retry_initial_seconds",
    "retry_max_seconds",
    "stream_hold_seconds",
    "stream_idle_seconds",
    "max_call_seconds",
    "max_engine_seconds",
)


def setting_problems(settings: Settings) -> list[str]:
    """Every rule the values break on their own (files are checked by check-config)."""
    problems = [
        f"setting {name!r} must be between 0 and 65535"
        for name in ("port", "metrics_port")
        if not 0 <= getattr(settings, name) <= 65535
    ]
    problems += [f"setting {n!r} must be >= 1" for n in _AT_LEAST_ONE if getattr(settings, n) < 1]
    problems += [
        f"setting {n!r} must be > 0" for n in _POSITIVE_SECONDS if getattr(settings, n) <= 0
    ]
    if settings.max_streams_per_caller < 0:
        problems.append("setting 'max_streams_per_caller' must be >= 0 (0: only the total)")
    for name in ("ledger_url", "outbox_url"):
        problem = store_url_problem(getattr(settings, name))
        if problem:
            problems.append(f"setting {name!r}: {problem}")
    if settings.ledger_sync not in ("full", "normal"):
        problems.append("setting 'ledger_sync' must be 'full' or 'normal'")
    if settings.retention_sweep_seconds < 0:
        problems.append("setting 'retention_sweep_seconds' must be >= 0 (0: no in-server sweep)")
    problems += [
        f"setting {name!r} must be >= 0 (0: no limit)"
        for name in ("max_connection_age_seconds", "max_connection_age_grace_seconds")
        if getattr(settings, name) < 0
    ]
    if settings.grace_seconds < 0:
        problems.append("setting 'grace_seconds' must be >= 0")
    if bool(settings.tls_cert_file) != bool(settings.tls_key_file):
        problems.append("settings 'tls_cert_file' and 'tls_key_file' must be set together")
    if settings.tls_client_ca_file and not settings.tls_cert_file:
        problems.append(
            "setting 'tls_client_ca_file' (mTLS) needs 'tls_cert_file' and 'tls_key_file'"
        )
    if settings.workers > 1 and settings.socket_path:
        problems.append(
            "setting 'workers' above 1 needs a TCP address: a Unix socket cannot be shared"
        )
    if settings.log_level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        problems.append("setting 'log_level' must be DEBUG, INFO, WARNING or ERROR")
    return problems


def transport_problems(settings: Settings) -> list[str]:
    """Refuse plain text beyond loopback or a Unix socket unless ``--insecure`` was given."""
    if settings.is_local or settings.allow_insecure:
        return []
    problems = []
    if not settings.uses_tls:
        problems.append(
            f"refusing to serve plain text on {settings.host}: set tls_cert_file and "
            "tls_key_file, bind a loopback address or a socket_path, or start with --insecure"
        )
    if not settings.keys_file:
        problems.append(
            f"refusing to serve {settings.host} without a keys_file: beyond loopback every "
            "caller must authenticate (or start with --insecure)"
        )
    return problems


def _validate(settings: Settings) -> None:
    problems = setting_problems(settings)
    if problems:
        raise ConfigError("; ".join(problems))


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
