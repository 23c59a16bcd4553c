"""The sidecar shape: the container's command, run as a process next to a dialer's sink.

The image (Dockerfile) and the pod (deploy/k8s/pod.yaml) run the same command; here it
runs as ``python -m gateway ...`` with deploy/sidecar.toml, a Unix domain socket and the
example sink on loopback, with only the paths and ports a test must move overridden by
LEADGATE_* variables.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from examples.dialer_sink import start_sink
from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.rpc.channel import open_channel
from tests.assertions import assert_no_raw_values
from tests.builders import ROOT, free_port, wait_serving
from tests.synthetic import SSN

DOCKERFILE = ROOT / "Dockerfile"
POD = ROOT / "deploy" / "k8s" / "pod.yaml"
SIDECAR_TOML = ROOT / "deploy" / "sidecar.toml"
IMAGE_CONFIG = "/etc/leadgate/sidecar.toml"

pytestmark = pytest.mark.timeout(60)


def _instruction(text: str, name: str) -> list[str]:
    """The JSON (exec form) argument of the last ENTRYPOINT or CMD, as Docker takes it."""
    found = re.findall(rf"^{name}\s+(\[.*\])\s*$", text, re.MULTILINE)
    assert found, f"no exec-form {name} in the Dockerfile"
    value = json.loads(found[-1])
    assert isinstance(value, list) and all(isinstance(v, str) for v in value)
    return value


def image_command() -> list[str]:
    """What the image runs: ENTRYPOINT followed by CMD."""
    text = DOCKERFILE.read_text()
    return _instruction(text, "ENTRYPOINT") + _instruction(text, "CMD")


def pod_command() -> list[str]:
    """What the pod runs in its leadgate container: command followed by args."""
    pod = yaml.safe_load(POD.read_text())
    (container,) = [c for c in pod["spec"]["containers"] if c["name"] == "leadgate"]
    return [*container["command"], *container["args"]]


def local_command() -> list[str]:
    """The container's command with this interpreter and this checkout's sidecar.toml."""
    command = image_command()
    assert command[0] == "leadgate"
    args = [str(SIDECAR_TOML) if arg == IMAGE_CONFIG else arg for arg in command[1:]]
    return [sys.executable, "-m", "gateway", *args]


def _env(**overrides: str) -> dict[str, str]:
    """This environment without stray LEADGATE_* settings, plus the test's overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env.update({f"LEADGATE_{k.upper()}": v for k, v in overrides.items()})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def test_image_and_pod_run_the_same_command() -> None:
    assert image_command() == ["leadgate", "--config", IMAGE_CONFIG, "serve"]
    assert pod_command() == image_command()
    assert "COPY deploy/sidecar.toml /etc/leadgate/sidecar.toml" in DOCKERFILE.read_text()
    # The command the next test runs is that one, bar interpreter and config path.
    assert local_command()[3:] == ["--config", str(SIDECAR_TOML), "serve"]


def test_pod_probes_use_the_socket_the_config_names() -> None:
    pod = yaml.safe_load(POD.read_text())
    containers = {c["name"]: c for c in pod["spec"]["containers"]}
    socket_path = "/run/leadgate/leadgate.sock"
    assert f'socket_path = "{socket_path}"' in SIDECAR_TOML.read_text()
    assert {"name": "LEADGATE_SOCKET", "value": socket_path} in containers["dialer"]["env"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        command = containers["leadgate"][probe]["exec"]["command"]
        assert command == ["python", "-m", "gateway.rpc.health", f"unix:{socket_path}"]
    limits = containers["leadgate"]["resources"]["limits"]
    assert limits["memory"] == "600Mi"


async def _wait_lines(path: Path, seconds: float) -> list[dict[str, Any]]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if text.strip():
            return [json.loads(line) for line in text.splitlines()]
        await asyncio.sleep(0.1)
    raise AssertionError(f"nothing delivered to {path} in {seconds} s")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode())


@pytest.fixture
def socket_dir(tmp_path: Path) -> Iterator[Path]:
    """tmp_path, or a shorter directory where a socket path would pass the ~107-byte limit."""
    if len(str(tmp_path / "leadgate.sock")) < 100:
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(prefix="lg-", dir="/tmp") as short:
        yield Path(short)


