"""Decisions for each child at a conference, dissent, plan history and the checks before deciding."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import (
    Decision,
    DecisionInput,
    Outcome,
    normalise_decision,
    validate_decision,
)
from iro_desktop.domain.dissent import Dissent, DissentInput, validate_dissent
from iro_desktop.domain.errors import NotFound, Problem, ValidationError, raise_if
from iro_desktop.domain.plan import PlanPeriod
from iro_desktop.domain.pre_decision import Check, PendingDecision, pre_decision_checks
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.services.plans import CALENDAR, action_to_domain, actions_in
from iro_desktop.services.policy import allow_multiple_in, factors_in
from iro_desktop.store.models import (
    ChildDecisionFactorRow,
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ChildRow,
    ConferenceRow,
    DissentRow,
    PlanHeaderRow,
)
from iro_desktop.store.repositories import ConferenceRepository


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def dissent_to_domain(row: DissentRow) -> Dissent:
    return Dissent(
        id=row.id,
        conference_id=row.conference_id,
        child_id=row.child_id,
        name=row.name,
        agency=row.agency,
        view=row.view,
        reason=row.reason,
        chair_response=row.chair_response,
        sort_order=row.sort_order,
    )


def decision_to_domain(row: ChildDecisionRow, dissents: Sequence[Dissent] = ()) -> Decision:
    return Decision(
        id=row.id,
        conference_id=row.conference_id,
        child_id=row.child_id,
        outcome=Outcome(row.outcome),
        category=Category(row.category) if row.category else None,
        multiple_reason=row.multiple_reason,
        significant_factors=tuple(f.factor_code for f in row.factors),
        cin_meeting_date=row.cin_meeting_date,
        rationale=row.rationale,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        dissents=tuple(dissents),
    )


def period_to_domain(row: ChildPlanHistoryRow) -> PlanPeriod:
    return PlanPeriod(row.id, row.child_id, row.started_on, row.ended_on, row.category, row.end_reason)


class DecisionService:
    def __init__(self, ctx: ServiceContext, now: Callable[[], datetime] = _utcnow) -> None:
        self.ctx = ctx
        self.now = now

    # Reading ---------------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def for_conference(self, conference_id: str) -> dict[str, Decision]:
        """Recorded decisions by child id, each with its dissent."""
        with self.ctx.uow() as uow:
            dissents = self._dissents(uow.session, conference_id)
            rows = uow.session.scalars(
                select(ChildDecisionRow).where(ChildDecisionRow.conference_id == conference_id)
            )
            return {
                r.child_id: decision_to_domain(r, [d for d in dissents if d.child_id == r.child_id])
                for r in rows
            }

    @requires(Action.VIEW)
    def dissents(self, conference_id: str, child_id: str | None = None) -> list[Dissent]:
        with self.ctx.uow() as uow:
            return [d for d in self._dissents(uow.session, conference_id) if child_id in (None, d.child_id)]

    @staticmethod
    def _dissents(session: Session, conference_id: str) -> list[Dissent]:
        stmt = (
            select(DissentRow)
            .where(DissentRow.conference_id == conference_id)
            .order_by(DissentRow.sort_order, DissentRow.id)
        )
        return [dissent_to_domain(r) for r in session.scalars(stmt)]

    @requires(Action.VIEW)
    def plan_history(self, child_id: str) -> list[PlanPeriod]:
        """The child's periods on a plan, oldest first."""
        with self.ctx.uow() as uow:
            stmt = (
                select(ChildPlanHistoryRow)
                .where(ChildPlanHistoryRow.child_id == child_id)
                .order_by(ChildPlanHistoryRow.started_on, ChildPlanHistoryRow.id)
            )
            return [period_to_domain(r) for r in uow.session.scalars(stmt)]

    @requires(Action.VIEW)
    def current_category(self, conference_id: str, child_id: str) -> Category | None:
        """The child's plan category going into this conference (before its own decision)."""
        with self.ctx.uow() as uow:
            return _category_before(uow.session, conference_id, child_id)

    # Deciding --------------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def problems(self, conference_id: str, child_id: str, data: DecisionInput) -> list[Problem]:
        """What would stop this decision being recorded (nothing is written)."""
        with self.ctx.uow() as uow:
            return self._problems(uow.session, conference_id, child_id, normalise_decision(data))

    @staticmethod
    def _problems(session: Session, conference_id: str, child_id: str, data: DecisionInput) -> list[Problem]:
        conference = ConferenceRepository(session).get(conference_id)
        _check_child(session, conference, child_id)
        return validate_decision(
            data,
            ConferenceType(conference.conference_type),
            conference.scheduled_date,
            allow_multiple=allow_multiple_in(session),
            factors=factors_in(session),
            calendar=CALENDAR,
            current_category=_category_before(session, conference_id, child_id),
        )

    @requires(Action.RECORD_DECISION)
    def record(
        self, conference_id: str, child_id: str, data: DecisionInput, *, decided_at: datetime | None = None
    ) -> Decision:
        """Record (or change) the decision for a child, and bring the child's plan history in line:
        a plan made starts a period on the conference date, a plan ended closes it with the reason, a
        change of category updates it. Recording again first takes back what the earlier decision at
        this conference did. `decided_at` restores an earlier decision's time (undo)."""
        data = normalise_decision(data)
        with self.ctx.uow() as uow:
            session = uow.session
            guard_change(self.ctx, uow.session, conference_id, Action.RECORD_DECISION)
            raise_if(self._problems(session, conference_id, child_id, data))
            conference = ConferenceRepository(session).get(conference_id)
            assert data.outcome is not None
            row = _decision_row(session, conference_id, child_id)
            if row is None:
                row = ChildDecisionRow(conference_id=conference_id, child_id=child_id)
                session.add(row)
            row.outcome = data.outcome.value
            row.category = data.category.value if data.category else None
            row.multiple_reason = data.multiple_reason
            row.cin_meeting_date = data.cin_meeting_date
            row.rationale = data.rationale
            row.decided_by = data.decided_by
            row.decided_at = decided_at or self.now()
            row.factors.clear()
            session.flush()
            for order, code in enumerate(data.significant_factors):
                row.factors.append(ChildDecisionFactorRow(factor_code=code, sort_order=order))
            _revert_history(session, conference_id, child_id)
            _apply_history(session, conference, child_id, data.outcome, data.category)
            uow.commit()
            dissents = [d for d in self._dissents(session, conference_id) if d.child_id == child_id]
            return decision_to_domain(row, dissents)

    @requires(Action.RECORD_DECISION)
    def withdraw(self, conference_id: str, child_id: str) -> None:
        """Take a decision back out (undo of a first recording): the row goes, the history is restored."""
        with self.ctx.uow() as uow:
            guard_change(self.ctx, uow.session, conference_id, Action.RECORD_DECISION)
            row = _decision_row(uow.session, conference_id, child_id)
            if row is not None:
                uow.session.delete(row)
            _revert_history(uow.session, conference_id, child_id)
            uow.commit()

    # Dissent ---------------------------------------------------------------------------------------

    @requires(Action.RECORD_DECISION)
    def add_dissent(
        self, conference_id: str, child_id: str, data: DissentInput, *, dissent_id: str | None = None
    ) -> Dissent:
        data = DissentInput(
            *(getattr(data, f).strip() for f in ("name", "agency", "view", "reason", "chair_response"))
        )
        raise_if(validate_dissent(data))
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.RECORD_DECISION)
            _check_child(uow.session, conference, child_id)
            count = len(self._dissents(uow.session, conference_id))
            row = DissentRow(
                conference_id=conference_id,
                child_id=child_id,
                name=data.name,
                agency=data.agency,
                view=data.view,
                reason=data.reason,
                chair_response=data.chair_response,
                sort_order=count,
            )
            if dissent_id:
                row.id = dissent_id
            uow.session.add(row)
            uow.commit()
            return dissent_to_domain(row)

    @requires(Action.RECORD_DECISION)
    def update_dissent(self, dissent_id: str, data: DissentInput) -> Dissent:
        data = DissentInput(
            *(getattr(data, f).strip() for f in ("name", "agency", "view", "reason", "chair_response"))
        )
        raise_if(validate_dissent(data))
        with self.ctx.uow() as uow:
            row = uow.session.get(DissentRow, dissent_id)
            if row is None:
                raise NotFound("That dissent is no longer in the record.")
            guard_change(self.ctx, uow.session, row.conference_id, Action.RECORD_DECISION)
            row.name, row.agency, row.view = data.name, data.agency, data.view
            row.reason, row.chair_response = data.reason, data.chair_response
            uow.commit()
            return dissent_to_domain(row)

    @requires(Action.RECORD_DECISION)
    def remove_dissent(self, dissent_id: str) -> Dissent:
        with self.ctx.uow() as uow:
            row = uow.session.get(DissentRow, dissent_id)
            if row is None:
                raise NotFound("That dissent is no longer in the record.")
            guard_change(self.ctx, uow.session, row.conference_id, Action.RECORD_DECISION)
            removed = dissent_to_domain(row)
            uow.session.delete(row)
            uow.commit()
            return removed

    @requires(Action.RECORD_DECISION)
    def restore_dissent(self, dissent: Dissent) -> Dissent:
        return self.add_dissent(
            dissent.conference_id, dissent.child_id, dissent.as_input(), dissent_id=dissent.id
        )

    # Before deciding -------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def checks(
        self, conference_id: str, pending: Sequence[PendingDecision], extra: Iterable[Check] = ()
    ) -> list[Check]:
        """What to look at before deciding: other modules' warnings (`extra`), the plan's actions without
        an owner or a date, and step-downs without a child in need meeting date."""
        with self.ctx.uow() as uow:
            actions = [action_to_domain(r) for r in actions_in(uow.session, conference_id)]
            header = uow.session.get(PlanHeaderRow, conference_id)
            bottom_lines = header.bottom_lines if header is not None else ""
        return pre_decision_checks(actions, pending, bottom_lines, extra)


