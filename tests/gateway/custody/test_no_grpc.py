"""Custody loads neither gRPC nor protobuf: like the engine, it works without the edge.

In a fresh interpreter (this one has loaded gRPC long ago), every module under
gateway.custody is imported; then no ``grpc`` or ``google.protobuf`` module may be loaded.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import gateway.custody

_PROBE = """
import importlib, json, pkgutil, sys
import gateway.custody
names = [m.name for m in pkgutil.walk_packages(gateway.custody.__path__, "gateway.custody.")]
for name in names:
    importlib.import_module(name)
edge = [m for m in sys.modules if m.split(".")[0] == "grpc" or m.startswith("google.protobuf")]
print(json.dumps({"imported": names, "edge": edge}))
"""


def test_when_every_custody_module_is_imported_then_no_grpc_or_protobuf_is_loaded() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    expected = {m.name for m in pkgutil.walk_packages(gateway.custody.__path__, "gateway.custody.")}
    assert set(found["imported"]) == expected and "gateway.custody.intake" in expected
    assert found["edge"] == []
