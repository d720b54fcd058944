"""Conferences."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin, VersionedMixin, utcnow


class ConferenceRow(IdMixin, VersionedMixin, Base):
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
    # Issue 3: booking details, status with reasons, report dates, follow-up dates.
    clock_start_kind: Mapped[str | None] = mapped_column(String(32))
    clerk_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    interpreter_language: Mapped[str] = mapped_column(String(60), default="", server_default="")
    previous_conference_id: Mapped[str | None] = mapped_column(
        ForeignKey("conferences.id", ondelete="SET NULL"), index=True
    )
    held_on: Mapped[date | None] = mapped_column(Date)
    lateness_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    stood_down_reason: Mapped[str] = mapped_column(String(40), default="", server_default="")
    status_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    rearranged_to_id: Mapped[str | None] = mapped_column(ForeignKey("conferences.id", ondelete="SET NULL"))
    report_to_parents_on: Mapped[date | None] = mapped_column(Date)
    report_to_chair_on: Mapped[date | None] = mapped_column(Date)
    quoracy_override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    core_group_on: Mapped[date | None] = mapped_column(Date)
    record_distributed_on: Mapped[date | None] = mapped_column(Date)
    # Issue 19: who chaired, in which role, and the chair's statement of independence.
    chair_role: Mapped[str] = mapped_column(String(16), default="independent", server_default="independent")
    chair_took_part_in_enquiry: Mapped[str] = mapped_column(String(8), default="", server_default="")
    chair_held_case: Mapped[str] = mapped_column(String(8), default="", server_default="")
    chair_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