@pytest.fixture
async def sink(tmp_path: Path) -> AsyncIterator[tuple[int, Path]]:
    out = tmp_path / "received.jsonl"
    server, port = await start_sink("127.0.0.1:0", out)
    try:
        yield port, out
    finally:
        await server.stop(None)


@pytest.mark.slow
async def test_sidecar_on_a_socket_redacts_delivers_and_stops_on_sigterm(
    tmp_path: Path, socket_dir: Path, sink: tuple[int, Path]
) -> None:
    sink_port, received = sink
    socket_path = socket_dir / "leadgate.sock"
    metrics_port = free_port()
    stderr_path = tmp_path / "leadgate.log"
    env = _env(
        socket_path=str(socket_path),
        sink_address=f"127.0.0.1:{sink_port}",
        outbox_path=str(tmp_path / "outbox.sqlite3"),
        ledger_path=str(tmp_path / "ledger.sqlite3"),
        metrics_port=str(metrics_port),
    )
    target = f"unix:{socket_path}"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            local_command(), cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            await wait_serving(target, 40, process)
            probe = await asyncio.to_thread(
                subprocess.run,
                [sys.executable, "-m", "gateway.rpc.health", target],
                env=env,
                capture_output=True,
                text=True,
                timeout=20,
            )
            assert (probe.returncode, probe.stdout.strip()) == (0, "SERVING")
            assert stat.S_IMODE(socket_path.stat().st_mode) == 0o660  # the group may connect

            lead = pb.Lead(
                id="lead-sidecar-1",
                owner="acme-insurance",
                fields={"first_name": "Dana", "ssn": SSN, "notes": f"ssn is {SSN}"},
            )
            async with open_channel(target) as channel:
                stub = service_grpc.LeadGatewayServiceStub(channel)
                response = await stub.RedactLead(
                    service_pb.RedactLeadRequest(lead=lead), timeout=20
                )
            assert response.lead.fields["ssn"] == "<US_SSN>"
            assert response.lead.fields["first_name"] == "Dana"
            assert_no_raw_values(str(response), [SSN])

            lines = await _wait_lines(received, seconds=10)
            assert [(e["kind"], e["owner"], e["record_id"]) for e in lines] == [
                ("lead", "acme-insurance", "lead-sidecar-1")
            ]
            assert lines[0]["record"]["fields"]["ssn"] == "<US_SSN>"
            assert_no_raw_values(received.read_text(encoding="utf-8"), [SSN])

            metrics = await asyncio.to_thread(_get, f"http://127.0.0.1:{metrics_port}/metrics")
            assert 'leadgate_requests_total{code="OK",rpc="RedactLead"} 1.0' in metrics
            assert re.search(r"^leadgate_outbox_depth \d", metrics, re.MULTILINE)
            assert SSN not in metrics

            process.send_signal(signal.SIGTERM)
            code = await asyncio.to_thread(process.wait, 15)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert code == 0
    log = [json.loads(line) for line in stderr_path.read_text().splitlines() if line.strip()]
    messages = [entry["message"] for entry in log]
    assert "leadgate ready" in messages
    assert messages[-1] == "leadgate stopped"
    assert_no_raw_values(stderr_path.read_text(), [SSN])


def _check_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "gateway", "--config", str(SIDECAR_TOML), "check-config"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)


def test_check_config_passes_when_the_sidecar_directories_exist(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "lib").mkdir()
    env = _env(
        socket_path=str(tmp_path / "run" / "leadgate.sock"),
        outbox_path=str(tmp_path / "lib" / "outbox.sqlite3"),
        ledger_path=str(tmp_path / "lib" / "ledger.sqlite3"),
    )
    result = _check_config(env)
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


def test_check_config_names_socket_path_when_its_directory_is_missing(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    env = _env(
        socket_path=str(tmp_path / "missing" / "leadgate.sock"),
        outbox_path=str(tmp_path / "lib" / "outbox.sqlite3"),
        ledger_path=str(tmp_path / "lib" / "ledger.sqlite3"),
    )
    result = _check_config(env)
    assert result.returncode == 2
    assert "socket_path" in result.stderr
    assert str(tmp_path / "missing") in result.stderr
