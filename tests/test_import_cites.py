"""Tests for oversight.importing.cites: footnote text back to report entries and citations.

The round trip: every kind's sample entries (docs/citations.md, tests/test_citations.py) are
written as a letter's footnotes by FootnoteWriter — full form, Id., a short form after another
source, with signals, pins and parentheticals — joined to plain text, read back, and written
again from what was read: the text must be the same, and so must the kinds, the key fields and
which entry each cite names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from oversight.citations import registry
from oversight.citations.bluebook import clean, format_date
from oversight.citations.footnotes import FootnoteWriter
from oversight.citations.markers import Cite
from oversight.importing.cites import ImportedNotes, read_footnotes

D = dt.date

# Sample entries of every kind (docs/citations.md and tests/test_citations.py), with the fields
# that identify each: what must come back.
SAMPLES: dict[str, dict[str, Any]] = {
    "wapo": {
        "kind": "news",
        "title": "IRS rejected request for addresses of people believed to be in U.S. illegally",
        "publication": "The Washington Post",
        "date": D(2025, 2, 28),
        "author": ["Jacob Bogage", "Jeff Stein"],
        "url": "https://www.washingtonpost.com/example",
    },
    "nyt": {
        "kind": "news",
        "title": "Is the Data-Sharing Deal Legal?",
        "publication": "The New York Times",
        "date": D(2025, 4, 8),
    },
    "ap": {
        "kind": "news",
        "title": "IRS chief departs",
        "publication": "Associated Press",
        "date": D(2025, 4, 15),
        "author": "Fatima Hussein, Will Weissert and Ana de la Cruz Jr.",
        "short": "IRS Chief Departs",
    },
    "journal": {
        "kind": "article",
        "title": "Taxpayer Privacy and the Unitary Executive",
        "publication": "Admin. L. Rev.",
        "volume": 77,
        "page": 345,
        "date": "2025",
        "author": ["Jane Doe", "Sam Roe"],
    },
    "magazine": {
        "kind": "article",
        "title": "Inside DOGE",
        "publication": "The New Yorker",
        "date": D(2025, 3, 3),
        "author": "Andrew Marantz",
        "url": "https://www.newyorker.com/doge",
    },
    "print": {
        "kind": "article",
        "title": "The Audit",
        "publication": "The Atlantic",
        "date": D(2025, 4, 1),
        "page": 34,
    },
    "gao": {
        "kind": "gao",
        "title": "IRS Cybersecurity: Actions Needed to Address Longstanding Weaknesses",
        "number": "GAO-25-107000",
        "date": "2025-03",
        "url": "https://www.gao.gov/products/gao-25-107000",
    },
    "gao-old": {
        "kind": "gao",
        "title": "IRS Modernization",
        "number": "GAO/T-GGD-98-123",
        "date": D(1998, 5, 6),
    },
    "tigta": {
        "kind": "ig",
        "title": "Controls Over Access to Taxpayer Data Need Improvement",
        "agency": "Treasury Inspector General for Tax Administration",
        "number": "Report No. 2025-IE-R011",
        "date": D(2025, 6, 4),
    },
    "oig": {
        "kind": "ig",
        "title": "Review of Data Sharing",
        "agency": "Office of Inspector General, U.S. Department of Homeland Security",
        "date": D(2025, 7, 1),
    },
    "crs": {
        "kind": "crs",
        "title": "Confidentiality of Tax Returns: Overview of 26 U.S.C. 6103",
        "number": "R47000",
        "author": ["Jane Smith", "Sam Lee"],
        "date": D(2025, 9, 2),
    },
    "crs-if": {
        "kind": "crs",
        "title": "The IRS Workforce",
        "number": "IF12525",
        "date": "2024-01",
        "url": "https://crsreports.congress.gov/product/pdf/IF/IF12525",
    },
    "centro": {
        "kind": "court",
        "case": "Centro de Trabajadores Unidos v. Bessent",
        "court": "D.D.C.",
        "docket": "No. 1:25-cv-00677",
        "document": "Defendants' Opposition to Plaintiffs' Motion for a Preliminary Injunction",
        "date": D(2025, 4, 7),
    },
    "doe": {
        "kind": "court",
        "case": "Doe v. Dep't of the Treasury",
        "court": "D.D.C.",
        "docket": "No. 1:25-cv-00313",
        "document": "Compl.",
        "filed": D(2025, 2, 3),
        "ecf": 1,
    },
    "irc": {
        "kind": "statute",
        "title": "26",
        "code": "U.S.C.",
        "section": "6103",
        "name": "Internal Revenue Code",
    },
    "privacy-act": {
        "kind": "statute",
        "title": "5",
        "code": "U.S.C.",
        "section": "552a",
        "name": "Privacy Act of 1974",
        "year": 2018,
    },
    "reg": {
        "kind": "regulation",
        "title": "26",
        "code": "C.F.R.",
        "section": "301.6103(i)-1",
        "year": 2024,
    },
    "eo": {
        "kind": "executive-order",
        "number": 14158,
        "title": 'Establishing and Implementing the President\'s "Department of Government Efficiency"',
        "volume": 90,
        "page": 8441,
        "date": D(2025, 1, 20),
    },
    "fr": {
        "kind": "fed-reg",
        "agency": "Internal Revenue Service",
        "title": "Privacy Act of 1974; System of Records",
        "volume": 90,
        "page": 1234,
        "date": D(2025, 2, 3),
        "docket": "IRS-2025-0001",
        "rin": "1545-BQ00",
    },
    "wyden": {
        "kind": "letter",
        "from": "Sen. Ron Wyden, Ranking Member, Senate Committee on Finance",
        "to": "Scott Bessent, Secretary of the Treasury",
        "date": D(2025, 3, 1),
        "subject": "Access to Treasury payment systems",
    },
    "two-senators": {
        "kind": "letter",
        "from": ["Sen. Ron Wyden", "Sen. Elizabeth Warren"],
        "to": "Melanie Krause",
        "date": D(2025, 5, 1),
    },
    "long": {
        "kind": "hearing",
        "title": "Nomination of Billy Long",
        "committee": "Senate Committee on Finance",
        "date": D(2025, 5, 20),
        "witness": "Billy Long",
    },
    "oversight-hearing": {
        "kind": "hearing",
        "title": "IRS Oversight",
        "committee": "Subcommittee on Taxation of the Committee on Finance",
        "date": D(2023, 2, 1),
        "congress": 118,
        "serial": "S. Hrg. 118-45",
        "witness": ["Danny Werfel", "Nina Olson"],
    },
    "pr": {
        "kind": "press-release",
        "title": "Wyden Demands Answers on DOGE Access to Taxpayer Data",
        "publisher": "Senate Finance Committee",
        "date": D(2025, 2, 3),
        "url": "https://www.finance.senate.gov/example",
    },
    "web": {
        "kind": "web",
        "title": "Safeguards Program",
        "publisher": "Internal Revenue Service",
        "url": "https://www.irs.gov/privacy-disclosure/safeguards-program",
        "accessed": D(2025, 8, 12),
    },
    "web-dated": {
        "kind": "web",
        "title": "IRS Data Book",
        "publisher": "Internal Revenue Service",
        "date": "2024",
    },
    "call": {
        "kind": "note",
        "text": "Committee staff spoke with IRS officials on June 3, 2025, who called it routine.",
    },
}

# What identifies an entry of each kind: these fields must come back as printed.
KEY_FIELDS = {
    "news": ("title", "publication", "date", "author"),
    "article": ("title", "publication", "date", "author", "volume", "page"),
    "gao": ("number", "title", "date"),
    "ig": ("agency", "number", "title", "date"),
    "crs": ("number", "title", "date", "author"),
    "court": ("case", "court", "docket", "document", "date", "filed", "ecf"),
    "statute": ("title", "code", "section", "name", "year"),
    "regulation": ("title", "code", "section", "year"),
    "executive-order": ("number", "volume", "page", "date", "title"),
    "fed-reg": ("agency", "title", "volume", "page", "date", "docket", "rin"),
    "letter": ("from", "to", "date", "subject"),
    "hearing": ("title", "committee", "witness", "serial"),
    "press-release": ("publisher", "title", "date"),
    "web": ("publisher", "title", "url", "date", "accessed"),
    "note": ("text",),
}

# A pin that reads naturally for each kind, for the footnotes below.
PINS = {
    "statute": "(i)(2)",
    "regulation": "(b)",
    "executive-order": "§ 3",
    "fed-reg": "1236",
    "court": "5",
}
LATER_PINS = {
    "statute": "(i)(7)",
    "regulation": "(c)",
    "executive-order": "§ 4",
    "fed-reg": "1240",
    "court": "7",
}


def plain(runs: Any) -> str:
    return "".join(r.text for r in runs)


def as_printed(value: Any) -> str:
    """A field as the citation prints it (a date at its precision, a list as names)."""
    if isinstance(value, list):
        return " & ".join(clean(v) for v in value)
    if isinstance(value, dt.date):
        return format_date(value)
    return format_date(clean(value)).removeprefix("No. ").replace(",", "")


def letter_for(rid: str, other: str) -> list[list[Cite]]:
    """Full form (signal, pin, parenthetical), Id. with a pin, another source, the short form
    with a pin, and Id. inside a footnote after a second source."""
    kind = SAMPLES[rid]["kind"]
    pin, later = PINS.get(kind, "5"), LATER_PINS.get(kind, "9")
    return [
        [Cite(rid, "See", pin, "describing the request; see below")],
        [Cite(rid, None, later)],
        [Cite(other, "Cf.")],
        [Cite(rid, "See also", pin)],
        [Cite(other, None), Cite(rid, "But see", later, "noting (in part) the reverse")],
        [Cite(rid, None), Cite(rid, None, pin)],
    ]


def round_trip(
    reports: dict[str, dict[str, Any]], notes: list[list[Cite]]
) -> tuple[list[str], ImportedNotes, list[str]]:
    written = [plain(r) for r in FootnoteWriter.write_all(reports, notes)]
    got = read_footnotes(written)
    again = [plain(r) for r in FootnoteWriter.write_all(got.entries, got.notes)]
    return written, got, again


def assert_same_entry(original: dict[str, Any], read: dict[str, Any]) -> None:
    assert read["kind"] == original["kind"] or (
        original["kind"] == "article" and read["kind"] == "news"
    )
    for field in KEY_FIELDS[original["kind"]]:
        if field in original:
            assert as_printed(read.get(field)) == as_printed(original[field]), field


ALL = [rid for rid in SAMPLES if SAMPLES[rid]["kind"] != "note"]


@pytest.mark.parametrize("rid", ALL)
def test_every_kind_round_trips(rid: str) -> None:
    other = "gao" if SAMPLES[rid]["kind"] != "gao" else "crs"
    reports = {k: {"id": k, **SAMPLES[k]} for k in (rid, other)}
    notes = letter_for(rid, other)
    written, got, again = round_trip(reports, notes)
    assert again == written
    assert got.warnings == []
    # the same structure: one entry per source, each cite naming the entry read for its source
    assert len(got.entries) == 2
    ids = {got.notes[0][0].report_id: rid, got.notes[2][0].report_id: other}
    assert len(ids) == 2
    for original, read in zip(notes, got.notes, strict=True):
        assert [ids[c.report_id] for c in read] == [c.report_id for c in original]
        assert [c.signal for c in read] == [c.signal for c in original]
        assert [c.parenthetical for c in read] == [c.parenthetical for c in original]
    for new, old in ids.items():
        assert_same_entry(SAMPLES[old], got.entries[new])
        assert not _problems(got.entries[new])


def _problems(entry: dict[str, Any]) -> list[str]:
    found: list[str] = []
    registry.kind_of(entry).check(
        entry,
        lambda where, message, **kw: (
            found.append(message) if kw.get("severity") != "warning" else None
        ),
    )
    return found


def test_the_whole_registry_in_one_letter() -> None:
    """Every sample in one letter, each cited in full, then again after others (short forms),
    with a note in the middle: the text comes back the same."""
    reports = {k: {"id": k, **v} for k, v in SAMPLES.items()}
    order = list(SAMPLES)
    notes = [[Cite(k, None, PINS.get(SAMPLES[k]["kind"]))] for k in order]
    notes += [[Cite(k, "See")] for k in reversed(order)]
    notes.append([Cite("gao", None, "3"), Cite("call"), Cite("crs", "See also")])
    written, got, again = round_trip(reports, notes)
    assert again == written
    assert got.warnings == []
    # one entry per source; a note is text, read again each time it is printed ("See" and all)
    sources = sorted(e["kind"] for e in got.entries.values() if e["kind"] != "note")
    assert sources == sorted(v["kind"] for v in SAMPLES.values() if v["kind"] != "note")
    assert [len(n) for n in got.notes] == [len(n) for n in notes]


def test_the_worked_sequence_of_the_docs() -> None:
    """docs/citations.md's worked sequence, footnotes 1-7."""
    reports = {k: {"id": k, **SAMPLES[k]} for k in ("wapo", "gao", "irc", "crs")}
    reports["wapo"]["title"] = "IRS rejected request"
    notes = [
        [Cite("wapo", "See", "3", "reporting that IRS leaders rejected the request")],
        [Cite("wapo", None, "4")],
        [Cite("wapo"), Cite("gao", "See also", "12")],
        [Cite("gao")],
        [Cite("wapo", None, "6")],
        [Cite("irc", "See", "(i)(2)"), Cite("crs", "Cf.")],
        [Cite("irc", None, "(i)(7)")],
    ]
    written, got, again = round_trip(reports, notes)
    assert again == written
    assert set(got.entries) == {
        "wapo-2025-02-28",
        "gao-25-107000",
        "usc-26-6103",
        "crs-r47000",
    }
    assert got.notes[6] == [Cite("usc-26-6103", None, "(i)(7)")]
    assert got.notes[4] == [Cite("wapo-2025-02-28", None, "6")]


