"""Question banks as a staffer uses them: errors named in one line, parameters printed as typed,
overrides, finding a question by a half-remembered phrase, and the `oversight bank` commands."""

from __future__ import annotations

import difflib
import io
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import MINIMAL, DocxView, labels, write_text

from oversight.cli.main import main


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No office configuration or OVERSIGHT_BANKS from the machine; work in tmp_path."""
    from oversight.config import office_config

    monkeypatch.setenv("OVERSIGHT_CONFIG", str(tmp_path / "no-config.yaml"))
    monkeypatch.delenv("OVERSIGHT_BANKS", raising=False)
    monkeypatch.chdir(tmp_path)
    office_config.cache_clear()


write = write_text


BANK = """\
bank: mybank
title: My questions
questions:
  - id: records
    text: Since {{ since }}, how many records about {{ subject }} has {{ agency }} disclosed?
    parts:
      - Identify each recipient.
      - State the date of each disclosure.
      - State the legal authority for each of the {{ count }} largest disclosures.
    parameters:
      since: {type: date, description: The start of the period.}
      subject: {type: text, default: taxpayers}
      agency: {type: agency, default: the Agency}
      count: {type: number, default: 10}
"""


def letter_with(questions: str, banks: str = "[mybank.yaml]") -> str:
    return MINIMAL + f"banks: {banks}\nquestions:\n" + textwrap.dedent(questions)


def first_error(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    return err.splitlines()[0]


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


# ---------------------------------------------------------------------------------------------
# Every misuse named in one line, with file:line


@pytest.mark.parametrize(
    ("use", "needle", "message"),
    [
        ("use: nosuch/records", "use:", "no question bank 'nosuch'"),
        ("use: mybank/recrods", "use:", "bank 'mybank' has no question 'recrods'"),
        ("use: mybank/records", "use:", "needs a value for 'since' (date)"),
        (
            "use: mybank/records\n    with: {since: 2025-01-20, subjet: x}",
            "with:",
            "has no parameter 'subjet'",
        ),
        ("use: mybank/records\n    with: {since: last January}", "with:", "expects a date"),
        (
            "use: mybank/records\n    with: {since: 2025-01-20, count: many}",
            "with:",
            "parameter 'count' expects a number",
        ),
    ],
)
def test_letter_misuse_of_a_bank_question_is_one_line_with_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, use: str, needle: str, message: str
) -> None:
    write(tmp_path / "mybank.yaml", BANK)
    letter = write(tmp_path / "letter.yaml", letter_with(f"  - {use}\n"))
    head = first_error(capsys, ["validate", "letter.yaml"])
    assert re.match(rf"letter\.yaml:{line_of(letter, needle)}:\d+: ", head), head
    assert message in head


def test_the_same_bank_id_in_two_files_names_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.yaml", BANK)
    write(tmp_path / "b.yaml", BANK.replace("records", "other"))
    write(tmp_path / "letter.yaml", letter_with("  - use: mybank/records\n", "[a.yaml, b.yaml]"))
    head = first_error(capsys, ["validate", "letter.yaml"])
    assert re.match(r"b\.yaml:1:\d+: bank: bank id 'mybank' is also used by a\.yaml:1$", head)


def test_a_duplicate_question_id_names_both_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "mybank.yaml", BANK + "  - id: records\n    text: Again?\n")
    write(tmp_path / "letter.yaml", letter_with("  - use: mybank/records\n"))
    head = first_error(capsys, ["validate", "letter.yaml"])
    assert re.match(r"mybank\.yaml:15:\d+: .*'records' is used twice.*\(also on line 4\)", head)


def test_an_undeclared_parameter_is_named_where_it_is_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bank = write(tmp_path / "mybank.yaml", BANK.replace("- Identify each", "- Identify {{ who }}"))
    write(tmp_path / "letter.yaml", letter_with("  - use: mybank/records\n"))
    head = first_error(capsys, ["validate", "letter.yaml"])
    line = line_of(bank, "{{ who }}")
    assert re.match(rf"mybank\.yaml:{line}:\d+: .*uses {{{{ who }}}} but does not declare it", head)


def test_bank_errors_print_one_headline_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    more = "  - id: records\n    text: Again?\n  - id: more\n    text: And {{ x }}?\n"
    write(tmp_path / "a.yaml", BANK + more)
    write(tmp_path / "b.yaml", "bank: bbb\ntitle: B\nquestions:\n  - id: Bad Id\n    text: ' '\n")
    assert main(["bank", "check", "a.yaml", "b.yaml"]) == 1
    err = capsys.readouterr().err
    heads = [line for line in err.splitlines() if not line.startswith(" ")]
    assert all(re.match(r"[ab]\.yaml:\d+:\d+: ", h) for h in heads), heads
    assert [h.split(": ", 1)[0] for h in heads] == [
        "a.yaml:15:9",
        "a.yaml:18:11",
        "b.yaml:4:9",
        "b.yaml:5:11",
    ]
    assert "'records' is used twice" in heads[0]
    assert "uses {{ x }} but does not declare it" in heads[1]
    assert "'Bad Id' is not in the expected form" in heads[2]
    assert "must not be empty" in heads[3]


# ---------------------------------------------------------------------------------------------
# Parameters print as typed; overrides


def numbered_texts(view: DocxView) -> list[str]:
    return [text for _num, _level, text in view.numbered()]


def test_parameter_values_print_formatted_and_as_typed(
    tmp_path: Path, render: Callable[[Path], DocxView]
) -> None:
    write(
        tmp_path / "mybank.yaml",
        """\
        bank: mybank
        title: My questions
        questions:
          - id: values
            text: Since {{ since }}, were {{ count }} files about {{ subject }} sent to {{ who }}?
            parameters:
              since: {type: date}
              count: {type: number}
              subject: {type: text}
              who: {type: person}
        """,
    )
    letter = write(
        tmp_path / "letter.yaml",
        letter_with(
            """\
            - use: mybank/values
              with: {since: 2025-01-20, count: 1234567, subject: "{{ 7*7 }}", who: "**x**"}
            """
        ),
    )
    view = render(letter)
    assert numbered_texts(view) == [
        "Since January 20, 2025, were 1,234,567 files about {{ 7*7 }} sent to **x**?"
    ]
    bold = [r for r in view.document.iter(f"{{{view.document.nsmap['w']}}}b")]
    assert not bold, "a value's ** must not become bold"


def test_overrides_text_parts_and_drop_reletters(
    tmp_path: Path, render: Callable[[Path], DocxView]
) -> None:
    write(tmp_path / "mybank.yaml", BANK)
    letter = write(
        tmp_path / "letter.yaml",
        letter_with(
            """\
            - use: mybank/records
              with: {since: 2025-01-20}
              drop: [b]
            - use: mybank/records
              with: {since: 2025-01-20}
              text: Our own wording, *as written*.
            - use: mybank/records
              with: {since: 2025-01-20}
              parts: [First of ours., Second of ours.]
            """
        ),
    )
    view = render(letter)
    texts = numbered_texts(view)
    assert texts == [
        "Since January 20, 2025, how many records about taxpayers has the Agency disclosed?",
        "Identify each recipient.",
        "State the legal authority for each of the 10 largest disclosures.",  # (c) is now (b)
        "Our own wording, as written.",
        "Identify each recipient.",
        "State the date of each disclosure.",
        "State the legal authority for each of the 10 largest disclosures.",
        "Since January 20, 2025, how many records about taxpayers has the Agency disclosed?",
        "First of ours.",
        "Second of ours.",
    ]
    assert labels(view) == ["1.", "a.", "b.", "2.", "a.", "b.", "c.", "3.", "a.", "b."]


def test_dropping_a_part_that_does_not_exist_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "mybank.yaml", BANK)
    letter = write(
        tmp_path / "letter.yaml",
        letter_with("  - use: mybank/records\n    with: {since: 2025-01-20}\n    drop: [z]\n"),
    )
    head = first_error(capsys, ["validate", "letter.yaml"])
    assert head.startswith(f"letter.yaml:{line_of(letter, 'drop:')}:")
    assert "no part 'z'" in head


# ---------------------------------------------------------------------------------------------
# Search: a half-remembered phrase finds the question


RANKING = {
    "who approved doge access": "system-access/authorization",
    "how many requests from dhs": "irs-data-sharing/requests-received",
    "audit logs of queries": "system-access/audit-logs",
    "signal messages deleted": "records-foia/disappearing-messages",
    "probationary employees fired": "workforce/probationary-terminations",
    "inspector general denied records": "ig-access/access-denials",
    "contracts cancelled savings": "contracts-grants/savings-method",
    "routine use privacy act": "privacy-act/routine-use-compatibility",
    "foia backlog": "records-foia/foia-backlog",
    "who is the acting ig": "ig-access/acting-inspector-general",
    "background checks before access": "system-access/background-investigations",
    "memorandum of understanding irs dhs": "irs-data-sharing/agreements",
    "fork in the road deferred resignation": "workforce/deferred-resignation",
    "litigation hold": "records-foia/preservation-directives",
    "apportionment footnotes omb": "contracts-grants/apportionments",
    "probatonary employes fired": "workforce/probationary-terminations",  # typed in a hurry
}


@pytest.fixture(scope="module")
def shipped_index():  # type: ignore[no-untyped-def]
    from oversight.banks.finder import BankSet
    from oversight.banks.search import SearchIndex
    from oversight.errors import Problems
    from oversight.paths import shipped_banks

    problems = Problems()
    index = SearchIndex(BankSet([shipped_banks()], problems).banks.values())
    assert not problems.items
    return index


@pytest.mark.parametrize(("query", "expected"), RANKING.items())
def test_the_obviously_right_question_ranks_first(shipped_index, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    hits = shipped_index.search(query, limit=3)
    assert hits[0].entry.ref == expected, [(h.entry.ref, round(h.score, 1)) for h in hits]


def test_search_is_deterministic_and_ties_go_by_bank_then_id(tmp_path: Path) -> None:
    from oversight.banks.finder import BankSet
    from oversight.banks.search import SearchIndex
    from oversight.errors import Problems

    q = "    text: How many requests were received?\n"
    write(tmp_path / "b.yaml", f"bank: bbb\ntitle: B\nquestions:\n  - id: z\n{q}  - id: a\n{q}")
    write(tmp_path / "a.yaml", f"bank: aaa\ntitle: A\nquestions:\n  - id: y\n{q}")
    index = SearchIndex(BankSet([tmp_path], Problems()).banks.values())
    hits = index.search("requests received")
    assert [h.entry.ref for h in hits] == ["aaa/y", "bbb/a", "bbb/z"]
    assert len({h.score for h in hits}) == 1


def test_search_finds_nothing_for_empty_words_or_gibberish(shipped_index) -> None:  # type: ignore[no-untyped-def]
    assert shipped_index.search("the of and") == []
    assert shipped_index.search("zzzzqqq") == []
    assert shipped_index.search("6103(i)(2)")[0].entry.ref == "irs-data-sharing/i2-request-contents"


def test_search_by_tag_and_preview_with_defaults(shipped_index) -> None:  # type: ignore[no-untyped-def]
    hits = shipped_index.search("requests", tag="section-6103", limit=50)
    assert hits and all("section-6103" in h.entry.question.tags for h in hits)
    first = next(h for h in hits if h.entry.ref == "irs-data-sharing/requests-received")
    assert first.entry.preview == (
        "How many requests for returns or return information has the Internal Revenue Service "
        "received from other federal agencies since <since>?"
    )


# ---------------------------------------------------------------------------------------------
# The commands


def test_bank_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["BANK", "QUESTIONS", "TITLE", "FILE"]
    row = next(line for line in out if line.startswith("irs-data-sharing "))
    assert re.search(r"\s15\s+Taxpayer information sharing .* \S+irs-data-sharing\.yaml$", row)
    assert len(out) == 8


def test_bank_list_of_one_bank_lists_its_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "list", "workforce"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("workforce: Workforce reductions")
    assert len(out) == 14
    assert re.match(
        r"  probationary-terminations +How many employees serving a probationary", out[5]
    )
    assert main(["bank", "list", "workforfe"]) == 1
    assert "did you mean 'workforce'?" in capsys.readouterr().err


def test_bank_list_reports_a_broken_bank_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "broken.yaml", "bank: broken\ntitle: B\nquestions:\n  - id: q\n    txt: x\n")
    monkeypatch.setenv("OVERSIGHT_BANKS", str(tmp_path / "broken.yaml"))
    assert main(["bank", "list"]) == 1
    captured = capsys.readouterr()
    assert "workforce" in captured.out
    assert captured.err.startswith("broken.yaml:5:5: questions[0].txt: unknown key 'txt'")


def test_bank_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "search", "audit", "logs", "of", "queries", "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"system-access/audit-logs  \d+", out[0])
    assert out[1].startswith("    Please provide the audit logs recording every action")
    assert "<system> since <since>." in " ".join(out[1:3])
    assert sum(1 for line in out if not line.startswith(" ")) == 2


def test_bank_search_with_tag_and_unknown_tag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "search", "records", "--tag", "FOIA"]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert heads and all(h.startswith("records-foia/foia-") for h in heads)
    assert main(["bank", "search", "records", "--tag", "fioa"]) == 1
    err = capsys.readouterr().err
    assert "no question has the tag 'fioa'" in err and "did you mean 'foia'?" in err


def test_bank_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "show", "irs-data-sharing/requests-received"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"defined at \S*irs-data-sharing\.yaml:77\n", out)
    flat = " ".join(out.split())
    assert (
        "How many requests for returns or return information has the Internal Revenue Service "
        "received from other federal agencies since <since>?[1]"
    ) in flat
    assert "a. For each request, identify the requesting agency" in flat
    assert "d. For each request, state its disposition" in flat
    assert "[1] Internal Revenue Code, 26 U.S.C. § 6103." in flat
    assert "agency (agency): default 'the Internal Revenue Service' The agency receiving" in flat
    assert "since (date): no default: a letter must give it" in flat
    assert "tags: section-6103, requests, disclosure" in flat
    assert "notes: Core opener for any 6103 letter." in flat


def test_bank_show_by_question_id_alone_and_unknown_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "show", "audit-logs"]) == 0
    assert capsys.readouterr().out.startswith("system-access/audit-logs")
    assert main(["bank", "show", "system-access/audit-log"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "bank 'system-access' has no question 'audit-log'" in err[0]
    assert "did you mean 'audit-logs'?" in err[-1]
    assert main(["bank", "show", "sytem-access/audit-logs"]) == 1
    assert "did you mean 'system-access'?" in capsys.readouterr().err


def test_bank_check_shipped_banks_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "check"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "7 banks, 95 questions: ok"
    assert captured.err == ""


CHECKED = """\
bank: checked
title: Checked
reports:
  - {id: known, kind: statute, title: "5", code: U.S.C., section: "552a"}
