"""The layout of `claims/` (DESIGN.md): a folder per stage, and no import from a higher stage.

Every module's imports are read with ast, those inside functions too. A module may import the
modules of its own folder and of any lower stage; the imports among all modules close no
circle. `claims/__init__.py`, the public face, stands above every stage.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from imports import strongly_connected

CLAIMS = Path(__file__).resolve().parents[2] / "claims"
TESTS = Path(__file__).resolve().parent

# The order of stages, lowest first; modules of one rank may import each other.
STAGES: tuple[tuple[str, ...], ...] = (
    ("errors", "found", "schema"),
    ("reading",),
    ("figures",),
    ("dates",),
    ("quotes",),
    ("extract",),
    ("evidence",),
    ("checks",),
    ("drafts",),
    ("evaluate",),
)
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}
TOP_RANK = len(STAGES)  # claims/__init__.py
FOLDERS = {name for name in RANK if (CLAIMS / name).is_dir()}


def module_name(path: Path) -> str:
    parts = path.relative_to(CLAIMS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(CLAIMS.rglob("*.py"))}


def rank(module: str) -> int:
    parts = module.split(".")
    return TOP_RANK if len(parts) == 1 else RANK[parts[1]]


def resolve(importer: str, node: ast.ImportFrom) -> list[str]:
    """The modules of `claims` an import statement loads (a name that is a module counts as it)."""
    base = node.module or ""
    if node.level:
        package = (
            importer if MODULES[importer].name == "__init__.py" else importer.rsplit(".", 1)[0]
        )
        for _ in range(node.level - 1):
            package = package.rsplit(".", 1)[0]
        base = f"{package}.{base}" if base else package
    if base.split(".")[0] != "claims":
        return []
    found = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
    return found if len(found) == len(node.names) else [*found, base]


def imports(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.update(resolve(module, node))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "claims")
    unknown = found - MODULES.keys()
    assert not unknown, f"{module} imports {sorted(unknown)}, which are not modules of claims"
    return found - {module}


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_sits_in_a_stage() -> None:
    top = {m.split(".")[1] for m in MODULES if m.count(".") == 1}
    assert top <= RANK.keys(), f"modules or folders outside the stages: {sorted(top - RANK.keys())}"
    assert {"reading", "figures", "dates", "quotes", "evidence", "checks", "drafts"} == FOLDERS
    for folder in FOLDERS:
        assert (CLAIMS / folder / "__init__.py").is_file()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_from_a_higher_stage(module: str) -> None:
    higher = sorted(other for other in GRAPH[module] if rank(other) > rank(module))
    assert not higher, f"{module} (stage {rank(module)}) imports a higher stage: {higher}"


def test_the_imports_close_no_circle() -> None:
    circles = strongly_connected(GRAPH)
    assert not circles, f"import circles: {circles}"


def test_the_tests_mirror_the_folders() -> None:
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= FOLDERS, f"test folders without a stage: {sorted(folders - FOLDERS)}"


def test_a_circle_and_an_upward_import_are_caught() -> None:
    # The checks themselves, on a made-up graph: a test that cannot fail guards nothing.
    made_up = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(made_up) == [["a", "b", "c"]]
    assert rank("claims.reading.text") < rank("claims.evidence.match") < rank("claims")


PUBLIC = {
    "extract_claims",
    "load_text",
    "match_claims",
    "PassageIndex",
    "source_passages",
    "load_source",
    "self_check",
    "align_claims",
    "ClaimsError",
}


def test_the_public_api_imports_from_claims() -> None:
    import claims
    from claims import errors

    assert set(claims.__all__) >= PUBLIC
    subclasses = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.ClaimsError)
    }
    assert set(claims.__all__) >= subclasses
    for name in claims.__all__:
        assert getattr(claims, name) is not None


def test_the_readme_examples_use_only_the_public_api() -> None:
    import claims

    readme = (CLAIMS.parent / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```python")[1:]
    assert blocks, "the README has no Python example"
    for block in blocks:
        code = block.split("```")[0]
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("claims"):
                assert node.module == "claims", f"the README imports {node.module}"
                assert {a.name for a in node.names} <= set(claims.__all__)
