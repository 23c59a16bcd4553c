"""The batch door: JSONL and CSV, directories, gzip, stdin/stdout, workers, errors, reports."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from gateway.batch import BatchAbortedError, BatchOptions, run_local
from gateway.batch import local as batch_local
from gateway.batch.progress import Progress
from gateway.cli import app as cli
from gateway.config import Settings
from redaction import Redactor
from tests.builders import ROOT
from tests.synthetic import AMEX, SSN, VISA

AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

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


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def _read(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        return [json.loads(line) for line in handle if line.strip()]


def _run(redactor: Redactor, *inputs: Path | str, **options: Any) -> Any:
    opts = BatchOptions(inputs=tuple(str(i) for i in inputs), received_at=AT, **options)
    return run_local(Settings(), opts, redactor=redactor)


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
            "[1, 2]",
        ],
    )
    target = tmp_path / "out.jsonl"
    summary = _run(redactor, source, output=str(target))

    out = _read(target)
    assert [o["id"] for o in out] == ["l1", "c1"]
    assert out[0]["fields"] == {"first_name": "Ann", "ssn": "<US_SSN>", "zip": "10001"}
    assert "extra" not in out[0]
    assert out[0]["tags"]["role"] == "PROCESSOR" and out[0]["tags"]["data_category"] == "LEAD_DATA"
    assert out[0]["tags"]["received_at"] == AT.isoformat()
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
    assert [(line, problem[:14]) for _, line, problem in summary.bad_records] == [
        (2, "not valid JSON"),
        (3, "invalid record"),
        (6, "must be a JSON"),
    ]
    assert (summary.records_in, summary.records_out, summary.bad_count) == (5, 2, 3)
    assert SSN not in target.read_text() and VISA not in target.read_text()


def test_when_csv_leads_then_columns_are_fields_and_owner_from_column_or_option(
    redactor: Redactor, tmp_path: Path
) -> None:
    with_owner = _write(
        tmp_path / "vendor.csv",
        [
            "id,owner,first_name,ssn,notes",
            f'v1,acme,Ann,{SSN},"card {VISA}, call after 5"',
            "v2,globex,Bob,,no notes",
        ],
    )
    without_owner = _write(tmp_path / "plain.csv", ["id,first_name,cc", f"p1,Cy,{AMEX}"])
    target = tmp_path / "out.jsonl"
    summary = _run(redactor, with_owner, without_owner, output=str(target), owner="initech")
    out = _read(target)
    assert [(o["id"], o["owner"]) for o in out] == [
        ("v1", "acme"),
        ("v2", "globex"),
        ("p1", "initech"),
    ]
    assert out[0]["fields"] == {
        "first_name": "Ann",
        "ssn": "<US_SSN>",
        "notes": "card <CREDIT_CARD>, call after 5",
    }
    assert out[1]["fields"] == {"first_name": "Bob", "notes": "no notes"}
    assert out[2]["fields"]["cc"] == "<CREDIT_CARD>"
    assert dict(summary.findings_by_owner["acme"]) == {"US_SSN": 1, "CREDIT_CARD": 1}
    assert summary.categories["FINANCIAL_ACCOUNT"] == 2


def test_when_csv_rows_bad_then_each_named_by_line_and_others_kept(
    redactor: Redactor, tmp_path: Path
) -> None:
    source = _write(
        tmp_path / "vendor.csv",
        [
            "id,owner,first_name,notes",
            "v1,acme,Ann,fine",
            "v2,acme,Bob",  # too few columns
            'v3,acme,Cy,"a note',  # quoted field spanning two lines: still one row
            'over two lines"',
            "v4,acme,Di,ok,extra",  # too many
            ",acme,Ed,no id",  # missing id
            "v6,acme,Flo,last",
        ],
    )
    summary = _run(redactor, source, output=str(tmp_path / "out.jsonl"))
    out = _read(tmp_path / "out.jsonl")
    assert [o["id"] for o in out] == ["v1", "v3", "v6"]
    assert out[1]["fields"]["notes"] == "a note\nover two lines"
    assert [(line, problem) for _, line, problem in summary.bad_records] == [
        (3, "has 3 columns; the header has 4"),
        (6, "has 5 columns; the header has 4"),
        (7, "invalid record: lead.id: required: must be a non-empty string"),
    ]


def test_when_csv_header_has_no_id_then_file_reported_and_other_files_go_on(
    redactor: Redactor, tmp_path: Path
) -> None:
    bad = _write(tmp_path / "a.csv", ["name,ssn", f"Ann,{SSN}"])
    good = _write(tmp_path / "b.jsonl", [json.dumps(LEAD)])
    summary = _run(redactor, bad, good, output=str(tmp_path / "out.jsonl"))
    assert summary.bad_records == [(str(bad), 1, "the CSV header needs an 'id' column")]
    assert [o["id"] for o in _read(tmp_path / "out.jsonl")] == ["l1"]


def test_when_file_unreadable_then_reported_and_rest_delivered(
    redactor: Redactor, tmp_path: Path
) -> None:
    truncated = tmp_path / "truncated.jsonl.gz"
    whole = gzip.compress(
        ("\n".join(json.dumps(LEAD | {"id": f"t{i}"}) for i in range(500))).encode()
    )
    truncated.write_bytes(whole[: len(whole) // 2])
    bad_bytes = tmp_path / "latin1.jsonl"
    bad_bytes.write_bytes(json.dumps(LEAD).encode() + b"\n" + b'{"id": "\xe9"}\n')
    missing = tmp_path / "missing.jsonl"
    good = _write(tmp_path / "good.jsonl", [json.dumps(TRANSCRIPT)])
    summary = _run(
        redactor, truncated, bad_bytes, missing, good, output=str(tmp_path / "out.jsonl")
    )
    problems = {(Path(s).name, p.split(":")[0]) for s, _, p in summary.bad_records}
    assert ("latin1.jsonl", "not valid UTF-8") in problems
    assert any(n == "truncated.jsonl.gz" and "cannot read the file" in p for n, p in problems)
    assert ("missing.jsonl", "cannot read the file") in problems
    ids = [o["id"] for o in _read(tmp_path / "out.jsonl")]
    assert ids[-2:] == ["l1", "c1"] and ids[0] == "t0"  # what came before the break is kept


def test_when_directory_given_then_every_matching_file_read_and_mirrored_gzipped(
    redactor: Redactor, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "2026" / "11").mkdir(parents=True)
    _write(inbox / "a.jsonl", [json.dumps(LEAD)])
    with gzip.open(inbox / "2026" / "11" / "b.csv.gz", "wt") as handle:
        handle.write(f"id,owner,ssn\nv1,acme,{SSN}\n")
    _write(inbox / "README.txt", ["not a record file"])
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    summary = _run(redactor, inbox, output=str(outbox))
    assert summary.records_out == 2 and summary.bad_count == 0
    assert _read(outbox / "a.jsonl")[0]["fields"]["ssn"] == "<US_SSN>"
    with gzip.open(outbox / "2026" / "11" / "b.csv.gz", "rt") as handle:
        rows = handle.read().splitlines()
    assert rows[0] == "id,owner,ssn,tags,findings"
    assert rows[1].startswith("v1,acme,<US_SSN>,")
    assert not (outbox / "README.txt").exists()


def test_when_output_gz_then_compressed(redactor: Redactor, tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(LEAD)])
    _run(redactor, source, output=str(tmp_path / "out.jsonl.gz"))
    assert _read(tmp_path / "out.jsonl.gz")[0]["fields"]["ssn"] == "<US_SSN>"


def test_when_dry_run_then_only_what_would_be_removed_is_written(
    redactor: Redactor, tmp_path: Path
) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(LEAD), json.dumps(TRANSCRIPT)])
    summary = _run(redactor, source, output=str(tmp_path / "out.jsonl"), dry_run=True)
    out = _read(tmp_path / "out.jsonl")
    assert [(o["id"], o["kind"], [f["entity_type"] for f in o["would_remove"]]) for o in out] == [
        ("l1", "lead", ["US_SSN"]),
        ("c1", "transcript", ["CREDIT_CARD"]),
    ]
    assert "fields" not in out[0] and "segments" not in out[1]
    assert summary.findings == {"US_SSN": 1, "CREDIT_CARD": 1}
    assert SSN not in (tmp_path / "out.jsonl").read_text()


def test_when_on_error_fail_then_stops_naming_the_line(redactor: Redactor, tmp_path: Path) -> None:
    source = _write(
        tmp_path / "in.jsonl",
        [json.dumps(LEAD), json.dumps({"id": "", "owner": "a", "fields": {"ssn": SSN}})],
    )
    with pytest.raises(BatchAbortedError) as raised:
        _run(redactor, source, output=str(tmp_path / "out.jsonl"), on_error="fail")
    assert f"{source}:2:" in str(raised.value) and "lead.id" in str(raised.value)
    assert SSN not in str(raised.value)


def test_when_two_workers_then_same_records_in_same_order(
    redactor: Redactor, tmp_path: Path
) -> None:
    lines = [json.dumps(LEAD | {"id": f"l{i}"}) for i in range(150)]
    lines.insert(70, "{broken")
    source = _write(tmp_path / "in.jsonl", [*lines, json.dumps(TRANSCRIPT)])
    one = _run(redactor, source, output=str(tmp_path / "one.jsonl"))
    options = BatchOptions(
        inputs=(str(source),), output=str(tmp_path / "two.jsonl"), workers=2, received_at=AT
    )
    two = run_local(Settings(), options)
    assert _read(tmp_path / "one.jsonl") == _read(tmp_path / "two.jsonl")
    assert one.to_json() | {"elapsed_s": 0, "records_per_s": 0} == two.to_json() | {
        "elapsed_s": 0,
        "records_per_s": 0,
    }


def test_when_not_a_terminal_then_progress_is_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    import gateway.batch.progress as progress_module

    monkeypatch.setattr(progress_module, "PLAIN_EVERY_S", 0.0)
    stream = io.StringIO()
    progress = Progress(1000, stream=stream, tty=False)
    progress._last_draw = -1.0
    progress.update(10, 500)
    progress.close()
    assert stream.getvalue().startswith("progress: 10 records, ")
    assert "50% of input, ETA" in stream.getvalue()


def test_when_cli_run_then_summary_printed_and_report_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    redactor: Redactor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_local, "build_redactor", lambda settings: redactor)
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    source = _write(tmp_path / "in.jsonl", [json.dumps(LEAD), "oops", json.dumps(TRANSCRIPT)])
    report = tmp_path / "report.json"
    code = cli.main(
        ["redact", str(source), "-o", str(tmp_path / "out.jsonl"), "--report", str(report)]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "records in: 3, out: 2, bad: 1" in err
    assert f"{source}:2: not valid JSON" in err
    assert "US_SSN=1" in err and "owner acme:" in err
    document = json.loads(report.read_text())
    assert document["findings_by_owner"] == {"acme": {"CREDIT_CARD": 1, "US_SSN": 1}}
    assert document["problems"] == [
        {
            "source": str(source),
            "line": 2,
            "problem": "not valid JSON (Expecting value at column 1)",
        }
    ]


def _nothing_inputs(tmp_path: Path) -> dict[str, Path]:
    """Inputs from which nothing can be written (values synthetic)."""
    no_id = tmp_path / "no-id.csv"
    no_id.write_text(f"name,ssn\nAnn,{SSN}\n")
    no_owner = tmp_path / "no-owner.csv"
    no_owner.write_text(f"id,ssn\nr1,{SSN}\nr2,{SSN}\n")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    (tmp_path / "empty-dir").mkdir()
    return {
        "no-id": no_id,
        "no-owner": no_owner,
        "missing": tmp_path / "missing.jsonl",
        "empty": empty,
        "empty-dir": tmp_path / "empty-dir",
    }


@pytest.mark.parametrize(
    ("given", "extra", "reason"),
    [
        # Every record bad:
        ("no-id", [], "every record was bad (1), the first at {src}:1: the CSV header needs"),
        ("no-owner", [], "every record was bad (2), the first at {src}:2: invalid record"),
        ("no-owner", ["--dry-run"], "every record was bad (2), the first at {src}:2:"),
        ("missing", [], "every record was bad (1), the first at {src}:1: cannot read the file"),
        ("missing", ["--remote", "127.0.0.1:9"], "every record was bad (1), the first at {src}:1"),
        # No record at all:
        ("empty", [], "the input holds no records"),
        ("empty-dir", [], "no input file found (.jsonl, .ndjson, .json, .csv; .gz too)"),
    ],
)
def test_when_nothing_is_written_then_exit_1_with_a_one_line_reason(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    redactor: Redactor,
    monkeypatch: pytest.MonkeyPatch,
    given: str,
    extra: list[str],
    reason: str,
) -> None:
    monkeypatch.setattr(batch_local, "build_redactor", lambda settings: redactor)
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    source = _nothing_inputs(tmp_path)[given]
    report = tmp_path / "report.json"
    args = [str(source), "-o", str(tmp_path / "out.jsonl"), "--report", str(report), *extra]

    code = cli.main(["redact", *args])

    err = capsys.readouterr().err
    assert code == 1, err
    last = err.rstrip("\n").splitlines()[-1]
    assert last.startswith("leadgate redact: nothing written: " + reason.format(src=source))
    assert "Traceback" not in err and SSN not in err
    assert json.loads(report.read_text())["records_out"] == 0  # the report is still written


def test_when_some_records_written_and_others_bad_then_exit_0(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    redactor: Redactor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_local, "build_redactor", lambda settings: redactor)
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    good = _write(tmp_path / "good.jsonl", [json.dumps(LEAD)])

    code = cli.main(["redact", str(good), str(tmp_path / "missing.jsonl"), "-o", "-"])

    assert code == 0
    assert "nothing written" not in capsys.readouterr().err


def test_when_cli_option_bad_then_exit_1_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    assert cli.main(["redact", "x.jsonl", "--workers", "0"]) == 1
    assert "--workers" in capsys.readouterr().err
    assert cli.main(["redact", "x.jsonl", "--received-at", "yesterday"]) == 1
    assert "--received-at" in capsys.readouterr().err


async def test_when_stdin_to_stdout_then_streams_through() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gateway",
        "redact",
        "-",
        "--received-at",
        AT.isoformat(),
        cwd=ROOT,
        env={**os.environ, "LEADGATE_LOG_LEVEL": "ERROR"},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    payload = (json.dumps(LEAD) + "\n" + json.dumps(TRANSCRIPT) + "\n").encode()
    stdout, stderr = await asyncio.wait_for(process.communicate(payload), timeout=90)
    assert process.returncode == 0, stderr.decode()
    out = [json.loads(line) for line in stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["l1", "c1"]
    assert "records in: 2, out: 2, bad: 0" in stderr.decode()
    assert SSN not in stdout.decode() + stderr.decode()


def test_when_csv_row_not_utf8_or_field_too_long_then_that_row_reported(
    redactor: Redactor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    monkeypatch.setattr(csv, "field_size_limit", csv.field_size_limit)
    source = tmp_path / "vendor.csv"
    source.write_bytes(
        b"id,owner,notes\nv1,acme,ok\nv2,acme,caf\xe9\nv3,acme," + b"x" * 200 + b"\nv4,acme,ok\n"
    )
    old_limit = csv.field_size_limit(100)
    try:
        summary = _run(redactor, source, output=str(tmp_path / "out.jsonl"))
    finally:
        csv.field_size_limit(old_limit)
    assert [(line, problem.split(" (")[0]) for _, line, problem in summary.bad_records] == [
        (3, "not valid UTF-8"),
        (4, "not valid CSV"),
    ]
    assert [o["id"] for o in _read(tmp_path / "out.jsonl")] == ["v1", "v4"]


def test_when_two_inputs_would_write_one_output_or_output_is_input_then_refused(
    redactor: Redactor, tmp_path: Path
) -> None:
    from gateway.batch.outputs import OutputError

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _write(tmp_path / "a" / "leads.jsonl", [json.dumps(LEAD)])
    second = _write(tmp_path / "b" / "leads.jsonl", [json.dumps(LEAD)])
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputError, match="two inputs would write"):
        _run(redactor, first, second, output=str(out))
    with pytest.raises(OutputError, match="also an input"):
        _run(redactor, first, output=str(first))
    assert json.loads(first.read_text())["fields"]["ssn"] == SSN  # untouched


def test_when_jsonl_follows_csv_into_one_csv_output_then_refused(
    redactor: Redactor, tmp_path: Path
) -> None:
    from gateway.batch.outputs import OutputError

    csv_in = _write(tmp_path / "a.csv", ["id,owner,ssn", f"v1,acme,{SSN}"])
    jsonl_in = _write(tmp_path / "b.jsonl", [json.dumps(LEAD)])
    with pytest.raises(OutputError, match="CSV output needs CSV input"):
        _run(redactor, csv_in, jsonl_in, output=str(tmp_path / "out.csv"))


def test_when_line_has_a_number_too_long_to_read_then_only_that_line_reported(
    redactor: Redactor, tmp_path: Path
) -> None:
    source = _write(tmp_path / "in.jsonl", ['{"id": ' + "9" * 5000 + "}", json.dumps(LEAD)])
    summary = _run(redactor, source, output=str(tmp_path / "out.jsonl"))
    assert [(n, p) for _, n, p in summary.bad_records] == [
        (1, "not valid JSON (a number too long to read)")
    ]
    assert summary.records_out == 1


def test_when_progress_off_then_nothing_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gateway.batch.progress as progress_module

    monkeypatch.setattr(progress_module, "PLAIN_EVERY_S", 0.0)
    progress = Progress(1000, tty=False)  # what --no-progress asks for
    progress._last_draw = -1.0
    progress.update(10, 500)
    progress.close()
    assert capsys.readouterr().err == ""
