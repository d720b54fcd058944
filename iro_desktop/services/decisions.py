"""Decisions for each child at a conference, dissent, plan history and the checks before deciding."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime

from iro_desktop.domain.audience import Audience
from iro_desktop.domain.categories import Category
from iro_desktop.domain.concurrency import EditConflict, ReadAs, merged, rebase
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import (
    Decision,
    DecisionInput,
    Outcome,
    decision_values,
    normalise_decision,
    validate_decision,
)
from iro_desktop.domain.dissent import Dissent, DissentInput, validate_dissent
from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.plan import PlanPeriod
from iro_desktop.domain.pre_decision import Check, PendingDecision, pre_decision_checks
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.services.plans import CALENDAR
from iro_desktop.services.policy import allow_multiple_in, factors_in
from iro_desktop.store.audience_columns import capture_audience, write_audience
from iro_desktop.store.decision_repository import (
    DecisionRepository,
    DissentRepository,
    decision_to_domain,
    dissent_to_domain,
)
from iro_desktop.store.models import ChildDecisionRow, ChildPlanHistoryRow, ConferenceRow, DissentRow
from iro_desktop.store.plan_period_repository import PlanPeriodRepository, period_to_domain
from iro_desktop.store.plan_repository import PlanActionRepository, PlanHeaderRepository, action_to_domain
from iro_desktop.store.repositories import ConferenceRepository
from iro_desktop.store.session import Session


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


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
            rows = DecisionRepository(uow.session).for_conference(conference_id)
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
        return [dissent_to_domain(r) for r in DissentRepository(session).for_conference(conference_id)]

    @requires(Action.VIEW)
    def plan_history(self, child_id: str) -> list[PlanPeriod]:
        """The child's periods on a plan, oldest first."""
        with self.ctx.uow() as uow:
            return [period_to_domain(r) for r in PlanPeriodRepository(uow.session).for_child(child_id)]

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
        self,
        conference_id: str,
        child_id: str,
        data: DecisionInput,
        *,
        decided_at: datetime | None = None,
        read: ReadAs | None = None,
    ) -> Decision:
        """Record (or change) the decision for a child, and bring the child's plan history in line:
        a plan made starts a period on the conference date, a plan ended closes it with the reason, a
        change of category updates it. Recording again first takes back what the earlier decision at
        this conference did. `decided_at` restores an earlier decision's time (undo).
        With `read` (the version and fields the form was showing; version 0: no decision yet), a
        decision someone else recorded since is never overwritten: their changes to other fields are
        kept and this one's applied on top; a different change of the same field raises EditConflict
        with both (nothing stored)."""
        data = normalise_decision(data)
        with self.ctx.uow() as uow:
            session = uow.session
            guard_change(self.ctx, uow.session, conference_id, Action.RECORD_DECISION)
            decisions = DecisionRepository(session)
            row = decisions.find(conference_id, child_id)
            data = _rebased(session, row, data, read)
            raise_if(self._problems(session, conference_id, child_id, data))
            conference = ConferenceRepository(session).get(conference_id)
            assert data.outcome is not None
            if row is None:
                row = decisions.add(ChildDecisionRow(conference_id=conference_id, child_id=child_id))
            row.outcome = data.outcome.value
            row.category = data.category.value if data.category else None
            row.multiple_reason = data.multiple_reason
            row.cin_meeting_date = data.cin_meeting_date
            if row.rationale != data.rationale:
                capture_audience(session, conference_id, row)  # reasons given with someone out of the room
            row.rationale = data.rationale
            row.decided_by = data.decided_by
            row.decided_at = decided_at or self.now()
            decisions.replace_factors(row, data.significant_factors)
            _revert_history(session, conference_id, child_id)
            _apply_history(session, conference, child_id, data.outcome, data.category)
            uow.flush()  # the version returned is the one stored
            uow.commit()
            dissents = [d for d in self._dissents(session, conference_id) if d.child_id == child_id]
            return decision_to_domain(row, dissents)

    @requires(Action.RECORD_DECISION)
    def withdraw(self, conference_id: str, child_id: str) -> None:
        """Take a decision back out (undo of a first recording): the row goes, the history is restored."""
        with self.ctx.uow() as uow:
            guard_change(self.ctx, uow.session, conference_id, Action.RECORD_DECISION)
            decisions = DecisionRepository(uow.session)
            row = decisions.find(conference_id, child_id)
            if row is not None:
                decisions.remove(row)
            _revert_history(uow.session, conference_id, child_id)
            uow.commit()

    # Dissent ---------------------------------------------------------------------------------------

    @requires(Action.RECORD_DECISION)
    def add_dissent(
        self,
        conference_id: str,
        child_id: str,
        data: DissentInput,
        *,
        dissent_id: str | None = None,
        audience: Audience | None = None,
    ) -> Dissent:
        """`dissent_id`, `audience`: put back a removed dissent as it was (undo)."""
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
            if audience is not None:
                write_audience(row, audience)
            capture_audience(uow.session, conference_id, row)
            DissentRepository(uow.session).add(row)
            uow.commit()
            return dissent_to_domain(row)

    @requires(Action.RECORD_DECISION)
    def update_dissent(self, dissent_id: str, data: DissentInput, read: ReadAs | None = None) -> Dissent:
        """With `read` (the version and fields the form showed, issue 16): someone else's change since to
        other fields is kept; a different change of the same one raises EditConflict with both."""
        data = DissentInput(
            *(getattr(data, f).strip() for f in ("name", "agency", "view", "reason", "chair_response"))
        )
        raise_if(validate_dissent(data))
        with self.ctx.uow() as uow:
            row = DissentRepository(uow.session).get(dissent_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.RECORD_DECISION)
            if read is not None:
                stored = dissent_to_domain(row)
                current = asdict(stored.as_input())
                data = DissentInput(
                    **merged(f"{stored.name}’s dissent", read, asdict(data), current, row.version)
                )
            row.name, row.agency, row.view = data.name, data.agency, data.view
            row.reason, row.chair_response = data.reason, data.chair_response
            capture_audience(uow.session, row.conference_id, row)
            uow.flush()  # the version returned is the one stored
            uow.commit()
            return dissent_to_domain(row)

    @requires(Action.RECORD_DECISION)
    def remove_dissent(self, dissent_id: str) -> Dissent:
        with self.ctx.uow() as uow:
            dissents = DissentRepository(uow.session)
            row = dissents.get(dissent_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.RECORD_DECISION)
            removed = dissent_to_domain(row)
            dissents.remove(row)
            uow.commit()
            return removed

    @requires(Action.RECORD_DECISION)
    def restore_dissent(self, dissent: Dissent) -> Dissent:
        return self.add_dissent(
            dissent.conference_id,
            dissent.child_id,
            dissent.as_input(),
            dissent_id=dissent.id,
            audience=dissent.audience,
        )

    # Before deciding -------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def checks(
        self, conference_id: str, pending: Sequence[PendingDecision], extra: Iterable[Check] = ()
    ) -> list[Check]:
        """What to look at before deciding: other modules' warnings (`extra`), the plan's actions without
        an owner or a date, and step-downs without a child in need meeting date."""
        with self.ctx.uow() as uow:
            actions = [
                action_to_domain(r) for r in PlanActionRepository(uow.session).for_conference(conference_id)
            ]
            header = PlanHeaderRepository(uow.session).get(conference_id)
            bottom_lines = header.bottom_lines if header is not None else ""
        return pre_decision_checks(actions, pending, bottom_lines, extra)


