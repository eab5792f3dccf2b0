"""Render the docxtpl peer: template.docx + context.json -> a .docx (bench/run.py times this).

    python bench/peers/docxtpl_render.py [TEMPLATE CONTEXT OUT]

``render()`` is everything a letter needs in process: read the template, turn the context's
spans into RichText (italics, superscript note numbers, line breaks), render, save.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from docxtpl import DocxTemplate, RichText

HERE = Path(__file__).resolve().parent


def rich(spans: list[list[str]]) -> RichText:
    rt = RichText()
    for text, fmt in spans:
        if fmt == "br":
            rt.add("\n")
        elif fmt == "note":
            rt.add(text, superscript=True)
        else:
            rt.add(text, bold="b" in fmt, italic="i" in fmt)
    return rt


def context(data: dict) -> dict:
    ctx = dict(data)
    for key in ("recipients", "body", "after", "notes"):
        ctx[key] = [rich(s) for s in data[key]]
    ctx["questions"] = [
        {
            "number": q["number"],
            "text": rich(q["text"]),
            "parts": [{"label": p["label"], "text": rich(p["text"])} for p in q["parts"]],
        }
        for q in data["questions"]
    ]
    ctx["signer_rows"] = [
        {"left": rich(r["left"]), "right": rich(r["right"])} for r in data["signer_rows"]
    ]
    return ctx


def render(template: Path, data: dict) -> bytes:
    doc = DocxTemplate(str(template))
    doc.render(context(data))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    template = Path(argv[0]) if argv else HERE / "template.docx"
    ctx_file = Path(argv[1]) if len(argv) > 1 else HERE / "context.json"
    out = Path(argv[2]) if len(argv) > 2 else Path("docxtpl-letter.docx")
    data = json.loads(ctx_file.read_text(encoding="utf-8"))
    out.write_bytes(render(template, data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
