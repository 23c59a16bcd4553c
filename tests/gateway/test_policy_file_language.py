"""The policy file's ``language``: inherited from [default], per owner, refused naming its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.config import ConfigError
from gateway.policy_file import load_policy_book

POLICY = """
id = "acme-policies"

[default]
retention_days = 120

[owners.acme]
retention_days = 90

[owners.globex]
retention_days = 60
"""


def _load(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    book = load_policy_book(path, {})
    return {owner: book.for_owner(owner).language for owner in ("acme", "globex", "someone")}


@pytest.mark.parametrize(
    "text, expected",
    [
        # unset: every owner reads each segment's own words
        (POLICY, {"acme": "auto", "globex": "auto", "someone": "auto"}),
        # one owner's calls are Spanish
        (
            POLICY.replace("retention_days = 90", 'language = "es"'),
            {"acme": "es", "globex": "auto", "someone": "auto"},
        ),
        # the default's setting is inherited; an owner may set it back
        (
            POLICY.replace("retention_days = 120", 'language = "en"').replace(
                "retention_days = 60", 'language = "auto"'
            ),
            {"acme": "en", "globex": "auto", "someone": "en"},
        ),
    ],
)
def test_when_language_set_then_each_owner_gets_its_own(
    tmp_path: Path, text: str, expected: dict[str, str]
) -> None:
    assert _load(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text, named",
    [
        (POLICY.replace("retention_days = 90", 'language = "xx"'), "owners.acme.language"),
        (POLICY.replace("retention_days = 90", 'language = "mixed"'), "owners.acme.language"),
        (POLICY.replace("retention_days = 90", 'language = ""'), "owners.acme.language"),
        (POLICY.replace("retention_days = 90", "language = 1"), "owners.acme.language"),
        (POLICY.replace("retention_days = 120", 'language = "fr"'), "default.language"),
    ],
)
def test_when_language_not_a_setting_then_error_names_key_and_allowed_values(
    tmp_path: Path, text: str, named: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, text)
    assert named in str(raised.value)
    assert "auto, en, es" in str(raised.value)
