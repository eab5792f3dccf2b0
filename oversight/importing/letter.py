"""A Word letter's paragraphs read back into the letter format: date, recipients, salutation,
body, the questions with their labels, the text after them, closing, signers, cc and enclosures.

The parts come from ``package`` (opened safely), the labels Word shows from ``numbering``, the
footnotes as report entries from ``cites``. What is recognised, and how, is in docs/import.md
("Letters"); anything not recognised is kept as body text, never dropped, with a warning.
"""

from __future__ import annotations

import datetime
import re
import weakref
from collections.abc import Iterator, Mapping
from typing import Any

import msgspec
from lxml import etree

from oversight.citations.markers import Cite
from oversight.importing.cites import read_footnotes
from oversight.importing.numbering import ListLabel, resolve_labels
from oversight.importing.package import DocxPackage
from oversight.letters.names import COURTESY, FORMAL, RANKS
from oversight.render.labels import letter_counter as label_letter
from oversight.text import escape_rich

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTE = "\x00"  # stands for a footnote reference inside a paragraph's text, until it is a marker


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class Para(msgspec.Struct):
    """One paragraph as the reader sees it: its rich text (``**bold**``, ``*italic*``, line
    breaks as newlines), the footnotes it refers to, its list label, and whether it sits in a
    table cell (a signature grid)."""

    text: str
    notes: list[str]
    label: ListLabel | None
    in_table: bool
    style: str = ""  # the paragraph style's id

    @property
    def plain(self) -> str:
        text = re.sub(f"{NOTE}[^{NOTE}]*{NOTE}", "", self.text)
        return re.sub(r"\\([\\*_`\[\]])", r"\1", re.sub(r"(?<!\\)\*", "", text)).strip()


class ImportedLetter(msgspec.Struct):
    data: dict[str, Any]  # the letter, as its YAML file holds it
    warnings: list[str]
    matched: dict[str, str] = msgspec.field(default_factory=dict)  # library id -> how it matched


# --- paragraphs ---------------------------------------------------------------------------------

_BLOCK_START = re.compile(r"^(#|>|[-+] |\d+[.)]\s)")


def _on(rpr: etree._Element | None, name: str) -> bool:
    el = None if rpr is None else rpr.find(_w(name))
    return el is not None and el.get(_w("val"), "true") not in ("0", "false", "none")


def _runs(p: etree._Element) -> Iterator[tuple[str, bool, bool]]:
    """(text, bold, italic) of the paragraph's runs in order; deleted text left out, inserted
    text kept, a footnote reference as NOTE + its id + NOTE."""
    for r in p.iter(_w("r")):
        if any(a.tag in (_w("del"), _w("txbxContent")) for a in r.iterancestors()):
            continue  # deleted text; a text box's (its paragraphs are left out, with a warning)
        rpr = r.find(_w("rPr"))
        bold, italic = _on(rpr, "b"), _on(rpr, "i")
        for child in r:
            if child.tag == _w("t"):
                yield child.text or "", bold, italic
            elif child.tag == _w("tab"):
                yield " ", False, False
            elif child.tag in (_w("br"), _w("cr")):
                yield "\n", False, False
            elif child.tag == _w("footnoteReference"):
                yield f"{NOTE}{child.get(_w('id'))}{NOTE}", False, False


def _rich(p: etree._Element) -> tuple[str, list[str]]:
    """The paragraph's text with its emphasis as the letter format writes it, and its notes."""
    out: list[str] = []
    notes: list[str] = []
    for text, bold, italic in _runs(p):
        if text.startswith(NOTE):
            notes.append(text.strip(NOTE))
            out.append(text)
            continue
        escaped = escape_rich(text)
        mark = ("**" if bold else "") + ("*" if italic else "")
        core = escaped.strip()
        if mark and core:
            lead = escaped[: len(escaped) - len(escaped.lstrip())]
            trail = escaped[len(escaped.rstrip()) :]
            escaped = f"{lead}{mark}{core}{mark[::-1]}{trail}"
        out.append(escaped)
    text = "".join(out)
    text = re.sub(r"(\*+)(\s*)\1", r"\2", text)  # "*a* *b*" stays; "*a**b*" joins: "*ab*"
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    if _BLOCK_START.match(text):
        text = "\\" + text
    return text, notes


