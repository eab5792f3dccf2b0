"""Property tests (Hypothesis): generated letters render right; mutated letters fail cleanly.

Two families, each run in process (``load_letter_text`` + ``render.docx_bytes``):

* **Generated letters.** Valid letter files built from strategies: 1-5 recipients and 1-15
  signers whose names mix right-to-left scripts, combining marks, markup characters
  (``* _ [ ] { } # 1.``) and Jinja (``{{ }}``, ``{% %}``); body paragraphs with **bold**, *italic*
  and citations of generated report entries of every kind; questions with parts, groups and forced
  labels; a deadline as a date or as days; cc, enclosures and options. Each must give a .docx
  that python-docx reopens and :func:`docx_check.check_docx` passes, showing every recipient's
  name exactly as typed, one footnote per citation and one numbered paragraph per question and
  per part.
* **Mutated letters.** The examples and generated letters, changed the way files get broken:
  a key dropped or renamed, a value of the wrong type, a character inserted, the text truncated,
  a line duplicated, two lines swapped (one to three of these at once). And every place of a
  letter that uses every field, given odd text, lists and other types in turn. Each case must
  end in a :class:`UserError` whose every problem has a message and, when it names the letter,
  a line; or in a .docx that passes the structural check (and whose warnings, if any, name a
  line too). Any other exception is a bug.
* **Private-use characters** (U+E000-U+F8FF, which Word's symbol fonts paste) print as typed.

Settings profiles: ``ci`` (the default; deterministic when the CI environment variable is set)
and ``long`` (20 times the examples): ``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py``.
Statistics per test: add ``--hypothesis-show-statistics``.
"""

from __future__ import annotations

import copy
import datetime
import io
import os
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx_check import check_docx
from helpers import docx_text
from hypothesis import HealthCheck, Phase, event, example, given, note, settings
from hypothesis import strategies as st
from lxml import etree

from oversight.citations import markers, registry
from oversight.errors import Problem, UserError
from oversight.letters.prepare import load_letter_text
from oversight.render import docx_bytes

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
LETTER = "letter.yaml"  # the name every letter is loaded under
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# ---------------------------------------------------------------- settings profiles

CI = bool(os.environ.get("CI"))
_COMMON: dict[str, Any] = {
    "deadline": None,
    "derandomize": CI,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    # Explaining a failure re-runs it hundreds of times; the failing letter is printed anyway.
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
}
if CI:
    _COMMON["database"] = None
# Measured on 2 cores: the ci profile runs the module's ~4,500 cases in about 40 s (60 s on a
# busy machine); long runs 20 times as many, in about 15 minutes.
settings.register_profile("ci", max_examples=500, **_COMMON)
settings.register_profile("long", max_examples=10_000, **_COMMON)
PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE_NAME not in ("ci", "long"):
    PROFILE_NAME = "ci"  # another tool's profile name: this module knows only its own two
PROFILE = settings.get_profile(PROFILE_NAME)


def profile(weight: float) -> settings:
    """This module's profile, with ``weight`` times its number of examples (other test modules
    keep their own settings: the profile is applied per test, never loaded globally)."""
    return settings(PROFILE, max_examples=max(1, int(PROFILE.max_examples * weight)))


@pytest.fixture(scope="module", autouse=True)
def _no_office_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """This machine's office configuration and bank folders play no part."""
    from oversight.config import office_config

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OVERSIGHT_CONFIG", str(tmp_path_factory.mktemp("config") / "none.yaml"))
        mp.delenv("OVERSIGHT_BANKS", raising=False)
        office_config.cache_clear()
        yield
    office_config.cache_clear()


@pytest.fixture(scope="module")
def examples_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/ (letters, report library, banks): mutated letters load from here."""
    folder = tmp_path_factory.mktemp("examples") / "examples"
    shutil.copytree(REPO / "examples", folder, ignore=shutil.ignore_patterns("*.docx", "*.pdf"))
    return folder


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The (empty) folder generated letters are loaded from."""
    return tmp_path_factory.mktemp("generated")


# ---------------------------------------------------------------- text strategies

