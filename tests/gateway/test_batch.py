"""The JSONL batch door through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway import cli
from gateway.batch import run_batch
from redaction import Redactor
from tests.synthetic import SSN, VISA


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


LEAD = {
    "id": "l1",
    "owner": "acme",
    "fields": {"first_name": "Ann", "ssn": SSN, "zip": "10001"},
    "extra": SSN,
}
TRANSCRIPT = {
    "id": "c1",
    "owner": "acme",
    "segments": [{"speaker": "customer", "text": f"card {VISA}"}],
}


def test_when_file_has_bad_lines_then_reported_by_number_and_rest_written(
    redactor: Redactor, tmp_path: Path
) -> None:
    source = _write(
        tmp_path / "in.jsonl",
        [
            json.dumps(LEAD),
            "{not json",
            json.dumps({"id": "x", "owner": "acme"}),
            "",
            json.dumps(TRANSCRIPT),
        ],
    )
    target = tmp_path / "out.jsonl"
    summary = run_batch(redactor, str(source), str(target))

    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [o["id"] for o in out] == ["l1", "c1"]
    assert out[0]["fields"] == {"first_name": "Ann", "ssn": "<US_SSN>", "zip": "10001"}
    assert "extra" not in out[0]
    assert out[0]["tags"]["role"] == "PROCESSOR" and out[0]["tags"]["data_category"] == "LEAD_DATA"
    assert out[1]["segments"] == [{"speaker": "customer", "text": "card <CREDIT_CARD>"}]
    assert out[1]["findings"][0] | {"score": 0} == {
        "entity_type": "CREDIT_CARD",
        "segment": 0,
        "start": 5,
        "end": 5 + len(VISA),
        "action": "REPLACED",
        "sensitivity": "SENSITIVE",
        "category": "FINANCIAL_ACCOUNT",
        "score": 0,
    }
    assert [n for n, _ in summary.bad_lines] == [2, 3]
    assert (summary.records_in, summary.records_out) == (4, 2)
    assert SSN not in target.read_text() and VISA not in target.read_text()


def test_when_cli_run_with_on_error_fail_then_exit_1_and_line_named(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    redactor: Redactor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "build_redactor", lambda settings: redactor)
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    source = _write(
        tmp_path / "in.jsonl",
        [json.dumps(LEAD), json.dumps({"id": "", "owner": "a", "fields": {"ssn": SSN}})],
    )
    code = cli.main(
        ["redact", str(source), "-o", str(tmp_path / "out.jsonl"), "--on-error", "fail"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "line 2" in err and "lead.id" in err and SSN not in err


def test_when_cli_run_then_summary_printed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    redactor: Redactor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "build_redactor", lambda settings: redactor)
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    source = _write(tmp_path / "in.jsonl", [json.dumps(LEAD), json.dumps(TRANSCRIPT)])
    assert cli.main(["redact", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "records in: 2, out: 2, bad lines: 0" in err
    assert "US_SSN=1" in err and "CREDIT_CARD=1" in err
