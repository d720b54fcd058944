"""Queries for issue 19: family group decision-making, alerts and their stages, RAG ratings, feedback,
and what the home-education flag needs (open plans, open enquiries)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from iro_desktop.domain.alerts import Alert, AlertReason, AlertStage, Rag, RagRating, StageOutcome
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.feedback import Answer, FeedbackForm, Questionnaire, Source
from iro_desktop.domain.fgdm import Fgdm, FgdmResponse
from iro_desktop.store.models import (
    AlertRow,
    AlertStageRow,
    ChildPlanHistoryRow,
    ChildRow,
    ConferenceRow,
    FamilyRow,
    FeedbackFormRow,
    FgdmRow,
    RagRatingRow,
)


def fgdm_to_domain(row: FgdmRow) -> Fgdm:
    return Fgdm(
        id=row.id,
        family_id=row.family_id,
        offered_on=row.offered_on,
        offered_to=row.offered_to,
        response=FgdmResponse(row.response),
        held_on=row.held_on,
        facilitated_by=row.facilitated_by,
        not_offered_reason=row.not_offered_reason,
        letter_before_proceedings_on=row.letter_before_proceedings_on,
    )


def stage_to_domain(row: AlertStageRow) -> AlertStage:
    return AlertStage(
        id=row.id,
        stage=row.stage,
        manager=row.manager,
        raised_on=row.raised_on,
        due_on=row.due_on,
        response=row.response,
        responded_on=row.responded_on,
        outcome=StageOutcome(row.outcome),
        outcome_on=row.outcome_on,
        outcome_note=row.outcome_note,
    )


def alert_to_domain(row: AlertRow, child_name: str = "") -> Alert:
    return Alert(
        id=row.id,
        child_id=row.child_id,
        reason=AlertReason(row.reason),
        detail=row.detail,
        raised_on=row.raised_on,
        raised_by=row.raised_by,
        stages=tuple(stage_to_domain(s) for s in sorted(row.stages, key=lambda s: s.stage)),
        child_name=child_name,
    )


def rag_to_domain(row: RagRatingRow) -> RagRating:
    return RagRating(row.id, row.child_id, row.rated_on, Rag(row.rating), row.reason, row.midway_on)


def feedback_to_domain(row: FeedbackFormRow) -> FeedbackForm:
    try:
        raw = json.loads(row.answers)
    except ValueError:
        raw = {}
    answers = {str(k): Answer(v) for k, v in raw.items() if v in Answer.__members__.values()}
    return FeedbackForm(
        questionnaire=Questionnaire(row.questionnaire),
        conference_type=ConferenceType(row.conference_type),
        conference_date=row.conference_date,
        answers=answers,
        comment=row.comment,
        source=Source(row.source),
        id=row.id,
    )


class QualityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # Family group decision-making.

    def fgdm(self, family_id: str) -> FgdmRow | None:
        return self.session.scalars(select(FgdmRow).where(FgdmRow.family_id == family_id)).first()

    def all_fgdm(self) -> list[FgdmRow]:
        return list(self.session.scalars(select(FgdmRow)))

    # Alerts.

    def alert(self, alert_id: str) -> AlertRow:
        row = self.session.get(AlertRow, alert_id)
        if row is None:
            raise NotFound("That alert is no longer in the records.")
        return row

    def alerts(self, child_ids: Iterable[str] | None = None) -> list[tuple[AlertRow, str]]:
        """Alerts (with their stages) and the child's name, oldest first; all children when None."""
        stmt = (
            select(AlertRow, ChildRow.given_name, ChildRow.family_name)
            .join(ChildRow, ChildRow.id == AlertRow.child_id)
            .options(selectinload(AlertRow.stages))
            .order_by(AlertRow.raised_on, AlertRow.id)
        )
        if child_ids is not None:
            ids = list(child_ids)
            if not ids:
                return []
            stmt = stmt.where(AlertRow.child_id.in_(ids))
        return [(row, f"{given} {family}".strip()) for row, given, family in self.session.execute(stmt)]

    # RAG ratings.

    def rag_ratings(self, child_ids: Iterable[str] | None = None) -> list[RagRatingRow]:
        stmt = select(RagRatingRow).order_by(RagRatingRow.rated_on, RagRatingRow.id)
        if child_ids is not None:
            stmt = stmt.where(RagRatingRow.child_id.in_(list(child_ids)))
        return list(self.session.scalars(stmt))

    # Feedback.

    def feedback(self) -> list[FeedbackFormRow]:
        return list(self.session.scalars(select(FeedbackFormRow).order_by(FeedbackFormRow.conference_date)))

    # What the home-education flag and the FGDM prompt need.

    def open_plan_starts(self, child_ids: Iterable[str]) -> dict[str, date]:
        """Child id -> the start of the child's open plan (no end date), for those with one."""
        ids = list(child_ids)
        if not ids:
            return {}
        stmt = select(ChildPlanHistoryRow.child_id, ChildPlanHistoryRow.started_on).where(
            ChildPlanHistoryRow.child_id.in_(ids), ChildPlanHistoryRow.ended_on.is_(None)
        )
        out: dict[str, date] = {}
        for child_id, started in self.session.execute(stmt):
            out[child_id] = min(started, out.get(child_id, started))
        return out

    def children_on_open_plans(self) -> list[tuple[str, str, str, str]]:
        """(child id, child's name, family id, family name) for every child with an open plan."""
        stmt = (
            select(ChildRow.id, ChildRow.given_name, ChildRow.family_name, FamilyRow.id, FamilyRow.name)
            .join(FamilyRow, FamilyRow.id == ChildRow.family_id)
            .where(
                ChildRow.id.in_(
                    select(ChildPlanHistoryRow.child_id).where(ChildPlanHistoryRow.ended_on.is_(None))
                )
            )
            .order_by(FamilyRow.name, ChildRow.id)
        )
        return [
            (cid, f"{given} {surname}".strip(), family_id, family)
            for cid, given, surname, family_id, family in self.session.execute(stmt)
        ]

    def family_conference_dates(self, child_id: str) -> tuple[list[tuple[date, bool]], list[date]]:
        """For the child's family: conferences held (held on, initial?) and conferences booked (date)."""
        family_id = self.session.scalar(select(ChildRow.family_id).where(ChildRow.id == child_id))
        if family_id is None:
            raise NotFound("That child is no longer in the records.")
        held: list[tuple[date, bool]] = []
        booked: list[date] = []
        initial = {t.value for t in ConferenceType if t.is_initial}
        stmt = select(
            ConferenceRow.conference_type,
            ConferenceRow.status,
            ConferenceRow.scheduled_date,
            ConferenceRow.held_on,
        ).where(ConferenceRow.family_id == family_id)
        for kind, status, scheduled, held_on in self.session.execute(stmt):
            if status == "held":
                held.append((held_on or scheduled, kind in initial))
            elif status in ("scheduled", "in_progress"):
                booked.append(scheduled)
        return held, booked

    def child_families(self, child_ids: Iterable[str]) -> dict[str, str]:
        ids = list(child_ids)
        if not ids:
            return {}
        stmt = select(ChildRow.id, ChildRow.family_id).where(ChildRow.id.in_(ids))
        return {cid: fid for cid, fid in self.session.execute(stmt)}

    def families_with_open_enquiry(self, family_ids: Iterable[str]) -> set[str]:
        """Families with an initial conference booked and not yet held, stood down or adjourned: the
        section 47 enquiry that led to it is still open."""
        ids = list(family_ids)
        if not ids:
            return set()
        initial = [t.value for t in ConferenceType if t.is_initial]
        stmt = select(ConferenceRow.family_id).where(
            ConferenceRow.family_id.in_(ids),
            ConferenceRow.conference_type.in_(initial),
            ConferenceRow.status.in_(("scheduled", "in_progress")),
        )
        return set(self.session.scalars(stmt))