# Pieces a staffer pastes into names: right-to-left scripts, combining marks, direction marks,
# markup and template characters. All of it is plain text and must print exactly as typed.
SPECIAL_PIECES = [
    "محمد عبد الله",
    "السيد",
    "دوست‌محمد",
    "דוד בן־גוריון",
    "ועדת הכספים",
    "Zoe\u0308",
    "Saldan\u0303a",
    "Nguye\u0302\u0303n Va\u0306n A",
    "e\u0301\u0301\u0301",
    "\u0915\u094d\u0937",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u2067",
    "\u00a0",
    "\u200b",
    "*Jane*",
    "_Doe_",
    "**John**",
    "__x__",
    "*",
    "_",
    "[x]",
    "[",
    "]",
    "[@id]",
    "[See @a]",
    "{y}",
    "{",
    "}",
    "#",
    "# 1.",
    "1.",
    "2)",
    "{{ 7*7 }}",
    "{{",
    "}}",
    "{% raw %}",
    "{% endraw %}",
    "{%",
    "%}",
    "{#",
    "#}",
    ":::",
    "::: recipient",
    "-",
    ">",
    "`code`",
    "<b>",
    "&amp;",
    "&",
    "\\*",
    "O’Brien",
    '"Q"',
    "'q'",
    "Jr.",
    "de la",
    "van",
    "(i)",
    "§ 6103",
    "---",
    "...",
    "!",
    "@",
    "%",
    "|",
    "\U0001f1fa\U0001f1f8",
    "𝔄",
]

# Any printable character: no controls (a Word document cannot hold most of them; the hostile
# corpus covers them), surrogates, unassigned code points or private use.
# Characters of many scripts in a few contiguous ranges: Latin, Greek, Cyrillic, Hebrew, Arabic
# (with its digits), Devanagari, Thai, CJK, Hangul, Arabic and Hebrew presentation forms,
# combining marks, general punctuation, bidirectional controls (LRM, RLM, RLO, RLI...), currency,
# mathematical letters, emoji and flags. Then, less often, any printable character at all: no
# controls (the hostile corpus covers them), surrogates, unassigned code points or private use.
# (Few ranges keep Hypothesis fast: it checks every character against the alphabet's ranges.)
_RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x300, 0x36F),
    (0x391, 0x3C9),
    (0x410, 0x44F),
    (0x5B0, 0x5EA),
    (0x621, 0x64A),
    (0x660, 0x669),
    (0x905, 0x94D),
    (0xE01, 0xE3A),
    (0x1E00, 0x1EFF),
    (0x200B, 0x2027),
    (0x202A, 0x205E),
    (0x2066, 0x2069),
    (0x20A0, 0x20BF),
    (0x3040, 0x309F),
    (0x4E00, 0x4FFF),
    (0xAC00, 0xAD00),
    (0xFB1D, 0xFB4F),
    (0xFE70, 0xFEFC),
    (0x1D400, 0x1D433),
    (0x1F1E6, 0x1F1FF),
    (0x1F300, 0x1F64F),
]
SCRIPTS = "".join(
    chr(c)
    for lo, hi in _RANGES
    for c in range(lo, hi + 1)
    if unicodedata.category(chr(c)) not in ("Cn", "Cc", "Cs", "Co")
)
ANY_CHAR = st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co"))
free_text = st.one_of(
    st.text(SCRIPTS, max_size=12), st.text(SCRIPTS, max_size=12), st.text(ANY_CHAR, max_size=8)
)
# (A string is one choice for Hypothesis, a list of pieces one per piece: names are built from a
# few large draws, which keeps generation to a few milliseconds a letter.)
_piece = st.sampled_from(["", "", *SPECIAL_PIECES])


def _name(a: str, p: str, b: str, q: str) -> str:
    """Pieces joined; never blank (a blank name is an error, and the corpus covers it)."""
    return " ".join(x for x in (a, p, b, q) if x).strip() or "N"


name_text = st.builds(_name, free_text, _piece, st.text(SCRIPTS, max_size=8), _piece)
short_text = st.one_of(
    name_text,
    st.sampled_from(["Secretary", "Acting Commissioner", "Inspector General", "Chair, Committee"]),
)

