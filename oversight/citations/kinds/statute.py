"""statute: a section of a code (U.S.C. and the like).

Internal Revenue Code, 26 U.S.C. § 6103 (2018). Later (Bluebook 12.10, never *supra*): the code
citation again, without the name, year or URL: 26 U.S.C. § 6103(i)(2); *Id.* § 6103(i)(7).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, is_roman, tail
from oversight.citations.registry import Context, Entry, Field, Kind

_CODES = {
    "united states code": "U.S.C.",
    "u.s. code": "U.S.C.",
    "usc": "U.S.C.",
    "code of federal regulations": "C.F.R.",
    "cfr": "C.F.R.",
}


class Statute(Kind):
    name = "statute"
    label = "statute"
    order = 60
    fields: ClassVar[tuple[Field, ...]] = (
        Field("title", required=True, example='title: "26"'),
        Field("code", required=True, example="code: U.S.C."),
        Field("section", required=True, example='section: "6103"'),
        Field("name"),
        Field("year", whole_number=True),
        Field("url"),
    )
    uses_short = False
    example_pin = "(a)"
    csl_types: ClassVar[tuple[str, ...]] = ("legislation", "bill")
    csl_nearest: ClassVar[tuple[str, ...]] = ("treaty",)

    def act_name(self, entry: Entry) -> str:
        """The statute's name, which starts the first citation."""
        return clean(entry.get("name"))

    def headline(self, entry: Entry) -> str:
        return self.act_name(entry) or self._code_cite(entry, None)

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        name = self.act_name(entry)
        if name:
            out.add(name + ", ")
        out.add(self._code_cite(entry, pin))
        year = clean(entry.get("year"))
        if year:
            out.add(f" ({year})")
        tail(out, entry, None)

    def id_form(self, out: Out, entry: Entry, pin: str | None) -> None:
        if pin:
            out.add(" " + section(entry, pin))  # "Id. § 6103(i)(2)"

    def short(self, out: Out, entry: Entry, pin: str | None, note: int, context: Context) -> None:
        out.add(self._code_cite(entry, pin))

    def hereinafter(self, out: Out, entry: Entry) -> None:
        """Never *supra*: no short title to announce."""

    def _code_cite(self, entry: Entry, pin: str | None) -> str:
        return f"{clean(entry.get('title'))} {clean(entry.get('code'))} {section(entry, pin)}"

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        fields = self._csl_code_fields(item)
        fields["name"] = csl.text(item.get("title"))
        fields["year"] = csl.year(csl.date(item.get("issued")))
        return fields

    def _csl_code_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        container = csl.text(item.get("container-title"))
        return {
            "title": csl.text(item.get("volume")) or csl.text(item.get("chapter-number")),
            "code": _CODES.get(container.lower().rstrip("."), container),
            "section": csl.text(item.get("section")) or csl.text(item.get("page")),
        }

    def csl_id(self, fields: Mapping[str, Any]) -> str | None:
        if not fields.get("section"):
            return None
        return csl.slug(f"{fields.get('title', '')} {fields.get('code', '')} {fields['section']}")


def section(entry: Entry, pin: str | None) -> str:
    """ "§ 6103(i)(2)" from section "6103" and pin "(i)(2)"; "§§" for several sections."""
    sec = clean(entry.get("section")).lstrip("§").strip()
    p = clean(pin)
    if p:
        q = p.lstrip("§").strip()
        if p.isascii() and (p.isdigit() or (p.isalpha() and len(p) == 1) or is_roman(p)):
            p = f"({p})"  # a bare subsection: "2" -> "(2)", "i" -> "(i)"
        if p.startswith("("):
            sec = sec + p
        elif q == sec or (q.startswith(sec) and q[len(sec) : len(sec) + 1] in ("(", " ")):
            sec = q  # the pin repeats the section: "6103(i)" or "§ 6103(i)"
        elif p.lower().startswith("at "):
            sec = f"{sec}, {p}"
        else:
            sec = f"{sec} {p}"  # "et seq.", "note"
    several = (
        any(t in sec for t in (",", "–", "—", " to ", " & ", " and ")) and " et seq" not in sec
    )
    return ("§§ " if several else "§ ") + sec


KIND = Statute()
