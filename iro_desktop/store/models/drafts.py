"""Words typed in the meeting but not yet recorded (a decision being drafted, a dissent being written),
kept so that closing the app, a crash or another child's decision being recorded loses none of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin, utcnow


class UnrecordedDraftRow(IdMixin, Base):
    __tablename__ = "unrecorded_drafts"
    __table_args__ = (UniqueConstraint("conference_id", "child_id", "kind"),)

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[str | None] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE")
    )  # None: family
    kind: Mapped[str] = mapped_column(String(32))  # "decision" (dissent included), "plan_action"
    content_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
