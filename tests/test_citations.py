"""Tests for oversight.citations: parsing [...] citations and writing footnotes."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.citations import registry
from oversight.citations.bluebook import Run, format_date
from oversight.citations.footnotes import FootnoteWriter
from oversight.citations.markers import CitationSyntaxError, Cite, parse_citation
from oversight.citations.registry import COMMON_FIELDS

D = dt.date

REPORTS = {
    "wapo": {
        "id": "wapo",
        "kind": "news",
        "title": "DOGE aide sought access to IRS taxpayer data",
        "publication": "The Washington Post",
        "date": D(2025, 3, 13),
        "author": ["Jacqueline Alemany", "Jeff Stein"],
        "url": "https://www.washingtonpost.com/x",
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
    },
    "gao": {
        "kind": "gao",
        "title": "IRS Modernization: Security Risks Persist",
        "number": "GAO-25-107000",
        "date": "2025-03",
        "url": "https://www.gao.gov/products/gao-25-107000",
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
        "title": "Confidentiality of Tax Returns",
        "number": "R47000",
        "date": D(2025, 9, 2),
        "author": ["Jane Smith"],
        "url": "https://crsreports.congress.gov/product/pdf/R/R47000",
    },
    "centro": {
        "kind": "court",
        "case": "Centro de Trabajadores Unidos v. Bessent",
        "court": "D.D.C.",
        "docket": "No. 1:25-cv-00677",
        "document": "Defendants' Opposition to Motion for Preliminary Injunction",
        "date": D(2025, 4, 7),
    },
    "us-v-x": {
        "kind": "court",
        "case": "United States v. Acme Corp.",
        "court": "S.D.N.Y.",
        "docket": "1:24-cr-00001",
        "document": "Indictment",
        "date": D(2024, 1, 8),
        "url": "https://example.com/indictment.pdf",
    },
    "irc-6103": {"kind": "statute", "title": 26, "code": "U.S.C.", "section": "6103"},
    "privacy-act": {
        "kind": "statute",
        "title": 5,
        "code": "U.S.C.",
        "section": "552a",
        "name": "Privacy Act of 1974",
        "year": 2018,
    },
    "reg": {
        "kind": "regulation",
        "title": 26,
        "code": "C.F.R.",
        "section": "301.6103(i)-1",
        "year": 2024,
    },
    "letter": {
        "kind": "letter",
        "from": "Sen. Ron Wyden",
        "to": "Scott Bessent, Secretary of the Treasury",
        "date": D(2025, 3, 1),
        "subject": "Access to Treasury payment systems",
        "url": "https://www.finance.senate.gov/letter.pdf",
    },
    "letter2": {
        "kind": "letter",
        "from": ["Sen. Ron Wyden", "Sen. Elizabeth Warren", "Sen. Gary Peters"],
        "to": "Melanie Krause",
        "date": D(2025, 5, 1),
    },
    "hearing": {
        "kind": "hearing",
        "title": "Nomination of Billy Long",
        "committee": "Senate Committee on Finance",
        "date": D(2025, 5, 20),
        "witness": "Billy Long",
    },
    "hearing-old": {
        "kind": "hearing",
        "title": "IRS Oversight",
        "committee": "the Subcommittee on Taxation of the Committee on Finance",
        "date": D(2023, 2, 1),
        "congress": 118,
        "witness": ["Danny Werfel", "Nina Olson"],
    },
    "pr": {
        "kind": "press-release",
        "title": "Wyden Demands Answers on DOGE Access to Taxpayer Data",
        "publisher": "Senate Finance Committee",
        "date": D(2025, 2, 3),
        "url": "https://www.finance.senate.gov/pr",
        "short": "Wyden Release",
    },
    "web": {
        "kind": "web",
        "title": "Safeguards Program",
        "publisher": "Internal Revenue Service",
        "url": "https://www.irs.gov/safeguards",
        "accessed": D(2025, 8, 12),
    },
    "web-dated": {
        "kind": "web",
        "title": "IRS Data Book",
        "publisher": "Internal Revenue Service",
        "date": "2024",
    },
    "journal": {
        "kind": "article",
        "title": "Taxpayer Privacy and the Unitary Executive",
        "publication": "Admin. L. Rev.",
        "volume": 77,
        "page": 345,
        "date": 2025,
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
    "eo": {
        "kind": "executive-order",
        "number": 14158,
        "volume": 90,
        "page": 8441,
        "date": D(2025, 1, 20),
    },
    "fr": {
        "kind": "fed-reg",
        "title": "Privacy Act of 1974; System of Records",
        "agency": "Internal Revenue Service",
        "volume": 90,
        "page": 1234,
        "date": D(2025, 2, 3),
        "docket": "IRS-2025-0001",
        "rin": "1545-BQ00",
    },
    "doe": {
        "kind": "court",
        "case": "Doe v. Dep't of the Treasury",
        "court": "D.D.C.",
        "docket": "1:25-cv-00313",
        "document": "Compl.",
        "filed": D(2025, 2, 3),
    },
    "call": {
        "kind": "note",
        "text": "Committee staff spoke with IRS officials on June 3, 2025.",
    },
    "short-news": {
        "kind": "news",
        "title": "A Very Long Headline About the Deal",
        "publication": "Politico",
        "date": D(2025, 1, 20),
        "author": "Sam Doe",
        "short": '"The Deal"',
    },
}


def italics(runs: list[Run]) -> list[str]:
    return [r.text for r in runs if r.italic]


def plain(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def marked(runs: list[Run]) -> str:
    """Italic runs wrapped in *...*; adjacent runs always alternate typeface."""
    for a, b in pairwise(runs):
        assert a.italic != b.italic, "neighbouring runs should be merged"
    assert all(r.text for r in runs)
    return "".join(f"*{r.text}*" if r.italic else r.text for r in runs)


def checked(entry: dict) -> tuple[bool, list]:
    """(usable, problems) of one entry, as a library file's check finds them."""
    from oversight.citations.library import check_entry
    from oversight.errors import Problems
    from oversight.yamlfile import load_text

    problems = Problems()
    report = check_entry(load_text("reports: []\n", "lib.yaml"), ("reports", 0), entry, problems)
    return report is not None, problems.items


