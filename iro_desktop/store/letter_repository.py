"""Queries for decision letters and correction requests (issue 18)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.letters import LETTER_ROLES, CorrectionOutcome, CorrectionRequest, RequesterKind
from iro_desktop.store.models import CorrectionRequestRow, DecisionLetterRow, InvitationRow, PersonRow

_CHUNK = 500


class LetterRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_conference(self, conference_id: str) -> dict[str, DecisionLetterRow]:
        """The letters recorded as sent, by person id."""
        rows = self.session.scalars(
            select(DecisionLetterRow).where(DecisionLetterRow.conference_id == conference_id)
        )
        return {r.person_id: r for r in rows}

    def for_conferences(self, conference_ids: Iterable[str]) -> dict[str, dict[str, DecisionLetterRow]]:
        """Conference id -> person id -> letter, for any number of conferences (one query per 500)."""
        ids = sorted(set(conference_ids))
        out: dict[str, dict[str, DecisionLetterRow]] = {cid: {} for cid in ids}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for r in self.session.scalars(
                select(DecisionLetterRow).where(DecisionLetterRow.conference_id.in_(chunk))
            ):
                out[r.conference_id][r.person_id] = r
        return out

    def owed(self, conference_ids: Iterable[str]) -> dict[str, list[str]]:
        """Conference id -> the parents and carers on its list (each owed a letter), one query per 500."""
        ids = sorted(set(conference_ids))
        out: dict[str, list[str]] = {cid: [] for cid in ids}
        roles = [r.value for r in LETTER_ROLES]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            stmt = (
                select(InvitationRow.conference_id, InvitationRow.person_id)
                .join(PersonRow, PersonRow.id == InvitationRow.person_id)
                .where(
                    InvitationRow.conference_id.in_(chunk),
                    PersonRow.role.in_(roles),
                    InvitationRow.attendance != Attendance.NOT_INVITED.value,
                )
            )
            for conference_id, person_id in self.session.execute(stmt):
                out[conference_id].append(person_id)
        return out

    def add(self, row: DecisionLetterRow) -> DecisionLetterRow:
        self.session.add(row)
        self.session.flush()
        return row


class CorrectionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_conference(self, conference_id: str) -> list[CorrectionRequestRow]:
        return list(
            self.session.scalars(
                select(CorrectionRequestRow)
                .where(CorrectionRequestRow.conference_id == conference_id)
                .order_by(CorrectionRequestRow.received_on, CorrectionRequestRow.logged_at)
            )
        )

    def get(self, request_id: str) -> CorrectionRequestRow | None:
        return self.session.get(CorrectionRequestRow, request_id)

    def add(self, row: CorrectionRequestRow) -> CorrectionRequestRow:
        self.session.add(row)
        self.session.flush()
        return row


def correction_to_domain(row: CorrectionRequestRow, in_window: bool) -> CorrectionRequest:
    return CorrectionRequest(
        id=row.id,
        conference_id=row.conference_id,
        requester_name=row.requester_name,
        requester_kind=RequesterKind(row.requester_kind),
        what=row.what,
        received_on=row.received_on,
        outcome=CorrectionOutcome(row.outcome),
        outcome_reason=row.outcome_reason,
        decided_on=row.decided_on,
        amendment_version=row.amendment_version,
        in_window=in_window,
        person_id=row.person_id,
    )
