"""The ledger's operator commands through the real CLI on a real ledger: no surprises.

``retention sweep`` previews unless ``--yes``; ``audit --format csv`` never hands a
spreadsheet a formula; a misspelt ``--category`` is an error, not an empty answer;
a reader that stops early (``| head``) ends the command quietly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from gateway.cli import app as cli
from gateway.custody.entry import LedgerEntry
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from tests.builders import ROOT
from tests.gateway.custody.test_sqlite_store import T0, entry

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
    ledger.record([entry("Q-1", status=DeliveryStatus.QUEUED), entry("A-1")])

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


# -- audit --format csv: no formulas ----------------------------------------------------


@pytest.mark.adversarial
@pytest.mark.parametrize(
    "record_id, cell",
    [
        # A spreadsheet would run these: prefixed with a quote (OWASP CSV injection).
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1-555", "'+1-555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        # Harmless: as they are.
        ("lead-1", "lead-1"),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        ("1-2", "1-2"),
    ],
)
def test_when_audit_csv_cell_starts_like_a_formula_then_it_is_quoted(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    ledger: SqliteLedger,
    record_id: str,
    cell: str,
) -> None:
    ledger.record([entry(record_id)])

    code, out, _ = _run(capsys, config, "audit", "--format", "csv")

    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out, newline="")))
    assert row["record_id"] == cell


@pytest.mark.adversarial
def test_when_audit_csv_goes_to_a_file_then_it_is_quoted_too(
    capsys: pytest.CaptureFixture[str], config: Path, ledger: SqliteLedger, tmp_path: Path
) -> None:
    ledger.record([entry("=1+1", owner="@acme")])
    target = tmp_path / "audit.csv"

    code, _, _ = _run(capsys, config, "audit", "--format", "csv", "-o", str(target))

    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(target.read_text(), newline="")))
    assert (row["record_id"], row["owner"]) == ("'=1+1", "'@acme")


# -- audit --category: a misspelt name is an error ------------------------------------


@pytest.mark.parametrize(
    "category, hint",
    [
        ("HEALT", "did you mean HEALTH?"),
        ("health", "did you mean HEALTH?"),
        ("LEAD_DATE", "did you mean LEAD_DATA?"),
        ("NOTHING_LIKE_IT", ""),
    ],
)
def test_when_audit_category_is_unknown_then_exit_2_listing_the_valid_ones(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    ledger: SqliteLedger,
    category: str,
    hint: str,
) -> None:
    ledger.record([entry("A-1", categories=(("HEALTH", 1),))])

    code, out, err = _run(capsys, config, "audit", "--category", category)

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert f"unknown --category {category!r}" in err
    assert hint in err
    assert "LEAD_DATA" in err and "GOVERNMENT_ID" in err  # the valid ones, listed


@pytest.mark.parametrize("category", ["HEALTH", "LEAD_DATA", "GOVERNMENT_ID", "CUSTOM_KIND"])
def test_when_audit_category_is_known_or_in_the_ledger_then_it_filters(
    capsys: pytest.CaptureFixture[str], config: Path, ledger: SqliteLedger, category: str
) -> None:
    ledger.record(
        [
            entry("A-1", categories=(("HEALTH", 1),)),
            entry("A-2", category="CUSTOM_KIND"),  # one a policy of its own may write
        ]
    )

    code, _, err = _run(capsys, config, "audit", "--category", category)

    assert (code, err) == (0, "")


# -- audit: card data captured while recording, per client --------------------------------


def test_when_calls_were_recorded_then_audit_shows_what_their_recordings_captured(
    capsys: pytest.CaptureFixture[str], config: Path, ledger: SqliteLedger, tmp_path: Path
) -> None:
    def call(record_id: str, owner: str, captured: int) -> LedgerEntry:
        return replace(
            entry(record_id, owner=owner, findings=(("CREDIT_CARD", 3),)),
            kind="transcript",
            door="stream",
            captured_while_recording=captured,
        )

    ledger.record([call("A-C1", "acme", 2), call("G-C1", "globex", 3), entry("A-L1")])
    report = tmp_path / "report.html"

    code, out, _ = _run(capsys, config, "audit", "--format", "json", "--html", str(report))

    assert code == 0
    captured = {row["record_id"]: row["captured_while_recording"] for row in json.loads(out)}
    assert captured == {"A-C1": 2, "G-C1": 3, "A-L1": 0}
    page = report.read_text()
    figure = re.search(r'captured while recording</div><div class="value">([^<]*)<', page)
    assert figure is not None and figure[1] == "5"
    assert '<tr><td>globex</td><td class="num">3</td></tr>' in page


# -- a reader that stops early -----------------------------------------------------------


def test_when_output_reader_closes_early_then_exit_141_without_a_message(
    tmp_path: Path, config: Path, ledger: SqliteLedger
) -> None:
    ledger.record([entry(f"A-{n}") for n in range(50)])
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "--config", str(config), "audit", "--format", "json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| head` does once it has its lines
    with process.stderr:
        err = process.stderr.read().decode()
    code = process.wait(timeout=120)

    assert (code, err) == (141, "")


# -- help -----------------------------------------------------------------------------------


def test_when_help_is_asked_then_it_opens_with_what_leadgate_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])

    assert exited.value.code == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert "``" not in description and "argument parsing" not in description
    assert "sensitive personal data" in description
