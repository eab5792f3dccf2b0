"""A structural check of a produced .docx, usable from any test: ``check_docx(path_or_bytes)``.

Word refuses, "repairs" or silently drops content from a package whose parts do not hang
together; python-docx and LibreOffice are more forgiving, so reopening a file proves little. This
checks what the builder promises, part by part, and returns one line per defect (an empty list
means the package is sound):

* the zip opens, and holds no duplicate or directory entries;
* ``[Content_Types].xml`` gives every part a type (a ``Default`` for its extension or an
  ``Override``) and overrides no part that is missing;
* every internal relationship (package, document, headers, any ``.rels``) points to a part that
  exists, ids are unique in each ``.rels``, and every part other than ``[Content_Types].xml`` and
  the ``.rels`` themselves is reachable from the package relationships;
* every XML part parses and holds no character XML 1.0 forbids;
* footnotes: every ``w:footnoteReference`` names a footnote; every footnote (id > 0) is referenced
  exactly once; the separators -1 and 0 exist and ``settings.xml``'s ``w:footnotePr`` names them;
* numbering: every ``w:numId`` used has a ``w:num``, whose ``w:abstractNumId`` exists, and every
  ``w:abstractNum`` comes before every ``w:num`` (Word's schema order);
* styles: every ``w:pStyle`` names a paragraph style and every ``w:rStyle`` a character style;
* the body ends with a ``w:sectPr``, whose header and footer references resolve to header and
  footer parts.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = R  # officeDocument relationship types start with this
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_REF = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _rels_name(part: str) -> str:
    """``word/document.xml`` -> ``word/_rels/document.xml.rels``; ``""`` (the package) ->
    ``_rels/.rels``."""
    p = PurePosixPath(part)
    folder = "" if str(p.parent) == "." else f"{p.parent}/"
    return f"{folder}_rels/{p.name}.rels"


def _source_of(rels: str) -> str:
    """The part a ``.rels`` describes: ``word/_rels/document.xml.rels`` -> ``word/document.xml``;
    ``_rels/.rels`` -> ``""`` (the package)."""
    p = PurePosixPath(rels)
    folder = p.parent.parent
    name = p.name.removesuffix(".rels")
    if not name:
        return ""
    return name if str(folder) == "." else f"{folder}/{name}"


def _resolve(source: str, target: str) -> str:
    """A relationship's target as a part name (no leading slash)."""
    if target.startswith("/"):
        joined = PurePosixPath(target.lstrip("/"))
    else:
        base = PurePosixPath(source).parent if source else PurePosixPath("")
        joined = base / target
    out: list[str] = []
    for seg in joined.parts:
        if seg == "..":
            if out:
                out.pop()
        elif seg not in (".", ""):
            out.append(seg)
    return "/".join(out)


def _forbidden_chars(name: str, text: str) -> list[str]:
    found = []
    m = _FORBIDDEN.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        found.append(f"{name}: forbidden character U+{ord(m.group()):04X} (line {line})")
    for ref in _CHAR_REF.finditer(text):
        digits = ref.group(1)
        code = int(digits[1:], 16) if digits.startswith("x") else int(digits)
        char = chr(code) if code <= 0x10FFFF else "\x00"
        if code > 0x10FFFF or _FORBIDDEN.match(char):
            found.append(f"{name}: character reference {ref.group()} to a forbidden character")
            break
    return found


class _Package:
    def __init__(self, zf: zipfile.ZipFile, problems: list[str]) -> None:
        self.problems = problems
        infos = zf.infolist()
        names = [i.filename for i in infos]
        seen: set[str] = set()
        for n in names:
            if n.lower() in seen:
                problems.append(f"duplicate zip entry {n}")
            seen.add(n.lower())
            if n.endswith("/"):
                problems.append(f"directory entry {n} in the package")
        self.parts: dict[str, bytes] = {}
        for n in names:
            if n.endswith("/"):
                continue
            try:
                self.parts[n] = zf.read(n)
            except Exception as err:  # a damaged member: CRC, bad compression
                problems.append(f"{n}: cannot be read from the zip ({err})")
        self.xml: dict[str, etree._Element] = {}
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        for n, data in self.parts.items():
            if not _is_xml_part(n):
                continue
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = None
            if text is not None:
                problems.extend(_forbidden_chars(n, text))
            try:
                self.xml[n] = etree.fromstring(data, parser)
            except etree.XMLSyntaxError as err:
                problems.append(f"{n}: does not parse as XML ({err})")

    def lookup(self, name: str) -> str | None:
        """The stored name of part ``name`` (part names are case-insensitive)."""
        if name in self.parts:
            return name
        low = name.lower()
        for n in self.parts:
            if n.lower() == low:
                return n
        return None


