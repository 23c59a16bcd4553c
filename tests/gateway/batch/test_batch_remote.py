"""RedactLeads over a real channel, and `leadgate redact --remote` giving the local output."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
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
from gateway.config import Settings
from gateway.rpc.auth import hash_key
from redaction import Redactor
from tests.builders import ROOT
from tests.gateway.serving import running_gateway
from tests.synthetic import SSN, VISA

KEY = "lg_test_bulk_key_0042"


def _without_clock(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The gateway stamps its own received_at; everything else must be identical."""
    for record in records:
        for key in ("received_at", "retain_until"):
            record.get("tags", {}).pop(key, None)
    return records


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_when_leads_streamed_then_one_answer_each_in_order_and_bad_ones_do_not_stop_it(
    settings: Settings, redactor: Redactor
) -> None:
    async def leads() -> AsyncIterator[service_pb.RedactLeadsRequest]:
        yield service_pb.RedactLeadsRequest(lead=pb.Lead(id="a", owner="acme", fields={"ssn": SSN}))
        yield service_pb.RedactLeadsRequest(lead=pb.Lead(owner="acme", fields={"ssn": SSN}))
        yield service_pb.RedactLeadsRequest(
            lead=pb.Lead(id="c", owner="acme", fields={"notes": f"card {VISA}"})
        )

    async with (
        running_gateway(settings, redactor) as parts,
        grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        answers = [a async for a in stub.RedactLeads(leads())]
    assert [a.index for a in answers] == [0, 1, 2]
    assert answers[0].lead.fields["ssn"] == "<US_SSN>" and answers[0].tags.owner == "acme"
    assert answers[1].HasField("error") and not answers[1].HasField("lead")
    assert answers[1].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert list(answers[1].error.fields) == ["lead.id"] and SSN not in str(answers[1])
    assert answers[2].lead.fields["notes"] == "card <CREDIT_CARD>"


async def test_when_bulk_lead_owner_not_granted_then_that_lead_refused(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    keys = tmp_path / "keys.toml"
    keys.write_text(
        f'[[principal]]\nname = "vendor"\nkey_sha256 = "{hash_key(KEY)}"\nowners = ["acme"]\n'
    )

    async def leads() -> AsyncIterator[service_pb.RedactLeadsRequest]:
        for owner in ("acme", "globex", ""):
            yield service_pb.RedactLeadsRequest(lead=pb.Lead(id="x", owner=owner))

    async with (
        running_gateway(replace(settings, keys_file=str(keys)), redactor) as parts,
        grpc.aio.insecure_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        metadata = (("authorization", f"Bearer {KEY}"),)
        answers = [a async for a in stub.RedactLeads(leads(), metadata=metadata)]
        # Without credentials: the server refuses at once. (Nothing is written first: a
        # client still sending when the refusal lands may see its own send fail instead.)
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.RedactLeads().read()
    assert raised.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert [a.error.reason for a in answers] == ["", "PERMISSION_DENIED", ""]
    assert answers[2].tags.owner == "acme"  # the principal's only owner


async def test_when_file_redacted_remotely_then_output_equals_local_run(
    tmp_path: Path, settings: Settings, redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEADGATE_REMOTE_WINDOW", "3")  # exercise the flow-control window
    lines = [
        json.dumps({"id": f"l{i}", "owner": "acme", "fields": {"ssn": SSN, "name": "Ann"}})
        for i in range(7)
    ]
    lines[2] = "{broken"
    lines[4] = json.dumps({"id": "", "owner": "acme", "fields": {}})
    lines.insert(
        5, json.dumps({"id": "c1", "owner": "acme", "segments": [{"text": f"card {VISA}"}]})
    )
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    local_out, remote_out = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    local = run_local(
        Settings(),
        BatchOptions(inputs=(str(source),), output=str(local_out), received_at=datetime.now(UTC)),
        redactor=redactor,
    )
    report = tmp_path / "report.json"
    async with running_gateway(settings, redactor) as parts:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "gateway",
            "redact",
            str(source),
            "-o",
            str(remote_out),
            "--remote",
            f"127.0.0.1:{parts.port}",
            "--report",
            str(report),
            env={**os.environ, "LEADGATE_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)},
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, stderr.decode()
    assert _without_clock(_read(remote_out)) == _without_clock(_read(local_out))
    remote = json.loads(report.read_text())
    assert remote["problems"] == local.to_json()["problems"]
    assert remote["findings_by_type"] == local.to_json()["findings_by_type"]
    assert remote["records_out"] == local.records_out == 6


async def test_when_gateway_cannot_take_leads_then_remote_job_stops_instead_of_skipping(
    tmp_path: Path, settings: Settings
) -> None:
    from gateway.rpc.server import create_server, set_serving

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "l1", "owner": "acme", "fields": {"ssn": SSN}}) + "\n")
    parts = create_server(settings, None)  # bound, engine not loaded: UNAVAILABLE
    await parts.server.start()
    await set_serving(parts.health, False)
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "gateway", "redact", str(source),
            "-o", str(tmp_path / "out.jsonl"), "--remote", f"127.0.0.1:{parts.port}",
            env={**os.environ, "LEADGATE_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)},
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        await parts.server.stop(None)
    assert process.returncode == 1
    assert "the gateway stopped the job: UNAVAILABLE" in stderr.decode()


async def test_when_on_error_fail_meets_a_bad_record_remotely_then_it_stops_there_cleanly(
    tmp_path: Path, settings: Settings, redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEADGATE_REMOTE_WINDOW", "3")  # leads in flight when it stops
    lines = [
        json.dumps({"id": f"l{i}", "owner": "acme", "fields": {"ssn": SSN}}) for i in range(10)
    ]
    lines[5] = "{broken"
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    async with running_gateway(settings, redactor) as parts:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "gateway", "redact", str(source), "-o", str(out),
            "--remote", f"127.0.0.1:{parts.port}", "--on-error", "fail",
            env={**os.environ, "LEADGATE_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)},
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 1
    # Stopped at the bad line, with the open stream and channel closed: no other words.
    assert stderr.decode().splitlines() == [
        f"leadgate redact: stopped at {source}:6: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2)"
    ]
    assert [r["id"] for r in _read(out)] == ["l0", "l1", "l2", "l3", "l4"]