_READ: weakref.WeakKeyDictionary[DocxPackage, list[Para]] = weakref.WeakKeyDictionary()


def paragraphs(package: DocxPackage) -> list[Para]:
    """The body's paragraphs in order, table cells' included (flagged), with their labels (read
    once a package: the letter reader and the round-trip check both ask)."""
    found = _READ.get(package)
    if found is None:
        found = _READ[package] = _paragraphs(package)
    return found


def _paragraphs(package: DocxPackage) -> list[Para]:
    body = package.document.find(_w("body"))
    elements = [] if body is None else [p for p in body.iter(_w("p")) if not _in_box(p)]
    labels = resolve_labels(elements, package.numbering, package.styles)
    out = []
    for p, label in zip(elements, labels, strict=True):
        text, notes = _rich(p)
        if label is not None and label.typed:  # the label is Word's now: not the text's
            text = text.lstrip("\\")
            if text.startswith(label.text):
                text = text[len(label.text) :].strip()
        in_table = any(a.tag == _w("tc") for a in p.iterancestors())
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        out.append(
            Para(text, notes, label, in_table, "" if style is None else style.get(_w("val"), ""))
        )
    return out


def _in_box(el: etree._Element) -> bool:
    return any(a.tag == _w("txbxContent") for a in el.iterancestors())


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def text_boxes(package: DocxPackage) -> int:
    """Text boxes in the body (a box Word also writes as a fallback picture counts once)."""
    body = package.document.find(_w("body"))
    if body is None:
        return 0
    return sum(
        1
        for box in body.iter(_w("txbxContent"))
        if not any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()) and not _in_box(box)
    )


def footnote_texts(package: DocxPackage) -> dict[str, str]:
    """Each real footnote's plain text by id (separators left out)."""
    out: dict[str, str] = {}
    root = package.footnotes
    if root is None:
        return out
    for note in root.findall(_w("footnote")):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = []
        for p in note.findall(_w("p")):
            texts.append("".join(t for t, _b, _i in _runs(p) if not t.startswith(NOTE)))
        out[note.get(_w("id"), "")] = " ".join(" ".join(texts).split())
    return out


# --- dates --------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sept sep",
            "october oct",
            "november nov",
            "december dec",
        ],
        start=1,
    )
    for m in names.split()
}
_M = r"([A-Za-z]{3,9})\.?"
_DATE = re.compile(
    rf"(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+)?"
    rf"(?:{_M}\s+(\d{{1,2}}),\s+(\d{{4}})|(\d{{1,2}})\s+{_M}\s+(\d{{4}}))"
)


DATE_PATTERN = _DATE


def find_date(text: str) -> tuple[datetime.date, re.Match[str]] | None:
    """The first date written out in ``text`` ("March 19, 2025", "19 March 2025")."""
    for m in _DATE.finditer(text):
        month_name, day, year = (m.group(2), m.group(3), m.group(4))
        if month_name is None:
            day, month_name, year = m.group(5), m.group(6), m.group(7)
        month = _MONTHS.get(month_name.lower())
        if month is None:
            continue
        try:
            return datetime.date(int(year), month, int(day)), m
        except ValueError:
            continue
    return None


# --- the letter's parts -------------------------------------------------------------------------

