"""Invitations and attendance per person per conference; advocacy answers per child."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iro_desktop.store.models.audience import AudienceColumns
from iro_desktop.store.models.base import Base, IdMixin, VersionedMixin
from iro_desktop.store.models.people import PersonRow


class InvitationRow(IdMixin, AudienceColumns, VersionedMixin, Base):
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
    # Issue 19: how they took part, when they joined and left (the decisions' clock), interpreter, supporter.
    took_part: Mapped[str] = mapped_column(String(16), default="", server_default="")
    joined_at: Mapped[datetime | None] = mapped_column(DateTime)
    left_at: Mapped[datetime | None] = mapped_column(DateTime)
    interpreter_language: Mapped[str] = mapped_column(String(60), default="", server_default="")
    interpreter_not_family: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    supports_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    person: Mapped[PersonRow] = relationship(lazy="joined", foreign_keys=[person_id])
    supports: Mapped[PersonRow | None] = relationship(lazy="joined", foreign_keys=[supports_person_id])


class AdvocacyRow(IdMixin, VersionedMixin, Base):
    __tablename__ = "advocacy_answers"
    __table_args__ = (
        UniqueConstraint("conference_id", "child_id", name="uq_advocacy_answers_conference_child"),
    )

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")


class ChildPractitionerRow(IdMixin, Base):
    """The Lead Practitioner or Family Help Lead Practitioner for a child (issue 19)."""

    __tablename__ = "child_practitioners"
    __table_args__ = (UniqueConstraint("child_id", "kind", name="uq_child_practitioners_child_kind"),)

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    person: Mapped[PersonRow] = relationship(lazy="joined")
