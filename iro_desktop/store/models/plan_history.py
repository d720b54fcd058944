"""Plan history per child (shared with decisions/plans work): enough to count repeat plans."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin


class ChildPlanHistoryRow(IdMixin, Base):
    __tablename__ = "child_plan_history"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(16))
    end_reason: Mapped[str] = mapped_column(String(40), default="")