questions:
  - id: first
    text: >-
      How many requests for returns or return information has {{ agency }} received from
      other agencies since {{ since }}?[@known]
    parameters:
      agency: {type: agency, default: the Agency}
      since: {type: date}
      unused: {type: text, default: nothing}
  - id: cites-unknown
    text: Which rule applies?[@unknwn]
"""


def test_bank_check_warnings_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bank = write(tmp_path / "checked.yaml", CHECKED)
    assert main(["bank", "check", "checked.yaml"]) == 1
    captured = capsys.readouterr()
    heads = [line for line in captured.err.splitlines() if not line.startswith(" ")]
    unused = f"checked.yaml:{line_of(bank, 'unused:')}:7: warning: "
    assert any(h.startswith(unused) and "declares the parameter 'unused'" in h for h in heads)
    cites = f"checked.yaml:{line_of(bank, '@unknwn')}:"
    assert any(h.startswith(cites) and "cites 'unknwn'" in h for h in heads), heads
    near = [h for h in heads if "worded nearly like" in h]
    assert len(near) == 1 and near[0].startswith(f"checked.yaml:{line_of(bank, 'id: first')}:")
    assert re.search(
        r"'irs-data-sharing/requests-received' at \S+irs-data-sharing\.yaml:77", near[0]
    )
    assert captured.out.strip() == "1 bank, 2 questions: 1 error, 2 warnings"


def test_bank_check_with_only_warnings_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "checked.yaml", CHECKED.replace("[@unknwn]", ""))
    assert main(["bank", "check", "checked.yaml"]) == 0
    assert capsys.readouterr().out.strip() == "1 bank, 2 questions: 0 errors, 2 warnings"


def test_bank_check_duplicate_bank_ids_name_both_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(
        tmp_path / "one.yaml", "bank: workforce\ntitle: Mine\nquestions:\n  - id: q\n    text: Q?\n"
    )
    assert main(["bank", "check", "one.yaml"]) == 1
    head = capsys.readouterr().err.splitlines()[0]
    assert re.match(
        r"\S*workforce\.yaml:1:7: bank: bank id 'workforce' is also used by one\.yaml:1$", head
    )


# ---------------------------------------------------------------------------------------------
# bank add


COMMENTED = """\
# Our office's questions. Keep this comment.
bank: office   # the id letters use
title: "Office questions"

