"""The one rule for surnames: salutations and short citations take them the same way."""

from __future__ import annotations

import pytest

from oversight.letters.model import Recipient
from oversight.letters.names import (
    letter_salutation_doubt,
    salutation_doubts,
    salutation_name,
    salutation_title,
    surname,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Andrew De Mello", "De Mello"),
        ("Gene L. Dodaro", "Dodaro"),
        ("João dos Santos", "dos Santos"),
        ("Ana de la Cruz", "de la Cruz"),
        ("Ana de la Cruz Jr.", "de la Cruz"),
        ("Ludwig van Beethoven", "van Beethoven"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("Mohammed bin Salman", "bin Salman"),
        ("Ahmed al-Sayed", "al-Sayed"),
        ("Martin Luther King, Jr.", "King"),
        ("Lee, Ann", "Lee"),
        ("Van Morrison", "Morrison"),  # the first word is the given name
        ("Kristi Noem", "Noem"),
        ("Cher", "Cher"),
        ("Jane Roe MD", "Roe"),
    ],
)
def test_surname(name: str, expected: str) -> None:
    assert surname(name) == expected


def test_salutation_and_footnote_agree_on_a_particle() -> None:
    """ "João dos Santos" is "Secretary dos Santos" in the salutation and "dos Santos" in a
    footnote's short form: one rule (the two used to disagree)."""
    from oversight.citations import bluebook

    recipient = Recipient(name="João dos Santos", title="Secretary")
    assert salutation_name(recipient) == "Secretary dos Santos"
    assert bluebook.surname("João dos Santos") == surname("João dos Santos")


def test_title_honorifics_and_given_salutations() -> None:
    assert salutation_name(Recipient(name="Gene L. Dodaro", honorific="Mr.")) == "Mr. Dodaro"
    assert (
        salutation_name(Recipient(name="Jane Doe", salutation="Madam Secretary"))
        == "Madam Secretary"
    )
    assert (
        salutation_name(Recipient(name="Pat Lee", title="Director of the Census")) == "Director Lee"
    )


