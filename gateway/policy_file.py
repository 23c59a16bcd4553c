"""Read the owner-policy file (TOML) into a PolicyBook; every error names its key.

    id = "acme-policies"          # goes into every record's tags
    version = "3"

    [default]                     # applies to owners without a section of their own
    retention_days = 120
    transcript_ordinary = "keep"  # keep | mask | label ordinary PI in transcripts
    child_max_age = 13            # 13, or 16 where a policy says so
    transcript_numbers = "sensitive"  # or "all": every other customer number of 3+ digits
    language = "auto"             # or "en" / "es": the calls' language (a call may say its own)
    # Live calls: the types whose question pauses the recording (this list is the default),
    # and the longest pause (5..3600 s) before the gateway resumes it with a warning.
    pause_recording = ["CREDIT_CARD", "CARD_EXPIRY", "CARD_SECURITY_CODE", "US_BANK_NUMBER",
                       "US_SSN", "ACCOUNT_SECRET"]
    max_pause_seconds = 120
    [default.actions]             # entity type or category -> remove|label|mask|hash|encrypt|keep
    HEALTH = "label"

    [owners.acme]                 # inherits [default], overrides what it sets
    retention_days = 90
    key_env = "LEADGATE_KEY_ACME" # 32-byte key, hex or base64, for hash/encrypt
    accept_legacy_encryption = false  # true: Reidentify opens pre-v2 values (migration only)
    [owners.acme.actions]
    PERSON = "hash"
    [owners.acme.field_map]       # column -> entity type: every value handled whole as it
    c7 = "DATE_OF_BIRTH"          # (`leadgate profile FILE --owner acme --write-policy`)

Keys never sit in the file: each owner names the environment variable that
holds its own key, so no key is shared between owners.
"""

from __future__ import annotations

import base64
import binascii
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gateway.errors import ConfigError
from redaction import (
    ACTION_WORDS,
    DEFAULT_MAX_PAUSE_SECONDS,
    DEFAULT_PAUSE_RECORDING,
    KEY_BYTES,
    Action,
    PolicyBook,
    RedactionError,
    RedactionPolicy,
)

_POLICY_KEYS = frozenset(
    {
        "retention_days",
        "transcript_ordinary",
        "child_max_age",
        "transcript_numbers",
        "language",
        "pause_recording",
        "max_pause_seconds",
        "actions",
        "field_map",
        "key_env",
        "accept_legacy_encryption",
        "version",
    }
)


def load_policy_book(path: Path, environ: Mapping[str, str] | None = None) -> PolicyBook:
    """Parse and validate the policy file; raise ConfigError naming the bad key."""
    try:
        data = tomllib.loads(path.read_text())
    except OSError as error:
        raise ConfigError(f"cannot read policy file {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"policy file {path}: {error}") from None
    return policy_book_from_mapping(data, os.environ if environ is None else environ)


def policy_book_from_mapping(data: Mapping[str, Any], environ: Mapping[str, str]) -> PolicyBook:
    """Build the default and per-owner policies from parsed TOML."""
    unknown = set(data) - {"id", "version", "default", "owners"}
    if unknown:
        raise ConfigError(f"policy file: unknown key(s) {', '.join(sorted(unknown))}")
    policy_id = str(data.get("id", "default"))
    version = str(data.get("version", "1"))
    default_section = _section(data.get("default", {}), "default")
    default = _policy(default_section, {}, policy_id, version, "default", environ)
    owners_section = _section(data.get("owners", {}), "owners")
    owners = {
        owner: _policy(
            _section(section, f"owners.{owner}"),
            default_section,
            policy_id,
            version,
            f"owners.{owner}",
            environ,
        )
        for owner, section in owners_section.items()
    }
    return PolicyBook(default=default, owners=MappingProxyType(owners))


def _section(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"policy file: {path} must be a table")
    return value


def _policy(
    section: Mapping[str, Any],
    inherited: Mapping[str, Any],
    policy_id: str,
    version: str,
    path: str,
    environ: Mapping[str, str],
) -> RedactionPolicy:
    unknown = set(section) - _POLICY_KEYS
    if unknown:
        raise ConfigError(f"policy file: unknown key(s) in {path}: {', '.join(sorted(unknown))}")
    merged = {**inherited, **section}
    actions = {
        **_actions(inherited.get("actions", {}), "default.actions"),
        **_actions(section.get("actions", {}), f"{path}.actions"),
    }
    field_map = {
        **_field_map(inherited.get("field_map", {}), "default.field_map"),
        **_field_map(section.get("field_map", {}), f"{path}.field_map"),
    }
    try:
        return RedactionPolicy(
            policy_id=policy_id,
            policy_version=str(section.get("version", version)),
            retention_days=_int(merged, "retention_days", 120, path),
            actions=MappingProxyType(actions),
            transcript_ordinary=_action(
                str(merged.get("transcript_ordinary", "keep")), f"{path}.transcript_ordinary"
            ),
            child_max_age=_int(merged, "child_max_age", 13, path),
            transcript_numbers=str(merged.get("transcript_numbers", "sensitive")),
            language=str(merged.get("language", "auto")),
            key=_key(section.get("key_env"), path, environ),
            path=path,
            field_map=MappingProxyType(field_map),
            accept_legacy_encryption=_bool(merged, "accept_legacy_encryption", path),
            pause_recording=_names(merged, "pause_recording", DEFAULT_PAUSE_RECORDING, path),
            max_pause_seconds=_seconds(
                merged, "max_pause_seconds", DEFAULT_MAX_PAUSE_SECONDS, path
            ),
        )
    except RedactionError as error:
        raise ConfigError(f"policy file: {error.message}") from None


def _actions(value: object, path: str) -> dict[str, Action]:
    return {
        str(name): _action(str(word), f"{path}.{name}")
        for name, word in _section(value, path).items()
    }


def _field_map(value: object, path: str) -> dict[str, str]:
    table = _section(value, path)
    for column, kind in table.items():
        if not isinstance(kind, str):
            raise ConfigError(f"policy file: {path}.{column} must be an entity type name")
    return {str(column): kind for column, kind in table.items()}


def _action(word: str, path: str) -> Action:
    try:
        return ACTION_WORDS[word.lower()]
    except KeyError:
        raise ConfigError(f"policy file: {path} must be one of {', '.join(ACTION_WORDS)}") from None


def _int(section: Mapping[str, Any], key: str, default: int, path: str) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"policy file: {path}.{key} must be an integer")
    return value


def _names(
    section: Mapping[str, Any], key: str, default: frozenset[str], path: str
) -> frozenset[str]:
    value = section.get(key, sorted(default))
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ConfigError(f"policy file: {path}.{key} must be a list of entity type names")
    return frozenset(value)


def _seconds(section: Mapping[str, Any], key: str, default: float, path: str) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"policy file: {path}.{key} must be a number of seconds")
    return float(value)


def _bool(section: Mapping[str, Any], key: str, path: str) -> bool:
    value = section.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"policy file: {path}.{key} must be true or false")
    return value


def _key(env_name: object, path: str, environ: Mapping[str, str]) -> bytes | None:
    if env_name is None:
        return None
    raw = environ.get(str(env_name), "")
    if not raw:
        raise ConfigError(f"policy file: {path}.key_env names {env_name}, which is not set")
    for decode in (bytes.fromhex, base64.b64decode):
        try:
            key = decode(raw.strip())
        except (ValueError, binascii.Error):
            continue
        if len(key) == KEY_BYTES:
            return key
    raise ConfigError(
        f"policy file: {path}.key_env: {env_name} must hold {KEY_BYTES} bytes, hex or base64"
    )
