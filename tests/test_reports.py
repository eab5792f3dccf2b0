"""Report libraries and citations end to end: footnotes read back from the .docx, the
`oversight reports` commands, and CSL-JSON import."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import EXAMPLES, MINIMAL, NS, REPO, DocxView, W, write_text

from oversight.citations import registry
from oversight.cli.main import main

# ------------------------------------------------------------------------------------------
# Helpers

# One entry of every kind, as in docs/citations.md.
LIBRARY = """\
# A library with one entry of every kind (the examples of docs/citations.md).
reports:
  - id: wapo
    kind: news
    title: IRS rejected request for addresses of people believed to be in U.S. illegally
    publication: The Washington Post
    date: 2025-02-28
    author: [Jacob Bogage, Jeff Stein]
    url: https://www.washingtonpost.com/example
  - id: gao
    kind: gao
    title: "IRS Cybersecurity: Actions Needed to Address Longstanding Weaknesses"
    number: GAO-25-107000
    date: 2025-03
    url: https://www.gao.gov/products/gao-25-107000
  - id: tigta
    kind: ig
    title: Controls Over Access to Taxpayer Data Need Improvement
    agency: Treasury Inspector General for Tax Administration
    number: Report No. 2025-IE-R011
    date: 2025-06-04
  - id: crs
    kind: crs
    title: "Confidentiality of Tax Returns: Overview of 26 U.S.C. 6103"
    number: R47000
    author: [Jane Smith, Sam Lee]
    date: 2025-09-02
  - id: centro
    kind: court
    case: Centro de Trabajadores Unidos v. Bessent
    court: D.D.C.
    docket: No. 1:25-cv-00677
    document: Defendants' Opposition to Plaintiffs' Motion for a Preliminary Injunction
    date: 2025-04-07
  - id: irc-6103
    kind: statute
    title: "26"
    code: U.S.C.
    section: "6103"
    name: Internal Revenue Code
  - id: reg-6103
    kind: regulation
    title: "26"
    code: C.F.R.
    section: 301.6103(i)-1
    year: "2024"
  - id: wyden-letter
    kind: letter
    from: Sen. Ron Wyden, Ranking Member, Senate Committee on Finance
    to: Scott Bessent, Secretary of the Treasury
    date: 2025-03-01
    subject: Access to Treasury payment systems
  - id: long-hearing
    kind: hearing
    title: Nomination of Billy Long
    committee: Senate Committee on Finance
    date: 2025-05-20
    witness: Billy Long
  - id: finance-pr
    kind: press-release
    title: Wyden Demands Answers on DOGE Access to Taxpayer Data
    publisher: Senate Finance Committee
    date: 2025-02-03
    url: https://www.finance.senate.gov/example
  - id: irs-safeguards
    kind: web
    title: Safeguards Program
    publisher: Internal Revenue Service
    url: https://www.irs.gov/privacy-disclosure/safeguards-program
    accessed: 2025-08-12
  - id: doe-privacy
    kind: article
    title: Taxpayer Privacy and the Unitary Executive
    publication: Admin. L. Rev.
    volume: 77
    page: 345
    date: 2025
    author: [Jane Doe, Sam Roe]
  - id: marantz-doge
    kind: article
    title: Inside DOGE
    publication: The New Yorker
    date: 2025-03-03
    author: Andrew Marantz
    url: https://www.newyorker.com/example
  - id: eo-14158
    kind: executive-order
    number: 14158
    title: Establishing and Implementing the President's "Department of Government Efficiency"
    volume: 90
    page: 8441
    date: 2025-01-20
  - id: irs-records-notice
    kind: fed-reg
    agency: Internal Revenue Service
    title: Privacy Act of 1974; System of Records
    volume: 90
    page: 1234
    date: 2025-02-03
    docket: IRS-2025-0001
    rin: 1545-BQ00
  - id: doe-complaint
    kind: court
    case: Doe v. Dep't of the Treasury
    court: D.D.C.
    docket: No. 1:25-cv-00313
    document: Compl.
    filed: 2025-02-03
  - id: staff-call
    kind: note
    text: Committee staff spoke with IRS officials on June 3, 2025, who called the review *routine*.
"""

FULL = {
    "wapo": "Jacob Bogage & Jeff Stein, “IRS rejected request for addresses of people believed "
    "to be in U.S. illegally,” *The Washington Post* (Feb. 28, 2025), "
    "https://www.washingtonpost.com/example.",
    "gao": "U.S. Gov’t Accountability Off., GAO-25-107000, *IRS Cybersecurity: Actions Needed "
    "to Address Longstanding Weaknesses* (Mar. 2025), https://www.gao.gov/products/gao-25-107000.",
    "tigta": "Treasury Inspector General for Tax Administration, Report No. 2025-IE-R011, "
    "*Controls Over Access to Taxpayer Data Need Improvement* (June 4, 2025).",
    "crs": "Jane Smith & Sam Lee, Cong. Rsch. Serv., R47000, *Confidentiality of Tax Returns: "
    "Overview of 26 U.S.C. 6103* (Sept. 2, 2025).",
    "centro": "*Centro de Trabajadores Unidos v. Bessent*, No. 1:25-cv-00677, Defendants’ "
    "Opposition to Plaintiffs’ Motion for a Preliminary Injunction (D.D.C. Apr. 7, 2025).",
    "irc-6103": "Internal Revenue Code, 26 U.S.C. § 6103.",
    "reg-6103": "26 C.F.R. § 301.6103(i)-1 (2024).",
    "wyden-letter": "Letter from Sen. Ron Wyden, Ranking Member, Senate Committee on Finance, to "
    "Scott Bessent, Secretary of the Treasury, “Access to Treasury payment systems” "
    "(Mar. 1, 2025).",
    "long-hearing": "*Nomination of Billy Long: Hearing Before the Senate Committee on Finance*, "
    "119th Cong. (2025) (statement of Billy Long).",
    "finance-pr": "Press Release, Senate Finance Committee, *Wyden Demands Answers on DOGE "
    "Access to Taxpayer Data* (Feb. 3, 2025), https://www.finance.senate.gov/example.",
    "irs-safeguards": "Internal Revenue Service, *Safeguards Program*, "
    "https://www.irs.gov/privacy-disclosure/safeguards-program (last visited Aug. 12, 2025).",
    "doe-privacy": "Jane Doe & Sam Roe, “Taxpayer Privacy and the Unitary Executive,” 77 "
    "*Admin. L. Rev.* 345 (2025).",
    "marantz-doge": "Andrew Marantz, “Inside DOGE,” *The New Yorker* (Mar. 3, 2025), "
    "https://www.newyorker.com/example.",
    "eo-14158": "Exec. Order No. 14,158, Establishing and Implementing the President’s "
    "“Department of Government Efficiency,” 90 Fed. Reg. 8441 (Jan. 20, 2025).",
    "irs-records-notice": "Internal Revenue Service, Privacy Act of 1974; System of Records, "
    "90 Fed. Reg. 1234 (Feb. 3, 2025) (Docket No. IRS-2025-0001; RIN 1545-BQ00).",
    "doe-complaint": "*Doe v. Dep’t of the Treasury*, No. 1:25-cv-00313, Compl. "
    "(D.D.C. filed Feb. 3, 2025).",
    "staff-call": "Committee staff spoke with IRS officials on June 3, 2025, who called the "
    "review *routine*.",
}
KIND_OF = {
    "wapo": "news",
    "gao": "gao",
    "tigta": "ig",
    "crs": "crs",
    "centro": "court",
    "irc-6103": "statute",
    "reg-6103": "regulation",
    "wyden-letter": "letter",
    "long-hearing": "hearing",
    "finance-pr": "press-release",
    "irs-safeguards": "web",
    "doe-privacy": "article",
    "marantz-doge": "article",
    "eo-14158": "executive-order",
    "irs-records-notice": "fed-reg",
    "doe-complaint": "court",
    "staff-call": "note",
}


def letter_yaml(body: str, extra: str = "", reports: str = "[library.yaml]") -> str:
    """MINIMAL with another body, extra top-level keys and a reports list."""
    text = MINIMAL.replace(
        "body: |\n  We write to ask about records.\n",
        "body: |\n" + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n",
    )
    return text + textwrap.dedent(extra) + f"reports: {reports}\n"


write = write_text


def marked(view: DocxView) -> list[str]:
    """Every footnote's text in order, italic runs as *text*."""
    out = []
    for fn in view.footnotes_xml.findall("w:footnote", NS):
        if int(fn.get(f"{{{W}}}id")) <= 0:
            continue
        pieces: list[str] = []
        for run in fn.iter(f"{{{W}}}r"):
            text = "".join(t.text or "" for t in run.findall("w:t", NS))
            if not text:
                continue
            italic = run.find("w:rPr/w:i", NS) is not None
            pieces.append(f"*{text}*" if italic else text)
        out.append("".join(pieces).strip().replace("**", ""))
    return out