def _relationships(pkg: _Package) -> dict[str, list[tuple[str, str, str]]]:
    """Source part -> [(id, type, resolved target)] of internal relationships; checks targets."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for name in sorted(pkg.parts):
        if not name.endswith(".rels"):
            continue
        source = _source_of(name)
        if source and pkg.lookup(source) is None:
            pkg.problems.append(f"{name}: describes {source}, which is not in the package")
        root = pkg.xml.get(name)
        if root is None:
            continue
        if root.tag != f"{{{PKG_REL}}}Relationships":
            pkg.problems.append(f"{name}: root element is {root.tag}, not Relationships")
            continue
        ids: set[str] = set()
        rels = out.setdefault(source, [])
        for rel in root:
            if not isinstance(rel.tag, str):
                continue  # comments, processing instructions
            rid, rtype, target = rel.get("Id"), rel.get("Type"), rel.get("Target")
            if not rid or not rtype or target is None:
                pkg.problems.append(f"{name}: a relationship lacks Id, Type or Target")
                continue
            if rid in ids:
                pkg.problems.append(f"{name}: relationship id {rid} is used twice")
            ids.add(rid)
            if rel.get("TargetMode") == "External":
                continue
            part = _resolve(source, target)
            found = pkg.lookup(part)
            if found is None:
                pkg.problems.append(f"{name}: {rid} points to {part}, which is not in the package")
                continue
            rels.append((rid, rtype, found))
    return out


def _check_content_types(pkg: _Package) -> None:
    root = pkg.xml.get("[Content_Types].xml")
    if root is None:
        if "[Content_Types].xml" not in pkg.parts:
            pkg.problems.append("[Content_Types].xml is missing")
        return
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for el in root:
        if el.tag == f"{{{CT}}}Default":
            defaults[(el.get("Extension") or "").lower()] = el.get("ContentType") or ""
        elif el.tag == f"{{{CT}}}Override":
            part = (el.get("PartName") or "").lstrip("/")
            found = pkg.lookup(part)
            if found is None:
                pkg.problems.append(
                    f"[Content_Types].xml: Override for /{part}, which is not in the package"
                )
            else:
                overrides[found] = el.get("ContentType") or ""
    for name in pkg.parts:
        if name == "[Content_Types].xml":
            continue
        last = name.rsplit("/", 1)[-1]
        ext = last.rsplit(".", 1)[-1].lower() if "." in last else ""
        if name not in overrides and ext not in defaults:
            pkg.problems.append(f"[Content_Types].xml gives {name} no content type")
    main = pkg.lookup("word/document.xml")
    if main is not None and overrides.get(main, defaults.get("xml")) != MAIN_TYPE:
        pkg.problems.append("[Content_Types].xml: word/document.xml is not typed as the main part")


def _check_reachable(pkg: _Package, rels: dict[str, list[tuple[str, str, str]]]) -> None:
    if pkg.lookup("_rels/.rels") is None:
        pkg.problems.append("_rels/.rels (the package relationships) is missing")
        return
    reached: set[str] = set()
    todo = [target for _rid, _t, target in rels.get("", [])]
    while todo:
        part = todo.pop()
        if part in reached:
            continue
        reached.add(part)
        todo.extend(target for _rid, _t, target in rels.get(part, []))
    for name in sorted(pkg.parts):
        if name == "[Content_Types].xml" or name.endswith(".rels"):
            continue
        if name not in reached:
            pkg.problems.append(f"{name} is not reachable from the package relationships")
    if not any(t.endswith("/officeDocument") for _rid, t, _target in rels.get("", [])):
        pkg.problems.append("_rels/.rels has no officeDocument relationship")


def _ints(values: Iterable[str | None]) -> list[int]:
    out = []
    for v in values:
        try:
            out.append(int(v or ""))
        except ValueError:
            out.append(-(10**9))  # not a number: never matches anything
    return out


def _check_footnotes(pkg: _Package, doc: etree._Element, doc_rels: list[tuple[str, str, str]]):
    refs = _ints(r.get(_w("id")) for r in doc.iter(_w("footnoteReference")))
    targets = [t for _rid, rtype, t in doc_rels if rtype == f"{REL_TYPE}/footnotes"]
    if not targets:
        if refs:
            pkg.problems.append("document.xml has footnote references but no footnotes part")
        return
    notes_root = pkg.xml.get(targets[0])
    if notes_root is None:
        return
    notes = notes_root.findall(_w("footnote"))
    ids = _ints(n.get(_w("id")) for n in notes)
    types = {i: n.get(_w("type")) for i, n in zip(ids, notes, strict=True)}
    if len(ids) != len(set(ids)):
        pkg.problems.append("footnotes.xml: a footnote id is used twice")
    if types.get(-1) != "separator":
        pkg.problems.append("footnotes.xml: no separator footnote with id -1")
    if types.get(0) != "continuationSeparator":
        pkg.problems.append("footnotes.xml: no continuationSeparator footnote with id 0")
    known = set(ids)
    for ref in sorted(set(refs)):
        if ref not in known:
            pkg.problems.append(f"document.xml: footnoteReference {ref} has no footnote")
        elif ref <= 0:
            pkg.problems.append(f"document.xml: footnoteReference {ref} names a separator")
    for fid in sorted(i for i in known if i > 0):
        count = refs.count(fid)
        if count != 1:
            pkg.problems.append(f"footnote {fid} is referenced {count} times, not once")
    settings = [t for _rid, rtype, t in doc_rels if rtype == f"{REL_TYPE}/settings"]
    root = pkg.xml.get(settings[0]) if settings else None
    if root is None:
        pkg.problems.append("no settings part naming the footnote separators")
        return
    pr = root.find(_w("footnotePr"))
    named = (
        set(_ints(f.get(_w("id")) for f in pr.findall(_w("footnote")))) if pr is not None else set()
    )
    if not {-1, 0} <= named:
        pkg.problems.append("settings.xml: w:footnotePr does not name footnotes -1 and 0")


def _check_numbering(pkg: _Package, used_in: dict[str, etree._Element], numbering: str | None):
    used: dict[int, str] = {}
    for name, root in used_in.items():
        for el in root.iter(_w("numId")):
            for n in _ints([el.get(_w("val"))]):
                if n != 0:  # numId 0 means "no numbering"
                    used.setdefault(n, name)
    root = pkg.xml.get(numbering) if numbering else None
    if root is None:
        if used:
            pkg.problems.append(
                f"numbering used (numId {min(used)}) but there is no numbering part"
            )
        return
    abstract_ids: set[int] = set()
    nums: dict[int, int] = {}
    seen_num = False
    for el in root:
        if el.tag == _w("abstractNum"):
            if seen_num:
                pkg.problems.append("numbering.xml: a w:abstractNum comes after a w:num")
            (aid,) = _ints([el.get(_w("abstractNumId"))])
            if aid in abstract_ids:
                pkg.problems.append(f"numbering.xml: abstractNumId {aid} is defined twice")
            abstract_ids.add(aid)
        elif el.tag == _w("num"):
            seen_num = True
            (nid,) = _ints([el.get(_w("numId"))])
            ref = el.find(_w("abstractNumId"))
            if nid in nums:
                pkg.problems.append(f"numbering.xml: numId {nid} is defined twice")
            nums[nid] = _ints([ref.get(_w("val")) if ref is not None else None])[0]
    for nid, aid in sorted(nums.items()):
        if aid not in abstract_ids:
            pkg.problems.append(f"numbering.xml: num {nid} uses abstractNumId {aid}, not defined")
    for nid, name in sorted(used.items()):
        if nid not in nums:
            pkg.problems.append(f"{name}: numId {nid} has no w:num in numbering.xml")


def _check_styles(pkg: _Package, used_in: dict[str, etree._Element], styles: str | None) -> None:
    root = pkg.xml.get(styles) if styles else None
    if root is None:
        pkg.problems.append("no styles part")
        return
    by_type: dict[str, set[str]] = {}
    for s in root.iter(_w("style")):
        by_type.setdefault(s.get(_w("type")) or "paragraph", set()).add(s.get(_w("styleId")) or "")
    wanted = {"pStyle": "paragraph", "rStyle": "character", "tblStyle": "table"}
    for name, part in used_in.items():
        missing: set[tuple[str, str]] = set()
        for tag, kind in wanted.items():
            for el in part.iter(_w(tag)):
                sid = el.get(_w("val")) or ""
                if sid not in by_type.get(kind, set()):
                    missing.add((tag, sid))
        for tag, sid in sorted(missing):
            pkg.problems.append(f"{name}: w:{tag} '{sid}' is not a {wanted[tag]} style")


def _check_section(
    pkg: _Package, doc: etree._Element, doc_rels: list[tuple[str, str, str]]
) -> None:
    body = doc.find(_w("body"))
    if body is None:
        pkg.problems.append("document.xml has no w:body")
        return
    children = [c for c in body if isinstance(c.tag, str)]
    if not children or children[-1].tag != _w("sectPr"):
        pkg.problems.append("document.xml: the body does not end with a w:sectPr")
    by_id = {rid: (rtype, target) for rid, rtype, target in doc_rels}
    for sect in doc.iter(_w("sectPr")):
        for tag, kind in (("headerReference", "header"), ("footerReference", "footer")):
            for ref in sect.findall(_w(tag)):
                rid = ref.get(f"{{{R}}}id")
                rtype, target = by_id.get(rid or "", ("", ""))
                if not target:
                    pkg.problems.append(f"document.xml: {tag} r:id {rid} resolves to no part")
                elif rtype != f"{REL_TYPE}/{kind}":
                    pkg.problems.append(f"document.xml: {tag} r:id {rid} is not a {kind}")
                elif pkg.xml.get(target) is not None and pkg.xml[target].tag != _w(
                    "hdr" if kind == "header" else "ftr"
                ):
                    pkg.problems.append(f"{target}: referenced as a {kind} but is not one")


def check_docx(path_or_bytes: str | Path | bytes) -> list[str]:
    """Every structural defect of a .docx, one line each; an empty list means none."""
    problems: list[str] = []
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        return [f"not a zip file: {err}"]
    with zf:
        bad = zf.testzip()
        if bad is not None:
            problems.append(f"{bad}: damaged in the zip (CRC)")
        pkg = _Package(zf, problems)
    _check_content_types(pkg)
    rels = _relationships(pkg)
    _check_reachable(pkg, rels)

    office = [t for _rid, rtype, t in rels.get("", []) if rtype == f"{REL_TYPE}/officeDocument"]
    main = office[0] if office else None
    doc = pkg.xml.get(main) if main else None
    if doc is None:
        if main is not None and main in pkg.parts and main not in pkg.xml:
            return problems  # already reported: it does not parse
        problems.append("no main document part")
        return problems
    if doc.tag != _w("document"):
        problems.append(f"{main}: root element is {doc.tag}, not w:document")
        return problems
    doc_rels = rels.get(main, [])

    def target(kind: str) -> str | None:
        found = [t for _rid, rtype, t in doc_rels if rtype == f"{REL_TYPE}/{kind}"]
        return found[0] if found else None

    stories: dict[str, etree._Element] = {main: doc}
    for _rid, rtype, t in doc_rels:
        if (
            rtype.rsplit("/", 1)[-1] in ("header", "footer", "footnotes", "endnotes")
            and t in pkg.xml
        ):
            stories[t] = pkg.xml[t]
    _check_footnotes(pkg, doc, doc_rels)
    _check_numbering(pkg, stories, target("numbering"))
    _check_styles(pkg, stories, target("styles"))
    _check_section(pkg, doc, doc_rels)
    return problems


__all__ = ["check_docx"]
