"""The folder tree is the architecture (docs/architecture.md): the imports follow it.

Every import counts, also one made only for type checking: a cycle there is still a cycle to a
reader, and the first thing that breaks when a module moves.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "plugins" / "sapat"

#: Folders of the core that must not import the ones named: the model and the reading of
#: sources know nothing of checking, publishing, releasing or loading a whole project.
LOWER_LAYERS = {
    "model": {"checks", "publishing", "releasing", "load", "git"},
    "sources": {"checks", "publishing", "releasing", "load", "git"},
    "i18n": {"model", "sources", "checks", "publishing", "releasing", "load", "diagrams", "git"},
    "diagnostics": {"model", "sources", "checks", "publishing", "releasing", "load", "diagrams", "git"},
}


def module_name(path: Path, package: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if package else parts), package


def import_graph(package: Path) -> dict[str, set[str]]:
    """Each module of sapat and the modules of sapat it imports, wherever the import stands."""
    modules = {module_name(path, package): path for path in package.rglob("*.py")}
    names = {name for name, _ in modules}
    graph: dict[str, set[str]] = {name: set() for name in names}
    for (name, is_package), path in modules.items():
        here = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = ".".join(here.split(".")[: len(here.split(".")) - node.level + 1]) if node.level else ""
                target = ".".join(filter(None, (base, node.module)))
                for alias in node.names:
                    imported = f"{target}.{alias.name}"
                    graph[name] |= {imported} if imported in names else {target} & names
            elif isinstance(node, ast.Import):
                graph[name] |= {alias.name for alias in node.names} & names
        graph[name] |= {package for target in graph[name] for package in _packages_run_first(target, name)} & names
    return graph


def _packages_run_first(target: str, importer: str) -> list[str]:
    """The packages whose ``__init__`` Python runs before ``target`` when ``importer`` imports it:
    each package above it, but those above ``importer``, which are being imported already."""
    parts = target.split(".")
    above = [".".join(parts[:end]) for end in range(1, len(parts))]
    return [package for package in above if not (importer == package or importer.startswith(package + "."))]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif target not in index:
                index[target] = low[target] = len(index)
                stack.append(target)
                on_stack.add(target)
                work.append((target, iter(sorted(graph[target]))))
            elif target in on_stack:
                low[node] = min(low[node], index[target])
    return found


def test_no_module_of_sapat_takes_part_in_an_import_cycle():
    assert cycles(import_graph(PACKAGE)) == []


def test_the_cycle_finder_finds_a_cycle_made_only_for_type_checking(tmp_path):
    package = tmp_path / "sapat"
    (package / "core").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("from .b import B\n")
    (package / "core" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                          "    from .a import A\n")
    assert cycles(import_graph(package)) == [["sapat.core.a", "sapat.core.b"]]


def test_the_cycle_finder_counts_the_package_python_runs_before_a_module(tmp_path):
    """``from ..checks import critic`` runs ``checks/__init__.py`` first: an import of what that
    imports (here the importer) closes a cycle, though no module names the other."""
    package = tmp_path / "sapat"
    for folder in ("checks", "publishing"):
        (package / folder).mkdir(parents=True)
        (package / folder / "critic.py" if folder == "checks" else package / folder / "changes.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "checks" / "__init__.py").write_text("from ..publishing import changes\n")
    (package / "publishing" / "__init__.py").write_text("")
    (package / "publishing" / "changes.py").write_text("from ..checks import critic\n")
    assert cycles(import_graph(package)) == [["sapat.checks", "sapat.publishing.changes"]]


@pytest.mark.parametrize("folder", sorted(LOWER_LAYERS))
def test_a_lower_layer_of_the_core_imports_no_higher_one(folder):
    graph = import_graph(PACKAGE)
    prefix = f"sapat.core.{folder}"
    crossing = sorted((name, target) for name, targets in graph.items()
                      if name == prefix or name.startswith(prefix + ".") for target in targets
                      if target.split(".")[2:3] and target.split(".")[2] in LOWER_LAYERS[folder])
    assert crossing == []


def test_nothing_in_the_core_imports_the_mkdocs_adapter_or_the_command_line():
    graph = import_graph(PACKAGE)
    assert sorted((name, target) for name, targets in graph.items() if name.startswith("sapat.core")
                  for target in targets if target.startswith(("sapat.mkdocs", "sapat.cli", "sapat.progress"))) == []