# ------------------------------------------------------------------------------------------
# Footnotes as offices write them


def test_hand_written_footnotes() -> None:
    got = read_footnotes(
        [
            "See Jacob Bogage, “IRS nears deal to share immigrants’ data with ICE,” Wash. Post "
            "(Mar. 8, 2025), https://www.washingtonpost.com/business/2025/03/08/irs-ice/.",
            "26 U.S.C. § 6103.",
            "Id. at 4.",
            "Letter from Sen. Ron Wyden to Billy Long, Comm’r, IRS (Apr. 1, 2025).",
            "Committee staff spoke with agency officials on May 1, 2025.",
            "Bogage, supra note 1.",
        ]
    )
    assert got.warnings == []
    news = got.entries["wapo-2025-03-08"]
    assert news["kind"] == "news"
    assert news["author"] == "Jacob Bogage"
    assert news["title"] == "IRS nears deal to share immigrants' data with ICE"
    assert news["publication"] == "Wash. Post"
    assert news["date"] == D(2025, 3, 8)
    assert news["url"] == "https://www.washingtonpost.com/business/2025/03/08/irs-ice/"
    assert got.entries["usc-26-6103"] == {
        "id": "usc-26-6103",
        "kind": "statute",
        "title": "26",
        "code": "U.S.C.",
        "section": "6103",
    }
    letter = got.entries["letter-wyden-2025-04-01"]
    assert (letter["from"], letter["to"]) == ("Sen. Ron Wyden", "Billy Long, Comm'r, IRS")
    assert got.entries["note-5"] == {
        "id": "note-5",
        "kind": "note",
        "text": "Committee staff spoke with agency officials on May 1, 2025.",
    }
    assert got.notes == [
        [Cite("wapo-2025-03-08", "See")],
        [Cite("usc-26-6103")],
        [Cite("usc-26-6103", None, "4")],
        [Cite("letter-wyden-2025-04-01")],
        [Cite("note-5")],
        [Cite("wapo-2025-03-08")],
    ]


