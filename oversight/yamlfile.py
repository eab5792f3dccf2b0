"""YAML in: plain Python data, plus the line and column of every value and key.

Loading is safe-loader only (no Python tags), uses libyaml's C parser where present, refuses
duplicate keys (PyYAML silently keeps the last), and bounds alias expansion so a "billion laughs"
file is refused instead of eating memory. Errors become :class:`~oversight.errors.Problem` with the
file, line and column and a hint for the usual mistakes (tabs, unquoted colons).

YAML out, for files people also edit by hand, goes through ``round_trip_yaml``: the one
ruamel.yaml setup, which keeps comments and layout.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import yaml

from oversight.errors import Problem, Segment, UserError, display_path

if TYPE_CHECKING:  # pragma: no cover
    from ruamel.yaml import YAML

try:  # libyaml: about 12x faster on a letter file
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 5_000_000  # a letter, bank or library is a few kilobytes; 5 MB is surely a mistake
MAX_VALUES = 200_000  # values after alias expansion; a real bank of 10,000 questions is ~100,000

Path_ = tuple[Segment, ...]


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A private subclass, so nothing here changes PyYAML for anyone else."""


class Mark(msgspec.Struct):
    line: int  # 1-based
    column: int  # 1-based


class Document(msgspec.Struct):
    """A loaded YAML file: its data and where each part of it was written."""

    file: str  # as shown to the user
    path: Path | None
    data: Any
    text: str
    values: dict[Path_, Mark] = msgspec.field(default_factory=dict)
    keys: dict[Path_, Mark] = msgspec.field(default_factory=dict)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def mark(self, path: Sequence[Segment], *, key: bool = False) -> Mark | None:
        """Where ``path`` was written; the nearest enclosing value when it was not (a missing key)."""
        p = tuple(path)
        if key and p in self.keys:
            return self.keys[p]
        while True:
            if p in self.values:
                return self.values[p]
            if not p:
                return None
            p = p[:-1]

    def problem(
        self,
        path: Sequence[Segment],
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
        severity: str = "error",
        shown_path: Sequence[Segment] | None = None,
        needle: str | None = None,
        offset: int | None = None,
    ) -> Problem:
        """A problem located at ``path`` in this file; at ``needle`` — text inside that value —
        when it is found there (a citation inside a ``|`` block is reported on its own line),
        and at its ``offset``-th character when one is given."""
        m = self.mark(path, key=key)
        found = self._find(m.line, needle, offset) if m and needle else None
        line, column = found or ((m.line, m.column) if m else (None, None))
        return Problem(
            message,
            file=self.file,
            line=line,
            column=column,
            path=tuple(path if shown_path is None else shown_path),
            hint=hint,
            severity=severity,
        )

    def _find(self, start: int, needle: str, offset: int | None) -> tuple[int, int] | None:
        """(line, column), 1-based, of ``needle[offset]`` (or of its start) in the first place
        from line ``start`` on where the needle's first line is written."""
        lines = self.lines
        first, *more = needle.split("\n")
        for i in range(start - 1, min(len(lines), start + 2000)):
            column = lines[i].find(first)
            if column < 0:
                continue
            k = offset or 0
            if k <= len(first):
                return i + 1, column + 1 + k
            k -= len(first) + 1
            for j, part in enumerate(more, 1):  # the offset is on a later line of the needle
                if k <= len(part):
                    at = lines[i + j].find(part) if i + j < len(lines) else -1
                    return (i + j + 1, at + 1 + k) if at >= 0 else (i + 1, column + 1)
                k -= len(part) + 1
            return i + 1, column + 1
        return None


