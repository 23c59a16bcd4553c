"""Who is calling, and for which owners: principals from the keys file.

A principal authenticates with an API key (``authorization: Bearer <key>``;
the keys file stores only its SHA-256) or with a client certificate under mTLS
(its subject or common name names the principal). It lists the owners it may
act for and its scopes. With no keys file the gateway is in local mode: one
``local`` principal, any owner, redact and reidentify; serve refuses that
anywhere but loopback or a Unix socket unless ``--insecure`` is given.

Keys file (TOML)::

    [[principal]]
    name = "dialer-east"
    key_sha256 = "9f86d0...15b0f00a08"    # `leadgate new-key` prints a key and this line
    owners = ["acme-insurance"]
    scopes = ["redact"]

    [[principal]]
    name = "acme-backoffice"
    cert_subject = "CN=acme-backoffice"    # or a bare common name
    owners = ["acme-insurance"]
    scopes = ["redact", "reidentify"]
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gateway.config import ConfigError
from gateway.errors import PermissionDeniedError, UnauthenticatedError
from redaction import FieldViolation

SCOPES = frozenset({"redact", "reidentify", "admin"})
ANY_OWNER = "*"
_HEX64 = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: its name, the owners it may act for, what it may do."""

    name: str
    owners: frozenset[str]
    scopes: frozenset[str]

    @property
    def sole_owner(self) -> str | None:
        """The owner a payload may omit, when the principal acts for exactly one."""
        if len(self.owners) == 1 and ANY_OWNER not in self.owners:
            return next(iter(self.owners))
        return None

    def may_act_for(self, owner: str) -> bool:
        """True when the principal may submit or read this owner's records."""
        return ANY_OWNER in self.owners or owner in self.owners

    def owner_for(self, payload_owner: str, field: str) -> str:
        """The owner a record is processed for: the payload's if allowed, else the sole one.

        An empty payload owner with no sole owner stays empty, so validation names the field.
        """
        if not payload_owner:
            return self.sole_owner or ""
        if not self.may_act_for(payload_owner):
            raise PermissionDeniedError(
                f"principal {self.name!r} may not act for the owner in {field}",
                (FieldViolation(field, "owner not granted to this principal"),),
            )
        return payload_owner

    def require_scope(self, scope: str) -> None:
        """Raise PermissionDeniedError unless the principal holds the scope."""
        if scope not in self.scopes:
            raise PermissionDeniedError(f"principal {self.name!r} lacks the {scope!r} scope")


LOCAL_PRINCIPAL = Principal("local", frozenset({ANY_OWNER}), frozenset({"redact", "reidentify"}))


def hash_key(key: str) -> str:
    """The SHA-256 hex digest stored in the keys file instead of the key."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh random API key and its hash."""
    key = "lg_" + secrets.token_urlsafe(32)
    return key, hash_key(key)


@dataclass(frozen=True)
class KeyRing:
    """The principals of a keys file, indexed by key hash and certificate subject."""

    by_key_hash: Mapping[str, Principal]
    by_subject: Mapping[str, Principal]

    @property
    def local_mode(self) -> bool:
        """True when no principals are configured (no keys file)."""
        return not self.by_key_hash and not self.by_subject

    def authenticate(
        self,
        metadata: Iterable[tuple[str, str | bytes]],
        auth_context: Mapping[str, Iterable[bytes]],
    ) -> Principal:
        """The principal behind a call's bearer key or client certificate."""
        if self.local_mode:
            return LOCAL_PRINCIPAL
        token = _bearer_token(metadata)
        if token is not None:
            digest = hash_key(token)
            for stored, principal in self.by_key_hash.items():
                if hmac.compare_digest(stored, digest):
                    return principal
            raise UnauthenticatedError("the API key is not recognised")
        for subject in _certificate_names(auth_context):
            if subject in self.by_subject:
                return self.by_subject[subject]
        raise UnauthenticatedError(
            "credentials required: send 'authorization: Bearer <key>' or a client certificate"
        )


LOCAL_KEYRING = KeyRing({}, {})


def _bearer_token(metadata: Iterable[tuple[str, str | bytes]]) -> str | None:
    for key, value in metadata:
        if key.lower() == "authorization" and isinstance(value, str):
            scheme, _, token = value.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise UnauthenticatedError("the authorization header must be 'Bearer <key>'")
            return token.strip()
    return None


def _certificate_names(auth_context: Mapping[str, Iterable[bytes]]) -> list[str]:
    names: list[str] = []
    for prop in ("x509_subject", "x509_common_name"):
        names += [value.decode(errors="replace") for value in auth_context.get(prop, ())]
    return names


def load_keyring(path: Path) -> KeyRing:
    """Parse and check a keys file; every error names the principal and the key."""
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read keys file {path}: {exc}") from None
    entries = data.get("principal", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"keys file {path}: expected one or more [[principal]] tables")
    by_hash: dict[str, Principal] = {}
    by_subject: dict[str, Principal] = {}
    for index, entry in enumerate(entries):
        principal, key_hash, subject = _parse_principal(entry, f"{path}: principal[{index}]")
        if key_hash:
            if key_hash in by_hash:
                raise ConfigError(f"{path}: principal {principal.name!r} reuses another's key")
            by_hash[key_hash] = principal
        if subject:
            by_subject[subject] = principal
    return KeyRing(by_hash, by_subject)


def _parse_principal(entry: object, where: str) -> tuple[Principal, str, str]:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = sorted(set(entry) - {"name", "key_sha256", "cert_subject", "owners", "scopes"})
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{where}: 'name' is required")
    where = f"{where} ({name})"
    key_hash = str(entry.get("key_sha256", "")).lower()
    subject = str(entry.get("cert_subject", ""))
    if not key_hash and not subject:
        raise ConfigError(f"{where}: needs 'key_sha256' or 'cert_subject'")
    if key_hash and (len(key_hash) != 64 or not set(key_hash) <= _HEX64):
        raise ConfigError(f"{where}: 'key_sha256' must be 64 hex digits (the key's SHA-256)")
    owners = _string_list(entry.get("owners"), f"{where}: 'owners'")
    scopes = _string_list(entry.get("scopes", ["redact"]), f"{where}: 'scopes'")
    unknown_scopes = sorted(set(scopes) - SCOPES)
    if unknown_scopes:
        raise ConfigError(f"{where}: unknown scope(s) {', '.join(unknown_scopes)}")
    return Principal(name, frozenset(owners), frozenset(scopes)), key_hash, subject


def _string_list(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where} must be a non-empty list of strings")
    return list(value)
