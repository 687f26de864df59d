"""The store on a real PostgreSQL server: what only a server can get wrong.

The store, review, pipeline, export and versions tests run on PostgreSQL too (the `database`
fixture); here: a server that is down, a URL of another kind of database, a database of a newer
schema, and two processes opening a new database at once.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import sqlalchemy
from click.testing import CliRunner
from pgserver import free_port

from workbench.cli import cli
from workbench.errors import SchemaVersionError, StoreUnavailable
from workbench.store import Store
from workbench.store.schema import head
from workbench.workspace import Workspace


def test_a_server_that_is_down_is_one_line_and_nothing_written(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/desk"
    with pytest.raises(StoreUnavailable, match=r"check that the server is running"):
        Workspace.open(tmp_path / "ws", database=url)
    result = CliRunner(env={"WORKBENCH_DATABASE": url}).invoke(
        cli, ["status", "--workspace", str(tmp_path / "ws")]
    )
    assert result.exit_code == 1 and "cannot use the database" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "ws" / "workbench.sqlite3").exists()


def test_only_postgresql_is_a_server(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="only PostgreSQL"):
        Store("mysql://root@127.0.0.1/desk")


def test_a_database_of_a_newer_schema_is_refused_untouched(postgres_database: str) -> None:
    database = postgres_database
    Store(database)
    engine = sqlalchemy.create_engine(database)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaVersionError, match="newer than this workbench knows"):
        Store(database)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [("9999",)]
    engine.dispose()


def _open(url: str) -> str:
    return Store(url).schema_version


def test_processes_opening_a_new_database_at_once_apply_each_revision_once(
    postgres_database: str,
) -> None:
    database = postgres_database
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open, [database] * 4) == [head()] * 4
    engine = sqlalchemy.create_engine(database)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [(head(),)]
    engine.dispose()


def test_the_commands_take_the_store_from_database(postgres_database: str, tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    folder = str(tmp_path / "ws")
    runner = CliRunner(env={"WORKBENCH_DATABASE": None})
    seed = str(seeds / "000_c76c75e25c87b28b.txt")
    added = runner.invoke(
        cli, ["add-article", seed, "--database", postgres_database, "--workspace", folder]
    )
    assert added.exit_code == 0, added.output
    assert not (tmp_path / "ws" / "workbench.sqlite3").exists()  # the store is on the server
    status = runner.invoke(cli, ["status", "--database", postgres_database, "--workspace", folder])
    assert status.exit_code == 0 and "000_c76c75e25c87b28b" in status.stdout
    alone = runner.invoke(cli, ["status", "--workspace", folder])  # the folder's own SQLite
    assert alone.exit_code == 0 and "No articles yet" in alone.stdout