# Rich text: letters, marks, digits and spaces of many scripts, and punctuation that markup gives
# no meaning to; markup (``**``, ``*``, citations) and template-like tokens are put in on purpose.
# (A backtick is left out: a code span prints a citation as typed, as Markdown wants.)
RICH_ALPHABET = "".join(
    ch
    for ch in SCRIPTS
    if unicodedata.category(ch)[0] in "LMN" or ch in ".,;:?'\"()-–—/%$§+=#|~^ \u00a0\u3000"
)
RICH_TOKENS = ["{{ x }}", "{% raw %}", "1.", "#", ":::", "- item", "{", "}", "%}", "{#", "<i>"]
RICH_TOKENS += ["&amp;", "&", "\\", "\n", "O'Neil's", '"quoted"', "§ 6103(c)", "(a)"]
SIGNALS = ["", "See ", "See also ", "Cf. ", "But see ", "See generally ", "E.g., ", "Accord "]
PINS = ["", ", 5", ", at 12", ", 5-7", ", iv", ", at 3 n.2"]
PARENS = ["", " (describing the memo)", ' (quoting "the request")']
_rich_words = st.text(RICH_ALPHABET, min_size=1, max_size=60)
_rich_marks = st.integers(0, 4)
_rich_kind = st.sampled_from(["bold", "italic", "cite", "cite", "token"])
_rich_token = st.sampled_from(RICH_TOKENS)
_rich_end = st.sampled_from(["", ".", "?", ":"])
_n_sources = st.integers(1, 3)
_signal = st.sampled_from(SIGNALS)
_pin = st.sampled_from(PINS)
_paren = st.sampled_from(PARENS)


class Writer:
    """Draws the rich text of one letter, citing its reports, and counts the citations."""

    def __init__(self, draw: st.DrawFn, ids: list[str]) -> None:
        self.draw = draw
        self.ids = st.sampled_from(ids) if ids else None
        self.citations = 0

    def citation(self) -> str:
        draw = self.draw
        assert self.ids is not None
        sources = [
            f"{draw(_signal)}@{draw(self.ids)}{draw(_pin)}{draw(_paren)}"
            for _ in range(draw(_n_sources))
        ]
        self.citations += 1
        return "[" + "; ".join(sources) + "]"

    def rich(self) -> str:
        """One paragraph: words, with bold, italic, citations and odd tokens put in."""
        draw = self.draw
        words = [w for w in draw(_rich_words).split(" ") if w]
        for _ in range(draw(_rich_marks)):
            kind = draw(_rich_kind)
            at = draw(st.integers(0, len(words)))
            if kind == "cite":
                if self.ids is not None:
                    words.insert(at, self.citation())
            elif kind == "token":
                words.insert(at, draw(_rich_token))
            else:
                end = draw(st.integers(at, min(len(words), at + 4)))
                if end > at:
                    mark = "**" if kind == "bold" else "*"
                    words[at:end] = [mark + " ".join(words[at:end]) + mark]
        text = " ".join(words)
        if not text.strip():
            text = "We write" + text
        return text + draw(_rich_end)

    def paragraphs(self, most: int = 4) -> str:
        return "\n\n".join(self.rich() for _ in range(self.draw(st.integers(1, most))))


# ---------------------------------------------------------------- letter strategies

HONORIFICS = ["The Honorable", "Mr.", "Ms.", "Dr.", "Mx.", "Hon."]
LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "ar_SA", "he_IL"]
LABEL_FORMS = ["{}", "({})", "{}.", "{})"]
FIRST_DATE, LAST_DATE = datetime.date(2000, 1, 1), datetime.date(2040, 12, 31)

_yes = st.booleans()
_one_in_4 = st.integers(0, 3).map(lambda n: n == 0)
_one_in_6 = st.integers(0, 5).map(lambda n: n == 0)
_lines = st.lists(short_text, min_size=1, max_size=3)
_field = {
    "date": st.one_of(
        st.dates(datetime.date(1990, 1, 1), datetime.date(2035, 12, 31)),
        st.sampled_from(["2025-03", "2025", "Spring 2025"]),
    ),
    "url": st.sampled_from(["https://www.gao.gov/products/gao-25-1", "https://x.gov/a?b=c&d=e"]),
    "congress": st.one_of(st.integers(1, 2100), st.sampled_from(["119th Cong.", "2018"])),
    "people": st.one_of(short_text, _lines),
}
_field["accessed"] = _field["date"]
_field["text"] = short_text.filter(lambda t: not markers.find(t))  # a note's text cites nothing
_field["year"] = _field["congress"]
for _name in ("author", "witness", "to", "from"):
    _field[_name] = _field["people"]
_kinds = st.lists(st.sampled_from(sorted(registry.names())), max_size=8)
_honorific = st.one_of(st.sampled_from(HONORIFICS), name_text)
_signer_title = st.one_of(st.none(), short_text, _lines)
_label = st.tuples(st.sampled_from("abcdefghijklmnopqrstu"), st.sampled_from(LABEL_FORMS)).map(
    lambda t: t[1].format(t[0])  # a letter up to u: with at most 5 more parts, never past z
)
# 1 to 15 signers, most letters having few (two columns start at three).
_signer_count = st.sampled_from([1, 1, 1, 2, 2, 2, 3, 3, 4, 5, *range(1, 16)])
_part_form = st.sampled_from(["plain"] * 4 + ["text", "label", "label"])


