"""The batch package's shape: each record parsed once, and no import loop among its modules."""

from __future__ import annotations

import ast
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import gateway.batch
from gateway.batch import BatchOptions, run_local
from gateway.batch import inputs as batch_inputs
from gateway.config import Settings
from redaction import Redactor

AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
PACKAGE = Path(gateway.batch.__file__).parent


def test_when_a_job_runs_then_each_record_is_parsed_once(
    redactor: Redactor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[object] = []
    parse = batch_inputs.record_from_dict

    def counting(obj: object) -> object:
        parsed.append(obj)
        return parse(obj)

    monkeypatch.setattr(batch_inputs, "record_from_dict", counting)
    lines = [{"id": f"l{n}", "owner": "acme", "fields": {"note": "call back"}} for n in range(5)]
    lines.append({"id": "c1", "owner": "acme", "segments": [{"speaker": "agent", "text": "hi"}]})
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    options = BatchOptions(
        inputs=(str(source),), output=str(tmp_path / "out.jsonl"), received_at=AT
    )

    summary = run_local(Settings(), options, redactor=redactor)

    assert summary.records_out == 6
    assert len(parsed) == 6  # profiled, NER-batched and redacted from the one parse


def _imports(module: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports, at the top or in a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            found.update(name for name in names if name in modules)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
    return found


def import_loops(package: Path) -> list[list[str]]:
    """Every loop of imports among a package's modules (the package itself aside)."""
    named = {
        ".".join((*package.parts[-2:], *p.relative_to(package).with_suffix("").parts)): p
        for p in package.rglob("*.py")
    }
    modules = {name.removesuffix(".__init__"): path for name, path in named.items()}
    package_name = ".".join(package.parts[-2:])
    graph = {name: _imports(path, modules) - {name, package_name} for name, path in modules.items()}
    loops: list[list[str]] = []
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            loops.append([*path[path.index(name) :], name])
        elif name not in done:
            for imported in sorted(graph[name]):
                visit(imported, [*path, name])
            done.add(name)

    for name in sorted(graph):
        visit(name, [])
    return loops


def test_when_batch_modules_import_each_other_then_there_is_no_loop() -> None:
    assert import_loops(PACKAGE) == []