def notes_by_paragraph(view: DocxView) -> list[tuple[int, str, str]]:
    """(footnote number, paragraph style, paragraph text) for every reference, in order."""
    out = []
    for p in view.document.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        name = style.get(f"{{{W}}}val") if style is not None else ""
        for ref in p.iter(f"{{{W}}}footnoteReference"):
            out.append((int(ref.get(f"{{{W}}}id")), name, DocxView.text_of(p)))
    return out


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write(tmp_path / "library.yaml", LIBRARY)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ------------------------------------------------------------------------------------------
# Footnotes in every place text allows them


def test_footnotes_in_every_place_in_order(tmp_path: Path, library: Path, render) -> None:
    letter = write(
        tmp_path / "places.yaml",
        letter_yaml(
            "We write about the request.[@wapo]",
            extra="""\
            questions:
              - text: Who approved it?[@gao]
                parts:
                  - Identify each official.[@tigta]
              - heading: Access to systems[@crs]
                questions:
                  - Which systems were reached?[@centro]
            after_questions: |
              Thank you for your attention.[@irc-6103]
            contact: Please contact our staff.[@irs-safeguards]
            """,
        ),
    )
    view = render(letter)
    refs = notes_by_paragraph(view)
    assert [n for n, _, _ in refs] == [1, 2, 3, 4, 5, 6, 7]
    assert view.footnote_refs() == [1, 2, 3, 4, 5, 6, 7]
    places = [(style, text) for _, style, text in refs]
    assert places == [
        ("BodyText", "We write about the request."),
        ("Question", "Who approved it?"),
        ("QuestionPart", "Identify each official."),
        ("QuestionHeading", "Access to systems"),
        ("Question", "Which systems were reached?"),
        ("BodyText", "Thank you for your attention."),
        ("BodyText", "Please contact our staff."),
    ]
    order = ["wapo", "gao", "tigta", "crs", "centro", "irc-6103", "irs-safeguards"]
    assert marked(view) == [FULL[r] for r in order]


# ------------------------------------------------------------------------------------------
# Short forms, decided from the footnotes as printed


def test_id_after_the_same_source(tmp_path: Path, library: Path, render) -> None:
    view = render(
        write(
            tmp_path / "id.yaml",
            letter_yaml(
                "One.[@gao] Two.[@gao, 12] Three.[See @gao] Four.[@gao (finding gaps)]",
                extra="questions:\n  - Five?[@gao, 14]\n",
            ),
        )
    )
    assert marked(view) == [
        FULL["gao"],
        "*Id.* at 12.",
        "*See id.*",
        "*Id.* (finding gaps).",
        "*Id.* at 14.",  # numbering and Id. run on from the body into the questions
    ]


def test_supra_after_an_intervening_note(tmp_path: Path, library: Path, render) -> None:
    view = render(
        write(
            tmp_path / "supra.yaml",
            letter_yaml(
                "A.[@wapo] B.[@gao] C.[@wapo, 6] D.[@irc-6103, (i)(2)] E.[@centro] "
                "F.[@irc-6103, (i)(7)] G.[@centro, 4]"
            ),
        )
    )
    assert marked(view) == [
        FULL["wapo"],
        FULL["gao"],
        "Bogage & Stein, *supra* note 1, at 6.",
        "Internal Revenue Code, 26 U.S.C. § 6103(i)(2).",
        FULL["centro"],
        "26 U.S.C. § 6103(i)(7).",  # statutes are never supra
        "*Centro de Trabajadores Unidos*, No. 1:25-cv-00677, at 4.",  # nor cases
    ]


def test_multi_source_note_then_one_of_its_sources(tmp_path: Path, library: Path, render) -> None:
    view = render(
        write(
            tmp_path / "multi.yaml",
            letter_yaml(
                "A.[@wapo] B.[@wapo; see also @gao, at 12] C.[@gao] D.[@gao] "
                "E.[See @wapo; but see @crs; see generally @tigta]"
            ),
        )
    )
    assert marked(view) == [
        FULL["wapo"],
        # Bluebook 4.1: Id. may open a string cite after a note citing only that source.
        "*Id.*; *see also* U.S. Gov’t Accountability Off., GAO-25-107000, *IRS "
        "Cybersecurity: Actions Needed to Address Longstanding Weaknesses* (Mar. 2025), at 12, "
        "https://www.gao.gov/products/gao-25-107000.",
        # Note 2 cited two sources, so no Id. for its second source.
        "GAO-25-107000, *supra* note 2.",
        "*Id.*",
        "*See* Bogage & Stein, *supra* note 1. *But see* Jane Smith & Sam Lee, Cong. Rsch. "
        "Serv., R47000, *Confidentiality of Tax Returns: Overview of 26 U.S.C. 6103* "
        "(Sept. 2, 2025). *See generally* Treasury Inspector General for Tax Administration, "
        "Report No. 2025-IE-R011, *Controls Over Access to Taxpayer Data Need Improvement* "
        "(June 4, 2025).",
    ]


