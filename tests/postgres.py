"""A real PostgreSQL server for the tests, in a temporary directory.

``.ci/run`` starts one before ``make test`` (``python3 -m tests.postgres start DIR``) and
exports its URL as LEADGATE_TEST_POSTGRES_URL with LEADGATE_REQUIRE_POSTGRES=1; the
tests then use it. Run by hand (``make test``), the ``postgres_url`` fixture starts its
own from the Debian binaries (initdb + pg_ctl, Unix socket only, no TCP port), and skips
with the reason only when the binaries are missing and PostgreSQL is not required.

Only the standard library here: ``.ci/run`` runs it before any package is installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

URL_ENV = "LEADGATE_TEST_POSTGRES_URL"
REQUIRED_ENV = "LEADGATE_REQUIRE_POSTGRES"
PORT = 5433  # names the socket file only: the server listens on no TCP port
SUPERUSER = "leadgate"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's newest version."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def start(directory: Path) -> str:
    """initdb + pg_ctl start in ``directory``; returns the server's URL (user ``leadgate``)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's initdb and pg_ctl were not found (apt install postgresql)")
    directory.mkdir(parents=True, exist_ok=True)
    data, socket_dir = directory / "data", directory / "socket"
    socket_dir.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres")
        shutil.chown(socket_dir, "postgres")
    subprocess.run(
        _as_server_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
            ]
        ),
        stdout=subprocess.DEVNULL,
        check=True,
    )
    options = (
        f"-k {socket_dir} -p {PORT} -c listen_addresses='' -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    subprocess.run(
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(directory / "server.log"),
                "-w",
                "start",
            ]
        ),
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return f"postgresql://{SUPERUSER}@/postgres?host={socket_dir}&port={PORT}"


def with_database(url: str, name: str) -> str:
    """The same server's URL for database ``name``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def stop(directory: Path) -> None:
    """pg_ctl stop (fast); the directory is the caller's to remove."""
    bin_dir = binaries()
    if bin_dir is None or not (directory / "data").exists():
        return
    subprocess.run(
        _as_server_user(
            [str(bin_dir / "pg_ctl"), "-D", str(directory / "data"), "-m", "fast", "stop"]
        ),
        stdout=subprocess.DEVNULL,
        check=False,
    )


def main(argv: list[str]) -> int:
    """``start DIR`` prints the URL; ``stop DIR`` stops the server."""
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: python3 -m tests.postgres start|stop DIR", file=sys.stderr)
        return 2
    if argv[0] == "start":
        print(start(Path(argv[1])))
    else:
        stop(Path(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