class Notes:
    """Write footnotes from bracket text: n("See @a") -> marked text."""

    def __init__(self, reports=REPORTS):
        self.w = FootnoteWriter(reports)

    def __call__(self, text: str) -> str:
        return marked(self.w.footnote(parse_citation(text)))

    def runs(self, text: str) -> list[Run]:
        return self.w.footnote(parse_citation(text))


# ------------------------------------------------------------------------------------------
# Kinds table


def test_kinds_cover_the_contract():
    assert registry.names() == [
        "news", "article", "gao", "ig", "crs", "court", "statute", "regulation",
        "executive-order", "fed-reg", "letter", "hearing", "press-release", "web", "note",
    ]  # fmt: skip
    assert registry.kind("court").required == ("case", "court", "docket", "document")
    assert registry.kind("court").optional == ("date", "filed", "ecf", "url")
    assert registry.kind("article").required == ("title", "publication", "date")
    assert registry.kind("executive-order").required == ("number", "volume", "page", "date")
    assert registry.kind("fed-reg").required == ("title", "volume", "page", "date")
    assert registry.kind("note").required == ("text",)
    assert registry.kind("news").required == ("title", "publication", "date")
    assert registry.kind("news").optional == ("author", "url")
    assert registry.kind("web").required == ("title", "publisher")
    assert registry.kind("web").optional == ("url", "date", "accessed")
    assert registry.kind("press-release").label == "press release"
    assert COMMON_FIELDS == ("id", "kind", "short", "note")
    for spec in registry.kinds():
        assert registry.get(spec.name) is spec
        assert not set(spec.required) & set(spec.optional)
        assert not set(spec.required + spec.optional) & set(COMMON_FIELDS)


# ------------------------------------------------------------------------------------------
# Full and short forms of every kind


def test_news_full_and_short():
    n = Notes()
    runs = n.runs("@wapo")
    assert plain(runs) == (
        "Jacqueline Alemany & Jeff Stein, "
        "\u201cDOGE aide sought access to IRS taxpayer data,\u201d The Washington Post "
        "(Mar. 13, 2025), https://www.washingtonpost.com/x."
    )
    assert italics(runs) == ["The Washington Post"]
    assert n("@irc-6103") == "26 U.S.C. § 6103."
    runs = n.runs("@wapo, 5")
    assert plain(runs) == "Alemany & Stein, supra note 1, at 5."
    assert italics(runs) == ["supra"]


def test_news_without_author_and_question_title():
    n = Notes()
    assert n("@nyt") == (
        "\u201cIs the Data-Sharing Deal Legal?\u201d *The New York Times* (Apr. 8, 2025)."
    )
    n("@gao")
    assert n("@nyt") == "*The New York Times*, *supra* note 1."


def test_news_three_authors_in_one_string():
    n = Notes()
    assert n("@ap") == (
        "Fatima Hussein, Will Weissert and Ana de la Cruz Jr., \u201cIRS chief departs,\u201d "
        "*Associated Press* (Apr. 15, 2025)."
    )
    n("@gao")
    assert n("@ap, 2") == "Hussein et al., *supra* note 1, at 2."


def test_news_author_list_of_three_uses_et_al():
    reports = {"a": dict(REPORTS["nyt"], author=["Ann Lee", "Bo Kim", "Cy Young"])}
    n = Notes(reports)
    assert n("@a").startswith("Ann Lee et al., \u201cIs the")


def test_news_custom_short_is_a_quoted_title():
    reports = {"a": dict(REPORTS["wapo"], short="DOGE Aide"), "b": REPORTS["gao"]}
    n = Notes(reports)
    assert n("@a").endswith("https://www.washingtonpost.com/x [hereinafter \u201cDOGE Aide\u201d].")
    n("@b")
    runs = n.runs("See @a, 2")
    assert plain(runs) == "See \u201cDOGE Aide,\u201d supra note 1, at 2."
    assert italics(runs) == ["See", "supra"]


def test_news_custom_short_with_quotes():
    n = Notes()
    assert n("@short-news") == (
        "Sam Doe, \u201cA Very Long Headline About the Deal,\u201d *Politico* (Jan. 20, 2025) "
        "[hereinafter \u201cThe Deal\u201d]."
    )
    n("@gao")
    # The comma moves inside the closing quotation mark; typed quotes print curly.
    assert n("@short-news, 4") == "\u201cThe Deal,\u201d *supra* note 1, at 4."


def test_gao_full_and_short():
    n = Notes()
    runs = n.runs("@gao, 12")
    assert plain(runs) == (
        "U.S. Gov\u2019t Accountability Off., GAO-25-107000, IRS Modernization: Security Risks "
        "Persist (Mar. 2025), at 12, https://www.gao.gov/products/gao-25-107000."
    )
    assert italics(runs) == ["IRS Modernization: Security Risks Persist"]
    n("@wapo")
    assert n("@gao") == "GAO-25-107000, *supra* note 1."


def test_ig_full_and_short():
    n = Notes()
    assert n("@tigta") == (
        "Treasury Inspector General for Tax Administration, Report No. 2025-IE-R011, "
        "*Controls Over Access to Taxpayer Data Need Improvement* (June 4, 2025)."
    )
    assert n("@oig") == (
        "Office of Inspector General, U.S. Department of Homeland Security, "
        "*Review of Data Sharing* (July 1, 2025)."
    )
    assert n("@tigta, 3") == "Report No. 2025-IE-R011, *supra* note 1, at 3."
    # Without a report number the short form is the title, in italics.
    assert n("@oig") == "*Review of Data Sharing*, *supra* note 2."


def test_crs_full_and_short():
    n = Notes()
    runs = n.runs("@crs")
    assert plain(runs) == (
        "Jane Smith, Cong. Rsch. Serv., R47000, Confidentiality of Tax Returns (Sept. 2, 2025), "
        "https://crsreports.congress.gov/product/pdf/R/R47000."
    )
    assert italics(runs) == ["Confidentiality of Tax Returns"]
    n("@wapo")
    assert n("@crs, 9") == "R47000, *supra* note 1, at 9."


def test_court_full_and_short():
    n = Notes()
    runs = n.runs("@centro, 5")
    assert plain(runs) == (
        "Centro de Trabajadores Unidos v. Bessent, No. 1:25-cv-00677, Defendants\u2019 Opposition to "
        "Motion for Preliminary Injunction at 5 (D.D.C. Apr. 7, 2025)."
    )
    assert italics(runs) == ["Centro de Trabajadores Unidos v. Bessent"]
    n("@wapo")
    runs = n.runs("@centro, 8")
    assert plain(runs) == "Centro de Trabajadores Unidos, No. 1:25-cv-00677, at 8."
    assert italics(runs) == ["Centro de Trabajadores Unidos"]
    assert "supra" not in plain(runs)


