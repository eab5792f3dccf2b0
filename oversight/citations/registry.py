"""The kinds of report entry, one module each in ``citations/kinds/``, and the registry of them.

A kind (:class:`Kind`) owns everything that differs from one kind of source to another: its
fields (required or optional, how a form labels them, an example for hints), the checks of an
entry, its full citation, its short forms (*supra*, *Id.*, or its own) and its mapping from
CSL-JSON. Everything else asks the registry — :func:`get`, :func:`kinds`, :func:`names` — and
never which kind an entry is.

Every module in ``citations/kinds/`` (not starting with ``_``) defines ``KIND``, an instance of
its :class:`Kind` subclass; the registry imports them all the first time a kind is asked for, so
adding a kind is adding a module. :func:`register` adds one from elsewhere (tests do).
"""

from __future__ import annotations

import datetime
import os
import sys
import threading
from collections.abc import Mapping
from typing import Any, ClassVar, Protocol

import msgspec

from oversight.citations import csl
from oversight.citations import kinds as kind_modules
from oversight.citations.bluebook import Out, clean, pin_phrase
from oversight.errors import Segment, did_you_mean
from oversight.letters.validate import text_problem

__all__ = [
    "COMMON_FIELDS",
    "DATE_EXAMPLE",
    "Context",
    "Entry",
    "Field",
    "Kind",
    "Reporter",
    "entry_schema",
    "get",
    "headline",
    "kind",
    "kind_of",
    "kinds",
    "names",
    "one_of",
    "register",
    "unregister",
]

COMMON_FIELDS = ("id", "kind", "short", "note")
DATE_EXAMPLE = "date: 2025-03-13"  # the hint for a missing date, whatever the kind

Entry = Mapping[str, Any]


class Field(msgspec.Struct, frozen=True):
    """One field of a kind's entries."""

    name: str
    required: bool = False
    label: str = ""  # how a form names it, when not by its name
    listable: bool = False  # names: text, or a list ("author: [A, B]")
    split_in_forms: bool = False  # a form takes "A; B" and keeps a list
    whole_number: bool = False  # a number that prints as typed ("congress: 119", "year: 2018")
    example: str = ""  # for hints: "docket: No. 1:25-cv-00677"
    needs: tuple[str, ...] = ()  # fields an entry with this one must have too ("volume": "page")

    @property
    def form_label(self) -> str:
        return self.label or self.name

    @property
    def hint(self) -> str:
        return self.example or f"{self.name}: …"


class Reporter(Protocol):
    """How a kind reports a problem with an entry: the field path inside the entry, a message
    (an error unless ``severity="warning"``: the entry is still used)."""

    def __call__(
        self,
        where: tuple[Segment, ...],
        message: str,
        *,
        hint: str | None = ...,
        key: bool = ...,
        severity: str = ...,
    ) -> None: ...


class Context:
    """What a short form may look at beyond its own entry: every entry the letter can cite.

    ``memo`` keeps what a kind works out once per letter (the court filings sharing a docket).
    """

    def __init__(self, reports: Mapping[str, Entry]) -> None:
        self.reports = reports
        self.memo: dict[str, Any] = {}


