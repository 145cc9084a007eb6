"""Reflect: the manager's week in words, the question in focus, and past reflections."""

from __future__ import annotations

from dataclasses import dataclass

from trusthabits.services.reflections import (
    PastReflection,
    WeekReflection,
    question_text,
)
from trusthabits.ui.presenters import Translate


@dataclass(frozen=True)
class WeekInWords:
    heading: str
    logged: list[str]
    not_practised: str
    focus: str
    question: str


@dataclass(frozen=True)
class PastRow:
    week: str
    try_next: str
    href: str
    status: str


def week_in_words(view: WeekReflection, language: str, tr: Translate) -> WeekInWords:
    def name(key: str) -> str:
        return tr(f"behaviour.{key}.name")

    return WeekInWords(
        heading=tr("reflect.title", week=view.week),
        logged=[tr("reflect.logged", behaviour=name(key), count=count) for key, count in view.counts.items() if count],
        not_practised=(tr("reflect.not_practised", behaviours=", ".join(map(name, view.not_practised)))
                       if view.not_practised else tr("reflect.all_practised")),
        focus=tr("reflect.focus", behaviour=name(view.focus)),
        question=question_text(view.question_key, language),
    )


def past_rows(rows: list[PastReflection], tr: Translate) -> list[PastRow]:
    return [PastRow(p.week, p.try_next, f"/reflect/{p.week}",
                    tr("reflect.is_finished" if p.finished else "reflect.is_draft")) for p in rows]
