"""The idempotency keys of edits replayed from a desktop's outage journal (issue 16 item 4): one row per
edit applied, written in the same transaction as the edit, so an edit is never applied twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, utcnow


class AppliedEditRow(Base):
    __tablename__ = "applied_edits"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)  # a random uuid: no personal data
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