questions:
  # Asked in every letter
  - id: preserve
    text: >-
      Will you preserve all records relating to the matters described in this letter?
    tags: [records]   # a tag comment

  - id: contact
    text: 'Who is the point of contact for this request?'
"""

OWN = """\
  - use: mybank/records
    with: {since: 2025-01-20}
  - Will you preserve all records relating to the matters described in this letter?
  - text: >-
      Has the Department disclosed taxpayer information to any other agency since January 20,
      2025, including for purposes of immigration enforcement, and if so under what authority?
    parts:
      - Provide each written request.
      - {label: c, text: "Identify each official who approved a disclosure."}
  - heading: Systems
    questions:
      - Who granted outside personnel access to the Department's payment systems?
"""


def harvest_setup(tmp_path: Path) -> tuple[Path, Path]:
    write(tmp_path / "mybank.yaml", BANK)
    letter = write(tmp_path / "letter.yaml", letter_with(OWN))
    return letter, write(tmp_path / "office.yaml", COMMENTED)


def test_bank_add_keeps_comments_and_only_adds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _letter, bank = harvest_setup(tmp_path)
    before = bank.read_text()
    assert main(["bank", "add", "letter.yaml", "--bank", "office.yaml", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "wrote office.yaml: 2 questions added" in out
    after = bank.read_text()
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [d for d in diff if d.startswith("- ")], "existing lines must not change"
    assert after.startswith(before.rstrip("\n"))
    added = "\n".join(d[2:] for d in diff if d.startswith("+ "))
    assert "id: department-disclosed-taxpayer-information-agency" in added
    assert "id: granted-outside-personnel-access-department" in added
    assert "Identify each official who approved a disclosure." in added
    # what was written reads back as a bank, with the letter's wording exactly
    from oversight.banks.store import load_bank
    from oversight.errors import Problems

    problems = Problems()
    office = load_bank(bank, problems)
    assert office is not None and not problems.items
    q = office.questions["department-disclosed-taxpayer-information-agency"][1]
    assert q.text.startswith("Has the Department disclosed taxpayer information to any other")
    assert q.parts == [
        "Provide each written request.",
        "Identify each official who approved a disclosure.",
    ]
    assert main(["bank", "check", "office.yaml"]) == 0


def test_bank_add_asks_and_refuses_without_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _letter, bank = harvest_setup(tmp_path)
    before = bank.read_text()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["bank", "add", "letter.yaml", "--bank", "office.yaml"]) == 1
    err = capsys.readouterr().err
    assert "\noffice.yaml: nothing was added: there is no terminal" in err
    assert "--yes" in err
    assert bank.read_text() == before

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["bank", "add", "letter.yaml", "--bank", "office.yaml"]) == 0
    captured = capsys.readouterr()
    assert "Add them to office.yaml? [y/N]" in captured.err
    assert "nothing was added" in captured.out
    assert bank.read_text() == before

    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["bank", "add", "letter.yaml", "--bank", "office.yaml"]) == 0
    assert bank.read_text() != before
    capsys.readouterr()
    # again: everything is already there
    assert main(["bank", "add", "letter.yaml", "--bank", "office.yaml", "--yes"]) == 0
    assert "nothing to add to office.yaml" in capsys.readouterr().out


def test_bank_add_creates_a_new_bank_usable_by_a_letter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    harvest_setup(tmp_path)
    assert main(["bank", "add", "letter.yaml", "--yes"]) == 0
    created = tmp_path / "letter-questions.yaml"
    assert created.exists()
    assert "bank: letter-questions" in created.read_text()
    capsys.readouterr()
    write(
        tmp_path / "uses.yaml",
        MINIMAL
        + "banks: [letter-questions.yaml]\nquestions:\n  - use: letter-questions/preserve-records-relating-matters-described\n",
    )
    assert main(["validate", "uses.yaml"]) == 0, capsys.readouterr().err


def test_render_never_loads_rapidfuzz_or_ruamel(tmp_path: Path) -> None:
    import subprocess
    import sys

    from helpers import EXAMPLES

    code = (
        "import sys; from oversight.cli.main import main; "
        f"rc = main(['render', {str(EXAMPLES / 'irs-dhs-doge-letter.yaml')!r}, '-o', 'x.docx']); "
        "print(rc, sorted(m for m in ('rapidfuzz', 'ruamel') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr


_WATCH = """\
import sys
opened = []
def watch(event, args):
    if event in ("open", "os.scandir", "os.listdir") and args and isinstance(args[0], str):
        opened.append(args[0])
