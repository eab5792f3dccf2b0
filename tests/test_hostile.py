"""Bad and unusual input, as a staffer meets it: the real command line, one case per corpus entry.

Each case in ``tests/corpus/`` is a letter file (``<case>.yaml``) or a folder (``<case>/``: a
letter with its report library, bank, office template, config or letterhead). A few inputs cannot
sensibly live in git (a 6 MB file, Latin-1 bytes, a raw control byte, a zip): those are written by
a small ``make`` function named in the table. Every case is copied to a fresh folder and rendered
by ``python -m oversight.cli render ...`` in a subprocess, and the test checks what a staffer
would check:

* the exit code (1 for a problem; 0 for the "valid unusual text" cases);
* no traceback and no "internal error" on stderr;
* the first stderr line starts with the file name and a line number (``letter.yaml:12:5: ``), or,
  where no line can exist (no such file, the output is a folder), with the file name and ``": "``;
* the message says what is wrong (a short phrase per case);
* nothing in the case folder changed: no file written, rewritten or left behind (a valid case may
  add only its .docx, which must open in python-docx and show the unusual text exactly as typed).

When a case fails here, the expectation is the staffer's, not the program's: fix the program.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import cli_env, docx_text

CORPUS = Path(__file__).resolve().parent / "corpus"
ANY = "any"  # "some line number" (when the exact line is a matter of taste)


@dataclass(frozen=True)
class Case:
    code: int  # expected exit code
    file: str  # the file the first stderr line must name
    phrase: str  # must appear in stderr (errors) or in the .docx text (valid cases)
    line: int | str | None = ANY  # that exact line, ANY line, or None: no line can exist
    args: tuple[str, ...] = ()  # after "render"; default: the case's letter file
    env: tuple[tuple[str, str], ...] = ()
    also: tuple[str, ...] = ()  # more phrases (stderr) or texts (.docx) that must appear
    absent: tuple[str, ...] = ()  # texts that must NOT appear in the .docx
    outputs: tuple[str, ...] = ()  # .docx files that must be written (default for code 0: one)
    may_create: tuple[str, ...] = ()  # files a failing run may add without being wrong
    make: Callable[[Path], None] | None = None  # writes inputs that cannot live in git
    warns: str = ""  # a valid letter's one expected warning (stderr holds warnings only)


GOOD = """\
date: 2025-03-20
recipients:
  - honorific: The Honorable
    name: Jane Doe
    title: Secretary
    agency: U.S. Department of Example
signers:
  - name: John Q. Senator