# Real federal titles as letters address them, and the salutation offices write. Honorific "The
# Honorable" (or Mr./Ms./Dr.) with a title: the title's office greets; a rank, Judge or
# Ambassador greets whatever the title.
REAL_TITLES = [
    ("The Honorable", "Kristi Noem", "Secretary of Homeland Security", "Secretary Noem"),
    ("The Honorable", "Pamela Bondi", "United States Attorney General", "Attorney General Bondi"),
    ("The Honorable", "Merrick B. Garland", "Attorney General of the United States", "Attorney General Garland"),
    ("The Honorable", "Gene L. Dodaro", "Comptroller General of the United States", "Comptroller General Dodaro"),
    ("Mr.", "Pat Smith", "Acting Inspector General", "Acting Inspector General Smith"),
    ("Ms.", "Melanie Krause", "Acting Commissioner of Internal Revenue", "Acting Commissioner Krause"),
    ("The Honorable", "Lee Zeldin", "Administrator, Environmental Protection Agency", "Administrator Zeldin"),
    ("The Honorable", "Andrew N. Ferguson", "Chair, Federal Trade Commission", "Chair Ferguson"),
    ("The Honorable", "Andrew N. Ferguson", "Chairman, Federal Trade Commission", "Chairman Ferguson"),
    ("Mr.", "Charles Ezell", "Director of the Office of Personnel Management", "Director Ezell"),
    ("The Honorable", "Steve Feinberg", "Deputy Secretary of Defense", "Deputy Secretary Feinberg"),
    ("The Honorable", "Scott Bessent", "Secretary of the Treasury", "Secretary Bessent"),
    ("The Honorable", "Marco Rubio", "Secretary of State", "Secretary Rubio"),
    ("The Honorable", "Pete Hegseth", "the Secretary of Defense", "Secretary Hegseth"),
    ("The Honorable", "Linda McMahon", "U.S. Secretary of Education", "Secretary McMahon"),
    ("The Honorable", "Robert F. Kennedy, Jr.", "Secretary of Health and Human Services", "Secretary Kennedy"),
    ("The Honorable", "Doug Collins", "Secretary of Veterans Affairs", "Secretary Collins"),
    ("The Honorable", "Daniel P. Driscoll", "Secretary of the Army", "Secretary Driscoll"),
    ("The Honorable", "Louis DeJoy", "Postmaster General and Chief Executive Officer", "Postmaster General DeJoy"),
    ("Dr.", "Vivek H. Murthy", "Surgeon General of the United States", "Surgeon General Murthy"),
    ("The Honorable", "D. John Sauer", "Solicitor General of the United States", "Solicitor General Sauer"),
    ("The Honorable", "Frank Bisignano", "Commissioner of Social Security", "Commissioner Bisignano"),
    ("The Honorable", "Kelly Loeffler", "Administrator of the Small Business Administration", "Administrator Loeffler"),
    ("The Honorable", "Billy Long", "Commissioner of Internal Revenue", "Commissioner Long"),
    ("Mr.", "Andrew De Mello", "Chief Counsel, Internal Revenue Service", "Chief Counsel De Mello"),
    ("The Honorable", "Michael E. Horowitz", "Inspector General, U.S. Department of Justice", "Inspector General Horowitz"),
    ("The Honorable", "J. Russell George", "Treasury Inspector General for Tax Administration", "Inspector General George"),
    ("The Honorable", "Colleen Shogan", "Archivist of the United States", "Archivist Shogan"),
    ("Dr.", "Carla Hayden", "Librarian of Congress", "Librarian Hayden"),
    ("The Honorable", "Tulsi Gabbard", "Director of National Intelligence", "Director Gabbard"),
    ("General", "Randy A. George", "Chief of Staff of the Army", "General George"),
    ("General", "Charles Q. Brown, Jr.", "Chairman of the Joint Chiefs of Staff", "General Brown"),
    ("Admiral", "Lisa M. Franchetti", "Chief of Naval Operations", "Admiral Franchetti"),
    ("Admiral", "Kevin E. Lunday", "Acting Commandant of the Coast Guard", "Admiral Lunday"),
    ("Lieutenant General", "William H. Graham, Jr.", "Chief of Engineers", "General Graham"),
    ("The Honorable", "Jerome H. Powell", "Chair of the Board of Governors of the Federal Reserve System", "Chair Powell"),
    ("The Honorable", "Jerome H. Powell", "Chairman of the Federal Reserve", "Chairman Powell"),
    ("Dr.", "Jay Bhattacharya", "Director, National Institutes of Health", "Director Bhattacharya"),
    ("Dr.", "Martin A. Makary", "Commissioner of Food and Drugs", "Commissioner Makary"),
    ("Dr.", "Mehmet Oz", "Administrator of the Centers for Medicare & Medicaid Services", "Administrator Oz"),
    ("The Honorable", "Kash Patel", "Director, Federal Bureau of Investigation", "Director Patel"),
    ("The Honorable", "Terrance C. Cole", "Administrator, Drug Enforcement Administration", "Administrator Cole"),
    ("The Honorable", "Paul S. Atkins", "Chairman, U.S. Securities and Exchange Commission", "Chairman Atkins"),
    ("The Honorable", "Russell T. Vought", "Acting Director, Consumer Financial Protection Bureau", "Acting Director Vought"),
    ("Mr.", "Rodney E. Hood", "Acting Comptroller of the Currency", "Acting Comptroller Hood"),
    ("Ambassador", "Jamieson Greer", "United States Trade Representative", "Ambassador Greer"),
    ("The Honorable", "Jamieson Greer", "United States Trade Representative", "Trade Representative Greer"),
    ("The Honorable", "Mike Waltz", "United States Ambassador to the United Nations", "Ambassador Waltz"),
    ("Judge", "Robert J. Conrad, Jr.", "Director of the Administrative Office of the United States Courts", "Judge Conrad"),
    ("The Honorable", "Gail Slater", "Assistant Attorney General, Antitrust Division", "Assistant Attorney General Slater"),
    ("Dr.", "Shereef Elnahal", "Under Secretary for Health", "Under Secretary Elnahal"),
    ("Mr.", "J. Thomas Manger", "Chief of Police, United States Capitol Police", "Chief Manger"),
    ("The Honorable", "John G. Roberts, Jr.", "Chief Justice of the United States", "Chief Justice Roberts"),
    ("The Honorable", "Mike Johnson", "Speaker of the House of Representatives", "Speaker Johnson"),
    ("The Honorable", "Ron Wyden", "United States Senator", "Senator Wyden"),
    # no title: the honorific greets ("The Honorable" never does)
    ("Dr.", "Jay Bhattacharya", None, "Dr. Bhattacharya"),
    ("General", "Charles Q. Brown, Jr.", None, "General Brown"),
    ("Vice Admiral", "Frank M. Bradley", None, "Admiral Bradley"),
    ("Mr.", "Gene L. Dodaro", None, "Mr. Dodaro"),
    ("السيد", "محمد عبد الله", None, "السيد عبد الله"),  # Arabic "Mr.", and a particle
]  # fmt: skip


