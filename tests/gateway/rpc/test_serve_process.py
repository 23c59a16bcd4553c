"""The gateway as a process: one per port, files in the data directory, kill -9 mid-call.

Each test runs ``python -m gateway serve`` as a newcomer or an operator would,
with no LEADGATE_* settings but the test's own, in a directory standing in for
the checkout.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2_grpc as service_grpc
from gateway.config import Settings
from gateway.custody.status import DeliveryStatus
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from gateway.rpc.channel import open_channel
from gateway.rpc.server import create_server
from redaction import Redactor
from tests.builders import ROOT, free_port, wait_serving
from tests.gateway.serving import running_gateway
from tests.synthetic import SSN

# Part of the standing adversarial suite: `pytest -m adversarial`.
pytestmark = pytest.mark.adversarial


def _env(data_home: Path, **settings: str) -> dict[str, str]:
    """This environment without LEADGATE_* settings; a private per-user data directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    env.update({f"LEADGATE_{k.upper()}": v for k, v in settings.items()})
    env["XDG_DATA_HOME"] = str(data_home)
    env["LEADGATE_METRICS_PORT"] = "0"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _serve(cwd: Path, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "gateway", "serve", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def checkout(tmp_path: Path) -> Iterator[Path]:
    """An empty directory standing in for a fresh clone's working directory."""
    path = tmp_path / "checkout"
    path.mkdir()
    yield path


async def test_a_second_gateway_on_a_served_port_refuses_to_start(
    settings: Settings, redactor: Redactor, checkout: Path, tmp_path: Path
) -> None:
    port = free_port()
    async with running_gateway(Settings(host="127.0.0.1", port=port), redactor):
        second = subprocess.run(
            [sys.executable, "-m", "gateway", "serve", "--port", str(port)],
            cwd=checkout,
            env=_env(tmp_path / "xdg"),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert second.returncode == 2, second.stderr
    [line] = [x for x in second.stderr.splitlines() if x.strip()]
    assert f"127.0.0.1:{port} is already served" in line and "--share-port" in line


@pytest.mark.parametrize(("share", "second_binds"), [(False, False), (True, True)])
async def test_without_sharing_a_second_server_cannot_bind_the_port(
    redactor: Redactor, share: bool, second_binds: bool
) -> None:
    """Past the check (a race): without SO_REUSEPORT the bind itself fails, naming it."""
    port = free_port()
    settings = Settings(host="127.0.0.1", port=port, share_port=share)
    first = create_server(settings, redactor)
    await first.server.start()
    try:
        if second_binds:
            second = create_server(settings, redactor)
            await second.server.stop(None)
        else:
            with pytest.raises(OSError, match=f"cannot bind 127.0.0.1:{port}"):
                create_server(settings, redactor)
    finally:
        await first.server.stop(None)


@pytest.mark.slow
async def test_serve_keeps_its_files_in_the_data_dir_not_the_current_directory(
    checkout: Path, tmp_path: Path
) -> None:
    """``make run`` then ``make test``: the ledger and its key once landed in the checkout."""
    port = free_port()
    process = _serve(checkout, _env(tmp_path / "xdg"), "--port", str(port))
    try:
        await wait_serving(f"127.0.0.1:{port}", 120, process)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    assert sorted(p.name for p in checkout.iterdir()) == []
    data_dir = tmp_path / "xdg" / "leadgate"
    assert {"ledger.sqlite3", "ledger.sqlite3.key"} <= {p.name for p in data_dir.iterdir()}
    assert str(data_dir) in err.decode()  # printed at start


@pytest.mark.slow
async def test_a_live_call_cut_by_kill_9_is_in_the_ledger_as_cut_off_after_restart(
    checkout: Path, tmp_path: Path
) -> None:
    """Segments went back to the caller, then kill -9: the call must still be recorded."""
    port = free_port()
    env = _env(tmp_path / "xdg", data_dir=str(tmp_path / "data"))
    ledger_path = tmp_path / "data" / "ledger.sqlite3"
    process = _serve(checkout, env, "--port", str(port))
    try:
        await wait_serving(f"127.0.0.1:{port}", 120, process)

        async def requests() -> AsyncIterator[service_pb.StreamTranscriptRequest]:
            yield service_pb.StreamTranscriptRequest(
                start=service_pb.StreamStart(call_id="C-kill", owner="acme")
            )
            yield service_pb.StreamTranscriptRequest(
                segment=pb.TranscriptSegment(text=f"my social is {SSN}, thanks")
            )
            await asyncio.sleep(60)

        async with open_channel(f"127.0.0.1:{port}") as channel:
            call = service_grpc.LeadGatewayServiceStub(channel).StreamTranscript(requests())
            first = await call.read()
            assert "<US_SSN>" in first.segment.segment.text
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            call.cancel()
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)  # and close its pipe
    store = SqliteLedger(ledger_path)
    try:
        [row] = store.query(AuditQuery())
        assert (row.record_id, row.door, row.delivery_status) == (
            "C-kill",
            "stream",
            DeliveryStatus.OPEN,
        )
    finally:
        store.close()

    restarted = _serve(checkout, env, "--port", str(port))
    try:
        await wait_serving(f"127.0.0.1:{port}", 120, restarted)
    finally:
        restarted.send_signal(signal.SIGTERM)
        _, err = restarted.communicate(timeout=60)
    assert "cut off" in err.decode()
    store = SqliteLedger(ledger_path)
    try:
        [row] = store.query(AuditQuery())
        assert (row.record_id, row.delivery_status) == ("C-kill", DeliveryStatus.CUT_OFF)
    finally:
        store.close()
