"""`oversight new` (a commented starter letter) and `oversight schema` (the letter format's JSON
Schema, for editors).

The starter letter comes from ``oversight.draft``, which loads ruamel.yaml: it is imported by
``new`` alone (docs/architecture.md, "Deliberate lazy imports").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from oversight.cli.printer import Out
from oversight.errors import Problem, UserError, display_path
from oversight.fsutil import atomic_write
from oversight.letters.model import json_schema


def add_parser(sub: Any) -> None:
    n = sub.add_parser("new", help="write a commented starter letter")
    n.add_argument("path", nargs="?", type=Path, default=Path("letter.yaml"), metavar="PATH")
    n.set_defaults(handler=_new)

    s = sub.add_parser("schema", help="print the JSON Schema of the letter format")
    s.add_argument("-o", "--output", type=Path, metavar="PATH", help="write it to a file")
    s.set_defaults(handler=_schema)


def _new(args: argparse.Namespace, out: Out) -> int:
    from oversight.draft import starter_text

    path: Path = args.path
    if path.exists():
        raise UserError(
            Problem(
                "already exists; choose another name (nothing was changed)", file=display_path(path)
            )
        )
    if not path.parent.is_dir() and str(path.parent):
        raise UserError(
            Problem(
                f"the folder {display_path(path.parent)} does not exist", file=display_path(path)
            )
        )
    atomic_write(path, starter_text().encode("utf-8"))
    out.line(
        f"wrote {display_path(path)}: edit it, then run: oversight render {display_path(path)}"
    )
    return 0


def _schema(args: argparse.Namespace, out: Out) -> int:
    text = json.dumps(json_schema(), indent=2) + "\n"
    if args.output:
        atomic_write(args.output, text.encode())
        out.line(f"wrote {display_path(args.output)}")
    else:
        out.write(text)
    return 0
