"""The child protection plan for a conference: header (bottom lines, contingency, dates) and actions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from iro_desktop.domain.audience import Audience
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.concurrency import ReadAs, merged
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.plan import (
    ActionStatus,
    PlanAction,
    PlanActionInput,
    PlanHeader,
    PlanHeaderInput,
    action_values,
    header_values,
    next_review_due,
    validate_action,
    validate_plan_header,
)
from iro_desktop.domain.roles import Action
from iro_desktop.domain.text_rules import date_in_range
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.store.audience_columns import capture_audience, read_audience, write_audience
from iro_desktop.store.models import ConferenceRow, PlanActionRow, PlanHeaderRow
from iro_desktop.store.plan_repository import PlanActionRepository, PlanHeaderRepository, action_to_domain
from iro_desktop.store.repositories import ConferenceRepository
from iro_desktop.store.session import Session

CALENDAR = WorkingDayCalendar()


@dataclass(frozen=True)
class CarriedForward:
    """What carrying a plan forward did: where from, the actions added, and the header as it was."""

    source_conference_id: str | None
    actions: tuple[PlanAction, ...]
    header_before: PlanHeaderInput


def header_to_domain(conference: ConferenceRow, row: PlanHeaderRow | None) -> PlanHeader:
    computed = (
        next_review_due(ConferenceType(conference.conference_type), conference.scheduled_date, CALENDAR)
        if date_in_range(conference.scheduled_date)
        else conference.scheduled_date  # out of range: the clocks show it as a date problem (issue 13)
    )
    if row is None:
        return PlanHeader(conference.id, "", "", None, None, "", computed)
    return PlanHeader(
        conference_id=conference.id,
        bottom_lines=row.bottom_lines,
        contingency=row.contingency,
        core_group_date=row.core_group_date,
        next_review_date=row.next_review_date,
        next_review_reason=row.next_review_reason,
        computed_review_date=computed,
        version=row.version,
    )


def _clean(data: PlanActionInput) -> PlanActionInput:
    return PlanActionInput(
        what=data.what.strip(),
        who_person=data.who_person.strip(),
        who_agency=data.who_agency.strip(),
        by_when=data.by_when,
        done_when=data.done_when.strip(),
        safety_goal_id=data.safety_goal_id.strip(),
        status=data.status,
    )


def _fill(row: PlanActionRow, data: PlanActionInput) -> None:
    row.what = data.what
    row.who_person = data.who_person
    row.who_agency = data.who_agency
    row.by_when = data.by_when
    row.done_when = data.done_when
    row.safety_goal_id = data.safety_goal_id
    row.status = data.status.value


def _last_plan_before(session: Session, conference: ConferenceRow) -> ConferenceRow | None:
    earlier = [
        c
        for c in ConferenceRepository(session).for_family(conference.family_id)
        if c.id != conference.id and c.scheduled_date < conference.scheduled_date
    ]
    headers, actions = PlanHeaderRepository(session), PlanActionRepository(session)
    for candidate in reversed(earlier):
        if headers.get(candidate.id) is not None or actions.for_conference(candidate.id):
            return candidate
    return None


class PlanService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # The plan header -------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def header(self, conference_id: str) -> PlanHeader:
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            return header_to_domain(conference, PlanHeaderRepository(uow.session).get(conference_id))

    @requires(Action.EDIT_PLAN)
    def save_header(
        self, conference_id: str, data: PlanHeaderInput, read: ReadAs | None = None
    ) -> PlanHeader:
        """Bottom lines, contingency, core group date and next review date (with a reason when it differs
        from the computed date). Setting the computed date itself stores no override. With `read` (the
        version and fields on screen, issue 16), someone else's change since to other fields is kept; a
        different change of the same field raises EditConflict with both (nothing stored)."""
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_PLAN)
            computed = next_review_due(
                ConferenceType(conference.conference_type), conference.scheduled_date, CALENDAR
            )
            headers = PlanHeaderRepository(uow.session)
            row = headers.get(conference_id)
            if read is not None:
                stored = header_to_domain(conference, row)
                current = header_values(stored.as_input()) if row is not None else {}
                data = PlanHeaderInput(
                    **merged("the plan", read, header_values(data), current, stored.version)
                )
            raise_if(validate_plan_header(data, conference.scheduled_date, computed))
            if row is None:
                row = headers.add(PlanHeaderRow(conference_id=conference_id))
            override = data.next_review_date if data.next_review_date != computed else None
            row.bottom_lines = data.bottom_lines.strip()
            row.contingency = data.contingency.strip()
            row.core_group_date = data.core_group_date
            row.next_review_date = override
            row.next_review_reason = data.next_review_reason.strip() if override else ""
            uow.flush()  # the version returned is the one stored
            uow.commit()
            return header_to_domain(conference, row)

    # Actions ---------------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def actions(self, conference_id: str) -> list[PlanAction]:
        with self.ctx.uow() as uow:
            return [
                action_to_domain(r) for r in PlanActionRepository(uow.session).for_conference(conference_id)
            ]

    @requires(Action.EDIT_PLAN)
    def add_action(
        self,
        conference_id: str,
        data: PlanActionInput,
        *,
        position: int | None = None,
        action_id: str | None = None,
        audience: Audience | None = None,
    ) -> PlanAction:
        """Add an action at a position (default: the end). `action_id`, `audience` restore a removed
        action as it was. Whoever is out of the room is kept from it."""
        data = _clean(data)
        raise_if(validate_action(data))
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_PLAN)
            row = self._insert(PlanActionRepository(uow.session), conference_id, data, position, action_id)
            if audience is not None:
                write_audience(row, audience)
            capture_audience(uow.session, conference_id, row)
            uow.commit()
            return action_to_domain(row)

    @staticmethod
    def _insert(
        actions: PlanActionRepository,
        conference_id: str,
        data: PlanActionInput,
        position: int | None,
        action_id: str | None,
    ) -> PlanActionRow:
        rows = actions.for_conference(conference_id)
        index = len(rows) if position is None else max(0, min(position, len(rows)))
        for order, existing in enumerate(rows):
            existing.sort_order = order if order < index else order + 1
        row = PlanActionRow(conference_id=conference_id, sort_order=index)
        if action_id:
            row.id = action_id
        _fill(row, data)
        return actions.add(row)

    @requires(Action.EDIT_PLAN)
    def update_action(self, action_id: str, data: PlanActionInput, read: ReadAs | None = None) -> PlanAction:
        """Change an action. With `read` (the version and fields the table was showing, issue 16),
        someone else's change since to other fields is kept and this one's applied on top; a different
        change of the same field raises EditConflict with both (nothing stored)."""
        data = _clean(data)
        raise_if(validate_action(data))
        with self.ctx.uow() as uow:
            row = PlanActionRepository(uow.session).get(action_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_PLAN)
            stored = action_to_domain(row)
            words = stored.what if len(stored.what) <= 40 else stored.what[:39] + "…"
            data = PlanActionInput(
                **merged(
                    f"the action “{words}”",
                    read,
                    action_values(data),
                    action_values(stored.as_input()),
                    row.version,
                )
            )
            raise_if(validate_action(data))
            if action_to_domain(row).as_input() != data:
                capture_audience(uow.session, row.conference_id, row)
            _fill(row, data)
            uow.flush()  # the version returned is the one stored
            uow.commit()
            return action_to_domain(row)

    @requires(Action.EDIT_PLAN)
    def remove_action(self, action_id: str) -> PlanAction:
        """Remove an action; returns it as it was (with its position) so it can be restored."""
        with self.ctx.uow() as uow:
            actions = PlanActionRepository(uow.session)
            row = actions.get(action_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_PLAN)
            rows = actions.for_conference(row.conference_id)
            position = rows.index(row)
            removed = action_to_domain(row)
            actions.remove(row)
            for order, existing in enumerate(r for r in rows if r is not row):
                existing.sort_order = order
            uow.commit()
            return replace(removed, sort_order=position)

    @requires(Action.EDIT_PLAN)
    def restore_action(self, action: PlanAction) -> PlanAction:
        return self.add_action(
            action.conference_id,
            action.as_input(),
            position=action.sort_order,
            action_id=action.id,
            audience=action.audience,
        )

    @requires(Action.EDIT_PLAN)
    def draft_actions(self, conference_id: str, next_steps: Sequence[str]) -> list[PlanAction]:
        """One action per "what needs to happen" line not already in the plan (owner and date to fill)."""
        drafts = [PlanActionInput(what=" ".join(step.split())) for step in next_steps if step.strip()]
        for data in drafts:
            raise_if(validate_action(data))
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_PLAN)
            actions = PlanActionRepository(uow.session)
            existing = {" ".join(r.what.split()).casefold() for r in actions.for_conference(conference_id)}
            created: list[PlanActionRow] = []
            for data in drafts:
                if data.what.casefold() in existing:
                    continue
                existing.add(data.what.casefold())
                created.append(self._insert(actions, conference_id, data, None, None))
            uow.commit()
            return [action_to_domain(r) for r in created]

    @requires(Action.VIEW)
    def last_plan_source(self, conference_id: str) -> str | None:
        """The family's latest earlier conference that has a plan (actions or header), if any."""
        with self.ctx.uow() as uow:
            source = _last_plan_before(uow.session, ConferenceRepository(uow.session).get(conference_id))
            return source.id if source is not None else None

    @requires(Action.EDIT_PLAN)
    def carry_forward(self, conference_id: str) -> CarriedForward:
        """Bring the family's last plan into this conference's: actions not yet done (in their order,
        status kept) and the bottom lines and contingency where this plan has none yet."""
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_PLAN)
            source = _last_plan_before(uow.session, conference)
            headers, actions = PlanHeaderRepository(uow.session), PlanActionRepository(uow.session)
            header_before = header_to_domain(conference, headers.get(conference_id))
            if source is None:
                return CarriedForward(None, (), header_before.as_input())
            existing = {" ".join(r.what.split()).casefold() for r in actions.for_conference(conference_id)}
            created: list[PlanActionRow] = []
            for old in actions.for_conference(source.id):
                if old.status == ActionStatus.DONE.value or " ".join(old.what.split()).casefold() in existing:
                    continue
                again = _clean(action_to_domain(old).as_input())
                new = self._insert(actions, conference_id, again, None, None)
                write_audience(new, read_audience(old))  # what was held back last time still is
                created.append(new)
            old_header = headers.get(source.id)
            if old_header is not None:
                row = headers.get(conference_id)
                if row is None:
                    row = headers.add(
                        PlanHeaderRow(
                            conference_id=conference_id,
                            bottom_lines="",
                            contingency="",
                            next_review_reason="",
                        )
                    )
                if not row.bottom_lines:
                    row.bottom_lines = old_header.bottom_lines
                if not row.contingency:
                    row.contingency = old_header.contingency
            uow.commit()
            return CarriedForward(
                source.id, tuple(action_to_domain(r) for r in created), header_before.as_input()
            )
