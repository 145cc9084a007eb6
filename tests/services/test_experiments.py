"""Personal experiments: declared from next week for 2–8 weeks, one at a time, stored, stoppable,
and private to their manager."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.services.rhythm_helpers import local, manager
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.services import actions, experiments

NOW = local("Europe/Amsterdam", 2026, 11, 27, 17, 0)  # Friday of 2026-W48


def test_an_experiment_starts_next_week_and_runs_its_weeks(session):
    ann = manager(session)
    declared = experiments.declare(session, ann.id, "humility", "4", NOW)
    assert (declared.start_week, declared.weeks, declared.status) == ("2026-W49", 4, "not_started")
    assert declared.span.during == ("2026-W49", "2026-W50", "2026-W51", "2026-W52")
    assert declared.span.before == ("2026-W45", "2026-W46", "2026-W47", "2026-W48")
    third_week = experiments.experiment(session, ann.id, declared.id, NOW + timedelta(days=21))
    assert (third_week.status, third_week.week_number) == ("running", 3)
    assert experiments.experiment(session, ann.id, declared.id, NOW + timedelta(days=35)).status == "ended"


def test_the_managers_own_log_of_the_behaviour_is_compared_per_week(session):
    ann = manager(session)
    actions.log_action(session, ann.id, "humility", day=date(2026, 11, 24), now=NOW)  # before (W48)
    declared = experiments.declare(session, ann.id, "humility", 2, NOW)
    later = NOW + timedelta(days=7)
    for day in (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)):
        actions.log_action(session, ann.id, "humility", day=day, now=later)
    actions.log_action(session, ann.id, "courage", day=date(2026, 12, 2), now=later)  # another behaviour
    seen = experiments.experiment(session, ann.id, declared.id, later)
    assert seen.logged_before == pytest.approx(0.5)  # one entry over the two weeks before
    assert seen.logged_during == pytest.approx(3.0)  # three entries in the one week so far


def test_one_experiment_at_a_time_and_a_new_one_after_it_ended_or_stopped(session):
    ann = manager(session)
    first = experiments.declare(session, ann.id, "courage", 2, NOW)
    with pytest.raises(Refused) as refused:
        experiments.declare(session, ann.id, "humility", 3, NOW + timedelta(days=8))
    assert refused.value.key == "experiment.refused_running"
    after = NOW + timedelta(days=21)  # W51: the first ended with W50
    second = experiments.declare(session, ann.id, "humility", 3, after)
    assert second.start_week == "2026-W52"
    stopped = experiments.stop(session, ann.id, second.id, after)
    assert stopped.status == "stopped"
    experiments.declare(session, ann.id, "forgiveness", 2, after)
    assert [e.behaviour for e in experiments.experiments_of(session, ann.id, after)] == ["forgiveness", "humility",
                                                                                           "courage"]
    assert experiments.experiment(session, ann.id, first.id, after).status == "ended"


def test_an_ended_experiment_cannot_be_stopped_afterwards(session):
    ann = manager(session)
    declared = experiments.declare(session, ann.id, "courage", 2, NOW)
    assert experiments.stop(session, ann.id, declared.id, NOW + timedelta(days=30)).status == "ended"


@pytest.mark.parametrize("behaviour, weeks, field", [
    ("courage", 1, "experiment_weeks"), ("courage", 9, "experiment_weeks"), ("courage", "four", "experiment_weeks"),
    ("bravery", 4, "experiment_behaviour")])
def test_bad_declarations_are_refused_and_nothing_is_stored(session, behaviour, weeks, field):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        experiments.declare(session, ann.id, behaviour, weeks, NOW)
    assert field in refused.value.errors
    assert experiments.experiments_of(session, ann.id, NOW) == []


def test_one_manager_cannot_read_or_stop_anothers_experiment(session):
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    declared = experiments.declare(session, ann.id, "courage", 4, NOW)
    assert experiments.experiments_of(session, bob.id, NOW) == []
    with pytest.raises(experiments.ExperimentNotFound):
        experiments.experiment(session, bob.id, declared.id, NOW)
    with pytest.raises(experiments.ExperimentNotFound):
        experiments.stop(session, bob.id, declared.id, NOW)
    assert experiments.experiment(session, ann.id, declared.id, NOW).status == "not_started"
    # Ann's running experiment does not block Bob's.
    assert experiments.declare(session, bob.id, "humility", 2, NOW).status == "not_started"