def _report_entries(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Report entries of the kinds drawn, with their required and some optional fields."""
    entries = []
    for i, kind in enumerate(draw(_kinds)):
        spec = registry.kind(kind)
        entry: dict[str, Any] = {"id": f"{kind}-{i}", "kind": kind}
        for name in spec.required:
            entry[name] = draw(_field.get(name, short_text))
        for name in spec.optional:
            if draw(_yes):
                entry[name] = draw(_field.get(name, short_text))
        for field in spec.fields:  # "volume" needs "page"
            for name in field.needs if field.name in entry else ():
                entry.setdefault(name, draw(_field.get(name, short_text)))
        if draw(_one_in_4):
            entry["short"] = draw(short_text)
        entries.append(entry)
    return entries


def _recipient(draw: st.DrawFn) -> dict[str, Any]:
    r: dict[str, Any] = {"name": draw(name_text)}
    if draw(_yes):
        r["honorific"] = draw(_honorific)
    for key in ("title", "agency"):
        if draw(_yes):
            r[key] = draw(short_text)
    if draw(_yes):
        r["address"] = draw(_lines)
    if draw(_one_in_4):
        r["salutation"] = draw(short_text)
    return r


def _signer(draw: st.DrawFn) -> dict[str, Any]:
    s: dict[str, Any] = {"name": draw(name_text)}
    title = draw(_signer_title)
    if title is not None:
        s["title"] = title
    return s


def _question(draw: st.DrawFn, writer: Writer, tally: list[int]) -> Any:
    """A plain question or one with parts; ``tally`` counts [questions, parts]."""
    text = writer.rich()
    tally[0] += 1
    if draw(_yes):
        return text
    parts: list[Any] = []
    for _ in range(draw(st.integers(0, 6))):
        form = draw(_part_form)
        if form == "label":
            parts.append({"text": writer.rich(), "label": draw(_label)})
        elif form == "text":
            parts.append({"text": writer.rich()})
        else:
            parts.append(writer.rich())
    tally[1] += len(parts)
    return {"text": text, "parts": parts}


def _deadline(draw: st.DrawFn, date: datetime.date) -> Any:
    form = draw(st.sampled_from(["none", "date", "days", "date+weekday", "days+weekday"]))
    if form == "none":
        return None
    if form.startswith("date"):
        value: Any = date + datetime.timedelta(days=draw(st.integers(0, 90)))
        if form == "date":
            return value
        return {"date": value, "weekday": draw(_yes)}
    days = {"days": draw(st.integers(1, 365))}
    return days if form == "days" else {**days, "weekday": draw(_yes)}


def _options(draw: st.DrawFn) -> dict[str, Any]:
    choices: dict[str, st.SearchStrategy[Any]] = {
        "salutation_punctuation": st.sampled_from([":", ","]),
        "part_style": st.sampled_from(["a.", "(a)", "a)"]),
        "continuation_header": st.lists(st.sampled_from(["recipient", "date", "page"]), max_size=4),
        "signature_columns": st.sampled_from([1, 2]),
        "locale": st.sampled_from(LOCALES),
    }
    return {key: draw(strategy) for key, strategy in choices.items() if draw(_yes)}


@st.composite
def letters(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A valid letter as data, and what it must show: {"names", "citations", "numbered"}."""
    reports = _report_entries(draw)
    writer = Writer(draw, [r["id"] for r in reports])
    tally = [0, 0]
    date = draw(st.dates(FIRST_DATE, LAST_DATE))
    letter: dict[str, Any] = {"date": date}
    recipients = [_recipient(draw) for _ in range(draw(st.integers(1, 5)))]
    letter["recipients"] = recipients
    if draw(_yes):
        letter["subject"] = draw(short_text)
    if draw(_one_in_4):
        letter["from"] = draw(short_text)
    if draw(_one_in_4):
        letter["office"] = draw(_lines)
    if draw(_one_in_6):
        letter["salutation"] = draw(short_text)
    letter["body"] = writer.paragraphs()
    questions: list[Any] = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(_one_in_4):
            group = [_question(draw, writer, tally) for _ in range(draw(st.integers(1, 3)))]
            questions.append({"heading": writer.rich(), "questions": group})
        else:
            questions.append(_question(draw, writer, tally))
    if questions:
        letter["questions"] = questions
    if draw(_yes):
        letter["after_questions"] = writer.paragraphs(most=2)
    deadline = _deadline(draw, date)
    if deadline is not None:
        letter["deadline"] = deadline
    if draw(_yes):
        letter["contact"] = writer.rich()
    if draw(_one_in_4):
        letter["closing"] = draw(short_text)
    letter["signers"] = [_signer(draw) for _ in range(draw(_signer_count))]
    for key in ("cc", "enclosures"):
        if draw(_yes):
            letter[key] = draw(_lines)
    if reports:
        letter["reports"] = reports
    if draw(_yes):
        letter["options"] = _options(draw)
    expect = {
        "names": [r["name"] for r in recipients],
        "citations": writer.citations,
        "numbered": tally[0] + tally[1],
    }
    return letter, expect


class _Dumper(yaml.CSafeDumper):
    """Multi-line text as ``|`` blocks, the way people write a body."""


def _str(dumper: yaml.CSafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------- rendering and reading back


def render(text: str, base_dir: Path) -> bytes:
    """The .docx of letter text, as the command line makes it (without the file); the warnings
    it prints must say where, as errors do."""
    prep = load_letter_text(text, LETTER, base_dir)
    data = docx_bytes(prep)
    assert_located(prep.problems.items, text)
    return data


def footnote_count(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/footnotes.xml"))
    return sum(1 for f in root.iter(f"{{{W}}}footnote") if int(f.get(f"{{{W}}}id")) > 0)


def numbered_count(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return sum(1 for n in root.iter(f"{{{W}}}numId") if n.get(f"{{{W}}}val") not in ("0", None))


def _is_empty(text: str) -> bool:
    """Whether the YAML text holds nothing: no node, or a null one (``---``, ``~``)."""
    try:
        return yaml.safe_load(text) is None
    except yaml.YAMLError:
        return False


def assert_clean_error(err: UserError, text: str) -> None:
    """Every problem says what is wrong and, when it names the letter, on which line."""
    assert err.problems, "a UserError with no problem in it"
    assert_located(err.problems, text)


def assert_located(problems: list[Problem], text: str) -> None:
    n_lines = len(text.splitlines())
    for p in problems:
        assert isinstance(p.message, str) and p.message.strip(), f"a problem with no message: {p}"
        if p.file != LETTER:
            continue
        if p.line is None:
            # Only a file holding nothing ("the file is empty") has no line to point at.
            assert _is_empty(text), f"names the letter but no line: {p.headline()}"
        else:
            assert 1 <= p.line <= n_lines + 1, f"line {p.line} of {n_lines}: {p.headline()}"


def outcome(text: str, base_dir: Path) -> str:
    """Render; a clean error or a sound .docx is fine, anything else fails the test."""
    note(f"letter text:\n{text}")
    try:
        data = render(text, base_dir)
    except UserError as err:
        assert_clean_error(err, text)
        event("outcome: clean error")
        return "error"
    problems = check_docx(data)
    assert not problems, "\n".join(problems)
    docx.Document(io.BytesIO(data))  # python-docx reopens it
    event("outcome: .docx")
    return "docx"


# ---------------------------------------------------------------- mutations

MUTATIONS = ["drop", "rename", "retype", "insert", "truncate", "duplicate", "swap"]
TEXT_MUTATIONS = {"insert", "truncate", "duplicate", "swap"}
LETTER_KEYS = [
    "date",
    "recipients",
    "signers",
    "body",
    "name",
    "title",
    "questions",
    "parts",
    "text",
    "label",
    "heading",
    "deadline",
    "days",
    "options",
    "locale",
    "reports",
    "kind",
    "id",
    "banks",
    "use",
    "with",
    "drop",
    "template",
    "letterhead",
]
YAML_CHARS = [":", "-", "#", "'", '"', "\t", "\n", " ", "{", "}", "[", "]", "&", "*", "!", "|"]
YAML_CHARS += [">", "%", "@", "`", ",", "?", "\\", "\x00", "\x01", "\x7f", "\x85", "\ufeff"]
YAML_CHARS += ["\u2028", "\ufffe", "\r", "\ue000", "\ue001", "0", "9", "a", "Z", "é", "ي"]
insert_char = st.one_of(st.sampled_from(YAML_CHARS), st.characters(exclude_categories=("Cs",)))
other_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="./\\"), max_size=20),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.sampled_from(["x", "name", "days"]), st.integers(0, 9), max_size=2),
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the data: the root, each mapping value and each list item."""
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*path, i))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for seg in path:
        data = data[seg]
    return data


def _typo(draw: st.DrawFn, key: str) -> str:
    how = draw(st.sampled_from(["swap", "drop", "double", "upper", "other", "random"]))
    i = draw(st.integers(0, max(0, len(key) - 1)))
    if how == "swap" and len(key) > 1:
        i = min(i, len(key) - 2)
        return key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    if how == "drop" and len(key) > 1:
        return key[:i] + key[i + 1 :]
    if how == "double":
        return key[:i] + key[i] + key[i:]
    if how == "upper":
        return key.upper()
    if how == "other":
        return draw(st.sampled_from(LETTER_KEYS))
    return draw(st.text(min_size=1, max_size=8))


def _mutate_data(draw: st.DrawFn, data: Any, how: str) -> tuple[Any, str]:
    places = list(_paths(data))
    if how in ("drop", "rename"):
        places = [p for p in places if p]  # something with a parent
        if not places:
            return data, "nothing to drop"
    path = draw(st.sampled_from(places))
    if how == "retype":
        value = draw(other_value)
        if not path:
            return value, f"the whole letter replaced by {value!r}"
        _get(data, path[:-1])[path[-1]] = value
        return data, f"{path} = {value!r}"
    parent = _get(data, path[:-1])
    last = path[-1]
    if how == "drop" or isinstance(parent, list):
        del parent[last]
        return data, f"dropped {path}"
    new = _typo(draw, str(last))
    if new in parent and new != last:
        del parent[last]
        return data, f"dropped {path} (its new name {new!r} was taken)"
    # keep the key order: rebuild the mapping with the key renamed
    items = list(parent.items())
    parent.clear()
    for k, v in items:
        parent[new if k == last else k] = v
    return data, f"renamed {path} to {new!r}"


def _mutate_text(draw: st.DrawFn, text: str, how: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    if how == "insert":
        at = draw(st.integers(0, len(text)))
        ch = draw(insert_char)
        return text[:at] + ch + text[at:], f"inserted {ch!r} at {at}"
    if how == "truncate":
        at = draw(st.integers(0, max(0, len(text) - 1)))
        return text[:at], f"truncated to {at} characters"
    if not lines:
        return text, "no lines"
    i = draw(st.integers(0, len(lines) - 1))
    if how == "duplicate":
        j = draw(st.integers(0, len(lines)))
        line = lines[i] if lines[i].endswith("\n") else lines[i] + "\n"
        return "".join([*lines[:j], line, *lines[j:]]), f"line {i + 1} copied before line {j + 1}"
    j = draw(st.integers(0, len(lines) - 1))
    if not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines), f"lines {i + 1} and {j + 1} swapped"


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to three mutations; data mutations first (they rewrite the file)."""
    hows = draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3))
    done = []
    data_hows = [h for h in hows if h not in TEXT_MUTATIONS]
    if data_hows:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        for how in data_hows:
            data, what = _mutate_data(draw, data, how)
            done.append(what)
        text = to_yaml(data)
    for how in hows:
        if how in TEXT_MUTATIONS:
            text, what = _mutate_text(draw, text, how)
            done.append(what)
    for how in hows:
        event(f"mutation: {how}")
    note("mutations: " + "; ".join(done))
    return text