def test_several_sources_signals_and_parentheticals_in_one_footnote() -> None:
    got = read_footnotes(
        [
            "See, e.g., GAO-24-106379, IRS Data (Jan. 2024), at 5 (finding that records were "
            "shared; see app. II); But see Cong. Research Serv., R47000, Tax Privacy (Sept. 2, "
            "2025); cf. id. at 3. See generally 5 U.S.C. § 552a (2018)."
        ]
    )
    (cites,) = got.notes
    assert [(c.report_id, c.signal, c.pin) for c in cites] == [
        ("gao-24-106379", "See, e.g.,", "5"),
        ("crs-r47000", "But see", None),
        ("crs-r47000", "Cf.", "3"),
        ("usc-5-552a", "See generally", None),
    ]
    assert cites[0].parenthetical == "finding that records were shared; see app. II"
    assert got.entries["usc-5-552a"]["year"] == 2018


def test_id_takes_the_previous_footnotes_only_source_or_warns() -> None:
    got = read_footnotes(["Id. at 4.", "GAO-25-107000, IRS (Mar. 2025).", "Id."])
    assert got.warnings == ["footnote 1: 'Id.' with no earlier source: kept as a note"]
    assert got.entries[got.notes[0][0].report_id] == {
        "id": "note-1",
        "kind": "note",
        "text": "Id. at 4.",
    }
    assert got.notes[2] == [Cite("gao-25-107000")]


