"""The README's client example runs against a real server and prints what it claims."""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _python_example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
    assert blocks, "README has no python example"
    return str(blocks[0])


async def test_when_readme_example_run_then_ssn_and_diagnosis_removed(server_port: int) -> None:
    code = _python_example().replace("localhost:50051", f"127.0.0.1:{server_port}")
    output = io.StringIO()

    def run() -> None:
        with contextlib.redirect_stdout(output):
            exec(compile(code, "README.md", "exec"), {})

    await asyncio.to_thread(run)
    printed = output.getvalue()
    assert "'ssn': '<US_SSN>'" in printed
    assert "Diagnosed with <HEALTH_CONDITION>, prefers mornings." in printed
    assert "('CCPA', 'service provider')" in printed
    assert "536-22-8174" not in printed
