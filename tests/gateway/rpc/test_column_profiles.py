"""Column profiles at the edge: policy field maps, `leadgate profile`, the server, batch jobs."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc
import pytest

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.batch import BatchOptions, run_local
from gateway.cli import app as cli
from gateway.cli.check_config import check_config
from gateway.config import ConfigError, Settings
from gateway.policy_file import load_policy_book
from gateway.rpc.channel import open_channel
from redaction import InvalidRecordError, Lead, Redactor
from tests.builders import ROOT
from tests.gateway.serving import running_gateway

AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
KEY_HEX = "00" * 16 + "11" * 16

# A vendor file whose columns say nothing: c3 holds SSNs (one lost its leading zero to a
# spreadsheet, which no recognizer reads as an SSN alone), c7 birth dates, c9 phones.
SSNS = ["536-22-8174", "421-56-7788", "523441234", "612 33 4567", "301-45-9911", "12345678"]
DOBS = ["1958-02-03", "02/11/1971", "1980-07-30", "12/30/1966", "1949-05-17", "1975-10-01"]
PHONES = [
    "(555) 201-7788",
    "555-201-7789",
    "555.201.7790",
    "5552017791",
    "555 201 7792",
    "(555) 201-7793",
]
NAMES = ["Ann", "Bob", "Cy", "Dee", "Eve", "Fay"]


def _csv(path: Path, owner: str = "") -> Path:
    rows = ["id,owner,c1,c3,c7,c9"]
    rows += [
        f"r{i},{owner},{n},{s},{d},{p}"
        for i, (n, s, d, p) in enumerate(zip(NAMES, SSNS, DOBS, PHONES, strict=True))
    ]
    path.write_text("\n".join(rows) + "\n")
    return path


def _policy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    return path


POLICY = """
id = "acme-policies"
version = "4"

[default]
retention_days = 120

[owners.acme]
retention_days = 90  # the agreement says so
[owners.acme.field_map]
c7 = "DATE_OF_BIRTH"