@pytest.mark.parametrize(("honorific", "name", "title", "expected"), REAL_TITLES)
def test_real_titles_give_the_salutation_offices_write(
    honorific: str, name: str, title: str | None, expected: str
) -> None:
    recipient = Recipient(name=name, honorific=honorific, title=title)
    assert salutation_name(recipient) == expected
    assert salutation_doubts(recipient, 1) == [], "a common case is not warned about"
    assert "Honorable" not in salutation_name(recipient)


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("United States Attorney for the District of Columbia", "United States Attorney"),
        ("U.S. Marshal", "U.S. Marshal"),  # the country is part of these offices
        ("Department of Defense Inspector General", "Inspector General"),
        ("Acting Treasury Inspector General for Tax Administration", "Acting Inspector General"),
        ("Deputy Inspector General for Audit", "Deputy Inspector General"),
        ("Special Inspector General for Afghanistan Reconstruction", "Special Inspector General"),
        ("Director (Acting)", "Acting Director"),
        ("Ambassador-at-Large for Global Women's Issues", "Ambassador"),
        ("Under Secretary of Defense for Policy", "Under Secretary"),
        ("Chief of Staff", "Chief of Staff"),
        ("acting Administrator", "Acting Administrator"),
    ],
)
def test_title_words(title: str, words: str) -> None:
    assert salutation_title(title) == (words, None)


def test_a_compound_surname_is_warned_about_with_the_way_out() -> None:
    masto = Recipient(name="Catherine Cortez Masto", title="United States Senator")
    assert salutation_name(masto) == "Senator Masto"
    assert salutation_doubts(masto, 2) == [
        (
            "name",
            "salutation for recipient 2 reads 'Senator Masto'; if the surname is 'Cortez Masto', "
            "set salutation: 'Senator Cortez Masto'",
        )
    ]
    given = Recipient(name="Catherine Cortez Masto", salutation="Senator Cortez Masto")
    assert salutation_doubts(given, 2) == []  # the letter said: nothing to doubt
    # a hyphenated surname is one surname, as offices write it; an initial is not a surname
    for name in ("Alexandria Ocasio-Cortez", "Gene L. Dodaro", "J. Russell George"):
        assert salutation_doubts(Recipient(name=name, title="Secretary"), 1) == [], name


def test_a_title_cut_that_may_not_be_the_office_is_warned_about() -> None:
    waltz = Recipient(
        name="Mike Waltz",
        honorific="Mr.",
        title="Assistant to the President for National Security Affairs",
    )
    assert salutation_name(waltz) == "Assistant Waltz"
    assert salutation_doubts(waltz, 1) == [
        (
            "title",
            "salutation for recipient 1 reads 'Assistant Waltz'; 'Assistant' is what it took from "
            "the title 'Assistant to the President for National Security Affairs'; if the office "
            "is addressed otherwise, set salutation: 'Mr. Waltz'",
        )
    ]
    cno = Recipient(name="Lisa M. Franchetti", title="Chief of Naval Operations")
    [(field, message)] = salutation_doubts(cno, 1)
    assert field == "title" and message.startswith("salutation for recipient 1 reads 'Chief ")
    assert message.endswith(
        "set salutation: 'Mr. Franchetti' or 'Ms. Franchetti', or honorific: with a rank "
        "(General, Admiral)"
    )


def test_an_unknown_honorific_or_nothing_to_greet_by_is_warned_about() -> None:
    rabbi = Recipient(name="Ann Levi", honorific="Rabbi")
    assert salutation_name(rabbi) == "Rabbi Levi"
    assert salutation_doubts(rabbi, 1) == [
        (
            "honorific",
            "salutation for recipient 1 reads 'Rabbi Levi'; 'Rabbi' is not an honorific the tool "
            "knows; if it is wrong, set salutation: 'Mr. Levi' or 'Ms. Levi'",
        )
    ]
    with_title = Recipient(name="Ann Levi", honorific="Rabbi", title="Director")
    assert salutation_name(with_title) == "Director Levi"
    assert salutation_doubts(with_title, 1)[0][1].endswith(
        "so the title is used; to greet by it, set salutation: 'Rabbi Levi'"
    )
    bare = Recipient(name="Kristi Noem", honorific="The Honorable")
    assert salutation_name(bare) == "Kristi Noem"
    assert salutation_doubts(bare, 3) == [
        (
            "name",
            "salutation for recipient 3 reads 'Kristi Noem'; there is no title and 'The "
            "Honorable' is never used in a salutation; give a title, or set salutation: "
            "'Mr. Noem' or 'Ms. Noem'",
        )
    ]