# Helpers -------------------------------------------------------------------------------------------


def _check_child(session: Session, conference: ConferenceRow, child_id: str) -> None:
    child = session.get(ChildRow, child_id)
    if child is None or child.family_id != conference.family_id:
        raise ValidationError([Problem("child", "That child is not in this conference's family.")])


def _decision_row(session: Session, conference_id: str, child_id: str) -> ChildDecisionRow | None:
    return session.scalars(
        select(ChildDecisionRow).where(
            ChildDecisionRow.conference_id == conference_id, ChildDecisionRow.child_id == child_id
        )
    ).first()


def _open_period(
    session: Session, child_id: str, exclude_started_by: str | None = None
) -> ChildPlanHistoryRow | None:
    stmt = (
        select(ChildPlanHistoryRow)
        .outerjoin(ChildPlanHistoryLinkRow, ChildPlanHistoryLinkRow.history_id == ChildPlanHistoryRow.id)
        .where(ChildPlanHistoryRow.child_id == child_id, ChildPlanHistoryRow.ended_on.is_(None))
        .order_by(ChildPlanHistoryRow.started_on.desc())
    )
    if exclude_started_by is not None:
        stmt = stmt.where(
            or_(
                ChildPlanHistoryLinkRow.started_conference_id.is_(None),
                ChildPlanHistoryLinkRow.started_conference_id != exclude_started_by,
            )
        )
    return session.scalars(stmt).first()


