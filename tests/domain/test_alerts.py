"""Alerts: each stage's response deadline in working days on the bank-holiday calendar (Hypothesis and
hand-worked dates over Christmas and Easter), the states, escalation, resolution, and the RAG midway."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.alerts import (
    Alert,
    AlertReason,
    AlertStage,
    AlertState,
    RaiseAlertInput,
    StageOutcome,
    midway,
    resolve_response_days,
    response_deadline,
    validate_escalation,
    validate_raise,
)
from iro_desktop.domain.calendar import WorkingDayCalendar

CAL = WorkingDayCalendar()
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


@given(days, st.integers(min_value=1, max_value=30))
def test_a_stage_deadline_is_a_working_day_exactly_n_working_days_on(raised, n):
    due = response_deadline(raised, n, CAL)
    assert due > raised
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(raised, due) == n
    # Every day strictly between the deadline's previous working day and it is closed: no earlier day works.
    assert CAL.working_days_between(raised, due - timedelta(days=1)) == n - 1


@given(days, st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=40))
def test_a_later_stage_never_falls_due_before_the_one_it_escalates(raised, n, gap):
    first = response_deadline(raised, n, CAL)
    escalated_on = first + timedelta(days=gap)
    assert response_deadline(escalated_on, n, CAL) > first


def test_hand_worked_deadlines_over_christmas_and_easter():
    # Tue 22 Dec 2026 + 5: Wed 23, Thu 24, (Fri 25 Christmas, Mon 28 Boxing Day substitute), Tue 29, Wed 30,
    # Thu 31 December.
    assert response_deadline(date(2026, 12, 22), 5, CAL) == date(2026, 12, 31)
    # Thu 25 Mar 2027 + 5: (Good Friday 26, Easter Monday 29) Tue 30, Wed 31, Thu 1, Fri 2, Mon 5 April.
    assert response_deadline(date(2027, 3, 25), 5, CAL) == date(2027, 4, 5)
    # Raised on a Saturday: Mon 7 Dec 2026 is day 1, so 5 working days is Fri 11 Dec.
    assert response_deadline(date(2026, 12, 5), 5, CAL) == date(2026, 12, 11)
    # A local rule of 10 days across the early May bank holiday (Mon 3 May 2027).
    assert response_deadline(date(2027, 4, 30), 10, CAL) == date(2027, 5, 17)


def _alert(*stages: AlertStage) -> Alert:
    return Alert("a1", "c1", AlertReason.NO_CORE_GROUP, "", stages[0].raised_on, "Chair", stages)


def test_states_escalation_and_resolution():
    raised = date(2026, 11, 2)  # Monday
    stage1 = AlertStage(1, "Team Manager", raised, response_deadline(raised, 5, CAL))
    assert stage1.due_on == date(2026, 11, 9)
    alert = _alert(stage1)
    assert alert.state(date(2026, 11, 9)) is AlertState.AWAITING
    assert alert.state(date(2026, 11, 10)) is AlertState.OVERDUE
    assert not alert.may_escalate(date(2026, 11, 9))
    assert alert.may_escalate(date(2026, 11, 10))  # no response by the deadline: the next stage is offered
    answered = _alert(AlertStage(1, "TM", raised, stage1.due_on, "Core group booked", date(2026, 11, 6)))
    assert answered.state(date(2026, 11, 20)) is AlertState.RESPONDED
    assert not answered.may_escalate(date(2026, 11, 20))
    not_resolved = _alert(
        AlertStage(
            1,
            "TM",
            raised,
            stage1.due_on,
            "x",
            date(2026, 11, 6),
            StageOutcome.NOT_RESOLVED,
            date(2026, 11, 9),
        )
    )
    assert not_resolved.may_escalate(date(2026, 11, 9))
    assert validate_escalation(not_resolved, "Service Manager", date(2026, 11, 9), date(2026, 11, 9)) == []
    stage2_due = response_deadline(date(2026, 11, 9), 5, CAL)
    resolved = _alert(
        not_resolved.stages[0],
        AlertStage(
            2,
            "Service Manager",
            date(2026, 11, 9),
            stage2_due,
            "Done",
            date(2026, 11, 12),
            StageOutcome.RESOLVED,
            date(2026, 11, 13),
        ),
    )
    assert resolved.state(date(2026, 12, 1)) is AlertState.RESOLVED
    assert not resolved.is_open
    assert resolved.resolved_within_deadline() is True  # 13 Nov <= 16 Nov
    assert resolved.days_to_resolve(CAL) == 9  # Tue 3 .. Fri 13 Nov: 9 working days after Mon 2 Nov
    assert [p.field for p in validate_escalation(resolved, "HoS", date(2026, 12, 1), date(2026, 12, 1))] == [
        "stage"
    ]


def test_stage_three_is_the_last_and_raise_needs_a_reason_and_a_manager():
    stage3 = AlertStage(3, "Head of Service", date(2026, 11, 2), date(2026, 11, 9))
    assert not _alert(stage3).may_escalate(date(2026, 12, 1))
    problems = validate_raise(RaiseAlertInput("c1", None, " ", stage=4, raised_on=None), date(2026, 12, 1))
    assert {p.field for p in problems} == {"reason", "manager", "stage", "raised_on"}
    other = validate_raise(
        RaiseAlertInput("c1", AlertReason.OTHER, "TM", raised_on=date(2026, 12, 1)), date(2026, 12, 1)
    )
    assert [p.field for p in other] == ["detail"]


def test_response_days_local_rule_and_midway():
    assert resolve_response_days({}) == 5
    assert resolve_response_days({"alerts.response_days": "7"}) == 7
    assert resolve_response_days({"alerts.response_days": "x"}) == 5
    assert resolve_response_days({"alerts.response_days": "0"}) == 5
    # Initial conference 2 March 2026, first review due 2 June 2026: 92 days, midway 46 days on.
    assert midway(date(2026, 3, 2), date(2026, 6, 2)) == date(2026, 4, 17)


def test_response_days_are_a_local_rule_kept_with_the_others():
    from iro_desktop.domain.local_rules import LocalRules, decode, encode

    rules = LocalRules(alert_response_days=7)
    assert decode(encode(rules)).alert_response_days == 7
    assert decode({}).alert_response_days == 5
    assert [p.field for p in LocalRules(alert_response_days=0).problems()] == ["alert_response_days"]
