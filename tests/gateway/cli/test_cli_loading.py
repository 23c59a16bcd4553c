"""What the CLI loads: each command's work only when it runs; matplotlib only for ``--html``.

Each case runs the CLI in a fresh interpreter, so what an earlier test imported
cannot hide an import. A module is kept out by ``sys.modules[name] = None``, which
makes importing it fail as if it were not installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gateway.custody.store.sqlite_ledger import SqliteLedger
from tests.gateway.custody.test_sqlite_store import entry

ROOT = Path(__file__).resolve().parents[3]
# Imported by the engine, the gRPC edge and the HTML report's charts.
HEAVY = ("redaction", "presidio_analyzer", "spacy", "grpc", "google.protobuf", "matplotlib")

_RUN_WITHOUT = """
import sys
for name in sys.argv[1].split(","):
    if name:
        sys.modules[name] = None
from gateway.cli.app import main
sys.exit(main(sys.argv[2:]))
"""

_LOADED_BY = """
import contextlib, io, json, sys
from gateway.cli.app import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[2:])
    except SystemExit:
        pass
print(json.dumps(sorted(name for name in sys.argv[1].split(",") if name in sys.modules)))
"""


def _python(script: str, modules: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADGATE_")}
    return subprocess.run(
        [sys.executable, "-c", script, modules, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A settings file naming a ledger with one entry (and no dialer sink)."""
    store = SqliteLedger(tmp_path / "ledger.sqlite3")
    store.record([entry("A-1")])
    store.close()
    path = tmp_path / "leadgate.toml"
    path.write_text(f'ledger_path = "{tmp_path / "ledger.sqlite3"}"\n')
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ("--help",),
        ("audit", "--help"),
        ("rights", "--help"),
        ("rights", "lookup", "--help"),
        ("retention", "sweep", "--help"),
        ("outbox", "parked", "--help"),
    ],
)
def test_when_help_is_asked_then_neither_engine_nor_grpc_nor_matplotlib_is_loaded(
    argv: tuple[str, ...],
) -> None:
    done = _python(_LOADED_BY, ",".join(HEAVY), *argv)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_when_redact_help_is_asked_then_it_lists_the_batch_jobs_options() -> None:
    done = _python(_RUN_WITHOUT, "", "redact", "--help")

    assert done.returncode == 0, done.stderr
    for option in ("--on-error", "--profile-sample", "--workers", "--engine", "--remote-ca"):
        assert option in done.stdout


def test_when_matplotlib_is_missing_then_audit_html_exits_2_naming_the_extra(
    tmp_path: Path, config: Path
) -> None:
    report = tmp_path / "report.html"

    done = _python(
        _RUN_WITHOUT, "matplotlib", "--config", str(config), "audit", "--html", str(report)
    )

    assert done.returncode == 2
    assert done.stdout == ""  # refused before any output: nothing half done
    assert "matplotlib" in done.stderr
    assert "pip install 'leadgate[reports]'" in done.stderr
    assert not report.exists()


def test_when_matplotlib_is_missing_then_audit_without_html_still_works(config: Path) -> None:
    done = _python(_RUN_WITHOUT, "matplotlib", "--config", str(config), "audit", "--format", "json")

    assert done.returncode == 0, done.stderr
    assert [row["record_id"] for row in json.loads(done.stdout)] == ["A-1"]
