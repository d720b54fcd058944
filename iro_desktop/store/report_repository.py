"""What the annual report reads: whole tables as plain column rows (no ORM objects, so ten years of a
large council load quickly), aggregated in SQL where a count or a latest day is all the report needs.

Which rows count for what (family roles, record states) is the caller's to say; this module only reads.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from iro_desktop.store.models import (
    AgencyRow,
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ChildRow,
    ConferenceRow,
    DissentRow,
    FamilyRow,
    InvitationRow,
    PersonRow,
    RecipientRow,
    RecordRow,
)

# A row of plain column values: unpacks like a tuple, and names its columns (`row.id`).
PlainRow = Row[*tuple[Any, ...]]


class ReportRepository:
    """Every read is one query over the whole store, in a stable order where the order matters."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def children(self) -> Iterator[PlainRow]:
        """(id, family id, date of birth, expected date, unborn, gender, ethnicity code, disability,
        given name, family name, disability known) per child, by family and then each family's own
        order."""
        stmt = select(
            ChildRow.id,
            ChildRow.family_id,
            ChildRow.date_of_birth,
            ChildRow.expected_date,
            ChildRow.unborn,
            ChildRow.gender,
            ChildRow.ethnicity_code,
            ChildRow.disability,
            ChildRow.given_name,
            ChildRow.family_name,
            ChildRow.disability_known,
        ).order_by(ChildRow.family_id, ChildRow.sort_order, ChildRow.id)
        return iter(self.session.execute(stmt))

    def decisions(self) -> Iterator[PlainRow]:
        """(conference id, child id, category) per decision recorded."""
        stmt = select(ChildDecisionRow.conference_id, ChildDecisionRow.child_id, ChildDecisionRow.category)
        return iter(self.session.execute(stmt))

    def attendance_of(self, roles: Collection[str], leaving_out: str) -> Iterator[PlainRow]:
        """(conference id, attendance, household) per invitation of a person in one of `roles`, except
        invitations whose attendance is `leaving_out`."""
        stmt = (
            select(InvitationRow.conference_id, InvitationRow.attendance, PersonRow.household)
            .join(PersonRow, PersonRow.id == InvitationRow.person_id)
            .where(PersonRow.role.in_(roles), InvitationRow.attendance != leaving_out)
        )
        return iter(self.session.execute(stmt))

    def dissent_counts(self) -> dict[str, int]:
        """Conference id -> how many dissents it recorded (conferences with none are left out)."""
        stmt = select(DissentRow.conference_id, func.count()).group_by(DissentRow.conference_id)
        return {cid: int(n) for cid, n in self.session.execute(stmt)}

    def last_sent(self, state: str) -> dict[str, date]:
        """Conference id -> the day its record went to its last recipient, for records in `state`
        (records with no sending day are left out)."""
        stmt = (
            select(RecordRow.conference_id, func.max(RecipientRow.sent_on))
            .join(RecipientRow, RecipientRow.record_id == RecordRow.id)
            .where(RecordRow.state == state)
            .group_by(RecordRow.conference_id)
        )
        return {cid: day for cid, day in self.session.execute(stmt) if day is not None}

    def plans(self) -> Iterator[PlainRow]:
        """(id, child id, started on, ended on, category, end reason, started conference id, ended
        conference id, re-categorised conference id, category before) per plan period; the conference
        links are None for a period without links."""
        stmt = select(
            ChildPlanHistoryRow.id,
            ChildPlanHistoryRow.child_id,
            ChildPlanHistoryRow.started_on,
            ChildPlanHistoryRow.ended_on,
            ChildPlanHistoryRow.category,
            ChildPlanHistoryRow.end_reason,
            ChildPlanHistoryLinkRow.started_conference_id,
            ChildPlanHistoryLinkRow.ended_conference_id,
            ChildPlanHistoryLinkRow.recategorised_conference_id,
            ChildPlanHistoryLinkRow.category_before,
        ).outerjoin(ChildPlanHistoryLinkRow, ChildPlanHistoryLinkRow.history_id == ChildPlanHistoryRow.id)
        return iter(self.session.execute(stmt))

    def conferences(self) -> list[PlainRow]:
        """Every conference's report columns, by name (`row.id`, `row.held_on`, ...)."""
        stmt = select(
            ConferenceRow.id,
            ConferenceRow.family_id,
            ConferenceRow.conference_type,
            ConferenceRow.scheduled_date,
            ConferenceRow.status,
            ConferenceRow.held_on,
            ConferenceRow.clock_start,
            ConferenceRow.stood_down_reason,
            ConferenceRow.lateness_reason,
            ConferenceRow.chair_name,
            ConferenceRow.report_to_parents_on,
            ConferenceRow.report_to_chair_on,
            ConferenceRow.record_distributed_on,
            ConferenceRow.quoracy_override_reason,
            ConferenceRow.rearranged_to_id,
            ConferenceRow.chair_role,
            ConferenceRow.chair_took_part_in_enquiry,
            ConferenceRow.chair_held_case,
            ConferenceRow.chair_reason,
        )
        return list(self.session.execute(stmt))

    def ways_of_taking_part(self) -> Iterator[PlainRow]:
        """(conference id, role, agency kind, team discipline, attendance, took part) per invitation of
        someone who attended or sent a written report (issue 19)."""
        stmt = (
            select(
                InvitationRow.conference_id,
                PersonRow.role,
                AgencyRow.kind,
                PersonRow.team_discipline,
                InvitationRow.attendance,
                InvitationRow.took_part,
            )
            .join(PersonRow, PersonRow.id == InvitationRow.person_id)
            .outerjoin(AgencyRow, AgencyRow.id == PersonRow.agency_id)
            .where(InvitationRow.attendance.in_(("attended", "sent_report")))
        )
        return iter(self.session.execute(stmt))

    def family_references(self) -> dict[str, str]:
        """Family id -> reference, for every family."""
        return {fid: ref for fid, ref in self.session.execute(select(FamilyRow.id, FamilyRow.reference))}
