"""A throwaway PostgreSQL server for the tests: its own data folder, port and socket folder.

`initdb` and `pg_ctl` come from `pg_config --bindir` (else /usr/lib/postgresql/*/bin). As root
the server runs as the `postgres` user (initdb refuses root), through `runuser`. Nothing of the
system's own cluster is used. Without PostgreSQL the tests that need it skip with the reason,
except in CI (CI=true), where its absence is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

START_SECONDS = 60.0


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are, if PostgreSQL is installed."""
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").is_file():
            return candidate
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def require_postgres() -> Path:
    """PostgreSQL's bin folder; else skip, or fail in CI."""
    found = bin_dir()
    if found is None:
        reason = "PostgreSQL is not installed (Debian: apt-get install postgresql)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def postgres_server() -> Iterator[str]:
    """A running server; yields a SQLAlchemy URL of its `postgres` database (user postgres,
    trust authentication on 127.0.0.1 only). Stopped and removed at the end."""
    bindir = require_postgres()
    root = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    data, sockets, log = root / "data", root / "sockets", root / "server.log"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    run = lambda *args: subprocess.run(_as_server_user(list(args)), check=True,  # noqa: E731
                                       capture_output=True, text=True)  # fmt: skip
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C")  # fmt: skip
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
            "-w", "-t", str(int(START_SECONDS)), "start")  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m",
                                            "immediate", "stop"]), capture_output=True)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(server_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"