def test_court_government_party_and_bare_docket():
    n = Notes()
    assert n("@us-v-x") == (
        "*United States v. Acme Corp.*, No. 1:24-cr-00001, Indictment (S.D.N.Y. Jan. 8, 2024), "
        "https://example.com/indictment.pdf."
    )
    n("@wapo")
    assert n("@us-v-x") == "*Acme Corp.*, No. 1:24-cr-00001."


def test_court_short_names_the_document_when_docket_is_shared_or_short_given():
    reports = {
        "opp": dict(REPORTS["centro"]),
        "op": dict(REPORTS["centro"], document="Memorandum Opinion and Order", short="Mem. Op."),
        "x": REPORTS["wapo"],
    }
    n = Notes(reports)
    n("@opp")
    n("@op")
    n("@x")
    # `short` is the document's short title; the case name is still shortened to its first party.
    assert n("@op, 4") == "*Centro de Trabajadores Unidos*, No. 1:25-cv-00677, Mem. Op. at 4."
    assert n("@opp") == (
        "*Centro de Trabajadores Unidos*, No. 1:25-cv-00677, "
        "Defendants\u2019 Opposition to Motion for Preliminary Injunction."
    )


def test_statute_full_and_repeat():
    n = Notes()
    assert n("@irc-6103, (i)(2)") == "26 U.S.C. § 6103(i)(2)."
    assert n("@privacy-act") == "Privacy Act of 1974, 5 U.S.C. § 552a (2018)."
    # Never supra: a later cite repeats the code cite, without the name and year.
    assert n("@irc-6103") == "26 U.S.C. § 6103."
    assert n("@privacy-act, (b)") == "5 U.S.C. § 552a(b)."
    assert n("@irc-6103, 6103(k)(6)") == "26 U.S.C. § 6103(k)(6)."
    assert n("@privacy-act, et seq.") == "5 U.S.C. § 552a et seq."
    assert n("@privacy-act, note") == "*Id.* § 552a note."
    # A bare subsection is put in parentheses.
    assert n("@irc-6103, 2") == "26 U.S.C. § 6103(2)."
    assert n("@irc-6103, i") == "*Id.* § 6103(i)."


def test_one_source_under_two_ids_is_cited_as_one():
    """A bank's entry and the letter's own for the same source (every field alike but the id):
    the second footnote is Id., and a later cite is short, whichever id it uses."""
    reports = dict(REPORTS)
    reports["bank-6103"] = {**REPORTS["irc-6103"], "id": "bank-6103"}
    reports["wapo-copy"] = {**REPORTS["wapo"], "id": "wapo-copy"}
    n = Notes(reports)
    assert n("@irc-6103") == "26 U.S.C. § 6103."
    assert n("@bank-6103") == "*Id.*"
    first = n("@wapo")
    assert "Washington Post" in first
    assert n("@wapo-copy") == "*Id.*"
    n("@irc-6103")
    short = n("@wapo-copy")
    assert "supra" in short and "note 3" in short, short  # the source's first footnote
    different = dict(REPORTS)
    different["other"] = {**REPORTS["irc-6103"], "id": "other", "section": "6104"}
    m = Notes(different)
    m("@irc-6103")
    assert m("@other") == "26 U.S.C. § 6104.", "a different section is a different source"


def test_statute_runs_are_all_roman():
    n = Notes()
    runs = n.runs("@privacy-act")
    assert runs == [Run("Privacy Act of 1974, 5 U.S.C. § 552a (2018).", False)]


def test_statute_several_sections():
    n = Notes({"s": {"kind": "statute", "title": 26, "code": "U.S.C.", "section": "6103–6104"}})
    assert n("@s") == "26 U.S.C. §§ 6103–6104."
    n = Notes({"s": {"kind": "statute", "title": 42, "code": "U.S.C.", "section": "2000e-2"}})
    assert n("@s") == "42 U.S.C. § 2000e-2."


def test_regulation_full_and_repeat():
    n = Notes()
    assert n("@reg") == "26 C.F.R. § 301.6103(i)-1 (2024)."
    assert n("@wapo").startswith("Jacqueline")
    assert n("@reg, (b)") == "26 C.F.R. § 301.6103(i)-1(b)."


def test_letter_full_and_short():
    n = Notes()
    assert n("@letter") == (
        "Letter from Sen. Ron Wyden to Scott Bessent, Secretary of the Treasury, "
        "\u201cAccess to Treasury payment systems\u201d (Mar. 1, 2025), "
        "https://www.finance.senate.gov/letter.pdf."
    )
    assert n("@letter2") == "Letter from Sen. Ron Wyden et al. to Melanie Krause (May 1, 2025)."
    assert Notes({"l": dict(REPORTS["letter2"], **{"from": "Ron Wyden, Ranking Member"})})(
        "@l"
    ) == ("Letter from Ron Wyden, Ranking Member, to Melanie Krause (May 1, 2025).")
    runs = n.runs("@letter, 2")
    assert plain(runs) == (
        "Letter from Sen. Ron Wyden to Scott Bessent, Secretary of the Treasury, "
        "supra note 1, at 2."
    )
    assert italics(runs) == ["supra"]


def test_hearing_full_and_short():
    n = Notes()
    runs = n.runs("@hearing")
    assert plain(runs) == (
        "Nomination of Billy Long: Hearing Before the Senate Committee on Finance, "
        "119th Cong. (2025) (statement of Billy Long)."
    )
    assert italics(runs) == [
        "Nomination of Billy Long: Hearing Before the Senate Committee on Finance"
    ]
    assert n("@hearing-old, 14") == (
        "*IRS Oversight: Hearing Before the Subcommittee on Taxation of the Committee on Finance*, "
        "118th Cong. 14 (2023) (statements of Danny Werfel and Nina Olson)."
    )
    assert n("@hearing, 33") == "*Nomination of Billy Long*, *supra* note 1, at 33."


