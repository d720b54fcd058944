"""Alerts when a plan drifts: raised by the chair to a named manager at stage 1, 2 or 3, answered,
given an outcome, escalated; and the plan's RAG rating at its midway point."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from iro_desktop.domain.alerts import (
    Alert,
    Rag,
    RagRating,
    RaiseAlertInput,
    StageOutcome,
    plan_midway,
    response_deadline,
    validate_escalation,
    validate_outcome,
    validate_rag,
    validate_raise,
    validate_response,
)
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.roles import Action
from iro_desktop.domain.today import PlanDates, RagDue, rag_ratings_due
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.rules import load_rules
from iro_desktop.store.models import AlertRow, AlertStageRow, RagRatingRow
from iro_desktop.store.people_repositories import get_child
from iro_desktop.store.quality_repository import QualityRepository, alert_to_domain, rag_to_domain

CALENDAR = WorkingDayCalendar()


class AlertService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def calendar(self) -> WorkingDayCalendar:
        return CALENDAR

    @requires(Action.VIEW)
    def response_days(self) -> int:
        """The local rule: working days each stage has to respond (default 5; Local rules dialog)."""
        with self.ctx.uow() as uow:
            return load_rules(uow).alert_response_days

    @requires(Action.VIEW)
    def for_children(self, child_ids: Iterable[str] | None = None) -> list[Alert]:
        """Alerts with their stages, oldest first (every child's when None)."""
        with self.ctx.uow() as uow:
            return [
                alert_to_domain(row, name) for row, name in QualityRepository(uow.session).alerts(child_ids)
            ]

    @requires(Action.VIEW)
    def open_alerts(self, child_ids: Iterable[str] | None = None) -> list[Alert]:
        return [a for a in self.for_children(child_ids) if a.is_open]

    @requires(Action.VIEW)
    def get(self, alert_id: str) -> Alert:
        with self.ctx.uow() as uow:
            row = QualityRepository(uow.session).alert(alert_id)
            child = get_child(uow.session, row.child_id)
            return alert_to_domain(row, f"{child.given_name} {child.family_name}".strip())

    @requires(Action.RAISE_ALERT)
    def raise_alert(self, data: RaiseAlertInput) -> Alert:
        raise_if(validate_raise(data, self.ctx.today()))
        assert data.reason is not None
        assert data.raised_on is not None
        with self.ctx.uow() as uow:
            get_child(uow.session, data.child_id)
            days = load_rules(uow).alert_response_days
            user = self.ctx.session.user
            row = AlertRow(
                child_id=data.child_id,
                reason=data.reason.value,
                detail=data.detail.strip(),
                raised_on=data.raised_on,
                raised_by=user.display_name if user else "",
            )
            row.stages.append(
                AlertStageRow(
                    stage=data.stage,
                    manager=data.manager.strip(),
                    raised_on=data.raised_on,
                    due_on=response_deadline(data.raised_on, days, CALENDAR),
                )
            )
            uow.session.add(row)
            uow.commit()
            return alert_to_domain(row)

    def _current(self, row: AlertRow) -> AlertStageRow:
        return max(row.stages, key=lambda s: s.stage)

    @requires(Action.ANSWER_ALERT)
    def record_response(self, alert_id: str, response: str, responded_on: date | None) -> Alert:
        with self.ctx.uow() as uow:
            row = QualityRepository(uow.session).alert(alert_id)
            stage = self._current(row)
            alert = alert_to_domain(row)
            raise_if(validate_response(alert.current, response, responded_on, self.ctx.today()))
            stage.response, stage.responded_on = response.strip(), responded_on
            uow.commit()
            return alert_to_domain(row)

    @requires(Action.RAISE_ALERT)
    def record_outcome(self, alert_id: str, outcome: StageOutcome, on: date | None, note: str = "") -> Alert:
        with self.ctx.uow() as uow:
            row = QualityRepository(uow.session).alert(alert_id)
            stage = self._current(row)
            raise_if(validate_outcome(alert_to_domain(row).current, outcome, on, note, self.ctx.today()))
            stage.outcome, stage.outcome_on, stage.outcome_note = outcome.value, on, note.strip()
            uow.commit()
            return alert_to_domain(row)

    @requires(Action.RAISE_ALERT)
    def escalate(self, alert_id: str, manager: str, on: date | None) -> Alert:
        """The next stage, to a named manager, with its own deadline from today's local rule."""
        with self.ctx.uow() as uow:
            row = QualityRepository(uow.session).alert(alert_id)
            alert = alert_to_domain(row)
            raise_if(validate_escalation(alert, manager, on, self.ctx.today()))
            assert on is not None
            days = load_rules(uow).alert_response_days
            current = self._current(row)
            if current.outcome == "":
                current.outcome, current.outcome_on = StageOutcome.NOT_RESOLVED.value, on
                current.outcome_note = current.outcome_note or "No response by the deadline."
            row.stages.append(
                AlertStageRow(
                    stage=alert.current.stage + 1,
                    manager=manager.strip(),
                    raised_on=on,
                    due_on=response_deadline(on, days, CALENDAR),
                )
            )
            uow.commit()
            return alert_to_domain(row)

    # RAG ratings.

    @requires(Action.RAISE_ALERT)
    def rate(
        self,
        child_id: str,
        rating: Rag | None,
        reason: str,
        rated_on: date | None,
        midway_on: date | None = None,
    ) -> RagRating:
        raise_if(validate_rag(rating, reason, rated_on, self.ctx.today()))
        assert rating is not None
        assert rated_on is not None
        with self.ctx.uow() as uow:
            get_child(uow.session, child_id)
            row = RagRatingRow(
                child_id=child_id,
                rated_on=rated_on,
                rating=rating.value,
                reason=reason.strip(),
                midway_on=midway_on,
            )
            uow.session.add(row)
            uow.commit()
            return rag_to_domain(row)

    @requires(Action.VIEW)
    def midway_for(self, child_id: str) -> date | None:
        """The plan's midway point between the last conference held and the next one."""
        with self.ctx.uow() as uow:
            held, booked = QualityRepository(uow.session).family_conference_dates(child_id)
        return plan_midway(held, booked)

    @requires(Action.VIEW)
    def rag_due(self) -> list[RagDue]:
        """For Today and due: plans past their midway point with no RAG rating since the last
        conference held."""
        with self.ctx.uow() as uow:
            repo = QualityRepository(uow.session)
            plans = []
            for child_id, name, family_id, family in repo.children_on_open_plans():
                held, booked = repo.family_conference_dates(child_id)
                plans.append(PlanDates(child_id, name, family_id, family, tuple(held), tuple(booked)))
            ratings = [rag_to_domain(r) for r in repo.rag_ratings([p.child_id for p in plans])]
        return rag_ratings_due(plans, ratings, self.ctx.today())

    @requires(Action.VIEW)
    def ratings(self, child_ids: Iterable[str] | None = None) -> list[RagRating]:
        with self.ctx.uow() as uow:
            return [rag_to_domain(r) for r in QualityRepository(uow.session).rag_ratings(child_ids)]
