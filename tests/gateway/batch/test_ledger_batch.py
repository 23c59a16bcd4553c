"""The ledger through the batch door and the ledger commands, as an operator runs them.

``run_local`` records an entry per record written; then the real CLI, as a
subprocess with its own config, answers a consumer's lookup, deletes, sweeps
and reports. Values are synthetic; the ledger's files are scanned for each.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from faker import Faker

from gateway.batch import BatchOptions, run_local
from gateway.config import Settings
from gateway.custody.consumer_index import ConsumerIndex, normalize_phone
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from redaction import Redactor
from tests.builders import ROOT
from tests.synthetic import SSN, VISA

LONG_AGO = datetime(2020, 1, 6, 9, 0, tzinfo=UTC)


def _people(count: int) -> list[dict[str, str]]:
    fake = Faker("en_US")
    fake.seed_instance(99)
    return [
        {
            "name": fake.name(),
            "street": fake.street_address(),
            "phone": fake.numerify("(3##) 4##-####"),
            "email": fake.unique.email(),
        }
        for _ in range(count)
    ]


def _lead_line(record_id: str, owner: str, person: dict[str, str]) -> str:
    fields = {
        "full_name": person["name"],
        "street_address": person["street"],
        "mobile_phone": person["phone"],
        "contact_email": person["email"],
        "social": SSN,
        "remarks": f"card {VISA} on file, takes insulin",
    }
    return json.dumps({"id": record_id, "owner": owner, "consumer_state": "VA", "fields": fields})


def _write_leads(path: Path, rows: list[tuple[str, str, dict[str, str]]]) -> Path:
    lines = [_lead_line(*row) for row in rows]
    lines.insert(1, "{broken json")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_door_records_one_entry_per_written_record_and_no_values(
    redactor: Redactor, tmp_path: Path, workers: int
) -> None:
    people = _people(3)
    source = _write_leads(
        tmp_path / "leads.jsonl", [(f"b-{n}", "acme", p) for n, p in enumerate(people)]
    )
    ledger_path = tmp_path / "ledger.sqlite3"
    settings = Settings(ledger_path=str(ledger_path))
    index = ConsumerIndex(bytes(range(32)))
    options = BatchOptions(
        inputs=(str(source),),
        output=str(tmp_path / "out.jsonl"),
        received_at=LONG_AGO,
        workers=workers,
    )
    engine = redactor if workers == 1 else None
    store = SqliteLedger(ledger_path)
    try:
        summary = run_local(settings, options, redactor=engine, ledger=store, index=index)
        dry = run_local(
            settings,
            replace(options, dry_run=True, output=str(tmp_path / "dry.jsonl"), workers=1),
            redactor=redactor,
            ledger=store,
            index=index,
        )
        rows = list(store.query(AuditQuery()))
    finally:
        store.close()
    assert (summary.records_out, summary.bad_count, summary.ledger_entries) == (3, 1, 3)
    assert dry.ledger_entries == 0  # a dry run sends nothing anywhere
    assert [r.record_id for r in rows] == ["b-0", "b-1", "b-2"]
    for row in rows:
        assert (row.door, row.delivery_status, row.kind) == ("batch", "written", "lead")
        assert row.received_at == LONG_AGO
        assert row.legal_terms == ("VCDPA: processor",) and row.jurisdictions == ("US-VA",)
        assert row.findings["US_SSN"] == 1 and row.findings["CREDIT_CARD"] == 1
        assert {"GOVERNMENT_ID", "FINANCIAL_ACCOUNT", "HEALTH"} <= set(row.sensitive_categories)
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("ledger.sqlite3*"))
    assert not Path("leadgate-ledger.sqlite3.key").exists()  # nothing made in the checkout
    values = [v for p in people for v in p.values()] + [SSN, VISA, "insulin"]
    values += [normalize_phone(p["phone"]) or "" for p in people]
    assert [v for v in values if v.encode() in raw] == []
    digest = index.lookup_digest("acme", "email", people[1]["email"])
    reopened = SqliteLedger(ledger_path)
    try:
        assert [r.record_id for r in reopened.lookup("acme", [digest])] == ["b-1"]
    finally:
        reopened.close()


def _crash_at(write: Callable[..., None], nth: int) -> Callable[..., None]:
    """RecordWriter.write that dies at its nth call (a process killed half-way through a chunk)."""
    calls = 0

    def crashing(writer: Any, *args: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == nth:
            raise KeyboardInterrupt  # not an error the job handles: it simply stops
        write(writer, *args)

    return crashing


@pytest.mark.parametrize(
    ("failure", "lines_out"),
    [
        ("disk full at the first flush", 0),  # /dev/full takes writes, refuses every flush
        ("killed at the 70th record, in the second chunk", 69),
    ],
)
def test_when_the_output_fails_then_written_is_recorded_only_for_lines_in_the_output(
    redactor: Redactor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
    lines_out: int,
) -> None:
    from gateway.batch.outputs import RecordWriter

    people = _people(1) * 100
    rows = [(f"w-{n}", "acme", p) for n, p in enumerate(people)]
    source = tmp_path / "leads.jsonl"
    source.write_text("\n".join(_lead_line(*row) for row in rows) + "\n")
    out = tmp_path / "out.jsonl"
    if failure.startswith("disk full"):
        out = Path("/dev/full")
        expected: type[BaseException] = OSError
    else:
        monkeypatch.setattr(RecordWriter, "write", _crash_at(RecordWriter.write, nth=70))
        expected = KeyboardInterrupt
    options = BatchOptions(inputs=(str(source),), output=str(out), received_at=LONG_AGO)
    store = SqliteLedger(tmp_path / "ledger.sqlite3")
    try:
        with pytest.raises(expected):
            run_local(
                Settings(), options, redactor=redactor, ledger=store, index=ConsumerIndex(b"k" * 32)
            )
        recorded = [r.record_id for r in store.query(AuditQuery())]
    finally:
        store.close()
    written = [] if out == Path("/dev/full") else out.read_text().splitlines()
    assert len(written) == lines_out
    assert recorded == [json.loads(line)["id"] for line in written]


def _cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env["LEADGATE_LOG_LEVEL"] = "ERROR"
    return subprocess.run(
        [sys.executable, "-m", "gateway", "--config", str(config), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_operator_commands_lookup_delete_sweep_and_report(tmp_path: Path) -> None:
    people = _people(3)
    dana, other, shared = people
    source = _write_leads(
        tmp_path / "leads.jsonl",
        [
            ("v-1", "acme", dana),
            ("v-2", "acme", other),
            ("v-3", "acme", dana),
            ("g-1", "globex", dana),
        ],
    )
    config = tmp_path / "leadgate.toml"
    config.write_text(f'ledger_path = "{tmp_path / "state" / "ledger.sqlite3"}"\n')
    recent = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    redact = _cli(config, "redact", str(source), "-o", str(tmp_path / "out.jsonl"),
                  "--received-at", recent, "--no-progress")  # fmt: skip
    assert redact.returncode == 0, redact.stderr
    assert "ledger: 4 entries recorded" in redact.stderr
    assert (tmp_path / "state" / "ledger.sqlite3.key").exists()

    lookup = _cli(config, "rights", "lookup", "--owner", "acme", "--phone",
                  "+1 " + dana["phone"], "--json")  # fmt: skip
    assert lookup.returncode == 0, lookup.stderr
    found = json.loads(lookup.stdout)
    assert [r["record_id"] for r in found["records"]] == ["v-1", "v-3"]
    assert found["records"][0]["received_at"].startswith(recent[:10])
    by_email = _cli(config, "rights", "lookup", "--owner", "globex", "--email", dana["email"])
    assert by_email.returncode == 0 and "g-1" in by_email.stdout and "v-1" not in by_email.stdout
    bad = _cli(config, "rights", "lookup", "--owner", "acme", "--phone", "12")
    assert bad.returncode == 1 and "--phone" in bad.stderr

    asked = _cli(config, "rights", "delete", "--owner", "acme", "--email", dana["email"])
    assert asked.returncode == 0 and "--yes" in asked.stderr  # shown, not deleted
    deleted = _cli(config, "rights", "delete", "--owner", "acme", "--email", dana["email"],
                   "--reference", "REQ-2026-0042", "--yes", "--json")  # fmt: skip
    assert deleted.returncode == 0, deleted.stderr
    request = json.loads(deleted.stdout)
    assert sorted(r["record_id"] for r in request["records"]) == ["v-1", "v-3"]
    assert request["deletion_request"]["reference"] == "REQ-2026-0042"
    again = json.loads(
        _cli(
            config, "rights", "lookup", "--owner", "acme", "--email", dana["email"], "--json"
        ).stdout
    )
    assert again["records"] == []
    assert [r["records"] for r in again["deletion_requests"]] == [2]

    later = (datetime.now(UTC) + timedelta(days=200)).isoformat()
    swept = _cli(config, "retention", "sweep", "--as-of", later, "--yes")
    assert swept.returncode == 0, swept.stderr
    assert "2 expired entries left as tombstones" in swept.stdout  # v-2 and g-1

    table = _cli(config, "audit", "--owner", "acme", "--format", "csv")
    assert table.returncode == 0, table.stderr
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert sorted((r["record_id"], r["status"]) for r in rows) == [
        ("v-1", "deleted"), ("v-2", "expired"), ("v-3", "deleted"),
    ]  # fmt: skip
    report = tmp_path / "acme.html"
    html = _cli(config, "audit", "--owner", "acme", "--html", str(report), "--format", "json")
    assert html.returncode == 0, html.stderr
    assert report.read_text().startswith("<!DOCTYPE html>")
    printed: Any = json.loads(html.stdout)
    assert len(printed) == 3
    outputs = [_cli(config, "audit"), lookup, by_email, asked, deleted, swept, table, html]
    everything = "".join(o.stdout + o.stderr for o in outputs) + redact.stderr
    assert not [v for p in people for v in p.values() if v in everything]
    assert shared  # the third person only ever appeared in no record: nothing to find


def test_ledger_commands_refuse_what_would_give_a_false_or_partial_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gateway.cli import app as cli
    from gateway.config import load_settings
    from gateway.custody.files import key_path, open_ledger
    from tests.gateway.custody.test_sqlite_store import entry

    monkeypatch.delenv("LEADGATE_LEDGER_PATH", raising=False)
    config = tmp_path / "leadgate.toml"
    config.write_text(f'ledger_path = "{tmp_path / "ledger.sqlite3"}"\n')
    phone = "(212) 555-0142"

    def run(*args: str) -> tuple[int, str]:
        code = cli.main(["--config", str(config), *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    code, said = run("rights", "lookup", "--owner", "acme", "--phone", phone)
    assert (code, "no ledger at" in said) == (1, True)
    assert not key_path(load_settings(config)).exists()  # a lookup never makes a key

    store, index = open_ledger(load_settings(config))
    digest = index.lookup_digest("acme", "phone", phone)
    store.record([replace(entry("Q-1", status="queued"), consumer_keys=(("phone", digest),))])
    store.close()
    key_file = key_path(load_settings(config))
    real_key = key_file.read_text()

    key_file.unlink()
    code, said = run("rights", "lookup", "--owner", "acme", "--phone", phone)
    assert (code, "does not exist" in said) == (2, True)
    key_file.write_text("ab" * 32 + "\n")
    code, said = run("rights", "lookup", "--owner", "acme", "--phone", phone)
    assert (code, "another consumer-index key" in said) == (2, True)
    key_file.write_text(real_key)

    code, said = run("rights", "lookup", "--owner", "acme", "--phone", phone)
    assert code == 0 and "Q-1" in said
    code, said = run("rights", "delete", "--owner", "acme", "--phone", phone, "--yes")
    assert (code, "went to a dialer sink" in said) == (1, True)  # no sink configured here
    code, said = run("rights", "delete", "--owner", "acme", "--phone", phone,
                     "--reference", "cb-2125550142", "--yes")  # fmt: skip
    assert (code, "must not contain the consumer's phone" in said) == (1, True)
    code, said = run("retention", "sweep", "--as-of", "2031-01-01T00:00:00", "--yes")
    assert code == 0 and "1 expired entries were left alone" in said
    code, said = run("audit", "--format", "csv", "-o", str(tmp_path / "missing" / "x.csv"))
    assert code == 1 and "Traceback" not in said
    code, said = run("rights", "lookup", "--owner", "acme", "--phone", phone, "--json")
    assert [r["status"] for r in json.loads(said)["records"]] == ["active"]  # nothing was lost
    assert "555-0142" not in said and "2125550142" not in said