_CLOSING = re.compile(
    r"^(sincerely|respectfully|very truly yours|yours truly|sincerely yours|respectfully yours|"
    r"with best regards|best regards|regards|thank you)[,.]?$",
    re.IGNORECASE,
)
_SALUTATION = re.compile(r"^(dear|to)\s+.+[:,]$", re.IGNORECASE)
_CC = re.compile(r"^(cc|copy to|copies to)\s*:\s*", re.IGNORECASE)
_ENCLOSURE = re.compile(r"^(enclosures?|attachments?)(\s*\(\d+\))?\s*:?\s*", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(no later than|not later than|by close of business on|by)\s+$")
_ADDRESS = re.compile(r"\d|\b(DC|D\.C\.)\b|\b[A-Z]{2}\s+\d{5}")


def _honorific(line: str) -> tuple[str | None, str]:
    """("The Honorable", "Jane Doe") from "The Honorable Jane Doe"."""
    words = line.split()
    for n in (3, 2, 1):
        head = " ".join(words[:n])
        if len(words) > n and (
            head.lower() in FORMAL or head.lower() in COURTESY or head.lower() in RANKS
        ):
            return head, " ".join(words[n:])
    return None, line


def _recipient(lines: list[str]) -> dict[str, Any]:
    honorific, name = _honorific(lines[0])
    out: dict[str, Any] = {}
    if honorific:
        out["honorific"] = honorific
    out["name"] = name
    rest = lines[1:]
    split = len(rest)
    while split > 0 and _ADDRESS.search(rest[split - 1]):
        split -= 1
    head, address = rest[:split], rest[split:]
    if head:
        out["title"] = head[0]
    if len(head) > 1:
        out["agency"] = head[1] if len(head) == 2 else head[1:]
    if address:
        out["address"] = address
    return out


def _signer(lines: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": lines[0]}
    if lines[1:]:
        out["title"] = lines[1] if len(lines) == 2 else lines[1:]
    return out


def _blocks(paras: list[Para]) -> list[list[str]]:
    """Runs of non-empty paragraphs (each paragraph's line breaks are lines too)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for p in paras:
        lines = [line.strip() for line in p.plain.split("\n") if line.strip()]
        if not lines:
            if current:
                blocks.append(current)
                current = []
            continue
        if "\n" in p.plain.strip() and current:  # a block written as one paragraph
            blocks.append(current)
            current = []
        current.extend(lines)
        if "\n" in p.plain.strip():
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def style_of(label: ListLabel) -> str:
    """The letter format's label style of a label Word shows: "(3)" → "(1)", "iv." → "i."."""
    if label.format == "bullet":
        return label.text if label.text in ("•", "◦", "▪", "–", "-") else "•"
    counter = {
        "lowerLetter": "a",
        "upperLetter": "A",
        "lowerRoman": "i",
        "upperRoman": "I",
    }.get(label.format, "1")
    return re.sub(r"[0-9]+|[A-Za-z]+", counter, label.text, count=1)


class _Reader:
    def __init__(self, paras: list[Para], markers: Mapping[str, str]) -> None:
        self.paras = paras
        self.markers = markers
        self.warnings: list[str] = []
        self.styles: dict[str, str] = {}

    def text(self, p: Para) -> str:
        """The paragraph's rich text with its footnotes as citation markers."""
        return re.sub(
            f"{NOTE}([^{NOTE}]*){NOTE}", lambda m: self.markers.get(m.group(1), ""), p.text
        ).strip()

    def read(self) -> dict[str, Any]:
        paras = self.paras
        n = len(paras)
        data: dict[str, Any] = {}
        # The date: the first paragraph that is one; what comes before is the letterhead.
        i = 0
        while i < n and not (
            paras[i].plain and find_date(paras[i].plain) and len(paras[i].plain) < 40
        ):
            i += 1
        if i < n:
            found = find_date(paras[i].plain)
            assert found is not None
            data["date"] = found[0]
            i += 1
        else:
            self.warnings.append("no date found: set 'date:'")
            data["date"] = datetime.date.today()
            i = 0
        # Recipients up to the salutation.
        j = i
        while j < n and not _SALUTATION.match(paras[j].plain):
            j += 1
        if j == n:
            self.warnings.append("no salutation ('Dear …:') found: set 'recipients:'")
            data["recipients"] = [{"name": "?"}]
            j = i
        else:
            data["recipients"] = [_recipient(b) for b in _blocks(paras[i:j])] or [{"name": "?"}]
            data["salutation"] = paras[j].plain
            j += 1
        # The closing, and what follows it.
        k = next((x for x in range(j, n) if _CLOSING.match(paras[x].plain)), n)
        if any(p.in_table and p.plain for p in paras[:k]):
            self.warnings.append(
                "a table before the closing: its cells were read as paragraphs, row by row"
            )
        if k == n:
            self.warnings.append("no closing ('Sincerely,') found: signers not read")
        # The list paragraphs between salutation and closing.
        listed = [x for x in range(j, k) if paras[x].label is not None]
        first = listed[0] if listed else k
        # A group heading (and its introduction) before the first question belongs to them.
        before = [x for x in range(j, first) if paras[x].plain]
        for back in (1, 2):
            if listed and len(before) > back and self.is_heading(paras[before[-back]]):
                first = before[-back]
                break
        last = listed[-1] if listed else k - 1
        body = [x for x in range(j, first) if paras[x].plain]
        if listed and body and paras[body[-1]].plain.endswith(":"):
            data["lead_in"] = self.text(paras[body[-1]])
            body = body[:-1]
        elif listed:
            data["lead_in"] = False
        data["body"] = "\n\n".join(self.text(paras[x]) for x in body) + "\n" if body else ""
        if listed:
            data["questions"] = self.questions(range(first, last + 1))
        after = [x for x in range(last + 1, k) if paras[x].plain] if listed else []
        if after:
            data["after_questions"] = "\n\n".join(self.text(paras[x]) for x in after) + "\n"
        if k < n:
            closing = paras[k].plain
            if closing != "Sincerely,":
                data["closing"] = closing
            self.after_closing(data, paras[k + 1 :])
        self.deadline(data)
        return data

    def is_heading(self, p: Para) -> bool:
        """A group heading: a paragraph in a heading style, or all in bold, or short with no
        closing punctuation."""
        if p.label is not None or not p.plain:
            return False
        if "heading" in p.style.lower():
            return True
        text = self.text(p)
        if text.startswith("**") and text.endswith("**") and text.count("**") == 2:
            return True
        return len(p.plain) < 80 and not re.search(r"[.:;,?!)\]”\"]$", p.plain)

    def questions(self, span: range) -> list[Any]:
        out: list[Any] = []
        target = out  # the list the next question goes in: the letter's, or a group's
        group: dict[str, Any] | None = None
        count = 0
        for x in span:
            p = self.paras[x]
            if not p.plain:
                continue
            label = p.label
            if label is None:
                if self.is_heading(p):
                    group = {"heading": self.text(p).strip("*"), "questions": []}
                    out.append(group)
                    target = group["questions"]
                elif group is not None and not group["questions"]:
                    group["intro"] = (group.get("intro", "") + "\n" + self.text(p) + "\n").lstrip()
                else:
                    target.append({"paragraph": self.text(p)})
                continue
            if label.level == 0:
                item: dict[str, Any] = {"text": self.text(p)}
                if label.number and label.number != count + 1:
                    item["start"] = label.number
                count = label.number or count + 1
                self.styles.setdefault("question_style", style_of(label))
                target.append(item)
                continue
            parent = next((q for q in reversed(target) if "text" in q), None)
            if parent is None:
                target.append({"text": self.text(p)})
                continue
            parts = parent.setdefault("parts", [])
            text = self.text(p)
            if label.format == "lowerLetter" and label.number != len(parts) + 1:
                parts.append({"text": text, "label": label_letter(label.number)})
            else:
                parts.append(text)
            self.styles.setdefault("part_style", style_of(label))
        return _plain_questions(out)

    def after_closing(self, data: dict[str, Any], rest: list[Para]) -> None:
        signers: list[list[str]] = []
        cc: list[Any] = []
        enclosures: list[str] = []
        counted = 0  # "Enclosures (2)" or a bare "Attachment": a number, not a list
        mode = "signers"
        for block in _blocks(rest):
            first = block[0]
            if _CC.match(first):
                mode = "cc"
                block = [_CC.sub("", first), *block[1:]] if _CC.sub("", first) else block[1:]
            elif m := _ENCLOSURE.match(first):
                mode = "enclosures"
                word = m.group(1).capitalize()
                label = word[:-1] if word.endswith("s") else word
                if label != "Enclosure":
                    data.setdefault("options", {})["enclosure_label"] = label
                count = re.search(r"\d+", m.group(2) or "")
                counted = int(count.group(0)) if count else 1
                block = [first[m.end() :], *block[1:]] if first[m.end() :] else block[1:]
            if not block:
                continue
            if mode == "signers":
                signers.append(block)
            elif mode == "cc":
                cc.append(block[0] if len(block) == 1 else block)
            else:
                enclosures.extend(block)
        if signers:
            data["signers"] = [_signer(b) for b in signers]
        if cc:
            data["cc"] = cc
        if enclosures:
            data["enclosures"] = enclosures
        elif counted:
            data["enclosures"] = counted

    def deadline(self, data: dict[str, Any]) -> None:
        """A date the letter asks an answer by becomes the deadline, printed where it was."""
        for key in ("lead_in", "after_questions", "body"):
            text = data.get(key)
            if not isinstance(text, str):
                continue
            for m in _DATE.finditer(text):
                found = find_date(m.group(0))
                if found is None or not _DEADLINE.search(text[: m.start()]):
                    continue
                day = found[0]
                data["deadline"] = {"date": day, "weekday": True} if m.group(1) else day
                data[key] = text[: m.start()] + "{{ deadline }}" + text[m.end() :]
                return


# The order of a letter file's keys, as people write them.
ORDER = (
    "date", "recipients", "salutation", "body", "lead_in", "questions", "after_questions",
    "deadline", "closing", "signers", "cc", "enclosures", "reports", "options",
)  # fmt: skip


def _marker(cites: list[Cite]) -> str:
    parts = []
    for i, c in enumerate(cites):
        signal = (c.signal if i == 0 else c.signal.lower()) + " " if c.signal else ""
        pin = f", {c.pin}" if c.pin else ""
        paren = f" ({c.parenthetical})" if c.parenthetical else ""
        parts.append(f"{signal}@{c.report_id}{pin}{paren}")
    return "[" + "; ".join(parts) + "]"


def read_letter(
    package: DocxPackage, library: Mapping[str, Mapping[str, Any]] = {}
) -> ImportedLetter:
    """The letter a Word file holds, as the letter format writes it."""
    paras = paragraphs(package)
    texts = footnote_texts(package)
    order = [note for p in paras for note in p.notes if note in texts]
    notes = read_footnotes([texts[i] for i in order], library)
    markers = {i: _marker(c) for i, c in zip(order, notes.notes, strict=True) if c}
    reader = _Reader(paras, markers)
    data = reader.read()
    warnings = reader.warnings + notes.warnings
    boxes = text_boxes(package)
    if boxes:
        warnings.append(f"{boxes} text box{'es' * (boxes != 1)} left out: copy any text you need")
    defaults = {"question_style": "1.", "part_style": "a."}
    styles = {k: v for k, v in reader.styles.items() if v != defaults[k]}
    if styles:
        data["options"] = {**styles, **data.get("options", {})}
    if notes.entries:
        data["reports"] = [{"id": rid, **fields} for rid, fields in notes.entries.items()]
    ordered = {k: data[k] for k in ORDER if k in data}
    return ImportedLetter(ordered, warnings, dict(notes.matched))


def _plain_questions(items: list[Any]) -> list[Any]:
    """A question that is only its text is written as the text."""
    out: list[Any] = []
    for q in items:
        if set(q) == {"text"}:
            out.append(q["text"])
        elif "heading" in q:
            out.append({**q, "questions": _plain_questions(q["questions"])})
        else:
            out.append(q)
    return out
