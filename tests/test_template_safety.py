"""Text from YAML is data, never markup or template code; template errors name file and line.

The fields are not listed here: they are found by walking the letter model (``oversight.model``)
alongside a letter that fills every section, and every text field found is tried three ways:

* a probe, ``Zq<n> **Bq<n>** *Iq<n>*``, tells how the built-in template uses the field: printed
  as typed (plain text: the stars must show), printed as rich text (``Bq<n>`` in a bold run,
  ``Iq<n>`` in an italic one, no stars), not printed, or a name the program resolves (a template,
  a locale: the letter is refused with a clean error);
* a hostile value, holding Jinja (``{{ }}``, ``{% %}``, ``{# #}``), XML (``<w:p>``, ``&amp;``,
  ``]]>``), Markdown and citations (plain fields only: ``*i*``, ``**b**``, ``[@x]``, ``:::``), and
  the renderer's own placeholder characters, must come out as literal text wherever the probe
  came out, in a package that passes the structural check;
* and every value the template printed (Jinja's ``finalize`` slots, the derived ones too: dates,
  the salutation, the header) must be in the document as it was printed.

Every template folder under ``templates/`` is walked the same way.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest
import yaml
from docx_check import check_docx
from helpers import MINIMAL, NS, REPO, DocxView, W
from lxml import etree

from oversight.errors import UserError
from oversight.letters.model import LABEL_PATTERN, Letter
from oversight.letters.prepare import Rich, load_letter_text
from oversight.render import docx_bytes
from oversight.render.text import Field, TemplateSet

TEMPLATES = sorted(p.parent.name for p in (REPO / "templates").glob("*/letter.md.j2"))

# A letter with every section the model has, each text a plain word. The walk below finds its
# text fields; a field of the model that it does not reach must be named in UNREACHED.
FULL = {
    "date": datetime.date(2025, 3, 20),
    "subject": "Subject words",
    "from": "From words",
    "office": ["Office line one", "Office line two"],
    "recipients": [
        {
            "honorific": "The Honorable",
            "name": "Jane Doe",
            "title": "Secretary",
            "agency": "Agency words",
            "address": ["Address one", "Address two"],
            "salutation": "Salutation words",
        },
        {"name": "Richard Roe"},
    ],
    "salutation": "Dear whole salutation:",
    "body": "Body paragraph one.\n\nBody paragraph two.",
    "questions": [
        "A plain question?",
        {
            "text": "A question with parts?",
            "parts": ["Part one.", {"text": "Part e.", "label": "e"}],
        },
        {"heading": "Heading words", "intro": "Intro words.", "questions": ["A grouped question?"]},
        {"paragraph": "Paragraph words between questions."},
        "A last question?",
    ],
    "lead_in": "Lead-in words:",
    "after_questions": "After the questions.",
    "deadline": {"days": 14},
    "contact": "Contact words.",
    "closing": "Closing words,",
    "signers": [{"name": "Senator One", "title": ["Title one", "Title two"]}, {"name": "Two"}],
    "cc": ["Cc one", "Cc two"],
    "enclosures": ["Enclosure one", "Enclosure two"],
    "template": "oversight-letter",
    "options": {"locale": "en_US", "enclosure_label": "Attachments"},
}
UNREACHED = {
    "Question.use": "a bank question: its words come from the bank (tests/test_banks.py)",
    "Question.drop": "part letters of a bank question",
    "Question.with": "bank parameters (tests/test_banks.py)",
    "Letter.letterhead": "a path to an office .docx (tests/test_letterhead.py)",
    "Letter.banks": "paths to bank files",
    "Letter.reports": "paths and report entries, printed in footnotes (tests/test_reports.py)",
}
# Rich text is Markdown for emphasis and citations only: entity references ("&amp;") print as
# typed (test below).
# Names the program looks up rather than prints: a value it does not know is refused.
RESOLVED = {"Letter.template", "Options.locale"}
# Fields a template does not print (none, for the built-in one: even the subject is the
# document's title). Anything else not found in the document fails the test.
NOT_PRINTED: dict[str, set[str]] = {"oversight-letter": set()}
HOSTILE_RICH = "Zq{n} {{{{ 7*7 }}}} {{% if x %}}{{# c #}} <w:p>& ]]> \ue0000\ue001 end"
HOSTILE_PLAIN = (
    "1. Zq{n} {{{{ 7*7 }}}} {{% raw %}} {{# c #}} <w:p>&amp; & ]]> *i* **b** _u_ [@x] [^1] `c` "
    "\\* ::: recipient \ue0000\ue001 \"q\" 'a' # h"
)


def _text_fields(t: Any, data: Any, path: tuple[Any, ...], owner: str) -> Iterator[Any]:
    """(path, 'Struct.field') of every free-text string in ``data``, walking the model's types."""
    if isinstance(t, mi.Metadata):
        yield from _text_fields(t.type, data, path, owner)
    elif isinstance(t, mi.UnionType):
        for alt in t.types:
            base = alt.type if isinstance(alt, mi.Metadata) else alt
            kinds = {
                mi.StrType: str,
                mi.ListType: list,
                mi.StructType: dict,
                mi.DictType: dict,
                mi.DateType: datetime.date,
            }
            if isinstance(data, kinds.get(type(base), ())):
                yield from _text_fields(alt, data, path, owner)
                return
    elif isinstance(t, mi.StrType):
        if t.pattern in (None, r"\S"):  # free text, not an id, a label or a bank reference
            yield path, owner
    elif isinstance(t, mi.ListType):
        for i, item in enumerate(data):
            yield from _text_fields(t.item_type, item, (*path, i), owner)
    elif isinstance(t, mi.StructType):
        for f in t.fields:
            if f.encode_name in data:
                name = f"{t.cls.__name__}.{f.encode_name}"
                yield from _text_fields(f.type, data[f.encode_name], (*path, f.encode_name), name)


