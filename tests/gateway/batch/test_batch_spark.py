"""The Spark door against the local door on a real local[2] Spark: same records and counts."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from gateway.batch import BatchAbortedError, BatchOptions, run_local
from gateway.batch.summary import BatchSummary
from gateway.config import Settings
from redaction import Redactor
from tests.builders import ROOT
from tests.synthetic import AMEX, SSN, VISA

pytest.importorskip("pyspark")

from gateway.batch.spark.__main__ import main
from gateway.batch.spark.driver import run_spark
from gateway.batch.spark.executor import SPANNING_FIELD
from gateway.batch.spark.session import start_session

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.slow

RECEIVED_AT = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    """One local[2] session for the module; its Python workers are this interpreter."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", sys.executable)  # workers must import gateway
        patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        session = start_session("local[2]")
        try:
            yield session
        finally:
            session.stop()


def _lead(lead_id: str, owner: str, **values: str) -> str:
    return json.dumps({"id": lead_id, "owner": owner, "fields": values})


def _call(call_id: str, owner: str, *texts: str) -> str:
    segments = [{"speaker": "customer", "text": text} for text in texts]
    return json.dumps({"id": call_id, "owner": owner, "segments": segments})


def _jsonl_inputs(folder: Path) -> Path:
    """A directory of a JSONL file and a gzipped one: leads, transcripts, bad lines."""
    folder.mkdir()
    lines = [
        _lead("l1", "acme", first_name="Ann", ssn=SSN, zip="10001"),
        _call("c1", "acme", f"my card is {VISA}", "and my social is " + SSN),
        "{not json",
        "[1, 2]",
        _lead("l2", "globex", card=VISA, note="call after 5"),
        "",
        _lead("", "acme", ssn=SSN),  # the engine refuses an empty id
        _call("c2", "globex", "nothing to see here"),
        _lead("l3", "", email="ann@example.com", card=AMEX),  # no owner: refused
    ]
    body = "\n".join(lines).encode() + b"\n\xff\xfe not utf-8\n"
    body += _lead("l4", "acme", ssn=SSN).encode() + b'\n{"id": "l5", "owner": "acme"'
    (folder / "a.jsonl").write_bytes(body)  # no line break at the end, on purpose
    more = [_call("c3", "initech", f"card {AMEX}"), "42", _lead("l6", "initech", ssn=SSN)]
    with gzip.open(folder / "b.jsonl.gz", "wt") as handle:
        handle.write("\n".join(more) + "\n")
    return folder


def _csv_input(path: Path) -> Path:
    rows = [
        "id,owner,campaign_id,first_name,ssn,card,notes",
        f"r1,acme,camp-1,Ann,{SSN},,first",
        f"r2,,camp-1,Bob,,{VISA},no owner column value",
        "r3,globex,camp-2,Cy,,,plain",
        "r4,acme,camp-1,too,few",
        ",,,,,,",
        f',,camp-3,Dee,{SSN},,"quoted, with a comma"',
        f"r5,,camp-3,Eve,{SSN},{AMEX},",
    ]
    path.write_bytes("\n".join(rows).encode() + b"\nr6,acme,camp-1,\xff,,,\n")
    return path


def _both(
    settings: Settings,
    redactor: Redactor,
    spark: SparkSession,
    tmp_path: Path,
    options: BatchOptions,
) -> tuple[list[Any], BatchSummary, list[Any], BatchSummary]:
    """Local records and summary, then Spark's, for the same options."""
    options = replace(options, received_at=RECEIVED_AT, progress=False)
    local_out = tmp_path / "local.jsonl"
    local = run_local(settings, replace(options, output=str(local_out)), redactor=redactor)
    spark_out = tmp_path / "spark-out"
    on_spark = run_spark(settings, replace(options, output=str(spark_out)), None, session=spark)
    return _jsonl(local_out.read_text()), local, _parts(spark_out), on_spark


def _jsonl(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines()]


def _parts(folder: Path) -> list[Any]:
    assert (folder / "_SUCCESS").exists()
    return [r for part in sorted(folder.glob("part-*")) for r in _jsonl(part.read_text())]


def _counts(summary: BatchSummary) -> dict[str, Any]:
    """The report without the timings."""
    report = summary.to_json()
    del report["elapsed_s"], report["records_per_s"]
    return report