class Kind:
    """A kind of report entry. Subclasses set the class attributes and write :meth:`full`."""

    name: ClassVar[str]  # "news": what an entry's `kind:` says
    label: ClassVar[str]  # "news article": for messages and forms
    order: ClassVar[int] = 1000  # place in lists of kinds
    fields: ClassVar[tuple[Field, ...]]
    italic_title: ClassVar[bool] = False  # the title, and a `short` title, are italic
    uses_short: ClassVar[bool] = True  # `short:` means something for this kind
    example_pin: ClassVar[str] = "5"  # a pin cite that reads naturally, for examples
    # False for text that cites nothing (a note): printed as written every time, never *Id.* or
    # *supra*, a sentence of its own, and no link in an *Id.* chain
    authority: ClassVar[bool] = True

    # CSL-JSON (csl_import asks these)
    csl_types: ClassVar[tuple[str, ...]] = ()  # CSL types that are this kind
    csl_nearest: ClassVar[tuple[str, ...]] = ()  # types without a kind, imported as this (warned)
    csl_otherwise: ClassVar[bool] = False  # the kind of an item no kind takes (warned)
    csl_claim_rank: ClassVar[int] = 100  # kinds that claim items by content ask in this order

    # -- fields --------------------------------------------------------------------------

    @property
    def a_label(self) -> str:
        """The label with its article: "a news article", "an executive order"."""
        return ("an " if self.label[:1].lower() in "aeiou" else "a ") + self.label

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if not f.required)

    def fields_in_order(self) -> tuple[Field, ...]:
        """The required fields, then the optional ones (as forms and imported entries list them)."""
        return tuple(f for f in self.fields if f.required) + tuple(
            f for f in self.fields if not f.required
        )

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def allowed(self) -> set[str]:
        """The fields an entry of this kind may have."""
        return {f.name for f in self.fields} | set(COMMON_FIELDS)

    # -- checks --------------------------------------------------------------------------

    def check(self, entry: Entry, report: Reporter) -> None:
        """Report each unknown field, each value of the wrong type, each missing field."""
        allowed = self.allowed()
        for key, value in entry.items():
            if key not in allowed:
                report(
                    (key,),
                    f"unknown field '{key}' for {self.a_label}",
                    hint=did_you_mean(str(key), allowed) or "fields: " + ", ".join(sorted(allowed)),
                    key=True,
                )
                continue
            self._check_value((key,), self.field(key), value, report)
        for name in self.required:
            if entry.get(name) in (None, "", []):
                report(
                    (),
                    f"{self.a_label} needs '{name}'",
                    hint=f"add '{name}:' to report '{entry.get('id')}'",
                )
        for spec in self.fields:
            if entry.get(spec.name) in (None, "", []):
                continue
            for name in spec.needs:
                if entry.get(name) in (None, "", []):
                    other = self.field(name)
                    report(
                        (),
                        f"{self.a_label} with '{spec.name}' needs '{name}'"
                        + (f" ({other.label})" if other is not None and other.label else ""),
                        hint=f"add to report '{entry.get('id')}': "
                        + (other.hint if other is not None else f"{name}: …"),
                    )

    def _check_value(
        self, path: tuple[Segment, ...], spec: Field | None, value: Any, report: Reporter
    ) -> None:
        if spec is not None and spec.listable and isinstance(value, list):
            for i, item in enumerate(value):
                self._check_value((*path, i), None, item, report)
            return
        if isinstance(value, bool) or value is None or isinstance(value, list | dict):
            report(path, "expected text or a date")
        elif isinstance(value, int) and spec is not None and spec.whole_number:
            return  # "congress: 119", "year: 2018" print as typed
        elif isinstance(value, int | float):
            report(path, "expected text, got a number", hint=f'put it in quotes: "{value}"')
        elif isinstance(value, str):
            bad = text_problem(value)
            if bad:
                report(path, bad)
        elif not isinstance(value, datetime.date):
            report(path, "expected text or a date")

    def headline(self, entry: Entry) -> str:
        """What a list names the entry by (the TUI's report list, its cite picker): the title."""
        return clean(entry.get("title"))

    # -- citation forms ------------------------------------------------------------------

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        """The first, full citation (with the pin where this kind places it)."""
        raise NotImplementedError

    def id_form(self, out: Out, entry: Entry, pin: str | None) -> None:
        """What follows "Id." for a pin: " at 7"."""
        if pin:
            out.add(" " + pin_phrase(pin))

    def short(self, out: Out, entry: Entry, pin: str | None, note: int, context: Context) -> None:
        """A later citation: "Label, *supra* note 3, at 5"."""
        label, italic = self.short_label(entry)
        out.add_then_comma(label, italic)
        out.add("supra", True)
        out.add(f" note {note}")
        if pin:
            out.add(", " + pin_phrase(pin))

    def default_short(self, entry: Entry) -> tuple[str, bool]:
        """(label, italic) before ", supra note N" when the entry has no `short`."""
        return clean(entry.get("title")), True

    def short_title(self, short: str) -> tuple[str, bool]:
        """The entry's `short` as printed: in the title's typeface."""
        return short, self.italic_title

    def short_label(self, entry: Entry) -> tuple[str, bool]:
        short = clean(entry.get("short"))
        return self.short_title(short) if short else self.default_short(entry)

    def hereinafter(self, out: Out, entry: Entry) -> None:
        """Bluebook 4.2(b): a `short` title is announced at the first, full citation."""
        if not clean(entry.get("short")):
            return
        label, italic = self.short_label(entry)
        if (label, italic) == self.default_short(entry):
            return
        out.add(" [hereinafter ")
        out.add(label, italic)
        out.add("]")

    # -- CSL-JSON ------------------------------------------------------------------------

    def csl_claims(self, item: Mapping[str, Any]) -> bool:
        """Whether an item is this kind whatever its CSL type says (a press release's genre)."""
        return False

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        """The entry's fields from a CSL item (empty values are dropped by the caller)."""
        return {"title": csl.text(item.get("title"))}

    def csl_id(self, fields: Mapping[str, Any]) -> str | None:
        """An id this kind's entries are known by (a report number), else None."""
        return None

    def csl_author_key(self, first: Mapping[str, Any]) -> str:
        """The author part of a made-up id, from the item's first author or editor."""
        family = first.get("family")
        return csl.slug(csl.text(family), 2) if family else ""