def test_hearing_congress_derived_from_date():
    base = dict(REPORTS["hearing"], witness=None)
    for day, congress in [
        (D(2025, 1, 2), "118th"),
        (D(2025, 1, 3), "119th"),
        (D(2012, 6, 1), "112th"),
    ]:
        n = Notes({"h": dict(base, date=day)})
        assert f", {congress} Cong. ({day.year})." in n("@h")


def test_press_release_full_and_short():
    n = Notes()
    runs = n.runs("@pr")
    assert plain(runs) == (
        "Press Release, Senate Finance Committee, Wyden Demands Answers on DOGE Access to Taxpayer "
        "Data (Feb. 3, 2025), https://www.finance.senate.gov/pr [hereinafter Wyden Release]."
    )
    assert italics(runs) == [
        "Wyden Demands Answers on DOGE Access to Taxpayer Data",
        "Wyden Release",
    ]
    assert n("@pr") == "*Id.*"
    n("@wapo")
    assert n("@pr") == "*Wyden Release*, *supra* note 1."


def test_web_full_and_short():
    n = Notes()
    assert n("@web") == (
        "Internal Revenue Service, *Safeguards Program*, https://www.irs.gov/safeguards "
        "(last visited Aug. 12, 2025)."
    )
    assert n("@web-dated, 7") == "Internal Revenue Service, *IRS Data Book* (2024), at 7."
    assert n("@web") == "*Safeguards Program*, *supra* note 1."


def test_journal_article_full_short_id_and_pin():
    n = Notes()
    runs = n.runs("@journal, 350")
    # Bluebook 16.4: the pin after the first page, the year alone.
    assert plain(runs) == (
        "Jane Doe & Sam Roe, \u201cTaxpayer Privacy and the Unitary Executive,\u201d "
        "77 Admin. L. Rev. 345, 350 (2025)."
    )
    assert italics(runs) == ["Admin. L. Rev."]
    assert n("@journal, 351-52") == "*Id.* at 351-52."
    n("@gao")
    assert n("See @journal, 360") == "*See* Doe & Roe, *supra* note 1, at 360."
    assert n("@journal") == "*Id.*"


def test_magazine_article_by_date_and_in_print():
    n = Notes()
    assert n("@magazine") == (
        "Andrew Marantz, \u201cInside DOGE,\u201d *The New Yorker* (Mar. 3, 2025), "
        "https://www.newyorker.com/doge."
    )
    printed = Notes({"m": dict(REPORTS["magazine"], page=34, url=None, author=None)})
    # Bluebook 16.5: a magazine in print, by date and first page; no author: the quoted title.
    assert (
        printed("@m, 36") == "\u201cInside DOGE,\u201d *The New Yorker*, Mar. 3, 2025, at 34, 36."
    )
    n2 = Notes({"m": REPORTS["magazine"], "x": REPORTS["gao"]})
    n2("@m")
    n2("@x")
    assert n2("@m, 5") == "Marantz, *supra* note 1, at 5."
    untitled = Notes({"m": dict(REPORTS["magazine"], author=None), "x": REPORTS["gao"]})
    untitled("@m")
    untitled("@x")
    assert untitled("@m, 5") == "\u201cInside DOGE,\u201d *supra* note 1, at 5."


def test_executive_order_full_short_and_pins():
    n = Notes()
    assert n("@eo") == "Exec. Order No. 14,158, 90 Fed. Reg. 8441 (Jan. 20, 2025)."
    assert n("@eo, § 3(b)") == "*Id.* § 3(b)."
    n("@gao")
    # Never supra: the order again, by section or by Federal Register page (Bluebook 14.9).
    assert n("@eo, § 4") == "Exec. Order No. 14,158, § 4."
    n("@gao")
    assert n("@eo, 8442") == "Exec. Order No. 14,158, 90 Fed. Reg. at 8442."
    n("@gao")
    assert n("@eo") == "Exec. Order No. 14,158."
    titled = Notes({"eo": dict(REPORTS["eo"], number="14,158", title="Protecting the Data")})
    assert titled("@eo, § 2") == (
        "Exec. Order No. 14,158, Protecting the Data, § 2, 90 Fed. Reg. 8441 (Jan. 20, 2025)."
    )
    assert (
        Notes()("@eo, 8443") == "Exec. Order No. 14,158, 90 Fed. Reg. 8441, 8443 (Jan. 20, 2025)."
    )


def test_federal_register_document_full_short_and_pins():
    n = Notes()
    assert n("@fr, 1236") == (
        "Internal Revenue Service, Privacy Act of 1974; System of Records, 90 Fed. Reg. 1234, "
        "1236 (Feb. 3, 2025) (Docket No. IRS-2025-0001; RIN 1545-BQ00)."
    )
    assert n("@fr, 1237") == "*Id.* at 1237."
    n("@gao")
    assert n("@fr, at 1238") == "90 Fed. Reg. at 1238."
    n("@gao")
    assert n("@fr") == "90 Fed. Reg. 1234."
    big = Notes({"f": dict(REPORTS["fr"], page=50379, agency=None, docket=None, rin=None)})
    assert big("@f, 50380") == (
        "Privacy Act of 1974; System of Records, 90 Fed. Reg. 50,379, 50,380 (Feb. 3, 2025)."
    )
    assert big("@f, 50381") == "*Id.* at 50,381."


def test_court_filing_in_a_pending_case_without_a_decision_date():
    n = Notes()
    assert n("@doe, ¶ 12") == (
        "*Doe v. Dep\u2019t of the Treasury*, No. 1:25-cv-00313, Compl. ¶ 12 "
        "(D.D.C. filed Feb. 3, 2025)."
    )
    n("@gao")
    assert n("@doe, ¶ 14") == "*Doe*, No. 1:25-cv-00313, ¶ 14."
    entry = dict(REPORTS["doe"], ecf=1)
    assert Notes({"d": entry})("@d") == (
        "*Doe v. Dep\u2019t of the Treasury*, No. 1:25-cv-00313, Compl. "
        "(D.D.C. filed Feb. 3, 2025), ECF No. 1."
    )
    # A document's own date wins over the case's filing date.
    dated = dict(entry, date=D(2025, 4, 7), document="Mot. to Dismiss")
    assert Notes({"d": dated})("@d").endswith("Mot. to Dismiss (D.D.C. Apr. 7, 2025), ECF No. 1.")
    undated = {k: v for k, v in entry.items() if k != "filed"}
    assert Notes({"d": undated})("@d") == (
        "*Doe v. Dep\u2019t of the Treasury*, No. 1:25-cv-00313, Compl. (D.D.C.), ECF No. 1."
    )