def _model_text_fields(t: Any, seen: set[int] | None = None) -> Iterator[str]:
    """'Struct.field' of every field of the model that can hold free text."""
    seen = set() if seen is None else seen
    if isinstance(t, mi.Metadata):
        yield from _model_text_fields(t.type, seen)
    elif isinstance(t, mi.UnionType):
        for alt in t.types:
            yield from _model_text_fields(alt, seen)
    elif isinstance(t, mi.ListType):
        yield from _model_text_fields(t.item_type, seen)
    elif isinstance(t, mi.StructType) and id(t.cls) not in seen:
        seen.add(id(t.cls))
        for f in t.fields:
            if _holds_text(f.type):
                yield f"{t.cls.__name__}.{f.encode_name}"
            yield from _model_text_fields(f.type, seen)


def _holds_text(t: Any) -> bool:
    if isinstance(t, mi.Metadata):
        return _holds_text(t.type)
    if isinstance(t, mi.UnionType):
        return any(_holds_text(alt) for alt in t.types)
    if isinstance(t, mi.ListType | mi.DictType):
        return _holds_text(t.item_type if isinstance(t, mi.ListType) else t.value_type)
    if isinstance(t, mi.AnyType):
        return True
    return isinstance(t, mi.StrType) and t.pattern in (None, r"\S")


FIELDS = list(_text_fields(mi.type_info(Letter), FULL, (), "Letter"))


def _with(path: tuple[Any, ...], value: str, template: str) -> str:
    data = msgspec.json.decode(msgspec.json.encode(FULL))
    data["date"] = FULL["date"]
    data["template"] = template
    where = data
    for key in path[:-1]:
        where = where[key]
    where[path[-1]] = value
    if path != ("salutation",):  # the letter's own salutation replaces the recipients' ones
        del data["salutation"]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


