"""People's names as letters print them: the surname and the salutation a letter uses.

One rule for the whole program. The salutation ("Dear Secretary dos Santos:") and a footnote's
short form ("dos Santos, supra note 3") take the surname the same way:

- a name written surname first ("Lee, Ann") is taken as written;
- generational and professional suffixes are dropped ("Martin Luther King, Jr.", "Jane Roe MD");
- name particles go with the surname (de, del, della, dos, das, van, von, bin, ibn, al, el, der,
  den, la, le, du, di, da, ter, ten, st.), so "Ana de la Cruz" is "de la Cruz"; a hyphenated
  particle stays attached ("Ahmed al-Sayed" is "al-Sayed"), and so does a hyphenated surname
  ("Ocasio-Cortez");
- the first word is never a particle: it is the given name ("Van Morrison" is "Morrison").

A compound surname without a particle ("Catherine Cortez Masto") cannot be told from a middle
name: the last word is taken, and the letter is warned to give the salutation itself
(`salutation:` on the recipient) if that is wrong.

The salutation names each recipient as offices write it (docs/letter-format.md, "Recipients"):

- a recipient's own `salutation:` is the name as given ("Dear Mr. Walker:" counts as "Mr. Walker");
- a military rank, "Judge" or "Ambassador" as the honorific greets by it, title or not
  ("General George", "Admiral Franchetti"; a lieutenant general is "General", a vice admiral
  "Admiral", as service correspondence writes);
- otherwise the title's office: up to " of ", " for ", " to ", " and ", a comma..., without a
  leading "the", "U.S." or "United States", and "Acting" kept ("United States Attorney General"
  is "Attorney General", "Acting Commissioner of Internal Revenue" "Acting Commissioner",
  "Treasury Inspector General for Tax Administration" "Inspector General");
- with no title, Mr./Ms./Mrs./Dr. and the like before the surname ("Dr. Bhattacharya");
  "The Honorable" is never in a salutation.

Where the rule may be wrong (a surname that may be compound, a title cut that may not be the
office, an honorific it does not know, nothing to greet by) :func:`salutation_doubts` says what it
chose and how to override it; the letter's checks make those warnings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

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

_INITIAL = re.compile(r"(?:\w\.-?)+|\w")  # "L.", "J.R.", "Q"


def surname(name: str) -> str:
    """``Andrew De Mello`` -> ``De Mello``; ``Gene L. Dodaro`` -> ``Dodaro``; ``Lee, Ann`` ->
    ``Lee``; ``João dos Santos`` -> ``dos Santos``; suffixes dropped."""
    return _surname(name)[0]


def _surname(name: str) -> tuple[str, str | None]:
    """The surname, and a longer one it may be ("Cortez Masto") when the rule cannot tell."""
    name = " ".join(name.split())
    if "," in name:
        head, tail = name.split(",", 1)
        if tail.strip().lower() not in SUFFIXES:
            return head.strip(), None  # written surname first
        name = head  # "Martin Luther King, Jr."
    words = name.split()
    while len(words) > 1 and words[-1].lower() in SUFFIXES:
        words.pop()
    if not words:
        return name.strip(), None
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    last = " ".join(words[start:])
    before = words[start - 1] if start >= 2 and start == len(words) - 1 else ""
    given = [w for w in words[: start - 1] if not _INITIAL.fullmatch(w)]
    if given and before[:1].isupper() and not _INITIAL.fullmatch(before):
        # "Catherine Cortez Masto": a middle name, or half the surname? ("J. Russell George"
        # is not asked about: after an initial, the second word is the name used.)
        return last, f"{before} {last}"
    return last, None


# Honorifics. "The Honorable" is never in a salutation; a courtesy honorific greets when there is
# no title; a rank (and the honorifics offices treat as one) greets even when there is a title.
FORMAL = frozenset({"the honorable", "honorable", "the hon.", "hon.", "the hon", "hon"})
COURTESY = frozenset(
    {
        "mr.", "mr", "ms.", "ms", "mrs.", "mrs", "miss", "mx.", "mx", "dr.", "dr",
        "professor", "prof.", "senator", "representative", "congressman", "congresswoman",
        "governor", "mayor",
        "السيد", "السيدة", "الدكتور", "מר", "גברת", "ד״ר", "ד\"ר",
    }
)  # fmt: skip
_RANK_FORMS = {
    "General": "general|gen.|gen|lieutenant general|lt. gen.|lt gen|ltgen|lt.gen.|"
    "major general|maj. gen.|maj gen|majgen|brigadier general|brig. gen.|brig gen|bgen",
    "Admiral": "admiral|adm.|adm|vice admiral|vice adm.|vadm|rear admiral|rear adm.|radm",
    "Colonel": "colonel|col.|lieutenant colonel|lt. col.|lt col|ltcol|ltc",
    "Major": "major|maj.",
    "Captain": "captain|capt.",
    "Commander": "commander|cmdr.|cdr",
    "Lieutenant Commander": "lieutenant commander|lt. cmdr.|lcdr",
    "Lieutenant": "lieutenant|lt.|first lieutenant|second lieutenant",
    "Judge": "judge",
    "Chief Judge": "chief judge",
    "Justice": "justice",
    "Ambassador": "ambassador|amb.",
}
RANKS = {form: word for word, forms in _RANK_FORMS.items() for form in forms.split("|")}

# Where a title's office ends: "Secretary| of Homeland Security", "Administrator|, EPA",
# "Ambassador|-at-Large".
_CUT = re.compile(r",|;|\(|\s(?:of|for|to|and|at|on|in)\s|\s&\s|\s[-–—]\s|-at-", re.IGNORECASE)
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_ACTING = re.compile(r"^acting\s+", re.IGNORECASE)
_COUNTRY = re.compile(
    r"^(?:united\s+states(?:\s+of\s+america)?|u\.\s?s\.(?:\s?a\.)?|USA?)\s+", re.IGNORECASE
)
# "United States Attorney" and "U.S. Marshal" are offices of their own: the prefix stays.
_COUNTRY_OFFICES = frozenset({"attorney", "marshal"})
_INSPECTOR_GENERAL = re.compile(
    r"\b((?:(?:principal|deputy|assistant|special)\s+)*inspector\s+general)\b", re.IGNORECASE
)
_NOT_QUALIFIERS = frozenset({"the", "to", "of", "for", "and", "&"})
# Offices kept whole although they hold a word the title is cut at.
_WHOLE = re.compile(r"\bchief of staff\b", re.IGNORECASE)
# A title cut to one of these may not name the office ("Chief of Naval Operations").
_VAGUE = frozenset({"assistant", "chief", "deputy", "head", "member"})


class TitleWords(NamedTuple):
    """The words of a title a salutation uses, and why they may be wrong (None: sure)."""

    words: str
    doubt: str | None = None


def salutation_title(title: str) -> TitleWords:
    """``Secretary of Homeland Security`` -> ``Secretary``; ``United States Attorney General``
    -> ``Attorney General``; ``Acting Commissioner of Internal Revenue`` -> ``Acting
    Commissioner``; ``Chair, Federal Trade Commission`` -> ``Chair``."""
    text = _THE.sub("", " ".join(title.split()))
    acting = bool(_ACTING.match(text)) or "(acting)" in text.lower()
    text = _ACTING.sub("", text)
    ig = _INSPECTOR_GENERAL.search(text)
    if ig and ig.start() and text[: ig.start()].split()[-1].lower() not in _NOT_QUALIFIERS:
        # "Treasury Inspector General for Tax Administration", "DoD Inspector General"
        words, cut = ig.group(1), None
    else:
        kept = _WHOLE.sub(lambda m: m.group().replace(" ", "\0"), text)
        found = _CUT.search(kept)
        words = (kept[: found.start()] if found else kept).replace("\0", " ").strip()
        cut = found.group().strip() if found else None
    country = _COUNTRY.match(words)
    if country and words[country.end() :].lower() not in _COUNTRY_OFFICES:
        words = _THE.sub("", words[country.end() :])
    if not words:
        return TitleWords("")
    unsure = cut is not None and (
        (cut.lower() == "to" and words.lower() != "ambassador")
        or (words.lower() in _VAGUE and not text.lower().startswith("chief of police"))
    )
    doubt = f"'{words}' is what it took from the title '{title}'" if unsure else None
    return TitleWords(f"Acting {words}" if acting else words, doubt)


def given_salutation(text: str) -> str:
    """A salutation written as the whole line ("Dear Mr. Walker:") as the name it gives."""
    words = re.sub(r"^dear\s+", "", text.strip(), flags=re.IGNORECASE).rstrip(" :,;")
    return words or text.strip()


class _Derived(NamedTuple):
    text: str
    doubts: list[tuple[str, str]]  # (the recipient's field to point at, what to do)


def _derive(r: Recipient) -> _Derived:
    if r.salutation:
        return _Derived(given_salutation(r.salutation), [])
    last, longer = _surname(r.name)
    honorific = " ".join((r.honorific or "").split())
    key = re.sub(r"\s*\(.*\)$", "", honorific.lower())  # "General (Ret.)"
    title = salutation_title(r.title) if r.title else TitleWords("")
    unknown = f"'{honorific}' is not an honorific the tool knows"
    if key in COURTESY:
        instead = f"set salutation: '{honorific} {last}'"
    else:
        instead = f"set salutation: 'Mr. {last}' or 'Ms. {last}'"
    doubts: list[tuple[str, str]] = []
    if key in RANKS:
        lead = RANKS[key]
    elif title.words:
        lead = title.words
        if title.doubt:
            rank = ", or honorific: with a rank (General, Admiral)" if "Chief" in lead else ""
            advice = f"if the office is addressed otherwise, {instead}{rank}"
            doubts.append(("title", f"{title.doubt}; {advice}"))
        if honorific and key not in COURTESY and key not in FORMAL:
            advice = f"to greet by it, set salutation: '{honorific} {last}'"
            doubts.append(("honorific", f"{unknown}, so the title is used; {advice}"))
    elif honorific and key not in FORMAL:
        lead = honorific
        if key not in COURTESY:
            doubts.append(("honorific", f"{unknown}; if it is wrong, {instead}"))
    else:
        why = f"'{honorific}' is never used in a salutation" if honorific else "no honorific"
        return _Derived(
            r.name, [("name", f"there is no title and {why}; give a title, or {instead}")]
        )
    if longer:
        better = f"{lead} {longer}"
        doubts.append(("name", f"if the surname is '{longer}', set salutation: '{better}'"))
    return _Derived(f"{lead} {last}", doubts)


def salutation_name(r: Recipient) -> str:
    """How the salutation names a recipient: 'Secretary Noem', 'General George', 'Mr. Dodaro'."""
    return _derive(r).text


def salutation_doubts(r: Recipient, number: int) -> list[tuple[str, str]]:
    """Where :func:`salutation_name` may be wrong for recipient ``number`` (counted from 1):
    the field to point at and a message saying what it chose and how to override it."""
    text, doubts = _derive(r)
    return [
        (field, f"salutation for recipient {number} reads '{text}'; {advice}")
        for field, advice in doubts
    ]


def letter_salutation_doubt(line: str) -> str | None:
    """Why a letter's own salutation line (printed as given) may not be what was meant."""
    line = line.strip()
    if not line or re.search(r"[:,;.!]$", line):
        return None
    whole = f"{line}:" if re.match(r"(?:dear|to)\s", line, re.IGNORECASE) else f"Dear {line}:"
    return (
        f"the letter's salutation prints as the whole line, '{line}', with no ':' or ',' at "
        f"the end; write the whole line (salutation: '{whole}'), or name a recipient with "
        "salutation: under recipients"
    )