def _links_for(
    session: Session, conference_id: str, child_id: str
) -> list[tuple[ChildPlanHistoryLinkRow, ChildPlanHistoryRow]]:
    stmt = (
        select(ChildPlanHistoryLinkRow, ChildPlanHistoryRow)
        .join(ChildPlanHistoryRow, ChildPlanHistoryLinkRow.history_id == ChildPlanHistoryRow.id)
        .where(
            ChildPlanHistoryRow.child_id == child_id,
            or_(
                ChildPlanHistoryLinkRow.started_conference_id == conference_id,
                ChildPlanHistoryLinkRow.ended_conference_id == conference_id,
                ChildPlanHistoryLinkRow.recategorised_conference_id == conference_id,
            ),
        )
    )
    return [(link, period) for link, period in session.execute(stmt)]


def _category_before(session: Session, conference_id: str, child_id: str) -> Category | None:
    """The category of the child's open plan as it was before this conference decided anything."""
    for link, period in _links_for(session, conference_id, child_id):
        if link.ended_conference_id == conference_id:
            return Category(period.category) if period.category else None
        if link.recategorised_conference_id == conference_id:
            return Category(link.category_before) if link.category_before else None
    current = _open_period(session, child_id, exclude_started_by=conference_id)
    return Category(current.category) if current is not None and current.category else None


def _revert_history(session: Session, conference_id: str, child_id: str) -> None:
    for link, period in _links_for(session, conference_id, child_id):
        if link.started_conference_id == conference_id:
            session.execute(
                delete(ChildPlanHistoryLinkRow).where(ChildPlanHistoryLinkRow.history_id == period.id)
            )
            session.delete(period)
            continue
        if link.ended_conference_id == conference_id:
            period.ended_on = None
            period.end_reason = ""
            link.ended_conference_id = None
        if link.recategorised_conference_id == conference_id:
            period.category = link.category_before
            link.recategorised_conference_id = None
            link.category_before = ""
    session.flush()
    session.expire_all()


def _link(session: Session, period: ChildPlanHistoryRow) -> ChildPlanHistoryLinkRow:
    link = session.get(ChildPlanHistoryLinkRow, period.id)
    if link is None:
        link = ChildPlanHistoryLinkRow(history_id=period.id, category_before="")
        session.add(link)
    return link


def _apply_history(
    session: Session, conference: ConferenceRow, child_id: str, outcome: Outcome, category: Category | None
) -> None:
    day = conference.scheduled_date
    if outcome.starts_plan:
        period = ChildPlanHistoryRow(
            child_id=child_id,
            started_on=day,
            ended_on=None,
            category=category.value if category else "",
            end_reason="",
        )
        session.add(period)
        session.flush()
        session.add(
            ChildPlanHistoryLinkRow(
                history_id=period.id, started_conference_id=conference.id, category_before=""
            )
        )
        return
    open_period = _open_period(session, child_id)
    if open_period is None:
        return
    if outcome.ends_plan:
        open_period.ended_on = day
        open_period.end_reason = outcome.value
        _link(session, open_period).ended_conference_id = conference.id
    elif category is not None and open_period.category != category.value:
        link = _link(session, open_period)
        link.recategorised_conference_id = conference.id
        link.category_before = open_period.category
        open_period.category = category.value
