"""Ranked fuzzy search over question banks, with rapidfuzz doing every string comparison.

A staffer half-remembers a question ("who approved doge access") and wants the bank question
that asks it. Each question is scored against the query from 0 to 100:

* six elevenths: ``fuzz.partial_ratio`` of the query against the question's sentence as it
  prints (defaults filled in): the typed phrase against the best-matching stretch of the
  wording, so words in the right order and close together count;
* the rest: ``fuzz.token_set_ratio`` of the query's words against the words of the whole
  question (sentence, parts, tags, notes and id; 2/11), of its sentence with its id and tags
  (1/11), and of its id alone (2/11: the id is a question's name, "audit-logs").

Words are compared after one normalisation, applied alike to the questions (once, when the
index is built) and to the query: ``rapidfuzz.utils.default_process`` (lower case, punctuation
to spaces), common function words and the banks' boilerplate ("please provide", "in response to
this letter") dropped, plurals folded ("logs" = "log"), the usual acronyms matched both ways
(a question saying "Department of Homeland Security" also says "DHS", and the reverse) and a few words staff use for the ones the banks use
("fired", "cancelled" = "terminated"; "approved" = "authorized"; "deleted" = "destroyed"). A
synonym is added beside the word, never in place of it, so the exact word still counts for more.
A query word found in no question is replaced by the closest word that is (``fuzz.ratio`` of 85
or more), so "probatonary" finds "probationary".

For speed, only questions sharing at least one word with the query are scored (an inverted
index), and of those at most ``CANDIDATES``, those sharing the most words. Ties in score are
broken by bank id, then question id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import chain

import msgspec
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from oversight.banks.store import Bank, BankQuestion, printed_text

# How much each comparison counts (they add up to 1). Chosen on 65 realistic queries over the
# shipped banks (tests/test_banks.py holds some); see the module's description.
W_WORDING = 6 / 11  # partial_ratio: the typed phrase against the question's sentence
W_ALL = 2 / 11  # token_set_ratio: words anywhere in the question (sentence, parts, tags, notes)
W_HEAD = 1 / 11  # token_set_ratio: words of its sentence, id and tags
W_NAME = 2 / 11  # token_set_ratio: words of its id
CANDIDATES = 250  # questions scored per query, at most (those sharing the most words)
FALLBACK_CUTOFF = 50.0  # the least score shown when the query shares no word with any question
TYPO_CUTOFF = 85  # fuzz.ratio for replacing an unknown query word by a known one

# Words that say nothing about what a question asks: function words, and the phrases every bank
# question uses ("Please provide ... identified in response to this letter").
_STOP_TEXT = """a an the of to in on for and or by with as at be is are was were been it its this that
    these those any each all from into since has have had does did do so if s your please
    provide identify state describe described response letter"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Acronyms and what they stand for, matched in both directions.
ACRONYMS = {
    "dhs": "homeland security",
    "irs": "internal revenue service",
    "ig": "inspector general",
    "oig": "office of inspector general",
    "omb": "office of management and budget",
    "opm": "office of personnel management",
    "gao": "government accountability office",
    "nara": "national archives",
    "rif": "reduction in force",
    "sorn": "system of records notice",
    "pii": "personally identifiable information",
    "pia": "privacy impact assessment",
    "sge": "special government employee",
    "foia": "freedom of information act",
    "doge": "government efficiency",
    "mou": "memorandum of understanding",
    "cio": "chief information officer",
    "ciso": "chief information security officer",
    "ssa": "social security administration",
    "tigta": "treasury inspector general for tax administration",
}

# Words staff use interchangeably; the first of each group stands for the others.
SYNONYMS = (
    "authorize authorized authorizing authorization approve approved approving approval",
    "terminate terminated terminating termination cancel cancelled canceled cancellation "
    "fire fired firing dismiss dismissed dismissal cut",
    "delete deleted deleting deletion destroy destroyed destruction disappearing erase erased",
    "deny denied denial refuse refused refusal",
    "remove removed removal oust ousted",
    "layoff laid reduction",
    "retaliate retaliation reprisal",
    "preserve preserved preserves preservation preserving",
    "withhold withheld withholding",
)


def _fold(word: str) -> str:
    """'logs' -> 'log', 'queries' -> 'query'; 'access', 'status', 'basis' stay."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
        if word.endswith("ie"):
            word = word[:-2] + "y"
    return word


_CANON: dict[str, str] = {}
for _group in SYNONYMS:
    _words_in_group = [_fold(w) for w in _group.split()]
    for _w in _words_in_group:
        _CANON.setdefault(_w, _words_in_group[0])

_EXPAND = {**ACRONYMS, **{v: k for k, v in ACRONYMS.items()}}
_PHRASE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _EXPAND), key=len, reverse=True)) + r")\b"
)


class _Normal(dict[str, tuple[str, ...]]):
    """word -> the forms it is compared by: () for a stop word, else its folded form and, when
    it has one, its synonym group's word. Filled as words are met (a bank has a few thousand)."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        found: tuple[str, ...] = ()
        if word not in STOP_WORDS:
            folded = _fold(word)
            canon = _CANON.get(folded)
            found = (folded,) if canon is None or canon == folded else (folded, canon)
        self[word] = found
        return found


