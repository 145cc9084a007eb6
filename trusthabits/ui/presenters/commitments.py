"""Commitments and personal experiments as rows: the choices of the commitment form, the
"did you?" card, the commitment on Today and the experiment card on Reflect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusthabits.core import experiments as experiment_rules
from trusthabits.core.behaviours import BEHAVIOURS, BY_KEY
from trusthabits.services.commitments import CommitmentView, DidYou
from trusthabits.services.experiments import STOPPED, ExperimentView
from trusthabits.ui.presenters import Translate
from trusthabits.ui.presenters.entries import day_label


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class CommitmentCard:
    """A commitment in words (Today and the "did you?" card)."""

    heading: str
    behaviour: str  # its name
    micro: str  # the micro-action's text, or "any way of practising it"
    sentence: str
    colour: str
    progress: str = ""  # on Today, for this week's: "Logged 2× this week"


@dataclass(frozen=True)
class DidYouCard:
    commitment: CommitmentCard
    lines: list[str]  # "Tue 1 Dec: Shared the context behind a decision" (not `entries`: a Var method)
    nothing_logged: str  # shown when entries is empty
    answer: str  # "yes", "partly", "no"
    answered: bool  # False while the answer shown is only the suggestion


@dataclass(frozen=True)
class ExperimentRow:
    id: int
    headline: str
    detail: str
    can_stop: bool
    results: list[str]  # the comparison's sentences once it has ended (one per team and figure)


def behaviour_options(tr: Translate, none_key: str | None = None) -> list[Option]:
    first = [Option("", tr(none_key))] if none_key else []
    return first + [Option(b.key, tr(f"behaviour.{b.key}.name")) for b in BEHAVIOURS]


def micro_options(behaviour: str, tr: Translate) -> list[Option]:
    """The micro-actions of `behaviour`, after "any way of practising it"."""
    found = BY_KEY.get(behaviour)
    if not found:
        return []
    return [Option("", tr("commit.any_micro"))] + [Option(m.key, tr(f"micro.{behaviour}.{m.key}"))
                                                   for m in found.micro_actions]


def weeks_options(tr: Translate) -> list[Option]:
    return [Option(str(n), tr("experiment.weeks_option", weeks=n))
            for n in range(experiment_rules.MIN_WEEKS, experiment_rules.MAX_WEEKS + 1)]


def commitment_card(view: CommitmentView, heading_key: str, tr: Translate, logged: int | None = None) -> CommitmentCard:
    """`logged`: how often the behaviour was logged in the week it is for (Today, this week's)."""
    behaviour = BY_KEY.get(view.behaviour)
    return CommitmentCard(
        heading=tr(heading_key, week=view.for_week),
        behaviour=tr(f"behaviour.{view.behaviour}.name"),
        micro=tr(f"micro.{view.behaviour}.{view.micro_action}") if view.micro_action else tr("commit.any_micro"),
        sentence=view.sentence,
        colour=behaviour.colour if behaviour else "gray",
        progress="" if logged is None else tr("today.commitment_logged", count=logged),
    )


def today_heading(view: CommitmentView, current_week: str) -> str:
    """Today says "this week" for the week it is for, else "from next week"."""
    return "today.commitment" if view.for_week == current_week else "today.commitment_next"


def did_you_card(question: DidYou, today: date, tr: Translate) -> DidYouCard:
    view = question.commitment
    entries = [tr("did.entry", day=day_label(e.day, today, tr),
                  micro=tr(f"micro.{view.behaviour}.{e.micro_action}") if e.micro_action else tr("did.no_micro"))
               for e in question.entries]
    return DidYouCard(
        commitment=commitment_card(view, "did.title", tr),
        lines=entries,
        nothing_logged=tr("did.nothing", behaviour=tr(f"behaviour.{view.behaviour}.name")),
        answer=question.answer,
        answered=bool(view.outcome),
    )


def experiment_row(view: ExperimentView, tr: Translate) -> ExperimentRow:
    name = tr(f"behaviour.{view.behaviour}.name")
    span = view.span
    values = {"behaviour": name, "weeks": view.weeks, "first": span.during[0], "last": span.last,
              "number": view.week_number}
    headline = tr(f"experiment.status_{view.status}", **values)
    logged = {"behaviour": name, "before": f"{view.logged_before:.1f}", "during": f"{view.logged_during:.1f}"}
    detail = {
        experiment_rules.NOT_STARTED: tr("experiment.detail_not_started", **logged),
        experiment_rules.RUNNING: tr("experiment.detail_running", **logged),
        experiment_rules.ENDED: tr("experiment.detail_ended", **logged),
        STOPPED: tr("experiment.detail_stopped"),
    }[view.status]
    return ExperimentRow(view.id, headline, detail,
                         can_stop=view.status in (experiment_rules.NOT_STARTED, experiment_rules.RUNNING), results=[])
