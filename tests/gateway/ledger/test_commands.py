"""The ledger's operator commands through the real CLI on a real ledger: no surprises.

``retention sweep`` previews unless ``--yes``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from gateway import cli
from gateway.ledger.entry import QUEUED
from gateway.ledger.sqlite_store import SqliteLedger
from gateway.ledger.store import AuditQuery
from tests.gateway.ledger.test_sqlite_store import T0, entry

# Every entry below is kept 120 days from T0: due by then, not before.
DUE = (T0 + timedelta(days=121)).isoformat()


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file naming this test's own ledger (and no dialer sink)."""
    monkeypatch.delenv("LEADGATE_LEDGER_PATH", raising=False)
    path = tmp_path / "leadgate.toml"
    path.write_text(f'ledger_path = "{tmp_path / "ledger.sqlite3"}"\n')
    return path


@pytest.fixture
def ledger(tmp_path: Path, config: Path) -> Iterator[SqliteLedger]:
    store = SqliteLedger(tmp_path / "ledger.sqlite3")
    yield store
    store.close()


def _run(capsys: pytest.CaptureFixture[str], config: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--config", str(config), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _statuses(store: SqliteLedger) -> dict[str, str]:
    return {row.record_id: row.status for row in store.query(AuditQuery())}


# -- retention sweep: a preview unless --yes -----------------------------------------


def test_when_sweep_without_yes_then_counts_shown_and_nothing_purged(
    capsys: pytest.CaptureFixture[str], config: Path, ledger: SqliteLedger
) -> None:
    ledger.record(
        [
            entry("A-1"),
            entry("A-2"),
            replace(entry("A-3"), kind="transcript"),
            entry("G-1", owner="globex"),
            entry("N-1", received=T0 + timedelta(days=30)),  # not due yet
        ]
    )

    code, out, err = _run(capsys, config, "retention", "sweep", "--as-of", DUE)

    assert code == 0  # as rights delete without --yes: a preview is a success
    assert "4 expired entries would be left as tombstones" in out
    lines = [line.split() for line in out.splitlines()]
    assert ["acme", "lead", "2"] in lines
    assert ["acme", "transcript", "1"] in lines
    assert ["globex", "lead", "1"] in lines
    assert "A-1" not in out + err  # counts, never records
    assert "nothing purged: re-run with --yes" in err
    assert set(_statuses(ledger).values()) == {"active"}


def test_when_sweep_with_yes_then_due_entries_become_tombstones(
    capsys: pytest.CaptureFixture[str], config: Path, ledger: SqliteLedger
) -> None:
    ledger.record([entry("A-1"), entry("N-1", received=T0 + timedelta(days=30))])

    code, out, _ = _run(capsys, config, "retention", "sweep", "--as-of", DUE, "--yes")

    assert code == 0
    assert "1 expired entry left as tombstones" in out
    assert _statuses(ledger) == {"A-1": "expired", "N-1": "active"}


def test_when_sweep_preview_finds_records_held_for_a_sink_then_it_says_they_stay(
    capsys: pytest.CaptureFixture[str], config: Path, ledger: SqliteLedger
) -> None:
    ledger.record([entry("Q-1", status=QUEUED), entry("A-1")])

    code, out, err = _run(capsys, config, "retention", "sweep", "--as-of", DUE)

    assert code == 0
    assert "1 expired entry would be left as tombstones" in out
    assert "1 expired entry would be left alone" in err  # no sink configured here
    assert "--yes" in err
    assert set(_statuses(ledger).values()) == {"active"}


def test_when_nothing_is_due_then_preview_says_so_without_asking_for_yes(
    capsys: pytest.CaptureFixture[str], config: Path, ledger: SqliteLedger
) -> None:
    ledger.record([entry("A-1")])

    code, out, err = _run(capsys, config, "retention", "sweep", "--as-of", T0.isoformat())

    assert code == 0
    assert "0 expired entries would be left as tombstones" in out
    assert "--yes" not in err
