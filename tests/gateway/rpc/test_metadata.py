"""Metadata is data, through every door: a real gateway on loopback, a real channel.

An id (record, campaign, call, request) holding a sensitive identifier is refused
with INVALID_ARGUMENT naming the field, never the value; a field name holding one
leaves under a label, and nothing of it reaches the response, the dialer sink, the
ledger, its audit output, the access log or a batch job's output and report. The
values are synthetic: generated SSNs, Luhn-valid cards.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import os
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.batch import BatchOptions, run_local
from gateway.config import Settings
from gateway.custody import rights
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.custody.writer import LedgerWriter
from gateway.logs import JsonFormatter
from gateway.reports.audit import write_rows
from gateway.rpc.channel import open_channel
from gateway.rpc.server import create_server
from redaction import Redactor
from tests.assertions import assert_no_raw_values
from tests.builders import ROOT
from tests.gateway.serving import delivering_gateway, running_gateway, wait_for
from tests.synthetic import MASTERCARD, SSN, VISA, issuable_ssn

ID_SSN = issuable_ssn("id")
NAME_SSN = issuable_ssn("name")
REQUEST_SSN = issuable_ssn("request")
AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
SECRET = bytes(range(7, 39))
PHONE = "(212) 555-0142"


def _details(error: grpc.aio.AioRpcError) -> tuple[str, list[str], dict[str, str]]:
    """(ErrorInfo reason, BadRequest fields, ErrorInfo metadata) of a rich status."""
    status = rpc_status.from_call(error)
    assert status is not None, "expected a rich status"
    assert_no_raw_values(str(status), [ID_SSN, NAME_SSN, REQUEST_SSN, VISA])
    reason, fields, metadata = "", [], {}
    for detail in status.details:
        info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
        if detail.Unpack(info):
            reason, metadata = info.reason, dict(info.metadata)
        elif detail.Unpack(bad):
            fields = [v.field for v in bad.field_violations]
    return reason, fields, metadata


def _lead(**overrides: object) -> pb.Lead:
    values: dict[str, object] = {
        "id": "lead-0001",
        "owner": "acme",
        "campaign_id": "c2-0042",
        "fields": {"first_name": "Dana", "ssn": SSN},
    }
    values.update(overrides)
    return pb.Lead(**values)  # type: ignore[arg-type]


@pytest.fixture
def access_log() -> Iterator[io.StringIO]:
    lines = io.StringIO()
    handler = logging.StreamHandler(lines)
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("leadgate.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    yield lines
    access.removeHandler(handler)


# --- ids over gRPC ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id": f"lead-{ID_SSN}"}, "lead.id"),
        ({"campaign_id": f"camp_{VISA}"}, "lead.campaign_id"),
        ({"id": f"ssn:{ID_SSN.replace('-', '')}"}, "lead.id"),
    ],
)
async def test_when_lead_id_holds_an_identifier_then_invalid_argument_naming_it_not_its_digits(
    stub: service_grpc.LeadGatewayServiceStub, overrides: dict[str, str], field: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead(**overrides)))

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    reason, fields, _ = _details(raised.value)
    assert (reason, fields) == ("SENSITIVE_METADATA", [field])
    assert field in (raised.value.details() or "")
    assert_no_raw_values(raised.value.details() or "", [ID_SSN, VISA])


async def test_when_ordinary_numeric_ids_then_lead_redacted(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    lead = _lead(id="100234567", campaign_id="2024-11-30T10:00:00Z-000123")
    response = await stub.RedactLead(service_pb.RedactLeadRequest(lead=lead))
    assert response.lead.id == "100234567" and response.lead.fields["ssn"] == "<US_SSN>"


async def test_when_one_bulk_lead_id_holds_an_ssn_then_only_it_is_refused(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    async def leads() -> AsyncIterator[service_pb.RedactLeadsRequest]:
        for record_id in ("lead-1", f"lead-{ID_SSN}", "lead-3"):
            yield service_pb.RedactLeadsRequest(lead=_lead(id=record_id))

    answers = [a async for a in stub.RedactLeads(leads())]
    assert [a.index for a in answers] == [0, 1, 2]
    assert [a.HasField("error") for a in answers] == [False, True, False]
    refused = answers[1].error
    assert refused.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert (refused.reason, list(refused.fields)) == ("SENSITIVE_METADATA", ["lead.id"])
    assert_no_raw_values(str(answers[1]), [ID_SSN])


async def test_when_transcript_id_holds_a_card_then_invalid_argument_naming_it(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    transcript = pb.Transcript(
        id=f"call-{VISA}", owner="acme", segments=[pb.TranscriptSegment(text="hello")]
    )
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.RedactTranscript(service_pb.RedactTranscriptRequest(transcript=transcript))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _details(raised.value)[:2] == ("SENSITIVE_METADATA", ["transcript.id"])


async def test_when_live_call_id_holds_an_ssn_then_stream_refused_at_start(
    stub: service_grpc.LeadGatewayServiceStub,
) -> None:
    async def requests() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
        yield service_pb.StreamTranscriptRequest(
            start=service_pb.StreamStart(call_id=f"call_{ID_SSN}", owner="acme")
        )
        yield service_pb.StreamTranscriptRequest(segment=pb.TranscriptSegment(text="hi"))

    with pytest.raises(grpc.aio.AioRpcError) as raised:
        async for _ in stub.StreamTranscript(requests()):
            pass
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _details(raised.value)[:2] == ("SENSITIVE_METADATA", ["transcript.id"])


# --- request ids --------------------------------------------------------------------


async def test_when_request_id_holds_an_ssn_then_refused_under_a_new_id_and_never_logged(
    settings: Settings, redactor: Redactor, access_log: io.StringIO
) -> None:
    async with (
        running_gateway(settings, redactor) as parts,
        open_channel(f"127.0.0.1:{parts.port}") as channel,
    ):
        stub = service_grpc.LeadGatewayServiceStub(channel)
        request = service_pb.RedactLeadRequest(lead=_lead())
        call = stub.RedactLead(request, metadata=(("x-request-id", f"req-{REQUEST_SSN}"),))
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await call
        echoed = dict(await call.initial_metadata())["x-request-id"]
        ordinary = stub.RedactLead(request, metadata=(("x-request-id", "dialer-42-7781"),))
        await ordinary
        kept = dict(await ordinary.initial_metadata())["x-request-id"]

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    reason, fields, metadata = _details(raised.value)
    assert (reason, fields) == ("SENSITIVE_METADATA", ["request_id"])
    assert metadata["request_id"] == echoed and REQUEST_SSN.replace("-", "") not in echoed
    assert kept == "dialer-42-7781"
    entries = [json.loads(line) for line in access_log.getvalue().splitlines()]
    assert [(e["code"], e["request_id"]) for e in entries] == [
        ("INVALID_ARGUMENT", echoed),
        ("OK", "dialer-42-7781"),
    ]
    assert_no_raw_values(access_log.getvalue(), [REQUEST_SSN])


async def test_when_health_check_or_loading_engine_then_such_a_request_id_is_replaced(
    settings: Settings,
) -> None:
    metadata = (("x-request-id", f"req-{REQUEST_SSN}"),)
    parts = create_server(settings, None)  # the engine never loads: calls get UNAVAILABLE
    await parts.server.start()
    try:
        async with open_channel(f"127.0.0.1:{parts.port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)
            check = health.Check(health_pb2.HealthCheckRequest(), metadata=metadata)
            await check
            stub = service_grpc.LeadGatewayServiceStub(channel)
            call = stub.RedactLead(service_pb.RedactLeadRequest(lead=_lead()), metadata=metadata)
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await call
            echoed = [
                dict(await check.initial_metadata())["x-request-id"],
                dict(await call.initial_metadata())["x-request-id"],
            ]
    finally:
        await parts.server.stop(None)
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
    assert_no_raw_values(" ".join(echoed), [REQUEST_SSN])


# --- field names: response, sink, ledger, audit, consumer index ---------------------


async def test_when_field_name_holds_an_ssn_then_renamed_everywhere_and_value_kept_as_before(
    settings: Settings, redactor: Redactor, tmp_path: Path
) -> None:
    from examples.dialer_sink import start_sink

    ledger_dir = tmp_path / "ledger"
    store = SqliteLedger(ledger_dir / "ledger.sqlite3")
    ledger = LedgerWriter(store, ConsumerIndex(SECRET))
    received = tmp_path / "sink.jsonl"
    sink, sink_port = await start_sink("127.0.0.1:0", received)
    fields = {"first_name": "Dana", f"phone_{NAME_SSN}": PHONE, f"ssn:{NAME_SSN}": SSN}
    try:
        async with (
            delivering_gateway(
                settings, redactor, tmp_path / "outbox.sqlite3", f"127.0.0.1:{sink_port}", ledger
            ) as (parts, _, _outbox),
            open_channel(f"127.0.0.1:{parts.port}") as channel,
        ):
            stub = service_grpc.LeadGatewayServiceStub(channel)
            request = service_pb.RedactLeadRequest(lead=_lead(id="lead-9", fields=fields))
            response = await stub.RedactLead(request)
            await wait_for(
                lambda: received.exists() and "lead-9" in received.read_text(), 10, "sink"
            )
        index = ConsumerIndex(SECRET)
        found = rights.lookup(
            store, "acme", rights.consumer_identifiers(index, "acme", [PHONE], [])
        )
        audit = io.StringIO()
        write_rows(store.query(AuditQuery()), "csv", audit)
    finally:
        await sink.stop(None)
        ledger.close()

    # Each value went as its original name said: "phone_..." kept as a phone (and indexed),
    # "ssn:..." replaced whole as an SSN; the names left as labels.
    assert dict(response.lead.fields) == {
        "first_name": "Dana",
        "<US_SSN>": PHONE,
        "<US_SSN>_2": "<US_SSN>",
    }
    kinds = {(f.field_name, f.entity_type, f.action) for f in response.findings}
    assert ("<US_SSN>", "PHONE_NUMBER", pb.ACTION_KEPT) in kinds
    assert ("<US_SSN>_2", "US_SSN", pb.ACTION_REPLACED) in kinds
    assert {f.field_name for f in response.findings} <= {"first_name", "<US_SSN>", "<US_SSN>_2"}
    assert [e.record_id for e in found.entries] == ["lead-9"]  # indexed under its new name
    ledger_bytes = b"".join(p.read_bytes() for p in ledger_dir.iterdir() if p.is_file())
    for place in (str(response), received.read_text(), audit.getvalue(), str(ledger_bytes)):
        assert_no_raw_values(place, [NAME_SSN, SSN])
    assert "<US_SSN>_2" in received.read_text()


# --- batch: local, CSV, remote ------------------------------------------------------


def _run(redactor: Redactor, source: Path, output: Path) -> None:
    opts = BatchOptions(inputs=(str(source),), output=str(output), received_at=AT)
    run_local(Settings(), opts, redactor=redactor)


def _lines(records: list[dict[str, object]]) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n"


def test_when_batch_line_has_an_identifier_in_an_id_then_that_line_is_bad_and_rest_written(
    redactor: Redactor, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        _lines(
            [
                {"id": "l1", "owner": "acme", "fields": {"ssn": SSN}},
                {"id": f"l-{ID_SSN}", "owner": "acme", "fields": {"first_name": "Ann"}},
                {"id": "c1", "owner": "acme", "campaign_id": f"cc-{VISA}", "segments": []},
                {"id": "l4", "owner": "acme", "fields": {NAME_SSN: "Ann"}},
            ]
        )
    )
    target, ledger_path = tmp_path / "out.jsonl", tmp_path / "ledger.sqlite3"
    store = SqliteLedger(ledger_path)
    try:
        summary = run_local(
            Settings(ledger_path=str(ledger_path)),
            BatchOptions(inputs=(str(source),), output=str(target), received_at=AT),
            redactor=redactor,
            ledger=store,
            index=ConsumerIndex(SECRET),
        )
        audit = io.StringIO()
        write_rows(store.query(AuditQuery()), "csv", audit)
    finally:
        store.close()

    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [o["id"] for o in out] == ["l1", "l4"]
    assert out[1]["fields"] == {"<US_SSN>": "Ann"}
    report = summary.to_json()
    assert [(p["line"], p["problem"].split(":")[1].strip()) for p in report["problems"]] == [
        (2, "lead.id"),
        (3, "transcript.campaign_id"),
    ]
    ledger_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("ledger.sqlite3*"))
    for place in (target.read_text(), json.dumps(report), audit.getvalue(), str(ledger_bytes)):
        assert_no_raw_values(place, [ID_SSN, NAME_SSN, VISA])


def test_when_csv_header_names_hold_ssns_then_output_header_and_rows_use_the_labels(
    redactor: Redactor, tmp_path: Path
) -> None:
    first, second = issuable_ssn("csv"), issuable_ssn("csv2")
    source = tmp_path / "leads.csv"
    with source.open("w", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["id", "owner", "first_name", first, second])
        rows.writerow(["l1", "acme", "Ann", "yes", f"card {VISA}"])
        rows.writerow(["l2", "acme", "Bo", "", f"card {MASTERCARD}"])  # first empty: names stay
    target = tmp_path / "out.csv"
    _run(redactor, source, target)

    with target.open(newline="") as handle:
        out = list(csv.DictReader(handle))
    assert list(out[0])[:5] == ["id", "owner", "first_name", "<US_SSN>", "<US_SSN>_2"]
    assert [(r["<US_SSN>"], r["<US_SSN>_2"]) for r in out] == [
        ("yes", "card <CREDIT_CARD>"),
        ("", "card <CREDIT_CARD>"),
    ]
    cards = [
        [f["field"] for f in json.loads(r["findings"]) if f["entity_type"] == "CREDIT_CARD"]
        for r in out
    ]
    assert cards == [["<US_SSN>_2"], ["<US_SSN>_2"]]
    assert_no_raw_values(target.read_text(), [first, second, VISA, MASTERCARD])


async def test_when_remote_batch_line_has_an_ssn_in_its_id_then_reported_as_a_bad_line(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        _lines(
            [
                {"id": "l1", "owner": "acme", "fields": {"ssn": SSN}},
                {"id": f"l-{ID_SSN}", "owner": "acme", "fields": {"first_name": "Ann"}},
                {"id": "l3", "owner": "acme", "fields": {NAME_SSN: "Ann"}},
            ]
        )
    )
    target, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    async with running_gateway(settings, redactor) as parts:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "gateway",
            "redact",
            str(source),
            "-o",
            str(target),
            "--remote",
            f"127.0.0.1:{parts.port}",
            "--report",
            str(report),
            env={**os.environ, "LEADGATE_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)},
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)

    assert process.returncode == 0, stderr.decode()
    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [(o["id"], list(o["fields"])) for o in out] == [("l1", ["ssn"]), ("l3", ["<US_SSN>"])]
    problems = json.loads(report.read_text())["problems"]
    assert [p["line"] for p in problems] == [2] and "lead.id" in problems[0]["problem"]
    for place in (target.read_text(), report.read_text(), stderr.decode()):
        assert_no_raw_values(place, [ID_SSN, NAME_SSN])


async def test_when_remote_batch_writes_csv_then_a_header_holding_an_ssn_never_reaches_it(
    tmp_path: Path, settings: Settings, redactor: Redactor
) -> None:
    """``--remote`` has no engine: the header comes from the names the gateway gave back."""
    name = issuable_ssn("remote-csv")
    source = tmp_path / "leads.csv"
    with source.open("w", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["id", "owner", "first_name", name])
        rows.writerow(["l1", "acme", "Ann", "yes"])
        rows.writerow(["l2", "acme", "Bo", "no"])
    target = tmp_path / "out.csv"
    async with running_gateway(settings, redactor) as parts:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "gateway",
            "redact",
            str(source),
            "-o",
            str(target),
            "--remote",
            f"127.0.0.1:{parts.port}",
            env={**os.environ, "LEADGATE_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)},
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)

    assert process.returncode == 0, stderr.decode()
    with target.open(newline="") as handle:
        out = list(csv.DictReader(handle))
    assert list(out[0])[:4] == ["id", "owner", "first_name", "<US_SSN>"]
    assert [r["<US_SSN>"] for r in out] == ["yes", "no"]
    assert_no_raw_values(target.read_text(), [name])
