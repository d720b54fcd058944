"""Local rules (clock settings, quoracy rule, stood-down reasons): council-wide key/value pairs."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base


class LocalRuleRow(Base):
    __tablename__ = "local_rules"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
