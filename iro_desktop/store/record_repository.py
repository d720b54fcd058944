"""Queries for conference records (state, summary, distribution list, locked versions) and the
conference and family each belongs to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from iro_desktop.domain.record import RecordState
from iro_desktop.store.models import ConferenceRow, FamilyRow, RecordRow, RecordSectionRow


class RecordRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_conference(self, conference_id: str) -> RecordRow | None:
        """The conference's record (None: nobody has opened it yet)."""
        return self.session.scalars(select(RecordRow).where(RecordRow.conference_id == conference_id)).first()

    def all(self) -> list[RecordRow]:
        """Every record, by conference id."""
        return list(self.session.scalars(select(RecordRow).order_by(RecordRow.conference_id)))

    def not_distributed(self) -> list[RecordRow]:
        """Records whose state is anything but distributed (the clerk's queue)."""
        stmt = select(RecordRow).where(RecordRow.state != RecordState.DISTRIBUTED.value)
        return list(self.session.scalars(stmt).all())

    def for_family(self, family_id: str) -> list[RecordRow]:
        """The records of the family's conferences (conferences without a record left out)."""
        conference_ids = self.session.scalars(
            select(ConferenceRow.id).where(ConferenceRow.family_id == family_id)
        )
        return [r for cid in conference_ids if (r := self.for_conference(cid)) is not None]

    def conference(self, conference_id: str) -> ConferenceRow | None:
        """The conference a record belongs to (None: no longer in the records)."""
        return self.session.get(ConferenceRow, conference_id)

    def family(self, family_id: str) -> FamilyRow | None:
        return self.session.get(FamilyRow, family_id)

    def add(self, row: RecordRow) -> RecordRow:
        """Add and write it at once, so it has its id and later reads find it."""
        self.session.add(row)
        self.session.flush()
        return row

    def add_or_existing(self, conference_id: str, state: str) -> RecordRow:
        """The conference's record, added in `state` unless another desktop added it at the same moment
        (then theirs, read again)."""
        try:
            with self.session.begin_nested():
                return self.add(RecordRow(conference_id=conference_id, state=state))
        except IntegrityError:
            row = self.for_conference(conference_id)
            if row is None:
                raise
            return row

    def add_section(self, record: RecordRow, key: str, agency: str, text: str) -> RecordSectionRow | None:
        """Add a summary section holding `text`, in a savepoint. None when another desktop added the same
        section first (its unique key taken meanwhile): nothing of this one is kept, and `record`'s
        sections read again show theirs (issue 16: the save then goes by the merge rule)."""
        section = RecordSectionRow(
            record_id=record.id, key=key, agency=agency, text=text, sort_order=len(record.sections)
        )
        try:
            with self.session.begin_nested():
                self.session.add(section)
                self.session.flush()
        except IntegrityError:
            self.session.expire(record, ["sections"])
            return None
        self.session.expire(record, ["sections"])
        return section

    def flush(self) -> None:
        """Write pending changes to the records (new versions, sections) so what reads next sees them."""
        self.session.flush()
