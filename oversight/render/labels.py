"""List labels: what "1.", "(a)", "i." or a bullet prints for the n-th item, the Word numbering
format that prints the same, and how wide the widest label of a list is.

One rule for the .docx (numbering.xml), the text preview and the page estimate.
"""

from __future__ import annotations

import re

from oversight.letters.model import LABEL_PATTERN
from oversight.render import fonts

LABEL_STYLE = re.compile(LABEL_PATTERN)
BULLETS = frozenset("•◦▪–-")

# Word's numFmt for the counter character of a style.
_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}
_ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip


def is_bullet(style: str) -> bool:
    return style in BULLETS


def _counter(style: str) -> str:
    return next((c for c in style if c in _FORMATS), "1")


def letter_counter(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def roman_counter(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def glyph(style: str) -> str:
    """The character a bullet style prints ('-' prints as an en dash, as typesetters do)."""
    return "–" if style == "-" else style


def label(style: str, n: int) -> str:
    """The label of item ``n`` (1-based): ``label("(a)", 3)`` is "(c)", ``label("I.", 4)`` "IV."."""
    if is_bullet(style):
        return glyph(style)
    c = _counter(style)
    if c == "1":
        counter = str(n)
    elif c in "aA":
        counter = letter_counter(n)
    else:
        counter = roman_counter(n)
    if c.isupper():
        counter = counter.upper()
    return style.replace(c, counter, 1)


def word_format(style: str, level: int) -> tuple[str, str]:
    """(numFmt, lvlText) of a Word numbering level printing ``style``."""
    if is_bullet(style):
        return "bullet", glyph(style)
    c = _counter(style)
    return _FORMATS[c], style.replace(c, f"%{level + 1}", 1)


_GAP = 144  # twips between the widest label and the text: a tenth of an inch
_STEP = 90  # indents are whole sixteenths of an inch


def label_width(style: str, widest: int, size_pt: float = 12) -> int:
    """Twips the widest label of a list (items 1..``widest``) takes, at ``size_pt``."""
    longest = max(fonts.width(label(style, n), unknown=722) for n in range(1, max(widest, 1) + 1))
    return round(longest * size_pt * 20 / 1000)


def hanging(style: str, widest: int, minimum: int = 360) -> int:
    """The hanging indent (twips) that fits the list's widest label and a gap after it."""
    need = label_width(style, widest) + _GAP
    return max(minimum, -(-need // _STEP) * _STEP)
