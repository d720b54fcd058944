"""Agencies and people (professionals and family members) invited to conferences."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iro_desktop.store.models.base import Base, IdMixin


class AgencyRow(IdMixin, Base):
    __tablename__ = "agencies"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(16))


class PersonRow(IdMixin, Base):
    __tablename__ = "people"

    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(32))
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"), index=True)
    family_id: Mapped[str | None] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"), index=True)
    contact: Mapped[str] = mapped_column(String(200), default="")
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    # Family members living together share a household ("" is the family's one household), so family
    # attendance can be counted per household as annual reports do.
    household: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # Issue 19: a member of a multi-agency child protection team: their discipline ("" otherwise).
    team_discipline: Mapped[str] = mapped_column(String(16), default="", server_default="")
    agency: Mapped[AgencyRow | None] = relationship(lazy="joined")
