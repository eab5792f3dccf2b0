"""What a letter is: recipients, signers, body, questions, deadline, reports.

The model is a set of msgspec ``Struct`` classes: typed, immutable-ish records that convert from
YAML data and describe themselves as JSON Schema (``oversight schema``). msgspec was chosen over
pydantic for its import cost (about 25 ms against 105 ms here; the command line's budget is the
interpreter's floor). Every field carries a description, used by the schema, the docs and the TUI.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct, field

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"

# Text must hold something other than spaces: min_length for the schema's readers, the pattern
# so that msgspec itself refuses blank text (the validator's fast path relies on it).
NOT_BLANK = r"\S"
Text = Annotated[str, Meta(min_length=1, pattern=NOT_BLANK)]
RichText = Annotated[
    str,
    Meta(
        min_length=1,
        pattern=NOT_BLANK,
        description="Text that may use **bold**, *italic* and citations such as [@report-id].",
    ),
]


def _d(text: str) -> Any:
    return Meta(description=text)


# How a list labels its items: a number or letter with its punctuation ("1.", "(1)", "1)", "a.",
# "(a)", "A.", "i.", "I."...: 1 decimal, a/A letters, i/I roman numerals) or a bullet glyph.
LABEL_STYLES = (
    "1.", "(1)", "1)", "a.", "(a)", "a)", "A.", "(A)", "A)",
    "i.", "(i)", "i)", "I.", "(I)", "I)", "•", "◦", "▪", "–", "-",
)  # fmt: skip
LABEL_PATTERN = r"^(\([1aAiI]\)|[1aAiI][.)]|[•◦▪–-])$"
LabelStyle = Annotated[
    str,
    Meta(
        pattern=LABEL_PATTERN,
        description="A label style: '1.', '(1)', '1)', 'a.', '(a)', 'A.', 'i.', 'I.'... or a "
        "bullet: '•', '◦', '▪', '–'.",
    ),
]
Lines = Annotated[
    list[Text], Meta(min_length=1, description="Lines, printed one under the other as typed.")
]


class _Model(Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """Base: unknown keys are errors (with a did-you-mean), defaults are not written back."""


class Recipient(_Model):
    """One recipient block: honorific, name, title, agency, address lines."""

    name: Annotated[Text, _d("Full name as it should print: 'Melanie Krause'.")]
    honorific: Annotated[
        str | None,
        _d("'The Honorable', 'Mr.', 'Ms.', 'Dr.', 'General'... printed before the name."),
    ] = None
    title: Annotated[str | None, _d("Title as it should print: 'Acting Commissioner'.")] = None
    agency: Annotated[
        str | Lines | None,
        _d(
            "Agency line, or lines: 'Internal Revenue Service' or [Office of ..., Department of ...]."
        ),
    ] = None
    address: Annotated[list[Text], _d("Address lines, printed exactly as typed.")] = []
    salutation: Annotated[
        str | None,
        _d(
            "How the salutation names this recipient: 'Mr. Walker' ('Dear Mr. Walker:' is taken"
            " the same); default the rank or the title's office and the surname."
        ),
    ] = None


class Signer(_Model):
    """A member signing the letter."""

    name: Annotated[Text, _d("The member's name as it should print under the signature.")]
    title: Annotated[
        str | list[Text] | None,
        _d("Line(s) under the name; default 'United States Senator'."),
    ] = None


class Part(_Model):
    """A lettered sub-question with an explicit label (for lists copied from old letters)."""

    text: RichText
    label: (
        Annotated[
            str,
            Meta(
                pattern=r"^\(?[a-z]\)?\.?$", description="A single letter: 'e' (never renumbered)."
            ),
        ]
        | None
    ) = None


class Question(_Model):
    """A numbered question, a question from a bank, or a headed group of questions."""

    text: Annotated[RichText | None, _d("The question's wording.")] = None
    parts: Annotated[list[RichText | Part], _d("Lettered sub-questions (a., b., ...).")] = []
    use: (
        Annotated[
            str,
            Meta(
                pattern=r"^[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*$",
                description="A question from a bank: 'bank-id/question-id'.",
            ),
        ]
        | None
    ) = None
    with_: Annotated[dict[str, Any], _d("Parameter values for a bank question.")] = field(
        default_factory=dict, name="with"
    )
    drop: Annotated[list[str], _d("Lettered parts of a bank question to leave out.")] = []
    heading: Annotated[
        RichText | None, _d("Makes this item a headed group; numbering continues across groups.")
    ] = None
    intro: Annotated[
        RichText | None, _d("Paragraphs under a group's heading, before its questions.")
    ] = None
    questions: Annotated[list[RichText | Question], _d("The questions of a group.")] = []
    paragraph: Annotated[
        RichText | None,
        _d("Makes this item prose between questions (numbering continues after it)."),
    ] = None
    start: (
        Annotated[
            int,
            Meta(ge=1, le=999, description="Number this question (or group) from N: 1 restarts."),
        ]
        | None
    ) = None
    style: Annotated[
        LabelStyle | None, _d("Label style of this group's questions: '1.', '(1)', 'A.', '•'...")
    ] = None
    part_style: Annotated[
        LabelStyle | None,
        _d("Label style of the parts under this group or question: 'a.', '(i)', '•'..."),
    ] = None


class Deadline(_Model):
    """When the response is due."""

    date: Annotated[datetime.date | None, _d("A fixed date.")] = None
    days: (
        Annotated[
            int,
            Meta(
                ge=1,
                le=365,
                description="Days after the letter date, moved off weekends and US federal holidays.",
            ),
        ]
        | None
    ) = None
    weekday: Annotated[bool, _d("Print the weekday: 'Thursday, April 3, 2025'.")] = False


class Options(_Model):
    """Office style choices a letter may override (an office sets them in its template folder)."""

    salutation_punctuation: Annotated[
        Literal[":", ","], _d("':' in most offices, ',' in some committees.")
    ] = ":"
    question_style: Annotated[
        LabelStyle, _d("How questions are labelled: '1.', '(1)', '1)'...")
    ] = "1."
    part_style: Annotated[
        LabelStyle, _d("How sub-questions are labelled: 'a.', '(a)', 'a)', 'i.', '•'...")
    ] = "a."
    continuation_header: Annotated[
        list[Literal["recipient", "date", "page"]],
        _d("The lines of the header on page 2 onward, in order."),
    ] = msgspec.field(default_factory=lambda: ["recipient", "date", "page"])
    signature_columns: Annotated[
        Literal[1, 2, 3] | None, _d("1, 2 or 3; default 2 when there are more than two signers.")
    ] = None
    enclosure_label: Annotated[
        Text, _d("'Enclosure' (this default), 'Attachment'...; an 's' is added for several.")
    ] = "Enclosure"
    locale: Annotated[str, _d("Locale for dates and lists.")] = "en_US"


ReportRef = Annotated[
    str | dict[str, Any],
    _d("A report library file (path) or an inline report entry {id:, kind:, ...}."),
]


class Letter(_Model):
    """A congressional oversight letter."""

    date: Annotated[datetime.date, _d("The letter's date, YYYY-MM-DD.")]
    recipients: Annotated[list[Recipient], Meta(min_length=1, description="Recipient blocks.")]
    body: Annotated[RichText, _d("Background paragraphs, separated by blank lines.")]
    signers: Annotated[
        list[Signer], _d("Members signing (a letter with none is warned about).")
    ] = []
    template: Annotated[Text, _d("A built-in template name or a folder holding letter.md.j2.")] = (
        "oversight-letter"
    )
    letterhead: Annotated[
        str | None, _d("An office reference .docx: its styles and first-page letterhead.")
    ] = None
    subject: Annotated[str | None, _d("What the letter is about (not printed by default).")] = None
    from_: Annotated[
        str | None, _d("First line of the built-in letterhead; default 'United States Senate'.")
    ] = field(default=None, name="from")
    office: Annotated[list[Text], _d("Further lines of the built-in letterhead.")] = []
    salutation: Annotated[
        str | None, _d("The whole salutation line, overriding the derived one.")
    ] = None
    lead_in: Annotated[
        RichText | bool | None,
        _d(
            "The sentence introducing the questions; default 'We request that you provide answers "
            "to the following questions no later than {{ deadline }}:'; false for none."
        ),
    ] = None
    questions: Annotated[
        list[RichText | Question], _d("Numbered questions, groups and paragraphs between them.")
    ] = []
    after_questions: Annotated[RichText | None, _d("Paragraphs printed after the questions.")] = (
        None
    )
    deadline: Annotated[
        datetime.date | Deadline | None, _d("A date, or {days: 14} after the letter date.")
    ] = None
    contact: Annotated[RichText | None, _d("A staff contact sentence before the closing.")] = None
    closing: Annotated[Text | bool, _d("The complimentary close; false for none.")] = "Sincerely,"
    cc: Annotated[
        list[Text | Lines], _d("Copies: one entry per person, a line or a list of lines.")
    ] = []
    enclosures: Annotated[
        list[Text | Lines] | Annotated[int, Meta(ge=1, le=99)],
        _d("Enclosures listed after the signatures, or their number: 2 prints 'Enclosures (2)'."),
    ] = []
    reports: Annotated[list[ReportRef], _d("Report library files and inline entries.")] = []
    banks: Annotated[list[Text], _d("Extra question bank files or folders.")] = []
    options: Annotated[Options, _d("Office style overrides.")] = msgspec.field(
        default_factory=Options
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a letter file, for editors that check YAML as it is typed; an inline
    report entry is described by its kind (the citation registry's kinds and their fields)."""
    # The registry only here: `oversight schema` is the one caller, and the kinds are
    # the registry's business, not the letter model's.
    from oversight.citations import registry

    schema: dict[str, Any] = msgspec.json.schema(Letter)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "oversight letter"
    schema["$defs"]["ReportEntry"] = registry.entry_schema()
    items = schema["$defs"]["Letter"]["properties"]["reports"]["items"]
    items["anyOf"] = [{"type": "string"}, {"$ref": "#/$defs/ReportEntry"}]
    return schema
