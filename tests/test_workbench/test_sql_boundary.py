"""Only the store speaks SQL (DESIGN.md): no module outside `workbench/store/` imports
sqlite3, sqlalchemy or alembic."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"
DATABASE_MODULES = {"sqlite3", "sqlalchemy", "alembic"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_store_imports_database_modules() -> None:
    speakers = {
        path.relative_to(PACKAGE).as_posix(): imported_modules(path) & DATABASE_MODULES
        for path in PACKAGE.rglob("*.py")
        if imported_modules(path) & DATABASE_MODULES
    }
    outside = {name: found for name, found in speakers.items() if not name.startswith("store/")}
    assert not outside, f"database modules imported outside workbench/store/: {outside}"
    assert any("sqlalchemy" in found for found in speakers.values())  # the test sees the store


def test_the_store_formats_no_sql_by_hand() -> None:
    # Only driver pragmas and BEGIN are written out; every query is built by SQLAlchemy.
    for path in (PACKAGE / "store").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM"):
            assert word not in text, f"{path.name} holds SQL text: {word.strip()}"
