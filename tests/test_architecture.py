"""The package's folders are its layers (README, "How the folders fit together"):
data < site < search < publish < editors < quality. A module imports only from its
own layer or lower ones, modules never import each other in a circle, and nothing
outside tests/ imports from tests/.

Why a test: the layering is what lets a maintainer read the package bottom up and
change a higher layer without touching the lower ones; one convenient import from
a higher layer undoes that silently. Imports are read from the source (``ast``),
also those inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPTS = ROOT / "scripts"
PACKAGE = "inspiratieboek"
LAYERS = ("data", "site", "search", "publish", "editors", "quality")
"""Lowest first, as in the README's folder table."""


def module_name(path: Path) -> str:
    parts = path.relative_to(SCRIPTS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    """Module name -> file, for every module of the package."""
    return {module_name(path): path for path in sorted((SCRIPTS / PACKAGE).rglob("*.py"))}


def imports(path: Path, module: str, known: set[str]) -> list[tuple[int, str]]:
    """(line, imported module) of every import in the file of ``module``, as absolute
    names; ``from a.b import c`` counts as ``a.b.c`` when that is a ``known`` module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.append((node.lineno, target if target in known else base))
    return found


def layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != PACKAGE or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def where(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def upward_imports(modules: dict[str, Path]) -> list[str]:
    """Every import from a higher layer, as ``file:line: module -> imported``."""
    found = []
    for name, path in modules.items():
        own = layer(name)
        for line, target in imports(path, name, set(modules)):
            other = layer(target)
            if own is not None and other is not None and other > own:
                found.append(f"{where(path)}:{line}: {name} -> {target}")
    return found


def cycles(modules: dict[str, Path]) -> list[list[str]]:
    """Groups of modules that import each other in a circle (Tarjan's algorithm)."""
    known = set(modules)
    graph = {
        name: sorted({t for _, t in imports(path, name, known) if t in known and t != name})
        for name, path in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_every_folder_of_the_package_is_a_known_layer() -> None:
    folders = {p.name for p in (SCRIPTS / PACKAGE).iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(LAYERS)


def test_no_layer_imports_a_higher_one() -> None:
    assert upward_imports(package_modules()) == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert cycles(package_modules()) == []


def test_nothing_outside_tests_imports_from_tests() -> None:
    test_modules = {p.stem for p in (ROOT / "tests").glob("*.py")} | {"tests"}
    found = []
    for path in sorted(SCRIPTS.rglob("*.py")):
        name = module_name(path)
        for line, target in imports(path, name, set()):
            if target.split(".")[0] in test_modules:
                found.append(f"{where(path)}:{line}: {target}")
        if "sys.path" in path.read_text(encoding="utf-8"):
            found.append(f"{where(path)}: edits sys.path")
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "from inspiratieboek.search.searchbox import box_context\n",
            "x.py:1: inspiratieboek.site.x -> inspiratieboek.search.searchbox",
        ),
        (
            "def f():\n    from inspiratieboek.quality import gates\n",
            "x.py:2: inspiratieboek.site.x -> inspiratieboek.quality",
        ),
        ("from ..publish import pdf\n", "x.py:1: inspiratieboek.site.x -> inspiratieboek.publish"),
        ("from . import render\nfrom inspiratieboek.data.records import Catalog\n", None),
    ],
)
def test_the_checker_sees_an_upward_import(tmp_path: Path, source: str, expected: str | None) -> None:
    # Given a module of the site layer with these imports
    (tmp_path / "x.py").write_text(source, encoding="utf-8")
    found = upward_imports({"inspiratieboek.site.x": tmp_path / "x.py"})
    assert found == ([expected] if expected else [])


def test_the_checker_finds_a_circle_of_imports(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from inspiratieboek.site import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f():\n    import inspiratieboek.site.a\n", encoding="utf-8")
    modules = {"inspiratieboek.site.a": tmp_path / "a.py", "inspiratieboek.site.b": tmp_path / "b.py"}
    assert cycles(modules) == [["inspiratieboek.site.a", "inspiratieboek.site.b"]]
