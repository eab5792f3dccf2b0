"""executive-order: a presidential executive order, cited to the Federal Register (Bluebook 14.7).

Exec. Order No. 14,158, 90 Fed. Reg. 8441 (Jan. 20, 2025); with a title, "Exec. Order No.
14,158, Establishing and Implementing the President’s “Department of Government Efficiency,” 90
Fed. Reg. 8441 (Jan. 20, 2025)". A section pin follows the number ("Exec. Order No. 14,158,
§ 3(b), 90 Fed. Reg. …"), a page pin the first page ("8441, 8442").
Later (never *supra*): Exec. Order No. 14,158, § 3(b); Exec. Order No. 14,158, 90 Fed. Reg. at
8442; *Id.* § 4.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, date, grouped, is_page, pin_phrase, tail
from oversight.citations.kinds.fed_reg import (
    OnTheRegister,
    register_cite,
    register_csl_fields,
    register_fields,
)
from oversight.citations.registry import Context, Entry, Field

NAMED = r"\bexec(?:utive|\.)?\s*order\b(?:\s*(?:no\.?|number)?\s*([\d,]+))?"  # (re.I)


class ExecutiveOrder(OnTheRegister):
    name = "executive-order"
    label = "executive order"
    order = 72
    fields = (
        Field("number", required=True, whole_number=True, example="number: 14158"),
        *register_fields("page: 8441"),
        Field("title"),
        Field("url"),
    )
    example_pin = "§ 3"
    csl_claim_rank = 5  # before the Federal Register: an order is published there too

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add_then_comma(order_number(entry))
        title = clean(entry.get("title"))
        if title:
            out.add_then_comma(title)  # a title ending in a quotation takes the comma inside
        page_pin = pin if pin and is_page(pin) else None
        if pin and not page_pin:
            out.add_then_comma(pin_phrase(pin))  # "§ 3(b)" before the Federal Register citation
        out.add(register_cite(entry, page_pin))
        date(out, entry.get("date"))
        tail(out, entry, None)

    def headline(self, entry: Entry) -> str:
        return ", ".join(x for x in (order_number(entry), clean(entry.get("title"))) if x)

    def short(self, out: Out, entry: Entry, pin: str | None, note: int, context: Context) -> None:
        out.add(order_number(entry))
        if pin and is_page(pin):
            out.add(", " + register_cite(entry, pin, later=True))
        elif pin:
            out.add(", " + pin_phrase(pin))

    def csl_claims(self, item: Mapping[str, Any]) -> bool:
        """An item whose title starts by naming an executive order, or whose number or genre
        says it is one (a news story about an order is not one)."""
        if re.match(r"\s*" + NAMED, csl.text(item.get("title")), re.I):
            return True
        return any(re.search(NAMED, csl.text(item.get(key)), re.I) for key in ("number", "genre"))

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        title = csl.text(item.get("title"))
        number = ""
        for key in ("number", "title"):
            found = re.search(NAMED, csl.text(item.get(key)), re.I)
            if found and found.group(1):
                number = found.group(1).replace(",", "")
                break
        if not number:
            number = re.sub(r"[^\d]", "", csl.text(item.get("number")))
        # "Executive Order 14158: Establishing …" -> "Establishing …"
        title = re.sub(r"^\s*" + NAMED + r"\s*[:,.\-–—]?\s*", "", title, count=1, flags=re.I)
        return {"number": number, "title": title, **register_csl_fields(item)}

    def csl_id(self, fields: Mapping[str, Any]) -> str | None:
        number = csl.text(fields.get("number"))
        return f"eo-{number}" if number else None


def order_number(entry: Entry) -> str:
    """ "Exec. Order No. 14,158" (thousands commas, Bluebook 6.2(d))."""
    number = grouped(clean(entry.get("number")).removeprefix("No.").strip())
    return f"Exec. Order No. {number}"


KIND = ExecutiveOrder()
