"""Issue 19 items 3-5 through the services on a real store (SQLite and PostgreSQL): NHS numbers, family
group decision-making and its prompt, the home-education flag, alerts with their stages and deadlines,
RAG ratings, anonymous feedback; all of it survives reopening the store."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import inspect

from iro_desktop.domain.alerts import AlertReason, AlertState, Rag, RaiseAlertInput, StageOutcome
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.feedback import Answer, FeedbackForm, Questionnaire, Source
from iro_desktop.domain.fgdm import FgdmInput, FgdmResponse
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.opening import open_store
from tests.conftest import TODAY


def _family(services: Services, ref: str = "F-1", unborn: bool = False):  # type: ignore[no-untyped-def]
    child = (
        ChildInput("", "Nowak", expected_date=date(2027, 1, 5), unborn=True, nhs_number="943 476 5919")
        if unborn
        else ChildInput("Ada", "Nowak", date(2020, 1, 1), nhs_number="943-476-5919")
    )
    return services.families.create_family(ref, f"Family {ref}", [child])


def _reopened(store, location) -> tuple[Services, object]:  # type: ignore[no-untyped-def]
    """The app closed and started again on the same records."""
    store.close()
    store = open_store(location)
    return Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    ), store


def test_nhs_number_is_kept_in_digits_and_a_wrong_one_is_refused(services, store, location):
    family = _family(services)
    assert family.children[0].nhs_number == "9434765919"
    unborn = _family(services, "F-2", unborn=True).children[0]
    assert unborn.nhs_number_label == "Mother's NHS number"
    with pytest.raises(ValidationError) as caught:
        services.families.update_child(
            family.children[0].id, ChildInput("Ada", "Nowak", date(2020, 1, 1), nhs_number="9434765918")
        )
    assert caught.value.for_field("nhs_number")
    again, store = _reopened(store, location)
    try:
        assert again.families.get(family.id).children[0].nhs_number == "9434765919"
    finally:
        store.close()  # type: ignore[attr-defined]


def test_fgdm_saved_prompted_after_nine_months_and_home_education_flag(services, store, location):
    family = _family(services)
    child = family.children[0]
    assert services.fgdm.standing([child.id])[child.id].text == ""
    assert services.fgdm.prompt(family.id) == ""
    services.families.add_previous_plan(child.id, date(2026, 2, 23), None, "N")  # 9 months on 23 Nov
    assert services.fgdm.standing([child.id])[child.id].text.endswith("(a plan is open)")
    assert "9 months" in services.fgdm.prompt(family.id)
    with pytest.raises(ValidationError) as caught:
        services.fgdm.save(family.id, FgdmInput(response=FgdmResponse.ACCEPTED))
    assert caught.value.for_field("response")
    saved = services.fgdm.save(
        family.id,
        FgdmInput(
            date(2026, 10, 1),
            "Both parents",
            FgdmResponse.ACCEPTED,
            date(2026, 10, 20),
            "FGC service",
            letter_before_proceedings_on=date(2026, 9, 28),
        ),
    )
    assert saved.outcome == "held"
    assert services.fgdm.prompt(family.id) == ""
    other = _family(services, "F-3")
    services.conferences.book(
        other.id, ConferenceType.INITIAL, date(2026, 11, 30), clock_start=date(2026, 11, 16)
    )
    flag = services.fgdm.standing([other.children[0].id])[other.children[0].id]
    assert flag.text.endswith("(an enquiry is open)")
    again, store = _reopened(store, location)
    try:
        assert again.fgdm.get(family.id) == saved
    finally:
        store.close()  # type: ignore[attr-defined]


def test_alert_stages_deadlines_escalation_and_history(services, store, location):
    child = _family(services).children[0]
    alert = services.alerts.raise_alert(
        RaiseAlertInput(child.id, AlertReason.NO_CORE_GROUP, "Team Manager", raised_on=date(2026, 11, 2))
    )
    assert alert.current.due_on == date(2026, 11, 9)  # 5 working days, the default
    assert alert.state(TODAY) is AlertState.OVERDUE
    services.rules.save(dataclasses.replace(services.rules.get(), alert_response_days=7))
    escalated = services.alerts.escalate(alert.id, "Service Manager", date(2026, 11, 10))
    assert [s.stage for s in escalated.stages] == [1, 2]
    assert escalated.stages[0].outcome is StageOutcome.NOT_RESOLVED
    assert escalated.current.due_on == date(2026, 11, 19)  # 7 working days from Tue 10 Nov
    with pytest.raises(ValidationError):
        services.alerts.escalate(alert.id, "Head of Service", date(2026, 11, 11))  # stage 2 not yet lapsed
    services.alerts.record_response(alert.id, "Core group booked for 20 November.", date(2026, 11, 18))
    resolved = services.alerts.record_outcome(alert.id, StageOutcome.RESOLVED, date(2026, 11, 20), "Held.")
    assert not resolved.is_open
    assert resolved.resolved_within_deadline() is False  # 20 Nov after the 19 Nov deadline
    assert services.alerts.open_alerts() == []
    with pytest.raises(ValidationError) as caught:
        services.alerts.record_outcome(alert.id, StageOutcome.NOT_RESOLVED, date(2026, 11, 20))
    assert caught.value.for_field("outcome")
    again, store = _reopened(store, location)
    try:
        history = again.alerts.get(alert.id)
        assert history.child_name == "Ada Nowak"
        assert [(s.stage, s.manager, s.outcome) for s in history.stages] == [
            (1, "Team Manager", StageOutcome.NOT_RESOLVED),
            (2, "Service Manager", StageOutcome.RESOLVED),
        ]
        assert again.alerts.response_days() == 7
    finally:
        store.close()  # type: ignore[attr-defined]


def test_only_the_chair_raises_a_manager_answers(services):
    child = _family(services).children[0]
    alert = services.alerts.raise_alert(
        RaiseAlertInput(child.id, AlertReason.ACTIONS_OVERDUE, "Team Manager", raised_on=date(2026, 11, 20))
    )
    manager = Services.build(
        dataclasses.replace(services.ctx, session=SignedIn(User("m", "m", "M", Role.MANAGER)))
    )
    with pytest.raises(PermissionDenied):
        manager.alerts.raise_alert(
            RaiseAlertInput(child.id, AlertReason.OTHER, "TM", detail="x", raised_on=date(2026, 11, 20))
        )
    answered = manager.alerts.record_response(alert.id, "Actions reallocated.", date(2026, 11, 23))
    assert answered.state(TODAY) is AlertState.RESPONDED


def test_rag_ratings_need_a_reason(services):
    child = _family(services).children[0]
    with pytest.raises(ValidationError) as caught:
        services.alerts.rate(child.id, Rag.RED, " ", date(2026, 11, 20))
    assert caught.value.for_field("reason")
    services.alerts.rate(child.id, Rag.AMBER, "Core group late", date(2026, 11, 20), date(2026, 11, 20))
    assert [(r.rating, r.reason) for r in services.alerts.ratings([child.id])] == [
        (Rag.AMBER, "Core group late")
    ]


def test_feedback_is_stored_without_a_person_or_a_conference(services, store):
    form = FeedbackForm(
        Questionnaire.FAMILY,
        ConferenceType.REVIEW,
        date(2026, 11, 20),
        {"why_we_met": Answer.YES, "listened_to": Answer.PARTLY},
        "The chair explained everything.",
        Source.PAPER,
    )
    saved = services.feedback.submit(form)
    assert dataclasses.replace(saved, id="") == form
    columns = {c["name"] for c in inspect(store.engine).get_columns("feedback_forms")}
    assert columns == {
        "id",
        "questionnaire",
        "conference_type",
        "conference_date",
        "answers",
        "comment",
        "source",
    }
    with pytest.raises(ValidationError):
        services.feedback.submit(dataclasses.replace(form, answers={}, comment=""))
    assert len(services.feedback.forms()) == 1
