"""The registry of report kinds: a kind is one module, and everything asks the registry.

A throwaway kind, defined here and nowhere else, must be checked, cited in full and short form,
offered to forms and to CSL import, and listed by `oversight reports`, without any other module
knowing it; and a module dropped into a kinds folder must be found by the registry by itself.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, write_text

from oversight.citations import registry
from oversight.citations.bluebook import Out, clean, tail
from oversight.citations.csl_import import Item, convert_items, kind_of
from oversight.citations.footnotes import FootnoteWriter
from oversight.citations.library import check_entry
from oversight.citations.markers import parse_citation
from oversight.citations.registry import Entry, Field, Kind
from oversight.cli.main import main
from oversight.errors import Problems
from oversight.yamlfile import load_text

ZINE_MODULE = '''
"""zine: a self-published magazine (a kind made up by the tests)."""

from __future__ import annotations

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, tail
from oversight.citations.registry import Entry, Field, Kind


class Zine(Kind):
    name = "zine"
    label = "zine"
    order = 55
    italic_title = True
    fields = (
        Field("title", required=True),
        Field("editor", required=True, example="editor: Ann Lee"),
        Field("issue"),
        Field("url"),
    )
    csl_types = ("x-zine",)

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add(clean(entry.get("editor")) + ", ")
        out.add(clean(entry.get("title")), True)
        issue = clean(entry.get("issue"))
        if issue:
            out.add(f" No. {issue}")
        tail(out, entry, pin)

    def csl_fields(self, item):
        return {"title": csl.text(item.get("title")), "editor": csl.text(item.get("publisher"))}


KIND = Zine()
'''


class Zine(Kind):
    name = "zine"
    label = "zine"
    order = 55
    italic_title = True
    fields = (
        Field("title", required=True),
        Field("editor", required=True, example="editor: Ann Lee"),
        Field("issue"),
        Field("url"),
    )
    csl_types = ("x-zine",)

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add(clean(entry.get("editor")) + ", ")
        out.add(clean(entry.get("title")), True)
        issue = clean(entry.get("issue"))
        if issue:
            out.add(f" No. {issue}")
        tail(out, entry, pin)

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {"title": clean(item.get("title")), "editor": clean(item.get("publisher"))}


@pytest.fixture
def zine() -> Iterator[Kind]:
    kind = registry.register(Zine())
    yield kind
    registry.unregister("zine")


ZINE = {"id": "tax-zine", "kind": "zine", "title": "Tax Zine", "editor": "Ann Lee", "issue": "4"}


def marked(runs: list[Any]) -> str:
    return "".join(f"*{r.text}*" if r.italic else r.text for r in runs)


def test_a_registered_kind_is_offered_in_its_place(zine: Kind) -> None:
    assert registry.get("zine") is zine
    names = registry.names()
    assert names.index("court") < names.index("zine") < names.index("statute")
    assert "zine" in registry.one_of()


def test_a_registered_kind_is_checked_by_its_fields(zine: Kind) -> None:
    doc = load_text("reports: []\n", "lib.yaml")
    problems = Problems()
    report = check_entry(doc, ("reports", 0), dict(ZINE), problems)
    assert report is not None and report.kind == "zine" and problems.items == []

    broken = {"id": "z", "kind": "zine", "title": "Tax Zine", "pages": "3"}
    assert check_entry(doc, ("reports", 0), broken, problems) is None
    assert [p.message for p in problems.items] == [
        "unknown field 'pages' for a zine",
        "a zine needs 'editor'",
    ]


def test_a_registered_kind_is_cited_in_full_then_short(zine: Kind) -> None:
    reports = {"z": ZINE, "other": {**ZINE, "title": "Other Zine", "short": None}}
    w = FootnoteWriter(reports)
    assert marked(w.footnote(parse_citation("@z, 5"))) == "Ann Lee, *Tax Zine* No. 4, at 5."
    assert marked(w.footnote(parse_citation("@z, 6"))) == "*Id.* at 6."
    w.footnote(parse_citation("@other"))
    assert (
        marked(w.footnote(parse_citation("See @z, 7"))) == "*See* *Tax Zine*, *supra* note 1, at 7."
    )

    short = FootnoteWriter({"z": {**ZINE, "short": "Zine"}})
    assert marked(short.footnote(parse_citation("@z"))) == (
        "Ann Lee, *Tax Zine* No. 4 [hereinafter *Zine*]."
    )


def test_a_registered_kind_reaches_forms_csl_import_and_the_reports_command(
    zine: Kind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from oversight.tui.sections.reports import kind_fields  # the TUI's report form

    keys, labels = kind_fields("zine")
    assert keys == ["id", "title", "editor", "issue", "url", "short"]
    assert labels["editor"] == "editor *"

    from oversight.letters.model import json_schema  # `oversight schema`

    entry = json_schema()["$defs"]["ReportEntry"]
    assert "zine" in entry["properties"]["kind"]["enum"]
    (zine_schema,) = [a for a in entry["oneOf"] if a["properties"]["kind"] == {"const": "zine"}]
    assert zine_schema["required"] == ["id", "kind", "title", "editor"]

    assert kind_of({"type": "x-zine"}) == ("zine", True)
    [entry] = convert_items([Item(0, {"type": "x-zine", "title": "Tax Zine"}, 1, 1)], "z.json")
    assert entry.kind == "zine" and entry.missing == ["editor"]
    assert entry.problems[0].hint == "add, for example: editor: Ann Lee"

    monkeypatch.chdir(tmp_path)
    write_text(
        tmp_path / "lib.yaml",
        "reports:\n  - {id: tax-zine, kind: zine, title: Tax Zine, editor: Ann Lee, issue: '4'}\n",
    )
    assert main(["reports", "list", "lib.yaml"]) == 0
    assert "tax-zine  zine  Ann Lee, Tax Zine No. 4.  lib.yaml:2" in capsys.readouterr().out


def test_a_kind_module_dropped_into_a_kinds_folder_is_found(tmp_path: Path) -> None:
    """Adding a kind is adding a module: nothing else names it."""
    folder = tmp_path / "kinds"
    write_text(folder / "zine.py", textwrap.dedent(ZINE_MODULE))
    code = textwrap.dedent(
        f"""
        import oversight.citations.kinds as kinds
        kinds.__path__.append({str(folder)!r})
        from oversight.citations import registry
        from oversight.citations.footnotes import FootnoteWriter
        from oversight.citations.markers import parse_citation
        print(registry.names())
        w = FootnoteWriter({{"z": {{"kind": "zine", "title": "Tax Zine", "editor": "Ann Lee"}}}})
        print("".join(r.text for r in w.footnote(parse_citation("@z, 5"))))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    names, footnote = result.stdout.splitlines()
    assert "'court', 'zine', 'statute'" in names
    assert footnote == "Ann Lee, Tax Zine, at 5."


def test_every_kind_module_defines_one_kind() -> None:
    folder = REPO / "oversight" / "citations" / "kinds"
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert sorted(k.name.replace("-", "_") for k in registry.kinds()) == modules
    for kind in registry.kinds():
        assert kind.required, kind.name
        assert len({f.name for f in kind.fields}) == len(kind.fields)
