"""The command line: the parser and the dispatch. Each command group is a module of its own that
registers its sub-commands, each with a handler that parses nothing more and prints through
``oversight.cli.printer.Out``:

* ``render.py``: render, validate
* ``new.py``: new, schema
* ``tui.py``: tui
* ``banks.py``: bank list|search|show|add|check
* ``reports.py``: reports list|show|check|import
* ``importer.py``: import
* ``tracking.py``: sent, log, answer, contact, status, due, calendar
* ``followup.py``: follow-up

Only the module of the command being run is imported (the others are a line of help), so
``oversight render`` loads no bank, report or terminal-UI code (docs/architecture.md,
"Deliberate lazy imports").

Exit codes: 0 done, 1 a problem with the input (each printed as file:line:column), 2 usage,
70 a bug (never a traceback unless OVERSIGHT_DEBUG is set), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from oversight import __version__
from oversight.cli.printer import Out
from oversight.errors import UserError

# Every command, in the order of the help: the module that registers it, and its line of help.
COMMANDS: dict[str, tuple[str, str]] = {
    "render": ("render", "turn letter files into .docx (and PDF)"),
    "validate": ("render", "check letter files without writing anything"),
    "new": ("new", "write a commented starter letter"),
    "schema": ("new", "print the JSON Schema of the letter format"),
    "tui": ("tui", "draft a letter in the terminal UI"),
    "bank": ("banks", "search, show, add to and check question banks"),
    "reports": ("reports", "list, show, check and import cited reports"),
    "import": ("importer", "turn past Word letters into letter files"),
    "sent": ("tracking", "record that a letter was sent"),
    "log": ("tracking", "add an event to a letter's record"),
    "answer": ("tracking", "mark how a question was answered"),
    "status": ("tracking", "the letters of a folder and where each stands"),
    "due": ("tracking", "letters awaiting an answer, by deadline"),
    "calendar": ("tracking", "the deadlines of a folder's letters as an .ics calendar"),
    "contact": ("tracking", "add an agency contact to a letter's record"),
    "follow-up": ("followup", "draft the follow-up letter asking what is still open"),
}


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="oversight",
        description="Draft congressional oversight letters: YAML in, a formal Word letter out.",
    )
    p.add_argument("--version", action="version", version=f"oversight {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    wanted = COMMANDS[command][0] if command in COMMANDS else None
    for name, (module, help_line) in COMMANDS.items():
        if module != wanted:
            sub.add_parser(name, help=help_line)
    if wanted is not None:  # its module registers all its commands, each with its handler
        importlib.import_module(f"oversight.cli.{wanted}").add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = _parser(command)
    args = parser.parse_args(argv)
    out = Out()
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args, out))
    except UserError as err:
        for problem in err.problems:
            out.problem(problem)
        return 1
    except KeyboardInterrupt:
        out.note("interrupted")
        return 130
    except BrokenPipeError:  # `oversight bank list | head`: the reader has gone; stop quietly
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream
        return 0
    except Exception as err:  # never a traceback for a staffer; the debug switch shows it
        if os.environ.get("OVERSIGHT_DEBUG"):
            raise
        out.note(f"oversight: internal error: {type(err).__name__}: {err}")
        out.note(
            "This is a bug in oversight, not in your letter. Run again with OVERSIGHT_DEBUG=1 to see details."
        )
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
