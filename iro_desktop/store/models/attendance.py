"""Invitations and attendance per person per conference; advocacy answers per child."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iro_desktop.store.models.base import Base, IdMixin, VersionedMixin
from iro_desktop.store.models.people import PersonRow


class InvitationRow(IdMixin, VersionedMixin, Base):
    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("conference_id", "person_id", name="uq_invitations_conference_person"),
    )

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    invited_on: Mapped[date | None] = mapped_column(Date)
    attendance: Mapped[str] = mapped_column(String(16), default="expected")
    exclusion_reason: Mapped[str] = mapped_column(Text, default="")
    report_received_on: Mapped[date | None] = mapped_column(Date)
    person: Mapped[PersonRow] = relationship(lazy="joined")


class AdvocacyRow(IdMixin, Base):
    __tablename__ = "advocacy_answers"
    __table_args__ = (
        UniqueConstraint("conference_id", "child_id", name="uq_advocacy_answers_conference_child"),
    )

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