def test_the_worked_sequence_of_the_docs(tmp_path: Path, library: Path, render) -> None:
    """docs/citations.md, "A worked sequence", through a real letter."""
    view = render(
        write(
            tmp_path / "worked.yaml",
            letter_yaml(
                "One.[See @wapo, at 3 (reporting that IRS leaders rejected the request)]\n"
                "Two.[@wapo, 4]\n"
                "Three.[@wapo; see also @gao, at 12]",
                extra="""\
                questions:
                  - Four?[@gao]
                  - text: Five?[@wapo, 6]
                    parts:
                      - Six.[See @irc-6103, (i)(2); cf. @crs]
                      - Seven.[@irc-6103, (i)(7)]
                """,
            ),
        )
    )
    notes = marked(view)
    assert notes[0] == (
        "*See* Jacob Bogage & Jeff Stein, “IRS rejected request for addresses of people believed "
        "to be in U.S. illegally,” *The Washington Post* (Feb. 28, 2025), at 3, "
        "https://www.washingtonpost.com/example (reporting that IRS leaders rejected the request)."
    )
    assert notes[1:] == [
        "*Id.* at 4.",
        "*Id.*; *see also* U.S. Gov’t Accountability Off., GAO-25-107000, *IRS Cybersecurity: "
        "Actions Needed to Address Longstanding Weaknesses* (Mar. 2025), at 12, "
        "https://www.gao.gov/products/gao-25-107000.",
        "GAO-25-107000, *supra* note 3.",
        "Bogage & Stein, *supra* note 1, at 6.",
        "*See* Internal Revenue Code, 26 U.S.C. § 6103(i)(2); *cf.* Jane Smith & Sam Lee, Cong. "
        "Rsch. Serv., R47000, *Confidentiality of Tax Returns: Overview of 26 U.S.C. 6103* "
        "(Sept. 2, 2025).",
        "26 U.S.C. § 6103(i)(7).",
    ]


def test_hereinafter_is_printed_only_when_the_letter_uses_the_short_form(
    tmp_path: Path, library: Path, render
) -> None:
    """The first citation is written once the whole letter's citations are known."""
    entry = """\
        reports:
          - library.yaml
          - id: jct
            kind: web
            title: Confidentiality Study of Section 6103
            publisher: Joint Committee on Taxation
            short: JCT Confidentiality Study
        """

    def letter(name: str, body: str, extra: str = "") -> Path:
        text = letter_yaml(body, extra=extra, reports="[]")
        return write(tmp_path / name, text.replace("reports: []\n", textwrap.dedent(entry)))

    # Cited once, or again only as *Id.*: the short form is never used, so not announced.
    single = render(letter("single.yaml", "One.[@jct] Two.[@jct, 4] Three.[@gao]"))
    assert marked(single)[:2] == [
        "Joint Committee on Taxation, *Confidentiality Study of Section 6103*.",
        "*Id.* at 4.",
    ]
    later = render(
        letter("later.yaml", "One.[@jct]", "questions:\n  - Two?[@gao]\n  - Three?[See @jct, 4]\n")
    )
    assert marked(later) == [
        "Joint Committee on Taxation, *Confidentiality Study of Section 6103* "
        "[hereinafter *JCT Confidentiality Study*].",
        FULL["gao"],
        "*See* *JCT Confidentiality Study*, *supra* note 1, at 4.",
    ]


# ------------------------------------------------------------------------------------------
# Every kind through a letter


def test_every_kind_renders_full_then_short(tmp_path: Path, library: Path, render) -> None:
    ids = list(FULL)
    first = " ".join(f"Claim {i}.[@{rid}]" for i, rid in enumerate(ids, 1))
    pins = {
        "irc-6103": "(i)(2)",
        "reg-6103": "(b)",
        "doe-privacy": "350",
        "eo-14158": "§ 3",
        "irs-records-notice": "1236",
        "doe-complaint": "¶ 12",
    }
    again = " ".join(f"Again {i}.[@{rid}, {pins.get(rid, '5')}]" for i, rid in enumerate(ids, 1))
    view = render(write(tmp_path / "kinds.yaml", letter_yaml(f"{first}\n\n{again}")))
    notes = marked(view)
    assert notes[: len(ids)] == [FULL[r] for r in ids]
    assert notes[len(ids) :] == [
        "Bogage & Stein, *supra* note 1, at 5.",
        "GAO-25-107000, *supra* note 2, at 5.",
        "Report No. 2025-IE-R011, *supra* note 3, at 5.",
        "R47000, *supra* note 4, at 5.",
        "*Centro de Trabajadores Unidos*, No. 1:25-cv-00677, at 5.",
        "26 U.S.C. § 6103(i)(2).",
        "26 C.F.R. § 301.6103(i)-1(b).",
        "Letter from Sen. Ron Wyden, Ranking Member, Senate Committee on Finance, to Scott "
        "Bessent, Secretary of the Treasury, *supra* note 8, at 5.",
        "*Nomination of Billy Long*, *supra* note 9, at 5.",
        "*Wyden Demands Answers on DOGE Access to Taxpayer Data*, *supra* note 10, at 5.",
        "*Safeguards Program*, *supra* note 11, at 5.",
        "Doe & Roe, *supra* note 12, at 350.",
        "Marantz, *supra* note 13, at 5.",
        "Exec. Order No. 14,158, § 3.",
        "90 Fed. Reg. at 1236.",
        "*Doe*, No. 1:25-cv-00313, ¶ 12.",
        FULL["staff-call"],  # a note is printed as written, every time
    ]
    assert {KIND_OF[r] for r in ids} == set(registry.names())


# ------------------------------------------------------------------------------------------
# A library shared by two letters

SHARED = """\
reports:
  - id: wapo
    kind: news
    title: IRS rejected request
    publication: The Washington Post
    date: 2025-02-28
    author: [Jacob Bogage, Jeff Stein]
  - id: gao
    kind: gao
    title: IRS Cybersecurity
    number: GAO-25-107000
    date: 2025-03
  - id: irc-6103
    kind: statute
    title: "26"
    code: U.S.C.
    section: "6103"
    name: Internal Revenue Code
  - id: unused-one
    kind: web
    title: Safeguards Program
    publisher: Internal Revenue Service
"""


@pytest.fixture
def shared(tmp_path: Path) -> tuple[Path, Path, Path]:
    lib = write(tmp_path / "reports" / "shared.yaml", SHARED)
    a = write(
        tmp_path / "letters" / "a.yaml",
        letter_yaml(
            "The Post reported it.[@wapo] GAO agreed.[@gao, 4] Again.[@wapo, 2]",
            reports="[../reports/shared.yaml]",
        ),
    )
    b = write(
        tmp_path / "letters" / "b.yaml",
        letter_yaml(
            "GAO found it.[@gao] The law forbids it.[See @irc-6103, (a)]",
            extra="questions:\n  - Why?[@gao, 7]\n",
            reports="[../reports/shared.yaml]",
        ),
    )
    return lib, a, b


def test_shared_library_is_cited_correctly_from_both_letters(shared, render) -> None:
    _lib, a, b = shared
    assert marked(render(a)) == [
        "Jacob Bogage & Jeff Stein, “IRS rejected request,” *The Washington Post* (Feb. 28, 2025).",
        "U.S. Gov’t Accountability Off., GAO-25-107000, *IRS Cybersecurity* (Mar. 2025), at 4.",
        "Bogage & Stein, *supra* note 1, at 2.",
    ]
    # Letter b numbers its own footnotes: GAO is cited in full again, as note 1.
    assert marked(render(b)) == [
        "U.S. Gov’t Accountability Off., GAO-25-107000, *IRS Cybersecurity* (Mar. 2025).",
        "*See* Internal Revenue Code, 26 U.S.C. § 6103(a).",
        "GAO-25-107000, *supra* note 1, at 7.",
    ]


