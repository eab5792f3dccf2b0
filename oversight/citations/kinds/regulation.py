"""regulation: a section of the Code of Federal Regulations (or another code of regulations).

26 C.F.R. § 301.6103(i)-1 (2024); later 26 C.F.R. § 301.6103(i)-1(b). The statute's rules, without
a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.kinds.statute import Statute
from oversight.citations.registry import Entry, Field


class Regulation(Statute):
    name = "regulation"
    label = "regulation"
    order = 70
    fields = (
        Field("title", required=True, example='title: "26"'),
        Field("code", required=True, example="code: U.S.C."),
        Field("section", required=True, example='section: "6103"'),
        Field("year", whole_number=True),
        Field("url"),
    )
    csl_types = ("regulation",)
    csl_nearest = ()

    def act_name(self, entry: Entry) -> str:
        return ""

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        fields = self._csl_code_fields(item)
        fields["year"] = csl.year(csl.date(item.get("issued")))
        return fields


KIND = Regulation()
