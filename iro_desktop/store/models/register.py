"""Families and children."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iro_desktop.store.models.base import Base, IdMixin, utcnow


class FamilyRow(IdMixin, Base):
    __tablename__ = "families"

    reference: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    children: Mapped[list[ChildRow]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="ChildRow.sort_order"
    )


class ChildRow(IdMixin, Base):
    __tablename__ = "children"

    family_id: Mapped[str] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"), index=True)
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    expected_date: Mapped[date | None] = mapped_column(Date)
    unborn: Mapped[bool] = mapped_column(Boolean, default=False)
    gender: Mapped[str] = mapped_column(String(16), default="unknown")
    ethnicity_code: Mapped[str] = mapped_column(String(8), default="")
    disability: Mapped[bool] = mapped_column(Boolean, default=False)
    # False when the source (a historical extract) said disability is not known: not the same as "no".
    disability_known: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    case_number: Mapped[str] = mapped_column(String(40), default="")
    # Issue 19: ten digits, or empty; an unborn child's is the mother's (CP-IS).
    nhs_number: Mapped[str] = mapped_column(String(10), default="", server_default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    family: Mapped[FamilyRow] = relationship(back_populates="children")