def test_shared_library_checked_with_both_letters(shared, capsys, monkeypatch) -> None:
    lib, _a, _b = shared
    monkeypatch.chdir(lib.parent.parent)
    code, out, err = run_cli(
        capsys, "reports", "check", "reports/shared.yaml", "letters/a.yaml", "letters/b.yaml"
    )
    assert code == 0, err
    assert out.strip() == "checked 2 letters and 1 library: 1 warning"
    lines = err.splitlines()
    assert lines[0] == (
        "reports/shared.yaml:19:5: warning: reports[3]: report 'unused-one' is not cited by "
        "letters/a.yaml, letters/b.yaml"
    )
    assert "wapo" not in err and "'gao'" not in err and "irc-6103" not in err

    # One letter alone: the entries only b cites are unused as far as a is concerned.
    code, out, err = run_cli(capsys, "reports", "check", "reports/shared.yaml", "letters/a.yaml")
    assert code == 0
    assert "'irc-6103' is not cited by letters/a.yaml" in err
    assert "'unused-one' is not cited" in err
    # Letters only, or the library only: nothing is unused.
    code, out, err = run_cli(capsys, "reports", "check", "letters/a.yaml", "letters/b.yaml")
    assert (code, err) == (0, "")
    assert out.strip() == "checked 2 letters: ok"
    code, out, err = run_cli(capsys, "reports", "check", "reports/shared.yaml")
    assert (code, err, out.strip()) == (0, "", "checked 1 library: ok")


# ------------------------------------------------------------------------------------------
# reports check: each problem


def test_check_dangling_citation_names_the_letter_line(tmp_path, library, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "l.yaml",
        letter_yaml(
            "Fine.[@wapo]",
            extra="questions:\n  - text: Who?\n    parts:\n      - Which?[See @wapoo; @gone]\n",
        ),
    )
    code, out, err = run_cli(capsys, "reports", "check", "l.yaml", "library.yaml")
    assert code == 1
    # Each at its own '@': the column of the id in the letter.
    assert (
        "l.yaml:15:20: questions[0].parts[0]: citation [@wapoo]: no report with id 'wapoo'" in err
    )
    assert "hint: did you mean 'wapo'?" in err
    assert "l.yaml:15:28: questions[0].parts[0]: citation [@gone]: no report with id 'gone'" in err
    assert "2 errors" in out


def test_check_unused_inline_entry_is_a_warning(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "l.yaml",
        letter_yaml(
            "Cited.[@a]",
            reports="""
              - {id: a, kind: web, title: A, publisher: P}
              - {id: b, kind: web, title: B, publisher: P}""",
        ),
    )
    code, out, err = run_cli(capsys, "reports", "check", "l.yaml")
    assert code == 0
    assert err.splitlines()[0] == "l.yaml:14:17: warning: reports[1]: report 'b' is never cited"
    assert out.strip() == "checked 1 letter: 1 warning"


def test_check_duplicate_ids_name_both_places(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "one.yaml", "reports:\n  - {id: x, kind: web, title: A, publisher: P}\n")
    write(
        tmp_path / "two.yaml",
        "reports:\n"
        "  - {id: y, kind: web, title: Y, publisher: P}\n"
        "  - {id: x, kind: web, title: B, publisher: P}\n",
    )
    write(tmp_path / "same.yaml", "reports:\n  - {id: x, kind: web, title: A, publisher: P}\n")
    code, _out, err = run_cli(capsys, "reports", "check", "one.yaml", "two.yaml", "same.yaml")
    assert code == 1
    assert err.splitlines()[0] == (
        "two.yaml:3:5: reports[1]: report id 'x' is defined twice (also at one.yaml:2)"
    )
    assert "same.yaml" not in err  # the identical entry reached twice is fine
    # The same inside one letter: its inline entry against its library.
    write(
        tmp_path / "l.yaml",
        letter_yaml(
            "Hi.[@x]", reports="\n  - one.yaml\n  - {id: x, kind: web, title: C, publisher: P}"
        ),
    )
    code, _out, err = run_cli(capsys, "reports", "check", "l.yaml")
    assert code == 1
    assert "l.yaml:14:5: reports[1]: report id 'x' is defined twice (also at one.yaml:2)" in err
    assert err.count("defined twice") == 1


def test_check_missing_fields_and_unknown_kind(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "lib.yaml",
        "reports:\n"
        "  - id: g\n    kind: gao\n    title: T\n    date: 2025-03\n"
        "  - id: n\n    kind: newz\n    title: T\n",
    )
    code, out, err = run_cli(capsys, "reports", "check", "lib.yaml")
    assert code == 1
    assert "lib.yaml:2:5: reports[0]: a GAO report needs 'number'" in err
    assert "hint: add 'number:' to report 'g'" in err
    assert "lib.yaml:7:11: reports[1].kind: unknown kind 'newz'" in err
    assert "did you mean 'news'?" in err
    assert out.strip() == "checked 1 library: 2 errors"


def test_check_same_url_under_two_ids(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "a.yaml",
        "reports:\n"
        "  - {id: p1, kind: web, title: A, publisher: P, url: 'https://www.irs.gov/x/'}\n",
    )
    write(
        tmp_path / "b.yaml",
        "reports:\n"
        "  - {id: p2, kind: web, title: B, publisher: P, url: 'http://irs.gov/x'}\n"
        "  - {id: p3, kind: web, title: C, publisher: P, url: 'https://irs.gov/y'}\n",
    )
    code, out, err = run_cli(capsys, "reports", "check", "a.yaml", "b.yaml")
    assert code == 0
    assert err.splitlines()[0].startswith(
        "b.yaml:2:54: warning: reports[0].url: report 'p2' has the same URL as report 'p1' "
        "(a.yaml:2)"
    )
    assert "p3" not in err
    assert out.strip() == "checked 2 libraries: 1 warning"


def test_check_letter_with_other_errors_is_reported(tmp_path, library, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "l.yaml", letter_yaml("Hi.[@wapo]").replace("date: 2025-03-20", "date: x"))
    code, _out, err = run_cli(capsys, "reports", "check", "library.yaml", "l.yaml")
    assert code == 1
    assert err.startswith("l.yaml:1:7: date:")
    assert "unused library entries not checked: l.yaml has errors to fix first" in err
    assert "not cited" not in err


def test_check_examples_are_clean_but_for_follow_up_sources(capsys, monkeypatch) -> None:
    monkeypatch.chdir(EXAMPLES)
    letters = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
    code, _out, err = run_cli(capsys, "reports", "check", *letters, "reports/irs-dhs.yaml")
    assert code == 0, err
    # The two court filings are kept for follow-up letters (see the library's comments).
    assert [line.split(": ")[3] for line in err.splitlines() if "warning" in line] == [
        "report 'centro-complaint' is not cited by irs-dhs-doge-letter.yaml",
        "report 'centro-mou-filing' is not cited by irs-dhs-doge-letter.yaml",
    ]