body: We write to request information about the Department's records.
"""


def _big_file(case: Path) -> None:
    """A valid letter padded with comments to 6 MB (the limit is 5 MB)."""
    pad = "# " + "x" * 97 + "\n"
    (case / "big_file.yaml").write_text(GOOD + pad * 60_000, encoding="utf-8")


def _not_utf8(case: Path) -> None:
    """Saved as Latin-1 by an old editor: the é on line 6 is the single byte 0xE9."""
    text = GOOD.replace("U.S. Department of Example", "Département de l'Exemple")
    (case / "not_utf8.yaml").write_bytes(text.encode("latin-1"))


def _control_char_raw(case: Path) -> None:
    """A raw U+0001 byte pasted into a name on line 4 (not an escape: the byte itself)."""
    text = GOOD.replace("name: Jane Doe", "name: Jane\x01 Doe")
    (case / "control_char_raw.yaml").write_bytes(text.encode("utf-8"))


def _bom_crlf(case: Path) -> None:
    """Saved by Windows Notepad: a byte-order mark and CRLF line ends."""
    text = GOOD.replace("Jane Doe", "Jane O’Doe-Smith")
    (case / "valid_bom_crlf.yaml").write_bytes(
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    )


def _zip_without_document(case: Path) -> None:
    """A real zip named .docx that holds no word/document.xml."""
    with zipfile.ZipFile(case / "office-letterhead.docx", "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("notes.txt", "not a Word document")


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# chmod 0o500 does not stop root from writing. As root the read-only case writes into /sys
# instead: sysfs refuses to create files, for root too. Otherwise: a folder made read-only.
READONLY_TARGET = "/sys/oversight-hostile-test.docx" if ROOT else "locked/letter.docx"


def _lock(case: Path) -> None:
    if ROOT and not Path("/sys").is_dir():
        pytest.skip("running as root, and without /sys there is no folder root cannot write in")
    (case / "locked").chmod(0o500)


CONFIG = (("OVERSIGHT_CONFIG", "config.yaml"),)
TEMPLATE = "mytemplate/letter.md.j2"

# case name -> expectation. A name with ".yaml" in the file column is the corpus file itself;
# other cases are folders whose letter is letter.yaml unless ``args`` says otherwise.
CASES: dict[str, Case] = {
    # ------------------------------------------------------------ malformed YAML
    # The quote opens on line 3; pointing at the end of the file (line 8) helps nobody.
    "yaml_unclosed_quote": Case(1, "yaml_unclosed_quote.yaml", "never closed", line=3),
    "yaml_bad_indentation": Case(1, "yaml_bad_indentation.yaml", "indentation", line=4),
    "yaml_bad_indentation_under": Case(1, "yaml_bad_indentation_under.yaml", "indentation", line=4),
    "yaml_colon_in_value": Case(1, "yaml_colon_in_value.yaml", "must be put in quotes", line=9),
    "yaml_tab_indent": Case(1, "yaml_tab_indent.yaml", "tabs", line=4),
    "yaml_tab_before_dash": Case(1, "yaml_tab_before_dash.yaml", "tabs", line=3),
    "yaml_multiple_documents": Case(1, "yaml_multiple_documents.yaml", "another document", line=10),
    "duplicate_key": Case(
        1, "duplicate_key.yaml", "duplicate key 'date'", line=10, also=("line 1",)
    ),
    "duplicate_key_in_recipient": Case(
        1, "duplicate_key_in_recipient.yaml", "duplicate key 'name'", line=5, also=("line 3",)
    ),
    "key_not_text": Case(1, "key_not_text.yaml", "a key must be plain text", line=10),
    "numeric_key": Case(1, "numeric_key.yaml", "unknown key '2025'", line=10),
    # ------------------------------------------------------------ wrong types
    "type_number_for_text": Case(
        1, "type_number_for_text.yaml", "expected text, got a number", line=5
    ),
    "type_bool_for_text": Case(1, "type_bool_for_text.yaml", "expected text", line=4),
    "type_text_for_list": Case(1, "type_text_for_list.yaml", "expected a list", line=2),
    "type_list_for_mapping": Case(1, "type_list_for_mapping.yaml", "expected a mapping", line=10),
    "type_mapping_for_text": Case(1, "type_mapping_for_text.yaml", "expected text, got a mapping"),
    "deadline_days_not_number": Case(
        1, "deadline_days_not_number.yaml", "expected a whole number", line=10
    ),
    "deadline_days_out_of_range": Case(
        1, "deadline_days_out_of_range.yaml", "between 1 and 365", line=10
    ),
    "option_bad_value": Case(1, "option_bad_value.yaml", "expected one of", line=11),
    "option_signature_columns_4": Case(
        1, "option_signature_columns_4.yaml", "expected one of 1, 2, 3", line=11
    ),
    # ------------------------------------------------------------ unknown keys
    "unknown_key_top_typo": Case(
        1, "unknown_key_top_typo.yaml", "did you mean 'recipients'", line=2
    ),
    "unknown_key_in_recipient": Case(
        1, "unknown_key_in_recipient.yaml", "did you mean 'title'", line=4
    ),
    "unknown_key_in_options": Case(
        1, "unknown_key_in_options.yaml", "did you mean 'part_style'", line=11
    ),
    # ------------------------------------------------------------ missing fields, empty input
    "missing_date": Case(1, "missing_date.yaml", "missing 'date'"),
    "missing_recipients": Case(1, "missing_recipients.yaml", "missing 'recipients'"),
    # A letter signed otherwise (over the chair's name on the letterhead): written, with a warning.
    "missing_signers": Case(
        0, "", "We write to request information", warns="the letter has no signers"
    ),
    "missing_body": Case(1, "missing_body.yaml", "missing 'body'"),
    "missing_recipient_name": Case(1, "missing_recipient_name.yaml", "missing 'name'", line=3),
    "empty_recipients_list": Case(1, "empty_recipients_list.yaml", "needs at least 1 item", line=2),
    "empty_body": Case(1, "empty_body.yaml", "'body' is empty", line=9),
    "empty_file": Case(1, "empty_file.yaml", "the file is empty", line=None),
    "comment_only": Case(1, "comment_only.yaml", "the file is empty", line=None),
    "top_level_list": Case(1, "top_level_list.yaml", "expected a mapping", line=1),
    "top_level_scalar": Case(1, "top_level_scalar.yaml", "expected a mapping", line=1),
    # ------------------------------------------------------------ dates and deadlines
    "date_impossible": Case(1, "date_impossible.yaml", "not a real date", line=1),
    "date_as_words": Case(1, "date_as_words.yaml", "YYYY-MM-DD", line=1),
    # "expected a date, got a date" is no help: the message must say the time is the problem.
    "date_with_time": Case(1, "date_with_time.yaml", "time", line=1),
    "deadline_before_date": Case(
        1, "deadline_before_date.yaml", "before the letter's date", line=10
    ),
    "deadline_date_and_days": Case(1, "deadline_date_and_days.yaml", "not both"),
    "deadline_in_words": Case(1, "deadline_in_words.yaml", "expected a date", line=10),
    # ------------------------------------------------------------ citations
    "citation_dangling": Case(1, "citation_dangling.yaml", "no report with id 'wapo-irs-dhs'"),
    "citation_dangling_in_part": Case(
        1, "citation_dangling_in_part.yaml", "no report with id 'gao-2025'", line=14
    ),
    # A broken citation must stop the render, not print "[@]" in a letter to a Secretary.
    "citation_empty_at": Case(1, "citation_empty_at.yaml", "citation"),
    "citation_see_empty_at": Case(1, "citation_see_empty_at.yaml", "citation"),
    "citation_unclosed_paren": Case(1, "citation_unclosed_paren.yaml", "citation"),
    "citation_missing_comma": Case(1, "citation_missing_comma.yaml", "add a comma"),
    # ------------------------------------------------------------ reports
    "report_unknown_kind": Case(
        1, "report_unknown_kind.yaml", "unknown kind 'newspaper'", line=12, also=("'news'",)
    ),
    "report_missing_field": Case(1, "report_missing_field.yaml", "needs 'publication'", line=11),
    "report_unknown_field": Case(
        1, "report_unknown_field.yaml", "unknown field 'publisher'", line=15
    ),
    "report_duplicate_id": Case(
        1, "report_duplicate_id.yaml", "'wapo' is defined twice", line=16, also=(":11",)
    ),
    "report_bad_id": Case(1, "report_bad_id.yaml", "not a valid id", line=11),
    "report_number_field": Case(
        1, "report_number_field.yaml", "expected text, got a number", line=13
    ),
    "report_library_missing": Case(1, "report_library_missing.yaml", "not found", line=10),
    "report_library_not_a_mapping": Case(1, "library.yaml", "'reports:' list", line=1),
    "report_library_bad_entry": Case(1, "library.yaml", "needs 'date'", line=2),
    "report_library_bad_yaml": Case(1, "library.yaml", "must be put in quotes", line=4),
    "report_library_duplicate_id": Case(
        1, "letter.yaml", "'wapo' is defined twice", line=12, also=("library.yaml:2",)
    ),
    "report_library_unknown_key": Case(1, "library.yaml", "unknown key 'report'", line=7),
    # ------------------------------------------------------------ question banks
    "bank_unknown": Case(1, "bank_unknown.yaml", "did you mean 'ig-access'", line=11),
    "bank_unknown_question": Case(
        1, "bank_unknown_question.yaml", "did you mean 'access-denials'", line=11
    ),
    "bank_missing_parameter": Case(
        1, "bank_missing_parameter.yaml", "needs a value for 'since'", line=11
    ),
    "bank_unknown_parameter": Case(
        1, "bank_unknown_parameter.yaml", "no parameter 'agensy'", line=14
    ),
    "bank_wrong_type_parameter": Case(
        1, "bank_wrong_type_parameter.yaml", "expects a date", line=13
    ),
    "bank_use_malformed": Case(1, "bank_use_malformed.yaml", "bank-id/question-id", line=11),
    "bank_drop_unknown_part": Case(1, "bank_drop_unknown_part.yaml", "no part 'z'", line=13),
    "bank_with_without_use": Case(
        1, "bank_with_without_use.yaml", "only to a bank question", line=11
    ),
    "bank_control_char_in_parameter": Case(
        1, "bank_control_char_in_parameter.yaml", "U+0007", line=14
    ),
    # The letter names the bank file on line 10; the message must point there.
    "bank_file_missing": Case(1, "bank_file_missing.yaml", "not found", line=10),
    "bank_duplicate_question_ids": Case(1, "mybank.yaml", "used twice", line=6),
    "bank_undeclared_parameter": Case(1, "mybank.yaml", "does not declare"),
    "bank_unknown_key": Case(1, "mybank.yaml", "unknown key 'tag'", line=6),
    # ------------------------------------------------------------ hostile YAML and bytes
    "alias_bomb": Case(1, "alias_bomb.yaml", "expands to more than"),
    "alias_self_reference": Case(1, "alias_self_reference.yaml", "contains itself"),
    "alias_undefined": Case(1, "alias_undefined.yaml", "undefined alias", line=3),
    "python_tag": Case(1, "python_tag.yaml", "unknown tag", line=3),
    "control_char_escape": Case(1, "control_char_escape.yaml", "U+0001", line=3),
    "control_char_raw": Case(1, "control_char_raw.yaml", "U+0001", line=4, make=_control_char_raw),
    "surrogate_escape": Case(1, "surrogate_escape.yaml", "Unicode", line=3),
    "noncharacter_escape": Case(1, "noncharacter_escape.yaml", "U+FFFE", line=3),
    "big_file": Case(1, "big_file.yaml", "the limit is 5 MB", line=None, make=_big_file),
    "not_utf8": Case(1, "not_utf8.yaml", "not UTF-8", line=6, make=_not_utf8),
    # ------------------------------------------------------------ valid, unusual text
    "valid_rtl_names": Case(
        0,
        "",
        "محمد عبد الله",
        also=("السيد محمد عبد الله", "وزير الخارجية", "דוד בן־גוריון", "ועדת הכספים"),
    ),
    "valid_combining_chars": Case(
        0, "", "Ms. Zoe\u0308 Saldan\u0303a", also=("Nguye\u0302\u0303n Va\u0306n A",)
    ),
    "valid_jinja_in_values": Case(
        0,
        "",
        "{{ 7*7 }} {% raw %}Jane Doe",
        also=("the template text {{ 7*7 }} and {% raw %}{{ letter }}{% endraw %} in a form",),
        absent=("49",),
    ),
    "valid_markdown_in_name": Case(0, "", "Ms. *Jane* _Doe_", also=("**John** Q. `Senator`",)),
    "valid_bom_crlf": Case(0, "", "The Honorable Jane O’Doe-Smith", make=_bom_crlf),
    # ------------------------------------------------------------ office templates
    # The template is named as every other file is: relative to the working folder, with a line.
    "template_syntax_error": Case(1, TEMPLATE, "unexpected '}'", line=6),
    "template_undefined_variable": Case(1, TEMPLATE, "'recipent' is not defined", line=5),
    "template_sandbox_escape": Case(1, TEMPLATE, "not allowed", line=5),
    "template_include_missing": Case(1, TEMPLATE, "'office-footer.md.j2' not found", line=5),
    "template_citation_in_header": Case(1, TEMPLATE, "citations cannot appear", line=2),
    "template_unknown": Case(
        1, "template_unknown.yaml", "did you mean 'oversight-letter'", line=10
    ),
    # ------------------------------------------------------------ outputs and batches
    "output_is_folder": Case(1, "letter.docx", "is a folder", line=None),
    # -o naming an existing folder is not an error: the letter is written inside it (see --help).
    "output_option_is_folder": Case(
        0,
        "",
        "The Honorable Jane Doe",
        args=("letter.yaml", "-o", "drafts"),
        outputs=("drafts/letter.docx",),
    ),
    "output_missing_folder": Case(
        1,
        "drafts/letter.docx",
        "does not exist",
        line=None,
        args=("letter.yaml", "-o", "drafts/letter.docx"),
    ),
    "output_readonly_folder": Case(
        1,
        READONLY_TARGET,
        "cannot write",
        line=None,
        args=("letter.yaml", "-o", READONLY_TARGET),
        make=_lock,
    ),
    # "the folder notes.txt does not exist" is wrong: it exists, and it is a file.
    "output_under_a_file": Case(
        1,
        "notes.txt/letter.docx",
        "not a folder",
        line=None,
        args=("letter.yaml", "-o", "notes.txt/letter.docx"),
    ),
    "existing_output_survives": Case(1, "letter.yaml", "no report with id 'missing-report'"),
    # A letter file saved as draft.docx: its output would be the letter itself.
    "input_named_docx": Case(
        1, "draft.docx", "replace the letter file itself", line=None, args=("draft.docx",)
    ),
    "batch_one_bad_one_good": Case(
        1,
        "bad.yaml",
        "missing 'recipients'",
        line=1,
        args=("bad.yaml", "good.yaml"),
        also=("1 written, 1 failed",),
        outputs=("good.docx",),
    ),
    # Two letters called letter.yaml into one folder: the second must not silently replace the first.
    "batch_same_output_name": Case(
        1,
        "out/letter.docx",
        "b/letter.yaml",
        line=None,
        args=("a/letter.yaml", "b/letter.yaml", "-o", "out"),
        also=("a/letter.yaml",),
        may_create=("out/letter.docx",),
    ),
    "letter_not_found": Case(1, "leter.yaml", "no such file", line=None, args=("leter.yaml",)),
    "letter_is_folder": Case(1, "letters", "is a folder", line=None, args=("letters",)),
    # ------------------------------------------------------------ letterheads
    "letterhead_not_zip": Case(1, "letter.yaml", "not a Word document", line=10),
    "letterhead_missing": Case(1, "letterhead_missing.yaml", "not found", line=10),
    "letterhead_zip_without_document": Case(
        1, "letter.yaml", "no word/document.xml", line=10, make=_zip_without_document
    ),
    # ------------------------------------------------------------ office configuration
    "config_unknown_key": Case(1, "config.yaml", "did you mean 'banks'", line=1, env=CONFIG),
    "config_bad_yaml": Case(1, "config.yaml", "tabs", line=2, env=CONFIG),
    # The config names the missing folder on line 1; the message must point there.
    "config_missing_bank_folder": Case(1, "config.yaml", "not found", line=1, env=CONFIG),
    # ------------------------------------------------------------ question structure
    "question_without_text": Case(1, "question_without_text.yaml", "needs 'text'", line=11),
    "question_group_nested": Case(1, "question_group_nested.yaml", "cannot be nested", line=13),
    "question_part_label_bad": Case(
        1, "question_part_label_bad.yaml", "not in the expected form", line=14
    ),
}


# ---------------------------------------------------------------- helpers


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by path relative to ``folder``."""
    out: dict[str, bytes | None] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = None if p.is_dir() else p.read_bytes()
    return out