_NORMAL = _Normal()
_PHRASE_STARTS = frozenset(p.split()[0] for p in _EXPAND)


def words(text: str, *, expand: bool = True) -> list[str]:
    """The words of ``text`` as the search compares them (see the module's description).

    ``expand`` adds what each acronym stands for, and the acronym of each phrase: done for the
    questions, which then match a query written either way.
    """
    processed = default_process(text)
    raw = processed.split()
    if expand and not _PHRASE_STARTS.isdisjoint(raw):
        for m in _PHRASE.findall(processed):
            raw.extend(_EXPAND[m].split())
    return list(chain.from_iterable(map(_NORMAL.__getitem__, raw)))


def _joined(items: Iterable[str]) -> str:
    """A set of words as one string: sorted and once each (token_set_ratio sees only the set)."""
    return " ".join(sorted(set(items)))


class Entry(msgspec.Struct, frozen=True):
    """One bank question, prepared for searching."""

    bank: Bank
    question: BankQuestion
    ref: str  # bank-id/question-id
    preview: str  # the sentence as it prints: defaults filled in, <name> for the others
    tags: frozenset[str]


class Hit(msgspec.Struct, frozen=True):
    entry: Entry
    score: float


class SearchIndex:
    """Every question of some banks, pre-processed once for searching."""

    def __init__(self, banks: Iterable[Bank], locale: str = "en_US") -> None:
        self.entries: list[Entry] = []
        self._all: list[str] = []
        self._head: list[str] = []
        self._name: list[str] = []
        self._sentence: list[str] = []
        postings: dict[str, list[int]] = {}
        for bank in sorted(banks, key=lambda b: b.id):
            for _index, q in bank.questions.values():
                preview = printed_text(q, q.text, locale, citations=False)
                entry = Entry(
                    bank,
                    q,
                    f"{bank.id}/{q.id}",
                    preview,
                    frozenset(t.lower() for t in q.tags),
                )
                name = words(q.id.replace("-", " "))
                head = [*name, *words(preview), *words(" ".join(q.tags))]
                rest = [*head]
                for part in q.parts:
                    rest.extend(words(printed_text(q, part, locale, citations=False)))
                if q.notes:
                    rest.extend(words(q.notes))
                n = len(self.entries)
                self.entries.append(entry)
                self._name.append(_joined(name))
                self._head.append(_joined(head))
                self._all.append(_joined(rest))
                self._sentence.append(default_process(preview))
                for w in set(rest):
                    postings.setdefault(w, []).append(n)
        self._postings = postings
        self._vocabulary = sorted(postings)

    def __len__(self) -> int:
        return len(self.entries)

    def tags(self) -> set[str]:
        out: set[str] = set()
        for e in self.entries:
            out |= e.tags
        return out

    def _query_words(self, query: str) -> list[str]:
        out: list[str] = []
        for w in words(query, expand=False):
            if w not in self._postings and len(w) >= 4:
                found = process.extractOne(
                    w,
                    self._vocabulary,
                    scorer=fuzz.ratio,
                    processor=None,
                    score_cutoff=TYPO_CUTOFF,
                )
                if found is not None:
                    out.extend(_NORMAL[found[0]])
                    continue
            out.append(w)
        return out

    def search(self, query: str, *, tag: str | None = None, limit: int = 10) -> list[Hit]:
        """The best ``limit`` questions for ``query``, best first."""
        qwords = self._query_words(query)
        if not qwords:
            return []  # only words such as "the" and "of", which say nothing
        qset = _joined(qwords)
        qtext = default_process(query)
        allowed: set[int] | None = None
        cutoff = 0.0
        if tag is not None:
            t = tag.lower()
            allowed = {i for i, e in enumerate(self.entries) if t in e.tags}
        counts: Counter[int] = Counter()
        for w in sorted(set(qwords)):
            counts.update(self._postings.get(w, ()))
        if allowed is not None:
            counts = Counter({i: c for i, c in counts.items() if i in allowed})
        if counts:
            # the most words in common first; among equals, the first met (index order)
            candidates = [i for i, _ in counts.most_common(CANDIDATES)]
        elif qtext:
            # no word in common with any question (a code, a name): score every question, and
            # keep only those whose wording itself comes close
            candidates = sorted(allowed) if allowed is not None else list(range(len(self)))
            cutoff = FALLBACK_CUTOFF
        else:
            return []
        hits: list[Hit] = []
        tsr = fuzz.token_set_ratio
        for i in candidates:
            score = (
                W_ALL * tsr(qset, self._all[i])
                + W_HEAD * tsr(qset, self._head[i])
                + W_NAME * tsr(qset, self._name[i])
                + W_WORDING * fuzz.partial_ratio(qtext, self._sentence[i])
            )
            if score >= cutoff:
                hits.append(Hit(self.entries[i], score))
        hits.sort(key=lambda h: (-h.score, h.entry.bank.id, h.entry.question.id))
        return hits[: max(limit, 0)]