def test_a_court_filing_without_any_date_is_a_warning_only():
    ok, problems = checked({"id": "d", **{k: v for k, v in REPORTS["doe"].items() if k != "filed"}})
    assert ok
    assert [(p.severity, p.message) for p in problems] == [
        (
            "warning",
            "a court filing's citation gives a date: add 'date' (the document's) or, in a "
            "pending case, 'filed' (when the case was filed)",
        )
    ]
    assert checked({"id": "d", **REPORTS["doe"]}) == (True, [])


def test_journal_article_by_volume_needs_its_first_page():
    ok, problems = checked(
        {"id": "j", **{k: v for k, v in REPORTS["journal"].items() if k != "page"}}
    )
    assert not ok
    assert [p.message for p in problems] == [
        "a journal or magazine article with 'volume' needs 'page' (first page)"
    ]


def test_note_is_printed_as_written_every_time():
    n = Notes()
    assert n("@call") == "Committee staff spoke with IRS officials on June 3, 2025."
    assert n("@call") == "Committee staff spoke with IRS officials on June 3, 2025."
    n("@gao")
    assert n("@call") == "Committee staff spoke with IRS officials on June 3, 2025."
    assert n.w.number == 4


def test_note_stands_as_a_sentence_and_is_no_link_in_an_id_chain():
    n = Notes()
    assert n("@gao, 3; @call; see also @crs") == (
        "U.S. Gov\u2019t Accountability Off., GAO-25-107000, *IRS Modernization: Security Risks "
        "Persist* (Mar. 2025), at 3, https://www.gao.gov/products/gao-25-107000. Committee staff "
        "spoke with IRS officials on June 3, 2025. *See also* Jane Smith, Cong. Rsch. Serv., "
        "R47000, *Confidentiality of Tax Returns* (Sept. 2, 2025), "
        "https://crsreports.congress.gov/product/pdf/R/R47000."
    )
    n("@gao; @call")  # one authority and a note: the next footnote may say Id.
    assert n("@gao, 9") == "*Id.* at 9."
    n("@call")  # a footnote with no authority: the one before is not the previous footnote
    assert n("@gao, 10") == "GAO-25-107000, *supra* note 1, at 10."


def test_note_text_is_rich_text_with_curly_quotes():
    reports = {
        "n": {
            "kind": "note",
            "text": 'Staff asked whether the "routine" review in\n*Form 8821* was done',
        }
    }
    runs = Notes(reports).runs("@n")
    assert marked(runs) == (
        "Staff asked whether the \u201croutine\u201d review in *Form 8821* was done."
    )
    ok, problems = checked({"id": "n", "kind": "note", "text": "See [@gao] for more."})
    assert not ok
    assert problems[0].message == (
        "a note's text cannot cite: cite the source beside the note in the letter"
    )


def test_hearing_serial_number():
    n = Notes(
        {
            "h": dict(REPORTS["hearing"], serial="119-12"),
            "s": dict(REPORTS["hearing"], serial="S. Hrg. 119-45"),
        }
    )
    assert n("@h, 14") == (
        "*Nomination of Billy Long: Hearing Before the Senate Committee on Finance*, "
        "119th Cong. 14 (2025) (Serial No. 119-12) (statement of Billy Long)."
    )
    assert "(2025) (S. Hrg. 119-45) (statement" in n("@s")


def test_full_form_pin_url_and_parenthetical_order():
    n = Notes()
    assert n("@gao, at 12 (finding that IRS lacked controls; see table 2)") == (
        "U.S. Gov\u2019t Accountability Off., GAO-25-107000, *IRS Modernization: Security Risks "
        "Persist* (Mar. 2025), at 12, https://www.gao.gov/products/gao-25-107000 (finding that IRS "
        "lacked controls; see table 2)."
    )


# ------------------------------------------------------------------------------------------
# Id. and supra


def test_id_same_source_twice():
    n = Notes()
    n("@wapo")
    runs = n.runs("@wapo")
    assert runs == [Run("Id.", True)]


def test_id_with_pin_and_parenthetical():
    n = Notes()
    n("@gao, 3")
    assert n("@gao, 7") == "*Id.* at 7."
    assert n("@gao, § 4.2") == "*Id.* § 4.2."
    assert n("@gao (describing the audit)") == "*Id.* (describing the audit)."
    # An earlier pin and none now: Id. alone still refers to the same source.
    assert n("@gao") == "*Id.*"


def test_id_for_statutes_keeps_the_section():
    n = Notes()
    n("@irc-6103, (i)(2)")
    assert n("@irc-6103, (i)(7)") == "*Id.* § 6103(i)(7)."
    assert n("@irc-6103") == "*Id.*"


def test_a_b_a_gives_supra():
    n = Notes()
    n("@wapo")
    n("@gao")
    runs = n.runs("@wapo, 2")
    assert plain(runs) == "Alemany & Stein, supra note 1, at 2."
    assert italics(runs) == ["supra"]


def test_no_id_after_multi_source_note():
    n = Notes()
    n("@wapo; @gao")
    assert n("@wapo") == "Alemany & Stein, *supra* note 1."
    assert n("@gao") == "GAO-25-107000, *supra* note 1."
    assert n("@gao") == "*Id.*"


def test_single_source_then_multi_source_note():
    # Bluebook 4.1: the first source of a string may be "Id." when the previous footnote
    # cited only that source.
    n = Notes()
    n("@wapo")
    runs = n.runs("@wapo, 3; see also @gao")
    assert plain(runs) == (
        "Id. at 3; see also U.S. Gov\u2019t Accountability Off., GAO-25-107000, IRS Modernization: "
        "Security Risks Persist (Mar. 2025), https://www.gao.gov/products/gao-25-107000."
    )
    assert italics(runs) == ["Id.", "see also", "IRS Modernization: Security Risks Persist"]
    # ...and the next footnote can't use Id.: the previous one had two sources.
    assert n("@gao") == "GAO-25-107000, *supra* note 2."


def test_single_source_then_multi_source_note_strict_mode():
    class Strict(FootnoteWriter):
        ID_IN_STRING_CITES = False

    w = Strict(REPORTS)
    w.footnote(parse_citation("@wapo"))
    runs = w.footnote(parse_citation("@wapo; @gao"))
    assert plain(runs).startswith("Alemany & Stein, supra note 1; U.S. Gov")
    assert plain(w.footnote(parse_citation("@gao"))) == "GAO-25-107000, supra note 2."


