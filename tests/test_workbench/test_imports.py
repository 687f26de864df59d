"""The modules of `workbench` import each other in no circle (errors, records and the store
used to: errors needed the store's Review, the store the errors)."""

from __future__ import annotations

import ast
from pathlib import Path

from imports import strongly_connected

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
            submodules = [n for n in names if n in modules]
            found.update(submodules)
            if node.module in modules and len(submodules) < len(names):
                found.add(node.module)  # a name defined in the package's __init__
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
    return found


def test_the_modules_of_workbench_import_in_no_circle() -> None:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}
    modules = set(paths)
    graph = {name: imports_of(path, modules) - {name} for name, path in paths.items()}
    # A package's __init__ re-exports its modules: importing the package is importing them.
    assert graph["workbench.store"] >= {"workbench.store.store"}
    circles = strongly_connected(graph)
    assert not circles, f"import circles: {circles}"
