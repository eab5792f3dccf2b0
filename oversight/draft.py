"""A letter being edited: round-trip YAML state, checks, saving, autosave and recovery.

The terminal UI edits a :class:`Draft`; nothing here imports Textual. The draft holds the letter
as ruamel.yaml round-trip data, so a file written by hand keeps its comments, key order and quoting
when saved. Saving refuses to overwrite a file changed on disk since it was opened (unless told
to), and every few seconds the draft is copied to a recovery file that the next start offers back.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import time
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from .errors import Problem, UserError, display_path
from .fsutil import atomic_write


def starter_text(today: datetime.date | None = None) -> str:
    """The commented starter letter, its date set to ``today``."""
    import re

    from .paths import package_data

    text = (package_data() / "starter.yaml").read_text(encoding="utf-8")
    day = (today or datetime.date.today()).isoformat()
    return re.sub(r"^date: \d{4}-\d{2}-\d{2}", f"date: {day}", text, count=1, flags=re.MULTILINE)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML()
    y.Emitter = _emitter_class()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


@cache
def _emitter_class() -> Any:
    """ruamel's emitter, remembering what it found in each scalar.

    Saving the draft (and checking it after a keystroke) writes the whole letter again, and the
    emitter reads every scalar character by character in Python to choose its style: most of the
    cost of a dump, though a keystroke changes one scalar. The analysis depends only on the
    scalar and the emitter's settings, so it is kept by both; a copy is returned, since the
    emitter amends it.
    """
    import copy

    from ruamel.yaml.emitter import Emitter

    analyses: dict[tuple[Any, ...], Any] = {}

    class _Emitter(Emitter):
        def analyze_scalar(self, scalar: Any) -> Any:
            try:
                version = self.serializer.use_version
            except AttributeError:
                version = None
            key = (
                scalar,
                version,
                self.allow_unicode,
                self.unicode_supplementary,
                self.allow_space_break,
            )
            found = analyses.get(key)
            if found is None:
                found = super().analyze_scalar(scalar)
                if len(analyses) >= 8192:
                    analyses.pop(next(iter(analyses)))
                analyses[key] = found
            return copy.copy(found)

    return _Emitter


def state_dir() -> Path:
    """Where recovery files and the recent-files list live."""
    env = os.environ.get("OVERSIGHT_STATE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_state_path

    return user_state_path("oversight")


class ConflictError(Exception):
    """The file changed on disk since the draft was opened or last saved."""


class Check(msgspec.Struct):
    """What the pipeline makes of the draft right now."""

    problems: list[Problem] = msgspec.field(default_factory=list)
    preview: str = ""
    ok: bool = False


def _stamp(path: Path | None) -> tuple[float, int] | None:
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime, st.st_size)


def to_plain(value: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def block_text(value: str) -> Any:
    """Multi-line text as a ``|`` block, so saved files diff cleanly."""
    if "\n" in value.strip("\n"):
        from ruamel.yaml.scalarstring import LiteralScalarString

        return LiteralScalarString(value if value.endswith("\n") else value + "\n")
    return value


class Draft:
    def __init__(self, text: str, path: Path | None = None) -> None:
        self.yaml = _yaml()
        try:
            self.data = self.yaml.load(text)
        except Exception as err:  # ruamel's errors carry marks like PyYAML's
            mark = getattr(err, "problem_mark", None)
            raise UserError(
                Problem(
                    f"not valid YAML: {getattr(err, 'problem', err)}",
                    file=display_path(path) if path else "<draft>",
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ) from None
        if self.data is None:
            from ruamel.yaml.comments import CommentedMap

            self.data = CommentedMap()
        if not isinstance(self.data, dict):
            raise UserError(
                Problem("a letter must be a mapping (key: value lines)", file=str(path))
            )
        self.path = path
        self.disk_stamp = _stamp(path)
        self.saved_text = text
        self.version = 0  # bumped on every edit
        self._text_cache: tuple[int, str] | None = None

    # -- opening
    @classmethod
    def open(cls, path: Path) -> Draft:
        from .yamlfile import read_text

        return cls(read_text(path), path)

    @classmethod
    def new(cls, today: datetime.date | None = None) -> Draft:
        """A new letter from the commented starter, dated today."""
        return cls(starter_text(today), None)

    # -- text
    def text(self) -> str:
        """The letter as it would be saved: the file as read until the first edit."""
        if self.version == 0:
            return self.saved_text
        if self._text_cache and self._text_cache[0] == self.version:
            return self._text_cache[1]
        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        text = buf.getvalue()
        self._text_cache = (self.version, text)
        return text

    @property
    def dirty(self) -> bool:
        return self.version > 0 and self.text() != self.saved_text

    @property
    def name(self) -> str:
        return self.path.name if self.path else "untitled letter"

    # -- editing (paths are tuples of keys and indexes, as in Problem.path)
    def get(self, path: tuple[Any, ...], default: Any = None) -> Any:
        node: Any = self.data
        for seg in path:
            try:
                node = node[seg]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def set(self, path: tuple[Any, ...], value: Any) -> None:
        """Set a value (creating mappings on the way); None or '' removes an optional key."""
        from ruamel.yaml.comments import CommentedMap

        node: Any = self.data
        for seg in path[:-1]:
            if isinstance(node, dict) and seg not in node:
                node[seg] = CommentedMap()
            node = node[seg]
        last = path[-1]
        if isinstance(value, str):
            value = block_text(value)
        if isinstance(node, dict) and (value is None or value == "" or value == []):
            if last in node:
                del node[last]
                self.version += 1
            return
        if isinstance(node, dict) and node.get(last) == value:
            return
        if isinstance(node, list) and last < len(node) and node[last] == value:
            return
        node[last] = value
        self.version += 1

    def insert(self, path: tuple[Any, ...], index: int, value: Any) -> None:
        from ruamel.yaml.comments import CommentedSeq

        parent = self.get(path)
        if not isinstance(parent, list):
            holder = self.get(path[:-1]) if len(path) > 1 else self.data
            holder[path[-1]] = parent = CommentedSeq()
        parent.insert(index, value)
        self.version += 1

    def remove(self, path: tuple[Any, ...]) -> None:
        parent = self.get(path[:-1])
        del parent[path[-1]]
        if isinstance(parent, list) and not parent and len(path) >= 2:
            grand = self.get(path[:-2])
            if isinstance(grand, dict):
                del grand[path[-2]]
        self.version += 1

    def move(self, path: tuple[Any, ...], delta: int) -> int:
        """Move a list item up or down; return its new index."""
        parent = self.get(path[:-1])
        i = path[-1]
        j = max(0, min(len(parent) - 1, i + delta))
        if i != j:
            item = parent.pop(i)
            parent.insert(j, item)
            self.version += 1
        return int(j)

    # -- checking
    def check(self) -> Check:
        """Validate and render the draft to preview text; problems instead of exceptions."""
        return check_text(self.text(), self.path)

    # -- saving
    def changed_on_disk(self) -> bool:
        return self.path is not None and _stamp(self.path) != self.disk_stamp

    def save(self, path: Path | None = None, *, force: bool = False) -> Path:
        target = path or self.path
        if target is None:
            raise UserError(Problem("choose a file name to save the letter"))
        if not force and target == self.path and self.changed_on_disk():
            raise ConflictError(f"{display_path(target)} was changed on disk since it was opened")
        if not force and path is not None and path != self.path and path.exists():
            raise ConflictError(f"{display_path(path)} already exists")
        text = self.text()
        atomic_write(target, text.encode("utf-8"))
        old_recovery = self.recovery_file()
        self.path = target
        self.saved_text = text
        self.disk_stamp = _stamp(target)
        for f in {old_recovery, self.recovery_file()}:
            f.unlink(missing_ok=True)
        remember_recent(target)
        return target

    # -- recovery
    def recovery_file(self) -> Path:
        key = str(self.path.resolve()) if self.path else "untitled"
        digest = hashlib.sha1(key.encode()).hexdigest()[:12]
        return state_dir() / "recovery" / f"{digest}.yaml"

    def autosave(self) -> Path | None:
        """Copy the draft to its recovery file (atomically); nothing to do when it is saved."""
        if not self.dirty:
            return None
        target = self.recovery_file()
        target.parent.mkdir(parents=True, exist_ok=True)
        header = f"# oversight recovery of: {self.path.resolve() if self.path else 'untitled'}\n"
        header += f"# saved: {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
        atomic_write(target, (header + self.text()).encode("utf-8"))
        return target

    def discard_recovery(self) -> None:
        self.recovery_file().unlink(missing_ok=True)


def check_text(text: str, path: Path | None) -> Check:
    """Check letter text as if saved at ``path``; safe to run in a worker thread."""
    from .letter import load_letter_text
    from .render.context import render_ir
    from .render.plain import plain_text

    base = path.parent if path else Path.cwd()
    file = display_path(path) if path else "untitled.yaml"
    try:
        prep = load_letter_text(text, file, base)
        ir = render_ir(prep)
    except UserError as err:
        return Check(err.problems)
    return Check(list(prep.problems.items), plain_text(ir, prep.letter.options.part_style), True)


class Recovery(msgspec.Struct):
    file: Path
    original: Path | None
    saved: str


def recoveries() -> list[Recovery]:
    """Drafts left behind by a crash or a closed terminal, newest first."""
    folder = state_dir() / "recovery"
    if not folder.is_dir():
        return []
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)  # a write cut short by a kill
    out = []
    for f in sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime, reverse=True):
        lines = f.read_text(encoding="utf-8").splitlines()
        original = None
        saved = ""
        if lines and lines[0].startswith("# oversight recovery of: "):
            name = lines[0].removeprefix("# oversight recovery of: ")
            original = None if name == "untitled" else Path(name)
        if len(lines) > 1 and lines[1].startswith("# saved: "):
            saved = lines[1].removeprefix("# saved: ")
        out.append(Recovery(f, original, saved))
    return out


def open_recovery(rec: Recovery) -> Draft:
    """The recovered draft, attached to its original file, marked as unsaved."""
    text = rec.file.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines()[2:]) + "\n"
    draft = Draft(body, rec.original)
    if rec.original is not None and rec.original.exists():
        draft.saved_text = rec.original.read_text(encoding="utf-8")
    else:
        draft.saved_text = ""
    draft.version = 1
    return draft


def recent_files() -> list[Path]:
    f = state_dir() / "recent.txt"
    if not f.is_file():
        return []
    return [Path(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def remember_recent(path: Path) -> None:
    f = state_dir() / "recent.txt"
    f.parent.mkdir(parents=True, exist_ok=True)
    items = [str(path.resolve())] + [
        str(p) for p in recent_files() if str(p) != str(path.resolve())
    ]
    atomic_write(f, ("\n".join(items[:10]) + "\n").encode("utf-8"))
