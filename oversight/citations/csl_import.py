"""Import report entries from CSL-JSON, what Zotero and other reference managers export.

:func:`import_csl` reads a CSL-JSON file (an array of items), turns each item into a report entry
of the nearest kind (each kind says which CSL types are its own: ``citations/kinds/``) and returns
the YAML of a report library: a new file with a header comment, or an existing library with the new entries appended (its content and
comments kept, through ruamel.yaml's round-trip mode). Nothing is printed: warnings and notes are
returned for the command line to show.

Type mapping: ``article-newspaper``, ``article-magazine`` and ``post-weblog`` are news; ``report``
is a GAO, inspector general or CRS report when its number or publisher says so, else a web page;
``legal_case`` is a court filing; ``legislation`` and ``bill`` are statutes; ``regulation``,
``hearing``, ``letter`` (and ``personal_communication``) and ``webpage`` map to their kinds; any
item whose genre says "press release" is a press release. Other types go to the nearest kind with
a warning. An item that lacks a field its kind needs is still imported, with a warning and a
comment in the file naming what to fill in.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import msgspec
import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from oversight.citations import csl, registry
from oversight.errors import Problem, UserError, display_path
from oversight.yamlfile import MAX_FILE_BYTES, load_file, read_text, round_trip_yaml

__all__ = ["Entry", "ImportResult", "convert_items", "import_csl", "read_items"]


class Item(msgspec.Struct):
    """One CSL item and where it starts in the JSON file."""

    index: int  # 0-based position in the array
    data: dict[str, Any]
    line: int | None
    column: int | None

    def label(self) -> str:
        """How a message names the item: its CSL id and the start of its title."""
        title = csl.text(self.data.get("title"))
        if len(title) > 50:
            title = title[:49] + "…"
        rid = self.data.get("id")
        name = f"item {self.index + 1}" + (f" (id {rid!s})" if rid not in (None, "") else "")
        return f"{name} “{title}”" if title else name


class Entry(msgspec.Struct):
    """A report entry made from a CSL item."""

    id: str
    kind: str
    fields: dict[str, Any]  # field -> text, date, or list of names (without id and kind)
    item: Item
    missing: list[str] = msgspec.field(default_factory=list)  # required fields left empty
    nearest: str | None = None  # the CSL type when it had no kind of its own
    problems: list[Problem] = msgspec.field(default_factory=list)  # warnings about this entry

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, **self.fields}


class ImportResult(msgspec.Struct):
    text: str  # the library's YAML, ready to write
    added: list[Entry]
    skipped: list[tuple[Entry, str]]  # (entry, where the id is already defined)
    problems: list[Problem]  # warnings: items that were not read, and the added entries'
    changed: bool  # False when an existing library gained nothing


# ---------------------------------------------------------------------------------------------
# Reading


def read_items(path: Path, shown: str | None = None) -> tuple[list[Item], list[Problem]]:
    """The items of a CSL-JSON file and warnings about what is not an item.

    A file that cannot be read or is not JSON is a :class:`UserError` naming file:line:column.
    """
    file = shown or display_path(path)
    text = _read_text(path, file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UserError(
            Problem(
                f"not valid JSON: {err.msg}",
                file=file,
                line=err.lineno,
                column=err.colno,
                hint="export the library again as CSL JSON (in Zotero: File > Export Library…)",
            )
        ) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise UserError(
            Problem(
                "a CSL-JSON file holds a list of items ([{...}, ...])",
                file=file,
                line=1,
                column=1,
            )
        )
    starts = _item_starts(text) if text.lstrip().startswith("[") else []
    items: list[Item] = []
    bad: list[Problem] = []
    for i, value in enumerate(data):
        line, column = starts[i] if i < len(starts) else (None, None)
        if not isinstance(value, dict):
            bad.append(
                Problem(
                    f"item {i + 1} is not a CSL item (a {{...}} mapping): skipped",
                    file=file,
                    line=line,
                    column=column,
                    severity="warning",
                )
            )
            continue
        items.append(Item(i, value, line, column))
    if not items:
        raise UserError([*bad, Problem("no CSL items to import", file=file)])
    return items, bad


MAX_JSON_BYTES = 200_000_000  # a whole Zotero library with abstracts runs to tens of megabytes


def _read_text(path: Path, file: str) -> str:
    """The file as text; a :class:`UserError` naming it when it cannot be read.

    Like ``yamlfile.read_text`` but with room for a whole exported library.
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_text says what is wrong
    if size <= MAX_FILE_BYTES or path.is_dir():
        return read_text(path, file)
    if size > MAX_JSON_BYTES:
        raise UserError(Problem(f"file is {size / 1e6:.0f} MB; is this the right file?", file=file))
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UserError(Problem(f"cannot read this file: {err.strerror}", file=file)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UserError(
            Problem(
                "not UTF-8 text",
                file=file,
                line=raw[: err.start].count(b"\n") + 1,
                hint="export it again as CSL JSON, which is always UTF-8",
            )
        ) from None


def _item_starts(text: str) -> list[tuple[int, int]]:
    """(line, column) where each element of a top-level JSON array starts (text is valid JSON)."""
    decoder = json.JSONDecoder()
    ws = " \t\r\n"
    i = text.index("[") + 1
    out: list[tuple[int, int]] = []
    n = len(text)
    line, line_start, counted = 1, 0, 0  # lines counted up to `counted`, incrementally
    while True:
        while i < n and text[i] in ws:
            i += 1
        if i >= n or text[i] == "]":
            return out
        breaks = text.count("\n", counted, i)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", counted, i) + 1
        counted = i
        out.append((line, i - line_start + 1))
        _, i = decoder.raw_decode(text, i)
        while i < n and text[i] in ws:
            i += 1
        if i < n and text[i] == ",":
            i += 1


# ---------------------------------------------------------------------------------------------
# Converting


def kind_of(item: dict[str, Any]) -> tuple[str, bool]:
    """(kind, exact): exact is False when the item's CSL type had no kind and the nearest was used."""
    kinds = registry.kinds()
    for k in sorted(kinds, key=lambda k: k.csl_claim_rank):
        if k.csl_claims(item):
            return k.name, True
    ctype = csl.text(item.get("type"))
    for k in kinds:
        if ctype in k.csl_types:
            return k.name, True
    for k in kinds:
        if ctype in k.csl_nearest:
            return k.name, False
    return next(k.name for k in kinds if k.csl_otherwise), False


def _fields(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields for its kind, in the kind's order; empty values left out."""
    spec = registry.kind(kind)
    f = spec.csl_fields(item)
    f["url"] = csl.text(item.get("URL")) or csl.text(item.get("url"))
    out: dict[str, Any] = {}
    for name in (*spec.required, *spec.optional):
        value = f.get(name)
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else value
        if value not in (None, "", []):
            out[name] = value
    return out


def _csl_id(value: Any) -> str | None:
    """The CSL id as a report id, when it was chosen by a person (a citation key)."""
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 60 or any(c in s for c in "/:@ "):
        return None  # Zotero's "12345/ABCD2345", URIs
    if re.fullmatch(r"[A-Z0-9]{8}", s) or re.fullmatch(r"(?i)(item|ref|cite)?[-_ ]?\d+", s):
        return None  # an item key or a counter
    slug = csl.slug(s)
    return slug if re.search(r"[a-z]", slug) else None


def _derived_id(kind: str, fields: dict[str, Any], item: dict[str, Any]) -> str:
    """The id the kind knows the entry by (a report number, title-code-section), else
    author-year-title."""
    spec = registry.kind(kind)
    known = spec.csl_id(fields)
    if known:
        return known
    people = item.get("author") or item.get("editor") or []
    first = people[0] if isinstance(people, list) and people else None
    who = spec.csl_author_key(first) if isinstance(first, dict) else ""
    year = csl.year(csl.date(item.get("issued")))
    title = (
        csl.text(item.get("title")) or csl.text(fields.get("case")) or csl.text(fields.get("name"))
    )
    words = csl.slug(title, 3, drop_stop=True)
    if not year.isdigit():
        year = ""
    if not who and not words:
        return f"{kind}-{year}" if year else f"{kind}-entry"
    parts = [p for p in (who, year, words) if p]
    if not who and len(parts) == 2:
        parts = [parts[1], parts[0]]  # "safeguards-program-2024", not "2024-safeguards-..."
    return "-".join(parts)


def convert_items(items: list[Item], file: str) -> list[Entry]:
    """Report entries for the items, with unique ids, each with its warnings."""
    entries: list[Entry] = []
    used: set[str] = set()
    for item in items:
        kind, exact = kind_of(item.data)
        fields = _fields(kind, item.data)
        base = _csl_id(item.data.get("id")) or _derived_id(kind, fields, item.data)
        if not re.match(r"[a-z0-9]", base):
            base = f"{kind}-{base}".strip("-")
        rid, n = base, 1
        while rid in used:
            n += 1
            rid = f"{base}-{n}"
        used.add(rid)
        spec = registry.kind(kind)
        entry = Entry(rid, kind, fields, item)
        entry.missing = [f for f in spec.required if f not in fields]
        ctype = csl.text(item.data.get("type")) or "(none)"
        if not exact:
            entry.nearest = ctype
            entry.problems.append(
                _warn(
                    file,
                    item,
                    f"{item.label()}: CSL type '{ctype}' has no report kind; imported as "
                    f"'{rid}', {spec.a_label} (kind: {kind})",
                    hint=f"check the entry, or change its kind ({registry.one_of()})",
                )
            )
        if entry.missing:
            entry.problems.append(
                _warn(
                    file,
                    item,
                    f"{item.label()}: imported as '{rid}', but {spec.a_label} needs "
                    f"{_and(entry.missing)}: fill {'it' if len(entry.missing) == 1 else 'them'} in",
                    hint=_fill_hint(kind, entry.missing),
                )
            )
        entries.append(entry)
    return entries


def _and(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _fill_hint(kind: str, missing: list[str]) -> str:
    spec = registry.kind(kind)
    examples = [field.hint if (field := spec.field(m)) else f"{m}: …" for m in missing]
    return "add, for example: " + "; ".join(examples)


def _warn(file: str, item: Item, message: str, hint: str | None = None) -> Problem:
    return Problem(
        message, file=file, line=item.line, column=item.column, hint=hint, severity="warning"
    )


# ---------------------------------------------------------------------------------------------
# Writing


def _yaml() -> Any:
    return round_trip_yaml()


def _scalar(value: Any) -> Any:
    """A value for ruamel; text that PyYAML (YAML 1.1) would read as something else is quoted."""
    if isinstance(value, list):
        seq = CommentedSeq([_scalar(v) for v in value])
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            same = yaml.load(value, Loader=loader) == value
        except (yaml.YAMLError, ValueError, OverflowError):  # "2025-02-30": an impossible date
            same = False
        if not same or value != value.strip():
            return DoubleQuotedScalarString(value)
    return value


def _comment(entry: Entry) -> str | None:
    lines = []
    if entry.nearest is not None:
        lines.append(
            f"CSL type '{entry.nearest}' imported as {registry.kind(entry.kind).a_label}: check the kind"
        )
    if entry.missing:
        lines.append("fill in: " + ", ".join(entry.missing))
    return "\n".join(lines) or None


def _entry_map(entry: Entry) -> Any:
    m = CommentedMap()
    for key, value in entry.as_dict().items():
        m[key] = _scalar(value)
    return m


def _dump(data: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def _append(seq: Any, entries: list[Entry], first_comment: str | None) -> None:
    start = len(seq)
    for entry in entries:
        seq.append(_entry_map(entry))
    for k, entry in enumerate(entries):
        lines = [first_comment] if k == 0 and first_comment else []
        note = _comment(entry)
        if note:
            lines.append(note)
        if lines:
            seq.yaml_set_comment_before_after_key(start + k, before="\n".join(lines), indent=2)


def import_csl(source: Path, output: Path | None = None) -> ImportResult:
    """Convert a CSL-JSON file; with an existing ``output`` library, append to it.

    Raises :class:`UserError` for a file that cannot be read or an output that is not a library.
    """
    shown = display_path(source)
    items, problems = read_items(source, shown)
    entries = convert_items(items, shown)

    if output is not None and output.exists():
        return _append_to(output, entries, problems, shown)
    for entry in entries:
        problems.extend(entry.problems)

    seq = CommentedSeq()
    _append(seq, entries, None)
    doc = CommentedMap()
    doc["reports"] = seq
    doc.yaml_set_start_comment(
        f"Report library imported from {source.name} (CSL-JSON) by `oversight reports import`.\n"
        "Check each entry against its source. Entries marked 'fill in' lack fields their kind\n"
        "needs; `oversight reports check` lists them. Kinds and fields: docs/citations.md."
    )
    return ImportResult(_dump(doc), entries, [], problems, True)


def _append_to(
    output: Path, entries: list[Entry], problems: list[Problem], shown: str
) -> ImportResult:
    doc = load_file(output)  # a YAML error, located, before anything is changed
    data = doc.data
    if not (isinstance(data, dict) and isinstance(data.get("reports"), list)):
        raise UserError(
            Problem(
                "is not a report library (a file holding a 'reports:' list); nothing was changed",
                file=doc.file,
                hint="give a new file name, or a library file, after -o",
            )
        )
    present: dict[str, str] = {}
    for i, e in enumerate(data["reports"]):
        if isinstance(e, dict) and isinstance(e.get("id"), str):
            m = doc.mark(("reports", i))
            present.setdefault(e["id"], f"{doc.file}:{m.line}" if m else doc.file)
    new = [e for e in entries if e.id not in present]
    skipped = [(e, present[e.id]) for e in entries if e.id in present]
    for entry in new:
        problems.extend(entry.problems)
    if not new:
        return ImportResult(doc.text, [], skipped, problems, False)
    y = _yaml()
    rt = y.load(doc.text)
    seq = rt["reports"]
    if seq.fa.flow_style():
        seq.fa.set_block_style()
    _append(seq, new, f"imported from {Path(shown).name} by `oversight reports import`")
    return ImportResult(_dump(rt), new, skipped, problems, True)