# ------------------------------------------------------------------------------------------
# reports list / show


def test_list_prints_id_kind_citation_and_place(library, capsys, monkeypatch) -> None:
    monkeypatch.chdir(library.parent)
    code, out, err = run_cli(capsys, "reports", "list", "library.yaml")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(FULL)
    assert lines[0] == (
        "wapo                news             " + FULL["wapo"].replace("*", "") + "  library.yaml:3"
    )
    assert lines[5].startswith(
        "irc-6103            statute          Internal Revenue Code, 26 U.S.C."
    )
    assert lines[5].endswith("  library.yaml:35")
    for line, rid in zip(lines, FULL, strict=True):
        assert line.split()[:2] == [rid, KIND_OF[rid]]
        assert FULL[rid].replace("*", "") in line


def test_list_a_letter_shows_inline_library_and_bank_entries(capsys, monkeypatch) -> None:
    monkeypatch.chdir(EXAMPLES)
    code, out, _err = run_cli(capsys, "reports", "list", "irs-dhs-doge-letter.yaml")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids[:2] == ["wapo-irs-rejects-dhs", "wapo-irs-lawyer-doge"]
    assert "irs-pub-1075" in ids  # from the irs-data-sharing bank the letter uses
    assert len(ids) == len(set(ids))


def test_list_reports_broken_entries_and_exits_1(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "lib.yaml",
        "reports:\n  - {id: ok, kind: web, title: T, publisher: P}\n  - {id: bad, kind: web}\n",
    )
    code, out, err = run_cli(capsys, "reports", "list", "lib.yaml")
    assert code == 1
    assert out.startswith("ok  web  P, T.  lib.yaml:2")
    assert "lib.yaml:3:5: reports[1]: a web page needs 'title'" in err


def test_list_refuses_what_is_not_a_letter_or_library(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "x.yaml", "- just\n- a list\n")
    code, _out, err = run_cli(capsys, "reports", "list", "x.yaml", "missing.yaml")
    assert code == 1
    assert "x.yaml:1:1: neither a letter nor a report library" in err
    assert "missing.yaml: no such file" in err


def test_show_prints_forms_fields_and_place(library, capsys, monkeypatch) -> None:
    monkeypatch.chdir(library.parent)
    code, out, err = run_cli(capsys, "reports", "show", "gao", "library.yaml")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "gao: GAO report (kind: gao), defined at library.yaml:10"
    plain = FULL["gao"].replace("*", "")
    assert f"first citation [@gao]:\n  {plain}\n" in out
    assert "later (note 1 = the first citation):\n  GAO-25-107000, supra note 1.\n" in out
    assert "later, with a pin [@gao, 5]:\n  GAO-25-107000, supra note 1, at 5.\n" in out
    assert "right after itself:\n  Id.\n" in out
    assert "  number: GAO-25-107000\n" in out and "  date:   2025-03\n" in out
    assert "a GAO report needs: title, number, date" in out
    assert "it may also have: short" in out


def test_show_statute_and_court_forms(library, capsys, monkeypatch) -> None:
    monkeypatch.chdir(library.parent)
    _code, out, _err = run_cli(capsys, "reports", "show", "irc-6103", "library.yaml")
    assert "later, with a pin [@irc-6103, (a)]:\n  26 U.S.C. § 6103(a).\n" in out
    assert "right after itself, with a pin [@irc-6103, (a)]:\n  Id. § 6103(a).\n" in out
    assert "short" not in out.split("fields:")[1]  # statutes have no short title
    _code, out, _err = run_cli(capsys, "reports", "show", "centro", "library.yaml")
    assert "later (note 1 = the first citation):\n  Centro de Trabajadores Unidos, No. " in out


def test_show_new_kinds_and_a_short_title(tmp_path, library, capsys, monkeypatch) -> None:
    monkeypatch.chdir(library.parent)
    _code, out, _err = run_cli(capsys, "reports", "show", "staff-call", "library.yaml")
    assert "every citation [@staff-call]:\n  Committee staff spoke with IRS officials" in out
    assert "later" not in out and "Id." not in out  # a note is printed as written, every time
    _code, out, _err = run_cli(capsys, "reports", "show", "eo-14158", "library.yaml")
    assert "eo-14158: executive order (kind: executive-order)" in out
    assert "later, with a pin [@eo-14158, § 3]:\n  Exec. Order No. 14,158, § 3.\n" in out
    assert "an executive order needs: number, volume, page, date" in out
    write(
        tmp_path / "short.yaml",
        "reports:\n  - {id: s, kind: web, title: Long Title, publisher: P, short: Short}\n",
    )
    _code, out, _err = run_cli(capsys, "reports", "show", "s", "short.yaml")
    # The announcement only when a later citation uses the short form: both shown.
    assert "first citation [@s], cited once:\n  P, Long Title.\n" in out
    assert (
        "first citation, when a later one uses the short form:\n"
        "  P, Long Title [hereinafter Short].\n"
    ) in out
    assert "later (note 1 = the first citation):\n  Short, supra note 1.\n" in out


def test_show_unknown_id_suggests_and_exits_1(library, capsys, monkeypatch) -> None:
    monkeypatch.chdir(library.parent)
    code, out, err = run_cli(capsys, "reports", "show", "irc", "library.yaml")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "library.yaml: no report 'irc'",
        "    hint: did you mean 'irc-6103'?",
    ]


def test_show_without_files_searches_libraries_here(tmp_path, library, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "reports" / "more.yaml", SHARED.replace("unused-one", "safeguards"))
    write(tmp_path / "letter.yaml", letter_yaml("x"))  # a letter: not searched
    code, out, _err = run_cli(capsys, "reports", "show", "safeguards")
    assert code == 0
    assert "defined at reports/more.yaml:19" in out
    code, out, _err = run_cli(capsys, "reports", "show", "tigta")
    assert code == 0 and "library.yaml:16" in out


def test_reports_without_a_command_prints_usage(capsys) -> None:
    code, out, _err = run_cli(capsys, "reports")
    assert code == 2
    for command in ("list", "show", "check", "import"):
        assert command in out