def test_when_jsonl_with_bad_lines_then_spark_writes_what_local_writes(
    settings: Settings, redactor: Redactor, spark: SparkSession, tmp_path: Path
) -> None:
    folder = _jsonl_inputs(tmp_path / "in")
    options = BatchOptions(inputs=(str(folder),))

    local_records, local, spark_records, on_spark = _both(
        settings, redactor, spark, tmp_path, options
    )

    assert spark_records == local_records
    assert [r["id"] for r in spark_records] == ["l1", "c1", "l2", "c2", "l4", "c3", "l6"]
    text = json.dumps(spark_records)
    assert SSN not in text and VISA not in text and AMEX not in text
    assert _counts(on_spark) == _counts(local)
    assert on_spark.bad_records == local.bad_records
    a, b = str(folder / "a.jsonl"), str(folder / "b.jsonl.gz")
    assert [(s, n) for s, n, _ in on_spark.bad_records] == [
        (a, 3),
        (a, 4),
        (a, 7),
        (a, 9),
        (a, 10),
        (a, 12),  # the unterminated last line: JSON error column as locally
        (b, 2),
    ]
    assert (on_spark.records_in, on_spark.records_out) == (14, 7)
    assert on_spark.findings_by_owner["acme"]["US_SSN"] >= 2
    assert on_spark.elapsed_s > 0


def test_when_csv_leads_with_owner_column_and_flag_then_spark_matches_local(
    settings: Settings, redactor: Redactor, spark: SparkSession, tmp_path: Path
) -> None:
    source = _csv_input(tmp_path / "leads.csv")
    options = BatchOptions(inputs=(str(source),), owner="fallback")

    local_records, local, spark_records, on_spark = _both(
        settings, redactor, spark, tmp_path, options
    )

    assert spark_records == local_records
    assert [(r["id"], r["owner"]) for r in spark_records] == [
        ("r1", "acme"),
        ("r2", "fallback"),
        ("r3", "globex"),
        ("r5", "fallback"),
    ]
    assert spark_records[0]["fields"]["ssn"] == "<US_SSN>"
    assert _counts(on_spark) == _counts(local)
    assert [(n, p) for _, n, p in on_spark.bad_records] == [
        (5, "has 5 columns; the header has 7"),
        (6, "empty row"),
        (7, local.bad_records[2][2]),  # the engine's words for an empty id
        (9, "not valid UTF-8"),
    ]
    assert set(on_spark.findings_by_owner) == {"acme", "fallback"}  # globex: nothing found


def test_when_bad_header_missing_file_or_spanning_field_then_reported_like_local_reader(
    settings: Settings, redactor: Redactor, spark: SparkSession, tmp_path: Path
) -> None:
    no_id = tmp_path / "no_id.csv"
    no_id.write_text("name,ssn\nAnn,1\n")
    spanning = tmp_path / "spanning.csv"
    spanning.write_text('id,notes\nr1,"two\nlines"\nr2,fine\n')
    missing = tmp_path / "missing.jsonl"
    options = BatchOptions(
        inputs=(str(no_id), str(missing), str(spanning)),
        output=str(tmp_path / "out"),
        owner="acme",
        received_at=RECEIVED_AT,
        progress=False,
    )

    summary = run_spark(settings, options, None, session=spark)

    local = run_local(
        settings,
        replace(options, inputs=options.inputs[:2], output=str(tmp_path / "l.jsonl")),
        redactor=redactor,
    )
    assert summary.bad_records[:2] == local.bad_records
    assert summary.bad_records == [
        (str(no_id), 1, "the CSV header needs an 'id' column"),
        (str(missing), 1, "cannot read the file: No such file or directory"),
        # Not supported on Spark (the local reader reads one record from lines 2-3):
        (str(spanning), 2, SPANNING_FIELD),
        (str(spanning), 3, "has 1 columns; the header has 2"),
    ]
    assert [r["id"] for r in _parts(tmp_path / "out")] == ["r2"]


def test_when_on_error_fail_then_aborted_naming_first_bad_line_and_nothing_written(
    settings: Settings, redactor: Redactor, spark: SparkSession, tmp_path: Path
) -> None:
    folder = _jsonl_inputs(tmp_path / "in")
    options = BatchOptions(
        inputs=(str(folder),), on_error="fail", received_at=RECEIVED_AT, progress=False
    )
    with pytest.raises(BatchAbortedError) as local:
        run_local(settings, replace(options, output=str(tmp_path / "l.jsonl")), redactor=redactor)
    target = tmp_path / "spark-out"

    with pytest.raises(BatchAbortedError) as on_spark:
        run_spark(settings, replace(options, output=str(target)), None, session=spark)

    assert str(on_spark.value) == str(local.value)
    assert str(on_spark.value).startswith(f"{folder / 'a.jsonl'}:3: not valid JSON")
    assert not target.exists()


def test_when_output_is_stdout_or_exists_then_refused_before_any_work(
    settings: Settings, spark: SparkSession, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="directory of part files"):
        run_spark(settings, BatchOptions(inputs=("x.jsonl",), output="-"), None, session=spark)
    with pytest.raises(ValueError, match="already exists"):
        run_spark(
            settings, BatchOptions(inputs=("x.jsonl",), output=str(tmp_path)), None, session=spark
        )
    for uri in ("file:///data/leads/", "file:///data/leads/*.csv"):
        with pytest.raises(ValueError, match="one file at a time"):
            options = BatchOptions(inputs=(uri,), input_format="csv", output=str(tmp_path / "out"))
            run_spark(settings, options, None, session=spark)


