"""The engine's public surface is curated, and the engine never imports gRPC or protobuf."""

from __future__ import annotations

import ast
from pathlib import Path

import redaction

PACKAGE = Path(redaction.__file__).parent


def test_when_all_listed_then_sorted_and_complete() -> None:
    def isort_key(name: str) -> tuple[int, str]:
        kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
        return kind, name

    assert redaction.__all__ == sorted(redaction.__all__, key=isort_key)
    public = {n for n in vars(redaction) if not n.startswith("_") and n not in {"annotations"}}
    modules = {n for n in public if type(getattr(redaction, n)).__name__ == "module"}
    assert public - modules <= set(redaction.__all__)
    for name in redaction.__all__:
        assert hasattr(redaction, name)


def test_when_engine_modules_parsed_then_no_grpc_or_protobuf_import() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("grpc", "google.protobuf", "gateway")), (
                    f"{path.name} imports {name}"
                )


def _redaction_imports(tree: ast.AST) -> list[tuple[int, str, str]]:
    """Every ``(line, module, name)`` a module imports from the engine, at any depth."""
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name, "")
                for a in node.names
                if a.name == "redaction" or a.name.startswith("redaction.")
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            module = node.module
            if module == "redaction" or module.startswith("redaction."):
                found += [(node.lineno, module, a.name) for a in node.names]
    return found


def test_when_edge_imports_engine_then_only_public_names_from_the_package() -> None:
    edge = PACKAGE.parent / "gateway"
    wrong = []
    for path in sorted(edge.rglob("*.py")):
        for line, module, name in _redaction_imports(ast.parse(path.read_text())):
            where = f"{path.relative_to(edge.parent)}:{line}"
            if module != "redaction":
                wrong.append(f"{where} imports the submodule {module}")
            elif name not in redaction.__all__:
                wrong.append(f"{where} imports {name}, not in redaction.__all__")
    assert wrong == []
