"""The four columns that say who may read a row's content (issue 18, domain/audience.py), shared by every
kind of content; and the parts of a meeting a person spent out of the room."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, IdMixin


class AudienceColumns:
    """ "everyone", "professionals" or "except" the people whose ids are in the JSON list, with a reason
    code and, for "other", its words."""

    audience_kind: Mapped[str] = mapped_column(String(16), default="everyone", server_default="everyone")
    audience_excluded: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    audience_reason: Mapped[str] = mapped_column(String(32), default="", server_default="")
    audience_reason_words: Mapped[str] = mapped_column(String(200), default="", server_default="")


class RoomAbsenceRow(IdMixin, Base):
    """A part of the meeting one person spent out of the room (excluded for part of it): open while
    `ended_at` is empty. What is captured meanwhile is kept from them."""

    __tablename__ = "room_absences"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
