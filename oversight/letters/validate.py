"""Check YAML data against a model and report every problem at once, in a staffer's words.

msgspec converts data to the model in one call but stops at the first error and speaks in
JSON terms. So msgspec converts first, and when it refuses the data (or finds nothing wrong with
text Word cannot hold), this walker goes over the same type description (``msgspec.inspect``)
and collects every unknown key (with a did-you-mean), missing field and wrong type, each located
at its line and column. See :func:`convert`.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import Any, TypeVar

import msgspec
import msgspec.inspect as mi

from oversight.errors import Problem, Problems, Segment, UserError, describe_value, did_you_mean
from oversight.yamlfile import Document

T = TypeVar("T")

# Characters XML 1.0 (and so Word) cannot store, even escaped.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot go into a Word document, or None when it can."""
    m = _FORBIDDEN.search(value)
    if m:
        return (
            f"contains the control character U+{ord(m.group()):04X}, which a Word document "
            "cannot hold"
        )
    return None


@cache
def _info(model: Any) -> mi.Type:
    return mi.type_info(model)


def _expects(t: mi.Type) -> str:
    t = _bare(t)
    if isinstance(t, mi.StrType):
        return "text"
    if isinstance(t, mi.IntType):
        return "a whole number"
    if isinstance(t, mi.BoolType):
        return "true or false"
    if isinstance(t, mi.DateType):
        return "a date (YYYY-MM-DD)"
    if isinstance(t, mi.ListType):
        item = _bare(t.item_type)
        if isinstance(item, mi.StructType):
            return "a list of mappings (each item starting with '- ')"
        return f"a list of {_expects(item).removeprefix('a ')}"
    if isinstance(t, mi.StructType | mi.DictType):
        return "a mapping (key: value lines)"
    if isinstance(t, mi.LiteralType):
        return "one of " + ", ".join(repr(v) for v in t.values)
    if isinstance(t, mi.UnionType):
        return " or ".join(_expects(x) for x in t.types if not isinstance(x, mi.NoneType))
    if isinstance(t, mi.NoneType):
        return "nothing"
    return "a value"


def _bare(t: mi.Type) -> mi.Type:
    """The type without its description wrapper (``Annotated[..., Meta(description=...)]``)."""
    while isinstance(t, mi.Metadata):
        t = t.type
    return t


def _matches(t: mi.Type, value: Any) -> bool:
    """Whether ``value`` is the right kind of thing for ``t`` (used to pick a union member)."""
    t = _bare(t)
    if isinstance(t, mi.StrType):
        return isinstance(value, str)
    if isinstance(t, mi.IntType):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(t, mi.BoolType):
        return isinstance(value, bool)
    if isinstance(t, mi.DateType):
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if isinstance(t, mi.ListType):
        return isinstance(value, list)
    if isinstance(t, mi.StructType | mi.DictType):
        return isinstance(value, dict)
    if isinstance(t, mi.LiteralType):
        return value in t.values
    if isinstance(t, mi.NoneType):
        return value is None
    return isinstance(t, mi.AnyType)


