"""Issue 18: each parent's decision letter as sent, and the requests to correct a record."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin, utcnow


class DecisionLetterRow(IdMixin, Base):
    """A decision letter recorded as sent to one parent or carer of one conference."""

    __tablename__ = "decision_letters"
    __table_args__ = (UniqueConstraint("conference_id", "person_id"),)

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    sent_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CorrectionRequestRow(IdMixin, Base):
    """Someone asked for an inaccuracy in a record to be corrected; its outcome once decided."""

    __tablename__ = "correction_requests"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    requester_name: Mapped[str] = mapped_column(String(120))
    requester_kind: Mapped[str] = mapped_column(String(16))
    what: Mapped[str] = mapped_column(Text)
    received_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    outcome_reason: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    amendment_version: Mapped[int | None] = mapped_column(Integer)
    logged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