class Rendered:
    """A letter rendered in process: its bytes, every paragraph's text, its template slots."""

    def __init__(self, text: str, base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        slots: list[Any] = []
        real = TemplateSet.render

        def spy(self: TemplateSet, context: dict[str, Any]) -> tuple[str, list[Any]]:
            markup, got = real(self, context)
            slots.extend(got)
            return markup, got

        with monkeypatch.context() as m:
            m.setattr(TemplateSet, "render", spy)
            self.data = docx_bytes(load_letter_text(text, "letter.yaml", base))
        self.slots = slots
        self.problems = check_docx(self.data)
        out = base / "rendered.docx"
        out.write_bytes(self.data)
        self.view = DocxView(out)
        self.paragraphs: list[etree._Element] = []
        for name, part in self.view.parts.items():
            if name.startswith("word/") and name.endswith(".xml"):
                self.paragraphs += etree.fromstring(part).iter(f"{{{W}}}p")
        self.texts = [DocxView.text_of(p) for p in self.paragraphs]
        core = self.view.xml("docProps/core.xml")
        self.texts += [t.text or "" for t in core.iter("{http://purl.org/dc/elements/1.1/}title")]

    def shows(self, value: str) -> bool:
        return any(value in t for t in self.texts)

    def run_with(self, text: str, prop: str) -> bool:
        """A run whose whole text is ``text`` and whose properties hold ``w:<prop>``."""
        return any(
            "".join(t.text or "" for t in r.findall("w:t", NS)) == text
            and r.find(f"w:rPr/w:{prop}", NS) is not None
            for p in self.paragraphs
            for r in p.iter(f"{{{W}}}r")
        )


def test_the_walk_reaches_every_text_field_of_the_model() -> None:
    reached = {owner for _path, owner in FIELDS}
    model = set(_model_text_fields(mi.type_info(Letter)))
    missing = sorted(model - reached - set(UNREACHED))
    assert not missing, f"text fields of the model the letter above does not fill: {missing}"
    assert not set(UNREACHED) & reached, "a field listed as unreached is reached"
    assert len(FIELDS) >= 30, FIELDS


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize(("path", "owner"), FIELDS, ids=[".".join(map(str, p)) for p, _o in FIELDS])
def test_every_printed_value_prints_as_typed(
    template: str, path: tuple[Any, ...], owner: str, tmp_path: Path, monkeypatch
) -> None:
    n = 100 + FIELDS.index((path, owner))  # three digits: no marker is part of another
    probe = f"Zq{n} **Bq{n}** *Iq{n}*"
    try:
        seen = Rendered(_with(path, probe, template), tmp_path, monkeypatch)
    except UserError:
        # A name the program resolves (the template, the locale): refused cleanly, hostile too.
        assert owner in RESOLVED, f"{owner} = {probe!r} was refused"
        with pytest.raises(UserError):
            Rendered(_with(path, HOSTILE_PLAIN.format(n=n), template), tmp_path, monkeypatch)
        return
    assert seen.problems == []
    if seen.shows(probe):
        kind, value = "plain", HOSTILE_PLAIN.format(n=n)
    elif seen.shows(f"Zq{n} Bq{n} Iq{n}"):
        kind, value = "rich", HOSTILE_RICH.format(n=n)
        assert seen.run_with(f"Bq{n}", "b") and seen.run_with(f"Iq{n}", "i"), (
            f"{owner}: **bold** and *italic* did not become a bold and an italic run"
        )
    else:
        assert not any(f"q{n}" in t for t in seen.texts), f"{owner} printed mangled: {seen.texts}"
        assert owner in NOT_PRINTED.get(template, set()), f"{owner} is not printed"
        kind, value = "not printed", HOSTILE_PLAIN.format(n=n)
    hostile = Rendered(_with(path, value, template), tmp_path, monkeypatch)
    assert hostile.problems == [], f"{owner} = {value!r}: {hostile.problems}"
    assert hostile.view.footnote_refs() == [], f"{owner}: a citation in a value was followed"
    if kind == "not printed":
        assert not any(f"Zq{n}" in t for t in hostile.texts)
        return
    assert hostile.shows(value), (
        f"{owner} ({kind}) = {value!r} is not in the document as typed: "
        + repr([t for t in hostile.texts if f"Zq{n}" in t])
    )
    # Every value the template printed, derived ones included, is in the document as printed.
    for slot in hostile.slots:
        if isinstance(slot, Field):
            continue
        text = slot.text if isinstance(slot, Rich) else slot
        if re.fullmatch(LABEL_PATTERN, text):
            continue  # a list's label style, read by `::: list` and shown as Word numbering
        if isinstance(slot, Rich) and ("*" in text or "[@" in text or '"' in text):
            continue  # markup of the fixed letter's own rich text: not printed as typed
        for line in text.splitlines():
            assert hostile.shows(line.strip()), (
                f"the template printed {line!r}, not in the document"
            )


def test_a_value_split_over_blank_lines_is_several_paragraphs_of_data(write_letter, render) -> None:
    body = "First {{ 7*7 }}.\n\n  ::: recipient\n  <w:p> second.\n\n  {% if x %} third."
    view = render(write_letter(MINIMAL.replace("We write to ask about records.", body)))
    texts = [t for _s, t in view.body_paragraphs()]
    for paragraph in ("First {{ 7*7 }}.", "::: recipient <w:p> second.", "{% if x %} third."):
        assert paragraph in texts, texts


def test_entity_references_in_rich_text_print_as_typed(write_letter, render) -> None:
    body = "AT&amp;T &copy; &#8212; &lt;w:p&gt;"
    view = render(write_letter(MINIMAL.replace("We write to ask about records.", body)))
    assert body in [t for _s, t in view.body_paragraphs()]


def _marked_text(view: DocxView, p: etree._Element) -> str:
    """A paragraph's text with ``^`` where each footnote reference is."""
    out = []
    for r in p.iter(f"{{{W}}}r"):
        if r.find("w:footnoteReference", NS) is not None:
            style = r.find("w:rPr/w:rStyle", NS)
            assert style is not None and style.get(f"{{{W}}}val") == "FootnoteReference"
            out.append("^")
        else:
            out.append(DocxView.text_of(r))
    return "".join(out)


def test_footnote_marker_follows_the_final_punctuation(write_letter, render) -> None:
    text = (
        MINIMAL.replace(
            "We write to ask about records.",
            'It said "no" [@r]. Then it agreed [@r], and more.',
        )
        + "reports:\n  - {id: r, kind: web, title: T, publisher: P, url: 'https://example.org'}\n"
    )
    view = render(write_letter(text))
    (paragraph,) = [p for p in view.document.iter(f"{{{W}}}p") if "agreed" in DocxView.text_of(p)]
    # "no”." then the marker; "agreed," then the marker: no space before, punctuation first.
    assert _marked_text(view, paragraph) == "It said “no”.^ Then it agreed,^ and more."


def test_straight_quotes_become_curly_in_rich_text(write_letter, render) -> None:
    view = render(
        write_letter(
            MINIMAL.replace(
                "We write to ask about records.", 'The IRS\'s "shall be confidential" rule.'
            )
        )
    )
    assert "The IRS’s “shall be confidential” rule." in [t for _s, t in view.body_paragraphs()]


def _office_template(tmp_path: Path, source: str) -> None:
    folder = tmp_path / "office"
    folder.mkdir(exist_ok=True)
    (folder / "letter.md.j2").write_text(source, encoding="utf-8")


@pytest.mark.parametrize(
    ("source", "line", "phrase"),
    [
        ("Hello\n{% if %}\n", 2, "template error"),
        (
            "Hello\n\n{{ recipents }}\n",
            3,
            "'recipents' is not defined (did you mean 'recipients'?)",
        ),
        ("A\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", 2, "not allowed in a template"),
        ("::: sidebar\nx\n:::\n", 1, "unknown block '::: sidebar'"),
    ],
)
def test_office_template_errors_name_the_template(
    tmp_path, write_letter, source, line, phrase
) -> None:
    from oversight.letters.prepare import load_letter

    _office_template(tmp_path, source)
    letter = write_letter(MINIMAL + "template: office\n")
    with pytest.raises(UserError) as caught:
        docx_bytes(load_letter(letter))
    problem = caught.value.problems[0]
    assert problem.file is not None and problem.file.endswith("office/letter.md.j2")
    assert problem.line == line
    assert phrase in problem.message


def test_unknown_template_suggests_the_builtin(write_letter) -> None:
    from oversight.letters.prepare import load_letter

    with pytest.raises(UserError) as caught:
        docx_bytes(load_letter(write_letter(MINIMAL + "template: oversight-leter\n")))
    assert caught.value.problems[0].hint == "did you mean 'oversight-letter'?"