sys.addaudithook(watch)
import oversight.banks.finder as finder
loaded = []
real_load = finder.load_bank
finder.load_bank = lambda path, problems: (loaded.append(path.name), real_load(path, problems))[1]
from oversight.cli.main import main
from oversight.paths import shipped_banks
rc = main(["render", "letter.yaml", "-o", "letter.docx"])
banks = (str(shipped_banks()), sys.argv[1], sys.argv[2])  # bank folders, the bank cache
print(rc, sorted(m for m in ("rapidfuzz", "ruamel") if m in sys.modules))
print(sorted({p.rsplit("/", 1)[-1] for p in opened if p.startswith(banks)}))
print(sorted(loaded))
"""


def _render_watched(tmp_path: Path, letter: str) -> list[str]:
    """Render letter.yaml in a new process with a bank folder in OVERSIGHT_BANKS: its exit
    code and heavy modules; every bank file or folder it opened; the bank files it loaded."""
    import os
    import subprocess
    import sys

    banks = tmp_path / "banks"
    banks.mkdir()
    write(banks / "mybank.yaml", BANK)
    write(banks / "other.yaml", BANK.replace("bank: mybank", "bank: other"))
    write(tmp_path / "letter.yaml", letter)
    env = dict(os.environ, OVERSIGHT_BANKS=str(banks), OVERSIGHT_CACHE_DIR=str(tmp_path / "c"))
    result = subprocess.run(
        [sys.executable, "-c", _WATCH, str(banks), str(tmp_path / "c" / "banks")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-3:]


def test_a_letter_without_bank_questions_reads_no_bank_and_loads_neither_rapidfuzz_nor_ruamel(
    tmp_path: Path,
) -> None:
    rendered, opened, loaded = _render_watched(tmp_path, MINIMAL)
    assert rendered == "0 []"
    assert opened == "[]", "no bank file or folder is even listed"
    assert loaded == "[]"


def test_a_letter_loads_only_the_banks_its_questions_use(tmp_path: Path) -> None:
    letter = MINIMAL + "questions:\n  - use: mybank/records\n    with: {since: 2025-01-20}\n"
    rendered, opened, loaded = _render_watched(tmp_path, letter)
    assert rendered == "0 []"
    assert "'mybank.yaml'" in opened and "'other.yaml'" in opened  # each bank: line is read
    assert loaded == "['mybank.yaml']"


def test_a_bank_added_to_a_folder_is_found_by_the_next_letter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Folder listings are kept between letters in one process (the TUI, a batch) only while
    the folder is unchanged: a bank file added, then renamed, is seen at once."""
    folder = tmp_path / "banks"
    folder.mkdir()
    letter = write(
        tmp_path / "l.yaml",
        letter_with("  - use: mybank/records\n    with: {since: 2025-01-20}\n", "[banks]"),
    )
    assert main(["validate", str(letter)]) == 1
    assert "no question bank 'mybank'" in capsys.readouterr().err
    write(folder / "mine.yaml", BANK)
    assert main(["validate", str(letter)]) == 0, capsys.readouterr().err
    (folder / "mine.yaml").rename(folder / "mine.txt")
    assert main(["validate", str(letter)]) == 1
    assert "no question bank 'mybank'" in capsys.readouterr().err
