"""Generate gateway/_pb from proto/ with relative imports (run by `make proto`)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"
OUT_DIR = ROOT / "gateway" / "_pb"
_ABSOLUTE_IMPORT = re.compile(r"^from leadgate\.v1 import (\w+)", re.MULTILINE)


def main() -> int:
    """Run protoc (python, grpc, mypy stubs) and make the imports package-relative."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    # protoc finds the mypy plugins on PATH; they live beside this interpreter.
    bin_dir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    protos = sorted(str(p.relative_to(PROTO_DIR)) for p in PROTO_DIR.rglob("*.proto"))
    include = str(Path(protoc.__file__).parent / "_proto")
    code = protoc.main(
        [
            "grpc_tools.protoc",
            f"-I{PROTO_DIR}",
            f"-I{include}",
            f"--python_out={OUT_DIR}",
            f"--grpc_python_out={OUT_DIR}",
            f"--mypy_out={OUT_DIR}",
            f"--mypy_grpc_out={OUT_DIR}",
            *protos,
        ]
    )
    if code != 0:
        return int(code)
    for path in (OUT_DIR / "leadgate" / "v1").glob("*.py*"):
        path.write_text(_ABSOLUTE_IMPORT.sub(r"from . import \1", path.read_text()))
    for package in (OUT_DIR, OUT_DIR / "leadgate", OUT_DIR / "leadgate" / "v1"):
        (package / "__init__.py").touch()
    return 0


if __name__ == "__main__":
    sys.exit(main())