def _hint_for(message: str, text_line: str) -> str | None:
    if "\t" in text_line or "'\\t'" in message:
        return "YAML does not allow tabs for indentation: use spaces"
    if "mapping values are not allowed" in message:
        return (
            "check this line's indentation against the lines above it; if it is right, a value"
            " containing ': ' must be put in quotes"
        )
    if "did not find expected '-' indicator" in message or "did not find expected key" in message:
        return "check this line's indentation: items at one level start at the same column"
    if "could not find expected ':'" in message:
        return "each line inside a mapping needs 'key: value'; is a quote left open above?"
    if "found undefined alias" in message:
        return "an '*name' must refer to an '&name' defined earlier in the file"
    if "expected <block end>" in message:
        return "check the indentation of this line against the lines above it"
    if "end of stream" in message:
        return "a quote or bracket opened here is never closed"
    if "found character that cannot start any token" in message and "`" in text_line:
        return "a value starting with ` or @ must be put in quotes"
    return None


def _from_yaml_error(err: yaml.YAMLError, file: str, text: str) -> Problem:
    if isinstance(err, yaml.reader.ReaderError):  # a character YAML refuses; no mark, a position
        before = text[: err.position]
        return Problem(
            f"not valid YAML: the character U+{err.character:04X} is not allowed"
            if isinstance(err.character, int)
            else f"not valid YAML: {err.reason}",
            file=file,
            line=before.count("\n") + 1,
            column=err.position - (before.rfind("\n") + 1) + 1,
            hint="remove it; control characters cannot appear in a letter",
        )
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context_mark = getattr(err, "context_mark", None)
    if context_mark is not None and "end of stream" in str(problem):
        mark = context_mark  # an unclosed quote or bracket: point where it was opened
    context = getattr(err, "context", None)
    message = str(problem)
    if context and "while" not in message:
        message = f"{message} ({context})"
    message = message.replace("could not determine a constructor for the tag", "unknown tag")
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    lines = text.splitlines()
    src = lines[line - 1] if line and 0 < line <= len(lines) else ""
    hint = _hint_for(message, src)
    if "unknown tag" in message:
        hint = "tags such as !!python/object are not allowed: write plain values"
    return Problem(f"not valid YAML: {message}", file=file, line=line, column=col, hint=hint)


_STR = "tag:yaml.org,2002:str"


