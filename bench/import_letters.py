#!/usr/bin/env python3
"""Import speed: Word letters read back into letter files (issue 17), beside pandoc's docx reader.

    PYTHONPATH=. python bench/import_letters.py [--letters 1000]

Prints, per example letter as oversight renders it: the in-process time to open and read it
(``open_docx`` + ``read_letter``, median of 30), and the whole import of one file (read, YAML
written, rendered again and compared); then a folder of N copies of the model letter imported as
`oversight import` does (across the machine's cores), and pandoc (``pandoc -f docx -t markdown``, a process per file) on the same letter.
What each recovers is in docs/performance.md; nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from oversight.importing.letter import read_letter
from oversight.importing.package import open_docx
from oversight.importing.run import import_files
from oversight.letters.prepare import load_letter
from oversight.render import docx_bytes

REPO = Path(__file__).resolve().parents[1]


def median_ms(fn: object, runs: int = 30) -> float:
    assert callable(fn)
    for _ in range(3):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _peers() -> list[tuple[str, object]]:
    """mammoth and docx2python where installed (bench/setup.sh puts them in bench/.venv)."""
    found: list[tuple[str, object]] = []
    try:
        import mammoth  # type: ignore[import-not-found, import-untyped, unused-ignore]

        def by_mammoth(path: Path) -> str:
            with path.open("rb") as f:
                return str(mammoth.convert_to_markdown(f).value)

        found.append(("mammoth.convert_to_markdown", by_mammoth))
    except ImportError:
        print("   mammoth: skipped (not installed; bench/setup.sh installs it in bench/.venv)")
    try:
        from docx2python import docx2python  # type: ignore[import-not-found, unused-ignore]

        def by_docx2python(path: Path) -> str:
            with docx2python(path) as doc:
                return str(doc.text)

        found.append(("docx2python(...).text", by_docx2python))
    except ImportError:
        print("   docx2python: skipped (not installed; bench/setup.sh installs it in bench/.venv)")
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--letters", type=int, default=1000, help="copies in the folder (default 1000)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="oversight-bench-import-") as tmp:
        folder = Path(tmp)
        print("## Import: Word letters back into letter files (bench/import_letters.py)")
        print("   in process, median of 30 after 3 warm-ups")
        for example in sorted((REPO / "examples").glob("*.yaml")):
            source = folder / f"{example.stem}.docx"
            source.write_bytes(docx_bytes(load_letter(example)))
            out = folder / f"out-{example.stem}"
            out.mkdir()
            read = median_ms(lambda s=source: read_letter(open_docx(s)))
            whole = median_ms(lambda s=source, o=out: import_files([s], o, force=True), runs=10)
            print(f"   {example.stem:<28} read {read:6.2f} ms   whole import {whole:6.2f} ms")
        model = folder / "irs-dhs-doge-letter.docx"
        many = folder / "many"
        many.mkdir()
        for i in range(args.letters):
            shutil.copyfile(model, many / f"letter-{i:04d}.docx")
        out = folder / "many-out"
        out.mkdir()
        start = time.perf_counter()
        results = import_files([many], out)
        seconds = time.perf_counter() - start
        ok = sum(1 for r in results if r.error is None)
        print(
            f"   {args.letters} copies of the model letter, import_files across "
            f"{os.cpu_count()} cores: {seconds:.2f} s "
            f"({seconds / args.letters * 1000:.1f} ms a letter; {ok} imported)"
        )
        for name, read in _peers():
            per = median_ms(lambda r=read: r(model), runs=10)
            print(f"   {name}, model letter, in process: {per:.1f} ms a file")
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("   pandoc: skipped (not installed)")
        else:

            def run_pandoc() -> None:
                subprocess.run(
                    [pandoc, "-f", "docx", "-t", "markdown", str(model)],
                    check=True,
                    capture_output=True,
                )

            per = median_ms(run_pandoc, runs=10)
            print(
                f"   pandoc -f docx -t markdown, model letter: {per:.1f} ms a file "
                f"(a process each; {per * args.letters / 1000:.1f} s for {args.letters})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