def test_reports_list_loads_neither_the_render_pipeline_nor_ruamel() -> None:
    """Only `oversight reports` loads the reports commands; `list` and `show` read entries and
    write their forms, without Jinja, the renderer or ruamel.yaml (`check` renders, `import`
    rewrites a library: each imports its module when it runs). markdown-it's smartquotes may
    load, for a title with a straight quote in it (docs/architecture.md, lazy imports)."""
    code = (
        "import sys\n"
        "from oversight.cli.main import main\n"
        f"rc = main(['reports', 'list', {str(EXAMPLES / 'reports' / 'irs-dhs.yaml')!r}])\n"
        "heavy = ('jinja2', 'mdit_py_plugins', 'ruamel', 'oversight.render', 'oversight.citations.check')\n"
        "print(rc, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr


# ------------------------------------------------------------------------------------------
# CSL-JSON import

ZOTERO = [
    {
        "id": "http://zotero.org/users/1234567/items/ABCD2345",
        "type": "article-newspaper",
        "title": "IRS rejected request for addresses of people believed to be in U.S. illegally",
        "container-title": "The Washington Post",
        "URL": "https://www.washingtonpost.com/business/2025/02/28/irs-dhs/",
        "author": [{"family": "Bogage", "given": "Jacob"}, {"family": "Stein", "given": "Jeff"}],
        "issued": {"date-parts": [["2025", 2, 28]]},
        "accessed": {"date-parts": [[2025, 3, 1]]},
    },
    {
        "id": "1234567/EFGH6789",
        "type": "report",
        "title": "IRS Cybersecurity: Actions Needed to Address Longstanding Weaknesses",
        "publisher": "U.S. Government Accountability Office",
        "number": "GAO-25-107000",
        "issued": {"date-parts": [[2025, 3]]},
        "URL": "https://www.gao.gov/products/gao-25-107000",
    },
    {
        "id": "smithConfidentialityTaxReturns2025",
        "type": "report",
        "title": "Confidentiality of Tax Returns: Overview of 26 U.S.C. 6103",
        "publisher": "Library of Congress",
        "number": "R47000",
        "author": [{"family": "Smith", "given": "Jane"}, {"family": "Lee", "given": "Sam"}],
        "issued": {"date-parts": [[2025, 9, 2]]},
    },
    {
        "id": "1234567/IJKL2345",
        "type": "report",
        "genre": "Evaluation and Inspection Report",
        "title": "Controls Over Access to Taxpayer Data Need Improvement",
        "publisher": "Treasury Inspector General for Tax Administration",
        "number": "Report No. 2025-IE-R011",
        "issued": {"date-parts": [[2025, 6, 4]]},
    },
    {
        "id": "1234567/JKLM2345",
        "type": "legal_case",
        "title": "Centro de Trabajadores Unidos v. Bessent",
        "authority": "D.D.C.",
        "number": "1:25-cv-00677",
        "issued": {"date-parts": [[2025, 3, 7]]},
    },
    {
        "id": "1234567/NPQR2345",
        "type": "legislation",
        "title": "Internal Revenue Code",
        "container-title": "United States Code",
        "volume": "26",
        "section": "6103",
    },
    {
        "id": "1234567/STUV2345",
        "type": "webpage",
        "genre": "Press release",
        "title": "Wyden Demands Answers on DOGE Access to Taxpayer Data",
        "container-title": "Senate Finance Committee",
        "issued": {"date-parts": [[2025, 2, 3]]},
        "URL": "https://www.finance.senate.gov/example",
    },
    {
        "id": "1234567/WXYZ2345",
        "type": "book",
        "title": "The <i>Internal Revenue Service</i>: A History",
        "publisher": "Brookings Institution Press",
        "author": [{"family": "Doe", "given": "John"}],
        "issued": {"date-parts": [[2019]]},
    },
    {
        "id": "1234567/CCCC2345",
        "type": "letter",
        "title": "Access to Treasury payment systems",
        "author": [{"literal": "Sen. Ron Wyden"}],
        "recipient": [{"literal": "Scott Bessent, Secretary of the Treasury"}],
        "issued": {"date-parts": [[2025, 3, 1]]},
    },
]


@pytest.fixture
def zotero(tmp_path: Path) -> Path:
    return write(tmp_path / "zotero.json", json.dumps(ZOTERO, indent=2) + "\n")


def test_import_a_zotero_export_then_render_a_letter(
    tmp_path, zotero, capsys, monkeypatch, render
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "reports", "import", "zotero.json", "-o", "sources.yaml")
    assert code == 0, err
    assert out.strip() == "wrote sources.yaml: 9 entries added"
    warnings = [line for line in err.splitlines() if "warning" in line]
    source = zotero.read_text(encoding="utf-8").splitlines()
    court = source.index('    "id": "1234567/JKLM2345",')  # 0-based: the line after "{"
    book = source.index('    "id": "1234567/WXYZ2345",')
    assert source[court - 1] == source[book - 1] == "  {"
    assert warnings == [
        f"zotero.json:{court}:3: warning: item 5 (id 1234567/JKLM2345) “Centro de Trabajadores Unidos "
        "v. Bessent”: imported as 'centro-de-trabajadores-2025', but a court filing needs "
        "'document': fill it in",
        f"zotero.json:{book}:3: warning: item 8 (id 1234567/WXYZ2345) “The Internal Revenue Service: "
        "A History”: CSL type 'book' has no report kind; imported as "
        "'doe-2019-internal-revenue-service', a web page (kind: web)",
    ]
    text = (tmp_path / "sources.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Report library imported from zotero.json (CSL-JSON)")
    assert "  # fill in: document\n  - id: centro-de-trabajadores-2025\n" in text
    assert "  # CSL type 'book' imported as a web page: check the kind\n" in text

    # Until the court filing's document is filled in, check says so.
    code, _out, err = run_cli(capsys, "reports", "check", "sources.yaml")
    assert code == 1
    assert "a court filing needs 'document'" in err
    text = text.replace(
        "docket: 1:25-cv-00677\n", "docket: 1:25-cv-00677\n    document: Complaint\n"
    )
    write(tmp_path / "sources.yaml", text)
    code, out, err = run_cli(capsys, "reports", "check", "sources.yaml")
    assert (code, err) == (0, ""), err

    ids = [
        "bogage-2025-irs-rejected-request",
        "gao-25-107000",
        "smith-confidentiality-tax-returns-2025",
        "controls-over-access-2025",
        "centro-de-trabajadores-2025",
        "26-usc-6103",
        "wyden-demands-answers-2025",
        "doe-2019-internal-revenue-service",
        "wyden-2025-access-treasury-payment",
    ]
    body = " ".join(f"Claim.[@{rid}]" for rid in ids) + " Again.[@gao-25-107000, 3]"
    letter = write(tmp_path / "letter.yaml", letter_yaml(body, reports="[sources.yaml]"))
    notes = marked(render(letter))
    assert notes == [
        "Jacob Bogage & Jeff Stein, “IRS rejected request for addresses of people believed to be "
        "in U.S. illegally,” *The Washington Post* (Feb. 28, 2025), "
        "https://www.washingtonpost.com/business/2025/02/28/irs-dhs/.",
        FULL["gao"],
        FULL["crs"],
        FULL["tigta"],
        "*Centro de Trabajadores Unidos v. Bessent*, No. 1:25-cv-00677, Complaint "
        "(D.D.C. Mar. 7, 2025).",
        FULL["irc-6103"],
        FULL["finance-pr"],
        "Brookings Institution Press, *The Internal Revenue Service: A History* (2019).",
        "Letter from Sen. Ron Wyden to Scott Bessent, Secretary of the Treasury, “Access to "
        "Treasury payment systems” (Mar. 1, 2025).",
        "GAO-25-107000, *supra* note 2, at 3.",
    ]


def test_import_appends_keeping_content_and_comments(tmp_path, zotero, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    existing = (
        "# Our office library. Keep this comment.\n"
        "reports:\n"
        "  # The GAO report, entered by hand with its real id.\n"
        "  - id: gao-25-107000\n"
        "    kind: gao\n"
        "    title: 'IRS Cybersecurity'   # short title on purpose\n"
        "    number: GAO-25-107000\n"
        "    date: 2025-03\n"
    )
    write(tmp_path / "lib.yaml", existing)
    code, out, err = run_cli(capsys, "reports", "import", "zotero.json", "-o", "lib.yaml")
    assert code == 0, err
    assert out.strip() == "wrote lib.yaml: 8 entries added, 1 skipped"
    assert "skipped 'gao-25-107000': already in lib.yaml:4" in err
    text = (tmp_path / "lib.yaml").read_text(encoding="utf-8")
    assert text.startswith(existing)
    assert "  # imported from zotero.json by `oversight reports import`\n" in text
    assert text.count("id: gao-25-107000") == 1
    # Again: nothing new, the file untouched.
    code, out, err = run_cli(capsys, "reports", "import", "zotero.json", "-o", "lib.yaml")
    assert code == 0
    assert "lib.yaml: nothing to add" in err
    assert (tmp_path / "lib.yaml").read_text(encoding="utf-8") == text
    # And the result is a library the letter pipeline reads.
    from oversight.citations.library import load_library
    from oversight.errors import Problems

    problems = Problems()
    entries = load_library(tmp_path / "lib.yaml", problems)
    assert len(entries) == 8  # the court filing still lacks its document
    assert [p.message for p in problems.errors] == ["a court filing needs 'document'"]


def test_import_without_output_prints_the_library(zotero, capsys) -> None:
    code, out, _err = run_cli(capsys, "reports", "import", str(zotero))
    assert code == 0
    assert out.startswith("# Report library imported from zotero.json")
    assert "\nreports:\n  - id: bogage-2025-irs-rejected-request\n    kind: news\n" in out


def test_import_bad_json_points_at_line_and_column(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "bad.json", '[\n  {"id": "a", "type": "webpage",}\n]\n')
    code, out, err = run_cli(capsys, "reports", "import", "bad.json", "-o", "out.yaml")
    assert code == 1 and out == ""
    assert err.splitlines()[0] == (
        "bad.json:2:33: not valid JSON: Expecting property name enclosed in double quotes"
    )
    assert not (tmp_path / "out.yaml").exists()
    write(tmp_path / "obj.json", '"just text"')
    code, _out, err = run_cli(capsys, "reports", "import", "obj.json")
    assert code == 1
    assert "obj.json:1:1: a CSL-JSON file holds a list of items" in err


def test_import_refuses_a_letter_as_output(tmp_path, zotero, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "letter.yaml", MINIMAL)
    code, _out, err = run_cli(capsys, "reports", "import", "zotero.json", "-o", "letter.yaml")
    assert code == 1
    assert "letter.yaml: is not a report library" in err
    assert (tmp_path / "letter.yaml").read_text(encoding="utf-8") == MINIMAL


# -- the mapping, item by item


def _one(item: dict) -> dict:
    from oversight.citations.csl_import import Item, convert_items

    (entry,) = convert_items([Item(0, item, 1, 1)], "x.json")
    return entry.as_dict() | {"_problems": [p.message for p in entry.problems]}


def test_csl_dates_names_and_markup() -> None:
    import datetime as dt

    e = _one(
        {
            "type": "article-magazine",
            "title": "A <i>New</i>\n  Deal",
            "container-title": "The Atlantic",
            "author": [
                {"given": "Ana", "non-dropping-particle": "de la", "family": "Cruz"},
                {"given": "Martin Luther", "family": "King", "suffix": "Jr."},
                {"literal": "Staff"},
            ],
            "issued": {"date-parts": [[2024, 2, 30]]},
        }
    )
    assert e["kind"] == "article"
    assert e["title"] == "A New Deal"
    assert e["author"] == ["Ana de la Cruz", "Martin Luther King Jr.", "Staff"]
    assert e["date"] == "2024-02"  # Feb. 30 does not exist: year and month kept
    assert e["id"] == "cruz-2024-new-deal"
    assert _one({"type": "post-weblog", "title": "T", "container-title": "B",
                 "issued": {"date-parts": [[2024, 5, 6]]}})["date"] == dt.date(2024, 5, 6)  # fmt: skip
    assert _one({"type": "webpage", "title": "T", "publisher": "P",
                 "issued": {"raw": "2024-05-06"}})["date"] == dt.date(2024, 5, 6)  # fmt: skip
    assert _one({"type": "webpage", "title": "T", "publisher": "P",
                 "issued": {"literal": "Spring 2024"}})["date"] == "Spring 2024"  # fmt: skip


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ({"type": "report", "number": "GAO-24-106379T"}, "gao"),
        ({"type": "report", "publisher": "Government Accountability Office"}, "gao"),
        ({"type": "report", "publisher": "Congressional Research Service"}, "crs"),
        ({"type": "report", "number": "IF12525"}, "crs"),
        ({"type": "report", "publisher": "DHS Office of Inspector General"}, "ig"),
        ({"type": "report", "author": [{"literal": "Office of Inspector General"}]}, "ig"),
        ({"type": "report", "publisher": "Brookings"}, "web"),
        ({"type": "legal_case"}, "court"),
        ({"type": "bill"}, "statute"),
        ({"type": "regulation"}, "regulation"),
        ({"type": "hearing"}, "hearing"),
        ({"type": "personal_communication"}, "letter"),
        ({"type": "report", "genre": "Press Release"}, "press-release"),
        ({"type": "article-journal"}, "article"),
        ({"type": "article-magazine"}, "article"),
        ({"type": "article-newspaper"}, "news"),
        ({"type": "legislation", "title": "Executive Order 14158"}, "executive-order"),
        ({"type": "bill", "number": "Exec. Order No. 14,158"}, "executive-order"),
        ({"type": "regulation", "container-title": "Federal Register"}, "fed-reg"),
        ({"type": "report", "container-title": "Fed. Reg."}, "fed-reg"),
        ({"type": "regulation", "container-title": "Code of Federal Regulations"}, "regulation"),
        ({"type": "article-newspaper", "title": "Trump signs executive order 14158"}, "news"),
        ({"type": "letter"}, "letter"),
        ({"type": "software"}, "web"),
        ({}, "web"),
    ],
)
def test_csl_types_map_to_kinds(item: dict, kind: str) -> None:
    from oversight.citations.csl_import import kind_of

    assert kind_of({"title": "T", **item})[0] == kind