class Checker:
    """Walks data against a type description, adding a problem for everything wrong."""

    def __init__(self, doc: Document, problems: Problems, base: tuple[Segment, ...] = ()) -> None:
        self.doc = doc
        self.problems = problems
        self.base = base  # where the checked value sits inside the document

    def add(
        self, path: tuple[Segment, ...], message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        self.problems.add(self.doc.problem((*self.base, *path), message, hint=hint, key=key))

    def check(self, t: mi.Type, value: Any, path: tuple[Segment, ...]) -> None:
        t = _bare(t)
        if isinstance(t, mi.UnionType):
            for member in t.types:
                if _matches(member, value):
                    self.check(member, value, path)
                    return
            self._wrong(t, value, path)
        elif isinstance(t, mi.StructType):
            self._struct(t, value, path)
        elif isinstance(t, mi.ListType):
            if not isinstance(value, list):
                hint = "put each item on its own line starting with '- '"
                self._wrong(t, value, path, hint)
                return
            if t.min_length and len(value) < t.min_length:
                self.add(
                    path, f"needs at least {t.min_length} item{'s' if t.min_length > 1 else ''}"
                )
            for i, item in enumerate(value):
                self.check(t.item_type, item, (*path, i))
        elif isinstance(t, mi.DictType):
            if not isinstance(value, dict):
                self._wrong(t, value, path)
                return
            for k, v in value.items():
                if not isinstance(k, str):
                    self.add((*path, k), "keys must be names (text)", key=True)
                self.check(t.value_type, v, (*path, k))
        elif isinstance(t, mi.StrType):
            self._str(t, value, path)
        elif isinstance(t, mi.IntType):
            if not _matches(t, value):
                self._wrong(t, value, path)
            elif (t.ge is not None and value < t.ge) or (t.le is not None and value > t.le):
                self.add(path, f"must be between {t.ge} and {t.le}, got {value}")
        elif isinstance(t, mi.AnyType):
            self._any(value, path)
        elif not _matches(t, value):
            hint = None
            if isinstance(t, mi.DateType) and isinstance(value, str):
                hint = "write the date as YYYY-MM-DD, for example 2025-03-20"
                try:
                    datetime.date.fromisoformat(value)
                except ValueError as err:
                    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
                        self.add(
                            path,
                            f"'{value}' is not a real date ({err})".replace(
                                "day is out of range for month", "no such day in that month"
                            ),
                        )
                        return
            self._wrong(t, value, path, hint)

    def _wrong(
        self, t: mi.Type, value: Any, path: tuple[Segment, ...], hint: str | None = None
    ) -> None:
        got = describe_value(value)
        if isinstance(t, mi.LiteralType) and isinstance(value, str | int):
            got = repr(value)
        if isinstance(value, int | float) and not isinstance(value, bool) and _accepts_text(t):
            hint = hint or f'put it in quotes if it is text: "{value}"'
        self.add(path, f"expected {_expects(t)}, got {got}", hint)

    def _str(self, t: mi.StrType, value: Any, path: tuple[Segment, ...]) -> None:
        if not isinstance(value, str):
            self._wrong(t, value, path)
            return
        if t.min_length and not value.strip():
            self.add(path, "must not be empty")
            return
        bad = text_problem(value)
        if bad:
            self.add(path, bad)
        if t.pattern and not re.search(t.pattern, value):
            self.add(path, f"'{value}' is not in the expected form", _pattern_hint(t.pattern))

    def _any(self, value: Any, path: tuple[Segment, ...]) -> None:
        if isinstance(value, str):
            bad = text_problem(value)
            if bad:
                self.add(path, bad)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._any(item, (*path, i))
        elif isinstance(value, dict):
            for k, v in value.items():
                self._any(v, (*path, k))

    def _struct(self, t: mi.StructType, value: Any, path: tuple[Segment, ...]) -> None:
        if not isinstance(value, dict):
            self._wrong(t, value, path)
            return
        fields = {f.encode_name: f for f in t.fields}
        for key in value:
            if key not in fields:
                hint = did_you_mean(str(key), fields) or "allowed: " + ", ".join(fields)
                self.add((*path, key), f"unknown key '{key}'", hint, key=True)
        for name, f in fields.items():
            if name in value:
                v = value[name]
                if v is None and f.required:
                    self.add((*path, name), f"'{name}' is empty; expected {_expects(f.type)}")
                elif v is None and _nullable(f.type):
                    continue
                else:
                    self.check(f.type, v, (*path, name))
            elif f.required:
                self.add(path, f"missing '{name}'", f"add '{name}:' with {_expects(f.type)}")


def _nullable(t: mi.Type) -> bool:
    t = _bare(t)
    return isinstance(t, mi.NoneType) or (
        isinstance(t, mi.UnionType) and any(isinstance(x, mi.NoneType) for x in t.types)
    )


def _accepts_text(t: mi.Type) -> bool:
    t = _bare(t)
    if isinstance(t, mi.UnionType):
        return any(_accepts_text(x) for x in t.types)
    if isinstance(t, mi.ListType):
        return _accepts_text(t.item_type)
    return isinstance(t, mi.StrType)


def _pattern_hint(pattern: str) -> str:
    if "/" in pattern:
        return "write it as bank-id/question-id, for example irs-data-sharing/requests-received"
    if "[a-z]" in pattern and "(" in pattern:
        return "a single letter such as e"
    return "use lowercase letters, digits and hyphens"


def convert(
    doc: Document,
    model: type[T],
    problems: Problems,
    value: Any = None,
    base: tuple[Segment, ...] = (),
) -> T | None:
    """Check ``value`` (default: the whole document) against ``model``; build it if no errors.

    Problems go to ``problems``; returns None when there were any.

    msgspec, in C, converts first. The walker, which finds every problem and explains each in a
    staffer's words, runs only when msgspec refuses the data or when one of the things msgspec
    does not check is there: a character Word cannot hold, or a key that is not text. (Text that
    is only spaces fails msgspec itself: the model's text types carry the pattern ``\\S``.) So a
    valid file costs one msgspec call, and an invalid one gets every problem reported.
    """
    data = doc.data if value is None and not base else value
    if data is None and not base:
        problems.add(Problem("the file is empty", file=doc.file))
        return None
    try:
        result: T | None = msgspec.convert(data, model, strict=True)
    except msgspec.ValidationError:
        result = None
    if result is not None and _plainly_valid(data):
        return result
    before = len(problems.errors)
    Checker(doc, problems, base).check(_info(model), data, ())  # type: ignore[arg-type]
    if len(problems.errors) > before:
        return None
    try:
        return msgspec.convert(data, model, strict=True)
    except msgspec.ValidationError as err:  # a case the walker does not know: still located
        problems.add(_from_msgspec(doc, err, base))
        return None


def _plainly_valid(data: Any) -> bool:
    """Every key is text and no text holds a character a Word document cannot store."""
    strings: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for k in value:
                if not isinstance(k, str):
                    return False  # msgspec may accept a key 1 as "1"; the walker refuses it
                strings.append(k)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return _FORBIDDEN.search("\n".join(strings)) is None


def _from_msgspec(
    doc: Document, err: msgspec.ValidationError, base: tuple[Segment, ...]
) -> Problem:
    text = str(err)
    path: list[Segment] = list(base)
    m = re.search(r" - at `\$(.*)`$", text)
    if m:
        text = text[: m.start()]
        for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", m.group(1)):
            path.append(int(index) if index else name)
    return doc.problem(tuple(path), text[0].lower() + text[1:])


def load_model(doc: Document, model: type[T]) -> T:
    """Convert a whole document to ``model`` or raise every problem found."""
    problems = Problems()
    result = convert(doc, model, problems)
    problems.raise_if_errors()
    assert result is not None
    return result


__all__ = ["Checker", "UserError", "convert", "load_model", "text_problem"]
