"""The one rule for turning words into an id or a file name (``slug``), and the one pattern of
a named value in text (``PLACEHOLDER``).

Bank and question ids, agency directory ids, the bank id ``oversight bank add`` gives a new
file, report ids imported from CSL-JSON and the file names of ``render --each-recipient`` are
all made by it, so an id typed by hand and one made by the program look alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Container

_WORD = re.compile(r"[a-z0-9]+")

# A value put into text by name: ``{{ since }}`` in a bank question (its parameters), ``{{ deadline }}``
# in a letter's own text. The one pattern for both.
_MARKUP = re.compile(r"([\\*_`\[\]])")


def escape_rich(text: str) -> str:
    """Text that prints as typed in a letter's rich text: Markdown's emphasis and code marks,
    citation brackets and backslashes escaped, everything else (commas, periods) left readable
    for whoever edits the file next."""
    return _MARKUP.sub(r"\\\1", text)


PLACEHOLDER = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}")


def slug(
    text: str,
    *,
    words: int | None = None,
    max_length: int | None = None,
    skip: Collection[str] = (),
    min_word: int = 1,
    default: str = "",
    taken: Container[str] = (),
) -> str:
    """``text`` as lowercase ASCII words joined by hyphens: "U.S. Office of Personnel
    Management" -> ``u-s-office-of-personnel-management``, "Peña" -> ``pena``.

    Accents are dropped ("é" is "e"); every other character that is not a letter or digit
    separates words. Words in ``skip`` or shorter than ``min_word`` are left out; then at most
    ``words`` words are kept, and no word that would make the slug longer than ``max_length``.
    ``default`` stands in for a text with no word left. An id in ``taken`` gets ``-2``, ``-3``...
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    found = [w for w in _WORD.findall(folded) if len(w) >= min_word and w not in skip]
    out = ""
    for word in found[:words]:
        candidate = f"{out}-{word}" if out else word
        if max_length is not None and len(candidate) > max_length:
            break
        out = candidate
    base = out or default
    unique, n = base, 2
    while unique in taken:
        unique, n = f"{base}-{n}", n + 1
    return unique
