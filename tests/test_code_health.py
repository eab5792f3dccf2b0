"""Habits the test command keeps: no block of six or more lines written twice in the product.

A repeated block is a rule with two homes: the next change fixes one and not the other. Lines
are compared with white space folded; blank lines, comments, imports and lone punctuation are
passed over (they repeat by nature)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRODUCT = [REPO / "oversight", REPO / "tui"]
RUN = 6
_SKIP = re.compile(
    r"^(#.*|import .*|from \S+ import .*|[()\[\]{},:]+|\"\"\"|pass|else:|try:|\)[:,]?.*)$"
)


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        folded = " ".join(line.split())
        if folded and not _SKIP.match(folded):
            out.append((number, folded))
    return out


def repeated_blocks(files: list[Path], run: int = RUN) -> list[str]:
    """Places where the same `run` significant lines stand twice: "a.py:10 ~ b.py:40"."""
    seen: dict[tuple[str, ...], list[tuple[Path, int]]] = defaultdict(list)
    for path in files:
        lines = _lines(path)
        for i in range(len(lines) - run + 1):
            window = tuple(text for _n, text in lines[i : i + run])
            seen[window].append((path, lines[i][0]))
    found = []
    reported: set[tuple[Path, Path]] = set()
    for places in seen.values():
        if len(places) < 2:
            continue
        (a, la), (b, lb) = places[0], places[1]
        if (a, b) in reported:
            continue  # one row per pair of files: a longer run shows as many windows
        reported.add((a, b))
        found.append(f"{_shown(a)}:{la} ~ {_shown(b)}:{lb}")
    return found


def product_files() -> list[Path]:
    return sorted(p for folder in PRODUCT for p in folder.rglob("*.py"))


def test_no_block_of_six_lines_is_written_twice() -> None:
    assert repeated_blocks(product_files()) == []


def test_the_check_sees_a_repeated_block(tmp_path: Path) -> None:
    block = "\n".join(f"value_{i} = compute({i}) + offset" for i in range(6))
    (tmp_path / "a.py").write_text(f"def f():\n{block}\n", encoding="utf-8")
    (tmp_path / "b.py").write_text(f"x = 1\n{block}\n", encoding="utf-8")
    found = repeated_blocks([tmp_path / "a.py", tmp_path / "b.py"])
    assert len(found) == 1


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else path.name


def test_every_module_docs_architecture_names_exists() -> None:
    """docs/architecture.md is the map of the pipeline: a module it names must be there."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:oversight|tui|templates|bench|tests)/[\w/.-]+)`", text))
    assert named  # the doc names its modules
    assert sorted(p for p in named if not (REPO / p).exists()) == []
