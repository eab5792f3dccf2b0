"""Imports at the top of the module; an import inside a function only where docs/architecture.md
("Deliberate lazy imports") says so, and why. The command line stays fast because of those few,
so each is a decision written down, not a habit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import REPO

# Every module of the package: oversight/ and tui/ (installed as oversight.tui).
HELD = [*sorted((REPO / "oversight").rglob("*.py")), *sorted((REPO / "tui").rglob("*.py"))]


def _documented() -> set[tuple[str, str, str]]:
    """(file, function, module) for each module named in the table's rows."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("### Deliberate lazy imports", 1)[1].split("\n## ", 1)[0]
    rows: set[tuple[str, str, str]] = set()
    for line in section.splitlines():
        m = re.match(r"\| `([^`]+\.py)` `(\w+)` \| ([^|]+) \|", line)
        if m:
            for module in re.findall(r"`([\w.]+)`", m.group(3)):
                rows.add((m.group(1), m.group(2), module))
    return rows


def _lazy(path: Path, root: Path = REPO) -> list[tuple[str, str, set[str]]]:
    """(file, function, names) for each import inside a function of the file: the names it
    may be documented by (``from a.b import c``: ``a.b`` or, for a submodule, ``a.b.c``)."""
    name = path.relative_to(root).as_posix()
    found: list[tuple[str, str, set[str]]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    found.extend((name, node.name, {a.name}) for a in inner.names)
                elif isinstance(inner, ast.ImportFrom):
                    module = "." * inner.level + (inner.module or "")  # relative: as written
                    for a in inner.names:
                        sub = f"{module}.{a.name}" if inner.module else f"{module}{a.name}"
                        found.append((name, node.name, {module, sub}))
    return found


def _all_lazy() -> list[tuple[str, str, set[str]]]:
    return [found for path in HELD for found in _lazy(path)]


def test_every_module_is_held() -> None:
    assert REPO / "oversight" / "cli" / "main.py" in HELD
    assert REPO / "tui" / "app.py" in HELD
    assert REPO / "oversight" / "citations" / "kinds" / "gao.py" in HELD


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "import os\n\n\nclass C:\n    def f(self):\n        from a.b import c\n        import d\n"
        "        from . import e\n        from .g import h\n",
        encoding="utf-8",
    )
    found = [(fn, sorted(names)) for _f, fn, names in _lazy(tmp_path / "m.py", tmp_path)]
    assert found == [
        ("f", ["a.b", "a.b.c"]),
        ("f", ["d"]),
        ("f", [".", ".e"]),
        ("f", [".g", ".g.h"]),
    ]


def test_every_import_inside_a_function_is_a_documented_decision() -> None:
    documented = _documented()
    assert len(documented) >= 8, "the table in docs/architecture.md was not found"
    undocumented = sorted(
        f"{f} {fn}: {' or '.join(sorted(names))}"
        for f, fn, names in _all_lazy()
        if not any((f, fn, n) in documented for n in names)
    )
    assert undocumented == [], (
        "move these imports to the top of their module, or add a row, with the reason, to "
        "docs/architecture.md's 'Deliberate lazy imports': " + "; ".join(undocumented)
    )


def test_the_table_names_only_imports_that_exist() -> None:
    lazy = {(f, fn, n) for f, fn, names in _all_lazy() for n in names}
    # main's _parser imports through importlib, which no import statement shows
    stale = sorted(row for row in _documented() if row not in lazy and row[1] != "_parser")
    assert stale == []
