"""oversight: drafting assistant for congressional oversight letters.

Importing this package never loads Textual or python-docx; the command line stays fast.
The terminal UI is ``oversight.tui`` (the folder tui/ at the top of the repository, mapped into
the package by the build: see pyproject.toml).
"""

from __future__ import annotations

__version__ = "0.1.0"
