"""The Signs of Safety map of a conference: items and scaling scores."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin, VersionedMixin, utcnow


class MapItemRow(IdMixin, VersionedMixin, Base):
    __tablename__ = "map_items"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("children.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(120), default="")
    carried_forward: Mapped[bool] = mapped_column(Boolean, default=False)
    # The item on the previous conference's map this one was carried from (kept even if that one goes).
    carried_from_id: Mapped[str | None] = mapped_column(String(36))
    # For a danger statement: the safety goal it pairs with.
    goal_id: Mapped[str | None] = mapped_column(ForeignKey("map_items.id", ondelete="SET NULL"))
    # Who may read it (issue 18, domain/audience.py): "everyone", "professionals" or "except" the people
    # whose ids are in the JSON list, with a reason code and, for "other", its words.
    audience_kind: Mapped[str] = mapped_column(String(16), default="everyone", server_default="everyone")
    audience_excluded: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    audience_reason: Mapped[str] = mapped_column(String(32), default="", server_default="")
    audience_reason_words: Mapped[str] = mapped_column(String(200), default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ScaleScoreRow(IdMixin, VersionedMixin, Base):
    __tablename__ = "scale_scores"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    # None: the overall safety scale.
    danger_id: Mapped[str | None] = mapped_column(ForeignKey("map_items.id", ondelete="CASCADE"))
    participant: Mapped[str] = mapped_column(String(80))
    score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
