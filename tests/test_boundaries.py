"""The package boundaries of DESIGN.md, checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys


def loaded_modules(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


def test_claims_imports_no_application_code() -> None:
    every_module = (
        "import importlib, pkgutil, claims\n"
        "for m in pkgutil.walk_packages(claims.__path__, 'claims.'):\n"
        "    importlib.import_module(m.name)"
    )
    loaded = loaded_modules(every_module)
    assert "claims" in loaded
    assert not loaded & {"workbench", "sqlite3", "sqlalchemy", "click", "streamlit", "dask"}


def test_cli_does_not_import_the_ui() -> None:
    assert "streamlit" not in loaded_modules("import workbench.cli")
