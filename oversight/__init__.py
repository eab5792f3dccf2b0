"""oversight: drafting assistant for congressional oversight letters.

Importing this package never loads Textual or python-docx; the command line stays fast.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

# In a source checkout, templates/ and tui/ sit at the top of the repository (the design card's
# layout); an installed wheel carries them inside the package as oversight/templates and
# oversight/tui. Extending __path__ lets `oversight.tui` resolve in both cases.
_here = Path(__file__).resolve().parent
if not (_here / "tui").is_dir() and (_here.parent / "tui" / "__init__.py").is_file():
    __path__.append(str(_here.parent))