def test_id_after_several_sources_is_the_last_with_a_warning() -> None:
    got = read_footnotes(["26 U.S.C. § 6103; 5 U.S.C. § 552a.", "Id. § 552a(b)."])
    assert got.notes[1] == [Cite("usc-5-552a", None, "(b)")]
    assert "several sources" in got.warnings[0]


def test_supra_to_a_note_without_a_source_is_kept_as_a_note() -> None:
    got = read_footnotes(["Staff notes.", "Smith, supra note 1, at 5."])
    assert got.notes[1][0].report_id == "note-2"
    assert got.entries["note-2"]["text"] == "Smith, supra note 1, at 5."
    assert "note 1 cites no source" in got.warnings[0]


def test_older_gao_and_crs_numbers_and_ig_reports() -> None:
    got = read_footnotes(
        [
            "Gen. Accounting Off., GAO/T-GGD-98-123, IRS Modernization (May 6, 1998).",
            "Cong. Rsch. Serv., LSB11111, Privacy Law Update (Jan. 2025).",
            "Cong. Rsch. Serv., RL33110, The Congressional Budget Process (2024).",
            "Off. of Inspector General, U.S. Dep't of Labor, Report No. 19-25-001-03-315, "
            "Pandemic Oversight (Mar. 3, 2025).",
        ]
    )
    assert list(got.entries) == [
        "gao-t-ggd-98-123",
        "crs-lsb11111",
        "crs-rl33110",
        "ig-19-25-001-03-315",
    ]
    assert got.entries["ig-19-25-001-03-315"]["agency"] == (
        "Off. of Inspector General, U.S. Dep't of Labor"
    )