def test_source_not_first_in_multi_note_is_not_id():
    n = Notes()
    n("@wapo")
    assert n("@gao; @wapo").endswith("; Alemany & Stein, *supra* note 1.")


def test_intervening_note_breaks_id_chain():
    n = Notes()
    n("@gao")
    n("@gao")
    n("@irc-6103")
    assert n("@gao, 4") == "GAO-25-107000, *supra* note 1, at 4."


def test_id_within_one_footnote():
    n = Notes()
    assert n("@gao, 3; see also @gao, 9").endswith(
        "at 3, https://www.gao.gov/products/gao-25-107000; *see also id.* at 9."
    )


def test_supra_points_to_first_full_citation():
    n = Notes()
    n("@wapo")  # 1
    n("@gao")  # 2
    n("@wapo")  # 3: supra note 1
    n("@gao")  # 4: supra note 2
    assert n("@crs; @wapo") == (
        "Jane Smith, Cong. Rsch. Serv., R47000, *Confidentiality of Tax Returns* (Sept. 2, 2025), "
        "https://crsreports.congress.gov/product/pdf/R/R47000; Alemany & Stein, *supra* note 1."
    )
    assert n.w.number == 5
    assert n.w.first_note("crs") == 5
    assert n.w.first_note("wapo") == 1
    assert n.w.first_note("irc-6103") is None


def test_hereinafter_only_when_a_later_citation_uses_the_short_form():
    """Bluebook 4.2(b): "[hereinafter …]" announces a short form the letter goes on to use."""
    reports = {"pr": REPORTS["pr"], "gao": REPORTS["gao"], "news": REPORTS["short-news"]}

    def notes(*texts: str) -> list[str]:
        return [
            marked(r) for r in FootnoteWriter.write_all(reports, [parse_citation(t) for t in texts])
        ]

    # Cited once: nothing to announce.
    assert notes("@pr", "@gao")[0] == (
        "Press Release, Senate Finance Committee, *Wyden Demands Answers on DOGE Access to "
        "Taxpayer Data* (Feb. 3, 2025), https://www.finance.senate.gov/pr."
    )
    # Cited again only as *Id.*: the short form is never used, so never announced.
    assert "hereinafter" not in notes("@pr", "@pr, 2")[0]
    # Cited again after another source: the short form is used, and announced first.
    used = notes("@pr; @news", "@gao", "See @pr, 2")
    assert used[0].startswith("Press Release, Senate Finance Committee, *Wyden Demands")
    assert "https://www.finance.senate.gov/pr [hereinafter *Wyden Release*]; Sam Doe" in used[0]
    assert used[0].endswith("(Jan. 20, 2025).")  # news is not cited again: no hereinafter
    assert used[2] == "*See* *Wyden Release*, *supra* note 1, at 2."
    # A footnote written one at a time cannot know the future: it announces every `short`.
    assert "[hereinafter *Wyden Release*]" in Notes(reports)("@pr")


# ------------------------------------------------------------------------------------------
# Signals


def test_signal_at_start_is_capitalised_and_italic():
    n = Notes()
    runs = n.runs("see also @gao")
    assert runs[0] == Run("See also", True)
    assert runs[1].text.startswith(" U.S. Gov")


def test_signal_in_the_middle_is_lower_case():
    n = Notes()
    runs = n.runs("See @wapo; See Also @gao; cf @crs")
    text = plain(runs)
    assert text.startswith("See Jacqueline Alemany")
    assert "; see also U.S. Gov\u2019t" in text
    assert "; cf. Jane Smith" in text
    assert italics(runs)[:2] == ["See", "The Washington Post"]
    assert "see also" in italics(runs) and "cf." in italics(runs)


def test_signal_with_id_and_supra():
    n = Notes()
    n("@wapo")
    runs = n.runs("See @wapo, 4")
    assert runs == [Run("See id.", True), Run(" at 4.", False)]
    n("@gao")
    runs = n.runs("See generally @wapo")
    assert marked(runs) == "*See generally* Alemany & Stein, *supra* note 1."


def test_eg_signals():
    n = Notes()
    assert n("E.g. @irc-6103").startswith("*E.g.,* 26 U.S.C.")
    assert n("see, e.g., @irc-6103; @reg") == "*See, e.g., id.*; 26 C.F.R. § 301.6103(i)-1 (2024)."


def test_different_signal_types_start_new_sentences():
    n = Notes()
    n("@wapo")
    n("@gao")
    n("@crs")
    text = n("See @wapo; see also @gao; but see @crs; @irc-6103; see generally @reg")
    assert text == (
        "*See* Alemany & Stein, *supra* note 1; *see also* GAO-25-107000, *supra* note 2. "
        "*But see* R47000, *supra* note 3; 26 U.S.C. § 6103. "
        "*See generally* 26 C.F.R. § 301.6103(i)-1 (2024)."
    )


def test_signal_after_sentence_ending_in_period():
    n = Notes()
    n("@irc-6103")
    # "Id." already ends the sentence; no doubled period.
    assert n("@irc-6103; but see @privacy-act") == (
        "*Id.* *But see* Privacy Act of 1974, 5 U.S.C. § 552a (2018)."
    )


def test_parenthetical_with_semicolons_and_commas():
    n = Notes()
    assert n("@irc-6103 (requiring, among other things, written requests; see below)") == (
        "26 U.S.C. § 6103 (requiring, among other things, written requests; see below)."
    )


def test_footnote_rejects_unknown_id_without_changing_state():
    w = FootnoteWriter(REPORTS)
    w.footnote([Cite("wapo")])
    with pytest.raises(KeyError):
        w.footnote([Cite("gao"), Cite("nope")])
    assert w.number == 1
    assert w.first_note("gao") is None
    assert plain(w.footnote([Cite("wapo")])) == "Id."


def test_footnote_needs_a_cite():
    with pytest.raises(ValueError):
        FootnoteWriter(REPORTS).footnote([])


