"""The Team pages: the manager's teams, one team's members and facts, and each week's pulse
results (counts always; scores and comments only when the results service released them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from trusthabits.core.instrument import NEEDS
from trusthabits.services.mail import FAILED, OutboxItem
from trusthabits.services.pulse_rounds import local_time_text
from trusthabits.services.results import Block, OpenRound, TeamResults
from trusthabits.services.schedules import TeamStatus
from trusthabits.services.teams import AddedMembers, MemberInfo, TeamSummary
from trusthabits.ui.presenters import Translate


@dataclass(frozen=True)
class TeamRow:
    href: str
    name: str
    members: str
    language: str


@dataclass(frozen=True)
class MemberRow:
    id: int
    email: str
    active: bool


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class WeekView:
    round_id: int = 0
    heading: str = ""
    status: str = ""
    answered: str = ""
    shown: bool = False
    not_enough: str = ""
    closed: bool = False
    figures: list[Figure] = field(default_factory=list)  # trust index first, then each need
    comments: list[str] = field(default_factory=list)
    by_hand: str = ""  # "links handed out by hand" when the round opened without a mail server
    can_close: bool = False  # open, and at least k answered: the manager may close it early


@dataclass(frozen=True)
class ScheduleStatus:
    next_pulse: str
    next_prompt: str
    rounds: list[str]
    warnings: list[str]


@dataclass(frozen=True)
class OutboxRow:
    recipient: str
    subject: str
    status: str
    failed: bool
    error: str
    link: str


def team_rows(summaries: list[TeamSummary], tr: Translate) -> list[TeamRow]:
    return [TeamRow(f"/team/{s.id}", s.name, tr("team.active_members", count=s.active_members),
                    tr(f"language.{s.language}")) for s in summaries]


def team_facts(team: TeamSummary, tr: Translate) -> str:
    # Unsubscribed members: how many, never who.
    unsubscribed = [tr("team.unsubscribed", count=team.unsubscribed)] if team.unsubscribed else []
    return " · ".join([tr("team.active_members", count=team.active_members), *unsubscribed,
                       tr(f"language.{team.language}"), team.time_zone])


def member_rows(members: list[MemberInfo]) -> list[MemberRow]:
    return [MemberRow(m.id, m.email, m.active) for m in members]


def added_report(result: AddedMembers, tr: Translate, members_limit: int = 0) -> tuple[list[str], list[str]]:
    """(what was added, one line per refused address with why)."""
    report = [tr("team.added", count=len(result.added))]
    if result.already:
        report.append(tr("team.already", count=len(result.already)))
    if result.over_limit:
        report.append(tr("team.over_limit", count=len(result.over_limit), members=members_limit))
    return report, [f"{typed}: {tr(key)}" for typed, key in result.invalid]


RESULT_CARDS = 12


def block_heading(block: Block, tr: Translate) -> str:
    if block.start_week == block.end_week:
        return tr("results.week", week=block.start_week)
    return tr("results.weeks", first=block.start_week, last=block.end_week)


def open_round_view(found: OpenRound, k: int, time_zone: str, tr: Translate) -> WeekView:
    """An open round: participation only, never a figure or a comment."""
    return WeekView(
        round_id=found.round_id,
        heading=tr("results.week", week=found.iso_week),
        status=tr("results.open_until", closes=local_time_text(found.closes_at, time_zone), zone=time_zone),
        answered=tr("results.answered", answered=found.answered, invited=found.invited),
        shown=False,
        not_enough=tr("pulse.open_no_figures"),
        closed=False,
        by_hand=tr("results.by_hand") if found.links_by_hand else "",
        can_close=found.answered >= k,
    )


def block_view(block: Block, tr: Translate) -> WeekView:
    figures: list[Figure] = []
    if block.shown and block.trust is not None:
        figures = [Figure(tr("results.trust_index"), f"{block.trust.value:.2f}")]
        figures += [Figure(tr(f"results.need_{need}"), f"{figure.value:.2f}")
                    for need in NEEDS if (figure := block.needs.get(need)) is not None]
    if block.complete:
        reason = tr("results.not_enough", answered=block.answered, k=block.k)
    else:
        reason = tr("results.block_pending", weeks=len(block.weeks), k=block.k)
    return WeekView(
        round_id=block.round_ids[-1] if block.round_ids else 0,
        heading=block_heading(block, tr),
        status=tr("results.closed") if block.complete else tr("results.block_running"),
        answered=tr("results.answered", answered=block.answered, invited=block.invited),
        shown=block.shown,
        not_enough=reason,
        closed=True,
        figures=figures,
        comments=list(block.comments),
        by_hand=tr("results.by_hand") if block.by_hand else "",
    )


def result_views(found: TeamResults, time_zone: str, tr: Translate) -> list[WeekView]:
    """Open rounds first (participation only), then the blocks that had a round, newest first.
    A block whose only rounds are still open is the open round's card, not a second one."""
    open_ids = {r.round_id for r in found.open_rounds}
    views = [open_round_view(r, found.k, time_zone, tr) for r in reversed(found.open_rounds)]
    views += [block_view(b, tr) for b in reversed(found.blocks)
              if b.round_ids and not set(b.round_ids) <= open_ids]
    return views[:RESULT_CARDS]


def period_text(found: TeamResults, tr: Translate) -> str:
    text = tr("period.current", weeks=found.period)
    if found.next_period is not None:
        text += " " + tr("period.pending", weeks=found.next_period.weeks, week=found.next_period.from_week)
    return text


def schedule_status(status: TeamStatus, tr: Translate) -> ScheduleStatus:
    return ScheduleStatus(
        next_pulse=tr("status.next_pulse", when=status.next_pulse),
        next_prompt=tr("status.next_prompt", when=status.next_prompt),
        rounds=[tr("status.round", week=r.week, sent=r.sent, failed=r.failed, waiting=r.waiting)
                for r in status.rounds],
        warnings=[tr("status.undelivered", week=r.week) for r in status.rounds if r.undelivered],
    )


def outbox_rows(items: list[OutboxItem], tr: Translate) -> list[OutboxRow]:
    return [
        OutboxRow(
            recipient=tr("outbox.to", to=item.to),
            subject=item.subject,
            status=tr(f"outbox.status_{item.status}"),
            failed=item.status == FAILED,
            error=tr("outbox.attempts", count=item.attempts, error=item.last_error) if item.last_error else "",
            link=item.link,
        )
        for item in items
    ]
