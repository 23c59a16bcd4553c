"""`leadgate outbox parked` and `leadgate outbox retry`: what an operator sees and moves."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from gateway.cli import app as cli
from gateway.custody.outbox import Outbox, Queue
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from tests.gateway.custody.test_sqlite_store import entry

# A value that must never be printed: it stands for a record's (redacted) contents.
CONTENT = b"notes: CONTENT-MARKER-7731 <US_SSN>"


@dataclass
class _Files:
    config: Path
    outbox: Path
    ledger: Path


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _Files:
    monkeypatch.delenv("LEADGATE_LEDGER_PATH", raising=False)  # the file below decides
    found = _Files(tmp_path / "leadgate.toml", tmp_path / "outbox.sqlite3", tmp_path / "l.sqlite3")
    found.config.write_text(
        f'sink_address = "127.0.0.1:1"\noutbox_path = "{found.outbox}"\n'
        f'ledger_path = "{found.ledger}"\n'
    )
    return found


def _run(files: _Files, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--config", str(files.config), "outbox", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _fill(files: _Files) -> dict[str, int]:
    """Two parked records, one parked but superseded by a newer revision, one waiting."""
    ledger = SqliteLedger(files.ledger)
    ids = dict(
        zip(
            ("lead-big", "lead-ref"),
            ledger.record(
                [
                    entry("lead-big", status=DeliveryStatus.PARKED),
                    entry("lead-ref", status=DeliveryStatus.PARKED),
                ]
            ),
            strict=True,
        )
    )
    ledger.close()
    outbox = Outbox(files.outbox, 100)
    reason = "too_large: too large for the sink: 5022 bytes > 4096"
    outbox.accept("lead", "acme", "lead-big", CONTENT, ids["lead-big"], reason)
    seq = outbox.accept("lead", "acme", "lead-ref", CONTENT, ids["lead-ref"])
    outbox.park(Queue.RECORDS, seq, "refused: INVALID_ARGUMENT from the sink")
    outbox.park(
        Queue.RECORDS, outbox.accept("lead", "globex", "lead-old", CONTENT), "INVALID_ARGUMENT"
    )
    outbox.accept("lead", "globex", "lead-old", CONTENT)  # a newer revision, waiting
    outbox.accept("lead", "acme", "lead-w", CONTENT)
    outbox.close()
    return ids


def test_when_records_parked_then_listed_with_reasons_and_never_contents(
    files: _Files, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(files)
    code, out, err = _run(files, capsys, "parked")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["kind", "owner", "record_id", "reason", "parked_at", "detail"]
    rows = [line.split()[:4] for line in lines[1:]]
    assert rows == [
        ["lead", "acme", "lead-big", "too_large"],
        ["lead", "acme", "lead-ref", "refused"],
        ["lead", "globex", "lead-old", "INVALID_ARGUMENT"],
    ]
    assert "too large for the sink: 5022 bytes > 4096" in out
    assert "3 parked" in err
    assert "CONTENT-MARKER" not in out + err and "lead-w" not in out


def test_when_parked_listed_as_json_then_one_object_each(
    files: _Files, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(files)
    code, out, _ = _run(files, capsys, "parked", "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [(r["record_id"], r["reason"]) for r in records] == [
        ("lead-big", "too_large"),
        ("lead-ref", "refused"),
        ("lead-old", "INVALID_ARGUMENT"),
    ]
    big = records[0]
    assert set(big) == {
        "seq",
        "kind",
        "owner",
        "record_id",
        "reason",
        "detail",
        "accepted_at",
        "parked_at",
        "attempts",
        "bytes",
    }
    assert big["detail"] == "too large for the sink: 5022 bytes > 4096"
    assert big["bytes"] == len(CONTENT) and big["parked_at"].endswith("Z")
    assert records[2]["parked_at"] is None or records[2]["parked_at"].endswith("Z")
    assert "CONTENT-MARKER" not in out


def test_when_retry_without_yes_then_only_a_preview(
    files: _Files, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(files)
    code, out, err = _run(files, capsys, "retry")
    assert code == 0
    assert "lead-big" in out and "lead-ref" in out
    assert "--yes" in err and "nothing moved" in err
    assert "lead-old" in out and "newer revision" in out  # stays: superseded
    outbox = Outbox(files.outbox, 100)
    assert outbox.depth() == (2, 3)
    outbox.close()


def test_when_retry_with_yes_then_parked_records_wait_again_and_ledger_says_queued(
    files: _Files, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(files)
    code, out, _ = _run(files, capsys, "retry", "--yes")
    assert code == 0 and "2 parked record(s) moved back to waiting" in out
    outbox = Outbox(files.outbox, 100)
    try:
        assert outbox.depth() == (4, 1)
        waiting = {(e.owner, e.record_id): e for e in outbox.due_and_depth(10, math.inf)[0]}
        assert set(waiting) == {
            ("acme", "lead-big"),
            ("acme", "lead-ref"),
            ("globex", "lead-old"),
            ("acme", "lead-w"),
        }
        assert [p.record_id for p in outbox.parked()] == ["lead-old"]
    finally:
        outbox.close()
    ledger = SqliteLedger(files.ledger)
    statuses = {r.record_id: r.delivery_status for r in ledger.query(AuditQuery(owner="acme"))}
    ledger.close()
    assert statuses == {"lead-big": DeliveryStatus.QUEUED, "lead-ref": DeliveryStatus.QUEUED}
    code, out, _ = _run(files, capsys, "retry", "--yes")
    assert code == 0 and "0 parked record(s) moved" in out


def test_when_no_outbox_file_then_an_error_and_no_file_made(
    files: _Files, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(files, capsys, "parked")
    assert code == 1 and "no outbox at" in err
    assert not files.outbox.exists()