def test_executive_orders_and_the_federal_register_by_hand() -> None:
    got = read_footnotes(
        [
            "Exec. Order No. 14,158, 90 Fed. Reg. 8441 (Jan. 20, 2025).",
            "Id. § 3(b).",
            "Dep't of Homeland Sec., Privacy Act of 1974; System of Records, 90 Fed. Reg. 1234 "
            "(Feb. 3, 2025).",
            "Exec. Order No. 14,158, 90 Fed. Reg. at 8442.",
            "90 Fed. Reg. at 1236.",
        ]
    )
    assert set(got.entries) == {"eo-14158", "fr-90-1234"}
    assert got.entries["eo-14158"]["number"] == 14158
    assert got.entries["fr-90-1234"]["agency"] == "Dep't of Homeland Sec."
    assert [n[0] for n in got.notes[1:]] == [
        Cite("eo-14158", None, "§ 3(b)"),
        Cite("fr-90-1234"),
        Cite("eo-14158", None, "8442"),
        Cite("fr-90-1234", None, "1236"),
    ]


def test_press_release_web_page_and_hearing_by_hand() -> None:
    got = read_footnotes(
        [
            "Press Release, Sen. Ron Wyden, Wyden Demands Answers (Feb. 3, 2025), "
            "https://www.finance.senate.gov/x.",
            "Internal Revenue Service, Safeguards Program, https://www.irs.gov/safeguards "
            "(last visited Aug. 12, 2025).",
            "IRS Oversight: Hearing Before the S. Comm. on Fin., 118th Cong. 14 (2023) "
            "(statement of Danny Werfel).",
        ]
    )
    kinds = [got.entries[n[0].report_id]["kind"] for n in got.notes]
    assert kinds == ["press-release", "web", "hearing"]
    assert got.entries["internal-revenue-safeguards-program"]["accessed"] == D(2025, 8, 12)
    hearing = got.entries[got.notes[2][0].report_id]
    assert (hearing["committee"], hearing["congress"], hearing["witness"]) == (
        "S. Comm. on Fin.",
        "118th",
        "Danny Werfel",
    )
    assert got.notes[2][0].pin == "14"


def test_a_note_between_sources_and_text_that_cites_nothing() -> None:
    got = read_footnotes(
        [
            "GAO-25-107000, IRS (Mar. 2025), at 3. Officials confirmed this; they gave no "
            "date. See also 26 U.S.C. § 6103.",
            "The agency has not responded [as of today] to *any* request.",
        ]
    )
    first = got.notes[0]
    assert [got.entries[c.report_id]["kind"] for c in first] == ["gao", "note", "statute"]
    assert got.entries[first[1].report_id]["text"] == (
        "Officials confirmed this; they gave no date."
    )
    note = got.entries[got.notes[1][0].report_id]
    assert note["text"] == r"The agency has not responded \[as of today\] to \*any\* request."
    assert not _problems(note)
    again = [plain(r) for r in FootnoteWriter.write_all(got.entries, got.notes)]
    assert again[1] == "The agency has not responded [as of today] to *any* request."