def test_when_spark_submit_entry_run_dry_then_output_dir_and_report_written(
    settings: Settings,
    redactor: Redactor,
    spark: SparkSession,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _jsonl_inputs(tmp_path / "in")
    config = tmp_path / "leadgate.toml"  # the fixture's settings: executors reuse their engine
    changed = [
        f.name for f in fields(Settings) if getattr(settings, f.name) != getattr(Settings(), f.name)
    ]
    config.write_text("".join(f"{n} = {json.dumps(getattr(settings, n))}\n" for n in changed))
    target, report = tmp_path / "out", tmp_path / "report.json"

    code = main(
        [
            str(folder),
            "-o",
            str(target),
            "--dry-run",
            "--received-at",
            RECEIVED_AT.isoformat(),
            "--report",
            str(report),
            "--config",
            str(config),
            "--spark-master",
            "local[2]",
        ]
    )

    assert code == 0, capsys.readouterr().err
    assert "records in: 14, out: 7, bad: 7" in capsys.readouterr().err
    dry = BatchOptions(inputs=(str(folder),), dry_run=True, received_at=RECEIVED_AT)
    local_out = tmp_path / "local.jsonl"
    local = run_local(
        settings, replace(dry, output=str(local_out), progress=False), redactor=redactor
    )
    assert _parts(target) == _jsonl(local_out.read_text())
    assert all(set(r) == {"id", "owner", "kind", "would_remove"} for r in _parts(target))
    written = json.loads(report.read_text())
    assert written["problems"] == _counts(local)["problems"]
    assert written["findings_by_owner"] == _counts(local)["findings_by_owner"]
    assert spark.sparkContext._jsc is not None  # a session it did not start is left running


def test_when_recorded_then_spark_ledger_entries_match_the_local_doors(
    settings: Settings, redactor: Redactor, spark: SparkSession, tmp_path: Path
) -> None:
    from gateway.custody.consumer_index import ConsumerIndex
    from gateway.custody.store.protocol import AuditQuery
    from gateway.custody.store.sqlite_ledger import SqliteLedger

    secret = bytes(range(1, 33))
    folder = _jsonl_inputs(tmp_path / "in")
    (folder / "contacts.jsonl").write_text(
        _lead("k1", "acme", phone="(415) 555-0199", email="kim@example.net", ssn=SSN) + "\n"
    )
    options = BatchOptions(inputs=(str(folder),), received_at=RECEIVED_AT, progress=False)
    local_ledger = SqliteLedger(tmp_path / "local-ledger.sqlite3")
    spark_ledger = SqliteLedger(tmp_path / "spark-ledger.sqlite3")
    try:
        local = run_local(
            settings,
            replace(options, output=str(tmp_path / "local.jsonl")),
            redactor=redactor,
            ledger=local_ledger,
            index=ConsumerIndex(secret),
        )
        on_spark = run_spark(
            settings,
            replace(options, output=str(tmp_path / "spark-out")),
            None,
            session=spark,
            ledger=spark_ledger,
            index_secret=secret,
        )
        local_rows = list(local_ledger.query(AuditQuery()))
        spark_rows = list(spark_ledger.query(AuditQuery()))
        index = ConsumerIndex(secret)
        for kind, value in (("phone", "+1 415 555 0199"), ("email", "KIM@example.net")):
            digest = index.lookup_digest("acme", kind, value)  # type: ignore[arg-type]
            assert [r.record_id for r in spark_ledger.lookup("acme", [digest])] == ["k1"]
    finally:
        local_ledger.close()
        spark_ledger.close()
    assert local.ledger_entries == on_spark.ledger_entries == local.records_out > 0
    assert {r.door for r in local_rows} == {"batch"}
    assert {r.door for r in spark_rows} == {"spark"}
    assert {r.delivery_status for r in spark_rows} == {"written"}

    def facts(rows: list[Any]) -> list[tuple[Any, ...]]:
        return sorted(
            (r.owner, r.kind, r.record_id, r.received_at, r.findings, r.sensitive_categories)
            for r in rows
        )

    assert facts(local_rows) == facts(spark_rows)


def test_when_column_mostly_ssns_then_spark_profiles_each_file_as_local_does(
    settings: Settings, redactor: Redactor, spark: SparkSession, tmp_path: Path
) -> None:
    # c3 holds SSNs; the last lost its leading zero (no recognizer reads 8 digits alone).
    ssns = ["536-22-8174", "421-56-7788", "523441234", "612 33 4567", "12345678"]
    source = tmp_path / "vendor.csv"
    rows = ["id,c1,c3", *(f"r{i},x{i},{ssn}" for i, ssn in enumerate(ssns))]
    source.write_text("\n".join(rows) + "\n")
    options = BatchOptions(inputs=(str(source),), owner="acme")

    local_records, local, spark_records, on_spark = _both(
        settings, redactor, spark, tmp_path, options
    )

    assert spark_records == local_records
    assert [r["fields"]["c3"] for r in spark_records] == ["<US_SSN>"] * 5
    assert on_spark.column_maps == local.column_maps
    assert [(owner, column, kind) for _, owner, column, kind, _ in on_spark.column_maps] == [
        ("acme", "c3", "US_SSN")
    ]


def test_when_a_line_has_a_lone_surrogate_escape_then_spark_reports_it_as_local_does(
    settings: Settings, redactor: Redactor, spark: SparkSession, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    bad = '{"id": "b", "owner": "acme", "fields": {"ssn": "' + SSN + '", "note": "x\\ud800"}}'
    source.write_text("\n".join([_lead("g1", "acme", ssn=SSN), bad, _call("g2", "acme", "hi")]))
    options = BatchOptions(inputs=(str(source),))

    local_records, local, spark_records, on_spark = _both(
        settings, redactor, spark, tmp_path, options
    )

    assert [r["id"] for r in spark_records] == [r["id"] for r in local_records] == ["g1", "g2"]
    assert on_spark.bad_records == local.bad_records
    assert [(n, p) for _, n, p in on_spark.bad_records] == [
        (2, "not valid text (fields: field 2: a \\u escape of a lone surrogate, no character)")
    ]


def test_when_the_output_cannot_be_saved_then_spark_records_nothing_as_written(
    settings: Settings, spark: SparkSession, tmp_path: Path
) -> None:
    from gateway.custody.store.protocol import AuditQuery
    from gateway.custody.store.sqlite_ledger import SqliteLedger

    folder = _jsonl_inputs(tmp_path / "in")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the output's parent directory should be\n")
    options = BatchOptions(
        inputs=(str(folder),),
        output=str(blocker / "out"),
        received_at=RECEIVED_AT,
        progress=False,
    )
    store = SqliteLedger(tmp_path / "ledger.sqlite3")
    try:
        with pytest.raises(OSError, match="the Spark job failed"):
            run_spark(settings, options, None, session=spark, ledger=store, index_secret=bytes(32))
        recorded = list(store.query(AuditQuery()))
    finally:
        store.close()
    assert recorded == []


def test_when_nothing_is_written_on_spark_then_exit_1_with_a_one_line_reason(
    spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    no_id = tmp_path / "no-id.csv"
    no_id.write_text(f"name,ssn\nAnn,{SSN}\n")

    code = main([str(no_id), str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 1, err
    assert err.rstrip("\n").splitlines()[-1] == (
        "leadgate redact: nothing written: every record was bad (2), "
        f"the first at {no_id}:1: the CSV header needs an 'id' column"
    )


def test_when_spark_writes_then_part_files_are_named_jsonl(
    settings: Settings, spark: SparkSession, tmp_path: Path
) -> None:
    folder = _jsonl_inputs(tmp_path / "in")
    target = tmp_path / "out"

    run_spark(settings, BatchOptions(inputs=(str(folder),), output=str(target)), None, spark)

    names = sorted(p.name for p in target.iterdir() if not p.name.startswith("."))
    assert names[0] == "_SUCCESS"
    assert names[1:] and all(n.startswith("part-") and n.endswith(".jsonl") for n in names[1:])
    assert [r["id"] for r in _parts(target)] == ["l1", "c1", "l2", "c2", "l4", "c3", "l6"]


def test_when_spark_runs_from_the_cli_then_stderr_has_no_jvm_or_py4j_noise(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_lead("l1", "acme", ssn=SSN) + "\n")
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    args = ["redact", str(source), "--engine", "spark", "--spark-master", "local[1]"]
    args += ["-o", str(tmp_path / "out"), "--received-at", RECEIVED_AT.isoformat()]

    done = subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    # The JVM launcher's own notice for the module Spark adds (--add-modules): not a log
    # line, printed before any configuration is read; it cannot be turned off.
    lines = [x for x in lines if x != "WARNING: Using incubator modules: jdk.incubator.vector"]
    assert lines[0].startswith("records in: 1, out: 1, bad: 0"), done.stderr
    assert lines[1:] == [  # the summary, and nothing else
        "findings: US_SSN=1",
        "  owner acme: US_SSN=1",
        "sensitive categories: GOVERNMENT_ID=1",
        "ledger: 1 entries recorded",
    ], done.stderr
