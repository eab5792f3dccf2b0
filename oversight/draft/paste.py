"""A numbered list pasted into the questions: questions and their lettered parts.

Staffers copy questions out of old letters and e-mails: "1. … 2. … (a) …", "(1) …", "1) …",
with parts as "a.", "(a)", "a)" or bullets, and wrapped lines in between. This reads such text
into (question, [parts]) pairs; text without any labels is not a list (the caller pastes it as
text).
"""

from __future__ import annotations

import re

_QUESTION = re.compile(r"^\s*(?:\((\d{1,3})\)|(\d{1,3})[.)])\s+(.*)$")
_PART = re.compile(r"^\s*(?:\(([a-zA-Z]|[ivx]{1,4})\)|([a-zA-Z]|[ivx]{1,4})[.)])\s+(.*)$")
_BULLET = re.compile(r"^\s*[-•*–◦▪]\s+(.*)$")


def parse_numbered(text: str) -> list[tuple[str, list[str]]]:
    """The questions of a pasted numbered list; [] when the text is not one.

    A list needs at least two numbered items, or one numbered item with a lettered part: a
    single line starting "1." is more likely a sentence being pasted into a question.
    """
    questions: list[tuple[str, list[str]]] = []
    parts: list[str] = []
    current: list[str] | None = None  # lines of the item being read (question or part)
    in_part = False

    def close_item() -> None:
        nonlocal current
        if current is None:
            return
        joined = " ".join(" ".join(current).split())
        if in_part:
            parts.append(joined)
        elif questions and not questions[-1][0] and not questions[-1][1]:
            questions[-1] = (joined, [])
        else:
            questions.append((joined, []))
        current = None

    for line in text.splitlines():
        if not line.strip():
            continue
        q = _QUESTION.match(line)
        p = _PART.match(line) if questions or current is not None else None
        b = _BULLET.match(line)
        if q:
            close_item()
            _flush_parts(questions, parts)
            in_part = False
            current = [q.group(3)]
        elif (p or b) and (current is not None or questions):
            close_item()
            in_part = True
            current = [(p.group(3) if p else b.group(1)) if (p or b) else line]  # type: ignore[union-attr]
        elif current is not None:
            current.append(line.strip())
        else:
            return []  # text before the first label: not a pasted list
    close_item()
    _flush_parts(questions, parts)
    numbered = len(questions)
    if numbered >= 2 or (numbered == 1 and questions[0][1]):
        return questions
    return []


def _flush_parts(questions: list[tuple[str, list[str]]], parts: list[str]) -> None:
    if parts and questions:
        text, existing = questions[-1]
        questions[-1] = (text, existing + parts)
    parts.clear()