def test_compare_with() -> None:
    got = read_footnotes(["Compare 26 U.S.C. § 6103(i), with 26 C.F.R. § 301.6103(i)-1(b) (2024)."])
    assert got.notes[0] == [
        Cite("usc-26-6103", "Compare", "(i)"),
        Cite("cfr-26-301-6103-i-1", "with", "(b)"),
    ]


# ------------------------------------------------------------------------------------------
# The library


LIBRARY = {
    "gao-irs-security": {
        "id": "gao-irs-security",
        "kind": "gao",
        "title": "IRS Cybersecurity",
        "number": "GAO-25-107000",
        "date": "2025-03",
    },
    "wapo-irs-dhs": {
        "id": "wapo-irs-dhs",
        "kind": "news",
        "title": "IRS rejected request for addresses of people believed to be in U.S. illegally",
        "publication": "The Washington Post",
        "date": D(2025, 2, 28),
    },
    "irc-6103": {
        "id": "irc-6103",
        "kind": "statute",
        "title": "26",
        "code": "U.S.C.",
        "section": "6103",
    },
}


def test_library_entries_are_reused_by_number_and_by_title() -> None:
    got = read_footnotes(
        [
            "Gov't Accountability Off., GAO-25-107000, IRS Cybersecurity: Weaknesses (2025).",
            "Jacob Bogage, “IRS Rejected Request for Addresses of People Believed to Be in the "
            "U.S. Illegally,” Wash. Post (Feb. 28, 2025).",
            "26 U.S.C. § 6103(i)(2).",
            "Id.",
            "GAO-25-107000, supra note 1, at 4.",
        ],
        LIBRARY,
    )
    assert got.entries == {}
    assert got.matched["gao-irs-security"] == "number GAO-25-107000"
    assert got.matched["wapo-irs-dhs"].startswith("title ")
    assert int(got.matched["wapo-irs-dhs"].split()[1].rstrip("%")) >= 90
    assert got.matched["irc-6103"] == "section 26 U.S.C. § 6103"
    assert [n[0].report_id for n in got.notes] == [
        "gao-irs-security",
        "wapo-irs-dhs",
        "irc-6103",
        "irc-6103",
        "gao-irs-security",
    ]


def test_a_different_title_is_a_new_entry_whose_id_avoids_the_librarys() -> None:
    library = {
        "gao-25-107000": {"kind": "gao", "title": "X", "number": "GAO-25-999999", "date": "2025"}
    }
    got = read_footnotes(["GAO-25-107000, Other Report (2025)."], library)
    assert got.matched == {}
    assert list(got.entries) == ["gao-25-107000-2"]


def test_ids_are_unique_and_readable() -> None:
    got = read_footnotes(
        [
            "“One,” Wash. Post (Mar. 8, 2025).",
            "“Two,” Wash. Post (Mar. 8, 2025).",
            "Staff spoke with officials.",
        ]
    )
    assert list(got.entries) == ["wapo-2025-03-08", "wapo-2025-03-08-2", "note-3"]


def test_a_news_title_in_italics_lost_in_plain_text() -> None:
    got = read_footnotes(
        [
            "See Jacob Bogage, IRS nears deal to share data with ICE, Wash. Post (Mar. 8, 2025, "
            "6:00 AM EDT), https://www.washingtonpost.com/x.",
            "Tax Agency Chief Departs, N.Y. Times (Apr. 15, 2025).",
        ]
    )
    assert got.entries["wapo-2025-03-08"] == {
        "id": "wapo-2025-03-08",
        "kind": "news",
        "title": "IRS nears deal to share data with ICE",
        "publication": "Wash. Post",
        "date": D(2025, 3, 8),
        "author": "Jacob Bogage",
        "url": "https://www.washingtonpost.com/x",
    }
    assert got.entries["nyt-2025-04-15"]["title"] == "Tax Agency Chief Departs"
    assert got.notes[0] == [Cite("wapo-2025-03-08", "See")]


@pytest.mark.parametrize(
    "text",
    ["", ".", ";", "Id", "See", "supra note 9", "(", "a; ; b", "Compare", "See id. at", "“", "[x]"],
)
def test_odd_footnotes_are_kept_never_dropped(text: str) -> None:
    got = read_footnotes([text, "Id.", text])
    assert len(got.notes) == 3
    assert all(got.notes)
    assert all(c.report_id in got.entries for n in got.notes for c in n)
    for entry in got.entries.values():
        assert not _problems(entry)