# ---------------------------------------------------------------- any value in any field

# A letter using every field; each case puts other values in one or two of its places.
FULL = {
    "date": datetime.date(2025, 6, 9),
    "template": "oversight-letter",
    "subject": "Access to data systems",
    "from": "United States Senate",
    "office": ["Committee on Finance", "Washington, DC 20510"],
    "recipients": [
        {
            "honorific": "The Honorable",
            "name": "Marisol T. Vance",
            "title": "Secretary",
            "agency": "U.S. Department of the Treasury",
            "address": ["1500 Pennsylvania Avenue NW", "Washington, DC 20220"],
            "salutation": "Secretary Vance",
        },
        {"name": "Raymond K. Oduya", "title": "Commissioner"},
    ],
    "salutation": "Dear Colleagues:",
    "body": "We write about **access** to *data*.[@gao-1]\n\nSee the statute.[See @irc, (i)(2)]",
    "questions": [
        "Who has access?[@gao-1, at 5]",
        {"use": "irs-data-sharing/requests-received", "with": {"since": "2025-01-20"}},
        {
            "use": "irs-data-sharing/requests-received",
            "with": {"since": "2025-01-20"},
            "drop": ["b"],
        },
        {"text": "Describe the arrangement.", "parts": ["Who?", {"text": "Why?", "label": "e"}]},
        {"heading": "Records", "questions": ["Are logs kept?", {"text": "Which?", "parts": ["a"]}]},
    ],
    "after_questions": "Thank you.",
    "deadline": {"days": 14, "weekday": True},
    "contact": "Please contact Sam Rivera at (202) 555-0142.",
    "closing": "Sincerely,",
    "signers": [
        {"name": "Harold J. Whitcomb", "title": ["Chairman", "Committee on Finance"]},
        {"name": "Teresa M. Alvarado", "title": "Ranking Member"},
        {"name": "Daniel P. Okafor"},
    ],
    "cc": ["The Honorable Elena M. Park"],
    "enclosures": ["Letter of March 26, 2025"],
    "reports": [
        {
            "id": "gao-1",
            "kind": "gao",
            "title": "High-Risk Series",
            "number": "GAO-25-107743",
            "date": datetime.date(2025, 2, 25),
            "short": "High-Risk Series",
        },
        {"id": "irc", "kind": "statute", "title": "26", "code": "U.S.C.", "section": "6103"},
    ],
    "banks": [],
    "options": {
        "salutation_punctuation": ":",
        "part_style": "(a)",
        "continuation_header": ["recipient", "date", "page"],
        "signature_columns": 2,
        "locale": "en_US",
    },
}
# Keys the full letter leaves out, and so could be added.
EXTRA_PLACES = [("letterhead",), ("deadline", "date"), ("questions", 3, "parts", 1, "label")]
PLACES = sorted(set(_paths(FULL)) | set(EXTRA_PLACES), key=str)
# Text a staffer might put anywhere: locales written other ways, ids and paths that do not exist,
# markup, template code, private-use characters (pasted from Word's symbol fonts), controls.
ODD_TEXT = [
    "",
    " ",
    "en-US",
    "english",
    "xx",
    "C",
    "en_US.UTF-8",
    "zz_ZZ",
    "nope/nope",
    "irs-data-sharing/nope",
    "2025-02-30",
    "2025-13-01",
    "0",
    "-1",
    "366",
    "a",
    "(a)",
    "z",
    "aa",
    "yes",
    "../templates",
    "office.docx",
    "[@]",
    "[@nope]",
    "[See @gao-1, at]",
    "**",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "\ue000",
    "\ue0000\ue001",
    "\ue0009\ue001",
    "\ue000999\ue001",
    "\uf0b7 bullet",
    "\x00",
    "\x0c",
    "\ufffe",
    "\u202e",
    "x" * 20_000,
]
odd_text = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="./\\"), max_size=20),
)
_value_kind = st.sampled_from(["text", "text", "text", "list", "other", "other"])


