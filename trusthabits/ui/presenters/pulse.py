"""The answer page a team member opens: the week's questions as rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionRow:
    key: str  # the answer's form field
    text: str


def question_rows(items: list[tuple[str, str]]) -> list[QuestionRow]:
    return [QuestionRow(key, text) for key, text in items]
