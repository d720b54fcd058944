"""A copy for each reader (issue 18): the distribution log, the answers to the release check, and the
conference's people as the check sees them (with their households)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.disclosure import OtherPerson
from iro_desktop.domain.people import Role
from iro_desktop.store.models import DistributionLogRow, InvitationRow, RecipientRow, ReleaseAnswerRow


class DistributionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def log(self, record_id: str) -> list[DistributionLogRow]:
        stmt = (
            select(DistributionLogRow)
            .where(DistributionLogRow.record_id == record_id)
            .order_by(
                DistributionLogRow.made_at, DistributionLogRow.recipient_name, DistributionLogRow.document
            )
        )
        return list(self.session.scalars(stmt))

    def add_log(self, row: DistributionLogRow) -> DistributionLogRow:
        self.session.add(row)
        return row

    def answers(self, recipient_id: str) -> list[ReleaseAnswerRow]:
        stmt = select(ReleaseAnswerRow).where(ReleaseAnswerRow.recipient_id == recipient_id)
        return list(self.session.scalars(stmt))

    def answer(self, recipient_id: str, flag_key: str) -> ReleaseAnswerRow | None:
        stmt = select(ReleaseAnswerRow).where(
            ReleaseAnswerRow.recipient_id == recipient_id, ReleaseAnswerRow.flag_key == flag_key
        )
        return self.session.scalars(stmt).first()

    def add_answer(self, row: ReleaseAnswerRow) -> ReleaseAnswerRow:
        self.session.add(row)
        return row

    def recipient(self, recipient_id: str) -> RecipientRow | None:
        return self.session.get(RecipientRow, recipient_id)

    def people(self, conference_id: str) -> list[OtherPerson]:
        """The conference's invited people: family or not, and their household."""
        stmt = select(InvitationRow).where(InvitationRow.conference_id == conference_id)
        return [
            OtherPerson(r.person.id, r.person.name, Role(r.person.role).is_family, r.person.household)
            for r in self.session.scalars(stmt).unique()
        ]

    def flush(self) -> None:
        self.session.flush()
