"""The policy file's ``pause_recording`` and ``max_pause_seconds``: per owner, refused by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.config import ConfigError
from gateway.policy_file import load_policy_book
from redaction.policy import DEFAULT_PAUSE_RECORDING

POLICY = """
id = "acme-policies"

[default]
retention_days = 120

[owners.acme]
retention_days = 90
"""


def _load(tmp_path: Path, text: str) -> dict[str, tuple[frozenset[str], float]]:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    book = load_policy_book(path, {})
    return {
        owner: (book.for_owner(owner).pause_recording, book.for_owner(owner).max_pause_seconds)
        for owner in ("acme", "someone")
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # unset: card data, bank account and SSN pause; two minutes at most
        (
            POLICY,
            {
                "acme": (DEFAULT_PAUSE_RECORDING, 120.0),
                "someone": (DEFAULT_PAUSE_RECORDING, 120.0),
            },
        ),
        # one owner pauses for the card only, and for 45 s at most
        (
            POLICY.replace(
                "retention_days = 90", 'pause_recording = ["CREDIT_CARD"]\nmax_pause_seconds = 45'
            ),
            {
                "acme": (frozenset({"CREDIT_CARD"}), 45.0),
                "someone": (DEFAULT_PAUSE_RECORDING, 120.0),
            },
        ),
        # the default's setting is inherited; an empty list turns hints off
        (
            POLICY.replace("retention_days = 120", "pause_recording = []"),
            {"acme": (frozenset(), 120.0), "someone": (frozenset(), 120.0)},
        ),
    ],
)
def test_when_recording_pauses_are_set_then_each_owner_gets_its_own(
    tmp_path: Path, text: str, expected: dict[str, tuple[frozenset[str], float]]
) -> None:
    assert _load(tmp_path, text) == expected


@pytest.mark.parametrize(
    "setting, named",
    [
        ('pause_recording = ["PERSON"]', "owners.acme.pause_recording.PERSON"),
        ('pause_recording = "CREDIT_CARD"', "owners.acme.pause_recording must be a list"),
        ("max_pause_seconds = 1", "owners.acme.max_pause_seconds: must be 5..3600"),
        ('max_pause_seconds = "soon"', "owners.acme.max_pause_seconds must be a number"),
    ],
)
def test_when_a_recording_setting_is_wrong_then_the_error_names_its_key(
    tmp_path: Path, setting: str, named: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, POLICY.replace("retention_days = 90", setting))
    assert named in str(raised.value)
