"""Advance widths of Times New Roman (the built-in letter's font; LibreOffice sets it in the
metric-compatible Liberation Serif), for laying out text without a renderer: the hanging indent
that fits a list's widest label, and the page estimate's line wrapping.

Widths are the standard Times-Roman metrics, in thousandths of an em. An office's own font
differs a little; both uses leave a margin for that.
"""

from __future__ import annotations

TIMES: dict[str, int] = {
    " ": 250, "!": 333, '"': 408, "#": 500, "$": 500, "%": 833, "&": 778, "'": 180, "(": 333,
    ")": 333, "*": 500, "+": 564, ",": 250, "-": 333, ".": 250, "/": 278, ":": 278, ";": 278,
    "<": 564, "=": 564, ">": 564, "?": 444, "@": 921, "[": 333, "\\": 278, "]": 333, "^": 469,
    "_": 500, "`": 333, "{": 480, "|": 200, "}": 480, "~": 541,
    **dict.fromkeys("0123456789", 500),
    "A": 722, "B": 667, "C": 667, "D": 722, "E": 611, "F": 556, "G": 722, "H": 722, "I": 333,
    "J": 389, "K": 722, "L": 611, "M": 889, "N": 722, "O": 722, "P": 556, "Q": 722, "R": 667,
    "S": 556, "T": 611, "U": 722, "V": 722, "W": 944, "X": 722, "Y": 722, "Z": 611,
    "a": 444, "b": 500, "c": 444, "d": 500, "e": 444, "f": 333, "g": 500, "h": 500, "i": 278,
    "j": 278, "k": 500, "l": 278, "m": 778, "n": 500, "o": 500, "p": 500, "q": 500, "r": 333,
    "s": 389, "t": 278, "u": 500, "v": 500, "w": 722, "x": 500, "y": 500, "z": 444,
    "‘": 333, "’": 333, "“": 444, "”": 444, "–": 500, "—": 1000, "§": 500, "¶": 453, "…": 1000,
    "•": 350, "◦": 350, "▪": 350, "é": 444, "á": 444, "ñ": 500, "ó": 500, "í": 278, "ü": 500,
}  # fmt: skip
DEFAULT = 500  # a character the table lacks: an average lower-case letter


def width(text: str, unknown: int = DEFAULT) -> int:
    """The advance of ``text`` in thousandths of an em."""
    return sum(TIMES.get(ch, unknown) for ch in text)


def wrapped_lines(text: str, measure: float) -> int:
    """Lines ``text`` takes when wrapped at spaces into lines ``measure`` ems wide (a word longer
    than a line is broken, as Word does); each newline starts a line."""
    limit = measure * 1000
    space = TIMES[" "]
    count = 0
    for line in text.split("\n"):
        count += 1
        used = 0.0
        for word in line.split():
            w = width(word)
            if used and used + space + w > limit:
                count += 1
                used = 0.0
            used = used + space + w if used else w
            while used > limit:  # a word wider than the line
                count += 1
                used -= limit
    return count