def _letter_of(name: str) -> str:
    """The letter a case renders by default: letter.yaml in a folder case, else <case>.yaml."""
    return "letter.yaml" if (CORPUS / name).is_dir() else f"{name}.yaml"


def _setup(name: str, case: Case, where: Path) -> Path:
    folder = where / name
    src = CORPUS / name
    src_file = CORPUS / f"{name}.yaml"
    if src.is_dir():
        shutil.copytree(src, folder)
    else:
        folder.mkdir()
        if src_file.is_file():
            shutil.copy2(src_file, folder / src_file.name)
    if case.make is not None:
        case.make(folder)
    return folder


def _messages(stderr: str, file: str) -> str:
    """What stderr says, without the echoed source lines and carets and without the file's name
    (so a phrase is not found in "yaml_bad_indentation.yaml" or in the quoted input)."""
    kept = []
    for line in stderr.splitlines():
        if line.startswith("    hint: "):
            kept.append(line[len("    hint: ") :])
        elif not line.startswith("    "):
            kept.append(line.replace(file, "<file>") if file else line)
    return "\n".join(kept)


def _first_line_pattern(case: Case) -> str:
    if case.line is None:
        return rf"^{re.escape(case.file)}: "
    if case.line == ANY:
        return rf"^{re.escape(case.file)}:\d+(:\d+)?: "
    return rf"^{re.escape(case.file)}:{case.line}(:\d+)?: "


