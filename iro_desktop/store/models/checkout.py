"""Checkouts (issue 16 item 5): a conference taken out of the team store onto one chair's laptop. While
its row is here the conference is read-only on the team store for everyone but its holder."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.models.base import Base, utcnow


class CheckoutRow(Base):
    __tablename__ = "checkouts"

    # One holder at a time: the primary key is what makes two chairs taking it at once collide.
    conference_id: Mapped[str] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True
    )
    holder_id: Mapped[str] = mapped_column(String(36))  # the account (users.id) that took it
    holder_username: Mapped[str] = mapped_column(String(120))
    holder_name: Mapped[str] = mapped_column(String(120))  # shown to others: "Priya Raman has it"
    since: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive like every stamp
    revision: Mapped[str] = mapped_column(String(64))  # the conference file revision taken out
    place: Mapped[str] = mapped_column(String(200), default="")  # which laptop (its name), for the holder