[owners.globex]
key_env = "LEADGATE_TEST_KEY_GLOBEX"
[owners.globex.actions]
PERSON = "hash"
"""


# --- the policy file ---------------------------------------------------------------------


def test_when_policy_has_field_map_then_owner_gets_it_and_others_do_not(tmp_path: Path) -> None:
    book = load_policy_book(_policy(tmp_path, POLICY), {"LEADGATE_TEST_KEY_GLOBEX": KEY_HEX})
    assert dict(book.for_owner("acme").field_map) == {"c7": "DATE_OF_BIRTH"}
    assert dict(book.for_owner("globex").field_map) == {}


@pytest.mark.parametrize(
    ("entry", "named", "why"),
    [
        ('c7 = "BIRTHDAY"', "owners.acme.field_map.c7", "unknown entity type"),
        ('c7 = "PHONE_NUMBER"', "owners.acme.field_map.c7", "keeps PHONE_NUMBER"),  # kept
        ("c7 = 7", "owners.acme.field_map.c7", "entity type name"),
    ],
)
def test_when_field_map_entry_bad_then_refused_naming_owner_and_column(
    tmp_path: Path, entry: str, named: str, why: str
) -> None:
    text = POLICY.replace('c7 = "DATE_OF_BIRTH"', entry)
    with pytest.raises(ConfigError) as raised:
        load_policy_book(_policy(tmp_path, text), {"LEADGATE_TEST_KEY_GLOBEX": KEY_HEX})
    assert named in str(raised.value) and why in str(raised.value)


def test_when_sensitive_named_column_mapped_to_ordinary_kind_then_refused(tmp_path: Path) -> None:
    text = POLICY + '[owners.globex.field_map]\nssn = "PERSON"\n'  # hashed, but not an SSN
    with pytest.raises(ConfigError) as raised:
        load_policy_book(_policy(tmp_path, text), {"LEADGATE_TEST_KEY_GLOBEX": KEY_HEX})
    assert "owners.globex.field_map.ssn" in str(raised.value)
    assert "says US_SSN" in str(raised.value)


def test_when_map_keeps_a_sensitive_column_then_check_config_refuses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEADGATE_TEST_KEY_GLOBEX", KEY_HEX)
    policy = _policy(tmp_path, POLICY.replace('c7 = "DATE_OF_BIRTH"', 'c7 = "ZIP_CODE"'))
    config = tmp_path / "leadgate.toml"
    config.write_text(f'policy_file = "{policy}"\n')

    assert cli.main(["--config", str(config), "check-config"]) == 2
    err = capsys.readouterr().err
    assert "owners.acme.field_map.c7" in err and "keeps ZIP_CODE" in err
    assert check_config(Settings(policy_file=str(_policy(tmp_path, POLICY)))) == []


# --- `leadgate profile` ------------------------------------------------------------------


def test_when_profile_run_on_csv_with_opaque_names_then_map_is_right_and_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    monkeypatch.setenv("LEADGATE_TEST_KEY_GLOBEX", KEY_HEX)
    source = _csv(tmp_path / "vendor.csv")
    policy = _policy(
        tmp_path, POLICY.replace('[owners.acme.field_map]\nc7 = "DATE_OF_BIRTH"\n', "")
    )
    before = tomllib.loads(policy.read_text())

    code = cli.main(
        ["profile", str(source), "--owner", "acme", "--write-policy", str(policy), "--sample", "50"]
    )

    out = capsys.readouterr().out
    assert code == 0, out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith("c")}
    assert rows["c3"][1:5] == ["US_SSN", "83%", "6", "values"]  # 5 of 6 alone
    assert rows["c7"][1:5] == ["DATE_OF_BIRTH", "100%", "6", "values"]
    assert rows["c9"][1] == "-" and rows["c1"][1] == "-"
    assert "999-99-9999" in out and "99999999" in out
    for value in [*SSNS, *DOBS, *PHONES, *NAMES]:
        assert value not in out  # shapes only
    assert 'c3 = "US_SSN"' in out and 'c7 = "DATE_OF_BIRTH"' in out
    assert "added 2 column(s)" in out

    after = tomllib.loads(policy.read_text())
    assert after["owners"]["acme"]["field_map"] == {"c3": "US_SSN", "c7": "DATE_OF_BIRTH"}
    del after["owners"]["acme"]["field_map"]
    assert after == before  # every other setting, every other owner, as it was
    assert "# the agreement says so" in policy.read_text()
    book = load_policy_book(policy, {"LEADGATE_TEST_KEY_GLOBEX": KEY_HEX})
    assert dict(book.for_owner("acme").field_map) == {"c3": "US_SSN", "c7": "DATE_OF_BIRTH"}

    # Run again: the policy's map is now the owner's own; nothing more to write.
    monkeypatch.setenv("LEADGATE_POLICY_FILE", str(policy))
    assert cli.main(["profile", str(source), "--owner", "acme", "--write-policy"]) == 0
    out = capsys.readouterr().out
    assert "policy" in out and "nothing written" in out


def test_when_profile_finds_no_leads_of_owner_then_exit_1_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    source = _csv(tmp_path / "vendor.csv", owner="globex")
    assert cli.main(["profile", str(source), "--owner", "acme"]) == 1
    assert "no leads of owner 'acme'" in capsys.readouterr().err


# --- the engine and the server -----------------------------------------------------------


def test_when_column_kinds_would_keep_a_column_then_record_refused(redactor: Redactor) -> None:
    lead = Lead("l1", "acme", {"c3": SSNS[0]})
    with pytest.raises(InvalidRecordError) as raised:
        redactor.redact_lead(lead, AT, {"c3": "PHONE_NUMBER"})
    assert [v.field for v in raised.value.violations] == ["column_kinds.c3"]
    assert SSNS[0] not in raised.value.message


async def test_when_policy_maps_a_column_then_server_applies_it_to_every_lead_of_owner(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    book = load_policy_book(_policy(tmp_path, POLICY), {"LEADGATE_TEST_KEY_GLOBEX": KEY_HEX})
    engine = redactor.with_policies(book)
    teen = "02/03/2009"  # a date the engine alone does not read as an adult's birth date
    async with (
        running_gateway(settings, engine) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        answers = {}
        for owner in ("acme", "globex"):
            lead = pb.Lead(id="l1", owner=owner, fields={"c7": teen, "c9": PHONES[0]})
            answers[owner] = await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
    acme, globex = answers["acme"], answers["globex"]
    assert acme.lead.fields["c7"] == "<DATE_OF_BIRTH>" and acme.lead.fields["c9"] == PHONES[0]
    assert [(f.entity_type, f.field_name) for f in acme.findings] == [("DATE_OF_BIRTH", "c7")]
    assert acme.tags.policy_version == "4"
    assert globex.lead.fields["c7"] == teen  # not globex's map


async def test_when_sample_profiled_over_grpc_then_column_kinds_remove_every_row(
    settings: Settings, redactor: Redactor
) -> None:
    leads = [
        pb.Lead(id=f"l{i}", owner="acme", fields={"c3": s, "c9": p})
        for i, (s, p) in enumerate(zip(SSNS, PHONES, strict=True))
    ]
    async with (
        running_gateway(settings, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        profile = await stub.ProfileLeads(service_pb.ProfileLeadsRequest(leads=leads))
        kinds = {c.column: c.entity_type for c in profile.columns if c.mapped}
        requests = [
            service_pb.RedactLeadsRequest(lead=leads[-1], column_kinds=kinds),
            service_pb.RedactLeadsRequest(lead=leads[-1]),
            service_pb.RedactLeadsRequest(lead=leads[-1], column_kinds={"c3": "ZIP_CODE"}),
        ]
        answers = [a async for a in stub.RedactLeads(iter(requests))]
        with pytest.raises(grpc.aio.AioRpcError) as two_owners:
            other = pb.Lead(id="x", owner="globex", fields={"c3": SSNS[0]})
            await stub.ProfileLeads(service_pb.ProfileLeadsRequest(leads=[leads[0], other]))
    assert kinds == {"c3": "US_SSN"} and profile.leads == len(SSNS)
    c3 = next(c for c in profile.columns if c.column == "c3")
    assert c3.values == 6 and round(c3.share, 2) == 0.83 and c3.source == "values"
    assert SSNS[0] not in str(profile) and "999-99-9999" in c3.examples
    assert answers[0].lead.fields["c3"] == "<US_SSN>"
    assert answers[1].lead.fields["c3"] == SSNS[-1]  # the value alone says nothing
    assert answers[2].error.reason == "INVALID_RECORD"
    assert list(answers[2].error.fields) == ["column_kinds.c3"]
    assert two_owners.value.code() == grpc.StatusCode.INVALID_ARGUMENT


# --- batch jobs --------------------------------------------------------------------------


def _fields(path: Path) -> list[dict[str, str]]:
    return [json.loads(line)["fields"] for line in path.read_text().splitlines()]


def test_when_column_mostly_ssns_then_batch_removes_the_row_its_value_alone_would_not(
    tmp_path: Path, redactor: Redactor
) -> None:
    source = _csv(tmp_path / "vendor.csv")
    options = BatchOptions(
        inputs=(str(source),), owner="acme", received_at=AT, output=str(tmp_path / "out.jsonl")
    )
    summary = run_local(Settings(), options, redactor=redactor)
    fields = _fields(tmp_path / "out.jsonl")
    assert [f["c3"] for f in fields] == ["<US_SSN>"] * 6
    assert [f["c7"] for f in fields] == ["<DATE_OF_BIRTH>"] * 6
    assert [f["c9"] for f in fields] == PHONES and [f["c1"] for f in fields] == NAMES
    assert summary.findings["US_SSN"] == 6
    report = summary.to_json()["column_maps"]
    assert [(m["column"], m["entity_type"]) for m in report] == [
        ("c3", "US_SSN"),
        ("c7", "DATE_OF_BIRTH"),
    ]
    assert any("c3 -> US_SSN (83% of the sample)" in line for line in summary.lines())

    unprofiled = run_local(
        Settings(),
        replace(options, profile_sample=0, output=str(tmp_path / "plain.jsonl")),
        redactor=redactor,
    )
    # Alone, the 8-digit value beside a birth date is removed to fail closed, but it is
    # not known for the SSN it is: only the column's profile says so.
    assert _fields(tmp_path / "plain.jsonl")[-1]["c3"] == "<US_DRIVER_LICENSE>"
    assert unprofiled.to_json()["column_maps"] == []


def test_when_two_workers_then_same_profile_and_output(tmp_path: Path, redactor: Redactor) -> None:
    source = _csv(tmp_path / "vendor.csv", owner="acme")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    options = BatchOptions(inputs=(str(source),), received_at=AT, progress=False)
    run_local(Settings(), replace(options, output=str(one)), redactor=redactor)
    summary = run_local(Settings(), replace(options, output=str(two), workers=2))
    assert two.read_text() == one.read_text()
    assert [m[2] for m in summary.column_maps] == ["c3", "c7"]


async def test_when_remote_job_then_gateway_profiles_and_applies_the_map(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    source = _csv(tmp_path / "vendor.csv", owner="acme")
    target, report = tmp_path / "remote.jsonl", tmp_path / "report.json"
    async with running_gateway(settings, redactor) as parts:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "gateway", "redact", str(source), "-o", str(target),
            "--remote", f"127.0.0.1:{parts.port}", "--report", str(report),
            env={**os.environ, "LEADGATE_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)},
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, stderr.decode()
    fields = _fields(target)
    assert [f["c3"] for f in fields] == ["<US_SSN>"] * 6 and fields[0]["c9"] == PHONES[0]
    maps: list[dict[str, Any]] = json.loads(report.read_text())["column_maps"]
    assert [(m["owner"], m["column"]) for m in maps] == [("acme", "c3"), ("acme", "c7")]
