"""The built-in styles, numbering definitions and settings of a letter package (raw OOXML).

Written by hand rather than taken from python-docx's default template: that template is Calibri
11 pt with 1.15 spacing and carries 790 KB of styles that every save would re-compress. These
parts are small, in schema order, and define exactly the styles the builder uses. An office's
reference .docx replaces the styles part; any of these styles it lacks are added to it.
"""

from __future__ import annotations

from oversight.render.labels import hanging, word_format

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"'
)

FONT = "Times New Roman"
SIZE = 24  # half-points: 12 pt


def _pstyle(
    sid: str,
    name: str,
    *,
    ppr: str = "",
    rpr: str = "",
    based: str = "Normal",
    nxt: str | None = None,
    custom: bool = True,
) -> str:
    attrs = ' w:customStyle="1"' if custom else ""
    parts = [f'<w:style w:type="paragraph" w:styleId="{sid}"{attrs}><w:name w:val="{name}"/>']
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{nxt}"/>')
    parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


# Paragraph styles by id: (xml). Names are Word's built-in names where one exists (lowercase
# "footnote text", "header"), so Word treats them as its own.
PARAGRAPH_STYLES: dict[str, str] = {
    "BodyText": _pstyle("BodyText", "Body Text", ppr='<w:spacing w:after="240"/>', custom=False),
    "Letterhead": _pstyle(
        "Letterhead",
        "Letterhead",
        ppr='<w:jc w:val="center"/>',
        rpr='<w:smallCaps/><w:sz w:val="28"/>',
    ),
    "LetterDate": _pstyle("LetterDate", "Letter Date", ppr='<w:spacing w:after="240"/>'),
    "Recipient": _pstyle(
        "Recipient", "Recipient", ppr='<w:keepNext/><w:keepLines/><w:spacing w:after="240"/>'
    ),
    "Salutation": _pstyle(
        "Salutation", "Salutation", ppr='<w:keepNext/><w:spacing w:after="240"/>', custom=False
    ),
    "QuestionHeading": _pstyle(
        "QuestionHeading",
        "Question Group Heading",
        # Outline level 1: Word's navigation pane lists the groups, and LibreOffice tags them H1
        # in a tagged PDF (and makes them the PDF's bookmarks).
        ppr='<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:outlineLvl w:val="0"/>',
        rpr="<w:b/>",
    ),
    "Question": _pstyle(
        "Question",
        "Question",
        ppr='<w:spacing w:after="240"/><w:ind w:left="720" w:hanging="360"/>',
    ),
    "QuestionContinue": _pstyle(
        "QuestionContinue",
        "Question Continued",
        ppr='<w:spacing w:after="240"/><w:ind w:left="720"/>',
    ),
    "QuestionPart": _pstyle(
        "QuestionPart",
        "Question Part",
        ppr='<w:spacing w:after="120"/><w:ind w:left="1440" w:hanging="360"/>',
    ),
    "QuestionPartContinue": _pstyle(
        "QuestionPartContinue",
        "Question Part Continued",
        ppr='<w:spacing w:after="240"/><w:ind w:left="1440"/>',
    ),
    "BlockText": _pstyle(
        "BlockText",
        "Block Text",
        ppr='<w:spacing w:after="240"/><w:ind w:left="1440" w:right="1440"/><w:jc w:val="both"/>',
        custom=False,
    ),
    "ListBullet": _pstyle(
        "ListBullet",
        "List Bullet",
        ppr='<w:spacing w:after="120"/><w:ind w:left="720" w:hanging="360"/>',
        custom=False,
    ),
    "Closing": _pstyle("Closing", "Closing", ppr="<w:keepNext/><w:keepLines/>", custom=False),
    "Signature": _pstyle("Signature", "Signature", ppr="<w:keepLines/>", custom=False),
    "CC": _pstyle(
        "CC",
        "Copy Lines",
        ppr='<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:spacing w:before="240"/><w:ind w:left="720" w:hanging="720"/>',
    ),
    "Header": _pstyle(
        "Header",
        "header",
        ppr='<w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/></w:tabs>',
        custom=False,
    ),
    "FootnoteText": _pstyle(
        "FootnoteText",
        "footnote text",
        ppr='<w:spacing w:after="60"/>',
        rpr='<w:sz w:val="20"/>',
        custom=False,
    ),
}

CHARACTER_STYLES: dict[str, str] = {
    "FootnoteReference": (
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    ),
}

BASE_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
)


# Stands for the letter's language in the styles' defaults (docDefaults); the package fills it in
# per letter (BCP 47, "en-US"), so Word spell-checks in it and LibreOffice writes the PDF's /Lang.
LANGUAGE_SLOT = "x-oversight-language"


def styles_xml(language: str = LANGUAGE_SLOT) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NAMESPACES}>'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="{SIZE}"/><w:szCs w:val="{SIZE}"/><w:lang w:val="{language}" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        + BASE_STYLES
        + "".join(PARAGRAPH_STYLES.values())
        + "".join(CHARACTER_STYLES.values())
        + "</w:styles>"
    )


# Where each level's text starts (twips from the margin): questions at half an inch, parts at
# an inch. The label hangs to the left of it by as much as its widest label needs.
LEVEL_LEFT = (720, 1440)


def abstract_numbering(
    abstract_id: int, styles: tuple[str, str], widest: list[int], size_pt: float = 12
) -> str:
    """A two-level list definition: questions and their parts, labelled as ``styles`` say
    ("1." and "a.", "(1)" and "(i)", "•"...). A bullet is the text font's own character (no
    Symbol font: Word and LibreOffice then draw the same glyph)."""
    levels = []
    for level, style in enumerate(styles):
        fmt, text = word_format(style, level)
        hang = hanging(style, widest[level] if level < len(widest) else 1)
        left = LEVEL_LEFT[level]
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{esc_attr(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="{min(hang, left)}"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
        + "".join(levels)
        + "</w:abstractNum>"
    )


def esc_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


SETTINGS_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {NAMESPACES}>'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US"/></w:settings>'
)

FONT_TABLE_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {NAMESPACES}>'
    f'<w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)


def _solid(color: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


# A plain Office theme (colours, Times New Roman for headings and body, the three fill, line and
# effect styles the schema requires). Word relates every document to a theme; strict checkers
# (the Open XML SDK's, openxml-audit's) report a document without one.
THEME_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
    "<a:themeElements>"
    '<a:clrScheme name="Office">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>'
    '<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>'
    '<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>'
    '<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>'
    '<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>'
    "</a:clrScheme>"
    '<a:fontScheme name="Office">'
    f'<a:majorFont><a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
    f'<a:minorFont><a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
    "</a:fontScheme>"
    '<a:fmtScheme name="Office">'
    "<a:fillStyleLst>" + _solid("phClr") * 3 + "</a:fillStyleLst>"
    "<a:lnStyleLst>"
    + "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{_solid("phClr")}'
        '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
        for w in (6350, 12700, 19050)
    )
    + "</a:lnStyleLst>"
    "<a:effectStyleLst>"
    + "<a:effectStyle><a:effectLst/></a:effectStyle>"
    * 3
    + "</a:effectStyleLst>"
    "<a:bgFillStyleLst>" + _solid("phClr") * 3 + "</a:bgFillStyleLst>"
    "</a:fmtScheme>"
    "</a:themeElements>"
    "<a:objectDefaults/><a:extraClrSchemeLst/>"
    "</a:theme>"
)
