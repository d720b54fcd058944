"""Conferences."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, DateTime, ForeignKey, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin, utcnow


class ConferenceRow(IdMixin, Base):
    __tablename__ = "conferences"

    family_id: Mapped[str] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"), index=True)
    conference_type: Mapped[str] = mapped_column(String(32))
    clock_start: Mapped[date | None] = mapped_column(Date)
    scheduled_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    chair_name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