@st.composite
def any_value(draw: st.DrawFn) -> Any:
    """Text most often (most fields are text), else a list of text or another type."""
    kind = draw(_value_kind)
    if kind == "text":
        return draw(odd_text)
    if kind == "list":
        return draw(st.lists(odd_text, min_size=1, max_size=3))
    return draw(other_value)


def with_value(place: tuple[Any, ...], value: Any) -> str:
    """The full letter with ``value`` at ``place``."""
    data = copy.deepcopy(FULL)
    if not place:
        return to_yaml(value)
    _get(data, place[:-1])[place[-1]] = value
    return to_yaml(data)


def _place_id(place: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in place).lstrip(".") or "root"


# ---------------------------------------------------------------- the tests


@profile(1.0)
@given(case=letters())
def test_generated_letter_renders(case: tuple[dict[str, Any], dict[str, Any]], work_dir) -> None:
    letter, expect = case
    text = to_yaml(letter)
    note(f"letter text:\n{text}")
    data = render(text, work_dir)

    problems = check_docx(data)
    assert not problems, "\n".join(problems)
    shown = docx_text(data)  # python-docx reopens it
    for name in expect["names"]:
        assert name in shown, f"recipient {name!r} is not shown exactly as typed"
    assert footnote_count(data) == expect["citations"]
    assert numbered_count(data) == expect["numbered"]
    event(f"footnotes: {'none' if not expect['citations'] else 'some'}")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@profile(1.0)
