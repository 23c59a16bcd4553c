"""A Node.js client built only from the .proto files can use the API (tests/node/client.mjs)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.assertions import assert_no_raw_values
from tests.synthetic import SSN

NODE_DIR = Path(__file__).resolve().parents[2] / "node"
CLIENT = NODE_DIR / "client.mjs"
TIMEOUT_SECONDS = 30.0
INVALID_ARGUMENT = 3
GRPC_ERROR_EXIT = 3


def _require_node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js (20+) to run the Node client tests")
    if not (NODE_DIR / "node_modules" / "@grpc" / "grpc-js").is_dir():
        pytest.fail(
            f"{NODE_DIR / 'node_modules'} is missing: run `make test`, which installs it "
            "(npm ci in tests/node)"
        )
    return node


async def _client(port: int, command: str, payload: Any = None) -> tuple[int, Any]:
    """Run client.mjs against the test server; return its exit code and parsed stdout."""
    node = _require_node()
    proc = await asyncio.create_subprocess_exec(
        node,
        str(CLIENT),
        "--target",
        f"127.0.0.1:{port}",
        command,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdin = b"" if payload is None else json.dumps(payload).encode()
    try:
        stdout, stderr = await asyncio.wait_for(proc.communicate(stdin), TIMEOUT_SECONDS)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        pytest.fail(f"node client.mjs {command} did not finish in {TIMEOUT_SECONDS} s")
    assert proc.returncode is not None
    assert proc.returncode in (0, GRPC_ERROR_EXIT), (
        f"node client.mjs {command} exited {proc.returncode}: {stderr.decode(errors='replace')}"
    )
    return proc.returncode, json.loads(stdout)


async def test_when_node_redacts_lead_then_ssn_replaced_and_name_kept(server_port: int) -> None:
    lead = {
        "id": "lead-node-1",
        "owner": "acme",
        "consumer_state": "CA",
        "fields": {"first_name": "Dana", "ssn": SSN},
    }
    code, response = await _client(server_port, "redact-lead", lead)

    assert code == 0, response
    fields = response["lead"]["fields"]
    assert fields["ssn"] == "<US_SSN>"
    assert fields["first_name"] == "Dana"
    assert response["lead"]["id"] == "lead-node-1"
    assert response["tags"]["owner"] == "acme"
    assert response["tags"]["data_category"] == "DATA_CATEGORY_LEAD_DATA"
    ssn_findings = [f for f in response["findings"] if f["entity_type"] == "US_SSN"]
    assert [(f["field_name"], f["action"]) for f in ssn_findings] == [("ssn", "ACTION_REPLACED")]
    assert_no_raw_values(json.dumps(response), [SSN])


async def test_when_node_sends_lead_without_id_then_invalid_argument_names_field(
    server_port: int,
) -> None:
    lead = {"owner": "acme", "fields": {"first_name": "Dana"}}
    code, response = await _client(server_port, "redact-lead", lead)

    assert code == GRPC_ERROR_EXIT, response
    assert response["error"]["code"] == INVALID_ARGUMENT
    assert "lead.id" in response["error"]["details"]


async def test_when_node_streams_transcript_then_one_response_per_segment_then_summary(
    server_port: int,
) -> None:
    texts = ["hi this is the agent calling", f"sure my social is {SSN}", "okay thank you"]
    payload = {
        "start": {"call_id": "call-node-1", "owner": "acme", "consumer_state": "OR"},
        "segments": [{"speaker": "SPEAKER_CUSTOMER", "text": t} for t in texts],
    }
    code, responses = await _client(server_port, "stream", payload)

    assert code == 0, responses
    assert [r["event"] for r in responses] == ["segment"] * len(texts) + ["summary"]
    segments = [r["segment"] for r in responses[:-1]]
    assert [s["segment_index"] for s in segments] == list(range(len(texts)))
    out = [s["segment"]["text"] for s in segments]
    assert out == [texts[0], "sure my social is <US_SSN>", texts[2]]
    assert all(s["segment"]["speaker"] == "SPEAKER_CUSTOMER" for s in segments)
    summary = responses[-1]["summary"]
    assert summary["call_id"] == "call-node-1" and summary["segments"] == len(texts)
    assert summary["findings_by_type"]["US_SSN"] == 1
    assert summary["tags"]["owner"] == "acme"
    assert_no_raw_values(json.dumps(responses), [SSN])


async def test_when_node_checks_health_then_serving(server_port: int) -> None:
    code, response = await _client(server_port, "health")

    assert code == 0, response
    assert response == {"status": "SERVING"}
