"""The application's modules import one another without a cycle, and never import the interfaces.

Read from the source with ``ast``: every import counts, those under ``TYPE_CHECKING`` and inside functions too,
since each is a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_names(package: str) -> dict[str, Path]:
    names = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imported(path: Path, known: set[str]) -> set[str]:
    """The modules ``path`` imports, each with the packages Python runs to reach it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    reached = set()
    for name in found:
        parts = name.split(".")
        reached.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return reached & known


def import_graph(package: str) -> dict[str, set[str]]:
    modules = module_names(package)
    return {name: imported(path, set(modules)) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

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
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_the_finder_sees_a_cycle() -> None:
    graph = {"a.base": {"a.store"}, "a.store": {"a.recorders"}, "a.recorders": {"a.base"}, "a.chain": set()}
    assert cycles(graph) == [["a.base", "a.recorders", "a.store"]]


def test_the_graph_holds_the_store_modules_and_their_imports() -> None:
    graph = import_graph("application")
    assert graph["application.store.recorders"] == {
        "application",
        "application.store",
        "application.store.chain",
        "application.store.faults",
        "application.store.idempotency",
        "application.store.sealing",
    }
    assert "application.store.config" in graph["application.base"]
    assert graph["application.store.sealing"] <= {"application", "application.store"}


def test_application_modules_import_one_another_without_a_cycle() -> None:
    assert cycles(import_graph("application")) == []


def test_application_never_imports_the_interfaces() -> None:
    for path in module_names("application").values():
        tree = ast.parse(path.read_text())
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert [n for n in names if n.split(".")[0] == "interfaces"] == [], path
