"""The reflection's loop as state mixins: the commitment for next week, the "did you?" about
this week's, and the personal experiment. The Reflect page mixes them in, provides `week_key`
(the reflection's ISO week) and calls their `_load_*` from its own load; the forms are
`components/commitment.py` and `components/experiment.py`."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors, NotFound, Refused
from trusthabits.services import commitments, experiments
from trusthabits.ui.events import Form, Me, signed_in
from trusthabits.ui.presenters.commitments import (
    CommitmentCard,
    DidYouCard,
    ExperimentRow,
    Option,
    behaviour_options,
    did_you_card,
    experiment_row,
    micro_options,
    weeks_options,
)

_NO_CARD = CommitmentCard("", "", "", "", "gray")


class CommitmentMixin(rx.State, mixin=True):
    """Next week's commitment (made in this reflection) and the "did you?" about this week's."""

    commit_behaviour: str = ""
    commit_micro: str = ""
    commit_behaviours: list[Option] = []
    commit_micros: list[Option] = []
    commit_message: str = ""
    commit_error: str = ""
    has_did_you: bool = False
    did_you: DidYouCard = DidYouCard(_NO_CARD, [], "", "", False)
    did_you_message: str = ""

    def _load_commitment(self, me: Me) -> None:
        week = self.week_key
        made = me.call(commitments.made_in, me.id, week)
        self.commit_behaviour = made.behaviour if made else ""
        self.commit_micro = (made.micro_action or "") if made else ""
        self.commit_behaviours = behaviour_options(self._tr, "commit.none")
        self.commit_micros = micro_options(self.commit_behaviour, self._tr)
        self.commit_message, self.commit_error, self.did_you_message = "", "", ""
        self._show_did_you(me, me.call(commitments.did_you, me.id, week))

    def _show_did_you(self, me: Me, question: commitments.DidYou | None) -> None:
        self.has_did_you = question is not None
        if question is not None:
            self.did_you = did_you_card(question, me.today(), self._tr)

    def _commit(self, me: Me, behaviour: str, micro: str) -> None:
        tr = self._tr
        try:
            made = me.call(commitments.commit, me.id, self.week_key, behaviour, micro,
                           clock.now())
        except FieldErrors as invalid:
            self.commit_error, self.commit_message = tr(next(iter(invalid.errors.values()))), ""
            return
        except LookupError:
            self.commit_error, self.commit_message = tr("reflect.bad_week"), ""
            return
        self.commit_behaviour = made.behaviour if made else ""
        self.commit_micro = (made.micro_action or "") if made else ""
        self.commit_micros = micro_options(self.commit_behaviour, tr)
        self.commit_error, self.commit_message = "", tr("commit.saved" if made else "commit.withdrawn")

    @signed_in
    def choose_commit_behaviour(self, me: Me, behaviour: str) -> None:
        # A new behaviour starts with "any way of practising it": the old micro-action was another's.
        self._commit(me, behaviour, "")

    @signed_in
    def choose_commit_micro(self, me: Me, micro_action: str) -> None:
        self._commit(me, self.commit_behaviour, micro_action)

    @signed_in
    def answer_did_you(self, me: Me, outcome: str) -> None:
        try:
            question = me.call(commitments.answer, me.id, self.week_key, outcome,
                               clock.now())
        except (FieldErrors, LookupError):
            self.did_you_message = ""
            return
        self._show_did_you(me, question)
        self.did_you_message = self._tr("did.saved")


class ExperimentMixin(rx.State, mixin=True):
    """The personal experiment: declare one, see where it stands, stop it."""

    experiment_rows: list[ExperimentRow] = []
    experiment_can_declare: bool = True
    experiment_behaviours: list[Option] = []
    experiment_weeks: list[Option] = []
    experiment_message: str = ""
    experiment_errors: dict[str, str] = {}
    experiment_form_key: int = 0

    def _load_experiments(self, me: Me) -> None:
        tr = self._tr
        views = me.call(experiments.experiments_of, me.id, clock.now())
        self.experiment_rows = [experiment_row(view, tr) for view in views]
        self.experiment_can_declare = not any(row.can_stop for row in self.experiment_rows)
        self.experiment_behaviours, self.experiment_weeks = behaviour_options(tr), weeks_options(tr)

    @signed_in
    def declare_experiment(self, me: Me, form: Form) -> None:
        tr = self._tr
        try:
            me.call(experiments.declare, me.id, form.get("experiment_behaviour", ""),
                    form.get("experiment_weeks", ""), clock.now())
        except FieldErrors as invalid:
            self.experiment_errors, self.experiment_message = {k: tr(v) for k, v in invalid.errors.items()}, ""
            return
        except Refused as refused:
            self.experiment_errors, self.experiment_message = {"experiment_behaviour": tr(refused.key)}, ""
            return
        self.experiment_errors, self.experiment_message = {}, tr("experiment.started")
        self.experiment_form_key += 1
        self._load_experiments(me)

    @signed_in
    def stop_experiment(self, me: Me, experiment_id: int) -> None:
        try:
            me.call(experiments.stop, me.id, experiment_id, clock.now())
        except NotFound:
            return
        self.experiment_message = self._tr("experiment.stopped")
        self._load_experiments(me)