@pytest.mark.parametrize(
    "given",
    ["Mr. Walker", "Dear Mr. Walker:", "Dear Mr. Walker,", "dear  Mr. Walker :", " Mr. Walker; "],
)
def test_a_recipient_salutation_may_be_the_whole_line(given: str) -> None:
    assert salutation_name(Recipient(name="Eli Walker", salutation=given)) == "Mr. Walker"


def test_a_letter_salutation_without_closing_punctuation_is_warned_about() -> None:
    for line in ("Dear Mr. Walker:", "Dear Colleagues,", "To the Honorable Jane Doe:"):
        assert letter_salutation_doubt(line) is None
    assert letter_salutation_doubt("Mr. Walker") == (
        "the letter's salutation prints as the whole line, 'Mr. Walker', with no ':' or ',' at "
        "the end; write the whole line (salutation: 'Dear Mr. Walker:'), or name a recipient "
        "with salutation: under recipients"
    )


THREE = """\
date: 2025-03-20
recipients:
  - honorific: The Honorable
    name: Pamela Bondi
    title: Attorney General of the United States
  - honorific: General
    name: Randy A. George
    title: Chief of Staff of the Army
  - honorific: Mr.
    name: Eli Walker
    title: Director of Special Projects
    salutation: "Dear Mr. Walker:"
signers:
  - name: John Q. Senator
body: We write to ask about records.
"""


def test_the_docx_salutation_names_all_three_once(write_letter, render) -> None:
    view = render(write_letter(THREE))
    salutation = [text for style, text in view.body_paragraphs() if style == "Salutation"]
    assert salutation == ["Dear Attorney General Bondi, General George, and Mr. Walker:"]


@pytest.mark.parametrize(
    ("line", "printed"),
    [
        ('"Dear Mr. Walker:"', "Dear Mr. Walker:"),
        ('"Dear Mr. Walker,"', "Dear Mr. Walker,"),
        ('"Dear Colleagues:"', "Dear Colleagues:"),
        ('"To the Honorable Jane Doe:"', "To the Honorable Jane Doe:"),
    ],
)
def test_a_letter_salutation_is_the_whole_line_printed_once(
    line: str, printed: str, write_letter, render
) -> None:
    view = render(write_letter(f"{THREE}salutation: {line}\n"))
    salutation = [text for style, text in view.body_paragraphs() if style == "Salutation"]
    assert salutation == [printed]


def test_the_list_follows_the_letter_locale() -> None:
    from oversight.dates import english_list

    names = ["Attorney General Bondi", "General George", "Mr. Walker"]
    assert english_list(names, "en_GB") == "Attorney General Bondi, General George and Mr. Walker"


def test_salutation_warnings_are_located_in_the_letter(tmp_path) -> None:
    from oversight.letters.prepare import load_letter_text

    text = THREE.replace("Pamela Bondi", "Catherine Cortez Masto").replace(
        "Attorney General of the United States", "United States Senator"
    )
    prep = load_letter_text(text, "l.yaml", tmp_path)
    [warning] = prep.problems.warnings
    assert (warning.file, warning.line, warning.column) == ("l.yaml", 4, 11)
    assert warning.message == (
        "salutation for recipient 1 reads 'Senator Masto'; if the surname is 'Cortez Masto', "
        "set salutation: 'Senator Cortez Masto'"
    )
    overridden = load_letter_text(f"{text}salutation: 'Dear Colleagues:'\n", "l.yaml", tmp_path)
    assert overridden.problems.warnings == []  # the letter's own line replaces the derived one
    bare = load_letter_text(f"{text}salutation: Dear Colleagues\n", "l.yaml", tmp_path)
    [warning] = bare.problems.warnings
    assert (warning.line, warning.column) == (16, 13) and "with no ':' or ','" in warning.message


def test_the_tui_preview_uses_the_same_rule(tmp_path) -> None:
    """The TUI's check (preview and problem list) goes through the same prepare and context."""
    from oversight.draft.check import check_text

    check = check_text(THREE.replace('    salutation: "Dear Mr. Walker:"\n', ""), None)
    assert check.ok and check.problems == []
    assert "Dear Attorney General Bondi, General George, and Director Walker:" in check.preview
    masto = THREE.replace("Randy A. George", "Catherine Cortez Masto").replace(
        "Chief of Staff of the Army", "United States Senator"
    )
    check = check_text(masto.replace("honorific: General", "honorific: The Honorable"), None)
    assert "Dear Attorney General Bondi, Senator Masto, and Mr. Walker:" in check.preview
    assert [p.message[:49] for p in check.problems] == [
        "salutation for recipient 2 reads 'Senator Masto';"
    ]
