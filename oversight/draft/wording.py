"""Problems in the staffer's words: what the screen calls each field, not its YAML path.

The command line prints ``questions[3].parts[1]: citation [@x]: no report with id 'x'``; the
terminal UI shows "Question 4 (b): cites an unknown report 'x'" and, selected, goes to the field.
"""

from __future__ import annotations

import re
from typing import Any

from oversight.errors import Problem

_FIELD_NAMES = {
    "from": "Letterhead first line",
    "office": "Letterhead lines",
    "after_questions": "After the questions",
    "lead_in": "Before the questions",
    "question_style": "Question numbers",
    "part_style": "Part labels",
    "enclosure_label": "Enclosure label",
    "signature_columns": "Signature columns",
    "contact": "Staff contact sentence",
    "cc": "cc lines",
    "id": "Id",
    "with": "Parameters",
    "use": "Bank question",
}
_NOUNS = {"recipients": "Recipient", "signers": "Signer", "reports": "Report"}


def field_name(key: Any) -> str:
    key = str(key)
    return str(_FIELD_NAMES.get(key, key.replace("_", " ").capitalize()))


def question_numbers(data: Any) -> dict[tuple[Any, ...], int]:
    """The number each question prints with, by its path (numbering runs across groups)."""
    out: dict[tuple[Any, ...], int] = {}
    n = 0

    def count(path: tuple[Any, ...], item: Any) -> None:
        nonlocal n
        if isinstance(item, dict) and "paragraph" in item:
            return  # prose between questions: numbering continues after it
        start = item.get("start") if isinstance(item, dict) else None
        n = start if isinstance(start, int) and not isinstance(start, bool) else n + 1
        out[path] = n

    questions = data.get("questions") if isinstance(data, dict) else None
    for i, item in enumerate(questions if isinstance(questions, list) else []):
        if isinstance(item, dict) and "heading" in item:
            start = item.get("start")
            if isinstance(start, int) and not isinstance(start, bool):
                n = start - 1
            subs = item.get("questions")
            for j, sub in enumerate(subs if isinstance(subs, list) else []):
                count(("questions", i, "questions", j), sub)
        else:
            count(("questions", i), item)
    return out


def where(path: tuple[Any, ...], data: Any) -> str:
    """A field's place as the screen names it: "Recipient 2 › Title", "Question 4 (b)"."""
    if not path:
        return "The letter"
    head = str(path[0])
    if head in _NOUNS and len(path) > 1 and isinstance(path[1], int):
        noun = f"{_NOUNS[head]} {path[1] + 1}"
        if head == "reports":
            entry = _get(data, path[:2])
            if isinstance(entry, dict) and entry.get("id"):
                noun = f"Report '{entry['id']}'"
        names = [field_name(s) for s in path[2:] if not isinstance(s, int)]
        return " › ".join([noun, *names[:1]])
    if head == "questions" and len(path) > 1:
        numbers = question_numbers(data)
        for length in (4, 2):
            key = tuple(path[:length])
            if key in numbers:
                label = f"Question {numbers[key]}"
                rest = path[length:]
                if len(rest) >= 2 and rest[0] == "parts" and isinstance(rest[1], int):
                    label += f" ({chr(ord('a') + rest[1])})" if rest[1] < 26 else ""
                elif rest and rest[0] == "with" and len(rest) > 1:
                    label += f" › parameter {rest[1]}"
                return label
        item = _get(data, path[:4]) if len(path) >= 4 else None
        if not (isinstance(item, dict) and "paragraph" in item) and len(path) >= 2:
            item = _get(data, path[:2])
        if isinstance(item, dict) and "paragraph" in item:
            words = " ".join(str(item.get("paragraph") or "").split())
            return f"Paragraph “{words[:30]}{'…' if len(words) > 30 else ''}”"
        if len(path) >= 2 and isinstance(path[1], int):
            item = _get(data, path[:2])
            if isinstance(item, dict) and "heading" in item:
                return f"Group “{item.get('heading')}”"
        return "Questions"
    if head in ("body", "after_questions", "contact", "lead_in"):
        return "Body" if head == "body" else field_name(head)
    if head == "options" and len(path) > 1:
        return "Letter › " + field_name(path[1])
    return "Letter › " + field_name(head)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for seg in path:
        try:
            node = node[seg]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def describe(problem: Problem, data: Any) -> str:
    """One line for the problems list, in the words on screen."""
    place = where(tuple(problem.path), data)
    message = problem.message
    missing = re.fullmatch(r"missing '([\w-]+)'", message)
    if missing:
        return f"{place} › {field_name(missing.group(1))} is empty"
    cite = re.fullmatch(r"citation \[@([^\]]*)\]: no report with id '([^']*)'", message)
    if cite:
        message = f"cites an unknown report '{cite.group(2)}'"
    else:
        message = re.sub(r"^citation \[@[^\]]*\]: ", "citation: ", message)
        message = message.replace("expected text, got nothing (an empty value)", "is empty")
    warning = "warning: " if problem.severity == "warning" else ""
    return f"{place}: {warning}{message}"