@given(st.data())
def test_mutated_example(example: Path, examples_dir: Path, data: st.DataObject) -> None:
    text = (examples_dir / example.name).read_text(encoding="utf-8")
    outcome(data.draw(mutated(text)), examples_dir)


@profile(1.0)
@given(st.data())
def test_mutated_generated_letter(work_dir: Path, data: st.DataObject) -> None:
    letter, _expect = data.draw(letters())
    outcome(data.draw(mutated(to_yaml(letter))), work_dir)


@pytest.mark.parametrize("place", PLACES, ids=_place_id)
@profile(0.03)
@given(value=any_value())
# Tried in every place on every run: a file name too long for any file system (alone and in a
# list), a private-use character sequence, a locale spelt out.
@example(value="x" * 300)
@example(value=["x" * 300])
@example(value="\ue000999\ue001")
@example(value="english")
def test_any_value_in_any_field(examples_dir: Path, place: tuple[Any, ...], value: Any) -> None:
    """Every place of a letter using every field, given text, lists and other types."""
    outcome(with_value(place, value), examples_dir)


@profile(0.3)
@given(
    place=st.sampled_from(["body", "question", "part", "heading", "contact", "name"]),
    text=st.text("\ue000\ue001\uf0b70123456789ab", min_size=1, max_size=12),
)
def test_private_use_characters_print_as_typed(work_dir: Path, place: str, text: str) -> None:
    """Word's symbol fonts paste private-use characters (U+E000-U+F8FF); they print as typed."""
    letter: dict[str, Any] = {
        "date": datetime.date(2025, 3, 20),
        "recipients": [{"name": "Jane Doe"}],
        "signers": [{"name": "John Q. Senator"}],
        "body": "We write.",
    }
    shown_text = f"x{text}x"  # never blank, never starting with a marker
    if place == "body":
        letter["body"] = shown_text
    elif place == "question":
        letter["questions"] = [shown_text]
    elif place == "part":
        letter["questions"] = [{"text": "Q?", "parts": [shown_text]}]
    elif place == "heading":
        letter["questions"] = [{"heading": shown_text, "questions": ["Q?"]}]
    elif place == "contact":
        letter["contact"] = shown_text
    else:
        letter["recipients"][0]["name"] = shown_text
    data = render(to_yaml(letter), work_dir)
    assert shown_text in docx_text(data)


