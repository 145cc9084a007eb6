"""The Team pages: the manager's teams, one team's members and facts, and each week's pulse
results (counts always; scores and comments only when the results service released them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from trusthabits.core.instrument import NEEDS
from trusthabits.services.mail import FAILED, OutboxItem
from trusthabits.services.pulse_rounds import WeekResult, local_time_text
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


def week_view(week: WeekResult, time_zone: str, tr: Translate) -> WeekView:
    summary = week.summary
    figures: list[Figure] = []
    if summary.shown:
        figures = [Figure(tr("results.trust_index"), f"{summary.trust_index:.2f}")]
        figures += [Figure(tr(f"results.need_{need}"), f"{summary.needs[need]:.2f}")
                    for need in NEEDS if summary.needs.get(need) is not None]
    status = tr("results.closed") if week.closed else tr(
        "results.open_until", closes=local_time_text(week.closes_at, time_zone), zone=time_zone)
    return WeekView(
        round_id=week.round_id,
        heading=tr("results.week", week=week.iso_week),
        status=status,
        answered=tr("results.answered", answered=summary.answered, invited=week.invited),
        shown=summary.shown,
        not_enough=tr("results.not_enough", answered=summary.answered, k=summary.k) if week.closed
        else tr("pulse.open_no_figures"),
        closed=week.closed,
        figures=figures,
        comments=list(week.comments),
        by_hand=tr("results.by_hand") if week.links_by_hand else "",
        can_close=week.can_close_early,
    )


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
