"""`oversight tui [LETTER | FOLDER]`: the drafting terminal UI (tui/app.py).

Imported only when that command runs, so no other command loads Textual. An installation
without Textual gets one line saying so.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from oversight.cli.printer import Out
from oversight.errors import Problem, UserError

_missing: str | None = None
try:
    # mypy checks tui/ as `tui`: `oversight.tui` is the build's mapping, which mypy finds not at
    # all (an editable install) or installed without types, depending on the environment.
    from oversight.tui.app import run  # type: ignore[import-not-found, import-untyped, unused-ignore]
except ImportError as err:  # Textual is not installed
    _missing = str(err)


def add_parser(sub: Any) -> None:
    t = sub.add_parser("tui", help="draft a letter in the terminal UI")
    t.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="LETTER",
        help="a letter file to open (or create); a folder opens the tracker over its letters",
    )
    t.set_defaults(handler=_tui)


def _tui(args: argparse.Namespace, out: Out) -> int:
    if _missing is not None:
        raise UserError(Problem(f"the terminal UI is not available: {_missing}"))
    return int(run(args.path))