# ---------------------------------------------------------------- the validator's fast path

BANK_TEXTS = [
    p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "banks").glob("*.yaml"))
]


def _walker_only(doc: Any, model: Any, problems: Any) -> Any:
    """What validation said before its fast path: the walker over every value, then msgspec."""
    import msgspec

    from oversight.letters.validate import Checker, _from_msgspec, _info

    Checker(doc, problems).check(_info(model), doc.data, ())
    if problems.errors:
        return None
    try:
        return msgspec.convert(doc.data, model, strict=True)
    except msgspec.ValidationError as err:
        problems.add(_from_msgspec(doc, err, ()))
        return None


def _same_verdict(text: str, model: Any) -> None:
    from oversight.errors import Problems
    from oversight.letters.validate import convert
    from oversight.yamlfile import load_text

    note(f"file text:\n{text}")
    try:
        doc = load_text(text, "file.yaml")
    except UserError:
        return  # not YAML: validation never runs
    if doc.data is None:
        return
    fast, slow = Problems(), Problems()
    built = convert(doc, model, fast)
    walked = _walker_only(doc, model, slow)
    assert [p.headline() for p in fast.items] == [p.headline() for p in slow.items]
    assert built == walked
    event(f"verdict: {'valid' if built is not None else 'problems'}")


@profile(0.5)
@given(place=st.sampled_from(PLACES), value=any_value())
def test_fast_validation_agrees_with_the_walker(place: tuple[Any, ...], value: Any) -> None:
    """msgspec first, the walker only when needed: the same problems, the same letter."""
    from oversight.letters.model import Letter

    _same_verdict(with_value(place, value), Letter)


@profile(0.5)
@given(st.data())
def test_fast_validation_agrees_on_mutated_letters_and_banks(data: st.DataObject) -> None:
    from oversight.banks.store import BankFile
    from oversight.letters.model import Letter

    if data.draw(st.booleans(), label="a bank"):
        text = data.draw(st.sampled_from(BANK_TEXTS))
        _same_verdict(data.draw(mutated(text)), BankFile)
    else:
        letter, _expect = data.draw(letters())
        _same_verdict(data.draw(mutated(to_yaml(letter))), Letter)
