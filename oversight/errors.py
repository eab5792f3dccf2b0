"""The one family of errors a user can cause, and how they are printed.

Every problem a staffer can cause is a :class:`Problem`: where it is (file, line, column), which
field it concerns (a path such as ``recipients[0].name``), what is wrong and, where we can tell,
what to do about it. Code that finds problems never prints; it raises :class:`UserError` holding
one or more problems, and the command line prints them and exits with code 1.
"""

from __future__ import annotations

import datetime
import difflib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

Segment = str | int


def field_path(path: Sequence[Segment]) -> str:
    """``("recipients", 0, "name")`` -> ``recipients[0].name``."""
    out: list[str] = []
    for seg in path:
        if isinstance(seg, int):
            out.append(f"[{seg}]")
        else:
            out.append(("." if out else "") + seg)
    return "".join(out)


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with the user's input, located as precisely as we know."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: tuple[Segment, ...] = ()
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def headline(self) -> str:
        """``letter.yaml:12:5: recipients[0].name: expected text, got a number``."""
        where = self.location()
        what = f"{field_path(self.path)}: " if self.path else ""
        kind = "warning: " if self.severity == "warning" else ""
        return f"{where}: {kind}{what}{self.message}"

    def format(self, source_lines: Sequence[str] | None = None) -> str:
        """The headline, the offending source line with a caret, and the hint."""
        out = [self.headline()]
        if (
            source_lines is not None
            and self.line is not None
            and 0 < self.line <= len(source_lines)
        ):
            text = source_lines[self.line - 1].rstrip("\n")
            if len(text) > 200:
                text = text[:200] + "…"
            out.append(f"    {text}")
            if self.column is not None and self.column - 1 <= len(text):
                out.append("    " + " " * (self.column - 1) + "^")
        if self.hint:
            out.append(f"    hint: {self.hint}")
        return "\n".join(out)


class UserError(Exception):
    """Raised with every problem found; the command line prints them and exits 1."""

    def __init__(self, problems: Iterable[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.headline() for p in self.problems))


class Problems(msgspec.Struct):
    """A collector: validation gathers every problem before giving up, not just the first."""

    items: list[Problem] = msgspec.field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise UserError(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest valid choice, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def describe_value(value: object) -> str:
    """How a value's type reads to a staffer: 'a number', 'a list', 'text'..."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "yes/no (true/false)"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    return type(value).__name__


def display_path(path: str | Path) -> str:
    """A path as the user would recognise it: relative to the working folder when inside it."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        return os.path.normpath(text)
    try:
        cwd = os.getcwd()
    except OSError:
        return text
    rel = os.path.relpath(text, cwd)
    if not rel.startswith(".."):
        return rel
    real = os.path.relpath(os.path.realpath(text), os.path.realpath(cwd))  # through symlinks
    return real if not real.startswith("..") else text
