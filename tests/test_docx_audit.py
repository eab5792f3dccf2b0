"""openxml-audit (ECMA-376 schemas and the Open XML SDK's rules) on what oversight writes.

Every .docx a test writes is audited by the autouse fixture in conftest.py; these tests check
the audit itself: that it sees a damaged package, and which findings are allowed for now.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import KNOWN_FINDINGS, audit_findings
from helpers import EXAMPLE_LETTERS

from oversight.letters.prepare import load_letter
from oversight.render import docx_bytes


@pytest.mark.parametrize("letter", EXAMPLE_LETTERS, ids=lambda p: p.stem)
def test_examples_have_no_finding_but_the_known_ones(letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    out.write_bytes(docx_bytes(load_letter(letter)))
    assert audit_findings(out) == []


@pytest.mark.parametrize("letter", EXAMPLE_LETTERS, ids=lambda p: p.name)
def test_examples_have_no_finding_at_all(tmp_path: Path, letter: Path) -> None:
    out = tmp_path / "letter.docx"
    out.write_bytes(docx_bytes(load_letter(letter)))
    assert audit_findings(out, allow_known=False) == []


def test_no_finding_is_allowed() -> None:
    """The built-in package carries a theme part: nothing needs an allowance any more."""
    assert set() == KNOWN_FINDINGS


@pytest.mark.not_a_docx("damaged.docx", reason="damaged on purpose: the audit must see it")
def test_the_audit_sees_a_schema_violation(tmp_path: Path) -> None:
    good = docx_bytes(load_letter(EXAMPLE_LETTERS[0]))
    src = tmp_path / "good.docx"
    src.write_bytes(good)
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                # A run property Word does not know, and a paragraph inside a run.
                data = re.sub(rb"<w:rPr>", b"<w:rPr><w:sparkle/>", data, count=1)
                data = data.replace(b"</w:t></w:r>", b"</w:t><w:p/></w:r>", 1)
            zout.writestr(item, data)
    found = audit_findings(damaged)
    assert len(found) >= 2, found
    assert any("sparkle" in f for f in found), found


def test_one_validator_gives_each_file_its_own_findings(tmp_path: Path) -> None:
    """The audit's validator is reused across files (see conftest._validator): a file's findings
    must not depend on what was validated before it."""
    import random

    from conftest import _validator
    from helpers import random_letter

    from oversight.letters.prepare import load_letter_text

    big = tmp_path / "big.docx"
    text = random_letter(random.Random(3), paragraphs=30, questions=5, signers=2, reports=10)
    big.write_bytes(docx_bytes(load_letter_text(text, "letter.yaml", tmp_path)))
    small = []
    for letter in EXAMPLE_LETTERS:
        small.append(tmp_path / f"{letter.stem}.docx")
        small[-1].write_bytes(docx_bytes(load_letter(letter)))
    validator = _validator()
    alone = len(validator.validate(big).errors)
    for _ in range(3):  # other packages made and freed: their ids come round again
        for path in small:
            validator.validate(path)
        assert len(validator.validate(big).errors) == alone
