"""Hand-off snapshots: the content of a conference as last exported or imported as a file, so a later
import can compare field by field against the version both sides started from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin, utcnow


class HandoffSnapshotRow(IdMixin, Base):
    __tablename__ = "handoff_snapshots"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per conference: the latest is the largest
    revision: Mapped[str] = mapped_column(String(64), index=True)
    based_on: Mapped[str | None] = mapped_column(String(64))
    content_json: Mapped[str] = mapped_column(Text)
    direction: Mapped[str] = mapped_column(String(16))  # "exported" or "imported"
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))