def test_typed_quotes_and_apostrophes_print_curly_as_in_the_letter_text():
    """One rule for the letter's text and its footnotes: markdown-it's smartquotes."""
    reports = {
        "x": {
            "kind": "news",
            "title": 'IRS\'s "secret" data deal',
            "publication": "Treasury's Own Bulletin",
            "date": D(2025, 3, 1),
            "url": 'https://example.com/it\'s-"here"',
            "short": "Bulletin's Deal",
        },
        "l": {
            "kind": "letter",
            "from": "Sen. Ron Wyden, Ranking Member, S. Comm. on Fin.",
            "to": "Scott Bessent, Sec'y of the Treasury",
            "date": D(2025, 2, 4),
        },
        "g": REPORTS["gao"],
    }
    n = Notes(reports)
    assert n('@x (quoting the "plan")') == (
        "\u201cIRS\u2019s \u201csecret\u201d data deal,\u201d *Treasury\u2019s Own Bulletin* "
        '(Mar. 1, 2025), https://example.com/it\'s-"here" '
        "[hereinafter \u201cBulletin\u2019s Deal\u201d] (quoting the \u201cplan\u201d)."
    )
    assert n("@l") == (
        "Letter from Sen. Ron Wyden, Ranking Member, S. Comm. on Fin., to Scott Bessent, "
        "Sec\u2019y of the Treasury (Feb. 4, 2025)."
    )
    n("@g")
    assert n("@x, 3") == "\u201cBulletin\u2019s Deal,\u201d *supra* note 1, at 3."


def test_entry_text_is_not_recapitalised():
    reports = {"x": {"kind": "web", "title": "iPhone data and the IRS", "publisher": "eff.org"}}
    assert Notes(reports)("see @x") == "*See* eff.org, *iPhone data and the IRS*."


def test_multiline_entry_text_is_folded():
    reports = {"x": {"kind": "web", "title": "Two\nlines  here\n", "publisher": "P"}}
    assert Notes(reports)("@x") == "P, *Two lines here*."


# ------------------------------------------------------------------------------------------
# Dates and pins


@pytest.mark.parametrize(
    "value, expected",
    [
        (D(2025, 1, 20), "Jan. 20, 2025"),
        (D(2025, 3, 13), "Mar. 13, 2025"),
        (D(2025, 5, 1), "May 1, 2025"),
        (D(2025, 6, 4), "June 4, 2025"),
        (D(2025, 7, 4), "July 4, 2025"),
        (D(2025, 9, 30), "Sept. 30, 2025"),
        (dt.datetime(2025, 12, 1, 9, 30), "Dec. 1, 2025"),
        ("2025-03", "Mar. 2025"),
        ("2025-03-13", "Mar. 13, 2025"),
        ("2025", "2025"),
        (2025, "2025"),
        ("Spring 2025", "Spring 2025"),
        ("2025-13", "2025-13"),
        ("2025-02-30", "2025-02-30"),
    ],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    "pin, expected",
    [
        ("5", "*Id.* at 5."),
        ("5-7", "*Id.* at 5-7."),
        ("at 5", "*Id.* at 5."),
        ("p. 5", "*Id.* at 5."),
        ("pp. 5-7", "*Id.* at 5-7."),
        ("iv", "*Id.* at iv."),
        ("§ 3(b)", "*Id.* § 3(b)."),
        ("¶ 12", "*Id.* ¶ 12."),
        ("tbl. 2", "*Id.* tbl. 2."),
        ("app. A", "*Id.* app. A."),
    ],
)
def test_pin_forms(pin, expected):
    n = Notes()
    n("@gao")
    assert marked(n.w.footnote([Cite("gao", pin=pin)])) == expected


# ------------------------------------------------------------------------------------------
# Parsing


def test_parse_example_from_the_brief():
    assert parse_citation("See @wapo-1, at 5 (reporting X); see also @gao-2") == [
        Cite("wapo-1", "See", "at 5", "reporting X"),
        Cite("gao-2", "See also"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("@a", [Cite("a")]),
        ("  @a  ", [Cite("a")]),
        ("@a, 5", [Cite("a", pin="5")]),
        (
            "@a, at 5 (describing the request)",
            [Cite("a", pin="at 5", parenthetical="describing the request")],
        ),
        ("@a (describing (in part) x; y)", [Cite("a", parenthetical="describing (in part) x; y")]),
        ("@a(x)", [Cite("a", parenthetical="x")]),
        ("@a; @b, at 3", [Cite("a"), Cite("b", pin="at 3")]),
        ("@irc, (i)(2)", [Cite("irc", pin="(i)(2)")]),
        ("@irc, § 3(b)", [Cite("irc", pin="§ 3(b)")]),
        (
            "@irc, § 3(b) (requiring consent)",
            [Cite("irc", pin="§ 3(b)", parenthetical="requiring consent")],
        ),
        (
            "@irc, (i) (requiring consent)",
            [Cite("irc", pin="(i)", parenthetical="requiring consent")],
        ),
        ("@a, (describing x)", [Cite("a", parenthetical="describing x")]),
        ("@gao-25-107000", [Cite("gao-25-107000")]),
        ("@a.b_c", [Cite("a.b_c")]),
        ("@2025-report", [Cite("2025-report")]),
        ("see also @a", [Cite("a", "See also")]),
        ("SEE ALSO @a", [Cite("a", "See also")]),
        ("cf @a", [Cite("a", "Cf.")]),
        ("Cf.@a", [Cite("a", "Cf.")]),
        ("but see @a", [Cite("a", "But see")]),
        ("See generally @a", [Cite("a", "See generally")]),
        ("e.g. @a", [Cite("a", "E.g.,")]),
        ("See, e.g., @a", [Cite("a", "See, e.g.,")]),
        ("see e.g. @a", [Cite("a", "See, e.g.,")]),
        ("Accord @a", [Cite("a", "Accord")]),
        ("contra @a", [Cite("a", "Contra")]),
        ("But cf. @a", [Cite("a", "But cf.")]),
        (
            "@a, at 5 (quoting press@agency.gov)",
            [Cite("a", pin="at 5", parenthetical="quoting press@agency.gov")],
        ),
    ],
)
def test_parse_valid(text, expected):
    assert parse_citation(text) == expected


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("", 0, "empty citation"),
        ("   ", 0, "empty citation"),
        ("wapo-1", 0, "(@wapo-1)"),
        ("See wapo-1", 0, "(See @wapo-1)"),
        ("See also wapo-1, at 5", 0, "(See also @wapo-1)"),
        ("hello there", 0, "put @ before the report id"),
        ("@", 0, "'@' must be followed by a report id"),
        ("@ wapo", 0, "remove the space after '@': write @wapo"),
        ("@WaPo-1", 0, "report ids are lowercase: write @wapo-1"),
        ("@-a", 0, "must start with a letter or digit"),
        ("@_a", 0, "must start with a letter or digit"),
        ("@a.", 2, "put punctuation outside the brackets"),
        ("@a!b", 2, "unexpected '!'"),
        ("@a@b", 2, "separate them with ';'"),
        ("@a @b", 3, "separate them with ';'"),
        ("@a, at 5 @b", 9, "separate them with ';'"),
        ("@a (x) @b", 7, "separate them with ';'"),
        ("@a at 5", 3, "add a comma before the pin cite: @a, at 5"),
        ("@a (x) y", 7, "unexpected 'y' after the parenthetical"),
        ("@a (x), 5", 6, "put the pin cite before the parenthetical"),
        ("@a,", 2, "nothing after the comma"),
        ("@a,, 5", 3, "extra ','"),
        ("@a;", 2, "nothing after ';'"),
        (";@a", 0, "nothing before the first ';'"),
        ("@a; ;@b", 2, "nothing after ';'"),
        ("Sea @a", 0, "unknown signal 'Sea' before @a: did you mean 'See'?"),
        ("Sea also @a", 0, "did you mean 'See also'?"),
        ("According to @a", 0, "unknown signal 'According to'"),
        ("Compare @a", 0, "'Compare … with …' isn't supported"),
        ("@a (x", 3, "'(' is never closed"),
        ("@a, at 5 (describing (x)", 9, "'(' is never closed"),
        ("@a x)", 4, "')' has no matching '('"),
        ("@a ()", 3, "empty parenthetical"),
    ],
)
def test_parse_errors(text, column, words):
    with pytest.raises(CitationSyntaxError) as info:
        parse_citation(text)
    err = info.value
    assert words in str(err)
    assert err.column == column
    assert "\n" not in str(err)
    assert isinstance(err, ValueError)