def test_csl_journal_and_magazine_articles() -> None:
    journal = _one(
        {
            "type": "article-journal",
            "title": "Taxpayer Privacy and the Unitary Executive",
            "container-title": "Administrative Law Review",
            "volume": "77",
            "page": "345–390",
            "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Sam"}],
            "issued": {"date-parts": [[2025]]},
        }
    )
    assert journal == {
        "id": "doe-2025-taxpayer-privacy-unitary",
        "kind": "article",
        "title": "Taxpayer Privacy and the Unitary Executive",
        "publication": "Administrative Law Review",
        "date": "2025",
        "author": ["Jane Doe", "Sam Roe"],
        "volume": "77",
        "page": "345",
        "_problems": [],
    }
    magazine = _one(
        {
            "type": "article-magazine",
            "title": "Inside DOGE",
            "container-title": "The New Yorker",
            "author": [{"family": "Marantz", "given": "Andrew"}],
            "issued": {"date-parts": [[2025, 3, 3]]},
            "URL": "https://www.newyorker.com/example",
        }
    )
    assert (magazine["kind"], magazine["publication"], magazine["author"]) == (
        "article",
        "The New Yorker",
        "Andrew Marantz",
    )
    assert magazine["url"] == "https://www.newyorker.com/example" and "volume" not in magazine


