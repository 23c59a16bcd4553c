"""Write a column profile's field map into an owner's entry of the policy file.

The file is edited as text, not re-serialized, so its comments, order and every
other owner's settings stay as they are: new entries are added to the owner's
``[owners.<owner>.field_map]`` table (made at the end of the file if it has
none). Entries the file already has win over the profile (an owner's explicit
map is theirs). The result is parsed again and must equal the old document plus
the new entries, or nothing is written; then it replaces the file atomically.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gateway.config import ConfigError

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_HEADER = re.compile(r"^\s*\[(?!\[)(?P<keys>[^\]#]*)\]\s*(?:#.*)?$")
_KEY_PART = re.compile(
    r"""\s*(?:(?P<bare>[A-Za-z0-9_-]+)|"(?P<basic>(?:[^"\\]|\\.)*)"|'(?P<literal>[^']*)')\s*"""
)
_ANY_HEADER = re.compile(r"^\s*\[")


@dataclass(frozen=True)
class FieldMapEdit:
    """What writing a field map changed: entries added, entries the file kept instead."""

    path: Path
    owner: str
    added: dict[str, str] = field(default_factory=dict)
    # column -> (the file's kind, kept; the profile's kind, not written)
    kept: dict[str, tuple[str, str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """What changed, for a person."""
        table = f"owners.{_key(self.owner)}.field_map"
        if not self.added:
            out = [f"{self.path}: {table} already holds the profile's map; nothing written"]
        else:
            out = [f"{self.path}: {table}: added {len(self.added)} column(s)"]
            out += [f"  + {toml_entry(column, kind)}" for column, kind in self.added.items()]
        out += [
            f"  kept {toml_entry(column, old)} (the file's own; the profile says {new})"
            for column, (old, new) in self.kept.items()
        ]
        return out


def write_field_map(path: Path, owner: str, entries: Mapping[str, str]) -> FieldMapEdit:
    """Add ``entries`` to ``owner``'s field map in the policy file at ``path``."""
    text = path.read_text() if path.exists() else ""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"policy file {path}: {error}") from None
    current = _current_map(document, owner, path)
    added = {c: k for c, k in entries.items() if c not in current}
    kept = {c: (current[c], k) for c, k in entries.items() if c in current and current[c] != k}
    edit = FieldMapEdit(path, owner, added, kept)
    if not added:
        return edit
    updated = _with_entries(text, owner, added)
    expected = _expected(document, owner, {**current, **added})
    try:
        written = tomllib.loads(updated)
    except tomllib.TOMLDecodeError:
        written = None
    if written != expected:
        lines = "\n".join(f"  {toml_entry(c, k)}" for c, k in added.items())
        raise ConfigError(
            f"policy file {path}: cannot add to owners.{_key(owner)}.field_map automatically "
            f"(it is written in a form this tool does not edit); add by hand:\n{lines}"
        )
    _replace(path, updated)
    return edit


def _current_map(document: Mapping[str, Any], owner: str, path: Path) -> dict[str, str]:
    section: Any = document.get("owners", {})
    for key in (owner, "field_map"):
        if not isinstance(section, Mapping):
            raise ConfigError(f"policy file {path}: owners.{_key(owner)} must be a table")
        section = section.get(key, {})
    if not isinstance(section, Mapping):
        raise ConfigError(f"policy file {path}: owners.{_key(owner)}.field_map must be a table")
    return {str(column): str(kind) for column, kind in section.items()}


def _expected(document: Mapping[str, Any], owner: str, field_map: dict[str, str]) -> dict[str, Any]:
    expected = copy.deepcopy(dict(document))
    owners = expected.setdefault("owners", {})
    owners.setdefault(owner, {})["field_map"] = field_map
    return expected


def _with_entries(text: str, owner: str, added: Mapping[str, str]) -> str:
    """The text with ``added`` at the end of the owner's field-map table (made if missing)."""
    new_lines = [toml_entry(column, kind) for column, kind in added.items()]
    lines = text.splitlines()
    start = next(
        (i for i, line in enumerate(lines) if _header_keys(line) == ["owners", owner, "field_map"]),
        None,
    )
    if start is None:
        head = text if not text or text.endswith("\n") else text + "\n"
        separator = "\n" if head else ""
        table = f"[owners.{_key(owner)}.field_map]"
        return head + separator + "\n".join([table, *new_lines]) + "\n"
    end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # new entries go before the blank lines that end the table
    return "\n".join([*lines[:end], *new_lines, *lines[end:]]) + "\n"


def _header_keys(line: str) -> list[str] | None:
    """``[owners."acme co".field_map]`` -> ``["owners", "acme co", "field_map"]``."""
    match = _HEADER.match(line)
    if match is None:
        return None
    keys = []
    for part in match["keys"].split("."):
        key = _KEY_PART.fullmatch(part)
        if key is None:
            return None  # a dot inside a quoted key: not a header this tool edits
        if key["bare"] is not None:
            keys.append(key["bare"])
        elif key["basic"] is not None:
            try:
                keys.append(json.loads(f'"{key["basic"]}"'))
            except ValueError:
                return None  # an escape JSON does not know: not a header this tool edits
        else:
            keys.append(key["literal"])
    return keys


def _key(name: str) -> str:
    """A TOML key: bare when it can be, else a basic string."""
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def toml_entry(column: str, kind: str) -> str:
    """``column = "KIND"``, the column quoted when TOML needs it."""
    return f"{_key(column)} = {json.dumps(kind, ensure_ascii=False)}"


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to a new file beside ``path``, then rename it over ``path``."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "w") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