def test_unknown_signal_lists_the_signals_when_nothing_is_close():
    with pytest.raises(CitationSyntaxError) as info:
        parse_citation("Xyzzy quux @a")
    assert "'See also'" in str(info.value) and "'But see'" in str(info.value)


def test_parse_rejects_non_text():
    with pytest.raises(CitationSyntaxError):
        parse_citation(None)  # type: ignore[arg-type]


@settings(max_examples=500)
@given(st.text())
def test_parse_never_raises_anything_else(text):
    try:
        cites = parse_citation(text)
    except CitationSyntaxError as err:
        assert err.column is None or 0 <= err.column <= len(text)
        assert str(err) and "\n" not in str(err)
    else:
        assert cites and all(isinstance(c, Cite) and c.report_id for c in cites)


@settings(max_examples=500)
@given(st.text(alphabet="@;,() abSeAlsoCf.gv-1\u00a7\n", max_size=40))
def test_parse_never_raises_anything_else_on_citation_like_text(text):
    try:
        parse_citation(text)
    except CitationSyntaxError as err:
        assert err.column is None or 0 <= err.column <= len(text)


_ids = st.from_regex(r"[a-z0-9][a-z0-9\-]{0,12}", fullmatch=True)
_signals = st.sampled_from(
    [None, "See", "See also", "Cf.", "But see", "See generally", "E.g.,", "See, e.g.,"]
)
_pins = st.one_of(
    st.none(), st.sampled_from(["5", "at 5", "5-7", "§ 3(b)", "(i)(2)", "¶ 4", "p. 7"])
)
_parens = st.one_of(
    st.none(),
    st.from_regex(r"[a-z][a-z ,;]{0,20}[a-z]", fullmatch=True),
    st.sampled_from(["describing (in part) the request", "x; y"]),
)


@settings(max_examples=300)
@given(st.lists(st.tuples(_signals, _ids, _pins, _parens), min_size=1, max_size=4))
def test_parse_round_trip(sources):
    parts = []
    for signal, rid, pin, paren in sources:
        text = (signal + " " if signal else "") + "@" + rid
        if pin:
            text += ", " + pin
        if paren:
            text += " (" + paren + ")"
        parts.append(text)
    cites = parse_citation("; ".join(parts))
    assert cites == [Cite(rid, signal, pin, paren) for signal, rid, pin, paren in sources]


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(_signals, st.sampled_from(sorted(REPORTS)), _pins, _parens),
        min_size=1,
        max_size=3,
    ),
    st.integers(1, 4),
)
def test_footnotes_always_end_with_a_period_and_merge_runs(sources, repeat):
    w = FootnoteWriter(REPORTS)
    for _ in range(repeat):
        runs = w.footnote([Cite(r, s, p, q) for s, r, p, q in sources])
        text = marked(runs)
        assert text.endswith((".", ".*"))
        assert ".." not in plain(runs).replace("...", "")


_field_values = st.one_of(
    st.none(),
    st.text(max_size=15),
    st.integers(-5, 3000),
    st.dates(),
    st.lists(st.text(max_size=10), max_size=4),
)


@settings(max_examples=300)
@given(
    st.sampled_from(sorted(registry.names())),
    st.dictionaries(
        st.sampled_from(
            [
                "title",
                "publication",
                "date",
                "author",
                "url",
                "number",
                "agency",
                "case",
                "court",
                "docket",
                "document",
                "code",
                "section",
                "name",
                "year",
                "from",
                "to",
                "subject",
                "committee",
                "witness",
                "congress",
                "publisher",
                "accessed",
                "volume",
                "page",
                "filed",
                "ecf",
                "rin",
                "serial",
                "text",
                "short",
            ]
        ),
        _field_values,
    ),
    st.text(max_size=10),
    st.text(max_size=10),
    st.text(max_size=10),
)
def test_writer_survives_odd_entries_and_cites(kind, fields, signal, pin, paren):
    """Entries are validated elsewhere, but odd values must not crash the writer."""
    w = FootnoteWriter({"a": dict(fields, kind=kind), "b": REPORTS["gao"]})
    for cites in (
        [Cite("a", signal or None, pin or None, paren or None)],
        [Cite("a"), Cite("b", pin=pin)],
        [Cite("a", pin=pin)],
        [Cite("b"), Cite("a", signal)],
    ):
        runs = w.footnote(cites)
        assert runs and all(isinstance(r, Run) and r.text for r in runs)
