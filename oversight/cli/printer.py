"""The one printer of every command: results on stdout (``Out.line``); problems on stderr as
``file:line:col: field: message`` with the source line and a hint, warnings in yellow and errors
in red on a terminal (never under NO_COLOR), each file read once however many problems it has;
notes and questions to the user on stderr too."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from oversight.errors import Problem


class Out:
    """stderr with colour only on a terminal (and never under NO_COLOR)."""

    def __init__(self) -> None:
        self.color = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
        self._lines: dict[str, list[str] | None] = {}  # each file read once, however many problems

    def _source(self, file: str) -> list[str] | None:
        if file not in self._lines:
            try:
                self._lines[file] = Path(file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError, ValueError):
                self._lines[file] = None
        return self._lines[file]

    def _c(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def problem(self, p: Problem) -> None:
        lines = self._source(p.file) if p.file and p.line else None
        text = p.format(lines)
        head, _, rest = text.partition("\n")
        color = "33" if p.severity == "warning" else "31"
        print(self._c(color, head) + ("\n" + rest if rest else ""), file=sys.stderr)

    def problems(self, problems: Iterable[Problem]) -> int:
        """Print each problem once (in order); the number of errors among them."""
        seen: set[Problem] = set()
        errors = 0
        for p in problems:
            if p in seen:
                continue
            seen.add(p)
            self.problem(p)
            errors += p.severity == "error"
        return errors

    def note(self, text: str) -> None:
        print(text, file=sys.stderr)

    def line(self, text: str = "") -> None:
        """A line of the command's result, on stdout."""
        print(text)

    def write(self, text: str) -> None:
        """Text of the command's result, as it is (a JSON document), on stdout."""
        sys.stdout.write(text)

    def confirm(self, question: str) -> bool:
        """Ask on stderr, read the answer from stdin: True only for y or yes."""
        sys.stderr.write(question)
        sys.stderr.flush()
        try:
            answer = sys.stdin.readline()
        except (OSError, KeyboardInterrupt):
            return False
        return answer.strip().lower() in ("y", "yes")


def usage(parser: argparse.ArgumentParser) -> int:
    """A command group called without its subcommand: its help, and the usage exit code."""
    parser.print_help()
    return 2
