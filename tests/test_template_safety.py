"""Text from YAML is data, never markup or template code; template errors name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL, DocxView

from oversight.errors import UserError


def _letter_text(view: DocxView) -> str:
    return "\n".join(text for _, text in view.body_paragraphs())


def test_jinja_and_markdown_in_values_print_as_typed(write_letter, render) -> None:
    text = MINIMAL.replace("name: Jane Doe", 'name: "{{ 7*7 }} *Jane* _Doe_ [@x] {% raw %}"')
    text = text.replace(
        "We write to ask about records.", "We write about {{ 7*7 }} and {% if x %}."
    )
    view = render(write_letter(text))
    body = _letter_text(view)
    assert "The Honorable {{ 7*7 }} *Jane* _Doe_ [@x] {% raw %}" in body
    assert "{{ 7*7 }}" in body and "49" not in body
    assert view.footnote_refs() == []


def test_markup_in_body_is_bold_and_italic(write_letter, render) -> None:
    view = render(
        write_letter(
            MINIMAL.replace("We write to ask about records.", "A **bold** and *italic* claim.")
        )
    )
    xml = view.parts["word/document.xml"].decode()
    assert '<w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">bold</w:t>' in xml
    assert '<w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">italic</w:t>' in xml


def test_footnote_marker_follows_the_final_punctuation(write_letter, render) -> None:
    text = (
        MINIMAL.replace(
            "We write to ask about records.",
            'It said "no" [@r]. Then it agreed [@r], and more.',
        )
        + "reports:\n  - {id: r, kind: web, title: T, publisher: P, url: 'https://example.org'}\n"
    )
    view = render(write_letter(text))
    paragraph = next(
        p
        for p in view.document.iter(
            f"{{{'http://schemas.openxmlformats.org/wordprocessingml/2006/main'}}}p"
        )
        if "agreed" in DocxView.text_of(p)
    )
    xml = __import__("lxml.etree").etree.tostring(paragraph, encoding="unicode")
    # "no”." then the marker; "agreed," then the marker: no space before, punctuation first.
    assert 'no”.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>' in xml
    assert 'agreed,</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>' in xml


def test_straight_quotes_become_curly_in_rich_text(write_letter, render) -> None:
    view = render(
        write_letter(
            MINIMAL.replace(
                "We write to ask about records.", 'The IRS\'s "shall be confidential" rule.'
            )
        )
    )
    assert "The IRS’s “shall be confidential” rule." in _letter_text(view)


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
    from oversight.letter import load_letter
    from oversight.render import docx_bytes

    _office_template(tmp_path, source)
    letter = write_letter(MINIMAL + "template: office\n")
    with pytest.raises(UserError) as caught:
        docx_bytes(load_letter(letter))
    problem = caught.value.problems[0]
    assert problem.file is not None and problem.file.endswith("office/letter.md.j2")
    assert problem.line == line
    assert phrase in problem.message


def test_unknown_template_suggests_the_builtin(write_letter) -> None:
    from oversight.letter import load_letter
    from oversight.render import docx_bytes

    with pytest.raises(UserError) as caught:
        docx_bytes(load_letter(write_letter(MINIMAL + "template: oversight-leter\n")))
    assert caught.value.problems[0].hint == "did you mean 'oversight-letter'?"
