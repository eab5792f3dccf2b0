"""No two modules of the package import each other, directly or round a longer loop.

A cycle works only while every module in it happens to be imported in one order, and it is the
reason imports drift into functions. The graph is that of module-level imports: those under
``if TYPE_CHECKING:`` run for mypy only, and those inside functions are the documented lazy ones
(tests/test_lazy_imports.py). ``from pkg import name`` is an edge to ``pkg.name`` when that is a
module, else to ``pkg`` (its ``__init__``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from helpers import REPO

# The folders of the package: tui/ is installed as oversight.tui (pyproject.toml).
ROOTS = {"oversight": REPO / "oversight", "oversight.tui": REPO / "tui"}


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name; a package by the name of its folder."""
    found: dict[str, Path] = {}
    for prefix, folder in ROOTS.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([prefix, *parts])] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports a module runs when it is imported: not in functions, not for mypy only."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _module_level(node.body)
            yield from _module_level(node.orelse)
        elif isinstance(node, ast.ClassDef | ast.With | ast.For | ast.While):
            yield from _module_level(node.body)
            yield from _module_level(getattr(node, "orelse", []))
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _module_level(block)
            for handler in node.handlers:
                yield from _module_level(handler.body)


def _resolve(name: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute name of the module ``from`` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def graph() -> dict[str, set[str]]:
    """Each module and the modules of the package it imports at its top."""
    mods = modules()
    edges: dict[str, set[str]] = {name: set() for name in mods}
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _module_level(tree.body):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                source = _resolve(name, path, node)
                targets = [
                    f"{source}.{a.name}" if f"{source}.{a.name}" in mods else source
                    for a in node.names
                ]
            edges[name].update(t for t in targets if t in mods)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module, and modules importing
    themselves (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges[node]:
                    found.append(sorted(component))
    return found


def _loop(component: list[str], edges: dict[str, set[str]]) -> list[str]:
    """One loop through a component, to print: a -> b -> ... -> a (shortest from its first)."""
    start = component[0]
    members = set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(edges[node] & members):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return component


def test_the_graph_sees_the_package() -> None:
    edges = graph()
    assert "oversight.cli.main" in edges and "oversight.tui.app" in edges
    assert "oversight.errors" in edges["oversight.fsutil"]  # a plain edge is seen


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}
    assert cycles(edges) == [["a", "b", "c"], ["d"]]
    assert _loop(["a", "b", "c"], edges) == ["a", "b", "c", "a"]


def test_no_module_imports_itself_round_a_cycle() -> None:
    edges = graph()
    found = [f"{', '.join(c)} (one loop: {' -> '.join(_loop(c, edges))})" for c in cycles(edges)]
    assert found == [], (
        "modules that import each other at their top (move what they share to where it belongs, "
        "or import from the submodule rather than its package): " + "; ".join(found)
    )
