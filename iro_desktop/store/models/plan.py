"""The child protection plan per conference (header and actions) and each child's plan history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.audience import AudienceColumns
from iro_desktop.store.models.base import Base, IdMixin, VersionedMixin
from iro_desktop.store.models.plan_history import ChildPlanHistoryRow  # noqa: F401 (shared)


class PlanHeaderRow(VersionedMixin, Base):
    """The family's plan as set at one conference."""

    __tablename__ = "plan_headers"

    conference_id: Mapped[str] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True
    )
    bottom_lines: Mapped[str] = mapped_column(Text, default="")
    contingency: Mapped[str] = mapped_column(Text, default="")
    core_group_date: Mapped[date | None] = mapped_column(Date)
    next_review_date: Mapped[date | None] = mapped_column(Date)
    next_review_reason: Mapped[str] = mapped_column(Text, default="")


class PlanActionRow(IdMixin, AudienceColumns, VersionedMixin, Base):
    __tablename__ = "plan_actions"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    what: Mapped[str] = mapped_column(Text)
    who_person: Mapped[str] = mapped_column(String(120), default="")
    who_agency: Mapped[str] = mapped_column(String(120), default="")
    by_when: Mapped[date | None] = mapped_column(Date)
    done_when: Mapped[str] = mapped_column(Text, default="")
    safety_goal_id: Mapped[str] = mapped_column(String(36), default="")
    status: Mapped[str] = mapped_column(String(16), default="not_started")


# ChildPlanHistoryRow (table child_plan_history) is shared with the register: see plan_history.py.


class ChildPlanHistoryLinkRow(Base):
    """Which conference started, ended or re-categorised a plan period, so a decision changed or
    withdrawn during the meeting can be taken back out of the history exactly."""

    __tablename__ = "child_plan_history_links"

    history_id: Mapped[str] = mapped_column(
        ForeignKey("child_plan_history.id", ondelete="CASCADE"), primary_key=True
    )
    started_conference_id: Mapped[str | None] = mapped_column(
        ForeignKey("conferences.id", ondelete="SET NULL"), index=True
    )
    ended_conference_id: Mapped[str | None] = mapped_column(
        ForeignKey("conferences.id", ondelete="SET NULL"), index=True
    )
    recategorised_conference_id: Mapped[str | None] = mapped_column(
        ForeignKey("conferences.id", ondelete="SET NULL"), index=True
    )
    category_before: Mapped[str] = mapped_column(String(8), default="")