# ---------------------------------------------------------------- the tests


# Cases whose input files named .docx are deliberately not Word documents (not audited).
NOT_A_DOCX = {
    "existing_output_survives": "letter.docx",  # stands for an earlier letter
    "input_named_docx": "draft.docx",  # a letter's YAML saved under that name
    "letterhead_not_zip": "office-letterhead.docx",
    "letterhead_zip_without_document": "office-letterhead.docx",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[pytest.mark.not_a_docx(NOT_A_DOCX[n])] if n in NOT_A_DOCX else [])
        for n in sorted(CASES)
    ],
)
def test_hostile_input(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    folder = _setup(name, case, tmp_path)
    args = case.args or (_letter_of(name),)
    before = _snapshot(folder)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "oversight.cli", "render", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env=cli_env(tmp_path, **dict(case.env)),
            timeout=60,
        )
        after = _snapshot(folder)
    finally:
        for p in [folder, *folder.rglob("*")]:  # undo any chmod, so tmp_path can be removed
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o755)

    stderr = result.stderr
    lines = stderr.splitlines()
    shown = f"\n--- exit {result.returncode}\n--- stdout:\n{result.stdout}--- stderr:\n{stderr}"
    failures: list[str] = []

    if result.returncode != case.code:
        failures.append(f"exit code {result.returncode}, expected {case.code}")
    if "Traceback" in stderr or "internal error" in stderr:
        failures.append("a traceback or internal error on stderr")

    outputs = case.outputs or (
        (Path(args[0]).with_suffix(".docx").as_posix(),) if case.code == 0 else ()
    )
    if case.code == 0:
        headers = [line for line in stderr.splitlines() if line and not line[0].isspace()]
        if case.warns:
            if case.warns not in stderr:
                failures.append(f"stderr does not warn {case.warns!r}")
            if not all(": warning: " in h for h in headers):
                failures.append("a valid letter printed problems that are not warnings")
        elif stderr.strip():
            failures.append("a valid letter printed problems")
        texts = []
        for out in outputs:
            if not (folder / out).is_file():
                failures.append(f"{out} was not written")
                continue
            try:
                texts.append(docx_text(folder / out))
            except Exception as err:
                failures.append(f"{out} does not open as a Word document: {err!r}")
        text = "\n".join(texts)
        for wanted in (case.phrase, *case.also):
            if texts and wanted not in text:
                failures.append(f"the .docx does not show {wanted!r} exactly as typed")
        for unwanted in case.absent:
            if unwanted in text:
                failures.append(f"the .docx shows {unwanted!r}: template code in a value ran")
    else:
        if not lines:
            failures.append("nothing on stderr")
        elif not re.match(_first_line_pattern(case), lines[0]):
            where = "" if case.line is None else ":<line>" if case.line == ANY else f":{case.line}"
            failures.append(f"first stderr line does not start with '{case.file}{where}: '")
        said = _messages(stderr, case.file)
        for wanted in (case.phrase, *case.also):
            if wanted not in said:
                failures.append(f"stderr does not say {wanted!r}")
        for out in outputs:
            if not (folder / out).is_file():
                failures.append(f"{out} was not written")
            else:
                try:
                    docx_text(folder / out)
                except Exception as err:
                    failures.append(f"{out} does not open as a Word document: {err!r}")
        if not outputs and "wrote " in result.stdout:
            failures.append("stdout claims a file was written")

    allowed_new = set(outputs) | set(case.may_create)
    for rel in sorted(set(before) | set(after)):
        if rel in before and rel not in after:
            failures.append(f"{rel} was deleted")
        elif rel not in before and rel not in allowed_new:
            failures.append(f"{rel} was created")
        elif rel in before and before[rel] != after[rel]:
            failures.append(f"{rel} was changed")

    assert not failures, "; ".join(failures) + shown


def test_every_corpus_entry_has_a_case() -> None:
    entries = {p.name.removesuffix(".yaml") for p in CORPUS.iterdir()}
    without_case = sorted(entries - set(CASES))
    assert not without_case, f"corpus entries with no expectation: {without_case}"
    missing = sorted(n for n, c in CASES.items() if n not in entries and c.make is None)
    assert not missing, f"cases with no corpus entry and no make function: {missing}"
    assert len(CASES) >= 50
