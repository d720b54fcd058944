"""Issue 19: family group decision-making per family, alerts with their stages, RAG ratings, and the
anonymous feedback forms (no person, no conference id: only the conference type and date)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iro_desktop.store.models.base import Base, IdMixin, utcnow


class FgdmRow(IdMixin, Base):
    __tablename__ = "family_group_decisions"

    family_id: Mapped[str] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"), unique=True)
    offered_on: Mapped[date | None] = mapped_column(Date)
    offered_to: Mapped[str] = mapped_column(String(200), default="")
    response: Mapped[str] = mapped_column(String(16), default="")
    held_on: Mapped[date | None] = mapped_column(Date)
    facilitated_by: Mapped[str] = mapped_column(String(200), default="")
    not_offered_reason: Mapped[str] = mapped_column(String(200), default="")
    letter_before_proceedings_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AlertRow(IdMixin, Base):
    __tablename__ = "alerts"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[date] = mapped_column(Date)
    raised_by: Mapped[str] = mapped_column(String(120), default="")
    stages: Mapped[list[AlertStageRow]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="AlertStageRow.stage"
    )


class AlertStageRow(IdMixin, Base):
    __tablename__ = "alert_stages"

    alert_id: Mapped[str] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    stage: Mapped[int] = mapped_column(Integer)
    manager: Mapped[str] = mapped_column(String(120))
    raised_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    response: Mapped[str] = mapped_column(Text, default="")
    responded_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(16), default="")
    outcome_on: Mapped[date | None] = mapped_column(Date)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    alert: Mapped[AlertRow] = relationship(back_populates="stages")


class RagRatingRow(IdMixin, Base):
    __tablename__ = "rag_ratings"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    rated_on: Mapped[date] = mapped_column(Date)
    rating: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text, default="")
    midway_on: Mapped[date | None] = mapped_column(Date)


class FeedbackFormRow(IdMixin, Base):
    __tablename__ = "feedback_forms"

    questionnaire: Mapped[str] = mapped_column(String(16))
    conference_type: Mapped[str] = mapped_column(String(32))
    conference_date: Mapped[date] = mapped_column(Date)
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: question code -> yes/partly/no
    comment: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="laptop")
