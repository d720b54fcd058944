"""A copy for each reader (issue 18): what went to whom, and the answers to the check before release."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin, utcnow


class DistributionLogRow(IdMixin, Base):
    """One document sent to one recipient. Never changed; the recipient's name is kept as it was."""

    __tablename__ = "distribution_log"

    record_id: Mapped[str] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[str | None] = mapped_column(
        ForeignKey("record_recipients.id", ondelete="SET NULL"), index=True
    )
    recipient_name: Mapped[str] = mapped_column(String(120))
    document: Mapped[str] = mapped_column(String(24))
    version: Mapped[int | None] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(String(16))
    sent_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16))
    made_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    made_by: Mapped[str] = mapped_column(String(120))
    checked: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_off_by: Mapped[str] = mapped_column(String(120), default="")


class ReleaseAnswerRow(IdMixin, Base):
    """The clerk's answer to one flag of the check on one recipient's copy (the words found are not kept:
    the flag's key is a digest of them)."""

    __tablename__ = "release_answers"
    __table_args__ = (UniqueConstraint("recipient_id", "flag_key"),)

    recipient_id: Mapped[str] = mapped_column(
        ForeignKey("record_recipients.id", ondelete="CASCADE"), index=True
    )
    flag_key: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(200))
    answer: Mapped[str] = mapped_column(String(16))
    answered_by: Mapped[str] = mapped_column(String(120))
    answered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
