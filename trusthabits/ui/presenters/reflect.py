"""Reflect: the manager's week in words, the question in focus, and past reflections."""

from __future__ import annotations

from dataclasses import dataclass

from trusthabits.core.anonymity import Figure
from trusthabits.core.instrument import NEEDS
from trusthabits.services import team_reflection
from trusthabits.services.reflections import (
    PastReflection,
    WeekReflection,
    question_text,
)
from trusthabits.services.results import Block
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


@dataclass(frozen=True)
class TeamFigureRow:
    label: str
    value: str
    change: str


@dataclass(frozen=True)
class TeamCard:
    team: str
    heading: str  # the block's weeks, or "" while nothing may be shown
    answered: str
    figures: list[TeamFigureRow]
    comments: list[str]
    waiting: str  # why nothing is shown yet ("" when a block is shown)
    open_note: str  # a round is still open (participation only)


def _short_weeks(block: Block) -> str:
    return block.start_week if block.start_week == block.end_week else f"{block.start_week}–{block.end_week[-3:]}"


def _change(now: Figure | None, before: Figure | None, before_label: str, tr: Translate) -> str:
    if before_label == "":
        return tr("reflect.team_first")
    difference = team_reflection.change(now.value if now else None, before.value if before else None)
    return "" if difference is None else tr("reflect.team_change", change=f"{difference:+.2f}", weeks=before_label)


def team_cards(found: list[team_reflection.TeamInReflection], tr: Translate) -> list[TeamCard]:
    """Per team: the shown block's figures with their change, its comments; or why there are none."""
    cards = []
    for entry in found:
        open_note = tr("reflect.team_open") if entry.open_rounds else ""
        block, before = entry.block, entry.before
        if block is None or block.trust is None:
            cards.append(TeamCard(entry.team_name, "", "", [], [], tr("reflect.team_waiting", k=entry.k), open_note))
            continue
        before_label = _short_weeks(before) if before is not None else ""
        rows = [TeamFigureRow(tr("results.trust_index"), f"{block.trust.value:.2f}",
                              _change(block.trust, before.trust if before else None, before_label, tr))]
        rows += [TeamFigureRow(tr(f"results.need_{need}"), f"{figure.value:.2f}",
                               _change(figure, before.needs.get(need) if before else None, before_label, tr))
                 for need in NEEDS if (figure := block.needs.get(need)) is not None]
        rows += [TeamFigureRow(tr("reflect.team_seen", behaviour=tr(f"behaviour.{behaviour}.name")),
                               f"{figure.value:.2f}", "")
                 for behaviour, figure in block.seen.items()]
        cards.append(TeamCard(entry.team_name, tr("results.weeks", first=block.start_week, last=block.end_week)
                              if block.start_week != block.end_week else tr("results.week", week=block.start_week),
                              tr("reflect.team_answered", n=block.n), rows, list(block.comments), "", open_note))
    return cards