# Helpers -------------------------------------------------------------------------------------------


def _check_child(session: Session, conference: ConferenceRow, child_id: str) -> None:
    child = DecisionRepository(session).child(child_id)
    if child is None or child.family_id != conference.family_id:
        raise ValidationError([Problem("child", "That child is not in this conference's family.")])


def _rebased(
    session: Session, row: ChildDecisionRow | None, data: DecisionInput, read: ReadAs | None
) -> DecisionInput:
    """`data` as it applies to the decision stored now, for a form that read `read` (issue 16): the
    fields it changed put on top of the stored ones; EditConflict when someone else changed one of
    those fields differently since."""
    if read is None:
        return data
    version = row.version if row is not None else 0
    if read.version == version:
        return data
    mine = decision_values(data)
    changed = {k: v for k, v in mine.items() if k not in read.values or read.values[k] != v}
    stored = decision_to_domain(row).as_input() if row is not None else None
    current = decision_values(stored) if stored is not None else {}
    conflicts = rebase(read, changed, current, version)
    if conflicts:
        child = DecisionRepository(session).child(row.child_id if row is not None else "")
        name = child.given_name if child is not None else "this child"
        raise EditConflict(f"the decision for {name}", conflicts, version)
    if stored is None:
        return data  # withdrawn since: recorded as this form has it
    return normalise_decision(replace(stored, **changed))


def _category_before(session: Session, conference_id: str, child_id: str) -> Category | None:
    """The category of the child's open plan as it was before this conference decided anything."""
    periods = PlanPeriodRepository(session)
    for link, period in periods.links_for(conference_id, child_id):
        if link.ended_conference_id == conference_id:
            return Category(period.category) if period.category else None
        if link.recategorised_conference_id == conference_id:
            return Category(link.category_before) if link.category_before else None
    current = periods.open_period(child_id, exclude_started_by=conference_id)
    return Category(current.category) if current is not None and current.category else None


def _revert_history(session: Session, conference_id: str, child_id: str) -> None:
    periods = PlanPeriodRepository(session)
    for link, period in periods.links_for(conference_id, child_id):
        if link.started_conference_id == conference_id:
            periods.remove(period)
            continue
        if link.ended_conference_id == conference_id:
            period.ended_on = None
            period.end_reason = ""
            link.ended_conference_id = None
        if link.recategorised_conference_id == conference_id:
            period.category = link.category_before
            link.recategorised_conference_id = None
            link.category_before = ""
    periods.flush_and_expire()


def _apply_history(
    session: Session, conference: ConferenceRow, child_id: str, outcome: Outcome, category: Category | None
) -> None:
    periods = PlanPeriodRepository(session)
    day = conference.scheduled_date
    if outcome.starts_plan:
        period = ChildPlanHistoryRow(
            child_id=child_id,
            started_on=day,
            ended_on=None,
            category=category.value if category else "",
            end_reason="",
        )
        periods.start(period, conference.id)
        return
    open_period = periods.open_period(child_id)
    if open_period is None:
        return
    if outcome.ends_plan:
        open_period.ended_on = day
        open_period.end_reason = outcome.value
        periods.link(open_period).ended_conference_id = conference.id
    elif category is not None and open_period.category != category.value:
        link = periods.link(open_period)
        link.recategorised_conference_id = conference.id
        link.category_before = open_period.category
        open_period.category = category.value