# --------------------------------------------------------------------------------------------
# The registry

_KINDS: dict[str, Kind] = {}
_LOADED = False
_LOCK = threading.Lock()  # the TUI checks letters in a worker thread while its form asks too


def _load() -> None:
    """Import every module of citations/kinds/ once (by listing the folder: no module names
    them); each defines KIND. Only the kinds' own modules, and only when a kind is asked for."""
    global _LOADED
    if _LOADED:
        return
    with _LOCK:
        if _LOADED:
            return
        for folder in kind_modules.__path__:
            try:
                files = sorted(os.listdir(folder))
            except OSError:  # pragma: no cover - a package folder that cannot be listed
                continue
            for file in files:
                if file.endswith(".py") and not file.startswith("_"):
                    module_name = f"{kind_modules.__name__}.{file[:-3]}"
                    __import__(module_name)
                    found: Kind = sys.modules[module_name].KIND
                    _KINDS.setdefault(found.name, found)
        _LOADED = True


def register(new: Kind) -> Kind:
    """Add a kind (a kind of the same name is replaced); return it."""
    _load()
    _KINDS[new.name] = new
    return new


def unregister(name: str) -> None:
    """Remove a kind (tests that register one clean up with this)."""
    _load()
    _KINDS.pop(name, None)


def kinds() -> list[Kind]:
    """Every kind, in the order lists offer them."""
    _load()
    return sorted(_KINDS.values(), key=lambda k: k.order)


def names() -> list[str]:
    """Every kind's name, in order."""
    return [k.name for k in kinds()]


def get(name: object) -> Kind | None:
    """The kind of that name, or None (for anything that is not a known kind's name)."""
    _load()
    return _KINDS.get(name) if isinstance(name, str) else None


def kind(name: str) -> Kind:
    """The kind of that name; KeyError if there is none."""
    found = get(name)
    if found is None:
        raise KeyError(name)
    return found


def kind_of(entry: Entry) -> Kind:
    """An entry's kind; ValueError for an entry whose `kind` is not a kind."""
    found = get(entry.get("kind"))
    if found is None:
        raise ValueError(f"unknown report kind {entry.get('kind')!r}")
    return found


def headline(entry: Entry) -> str:
    """What a list names an entry by, as its kind says (a filing its case, a note its text);
    for an entry of no known kind, its title."""
    found = get(entry.get("kind"))
    return found.headline(entry) if found is not None else clean(entry.get("title"))


def entry_schema() -> dict[str, Any]:
    """The JSON Schema of a report entry (``oversight schema``): one alternative per kind, each
    with that kind's fields, the required ones required, and nothing else."""
    text = {"type": "string", "pattern": "\\S"}
    number = {"anyOf": [text, {"type": "integer"}]}
    common: dict[str, Any] = {
        "id": {
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9._-]*$",
            "description": "cite it as [@id]",
        },
        "short": {**text, "description": "a short title for later citations"},
        "note": {**text, "description": "a note for staff; never printed"},
    }
    alternatives = []
    for k in kinds():
        properties: dict[str, Any] = {**common, "kind": {"const": k.name}}
        for f in k.fields:
            value: dict[str, Any] = number if f.whole_number else text
            if f.listable:
                value = {"anyOf": [value, {"type": "array", "items": value, "minItems": 1}]}
            properties[f.name] = {**value, "description": f.form_label}
        alternatives.append(
            {
                "title": k.label,
                "type": "object",
                "required": ["id", "kind", *k.required],
                "properties": properties,
                "additionalProperties": False,
            }
        )
    return {
        "description": "A report entry: its id, its kind and the fields of that kind "
        "(docs/citations.md).",
        "type": "object",
        "required": ["id", "kind"],
        "properties": {"kind": {"enum": names()}},
        "oneOf": alternatives,
    }


def one_of() -> str:
    """ "one of: news, gao, …" for hints."""
    return "one of: " + ", ".join(names())