def test_csl_executive_order_and_federal_register_document() -> None:
    import datetime as dt

    order = _one(
        {
            "type": "legislation",
            "title": "Executive Order 14158: Establishing and Implementing the President's "
            '"Department of Government Efficiency"',
            "container-title": "Federal Register",
            "volume": "90",
            "page": "8441-8443",
            "issued": {"date-parts": [[2025, 1, 20]]},
        }
    )
    assert order == {
        "id": "eo-14158",
        "kind": "executive-order",
        "number": "14158",
        "volume": "90",
        "page": "8441",
        "date": dt.date(2025, 1, 20),
        "title": "Establishing and Implementing the President's "
        '"Department of Government Efficiency"',
        "_problems": [],
    }
    notice = _one(
        {
            "type": "regulation",
            "title": "Privacy Act of 1974; System of Records",
            "container-title": "Federal Register",
            "authority": "Internal Revenue Service",
            "volume": "90",
            "page": "1234",
            "number": "IRS-2025-0001",
            "issued": {"date-parts": [[2025, 2, 3]]},
        }
    )
    assert notice == {
        "id": "90-fr-1234",
        "kind": "fed-reg",
        "title": "Privacy Act of 1974; System of Records",
        "volume": "90",
        "page": "1234",
        "date": dt.date(2025, 2, 3),
        "agency": "Internal Revenue Service",
        "docket": "IRS-2025-0001",
        "_problems": [],
    }


def test_csl_court_case_letter_and_hearing() -> None:
    import datetime as dt

    case = _one(
        {
            "type": "legal_case",
            "title": "Doe v. Department of the Treasury",
            "authority": "D.D.C.",
            "number": "1:25-cv-00313",
            "genre": "Complaint",
            "issued": {"date-parts": [[2025, 2, 3]]},
        }
    )
    assert (case["kind"], case["case"], case["court"], case["docket"], case["document"]) == (
        "court",
        "Doe v. Department of the Treasury",
        "D.D.C.",
        "1:25-cv-00313",
        "Complaint",
    )
    assert case["date"] == dt.date(2025, 2, 3) and case["_problems"] == []
    letter = _one(
        {
            "type": "personal_communication",
            "title": "Access to Treasury payment systems",
            "author": [{"literal": "Sen. Ron Wyden, Ranking Member, S. Comm. on Fin."}],
            "recipient": [{"family": "Bessent", "given": "Scott"}],
            "issued": {"date-parts": [[2025, 2, 4]]},
        }
    )
    assert letter == {
        "id": "wyden-2025-access-treasury-payment",
        "kind": "letter",
        "from": "Sen. Ron Wyden, Ranking Member, S. Comm. on Fin.",
        "to": "Scott Bessent",
        "date": dt.date(2025, 2, 4),
        "subject": "Access to Treasury payment systems",
        "_problems": [],
    }
    hearing = _one(
        {
            "type": "hearing",
            "title": "Nomination of Billy Long",
            "section": "Senate Committee on Finance",
            "number": "S. Hrg. 119-45",
            "issued": {"date-parts": [[2025, 5, 20]]},
        }
    )
    assert (hearing["kind"], hearing["committee"], hearing["serial"]) == (
        "hearing",
        "Senate Committee on Finance",
        "S. Hrg. 119-45",
    )


def test_csl_unknown_type_warns_naming_the_item() -> None:
    e = _one({"id": "12/K1", "type": "thesis", "title": "On Audits", "publisher": "MIT"})
    assert e["kind"] == "web"
    assert e["_problems"] == [
        "item 1 (id 12/K1) “On Audits”: CSL type 'thesis' has no report kind; imported as "
        "'audits', a web page (kind: web)"
    ]


def test_csl_report_numbers_and_codes() -> None:
    gao = _one({"type": "report", "title": "T", "publisher": "GAO", "number": "25-107000",
                "issued": {"date-parts": [[2025]]}})  # fmt: skip
    assert (gao["kind"], gao["number"], gao["id"]) == ("gao", "GAO-25-107000", "gao-25-107000")
    crs = _one({"type": "report", "title": "T", "number": "CRS Report R47000", "issued": {}})
    assert (crs["number"], crs["id"]) == ("R47000", "crs-r47000")
    assert crs["_problems"] == [
        "item 1 “T”: imported as 'crs-r47000', but a CRS report needs 'date': fill it in"
    ]
    reg = _one({"type": "regulation", "title": "Disclosure rules", "volume": "26",
                "container-title": "Code of Federal Regulations", "section": "301.6103(i)-1",
                "issued": {"date-parts": [[2024]]}})  # fmt: skip
    assert reg == {
        "id": "26-cfr-301-6103-i-1",
        "kind": "regulation",
        "title": "26",
        "code": "C.F.R.",
        "section": "301.6103(i)-1",
        "year": "2024",
        "_problems": [],
    }
    bill = _one({"type": "bill", "title": "Taxpayer Privacy Act", "number": "H.R. 1234"})
    assert bill["name"] == "Taxpayer Privacy Act"
    assert "needs 'title', 'code' and 'section'" in bill["_problems"][0]


def test_csl_ids_are_slugs_and_unique() -> None:
    from oversight.citations.csl_import import Item, convert_items

    items = [
        Item(i, {"id": rid, "type": "webpage", "title": "Safeguards", "publisher": "IRS"}, 1, 1)
        for i, rid in enumerate(["ABCD2345", "12/ABCD2345", "ITEM-3", "irsSafeguards2024", ""])
    ]
    ids = [e.id for e in convert_items(items, "x.json")]
    assert ids == [
        "safeguards",
        "safeguards-2",
        "safeguards-3",
        "irs-safeguards-2024",
        "safeguards-4",
    ]


def test_csl_values_yaml_would_misread_are_quoted(tmp_path: Path) -> None:
    from oversight.citations.csl_import import import_csl
    from oversight.yamlfile import load_file

    items = [
        {"type": "webpage", "title": "No", "publisher": "On", "issued": {"date-parts": [[2019]]}},
        {"type": "webpage", "title": "1e3", "publisher": "null"},
        {
            "type": "legislation",
            "title": "Act",
            "container-title": "U.S.C.",
            "volume": 26,
            "section": "0755",
        },
    ]
    src = write(tmp_path / "x.json", json.dumps(items))
    result = import_csl(src, None)
    out = write(tmp_path / "x.yaml", result.text)
    data = load_file(out).data["reports"]
    assert [(d["title"], d["publisher"]) for d in data[:2]] == [("No", "On"), ("1e3", "null")]
    assert data[0]["date"] == "2019"
    assert (data[2]["title"], data[2]["section"]) == ("26", "0755")
