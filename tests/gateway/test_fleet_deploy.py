"""deploy/k8s/fleet.yaml and the README's fleet client: what a fleet's operator copies."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import grpc
import yaml
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.builders import ROOT

FLEET = ROOT / "deploy" / "k8s" / "fleet.yaml"
README = ROOT / "README.md"
HEADLESS_TARGET = "dns:///leadgate-headless.calls.svc.cluster.local:50051"


def _documents() -> dict[str, dict[str, Any]]:
    """The manifests by kind (one of each)."""
    documents = [d for d in yaml.safe_load_all(FLEET.read_text()) if d]
    kinds = [d["kind"] for d in documents]
    assert len(kinds) == len(set(kinds)), kinds
    return {d["kind"]: d for d in documents}


def _container() -> dict[str, Any]:
    spec = _documents()["Deployment"]["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    return dict(container)


def _fleet_client_snippet() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
    (snippet,) = [b for b in blocks if "dns:///leadgate-headless" in b]
    return str(snippet)


def test_when_fleet_manifest_read_then_three_replicas_behind_a_headless_service() -> None:
    documents = _documents()
    service, deployment = documents["Service"], documents["Deployment"]
    assert service["metadata"]["name"] == "leadgate-headless"
    assert service["spec"]["clusterIP"] == "None"
    assert deployment["spec"]["replicas"] == 3
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    ports = {p["name"]: p["containerPort"] for p in _container()["ports"]}
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= set(ports)
    assert ports["grpc"] == 50051


def test_when_fleet_manifest_read_then_urls_and_key_come_from_the_secret() -> None:
    container = _container()
    env = {e["name"]: e for e in container["env"]}
    for name, key in (("LEADGATE_LEDGER_URL", "ledger-url"), ("LEADGATE_OUTBOX_URL", "outbox-url")):
        assert "value" not in env[name], f"{name} must not be written in the manifest"
        assert env[name]["valueFrom"]["secretKeyRef"] == {"name": "leadgate-fleet", "key": key}
    # The key file (and the principals) are files mounted from the same Secret.
    spec = _documents()["Deployment"]["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in spec["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    key_file = env["LEADGATE_LEDGER_KEY_FILE"]["value"]
    directory, _, file_name = key_file.rpartition("/")
    secret = volumes[mounts[directory]]["secret"]
    assert secret["secretName"] == "leadgate-fleet"
    assert file_name in {item["path"] for item in secret["items"]}
    assert env["LEADGATE_MAX_CONNECTION_AGE_SECONDS"]["value"] == "300"


def test_when_fleet_manifest_read_then_probes_run_the_health_module() -> None:
    container = _container()
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        command = container[probe]["exec"]["command"]
        assert command == ["python", "-m", "gateway.rpc.health", "127.0.0.1:50051"]


def test_when_readme_fleet_client_read_then_it_uses_round_robin_over_the_headless_name() -> None:
    snippet = _fleet_client_snippet()
    assert HEADLESS_TARGET in snippet
    config = re.search(r"json\.dumps\((\{.*\})\)", snippet)
    assert config is not None
    assert json.loads(config.group(1).replace("'", '"')) == {
        "loadBalancingConfig": [{"round_robin": {}}]
    }


async def test_when_readme_fleet_client_run_then_its_channel_reaches_a_gateway(
    server_port: int,
) -> None:
    # The cluster's name resolves only in a cluster; the same dns:/// target form and
    # service config on loopback show the snippet is a working channel.
    code = _fleet_client_snippet().replace(HEADLESS_TARGET, f"dns:///127.0.0.1:{server_port}")
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    channel: grpc.Channel = namespace["channel"]
    try:
        check = health_pb2_grpc.HealthStub(channel).Check
        reply = await asyncio.to_thread(check, health_pb2.HealthCheckRequest(), timeout=5)
    finally:
        channel.close()
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
