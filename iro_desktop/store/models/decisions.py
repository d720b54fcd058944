"""Decisions per child per conference, their significant factors, dissent, and local policy settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iro_desktop.store.models.audience import AudienceColumns
from iro_desktop.store.models.base import Base, IdMixin, VersionedMixin


class ChildDecisionRow(IdMixin, AudienceColumns, VersionedMixin, Base):
    __tablename__ = "child_decisions"
    __table_args__ = (
        UniqueConstraint("conference_id", "child_id", name="uq_child_decisions_conference_child"),
    )

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(1))
    multiple_reason: Mapped[str] = mapped_column(Text, default="")
    cin_meeting_date: Mapped[date | None] = mapped_column(Date)
    rationale: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    factors: Mapped[list[ChildDecisionFactorRow]] = relationship(
        cascade="all, delete-orphan", order_by="ChildDecisionFactorRow.sort_order"
    )


class ChildDecisionFactorRow(IdMixin, Base):
    """One significant factor ticked for a child's decision (a row each, so reports can count them)."""

    __tablename__ = "child_decision_factors"

    decision_id: Mapped[str] = mapped_column(ForeignKey("child_decisions.id", ondelete="CASCADE"), index=True)
    factor_code: Mapped[str] = mapped_column(String(40))
    sort_order: Mapped[int] = mapped_column(default=0)


class DissentRow(IdMixin, AudienceColumns, VersionedMixin, Base):
    """Dissent about the decision for one child at one conference."""

    __tablename__ = "decision_dissents"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    agency: Mapped[str] = mapped_column(String(120))
    view: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    chair_response: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)


class LocalPolicyRow(Base):
    """Local policy the whole team shares (kept with the records, not per machine): key and text value."""

    __tablename__ = "local_policy"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
