"""The consumer index: keyed hashes of a record's phone numbers and emails, never the values.

A controller forwards a consumer's request with the consumer's phone or email;
the same normalization and the same key find that consumer's records. Each owner
gets its own key (derived from one secret), so equal phones under two owners
hash apart and one owner's lookup can never match another's records. Without the
secret the hashes cannot be reversed by trying every phone number.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from gateway.config import ConfigError
from redaction import Finding, Lead, Transcript, normalize_numbers

IdentifierKind = Literal["phone", "email"]
_ENTITY_KINDS: dict[str, IdentifierKind] = {"PHONE_NUMBER": "phone", "EMAIL_ADDRESS": "email"}
_DERIVE_LABEL = b"leadgate consumer index v1\x00"
_KEY_HEX = re.compile(r"[0-9a-f]{64}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PHONE_DIGITS = 7


class ConsumerKeyError(ConfigError):
    """The index key file is unreadable or malformed; the message says which file."""


def normalize_phone(value: str) -> str | None:
    """Digits only (spoken digits too), without a leading US country code; None if too short."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) < MIN_PHONE_DIGITS:
        digits = "".join(ch for ch in normalize_numbers(value).text if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits if len(digits) >= MIN_PHONE_DIGITS else None


def normalize_email(value: str) -> str | None:
    """Trimmed and lower-cased; None unless it looks like one address."""
    text = value.strip().strip("<>").strip().lower()
    return text if _EMAIL.fullmatch(text) else None


def normalize(kind: IdentifierKind, value: str) -> str | None:
    """The form both the index and a lookup hash."""
    return normalize_phone(value) if kind == "phone" else normalize_email(value)


def identifiers_of(
    record: Lead | Transcript, findings: Iterable[Finding]
) -> Iterator[tuple[IdentifierKind, str]]:
    """The normalized phones and emails the engine found in a record (kept or removed)."""
    for finding in findings:
        kind = _ENTITY_KINDS.get(finding.entity_type)
        if kind is None:
            continue
        text = _text_at(record, finding)
        if text is None:
            continue
        value = normalize(kind, text[finding.start : finding.end])
        if value is not None:
            yield kind, value


def _text_at(record: Lead | Transcript, finding: Finding) -> str | None:
    if isinstance(record, Lead):
        return record.fields.get(finding.field_name) if finding.field_name is not None else None
    index = finding.segment_index
    if index is None or not 0 <= index < len(record.segments):
        return None
    return record.segments[index].text


class ConsumerIndex:
    """HMAC-SHA256 under a per-owner key derived from one secret."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ConsumerKeyError("the consumer index secret must be at least 32 bytes")
        self.secret = secret
        self._owner_keys: dict[str, bytes] = {}

    @property
    def fingerprint(self) -> str:
        """Names the secret without revealing it: the ledger refuses entries under another."""
        return hmac.new(self.secret, b"leadgate key fingerprint", hashlib.sha256).hexdigest()[:16]

    def owner_key(self, owner: str) -> bytes:
        """The owner's own key: HMAC(secret, label || owner)."""
        key = self._owner_keys.get(owner)
        if key is None:
            key = hmac.new(self.secret, _DERIVE_LABEL + owner.encode(), hashlib.sha256).digest()
            self._owner_keys[owner] = key
        return key

    def digest(self, owner: str, kind: IdentifierKind, normalized: str) -> bytes:
        """The keyed hash stored in the ledger for one normalized identifier."""
        message = kind.encode() + b"\x00" + normalized.encode()
        return hmac.new(self.owner_key(owner), message, hashlib.sha256).digest()

    def lookup_digest(self, owner: str, kind: IdentifierKind, value: str) -> bytes:
        """Hash a value as a consumer gave it; raises ValueError if it is not a phone/email."""
        normalized = normalize(kind, value)
        if normalized is None:
            what = "a phone number (7 digits or more)" if kind == "phone" else "an email address"
            raise ValueError(f"--{kind}: not {what}")
        return self.digest(owner, kind, normalized)


def load_secret(path: Path) -> bytes:
    """Read an existing index secret; never make one (lookups need the gateway's own)."""
    if not path.exists():
        raise ConsumerKeyError(
            f"ledger key file {path} does not exist: lookups need the key the gateway hashed"
            " with (set ledger_key_file, or run with the gateway's configuration)"
        )
    return load_or_create_secret(path)


def load_or_create_secret(path: Path) -> bytes:
    """Read the index secret (64 hex digits); create it, mode 0600, on first use.

    Several processes may start at once: the file appears whole or not at all
    (written aside, then linked into place), and whoever loses the race reads the
    winner's.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".leadgate-key-")
        try:
            os.write(descriptor, (secrets.token_hex(32) + "\n").encode())
            os.fsync(descriptor)
            os.close(descriptor)
            os.chmod(temporary, 0o600)
            with contextlib.suppress(FileExistsError):  # another process won the race
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    try:
        text = path.read_text().strip()
    except OSError as error:
        raise ConsumerKeyError(f"cannot read ledger key file {path}: {error.strerror}") from None
    if not _KEY_HEX.fullmatch(text):
        raise ConsumerKeyError(f"ledger key file {path} must hold 64 lowercase hex digits")
    return bytes.fromhex(text)


class CallKeys:
    """The keyed hashes of phones and emails said on a live call, gathered as it goes.

    A segment's text is kept only until the segment is released (redacted), then
    dropped: what stays is the hashes, for the call's ledger entry at its end.
    """

    def __init__(self, index: ConsumerIndex | None, owner: str) -> None:
        self._index = index
        self._owner = owner
        self._texts: dict[int, str] = {}
        self._keys: set[tuple[IdentifierKind, bytes]] = set()

    def pushed(self, segment_index: int, text: str) -> None:
        """A segment was received (it may be held before it is released)."""
        if self._index is not None:
            self._texts[segment_index] = text

    def released(self, segment_index: int, findings: Iterable[Finding]) -> None:
        """A segment came out redacted: hash what it said, forget its text."""
        text = self._texts.pop(segment_index, None)
        if text is None or self._index is None:
            return
        for finding in findings:
            kind = _ENTITY_KINDS.get(finding.entity_type)
            value = normalize(kind, text[finding.start : finding.end]) if kind else None
            if kind is not None and value is not None:
                self._keys.add((kind, self._index.digest(self._owner, kind, value)))

    @property
    def keys(self) -> tuple[tuple[IdentifierKind, bytes], ...]:
        """What the call's ledger entry carries."""
        return tuple(sorted(self._keys))