class _Builder:
    """Turns the composed node tree into data, recording marks and catching what PyYAML lets by."""

    def __init__(self, loader: _Loader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.values: dict[Path_, Mark] = {}
        self.keys: dict[Path_, Mark] = {}
        self.memo: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.shared = False  # an alias reused a node
        self.budget = MAX_VALUES

    def fail(self, node: yaml.Node, message: str, hint: str | None = None) -> UserError:
        m = node.start_mark
        return UserError(
            Problem(message, file=self.file, line=m.line + 1, column=m.column + 1, hint=hint)
        )

    def size(self, node: yaml.Node, visiting: set[int]) -> int:
        """Number of values the node expands to, counting aliases each time they are used."""
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        if key in visiting:
            raise self.fail(node, "this value contains itself through an alias")
        visiting.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += self.size(child, visiting)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += self.size(k, visiting) + self.size(v, visiting)
        visiting.discard(key)
        if total > self.budget:
            raise self.fail(
                node,
                f"this file expands to more than {self.budget:,} values through aliases",
                "remove the '&'/'*' aliases; a letter never needs this many values",
            )
        self.sizes[key] = total
        return total

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.values.setdefault(path, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in self.memo:
            self.shared = True
            return self.memo[id(node)]
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                return node.value  # what SafeConstructor gives for text, without its dispatch
            try:
                value = self.loader.construct_object(node, deep=True)
            except yaml.constructor.ConstructorError as err:
                msg = str(err.problem or err).replace(
                    "could not determine a constructor for the tag", "unknown tag"
                )
                raise self.fail(
                    node,
                    f"not valid YAML: {msg}",
                    "tags such as !!python/object are not allowed: write plain values",
                ) from None
            except (ValueError, OverflowError):
                value = node.value  # "2025-13-01": kept as typed; the model check explains it
            if isinstance(value, datetime.datetime):
                value = value.date() if value.time() == datetime.time(0) else value
            return value
        if node.tag not in (
            "tag:yaml.org,2002:seq",
            "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:omap",
        ):
            raise self.fail(
                node,
                f"not valid YAML: unknown tag {node.tag!r}",
                "tags such as !!python/object are not allowed: write plain values",
            )
        if isinstance(node, yaml.SequenceNode):
            seq: list[Any] = []
            self.memo[id(node)] = seq
            for i, child in enumerate(node.value):
                seq.append(self.build(child, (*path, i)))
            return seq
        assert isinstance(node, yaml.MappingNode)
        try:
            self.loader.flatten_mapping(node)  # '<<' merge keys
        except yaml.constructor.ConstructorError as err:
            raise self.fail(node, f"not valid YAML: {err.problem}") from None
        mapping: dict[Any, Any] = {}
        self.memo[id(node)] = mapping
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value  # keys are names: kept as typed ("2025", "yes"), never converted
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (also on line {first})",
                    "YAML keeps only one of them: remove or rename one",
                )
            seen[key] = key_node
            kpath = (*path, key)
            self.keys[kpath] = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            mapping[key] = self.build(value_node, kpath)
        return mapping


def load_text(text: str, file: str, path: Path | None = None) -> Document:
    """Parse YAML text; raise :class:`UserError` naming file, line and column on any problem."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as err:
            raise UserError(_from_yaml_error(err, file, text)) from None
        if node is None:
            return Document(file, path, None, text)
        builder = _Builder(loader, file)
        data = builder.build(node, ())
        if builder.shared:
            # Aliases reuse values: check what they expand to before anything walks the data.
            builder.size(node, set())
        return Document(file, path, data, text, builder.values, builder.keys)
    finally:
        loader.dispose()


def read_text(path: Path, shown: str | None = None) -> str:
    """Read a UTF-8 text file or raise a :class:`UserError` that names it."""
    file = shown or display_path(path)
    try:
        if path.is_dir():
            raise UserError(Problem("is a folder, not a file", file=file))
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(
                Problem(
                    f"file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB",
                    file=file,
                    hint="is this the right file?",
                )
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(Problem("no such file", file=file)) from None
    except PermissionError:
        raise UserError(Problem("permission denied: cannot read this file", file=file)) from None
    except OSError as err:
        raise UserError(Problem(f"cannot read this file: {err.strerror}", file=file)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise UserError(
            Problem(
                "not UTF-8 text",
                file=file,
                line=line,
                hint="save the file as UTF-8 (most editors offer this under 'Save As')",
            )
        ) from None


def load_file(path: Path, shown: str | None = None) -> Document:
    """Read and parse a YAML file; every failure is a :class:`UserError` naming the file."""
    return load_text(read_text(path, shown), shown or display_path(path), path)


def round_trip_yaml(emitter: type[Any] | None = None) -> YAML:
    """ruamel.yaml set up the one way oversight rewrites files people also edit by hand (a
    letter draft, a bank file, the user's agency directory): comments, quotes, key order and
    layout kept; mappings indented two spaces, list dashes two more; lines never wrapped.

    ``emitter`` replaces ruamel's emitter class (the draft's remembers its scalar analyses).
    """
    from ruamel.yaml import YAML  # lazy (docs/architecture.md): rendering never loads ruamel

    y = YAML(typ="rt")
    if emitter is not None:
        y.Emitter = emitter
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


class _NewFileDumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """PyYAML's C emitter, for files oversight writes new (an imported letter, a follow-up):
    there are no comments to keep, and ruamel's emitter would take a third of an import's time."""


def _block_text(dumper: Any, value: str) -> Any:
    several = "\n" in value.strip("\n")
    style = "|" if several else None  # paragraphs as | blocks
    value = value if several else value.rstrip("\n")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_NewFileDumper.add_representer(str, _block_text)


def new_file_text(data: dict[str, Any], header: str) -> str:
    """``data`` as a new YAML file (keys in their order, paragraphs as ``|`` blocks), after the
    comment lines of ``header``."""
    text = yaml.dump(data, Dumper=_NewFileDumper, sort_keys=False, allow_unicode=True, width=100)
    return "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()) + text
