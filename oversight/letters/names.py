"""People's names as letters print them: the surname a salutation or a short citation uses.

One rule for the whole program. The salutation ("Dear Secretary dos Santos:") and a footnote's
short form ("dos Santos, supra note 3") take the surname the same way:

- a name written surname first ("Lee, Ann") is taken as written;
- generational and professional suffixes are dropped ("Martin Luther King, Jr.", "Jane Roe MD");
- name particles go with the surname (de, del, della, dos, das, van, von, bin, ibn, al, el, der,
  den, la, le, du, di, da, ter, ten, st.), so "Ana de la Cruz" is "de la Cruz"; a hyphenated
  particle stays attached ("Ahmed al-Sayed" is "al-Sayed");
- the first word is never a particle: it is the given name ("Van Morrison" is "Morrison").

A compound surname without a particle ("Catherine Cortez Masto") cannot be told from a middle
name: the letter gives the salutation itself (`salutation:` on the recipient), as documented.
"""

from __future__ import annotations

import re

from oversight.letters.model import Recipient

SUFFIXES = frozenset(
    {
        "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v",
        "esq", "esq.", "phd", "ph.d.", "md", "m.d.",
    }
)  # fmt: skip
PARTICLES = frozenset(
    {
        "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du",
        "la", "le", "van", "von", "ter", "ten", "st.",
        "bin", "ibn", "bint", "abd", "abu", "al", "el",
        "عبد", "أبو", "بن",
    }
)  # fmt: skip


def surname(name: str) -> str:
    """``Andrew De Mello`` -> ``De Mello``; ``Gene L. Dodaro`` -> ``Dodaro``; ``Lee, Ann`` ->
    ``Lee``; ``João dos Santos`` -> ``dos Santos``; suffixes dropped."""
    name = " ".join(name.split())
    if "," in name:
        head, tail = name.split(",", 1)
        if tail.strip().lower() not in SUFFIXES:
            return head.strip()  # written surname first
        name = head  # "Martin Luther King, Jr."
    words = name.split()
    while len(words) > 1 and words[-1].lower() in SUFFIXES:
        words.pop()
    if not words:
        return name.strip()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(words[start:])


TITLE_HONORIFICS = frozenset({"mr.", "ms.", "mrs.", "miss", "dr.", "mx.", "mr", "ms", "mrs", "dr"})


def salutation_name(r: Recipient) -> str:
    """How the salutation names a recipient: 'Secretary Noem', 'Mr. Dodaro'."""
    if r.salutation:
        return r.salutation
    last = surname(r.name)
    if r.title:
        title = re.split(r",| of | for ", r.title, maxsplit=1)[0].strip()
        return f"{title} {last}"
    if r.honorific and r.honorific.lower() in TITLE_HONORIFICS:
        return f"{r.honorific} {last}"
    return r.name
