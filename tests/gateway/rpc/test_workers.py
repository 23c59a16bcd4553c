"""serve --workers 2: two gateway processes on one port, one supervisor, shared outbox."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import urllib.request
from pathlib import Path

from examples.dialer_sink import start_sink
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.rpc.channel import open_channel
from tests.assertions import assert_no_raw_values
from tests.builders import ROOT, free_port, read_jsonl, wait_serving
from tests.gateway.serving import wait_for
from tests.synthetic import SSN

CALLS = 24


async def test_when_two_workers_then_both_serve_share_the_outbox_and_stop_cleanly(
    tmp_path: Path,
) -> None:
    received = tmp_path / "received.jsonl"
    sink, sink_port = await start_sink("127.0.0.1:0", received)
    port, metrics_port = free_port(), free_port()
    log = tmp_path / "gateway.log"
    env = {
        **os.environ,
        "LEADGATE_PORT": str(port),
        "LEADGATE_METRICS_PORT": str(metrics_port),
        "LEADGATE_SINK_ADDRESS": f"127.0.0.1:{sink_port}",
        "LEADGATE_OUTBOX_PATH": str(tmp_path / "outbox.sqlite3"),
    }
    with log.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "gateway", "serve", "--workers", "2",
            cwd=ROOT, env=env, stderr=stderr,
        )  # fmt: skip
        try:
            target = f"127.0.0.1:{port}"
            await wait_for(lambda: b'"workers": 2' in log.read_bytes(), 120, "both workers")
            await wait_serving(target, 90)
            for number in range(CALLS):  # a new connection each: the kernel spreads them
                options = (("grpc.use_local_subchannel_pool", 1),)
                async with open_channel(target, options=options) as channel:
                    stub = service_grpc.LeadGatewayServiceStub(channel)
                    lead = pb.Lead(id=f"w{number}", owner="acme", fields={"ssn": SSN})
                    response = await stub.RedactLead(
                        service_pb.RedactLeadRequest(lead=lead), timeout=20
                    )
                    assert response.lead.fields["ssn"] == "<US_SSN>"
            await wait_for(lambda: len(read_jsonl(received)) == CALLS, 30, "every delivery")
            url = f"http://127.0.0.1:{metrics_port}/metrics"
            text = (await asyncio.to_thread(lambda: urllib.request.urlopen(url).read())).decode()
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 40) == 0
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
            await sink.stop(None)
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    served_by = {e["pid"] for e in entries if e.get("rpc") == "RedactLead"}
    assert len(served_by) == 2, "both worker processes answered calls"
    assert f'leadgate_requests_total{{code="OK",rpc="RedactLead"}} {float(CALLS)}' in text
    assert "leadgate_engine_ready 2.0" in text
    assert sorted(r["record_id"] for r in read_jsonl(received)) == sorted(
        f"w{n}" for n in range(CALLS)
    )
    assert entries[-1]["message"] == "leadgate stopped"
    assert_no_raw_values(log.read_text() + received.read_text(), [SSN])
